"""Readers: text files (with an optional header block), JSON Lines, HTML pages and RSS/Atom feeds, to Articles."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlparse

import charset_normalizer
import feedparser
import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import Document

from ..errors import InputError
from ..model import Article, Problem
from .sources import MAX_INPUT_BYTES, Source, display_name, expand, load

HEADER_KEYS = ("title", "date", "source", "url", "license")
_HEADER_LINE = re.compile(r"^(%s):[ \t]*(.*)$" % "|".join(HEADER_KEYS), re.IGNORECASE)
SUFFIX_KINDS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl", ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".feed": "feed", ".txt": "text", ".text": "text", ".md": "text",
}  # fmt: skip
_FEED_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL | re.IGNORECASE)
_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*(?:<!doctype html|<html\b|<head\b|<body\b)", re.DOTALL | re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip
_DROP_TAGS = ("script", "style", "iframe", "noscript", "object", "embed", "form", "svg", "img", "video", "audio")
_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "section", "article")
MAX_TITLE_CHARS = 150
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # after json.loads, a surrogate is one without its pair
DETECT_BYTES = 1024 * 1024  # the encoding is guessed from the first MiB
_DECLARED_CHARSET = re.compile(rb"""<(?:meta\b[^>]*?charset|\?xml\b[^>]*?encoding)\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_WEB_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}  # codecs' names for them
MIN_PAGE_WORDS = 5  # less is a navigation bar or an error page, not an article


def read_inputs(inputs: Sequence[str | Article], max_bytes: int = MAX_INPUT_BYTES, problems: list[Problem] | None = None) -> list[Article]:
    """Read every article of every input (files, folders, globs, URLs, `-`; an `Article` given by the Python API is
    taken as it is), in order; ids unique across inputs.

    With a `problems` list, an input (or JSON Lines record) that cannot be read is noted there and skipped;
    without one, it is an error.
    """
    articles: list[Article] = []
    for item in inputs:
        if isinstance(item, Article):
            articles.append(item)
            continue
        try:
            names = list(expand([item], on_error=lambda where, exc: _note(problems, where, exc)))
        except InputError as exc:
            _note(problems, item, exc)
            continue
        for name in names:
            try:
                articles.extend(read_source(load(name, max_bytes), problems))
            except InputError as exc:
                _note(problems, name, exc)
    seen: dict[str, int] = {}
    unique = []
    for art in articles:
        n = seen.get(art.id, 0)
        seen[art.id] = n + 1
        unique.append(art if n == 0 else replace(art, id=f"{art.id}-{n + 1}"))
    return unique


def _note(problems: list[Problem] | None, source: str, exc: InputError) -> None:
    """Note an input that cannot be read and go on; without a problems list, it is the error."""
    if problems is None:
        raise exc
    problems.append(Problem(display_name(source), display_name(str(exc).removeprefix(f"{source}: "))))


def read_input(name: str, max_bytes: int = MAX_INPUT_BYTES) -> list[Article]:
    """Read one input: a file, an http(s) URL, or `-` for standard input."""
    return read_source(load(name, max_bytes))


def read_source(src: Source, problems: list[Problem] | None = None) -> list[Article]:
    """Parse a source by its kind: from its suffix, else from its content."""
    if not src.data.strip():
        raise InputError(f"{src.name}: the file is empty")
    kind = SUFFIX_KINDS.get(src.suffix)
    if kind == "feed" or (kind is None and _FEED_START.match(_peek(src.data))):
        return parse_feed(src.data, src.name)
    text = _decode(src.data, src.name, src.charset)
    if kind is None:
        head = text[:4096]
        kind = "jsonl" if head.lstrip().startswith("{") else "html" if _HTML_START.match(head) else "text"
    if kind == "jsonl":
        return list(parse_jsonl(text, src.name, problems))
    if kind == "html":
        return [parse_html(text, src.name, src.url)]
    return [parse_text(text, src.name, default_id=input_stem(src.name))]


def _peek(data: bytes) -> str:
    return data[:4096].decode("utf-8", errors="replace").lstrip("\ufeff")


def input_stem(name: str) -> str:
    """A short name for an input: the file's stem, the URL path's last part (else its host), or "stdin"."""
    if name == "<stdin>":
        return "stdin"
    if "://" in name:
        parsed = urlparse(name)
        return Path(parsed.path).stem or parsed.netloc
    return Path(name).stem


