"""briefgen: news articles to policy briefing notes; the Python API is `brief`, `digest` and `analyse` (briefgen.api)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["Analysis", "Article", "Brief", "__version__", "analyse", "brief", "digest"]

if TYPE_CHECKING:
    from .api import analyse, brief, digest
    from .model import Analysis, Article, Brief

# Imported on first use, so that `import briefgen` (and `briefgen --help`) loads neither spaCy nor the API's modules.
_LAZY = {"analyse": "api", "brief": "api", "digest": "api", "Analysis": "model", "Article": "model", "Brief": "model"}


def __getattr__(name: str) -> object:
    """The public API's names, imported from their modules when first asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'briefgen' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
