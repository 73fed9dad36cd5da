"""Quote marks: an article's text in, the quoted stretches (QuoteSpans) its quotation marks enclose out."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

# A single mark opening a quotation: at a word's start, before a letter or digit, not an elision ('90s, 'em, 'n').
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[\u2014\u2013]))['\u2018](?=[^\W_])(?!\d0s|em\b|n\b|til\b|cause\b|tis\b)", re.MULTILINE)
# A single mark closing one: after a word or punctuation, before a space, punctuation or the line's end.
# (Not a contraction that lost its letters to a space: "couldn' t".)
_SINGLE_CLOSE = re.compile(r"(?<=[^\s'\u2018])['\u2019](?=[\s.,;:!?)\]\u2014\u2013]|$)(?! (?:s|t|re|ll|ve|d|m)\b)", re.MULTILINE)
OPENERS = {'"': "straight", "\u201c": "open", "\u201d": "close"}


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # first character of the quoted words
    end: int  # one past the last quoted word
    open_mark: int
    close_mark: int  # index of the closing mark (or of the paragraph end when unclosed)


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Pair quotation marks paragraph by paragraph; a quote left open continues into a paragraph that opens with one.
    Text that quotes with single marks (British style: 'We will win,' he said) is paired on those."""
    text = _as_double_quoted(text)
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    spans: list[QuoteSpan] = []
    carry: int | None = None  # open mark of a quote continuing from an earlier paragraph
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        for i in range(p_start, p_end):
            ch = text[i]
            if ch not in OPENERS:
                continue
            kind = OPENERS[ch]
            if (
                kind == "close"
                and open_at is None
                and (i == p_start or text[i - 1].isspace() or text[i - 1] in "([")
                and i + 1 < p_end
                and text[i + 1].isalnum()
            ):
                kind = "open"  # '”Mr. Trump embodies ...”': a closing mark typed where the quote opens
            if open_at is None and kind != "close":
                if carry is not None and i == _first_visible(text, p_start):
                    open_at = carry  # the continuation's opening mark repeats the quote's
                else:
                    open_at = i
                carry = None
            elif open_at is not None and kind != "open":
                spans.extend(_content(text, open_at, i))
                open_at = None
            elif open_at is not None and kind == "open":
                open_at = i  # two openings in a row: the first was stray
        if carry is not None:
            carry = None
        if open_at is not None:
            nxt = paragraphs[p_index + 1][0] if p_index + 1 < len(paragraphs) else None
            if nxt is not None and text[_first_visible(text, nxt)] in ('"', "\u201c"):
                carry = open_at
            else:
                spans.extend(_content(text, open_at, p_end))
    return spans


def _as_double_quoted(text: str) -> str:
    """The text itself when it quotes with double marks; for British-style text, a copy of the same length whose
    single quotation marks are double ones and whose (nested) double marks are blanked, so offsets stay the same."""
    # Corpus text doubles single marks for double ones (''like this''): such text is not British-style.
    if "''" in text or "``" in text:
        return text
    closers = [m.start() for m in _SINGLE_CLOSE.finditer(text)]
    # "the players' union": a plural possessive, not a closing mark, unless nothing else closes the quote.
    possessive = [text[i - 1] == "s" and re.match(r" [a-z]", text[i + 1 : i + 3]) is not None for i in closers]
    next_plain = [len(closers)] * (len(closers) + 1)  # index of the next closer that is no possessive
    for n in range(len(closers) - 1, -1, -1):
        next_plain[n] = next_plain[n + 1] if possessive[n] else n
    breaks = [m.start() for m in re.finditer("\n", text)] + [len(text)]
    pairs = [(m.start(), _single_close(m.start(), breaks, closers, next_plain)) for m in _SINGLE_OPEN.finditer(text)]
    doubles = [i for i, c in enumerate(text) if c in '"\u201c\u201d']
    if not pairs or (len(pairs) < 2 and doubles):
        return text  # one single-quoted phrase beside double marks is a title or a scare quote
    # British style: single marks quote, and double ones appear only inside them ('They call it "the escape".').
    covered = [0] * (len(text) + 1)  # +1 where a single-quoted stretch starts, -1 where it ends
    for a, b in pairs:
        covered[a + 1] += 1
        covered[b if b is not None else len(text)] -= 1
    depth = list(itertools.accumulate(covered))
    if any(depth[i] <= 0 for i in doubles):
        return text
    chars = list(text)
    for i in doubles:
        chars[i] = " "
    for a, b in pairs:
        chars[a] = "\u201c"
        if b is not None:
            chars[b] = "\u201d"
    return "".join(chars)


def _single_close(open_mark: int, breaks: list[int], closers: list[int], next_plain: list[int]) -> int | None:
    """The mark closing a single-quoted quotation in its paragraph: the first closer that is no possessive, else the
    paragraph's last one."""
    end = breaks[bisect.bisect_left(breaks, open_mark)]
    first, last = bisect.bisect_left(closers, open_mark + 2), bisect.bisect_left(closers, end)
    if first >= last:
        return None
    n = next_plain[first]
    return closers[n] if n < last else closers[last - 1]


def _first_visible(text: str, i: int) -> int:
    while i < len(text) - 1 and text[i].isspace():
        i += 1
    return i


def _content(text: str, open_mark: int, close_mark: int) -> list[QuoteSpan]:
    start, end = open_mark + 1, close_mark
    while start < end and text[start].isspace():
        start += 1
    # The comma before a closing mark belongs to the attribution that follows, not to the quoted words.
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    if not any(c.isalpha() for c in text[start:end]):
        return []
    return [QuoteSpan(start, end, open_mark, close_mark)]


def _runs_on(text: str, previous_end: int, open_mark: int) -> bool:
    """A quote continues the last one from the same paragraph, or when it opens the next paragraph."""
    breaks = len(re.findall(r"\n+", text[previous_end:open_mark]))
    return breaks == 0 or (breaks == 1 and not text[text.rfind("\n", 0, open_mark) + 1 : open_mark].strip())