def _decode(data: bytes, name: str, declared: str | None = None) -> str:
    """Text in any common encoding: a BOM decides, then a declared charset, then UTF-8, then detection.

    Line endings become "\\n".
    """
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: is not valid {encoding} text (bad byte at offset {exc.start})") from exc
            break
    if text is None:
        if b"\x00" in data[:8192]:
            raise InputError(f"{name}: looks like a binary file, not article text")
        text = _decode_declared(data, declared or _meta_charset(data))
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            guessed = _guess_encoding(data[:DETECT_BYTES])
            if guessed is None:
                raise InputError(f"{name}: is not text in any encoding briefgen recognises") from None
            text = data.decode(guessed, errors="replace")
    if sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\t\n\r\f") > 0.01 * min(len(text), 8192) + 2:
        raise InputError(f"{name}: looks like a binary file, not article text")
    # Offsets are defined on the text as read; only line endings are normalised, so "\r\n\r\n" splits paragraphs.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _meta_charset(data: bytes) -> str | None:
    """The charset a page or XML document declares in its first bytes (`<meta charset>`, `<?xml encoding>`)."""
    if not data.lstrip()[:1] == b"<":
        return None  # text or JSON Lines that merely mention such a tag declare nothing
    m = _DECLARED_CHARSET.search(data[:2048])
    return m.group(1).decode("ascii") if m else None


def _decode_declared(data: bytes, charset: str | None) -> str | None:
    """The text in its declared charset, if that is a known codec the bytes are valid in; else None (detect)."""
    if not charset:
        return None
    try:
        codec = codecs.lookup(charset.strip().strip("\"'")).name
    except LookupError:
        return None
    # As browsers do (WHATWG Encoding): a page declared Latin-1 or ASCII is windows-1252.
    codec = _WEB_ALIASES.get(codec, codec)
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _guess_encoding(sample: bytes) -> str | None:
    """charset-normalizer's guess, except that Western (cp1252) wins when it decodes the text as cleanly.

    The detector cannot tell cp1252 from cp1250 by one accented name ("Peña" is "Peńa" in cp1250), and on short
    mostly-ASCII texts it may even guess a CJK encoding; English news is far more often cp1252 or Latin-1.
    """
    matches = charset_normalizer.from_bytes(sample)
    best = matches.best()
    try:
        sample.decode("cp1252")
    except UnicodeDecodeError:
        return best.encoding if best is not None else None
    if best is None or best.encoding is None:
        return "cp1252"
    as_clean = any(m.encoding == "cp1252" and m.chaos <= best.chaos + 0.005 for m in matches)
    high = sum(1 for b in sample if b >= 0x80)
    # A multi-byte guess (each character two bytes or more) for a text of a few high bytes is no reading of it.
    multibyte = len(sample.decode(best.encoding, errors="replace")) < len(sample) - high // 4
    return "cp1252" if as_clean or (multibyte and high < 0.1 * len(sample)) else best.encoding


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
            title = input_stem(name) if name != "<stdin>" else "Untitled article"
    return Article(
        id=default_id,
        title=title,
        text=body,
        published=published,
        source=header.get("source") or None,
        url=clean_url(header.get("url")),
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


def parse_jsonl(raw: str, name: str, problems: list[Problem] | None = None) -> Iterator[Article]:
    """JSON Lines: one article object a line with `text` and optional id, title, published, source, url.

    With a `problems` list, a bad record is noted there and the others are read.
    """
    count = 0
    for lineno, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            article = _jsonl_record(line, name, lineno)
        except InputError as exc:
            _note(problems, f"{name}:{lineno}", exc)
            continue
        count += 1
        yield article
    if count == 0 and problems is None:
        raise InputError(f"{name}: holds no articles")


def _jsonl_record(line: str, name: str, lineno: int) -> Article:
    where = f"{name}:{lineno}"
    try:
        rec = json.loads(line, object_hook=_no_lone_surrogates)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg})") from exc
    except RecursionError as exc:  # json reads nested arrays and objects by recursion
        raise InputError(f"{where}: not an article record (its JSON is nested too deeply)") from exc
    if not isinstance(rec, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(rec).__name__}")
    stem = input_stem(name)
    return article_from_record(rec, where, default_id=f"{stem}-{lineno}", default_title=f"{stem} #{lineno}")


