"""A cache of analysed articles on disk, so a digest re-run parses only the articles it has not seen."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
import tempfile
import time
from functools import cache
from pathlib import Path

import platformdirs
import pydantic

from ..errors import ConfigError
from ..model import Analysis, Article
from ..present.resources import PACKAGE_DIR
from ..settings import Options

CACHE_ENV = "BRIEFGEN_CACHE_DIR"
SUFFIX = ".json"  # entries are data only: reading one can never run code (the cache once held pickles)
TMP_PREFIX = ".briefgen-"  # our own temporary files, and only those, are cleaned when stale
STALE_SECONDS = 3600  # a temporary entry this old was left by a killed run (a write takes milliseconds)
_CODEC = pydantic.TypeAdapter(Analysis)


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


def check_private(folder: Path) -> None:
    """Refuse a cache folder another user could plant entries in: it must be ours and writable by us alone.

    Entries are data, not code, but a folder others can write would let them choose what a brief says.
    """
    try:
        st = folder.stat()
    except FileNotFoundError:
        return  # made on first use, with mode 0700
    except OSError as exc:
        raise ConfigError(f"cache folder {folder}: {exc.strerror}; set {CACHE_ENV} or use --no-cache") from exc
    fix = f"; set {CACHE_ENV} to a private folder, give a team's shared one with --cache-dir, or use --no-cache"
    if not stat.S_ISDIR(st.st_mode):
        raise ConfigError(f"cache folder {folder} is not a folder{fix}")
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        raise ConfigError(f"cache folder {folder} belongs to another user (uid {st.st_uid}), so briefgen will not trust it{fix}")
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise ConfigError(
            f"cache folder {folder} is writable by others (mode {stat.S_IMODE(st.st_mode):04o}), so briefgen "
            f"will not trust it: `chmod 700 {folder}`{fix}"
        )


def check_folder(folder: Path) -> None:
    """An explicit cache folder must be a folder (made on first use if missing)."""
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"cache folder {folder} is not a folder; give --cache-dir a folder or use --no-cache")


def offsets_fit(an: Analysis) -> bool:
    """Whether every character offset of an analysis lies within its article's text, start before end, as the
    analysis of that text makes them (a cache entry edited by hand need not: a negative span is no valid JSON)."""
    size = len(an.article.text)
    spans = [(s.start, s.end) for s in an.summary]
    spans += [span for a in an.actors for span in a.spans]
    for q in an.quotes:
        spans += [(q.start, q.end), *q.parts, *([q.speaker_span] if q.speaker_span else [])]
    for e in (*an.events, *an.undated_events):
        spans += [(e.start, e.end), *([(e.when.start, e.when.end)] if e.when else [])]
    spans += [(f.start, f.end) for f in an.facts] + [(t.start, t.end) for t in an.timexes] + list(an.sentences)
    if an.transcript is not None:
        spans += [span for t in an.transcript.turns for span in (t.label_span, (t.start, t.end))] + list(an.transcript.directions)
    return all(0 <= start <= end <= size for start, end in spans)


class AnalysisCache:
    """Analyses stored as JSON, one file per key, under a folder only the user can write.

    The key covers everything an analysis depends on: the article (text and metadata), the reference date its
    relative dates resolve against, the options, the model and its version, and briefgen's code. An entry that
    does not decode into an `Analysis` (damaged, stale, foreign) counts as a miss.
    """

    def __init__(self, folder: Path, model: str, model_version: str, shared: bool = False) -> None:
        # A folder named explicitly (--cache-dir) may be a team's, shared on purpose: the team opted into trusting
        # its members. The default folder is the user's own, and must be private.
        if shared:
            check_folder(folder)
        else:
            check_private(folder)
        self.folder = folder
        self.shared = shared
        self._salt = f"{code_fingerprint()}\0{model}\0{model_version}"
        self.hits = 0
        self.misses = 0
        self._swept: set[Path] = set()

    def key(self, article: Article, ref: dt.date, options: Options) -> str:
        parts = (
            self._salt,
            article.id,
            article.title,
            article.text,
            article.published,
            article.source,
            article.url,
            article.author,
            ref,
            options.summarizer,
            options.summary_sentences,
            options.fact_count,
        )
        return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{SUFFIX}"

    def get(self, key: str) -> Analysis | None:
        try:
            value: Analysis | None = _CODEC.validate_json(self._path(key).read_bytes())
        except (OSError, ValueError):  # missing, truncated, damaged or from another layout: not a hit
            value = None
        if value is not None and not offsets_fit(value):  # edited by hand: its offsets would make a note lie or break the contract
            value = None
        if value is not None:
            self.hits += 1
            return value
        self.misses += 1
        return None

    def _sweep(self, folder: Path) -> None:
        """Remove our own temporary entries that a killed run left in `folder`, once per run and folder; only those
        older than STALE_SECONDS, since another run may be writing one now."""
        if folder in self._swept:
            return
        self._swept.add(folder)
        cutoff = time.time() - STALE_SECONDS
        for tmp in folder.glob(f"{TMP_PREFIX}*.tmp"):
            try:
                if tmp.is_file() and not tmp.is_symlink() and tmp.stat().st_mtime < cutoff:
                    tmp.unlink()
            except OSError:
                pass

    def put(self, key: str, analysis: Analysis) -> None:
        """Store an analysis atomically (a temporary file renamed); a cache that cannot be written only costs speed."""
        path = self._path(key)
        try:
            data = _CODEC.dump_json(analysis)
        except (ValueError, pydantic.PydanticSerializationError):  # type: ignore[misc]  # pydantic-core's stub hides its base, ValueError  # e.g. a lone surrogate: not worth caching
            return
        try:
            mode = 0o775 if self.shared else 0o700  # a shared folder's members read what the others wrote
            self.folder.mkdir(mode=mode, parents=True, exist_ok=True)
            path.parent.mkdir(mode=mode, exist_ok=True)
            self._sweep(path.parent)
            fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=".tmp", dir=path.parent)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as fh:
                if self.shared:
                    os.fchmod(fh.fileno(), 0o664)
                fh.write(data)
            # The rename is atomic: a reader, or a writer of the same entry in another process or on another worker,
            # sees the whole old entry or the whole new one, never half of one.
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
