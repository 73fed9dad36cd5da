"""Ranges: two ends joined by a connector ("between April and June", "July 13-15", "from 9 to 11am"), cut into their ends."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from spacy.tokens import Span

from ...model import Timex
from ..lexicon import MONTH_PATTERN as _MON
from .values import Resolved, resolve

RANGE_JOINTS = ("and", "to", "through", "until", "-", "\u2013")  # the words between a range's two ends
# A clock end: "9", "9:30", "9h30", "11am", "11 a.m.", "9a"; a day end: "13", "19th", "Aug 8", "16 september".
_CLOCK_END = r"\d{1,2}(?:[:h.]\d{2})?(?: ?[ap]\.?(?:m\b\.?)?)?"
_DAY_END = r"(?:" + _MON + r" )?\d{1,2}(?:st|nd|rd|th)?(?: (?:of )?" + _MON + r")?(?:,? (?:1[89]|20)\d\d)?"
# A clock end with its am/pm is tried first: else "8 p.m." would stop at "8" as a day end.
_END = r"(?:\d{1,2}(?:[:h.]\d{2})? ?[ap]\.?m\b\.?|" + _DAY_END + r"|" + _CLOCK_END + r")"
# The connector between the ends: a dash, or a word ("to", "till", "until", "through", "and" after "between").
_JOINT = r"(?: ?[-\u2013\u2014] ?| (?:to|till|til|until|untill|through|thru|and) )"
_RANGE = re.compile(r"(?<![\w:/.-])(?P<a>" + _END + r")(?P<joint>" + _JOINT + r")(?P<b>" + _END + r")(?![\w:/-])", re.IGNORECASE)
# What may stand around a range without naming a day: its signal words ("from", "between", "on", "ish").
_SIGNALS = re.compile(r"\b(?:from|in between|between|on|at|ish|for)\b|[,\s]+", re.IGNORECASE)
_MERIDIEM = re.compile(r" ?([ap])\.?(?:m\b\.?)?$", re.IGNORECASE)


@dataclass(frozen=True)
class End:
    """One end of a range, or the day the range lies on: its place in the phrase and its value."""

    start: int
    end: int
    resolved: Resolved


def range_ends(text: str, ref: dt.date | None, direction: int = 0) -> list[End] | None:
    """The ends of the one range in `text` (and the day it lies on, when the phrase names one), or None.

    The second end lends its month or its am/pm to the first ("July 13-15" is the 13th and the 15th of July, "3-4pm"
    3pm and 4pm), the first its month to the second ("Aug 8 - 12"); clock ends lie on the day the rest of the phrase
    names ("Thursday from 9:30 to 11:00", "1pm-2pm tomorrow")."""
    m = _RANGE.search(text)
    if m is None or ref is None or (m.group("joint").strip().lower() == "and" and not _between(text[: m.start()])):
        return None
    a, b = m.group("a"), m.group("b")
    ends = _lend(a, b)
    if ends is None:
        return None
    rest = (text[: m.start()] + " " + text[m.end() :]).strip()
    day = None
    if _SIGNALS.sub("", rest):
        at = _context(text, m.start(), m.end())
        said = resolve(text[at[0] : at[1]], ref, direction) if at else None
        if at is None or said is None:
            return None
        day = End(at[0], at[1], said)
    ra, rb = (resolve(e, ref, direction) for e in ends)
    if ra is None or rb is None or ra.range is None or rb.range is None or ra.type != rb.type or ra.type not in ("DATE", "TIME"):
        return None
    if ra.type == "DATE" and (ra.range.granularity != "day" or rb.range.granularity != "day"):
        return None
    if ra.type == "TIME" and day is not None:
        on = day.resolved.range
        if on is None or on.start != on.end:
            return None
        ra, rb = (replace(r, value=on.start.isoformat() + r.value[10:], range=on) for r in (ra, rb))
    elif day is not None and day.resolved.range is not None and day.resolved.range.granularity == "year" and day.start >= m.end():
        # "19th To 21st Aug this year": the year said after the range is both ends' year, and part of the second
        year = day.resolved.range.start.year
        ra, rb = (resolve(f"{e} {year}", ref, direction) for e in ends)
        if ra is None or rb is None or ra.range is None or rb.range is None:
            return None
        return [End(m.start("a"), m.end("a"), ra), End(m.start("b"), day.end, rb)]
    elif day is not None:
        return None  # a day range with another day beside it is no range of ours
    if rb.range is not None and ra.range is not None and rb.range.start < ra.range.start:
        if ra.type == "DATE" and (later := resolve(f"{ends[1]} {ra.range.start.year + 1}", ref, direction)) is not None:
            rb = later  # "Dec 30 - Jan 2": the second end in the next year
        else:
            return None
    out = [End(m.start("a"), m.end("a"), ra), End(m.start("b"), m.end("b"), rb)]
    return sorted([*out, *([day] if day else [])], key=lambda e: e.start)


# "between 60 and 90 days", "between two to six days": a range of counts, two durations, the first taking the second's
# unit (TIMEX3 marks "60" as P60D and "90 days" as P90D).
_COUNTS = re.compile(r"between (?P<a>\d+|[a-z]+) (?:and|to|-) (?P<b>(?:\d+|[a-z]+) (?P<unit>[a-z]+?)s?)", re.IGNORECASE)


def count_ends(text: str) -> list[End] | None:
    """The two counts of a range of durations, each with its value; None for any other phrase."""
    m = _COUNTS.fullmatch(text)
    if m is None:
        return None
    ra, rb = resolve(f"{m.group('a')} {m.group('unit')}s", None), resolve(m.group("b"), None)
    if ra is None or rb is None or ra.type != "DURATION" or rb.type != "DURATION":
        return None
    return [End(m.start("a"), m.end("a"), ra), End(m.start("b"), m.end("b"), rb)]


def _between(before: str) -> bool:
    return bool(re.search(r"\bbetween\s*$", before, re.IGNORECASE))


def _lend(a: str, b: str) -> tuple[str, str] | None:
    """Each end written out in full, with what the other end gives it."""
    a, b = a.strip(), b.strip()
    month_a = re.search(_MON, a, re.IGNORECASE)
    month_b = re.search(_MON, b, re.IGNORECASE)
    if month_a or month_b:  # day ends
        if re.search(r"[:h]\d\d|[ap]\.?m|\d[ap]$", a + " " + b, re.IGNORECASE):
            return None
        if not month_a and month_b:
            # "12 to 16 september": the 12th of September; "19th To 21st aug"; "Aug 8 - 12" is the other way round.
            written_after = b[month_b.start() :] if month_b.start() > 0 else None
            a = f"{a} {written_after}" if written_after else f"{b[: month_b.end()]} {a}"
        elif month_a and not month_b:
            b = f"{a[: month_a.end()]} {b}" if month_a.start() == 0 else f"{b} {a[month_a.start() :]}"
        year_a, year_b = (re.search(r"\b(?:1[89]|20)\d\d$", x) for x in (a, b))
        if year_b and not year_a:
            a = f"{a}, {year_b.group()}"  # "March 5-6, 2024": the year of both
        return a, b
    if re.search(r"(?:st|nd|rd|th)$", a + b, re.IGNORECASE):
        return None  # "19th - 21st" without a month is days of some month: a day phrase's, not a range of ours
    clock = re.compile(r"\d{1,2}(?:[:h.](\d{2}))?", re.IGNORECASE)
    if not clock.fullmatch(_MERIDIEM.sub("", a)) or not clock.fullmatch(_MERIDIEM.sub("", b)):
        return None
    said = [x for x in (a, b) if _MERIDIEM.search(x) or re.search(r"[:h]\d\d", x)]
    if not said:
        return None  # "5-6" is no clock range: a score, a count, a page
    ap_a, ap_b = _MERIDIEM.search(a), _MERIDIEM.search(b)
    if ap_b and not ap_a:
        h_a, h_b = _hour(a), _hour(b)
        ap = ap_b.group(1).lower()
        if h_a is not None and h_b is not None and ap == "p" and h_a % 12 > h_b % 12:
            ap = "a"  # "11-1pm": from 11 in the morning
        a = f"{a}{ap}m"
    elif ap_a and not ap_b:
        b = f"{b}{ap_a.group(1).lower()}m"
    a, b = (_clock_text(x) for x in (a, b))
    return a, b


def _hour(x: str) -> int | None:
    m = re.match(r"\d{1,2}", x)
    return int(m.group()) if m else None


def _clock_text(x: str) -> str:
    """ "9h30" and "9a" as the value rules read clocks: "9:30", "9am"; a bare hour "1" as "1:00"."""
    x = re.sub(r"(\d)h(\d\d)", r"\1:\2", x, flags=re.IGNORECASE)
    x = re.sub(r"(\d) ?([ap])$", r"\1\2m", x, flags=re.IGNORECASE)
    return f"{x}:00" if x.isdigit() else x


def _context(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the rest of the phrase names a day, on one side of the range: "this Thu" in "this Thu 9-11am", "Thursday"
    in "9:30 - 11:00 on Thursday"; None when both sides name something."""
    sides = [(text[:start], 0), (text[end:], end)]
    found = [(offset, piece, words) for piece, offset in sides if (words := _SIGNALS.sub(" ", piece).split())]
    if len(found) != 1:
        return None
    offset, piece, words = found[0]
    at = piece.find(words[0])
    stop = piece.rfind(words[-1]) + len(words[-1])
    return (offset + at, offset + stop) if 0 <= at < stop else None


