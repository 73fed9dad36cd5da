"""Audiences: folders with an `audience.toml` profile (sections, limits, template, styles, paper) that can extend another."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..errors import ConfigError
from .resources import resource_dir

PROFILE = "audience.toml"
PAPERS = ("A4", "Letter")
PAPER_CHOICES = " or ".join(f'"{p}"' for p in PAPERS)  # for error messages: "A4" or "Letter"
# Every section a note can have: each is a template `sections/NAME.html.j2` (and `.md.j2`), overridable by name.
SECTIONS = (
    "purpose", "issue", "background", "key-points", "considerations", "next-steps", "summary", "key-facts",
    "key-lines", "upcoming", "also-ahead", "actors", "who", "quotes", "timeline", "sources", "problems",
    "contents", "top-stories", "stories", "more-stories", "top-quotes",
)  # fmt: skip
LIMITS = {  # name -> what it caps; a profile sets any of them, an extending profile overrides them one by one
    "summary_sentences": "sentences in a summary (and an executive issue plus background)",
    "key_points": "key points (executive) and key lines (press)",
    "facts": "key facts",
    "quotes": "quotes",
    "actors": "actors",
    "events": "upcoming events",
    "timeline": "dated entries in the time line",
    "stories": "digest stories shown in full (the rest are listed)",
    "changes": 'items of each kind under "Since the last digest" (--compare)',
}
# The limits each section shows: only these are lowered to fit a note into `max_pages`.
SECTION_LIMITS = {
    "issue": ("summary_sentences",), "background": ("summary_sentences",), "summary": ("summary_sentences",),
    "key-points": ("key_points",), "key-lines": ("key_points",), "key-facts": ("facts",),
    "considerations": ("quotes", "actors"), "next-steps": ("events",), "upcoming": ("events",), "also-ahead": ("events",),
    "actors": ("actors",), "who": ("actors",), "quotes": ("quotes",), "top-quotes": ("quotes",),
    "timeline": ("timeline",), "stories": ("stories",), "since-last": ("changes",),
}  # fmt: skip
DEFAULT_LIMITS = {"summary_sentences": 8, "key_points": 5, "facts": 10, "quotes": 8, "actors": 25, "events": 20,
                  "timeline": 30, "stories": 20, "changes": 10}  # fmt: skip
_KEYS = {"description", "extends", "template", "markdown_template", "styles", "paper", "max_pages", "sections", "limits"}


@dataclass(frozen=True)
class Audience:
    """A resolved audience profile: its own settings over those of the audiences it extends."""

    name: str
    description: str
    origin: Path  # the folder of its audience.toml
    template: str
    markdown_template: str
    styles: tuple[str, ...]
    paper: str
    max_pages: int | None
    sections: tuple[str, ...]
    limits: Mapping[str, int]
    folders: tuple[Path, ...]  # its folder, then the folders of the audiences it extends: template search order


def find_file(name: str, roots: Sequence[Path]) -> Path | None:
    """The first of the folders holding `name`: an audience's own files come before those it extends or inherits."""
    # A symbolic link leading out of its folder is not followed: a cloned folder's files stay its own.
    return next((root / name for root in roots if (root / name).is_file() and (root / name).resolve().is_relative_to(root.resolve())), None)


def builtin_audience_dir() -> Path:
    return resource_dir("templates") / "audiences"


def audience_dirs(extra: Sequence[Path] = ()) -> list[Path]:
    """Where audiences are looked up by name: the user's folders first, then the built-ins."""
    return [*extra, builtin_audience_dir()]


def find_audience(name: str, search: Sequence[Path]) -> Path:
    if "/" in name or name.startswith("."):
        raise ConfigError(f"audience {name!r}: a name, not a path (add its parent folder to `audiences` in briefgen.toml)")
    for root in search:
        folder = root / name
        if (folder / PROFILE).is_file():
            return folder
    known = ", ".join(sorted({p.parent.name for root in search if root.is_dir() for p in root.glob(f"*/{PROFILE}")}))
    raise ConfigError(f"unknown audience {name!r} (known: {known})")