def article_from_record(
    record: Mapping[str, object], where: str, default_id: str | None = None, default_title: str | None = None
) -> Article:
    """An Article from a dict with `text` and optional id, title, published (ISO string, date or timestamp), source,
    url and author, as a JSON Lines line, a Dask bag's item or a DataFrame row gives them; a missing value may be
    absent, None or NaN. Without an id: `default_id`, else the url, else a hash of the text."""

    def value(key: str) -> object:
        v = record.get(key)
        return None if v is None or v != v or v == "" else v  # NaN and pandas' NaT are the only values unequal to themselves

    def optional(key: str) -> str | None:
        v = value(key)
        return str(v) if v is not None else None

    text = value("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: has no 'text' (a non-empty string is required)")
    raw = value("published")
    published: dt.date | None
    if isinstance(raw, str):
        published = _parse_date(raw, f"{where}: 'published'")
    elif isinstance(raw, dt.datetime):  # pandas' Timestamp is one
        published = raw.date()
    elif raw is None or isinstance(raw, dt.date):
        published = raw
    else:
        raise InputError(f"{where}: 'published' must be an ISO date string, a date or null")
    url = clean_url(optional("url"))
    ident = optional("id") or default_id or url or "article-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return Article(
        id=ident,
        title=(optional("title") or "").strip() or default_title or ident,
        text=text,
        published=published,
        source=optional("source"),
        url=url,
        origin=where,
        author=optional("author"),
    )


def parse_html(page: str, name: str, url: str | None = None) -> Article:
    """An article web page: its main text and metadata by trafilatura, navigation and boilerplate dropped."""
    doc: Document | None = None
    # Tables often hold the facts an analyst needs, and trafilatura's balanced mode reads more pages whole than
    # its precision mode (measured on trafilatura's own evaluation pages); a page it finds no text in that way is
    # tried once more favouring recall before it is refused.
    for settings in PAGE_SETTINGS:
        try:
            tree = trafilatura.load_html(page)
            if tree is None:
                raise ValueError("no HTML tree")
            doc = cast(
                "Document | None",
                trafilatura.bare_extraction(  # a Document unless asked for a dict
                    _keep_drop_caps(tree), url=url, with_metadata=True, include_comments=False, include_tables=True, **settings
                ),
            )
        except (etree.LxmlError, ValueError) as exc:
            raise InputError(f"{name}: is not a readable HTML page ({exc})") from exc
        if doc is not None and len(_clean_body(doc.text or "").split()) >= MIN_PAGE_WORDS:
            break
    text = _clean_body(doc.text or "") if doc is not None else ""
    if doc is None or len(text.split()) < MIN_PAGE_WORDS:
        raise InputError(f"{name}: no article text found in this HTML page")
    raw_title = _raw_title(page)
    publisher = _publisher(doc.sitename, doc.hostname, raw_title)
    title = _strip_site(re.sub(r"\s+", " ", doc.title or "").strip(), publisher, doc.hostname)
    first, _, rest = text.partition("\n")
    if title and first.strip() == title and rest.strip():
        text = rest.strip()  # the headline is the title, not the body
    published = None
    if doc.date:
        try:
            published = dt.date.fromisoformat(doc.date[:10])
        except ValueError:
            published = None  # an undatable page keeps its text; the date stays unknown
    return Article(
        id=input_stem(name),
        title=title or input_stem(name),
        text=text,
        published=published,
        source=publisher,
        url=clean_url(doc.url or url),
        origin=name,
        author=doc.author or None,
    )


