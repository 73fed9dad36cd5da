"""briefgen's exception hierarchy; the CLI turns each into a one-line message and an exit code."""

from __future__ import annotations


class BriefgenError(Exception):
    """A problem the user can fix; its message is shown as one line."""

    exit_code = 1


class InputError(BriefgenError):
    """An article file or record cannot be read."""

    exit_code = 3


class ModelError(BriefgenError):
    """The spaCy model cannot be loaded."""

    exit_code = 4


class RenderError(BriefgenError):
    """A template or stylesheet cannot be rendered."""

    exit_code = 5


class OutputError(BriefgenError):
    """An output file cannot be written."""

    exit_code = 6


class ConfigError(BriefgenError):
    """briefgen.toml, an audience profile or a customisation option is wrong."""

    exit_code = 7