def list_audiences(search: Sequence[Path], broken: list[ConfigError] | None = None) -> list[Audience]:
    """Every audience found, by name; a user's audience hides a built-in one of the same name.

    With a `broken` list, an audience whose profile is wrong is noted there and the others are listed.
    """
    names: dict[str, None] = {}
    for root in search:
        if root.is_dir():
            for p in sorted(root.glob(f"*/{PROFILE}")):
                names.setdefault(p.parent.name)
    found = []
    for n in sorted(names):
        try:
            found.append(load_audience(n, search))
        except ConfigError as exc:
            if broken is None:
                raise
            broken.append(exc)
    return found


def load_audience(name: str, search: Sequence[Path]) -> Audience:
    """Resolve an audience and the chain it extends (parents first), checking every key and value."""
    chain: list[tuple[Path, dict[str, Any]]] = []
    current: str | None = name
    while current is not None:
        folder = find_audience(current, search)
        if any(folder == f for f, _ in chain):
            raise ConfigError(f"{folder / PROFILE}: `extends` makes a loop ({' -> '.join(f.name for f, _ in chain)} -> {current})")
        data = _read_profile(folder / PROFILE)
        chain.append((folder, data))
        current = data.get("extends")
    merged: dict[str, Any] = {}
    limits = dict(DEFAULT_LIMITS)
    for _, data in reversed(chain):
        merged.update({k: v for k, v in data.items() if k != "limits"})
        limits.update(data.get("limits", {}))
    where = chain[0][0] / PROFILE
    for required in ("template", "sections"):
        if required not in merged:
            raise ConfigError(f"{where}: no `{required}` (set it, or `extends` an audience that does)")
    return Audience(
        name=name,
        description=merged.get("description", ""),
        origin=chain[0][0],
        template=merged["template"],
        markdown_template=merged.get("markdown_template", "note.md.j2"),
        styles=tuple(merged.get("styles", ("brief.css",))),
        paper=merged.get("paper", "A4"),
        max_pages=merged.get("max_pages"),
        sections=tuple(merged["sections"]),
        limits=MappingProxyType(limits),
        folders=tuple(f for f, _ in chain),
    )


def read_toml(path: Path, known: set[str]) -> dict[str, Any]:
    """A settings file's table; an unreadable file, bad TOML or an unknown key is an error naming the file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    except RecursionError as exc:  # tomllib reads nested arrays and tables by recursion
        raise ConfigError(f"{path}: not a settings file (its arrays or tables are nested too deeply)") from exc
    for key in data:
        if key not in known:
            raise ConfigError(f"{path}: unknown key {key!r} (known: {', '.join(sorted(known))})")
    return data


def _read_profile(path: Path) -> dict[str, Any]:
    data = read_toml(path, _KEYS)
    for key, value in data.items():
        _check(path, key, value)
    return data


def _check(path: Path, key: str, value: Any) -> None:  # noqa: ANN401 - any TOML value
    def bad(expected: str) -> ConfigError:
        return ConfigError(f"{path}: {key} must be {expected}, not {value!r}")

    if key in ("description", "extends", "template", "markdown_template"):
        if not isinstance(value, str) or not value.strip():
            raise bad("a non-empty string")
        if key.endswith("template") and (value.startswith("/") or ".." in Path(value).parts):
            raise bad("a template name inside the template folders")
    elif key == "styles":
        if not isinstance(value, list) or not all(isinstance(v, str) and v.endswith(".css") and "/" not in v for v in value):
            raise bad("a list of stylesheet file names (*.css)")
    elif key == "paper":
        if value not in PAPERS:
            raise bad(PAPER_CHOICES)
    elif key == "max_pages":
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise bad("a whole number of pages, at least 1")
    elif key == "sections":
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise bad("a non-empty list of section names")
        unknown = [v for v in value if v not in SECTIONS]
        if unknown:
            raise ConfigError(f"{path}: sections: unknown section {unknown[0]!r} (known: {', '.join(SECTIONS)})")
    elif key == "limits":
        if not isinstance(value, dict):
            raise bad("a table of limits")
        for name, n in value.items():
            if name not in LIMITS:
                raise ConfigError(f"{path}: limits: unknown limit {name!r} (known: {', '.join(LIMITS)})")
            if not isinstance(n, int) or isinstance(n, bool) or n < 0:
                raise ConfigError(f"{path}: limits.{name} must be a whole number, at least 0, not {n!r}")
