"""Customising: copy an audience out (standalone profile, templates, stylesheets) as the start of a user's own."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..errors import ConfigError
from .audiences import PROFILE, Audience, audience_dirs, find_file, load_audience
from .resources import resource_dir

# An audience's name: a folder name that is also a word on the command line (not "__", not "-x").
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
# Templates a section's template includes, beyond its own.
_INCLUDES = {"top-quotes": ("quotes",)}


def copy_audience(name: str, folder: Path, new_name: str | None, user_dirs: Sequence[Path] = ()) -> Path:
    """Write FOLDER/NEW_NAME with the audience's resolved profile and every file it renders with; never overwrites."""
    audience = load_audience(name, audience_dirs(user_dirs))
    new_name = new_name or name
    if not _NAME.fullmatch(new_name):
        raise ConfigError(f"--as {new_name!r}: a name starts with a letter or digit, then letters, digits, - and _")
    target = folder / new_name
    if target.exists():
        raise ConfigError(f"{target}: already exists; choose another folder or --as NAME")
    try:
        folder.mkdir(parents=True, exist_ok=True)  # `templates copy executive house/` makes house/
    except OSError as exc:
        raise ConfigError(f"{folder}: cannot make this folder ({exc.strerror or exc})") from exc
    sections = [s for section in audience.sections for s in (section, *_INCLUDES.get(section, ()))]
    files = ["base.html.j2", audience.template, audience.markdown_template, *(f"sections/{s}.html.j2" for s in dict.fromkeys(sections))]
    with tempfile.TemporaryDirectory(dir=folder, prefix=f".{new_name}.") as tmp:
        staging = Path(tmp) / new_name
        staging.mkdir()
        for rel in dict.fromkeys(files):
            _copy(_find(rel, (*audience.folders, resource_dir("templates"))), staging / rel)
        for css in audience.styles:
            _copy(_find(css, (*audience.folders, resource_dir("styles"))), staging / css)
        (staging / PROFILE).write_text(profile_toml(audience, new_name), encoding="utf-8")
        staging.rename(target)
    return target


def _find(rel: str, roots: Sequence[Path]) -> Path:
    path = find_file(rel, roots)
    if path is None:
        raise ConfigError(f"{rel}: not found in {', '.join(str(r) for r in roots)}")
    return path


def _copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)


def profile_toml(audience: Audience, name: str) -> str:
    """The audience's resolved settings as a standalone audience.toml (no `extends`)."""
    q = json.dumps  # a JSON string or list of strings is a valid TOML value
    lines = [
        f"# The {name} audience, copied from {audience.name} ({audience.origin}). Edit freely:",
        "# sections: their order on the page; limits: how much of each; templates and styles: files in this folder.",
        f"description = {q(audience.description)}",
        f"template = {q(audience.template)}",
        f"markdown_template = {q(audience.markdown_template)}",
        f"styles = {q(list(audience.styles))}",
        f"paper = {q(audience.paper)}",
        *([f"max_pages = {audience.max_pages}"] if audience.max_pages else []),
        f"sections = {q(list(audience.sections))}",
        "",
        "[limits]",
        *(f"{k} = {v}" for k, v in audience.limits.items()),
    ]
    return "\n".join(lines) + "\n"
