"""Sources: turn what the user names (files, folders, globs, URLs, standard input) into bounded raw bytes."""

from __future__ import annotations

import glob
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

MAX_INPUT_BYTES = 32 * 1024 * 1024  # one input; a larger one is refused rather than read into memory
URL_TIMEOUT_SECONDS = 20
# Files a folder is searched for; other files in it (images, notes) are not articles.
ARTICLE_SUFFIXES = {".txt", ".text", ".md", ".jsonl", ".ndjson", ".jsonlines", ".html", ".htm", ".xhtml",
                    ".xml", ".rss", ".atom", ".feed"}  # fmt: skip
# A folder's notes about its articles (credits, licences) are not articles themselves.
NOT_ARTICLE_STEMS = {"readme", "sources", "license", "licence", "copying", "notice", "changelog", "contributing"}
GENERATOR_MARK = b'name="generator" content="briefgen'  # in the <head> of briefgen's HTML and atop its Markdown


@dataclass(frozen=True)
class Source:
    name: str  # as shown in messages: the path, URL or "<stdin>"
    data: bytes
    suffix: str  # lower-case file suffix, "" when unknown
    url: str | None = None  # where it was fetched from


def expand(inputs: list[str]) -> Iterator[str]:
    """Each input as names to read: a folder becomes its article files (recursively, sorted), a glob its matches."""
    for item in inputs:
        if item == "-" or _is_url(item):
            yield item
            continue
        p = Path(item)
        if p.is_dir():
            found = sorted(str(f) for f in p.rglob("*") if f.is_file() and _is_article_file(f))
            if not found:
                raise InputError(f"{item}: folder holds no article files ({', '.join(sorted(ARTICLE_SUFFIXES))})")
            yield from found
        elif not p.exists() and any(c in item for c in "*?["):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise InputError(f"{item}: no file matches this pattern")
            yield from (m for m in matches if Path(m).is_file())
        else:
            yield item


def _is_article_file(path: Path) -> bool:
    return (path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith(".")
            and path.stem.lower() not in NOT_ARTICLE_STEMS and not _briefgen_output(path))


def _briefgen_output(path: Path) -> bool:
    """A note briefgen wrote (its HTML or Markdown, marked in the first lines) is not an article to read again."""
    if path.suffix.lower() not in (".html", ".htm", ".md"):
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError:
        return False
    return GENERATOR_MARK in head


def load(name: str, max_bytes: int = MAX_INPUT_BYTES) -> Source:
    """Read one input's bytes, refusing anything larger than `max_bytes`."""
    if name == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        _check_size("<stdin>", len(data), max_bytes)
        return Source("<stdin>", data, "")
    if _is_url(name):
        return _fetch(name, max_bytes)
    p = Path(name)
    if not p.exists():
        raise InputError(f"{name}: no such file")
    if p.is_dir():
        raise InputError(f"{name}: is a folder; give article files, or use `briefgen extract` with the folder")
    try:
        _check_size(name, p.stat().st_size, max_bytes)
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from exc
    return Source(name, data, p.suffix.lower())


def _is_url(name: str) -> bool:
    return name.startswith(("http://", "https://"))


def _check_size(name: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise InputError(f"{name}: larger than the {max_bytes // (1024 * 1024)} MiB briefgen reads from one input; split it")


def _fetch(url: str, max_bytes: int) -> Source:
    request = urllib.request.Request(url, headers={"User-Agent": "briefgen (+https://pypi.org/project/briefgen)"})
    try:
        with urllib.request.urlopen(request, timeout=URL_TIMEOUT_SECONDS) as response:  # noqa: S310 - http(s) only
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit():
                _check_size(url, int(declared), max_bytes)
            data = response.read(max_bytes + 1)
            final_url = response.geturl()
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: the server answered {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(f"{url}: cannot be fetched ({reason})") from exc
    _check_size(url, len(data), max_bytes)
    suffix = Path(urllib.parse.urlparse(final_url).path).suffix.lower()
    return Source(url, data, suffix, url=final_url)
