"""Readers: text files with an optional header block, JSON Lines files and standard input, to Articles."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from .errors import InputError
from .model import Article

HEADER_KEYS = ("title", "date", "source", "url", "license")
_HEADER_LINE = re.compile(r"^(%s):[ \t]*(.*)$" % "|".join(HEADER_KEYS), re.IGNORECASE)
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}
MAX_TITLE_CHARS = 150


def read_inputs(paths: list[str]) -> list[Article]:
    """Read every article of every input, in order; ids are made unique across inputs."""
    articles: list[Article] = []
    for path in paths:
        articles.extend(read_input(path))
    seen: dict[str, int] = {}
    unique = []
    for art in articles:
        n = seen.get(art.id, 0)
        seen[art.id] = n + 1
        unique.append(art if n == 0 else replace(art, id=f"{art.id}-{n + 1}"))
    return unique


def read_input(path: str) -> list[Article]:
    """Read one input: a text file, a JSON Lines file, or `-` for standard input."""
    if path == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
        text = _decode(data, name)
        if text.lstrip().startswith("{"):
            return list(parse_jsonl(text, name))
        return [parse_text(text, name, default_id="stdin")]
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if p.is_dir():
        raise InputError(f"{path}: is a folder; give article files (folders come with `briefgen digest`)")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    text = _decode(data, path)
    if p.suffix.lower() in JSONL_SUFFIXES:
        return list(parse_jsonl(text, path))
    return [parse_text(text, path, default_id=p.stem)]


def _decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not article text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: is not UTF-8 text (bad byte at offset {exc.start})") from exc
    # Offsets are defined on the text as stored; only line endings are normalised so "\r\n\r\n" splits paragraphs.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_text(raw: str, name: str, default_id: str) -> Article:
    """A text article: optional `key: value` header lines, a blank line, then the body."""
    header, body = _split_header(raw)
    if not body.strip():
        raise InputError(f"{name}: has a header but no article text")
    published = _parse_date(header["date"], f"{name}: header 'date'") if header.get("date") else None
    title = header.get("title") or ""
    if not title:
        first = body.strip().split("\n", 1)[0].strip()
        # A short first line without a closing full stop reads as a headline.
        if first and len(first) <= MAX_TITLE_CHARS and not first.endswith((".", '"', "\u201d")):
            title = first
        else:
            title = Path(name).stem if name != "<stdin>" else "Untitled article"
    return Article(
        id=default_id,
        title=title,
        text=body,
        published=published,
        source=header.get("source") or None,
        url=header.get("url") or None,
        origin=name,
    )


def _split_header(raw: str) -> tuple[dict[str, str], str]:
    lines = raw.split("\n")
    header: dict[str, str] = {}
    i = 0
    while i < len(lines):
        m = _HEADER_LINE.match(lines[i])
        if not m:
            break
        header[m.group(1).lower()] = m.group(2).strip()
        i += 1
    if not header or i >= len(lines) or lines[i].strip():
        return {}, raw  # no header block: the whole file is the body
    return header, "\n".join(lines[i + 1 :])


def parse_jsonl(raw: str, name: str) -> Iterator[Article]:
    """JSON Lines: one article object a line with `text` and optional id, title, published, source, url."""
    stem = Path(name).stem if name != "<stdin>" else "stdin"
    count = 0
    for lineno, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not valid JSON ({exc.msg})") from exc
        if not isinstance(rec, dict):
            raise InputError(f"{where}: expected a JSON object, got {type(rec).__name__}")
        text = rec.get("text")
        if not isinstance(text, str) or not text.strip():
            raise InputError(f"{where}: has no 'text' (a non-empty string is required)")
        published = rec.get("published")
        if published is not None and not isinstance(published, str):
            raise InputError(f"{where}: 'published' must be an ISO date string or null")
        count += 1
        yield Article(
            id=str(rec.get("id") or f"{stem}-{lineno}"),
            title=str(rec.get("title") or "").strip() or f"{stem} #{lineno}",
            text=text,
            published=_parse_date(published, f"{where}: 'published'") if published else None,
            source=_opt_str(rec.get("source")),
            url=_opt_str(rec.get("url")),
            origin=where,
        )
    if count == 0:
        raise InputError(f"{name}: holds no articles")


def _parse_date(value: str, where: str) -> dt.date:
    try:
        # Accept full timestamps too; only the calendar date matters.
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError as exc:
        raise InputError(f"{where} is not a valid YYYY-MM-DD date: {value!r}") from exc


def _opt_str(value: object) -> str | None:
    return str(value) if value not in (None, "") else None