PAGE_SETTINGS: tuple[dict[str, Any], ...] = ({}, {"favor_recall": True})
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|\u2013\u2014\u00b7\u2022:]{1,2}|-{1,2})\s+")
_ONLY_DATE = re.compile(r"[\d\s./-]+")
# Calls to action and site furniture that trafilatura keeps as paragraphs: subscription and newsletter offers,
# "follow us", app downloads, copyright and reprint notices, image credits, "related stories" headings.
_PROMO = re.compile(
    r"\b(?:subscribe|subscription|subscriber|newsletters?|sign(?:ing)? ?up|log ?in|download (?:the|our)\b.{0,40}\bapps?|"
    r"follow (?:us|the \w+(?: \w+)?) on|never miss|get (?:the|our)\b.{0,60}\b(?:by email|in your inbox|edition))\b",
    re.IGNORECASE,
)
# The site speaking of itself or asking the reader to act: "our newsletter", "Subscribe now", "please subscribe".
_SITE_VOICE = re.compile(r"\b(?:our|us|please|here)\b|^(?:subscribe|sign up|follow|download|get|never miss|join|want)\b", re.IGNORECASE)
_READER = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)
EDGE_PARAGRAPHS = 3  # a promotion addressing the reader sits at the article's start or end, not in its middle
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s|copyright\b)|\ball rights reserved\b|\bcopyrighted property\b", re.IGNORECASE)
_CREDIT = re.compile(
    r"^(?:(?:photo|image|picture|video)s?(?: credits?)?|credits?|source)\s*:|"
    r"\((?:photo|image|picture|credit)s?\b[^)]*\)$|\b(?:Getty Images|AP Photo|AFP(?: via Getty)?|Shutterstock)\)?$",
    re.IGNORECASE,
)
_RELATED = re.compile(
    r"^(?:related(?: stories| articles| content| coverage| links)?|read (?:more|also|next)|see also|"
    r"more (?:from|on) [^:]{1,40}:|more stories|recommended(?: for you)?|trending|popular|most read)\s*:?$",
    re.IGNORECASE,
)
MAX_FURNITURE_WORDS = 45  # site furniture is a line or two; a longer paragraph is the article's own


def _clean_body(text: str) -> str:
    """The page's text without the site's furniture around the article (see _PROMO, _COPYRIGHT, _CREDIT, _RELATED)."""
    kept = []
    paras = text.split("\n")
    for n, para in enumerate(paras):
        line = para.strip()
        words = len(line.split())
        at_edge = n < EDGE_PARAGRAPHS or n >= len(paras) - EDGE_PARAGRAPHS
        furniture = words <= MAX_FURNITURE_WORDS and (
            (_PROMO.search(line) and (_SITE_VOICE.search(line) or words <= 4 or at_edge and _READER.search(line)))
            or _COPYRIGHT.search(line)
            or _CREDIT.search(line)
            or _RELATED.fullmatch(line)
        )
        if not furniture:
            kept.append(para)
    return "\n".join(kept).strip()


def _keep_drop_caps(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """A paragraph's first letter set apart as a drop cap (<span class="dropcap">T</span>urkey, or a letter in an
    element of its own before the paragraph) is joined to the word it begins: trafilatura dropped it or split it off."""
    leaves = [
        el
        for el in tree.iter()
        if isinstance(el.tag, str)
        and len(el) == 0
        and el.tag not in ("script", "style")
        and len((el.text or "").strip()) == 1
        and (el.text or "").strip().isupper()
    ]
    for leaf in leaves:
        letter = (leaf.text or "").strip()
        el = leaf  # the outermost element holding just the letter (<figure class="dropcap"><span>T</span></figure>)
        while (up := el.getparent()) is not None and up.getparent() is not None and up.text_content().strip() == letter:
            el = up
        parent, tail, after = el.getparent(), el.tail or "", el.getnext()
        if parent is None:
            continue
        if tail[:1].islower():  # <span>T</span>urkey
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + letter + tail
            else:
                parent.text = (parent.text or "") + letter + tail
            parent.remove(el)
        elif not tail.strip() and after is not None and isinstance(after.tag, str) and (after.text or "")[:1].islower():
            after.text = letter + (after.text or "")  # <div>T</div><p>urkey
            parent.remove(el)
    return tree


def _raw_title(page: str) -> str:
    m = re.search(r"<title[^>]*>(.*?)</title>", page[:200_000], re.IGNORECASE | re.DOTALL)
    return lxml_html.fromstring(f"<p>{m.group(1)}</p>").text_content().strip() if m and m.group(1).strip() else ""


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower().removeprefix("the ").removeprefix("www."))