def split(span: Span) -> list[Span]:
    """A range's ends as expressions of their own when each is one by itself ('between April and June', 'from 2009 to
    2011', 'March 30 to April 2'); else the whole span: no range, or one whose ends need each other ("July 13-15",
    "9 to 11am"), which `timexes` resolves together."""
    lead = 1 if span[0].lower_ in ("between", "from") else 0
    if _lends(span.text) or len(span) < 3 + lead:
        return [span]
    # Without "between"/"from", "and" joins a list ("June 5 and June 9"): each item is an expression of its own too
    # ("June 5 or June 9" is left whole: alternatives, not two days something happens on).
    joints = RANGE_JOINTS if lead else ("to", "through", "until", "and")
    joint = next((t.i for t in span[1 + lead : -1] if t.lower_ in joints), None)
    if joint is None:
        return [span]
    last = span.end - 1 if span[-1].tag_ == "POS" else span.end  # "Friday to December's figures": the ends without "'s"
    ends = [span.doc[span.start + lead : joint], span.doc[joint + 1 : last]]
    return ends if all(len(e) and resolve(e.text, None) is not None for e in ends) else [span]


def _lends(text: str) -> bool:
    """Whether the phrase holds a range whose ends need each other: one lends the other its month or am/pm."""
    m = _RANGE.search(text)
    ends = _lend(m.group("a"), m.group("b")) if m else None
    return m is not None and ends is not None and ends != (m.group("a").strip(), m.group("b").strip())


