"""A cache of analysed articles on disk, so a digest re-run parses only the articles it has not seen."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path

import platformdirs

from .analyse import Options
from .model import Analysis, Article
from .resources import PACKAGE_DIR

CACHE_ENV = "BRIEFGEN_CACHE_DIR"


def default_cache_dir() -> Path:
    """$BRIEFGEN_CACHE_DIR, else the platform's user cache folder (~/.cache/briefgen on Linux)."""
    return Path(os.environ.get(CACHE_ENV) or platformdirs.user_cache_dir("briefgen", appauthor=False))


@cache
def code_fingerprint() -> str:
    """A hash of briefgen's own code: results made by other code are never reused."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


class AnalysisCache:
    """Analyses stored one file per key, under a folder only the user can read.

    The key covers everything an analysis depends on: the article (text and metadata), the reference date its
    relative dates resolve against, the options, the model and its version, and briefgen's code. Entries are
    pickles briefgen wrote itself into the user's private folder; an unreadable entry counts as a miss.
    """

    def __init__(self, folder: Path, model: str, model_version: str) -> None:
        self.folder = folder
        self._salt = f"{code_fingerprint()}\0{model}\0{model_version}"
        self.hits = 0
        self.misses = 0

    def key(self, article: Article, ref: dt.date, options: Options) -> str:
        parts = (self._salt, article.id, article.title, article.text, article.published, article.source, article.url,
                 article.author, ref, options.summarizer, options.summary_sentences, options.fact_count)
        return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Analysis | None:
        try:
            with self._path(key).open("rb") as fh:
                value = pickle.load(fh)
        except Exception:  # noqa: BLE001 - a missing, truncated or stale entry is simply not a hit
            value = None
        if isinstance(value, Analysis):
            self.hits += 1
            return value
        self.misses += 1
        return None

    def put(self, key: str, analysis: Analysis) -> None:
        """Store an analysis; a cache that cannot be written only costs speed, so errors are ignored."""
        path = self._path(key)
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            path.parent.mkdir(mode=0o700, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(analysis, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