def _publisher(sitename: str | None, hostname: str | None, raw_title: str) -> str | None:
    """The publisher's proper name: the site name's first part ("The Tico Times | Costa Rica News | Travel" is
    The Tico Times), and for a site name made from the host ("Timesofisrael") the page title's part that spells it
    ("... | The Times of Israel")."""
    name = _TITLE_SEPARATORS.split(sitename.strip())[0].strip() if sitename and sitename.strip() else ""
    host = (hostname or "").lower().removeprefix("www.")
    stem = host.split(".")[0] if host else ""
    if not name or " " not in name and _squash(name) in (_squash(stem), _squash(host)):
        for part in _TITLE_SEPARATORS.split(raw_title)[1:]:
            if stem and _squash(part) == _squash(stem):
                return part.strip()
    return name or hostname or None


def _strip_site(title: str, publisher: str | None, hostname: str | None) -> str:
    """The headline without the site's name, section or date after it ("... | CNN Politics", "... | DW | 19.01.2020")."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    site = {_squash(x) for x in (publisher or "", (hostname or "").lower().removeprefix("www.").split(".")[0]) if _squash(x)}
    seps = _TITLE_SEPARATORS.findall(title)
    keep = len(parts)
    while keep > 1:
        part, words = _squash(parts[keep - 1]), len(parts[keep - 1].split())
        # The site's name, alone or with its section ("CNN Politics"), or a date.
        if not part or _ONLY_DATE.fullmatch(parts[keep - 1]) or any(part == s or words <= 3 and part.startswith(s) for s in site):
            keep -= 1
        elif keep < len(parts) and words <= 2 and parts[keep - 1].strip()[:1].isupper():
            keep -= 1  # a section name between the headline and the site's name ("... | Politics | CNN")
        else:
            break
    if keep == len(parts):
        return title
    return "".join(p + (seps[i] if i < keep - 1 else "") for i, p in enumerate(parts[:keep])).strip()


def parse_feed(data: bytes, name: str) -> list[Article]:
    """An RSS or Atom feed: one article per entry, from its content or summary, with its date and link."""
    feed = feedparser.parse(data)
    if not feed.entries:
        reason = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        raise InputError(f"{name}: is not an RSS/Atom feed with entries{reason}".replace("\n", " "))
    publisher = feed.feed.get("title") or None
    articles = []
    for n, entry in enumerate(feed.entries, start=1):
        body = entry.get("content", [{}])[0].get("value") if entry.get("content") else entry.get("summary", "")
        text = fragment_text(body or "")
        if not text:
            continue  # an entry with no text to analyse (a bare link)
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        articles.append(
            Article(
                id=str(entry.get("id") or entry.get("link") or f"{input_stem(name)}-{n}"),
                title=(entry.get("title") or "").strip() or f"{input_stem(name)} #{n}",
                text=text,
                published=dt.date(*stamp[:3]) if stamp else None,
                source=publisher,
                url=clean_url(entry.get("link")),
                origin=f"{name} entry {n}",
                author=entry.get("author") or None,
            )
        )
    if not articles:
        raise InputError(f"{name}: none of the feed's {len(feed.entries)} entries has any text")
    return articles


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry): scripts, styles, embeds and images dropped, blocks as paragraphs."""
    if "<" not in fragment:
        return re.sub(r"[ \t]+", " ", fragment).strip()
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.LxmlError, ValueError):
        return ""
    for el in root.xpath("|".join(f"//{tag}" for tag in _DROP_TAGS)):
        el.drop_tree()
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n\n" + (el.tail or "")
    text = root.text_content()
    lines = [re.sub(r"\s+", " ", line).strip() for line in re.split(r"\n\s*\n", text)]
    return "\n\n".join(line for line in lines if line)


def _parse_date(value: str, where: str) -> dt.date:
    try:
        # Accept full timestamps too; only the calendar date matters.
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError as exc:
        raise InputError(f"{where} is not a valid YYYY-MM-DD date: {value!r}") from exc


def _no_lone_surrogates(obj: dict[str, object]) -> dict[str, object]:
    """A JSON string may escape half a UTF-16 pair ("\\ud800"), which no output can encode: it becomes U+FFFD,
    as undecodable bytes do, one character for one so offsets stay put."""
    return {k: _LONE_SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for k, v in obj.items()}


def clean_url(url: str | None) -> str | None:
    """A link as one line: control characters (line breaks in a wrapped feed) dropped, spaces escaped."""
    if not url:
        return None
    cleaned = "".join(c for c in url if c.isprintable() or c == " ").strip().replace(" ", "%20")
    return cleaned or None