def widened(text: str, start: int, end: int) -> tuple[int, int]:
    """A day range the model cut short of its month takes the month written right beside it ("Aug 8 - 12", "19th To
    21st aug"): the new bounds of text[start:end]."""
    m = _RANGE.search(text, start, end)
    if m is None or re.search(r"\b" + _MON, m.group(), re.IGNORECASE) or re.search(r"[:h]\d\d|\d ?[ap]", m.group(), re.IGNORECASE):
        return start, end
    if before := re.search(r"\b" + _MON + r" $", text[max(0, start - 11) : start], re.IGNORECASE):
        return start - len(before.group()), end
    if after := re.match(r" (?:of )?" + _MON + r"(?![\w-])", text[end : end + 14], re.IGNORECASE):
        return start, end + len(after.group().rstrip("."))
    return start, end


def timexes(text: str, start: int, ref: dt.date | None, direction: int) -> list[Timex] | None:
    """The Timexes of the range phrase `text` at `start` in the article: its ends, and its day, each with its value."""
    ends = range_ends(text, ref, direction) or count_ends(text)
    if ends is None:
        return None
    return [
        Timex(
            text[e.start : e.end],
            start + e.start,
            start + e.end,
            e.resolved.type,
            e.resolved.value,
            e.resolved.mod,
            e.resolved.range,
            direction,
        )
        for e in ends
    ]


_JOINED = re.compile(_JOINT.replace(" ?", r"\s*"), re.IGNORECASE)
_DAY_BEFORE = re.compile(r",?\s*(?:from|between|in between)?\s*", re.IGNORECASE)
_DAY_AFTER = re.compile(r",?\s*(?:on|of)?\s*", re.IGNORECASE)


def on_their_day(out: list[Timex], text: str) -> list[Timex]:
    """Two clock times joined as a range lie on the day named right before or after them ("Thursday from 9:30 to
    11:00", "9:30 - 11:00 on Thursday"), when the model found that day as an expression of its own."""
    res = list(out)
    for i in range(len(res) - 1):
        a, b = res[i], res[i + 1]
        if a.type != "TIME" or b.type != "TIME" or not _JOINED.fullmatch(text[a.end : b.start]):
            continue
        before = res[i - 1] if i > 0 and _DAY_BEFORE.fullmatch(text[res[i - 1].end : a.start]) else None
        after = res[i + 2] if i + 2 < len(res) and _DAY_AFTER.fullmatch(text[b.end : res[i + 2].start]) else None
        day = next((d.range for d in (after, before) if d is not None and _one_day(d)), None)
        if day is None:
            day = b.range if a.range != b.range and b.range is not None and a.value[:10] != b.value[:10] else None
        if day is not None:
            res[i], res[i + 1] = (replace(t, value=day.start.isoformat() + t.value[10:], range=day) for t in (a, b))
    return res


def _one_day(t: Timex) -> bool:
    return t.type in ("DATE", "TIME") and t.range is not None and t.range.start == t.range.end and not re.search(r"T\d", t.value)
