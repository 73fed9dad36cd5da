"""Where briefgen's own code, templates and styles are: inside the installed package, else in the source checkout."""

from __future__ import annotations

from pathlib import Path

from ..errors import RenderError

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the briefgen package, two levels up from present/


def resource_dir(name: str) -> Path:
    """`templates` or `styles`: inside the installed package, else at the top of a source checkout."""
    for candidate in (PACKAGE_DIR / name, PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise RenderError(f"briefgen's {name} folder is missing from the installation ({PACKAGE_DIR})")
