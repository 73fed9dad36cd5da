"""How a note looks (`Look`), apart from the renderers: a JSON-only run needs it without loading WeasyPrint and Jinja."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..settings import Config
from .audiences import Audience


@dataclass(frozen=True)
class Look:
    """How a note looks: its audience, the team's settings, and the user's template folders and stylesheets."""

    audience: Audience
    config: Config = Config()
    template_dirs: tuple[Path, ...] = ()  # searched before the audience's and the built-in templates
    styles: tuple[Path, ...] = ()  # added after the audience's stylesheets

    @property
    def paper(self) -> str:
        return self.config.paper or self.audience.paper
