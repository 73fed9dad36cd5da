"""Where briefgen's own templates and styles are: inside the installed package, else in the source checkout."""

from __future__ import annotations

from pathlib import Path

from .errors import RenderError

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """`templates` or `styles`: inside the installed package, else at the top of a source checkout."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise RenderError(f"briefgen's {name} folder is missing from the installation ({_PACKAGE})")
