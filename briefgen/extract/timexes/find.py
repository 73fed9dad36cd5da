"""Finding time expressions: a parsed document and its date in, its resolved Timexes in document order out."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from dataclasses import replace

from dateutil.relativedelta import relativedelta
from spacy.tokens import Doc, Span

from ...model import DateRange, Timex
from ..fastre import fast_scanner
from ..feasts import HOLIDAYS
from ..lexicon import MONTH_PATTERN as _MON
from ..lexicon import MONTHS
from ..nlp import doc_text
from .ranges import on_their_day, split, widened
from .ranges import timexes as range_timexes
from .tense import tense_direction
from .values import (
    CLOCK_HOURS,
    COUNT_PATTERN,
    ORDINAL_PATTERN,
    PARTS_OF_DAY,
    SPOKEN_YEAR,
    WEEKDAYS,
    YEAR_WORDS_PATTERN,
    Resolved,
    day_range,
    month_range,
    quarter_range,
    resolve,
    weekday_index,
    year_range,
)

# Expressions spaCy's NER does not tag as DATE/TIME but TIMEX3 annotates.
_EXTRA = re.compile(
    r"\b(?:now|currently|recently|nowadays|at present|these days|today|tonight|tonite|yesterday|tomorrow|"
    r"(?:last|this|next) (?:week|month|year|weekend|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)|the (?:latest|most recent) period|"
    r"\d{1,2}(?::\d{2})? ?[-\u2013] ?\d{1,2}(?::\d{2})? ?[ap]m|"  # "this Thu 9-11am": a short weekday after its deictic, a clock range
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day(?: (?:morning|afternoon|evening|night))?|"
    r"(?:the )?(?:past|next|last) (?:few |several )?(?:days|weeks|months|years|decades)|"
    r"\d{1,2}:\d{2}(?: ?(?:UTC|GMT))?|\d{4} (?:UTC|GMT)|\d{1,2}/\d{1,2}/\d{2,4}|"
    r"FY ?'?\d{2}(?:\d{2})?|Q[1-4](?: 20\d{2})?|H[12](?: 20\d{2})?|"
    r"recent|current|the past|the (?:near )?future|later|soon|very soon|the (?:long|near|short) term|short-term|"
    r"the (?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)|"
    r"long-term|the time being|(?:several |a few |many )?(?:minutes|hours|days|weeks|months|years|decades)|(?:several|a few|many) quarters|"
    r"this past (?:week|weekend|month|year|spring|summer|fall|autumn|winter))\b(?!-)",
    re.IGNORECASE,
)
# Written forms the model misses or cuts short: "31-Oct-74", "10.31.1974", "2014/10", "Fri, Jul 18", "4th qtr 2018",
# "18q4", "march first", "three weeks hence", "January nineteen ninety-seven"; they win over a date of the model's that they hold ("4th qtr 2018").
_WRITTEN = re.compile(
    r"\b(?:"
    r"\d{1,2}[-.]\d{1,2}[-.]\d{2,4}|\d{4}/\d{1,2}(?:/\d{1,2})?|\d{1,2}[-/]" + _MON + r"[-/]\d{2,4}|"
    r"\d{1,2}(?:st|nd|rd|th)?" + _MON + r" \d{4}|"
    r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?|(?:mon|tues|wednes|thurs|fri|satur|sun)day),? "
    + _MON
    + r"\.? ?\d{1,2}(?:st|nd|rd|th)?|"
    + _MON
    + r" \d{1,2}(?:st|nd|rd|th)?, (?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|"
    r"(?:(?:the )?(?:this|next|last|first|second|third|fourth|[1-4](?:st|nd|rd|th)) (?:qtr|yr)(?: (?:of )?\d{4})?)|"
    r"\d{2}(?:\d{2})?q[1-4]|"
    r"(?:the )?"
    + ORDINAL_PATTERN
    + r" of "
    + _MON
    + r"|"
    + _MON.replace("|may|", "|")
    + r" (?:the )?"
    + ORDINAL_PATTERN
    + r"(?:,? \d{4})?|"
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+) (?:days?|weeks?|fortnights?|months?|years?) "
    r"(?:hence|from (?:now|today))|(?:a|an|one|two|\d+) fortnights? ago|"
    r"(?:two|three|four|five|\d) (?:mon|tues|wednes|thurs|fri|satur|sun)days from (?:now|today)|"
    r"(?:(?:" + _MON + r"|the (?:winter|spring|summer|fall|autumn) of) )?" + SPOKEN_YEAR + r"|"
    r"(?:the )?day (?:before yesterday|after tomorrow)|(?:noon|midnight) (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tomorrow|yesterday)|(?<=\bon )(?:the )?\d{1,2}(?:st|nd|rd|th)(?!\s+[a-z]))\b(?!-)",
    re.IGNORECASE,
)
# A holiday's name with what places it in a year: "last Easter", "Eid al-Fitr 2018", "Thanksgiving of next year",
# "Diwali in 2019", "thanksgiving 3 months ago", "Easter Sunday two thousand ten".
_HOLIDAY_NAMES = re.compile(
    r"\b(?:(?:last|next|this|the coming|the last|the next) )?(?:" + "|".join(HOLIDAYS) + r")"
    r"(?:,? (?:in |of )?" + YEAR_WORDS_PATTERN + r"| of (?:last|next|this) year| in " + COUNT_PATTERN + r" (?:years?|months?)"
    r"| " + COUNT_PATTERN + r" (?:years?|months?|weeks?) ago)?\b",
    re.IGNORECASE,
)
# "since '82": a year in two digits, after a preposition that makes it one (not a quoted number).
_SHORT_YEAR = re.compile(r"(?:(?<=\bsince )|(?<=\bin )|(?<=\bof )|(?<=\bfrom )|(?<=\buntil )|(?<=\bbefore ))'\d{2}\b(?!')", re.IGNORECASE)
# Scanned over every article's whole text: each led by a lookahead for the characters its matches start with (the
# same matches, two to fifteen times sooner: these scans were most of this stage's time).
_EXTRA, _WRITTEN, _HOLIDAY_NAMES, _SHORT_YEAR = (fast_scanner(p) for p in (_EXTRA, _WRITTEN, _HOLIDAY_NAMES, _SHORT_YEAR))
_AGE = re.compile(r"\d+[\s-]+(?:year|month|week|day)s?[\s-]+old|-year-old", re.IGNORECASE)
_PERIOD_NOUNS = {"day", "week", "weekend", "month", "year", "quarter", "decade", "century", "period", "season"}
_LEFT_DEICTIC = {"this", "that", "last", "next", "same", "previous", "coming", "past", "following", "the"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}
_SIGNAL = re.compile(r"(?:no|not) (?:later|earlier|sooner) than |on or (?:before|after) ", re.IGNORECASE)
_AGE_OF = re.compile(r"(?:the )?age of|aged", re.IGNORECASE)


def extract_timexes(doc: Doc, ref: dt.date | None) -> tuple[Timex, ...]:
    """Every time expression in document order, resolved against `ref` (the article's date)."""
    text = doc_text(doc)
    # Characters in a name, and already in an expression: a lookup costs the match's length, not the document's.
    named, taken = bytearray(len(text) + 1), bytearray(len(text) + 1)
    for e in doc.ents:
        if e.label_ in NAME_LABELS:
            named[e.start_char : e.end_char] = b"\x01" * (e.end_char - e.start_char)
    # A holiday with its year or offset is one expression, though the model tags the year alone, as is a written form
    # ("4th qtr 2018"); a holiday inside a longer name ("Christmas Island") is no time.
    phrases: list[re.Match[str]] = []
    for m in sorted(itertools.chain(_HOLIDAY_NAMES.finditer(text), _WRITTEN.finditer(text)), key=lambda m: m.start()):
        if phrases and m.start() < phrases[-1].end():
            continue  # the two overlap: the first found stands
        if not (m.start() > 0 and named[m.start() - 1] and named[m.start()]) and not (named[m.end()] and named[m.end() - 1]):
            phrases.append(m)
    starts = [m.start() for m in phrases]
    spans: list[Span] = []
    overruled: set[int] = set()  # phrases inside a longer date the model found ("the Christmas season")
    for e in doc.ents:
        if e.label_ not in ("DATE", "TIME"):
            continue
        i = bisect.bisect_right(starts, e.start_char) - 1  # the phrase starting at or before the entity
        over = [m for m in phrases[max(i, 0) : i + 2] if m.start() < e.end_char and e.start_char < m.end()]
        if over and all(m.start() <= e.start_char and e.end_char <= m.end() for m in over):
            continue  # the phrase holds it
        overruled.update(m.start() for m in over)
        spans.append(e)
        taken[e.start_char : e.end_char] = b"\x01" * (e.end_char - e.start_char)
    found = [*(m for m in phrases if m.start() not in overruled), *_EXTRA.finditer(text), *_SHORT_YEAR.finditer(text)]
    for m in sorted(found, key=lambda m: m.start()):
        a, b = m.start(), m.end()
        if taken.find(1, a, b) >= 0:
            continue
        span = doc.char_span(a, b, alignment_mode="contract")
        if span is not None and len(span):
            spans.append(span)
            taken[a:b] = b"\x01" * (b - a)
    out: list[Timex] = []
    for span in sorted(
        (p for s in spans for line in _lines(s) for p in _clauses(_with_its_month(line, text), ref)), key=lambda s: s.start_char
    ):
        span = _trim(span)
        if span is None or _AGE.search(span.text) or _AGE_OF.match(span.text) or _greeting(span):
            continue
        if out and out[-1].start <= span.start_char and span.end_char <= out[-1].end:
            continue  # "Thursday evening": the model's "evening" is already in the day trimmed to take it in
        if span.start > 0 and doc[span.start - 1].lower_ in ("every", "each") and span[0].lower_ != doc[span.start - 1].lower_:
            span = doc[span.start - 1 : span.end]  # "every Monday": the model leaves out what makes it a SET
        after_number = span.start > 0 and (doc[span.start - 1].like_num or doc[span.start - 1].lower_ == "times")
        direction = tense_direction(span)
        if (ends := range_timexes(span.text, span.start_char, ref, direction)) is not None:
            out.extend(ends)  # "July 13-15", "3-4pm": each end its own expression, as TIMEX3 has a range
            continue
        res = _generic(span) or _year_told_by_its_end(span) or resolve(span.text, ref, direction, after_number=after_number)
        if res is None and (tail := _dated_tail(span, ref, direction)) is not None:
            span, res = tail  # "a coup d'etat last year": the model ran a word before the date into it
        if res is None:
            continue
        timex = Timex(span.text, span.start_char, span.end_char, res.type, res.value, res.mod, res.range, direction)
        if out and ref is not None:
            # "Oct. 10 at 9 a.m.", "at midnight on Sunday": the clock time is on that day, not the article's.
            between = text[out[-1].end : span.start_char]
            if _on_the_reference_day(timex, ref):
                timex = _on_the_day(timex, out[-1], between, r",? ?(?:(?:at|for|around) )?")
            elif _on_the_reference_day(out[-1], ref):
                clock = out[-1]
                out[-1] = _on_the_day(clock, timex, between, r"(?: [A-Z]{2,4})?,? on |,? ")  # "10 a.m. GMT on Thursday"
                if out[-1] is not clock:
                    _chained_to_the_day(out, text, ref, timex)
                if out[-1] is not clock and between == " ":
                    # "5 p.m. EST Nov. 9", "12:00 UTC Monday": with nothing between them, the time and its day are one
                    # expression; after a comma ("16:15 UTC, June 1st") they stay two, as TIMEX3 has them
                    out[-1] = replace(out[-1], text=text[clock.start : timex.end], end=timex.end)
                    continue
        out.append(timex)
    return tuple(_from_the_focus(on_their_day(_joined(out, text, ref), text), ref, text))


# A report of results names its quarter once ("third-quarter profit"), then says "the quarter", "the latest period",
# and compares with "a year earlier", "the year-ago quarter": the same quarter a year before.
_THE_QUARTER = re.compile(
    r"(?:the |its |that )?(?:latest |most recent |current |fiscal |just-ended |reporting )?(?:quarter|period)", re.IGNORECASE
)
_YEAR_BEFORE = re.compile(
    r"(?:the )?(?:comparable |corresponding )?(?:a year (?:ago|earlier|before)|year[- ](?:ago|earlier)"
    r"(?: (?:quarter|period))?|(?:quarter|period) a year (?:ago|earlier)|"
    r"(?:corresponding|comparable) (?:quarter|period) (?:a year (?:ago|earlier)|last year)|last year's (?:quarter|period))",
    re.IGNORECASE,
)


# A period told from the time the text last named, not from the article's date: TIMEX3 anchors these on the temporal
# focus ("In 1995 he was promoted, and the following year ...", "that year", "the same day").
_ANAPHORIC = re.compile(r"(?:the )?(?P<rel>following|previous|preceding|prior|same|that) (?P<unit>day|month|year)", re.IGNORECASE)
_ANAPHORIC_AFTER = re.compile(r"(?:the )?(?P<unit>day|month|year) (?P<rel>previous|prior)", re.IGNORECASE)  # "the year previous"
_ANAPHORIC_WEEKDAY = re.compile(
    r"(?:the )?(?P<rel>following|previous|preceding|prior) (?P<wd>(?:mon|tues|wednes|thurs|fri|satur|sun)day)", re.I
)
_FINER = {"day": {"day"}, "month": {"day", "week", "month"}, "year": {"day", "week", "month", "quarter", "year"}}


def _from_the_focus(out: list[Timex], ref: dt.date | None, text: str) -> list[Timex]:
    """Resolve what is told from the temporal focus against the dates named before it, in one pass: "the quarter", "a
    year earlier" and "the 1988 period" against the quarter the article last named; "the following year", "the
    previous month", "that year", "the day" and "the same period last year" against the last date named. With no
    such date before them, they stay told from the article's date (the quarters only with an article date)."""
    quarter: tuple[int, int] | None = None  # the quarter last named, as the text named it
    focus: DateRange | None = None  # the last date named, as resolved here
    focus_value = ""
    months = False  # a longer period of results named since ("for the nine months"): what a year before it is compared with
    res = []
    for t in out:
        if quarter and t.direction <= 0 and re.fullmatch(r"this quarter", t.text, re.IGNORECASE):
            t = _as_quarter(t, *quarter)  # "This quarter's loss includes ...": the quarter reported on, not the calendar's
        elif ref is not None and (m := re.fullmatch(r"(\d{4})-Q([1-4])", t.value)):
            if quarter_range(int(m.group(1)), int(m.group(2))).start <= ref:
                quarter = (int(m.group(1)), int(m.group(2)))  # a quarter begun: one a report's results can be of, not a forecast's
        elif quarter and not months and _YEAR_BEFORE.fullmatch(t.text):
            t = _as_quarter(t, quarter[0] - 1, quarter[1])
        elif quarter and not months and (m := re.fullmatch(r"(?:the )?(\d{4}) (?:period|quarter)", t.text, re.IGNORECASE)):
            t = _as_quarter(t, int(m.group(1)), quarter[1])  # "the 1988 period": the quarter reported on, in that year
        elif quarter and _THE_QUARTER.fullmatch(t.text) and re.search(r"quarter|latest|most recent", t.text, re.IGNORECASE):
            t = _as_quarter(t, *quarter)
        if t.type == "DURATION" and (n := re.fullmatch(r"P(\d+)M", t.value)) and int(n.group(1)) > 3:
            months = True  # "For the nine months, net was ... a year earlier": the nine months a year before, not the quarter
        elif re.fullmatch(r"\d{4}-Q[1-4]", t.value):
            months = False
        m = _ANAPHORIC.fullmatch(t.text) or _ANAPHORIC_AFTER.fullmatch(t.text)
        wd = _ANAPHORIC_WEEKDAY.fullmatch(t.text)
        if wd and focus is not None and focus.granularity == "day" and (day := weekday_index(wd.group("wd").lower())) is not None:
            # "down 4.5% from the previous Friday", said of Friday Oct. 27: Oct. 20
            step = _STEPS[wd.group("rel").lower()]
            t = _counted_from(t, focus.start, "day", step * ((step * (day - focus.start.weekday()) - 1) % 7 + 1))
        elif m and focus is not None and focus.granularity in _FINER[m.group("unit").lower()]:
            t = _counted_from(t, focus.start, m.group("unit").lower(), _STEPS[m.group("rel").lower()])
        elif (
            t.text.lower() == "overnight" and focus is not None and focus.granularity == "day" and t.range is not None and t.direction <= 0
        ):
            night = focus.start - dt.timedelta(days=1)  # "Friday's gains followed overnight losses in New York": Thursday's night
            t = replace(t, value=f"{night.isoformat()}TNI", range=day_range(night, night))
        elif t.text.lower() == "the day" and focus is not None and focus.granularity == "day":
            t = _counted_from(t, focus.start, "day", 0)  # "Stocks fell on Monday ... to end the day at 7,114": Monday
        elif (
            _OF_THE_DAY.fullmatch(t.text)
            and focus is not None
            and focus.granularity == "day"
            and ref
            and t.value.startswith(ref.isoformat())
            and not _TOLD_BY_WHAT_FOLLOWS.match(text, t.end)  # "the morning after the debate" is told by the debate
        ):
            # "Stocks rose on Tuesday in morning trading", "a large fall at the start of the day": that day's part
            t = replace(t, value=focus.start.isoformat() + t.value[10:], range=day_range(focus.start, focus.start))
        elif _SAME_A_YEAR_BEFORE.fullmatch(t.text) and focus is not None:
            # "sales rose in February compared to the same period last year": that February, a year before
            if q := re.fullmatch(r"(\d{4})-Q([1-4])", focus_value):
                t = _as_quarter(t, int(q.group(1)) - 1, int(q.group(2)))
            elif focus.granularity in ("day", "month"):
                t = _counted_from(t, focus.start - relativedelta(years=1), focus.granularity, 0)
        if t.type in ("DATE", "TIME") and t.range is not None and re.match(r"\d{4}", t.value) and t.text.lower() != "overnight":
            focus, focus_value = t.range, t.value
        res.append(t)
    return res


# A part of a day named without its day: the day last named ("the day" itself is above); not "at the end of the day",
# as often the idiom ("ultimately") as a time.
_OF_THE_DAY = re.compile(
    r"(?:(?:the )?(?:start|beginning|middle) of the day|(?:early|late|later|earlier) in the day|(?:the )?(?:morning|afternoon|evening))",
    re.IGNORECASE,
)
_TOLD_BY_WHAT_FOLLOWS = re.compile(r" (?:after|before|of|following)\b", re.IGNORECASE)
_SAME_A_YEAR_BEFORE = re.compile(
    r"(?:the )?same (?:period|month|time|day) (?:a year (?:ago|earlier|before)|(?:of )?(?:the )?last year)", re.IGNORECASE
)
_STEPS = {"following": 1, "previous": -1, "preceding": -1, "prior": -1, "same": 0, "that": 0}


def _counted_from(t: Timex, start: dt.date, unit: str, step: int) -> Timex:
    if unit == "year":
        y = start.year + step
        return replace(t, type="DATE", value=f"{y:04d}", mod=None, range=year_range(y))
    if unit == "month":
        d = start + relativedelta(months=step)
        return replace(t, type="DATE", value=f"{d.year:04d}-{d.month:02d}", mod=None, range=month_range(d.year, d.month))
    d = start + dt.timedelta(days=step)
    return replace(t, type="DATE", value=d.isoformat(), mod=None, range=day_range(d, d))


def _as_quarter(t: Timex, year: int, q: int) -> Timex:
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return t  # "the 0001 first quarter ... a year earlier" would be year 0, outside the calendar
    return replace(t, type="DATE", value=f"{year:04d}-Q{q}", mod=None, range=quarter_range(year, q))


# What joins a day to the period it is picked from: "Sunday, Feb 10", "sunday from last week", "first tuesday in
# october", "last week's sunday", "three days after Easter"; and what a model's date leaves out before it: "20th of
# the next month", "last day of october 2015".
_JOINT = re.compile(r"(?:,| of| in| from| after| before)? (?:the )?|['\u2019]s ")
_PICK = re.compile(
    r"(?:(?<=\s)|^)((?:the )?(?:"
    + ORDINAL_PATTERN
    + r"|last|final)(?: (?:"
    + ORDINAL_PATTERN
    + r"|last))?(?: [a-z]+)? (?:of|in) (?:the )?)$",
    re.IGNORECASE,
)


_AT_CLOCK = re.compile(
    r",? (?:at|around|about) (?:\d{1,2}|" + "|".join(CLOCK_HOURS) + r")(?: ?o'clock)?(?![\w:])(?! ?[ap]\.? ?m\b)", re.IGNORECASE
)


def _joined(out: list[Timex], text: str, ref: dt.date | None) -> list[Timex]:
    """Join a day to the period or day it is counted in, when the whole names a narrower date than its parts; and a
    bare hour to the part of a day before it ("tonight at 11", "Saturday morning at 9")."""
    res: list[Timex] = []
    for t in out:
        if res and t.start < res[-1].end:
            continue  # the hour "tonight at 8 o'clock" took in, which the model tagged on its own too
        if re.search(r"T(?:MO|AF|EV|NI)$", t.value) and (m := _AT_CLOCK.match(text, t.end)):
            r = resolve(text[t.start : m.end()], ref, t.direction)
            if r is not None and r.type == "TIME" and r.range == t.range:
                t = Timex(text[t.start : m.end()], t.start, m.end(), r.type, r.value, r.mod, r.range, t.direction)
        if m := _PICK.search(text[max(0, t.start - 40) : t.start]):
            a = t.start - len(m.group(1))
            # The model may tag a word of the pick on its own ("last day", "wednesday"): the narrower date replaces it.
            inside = bool(res) and res[-1].start >= a
            if (not res or res[-1].end <= a or inside) and (narrower := _narrower(text, a, t.end, [t], ref)):
                t = narrower
                if inside:
                    res.pop()
        if res and _JOINT.fullmatch(text[res[-1].end : t.start]):
            if merged := _narrower(text, res[-1].start, t.end, [res[-1], t], ref):
                res[-1] = merged
                continue
        res.append(t)
    return res


def _narrower(text: str, a: int, b: int, parts: list[Timex], ref: dt.date | None) -> Timex | None:
    if any(p.value.endswith("_REF") or p.type != "DATE" for p in parts):
        return None  # "later in the day" is two expressions, as TIMEX3 has them
    direction = next((p.direction for p in parts if p.direction), 0)
    r = resolve(text[a:b], ref, direction)
    widths = [(p.range.end - p.range.start).days for p in parts if p.range is not None]
    if r is None or r.type != "DATE" or r.range is None or not widths or (r.range.end - r.range.start).days > min(widths):
        return None
    return Timex(text[a:b], a, b, r.type, r.value, r.mod, r.range, direction)


def _with_its_month(span: Span, text: str) -> Span:
    a, b = widened(text, span.start_char, span.end_char)
    return span if (a, b) == (span.start_char, span.end_char) else span.doc.char_span(a, b, alignment_mode="expand") or span


def _lines(span: Span) -> list[Span]:
    """An entity never crosses a line break (a dateline is not part of the headline above it)."""
    doc = span.doc
    parts, start = [], span.start
    for i in range(span.start, span.end):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            end = i if "\n" in doc[i].text else i + 1
            if end > start:
                parts.append(doc[start:end])
            start = i + 1
    if span.end > start:
        parts.append(doc[start : span.end])
    return parts


def _dated_tail(span: Span, ref: dt.date | None, direction: int) -> tuple[Span, Resolved] | None:
    """The longest end of an expression that resolved to nothing which names days of the calendar, after nouns the model
    ran into it ("last year" of its "d'etat last year"); None when no such end does."""
    for i in range(span.start + 1, min(span.end, span.start + 4)):
        if span.doc[i - 1].pos_ not in ("NOUN", "PROPN", "X") or span.doc[i].pos_ in ("ADP", "CCONJ", "SCONJ"):
            return None  # a word of the sentence's, not a name the model ran in: "as early as June 1st", "that evening"
        res = resolve(span.doc[i : span.end].text, ref, direction)
        if res is not None and res.type in ("DATE", "TIME") and res.range is not None:
            return span.doc[i : span.end], res
    return None


def _greeting(span: Span) -> bool:
    """ "Good evening from Havana", opening what is said: a greeting, no time."""
    doc, i = span.doc, span.start - 1 if span[0].lower_ != "good" else span.start
    if i < 0 or doc[i].lower_ != "good" or span[-1].lower_ not in PARTS_OF_DAY or span.end - i != 2:
        return False
    return doc[i].is_sent_start is True or (i > 0 and (doc[i - 1].is_punct or "\n" in doc[i - 1].whitespace_))


def _generic(span: Span) -> Resolved | None:
    """ "the leaders of tomorrow", "the cars of tomorrow": an age to come, not a day ("the events of today" is one)."""
    of = span.doc[span.start - 1] if span.start > 0 else None
    if len(span) == 1 and span[0].lower_ == "tomorrow" and of is not None and of.lower_ == "of" and of.head.pos_ == "NOUN":
        return Resolved("DATE", "FUTURE_REF")
    return None


def _year_told_by_its_end(span: Span) -> Resolved | None:
    """ "the year ended March 31", "the fiscal year ending June 30": twelve months told by their last day, a duration
    (TIMEX3), whose end is the date beside it."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in ("ended", "ending") and _YEAR_ENDED.fullmatch(span.text):
        return Resolved("DURATION", "P1Y")
    return None


_YEAR_ENDED = re.compile(r"(?:the |its |their )?(?:fiscal |financial )?year", re.IGNORECASE)


def _on_the_reference_day(timex: Timex, ref: dt.date) -> bool:
    return timex.type == "TIME" and timex.value.startswith(f"{ref.isoformat()}T")


# What may stand between clock times that share the day named after the last of them: "from 9:30 to 11:00 on
# Thursday", "later than 9:30 but before 11:00 on Thursday", "at 9 or 10 on Friday".
_CLOCK_CHAIN = re.compile(
    r"(?:\s*(?:[-\u2013,]|and|or|but|to|until|till|through|before|after|by|at|from|not|later|earlier|than)\s*){1,4}", re.I
)


def _chained_to_the_day(out: list[Timex], text: str, ref: dt.date, day: Timex) -> None:
    """The clock times before the last one, joined to it by connectives only, move to the day it moved to."""
    k = len(out) - 2
    while k >= 0 and _on_the_reference_day(out[k], ref) and _CLOCK_CHAIN.fullmatch(text[out[k].end : out[k + 1].start]):
        out[k] = _on_the_day(out[k], day, "", "")
        k -= 1


def _on_the_day(clock: Timex, day: Timex, between: str, joint: str) -> Timex:
    """A clock time joined to a one-day date (`joint` is what may stand between them) moves to that day."""
    days = day.range
    part = re.search(r"T(MO|AF|EV|NI)$", day.value) if day.type == "TIME" else None
    if (day.type != "DATE" and not part) or days is None or days.start != days.end or not re.fullmatch(joint, between):
        return clock
    clock_time = clock.value[10:]
    hour = re.match(r"T(\d\d)(:\d\d.*)", clock_time)
    if part and part.group(1) != "MO" and hour and int(hour.group(1)) < 12 and not re.search(r"[ap]\.? ?m\b", clock.text, re.I):
        clock_time = f"T{int(hour.group(1)) + 12:02d}{hour.group(2)}"  # "this afternoon at 3:20" is 15:20
    return replace(clock, value=days.start.isoformat() + clock_time, range=days)


def _clauses(span: Span, ref: dt.date | None) -> list[Span]:
    """'November 11, three days later than planned' is two expressions, as is 'between April and June'; 'June 8, 2010'
    is one."""
    doc = span.doc
    # "Sunday, Feb 10" and "Jul 18, Fri" are one date: a weekday beside the date it names.
    cuts = [
        t.i
        for t in span
        if t.text == ","
        and t.i + 1 < span.end
        and not re.fullmatch(r"\d{4}", doc[t.i + 1].text)
        and weekday_index(doc[t.i - 1].lower_) is None
        and not (t.i + 2 == span.end and weekday_index(doc[t.i + 1].lower_) is not None)
    ]
    bounds = [span.start, *cuts, span.end]
    pieces = [doc[a + (1 if a in cuts else 0) : b] for a, b in zip(bounds, bounds[1:]) if b > a + (1 if a in cuts else 0)]
    return [end for piece in pieces for end in _two_expressions(piece, ref)]


def _two_expressions(span: Span, ref: dt.date | None) -> list[Span]:
    """'the first nine months of 1997', 'the quarter ended Sept. 30': two expressions, as TIMEX3 has them; else a
    range's ends, when each is one by itself (ranges.split)."""
    if len(span) >= 3 and (of := next((t.i for t in span[2:-1] if t.lower_ == "of" and t.nbor(-1).lower_ in _PLURAL_UNITS), None)):
        # "the first nine months of 1997": a duration and the date it lies in
        ends = [span.doc[span.start : of], span.doc[of + 1 : span.end]]
        kinds = [resolve(e.text, ref) for e in ends]  # with the article's date: "the year" is this one, not a duration
        if kinds[0] is not None and kinds[0].type == "DURATION" and kinds[1] is not None and kinds[1].type == "DATE":
            return ends
    later = next((t.i for t in span[1:-1] if t.lower_ in _LATER and _HOLIDAY_ALONE.fullmatch(span.doc[span.start : t.i].text)), None)
    if later is not None:
        # "toward Election Day later this week": the model ran a holiday into the time of the clause; two expressions
        return [span.doc[span.start : later], span.doc[later : span.end]]
    ended = next((t.i for t in span[1:-1] if t.lower_ in ("ended", "ending", "ends")), None)
    if ended is not None:  # "the quarter ended Sept. 30": a period, and the day it ends
        ends = [span.doc[span.start : ended], span.doc[ended + 1 : span.end]]
        return ends if all(resolve(e.text, None) is not None for e in ends) else [span]
    return split(span)


_PLURAL_UNITS = {"days", "weeks", "months", "years", "quarters"}
_LATER = {"later", "earlier"}
_HOLIDAY_ALONE = re.compile(r"(?:" + "|".join(HOLIDAYS) + r")", re.IGNORECASE)


def _trim(span: Span) -> Span | None:
    """Drop edge tokens TIMEX3 leaves out: punctuation and a trailing possessive; take in a part of the day."""
    start, end = span.start, span.end
    doc = span.doc
    # spaCy sometimes tags "year" in "this year": the deictic word belongs to the expression.
    while (
        start > 0
        and doc[start - 1].lower_ in _LEFT_DEICTIC
        and doc[start - 1].tag_ in ("DT", "JJ")
        and doc[end - 1].lemma_.lower() in _PERIOD_NOUNS
        and "\n" not in doc[start - 1].whitespace_
    ):
        start -= 1
    if end < len(doc) and doc[end].text.upper() in ("UTC", "GMT") and any(c.isdigit() for c in doc[end - 1].text):
        end += 1
    if end - start > 2 and doc[start].like_num and doc[start + 1].lower_ in ("a", "an", "per"):
        start += 1  # "15 a year": the rate's number is not part of the time expression
    if (
        end < len(doc)
        and doc[end].lower_ == "period"
        and re.fullmatch(r"(?:the )?(?:\d{4}|year-(?:ago|earlier))", doc[start:end].text, re.I)
    ):
        end += 1  # "the 1988 period", "the year-ago period": the period a report compares, one expression
        start -= 1 if start > 0 and doc[start - 1].lower_ == "the" and doc[start].lower_ != "the" else 0
    if (
        start >= 3
        and re.fullmatch(r"last year|a year (?:ago|earlier)", doc[start:end].text, re.I)
        and re.fullmatch(r"the (?:corresponding|comparable|same) (?:period|quarter) ", doc[start - 3 : start].text_with_ws, re.I)
    ):
        start -= 3  # "the corresponding period last year": one expression, the period a year before the one reported
    if end < len(doc) and doc[end - 1].lower_ == "or" and doc[end].like_num:
        end += 1  # "in a year or two": the model stops at "or"
    if (
        end < len(doc)
        and doc[end].lower_ in ("previous", "prior")
        and doc[end - 1].lower_ in ("day", "month", "year")
        and not (end + 1 < len(doc) and doc[end + 1].lower_ == "to")
    ):
        end += 1  # "than the year previous": the period before the one named, as "the previous year" ("the day prior to" is not)
    if end < len(doc) and doc[end].lower_ in PARTS_OF_DAY and doc[end - 1].lower_[:3] in WEEKDAYS and not doc[end - 1].whitespace_ == "":
        end += 1  # "Friday morning" is one expression
    while start < end and (span.doc[start].is_punct or span.doc[start].is_space) and not re.fullmatch(r"'\d{2}", span.doc[start:end].text):
        start += 1
    if signal := _SIGNAL.match(doc[start:end].text):
        # "no later than June 30": TIMEX3 leaves the signal out of the expression.
        start = next((t.i for t in doc[start:end] if t.idx >= doc[start].idx + signal.end()), end)
    while end > start and (span.doc[end - 1].is_punct or span.doc[end - 1].is_space or span.doc[end - 1].tag_ == "POS"):
        end -= 1
    if end - start > 1 and doc[end - 1].lower_ in ("and", "or"):
        # "in both 1990 and 1991", "the cars of the 70s and 80s": the model stopped at the conjunction; "the" before
        # two coordinated dates is both's, so neither expression's
        end -= 1
        start += 1 if doc[start].lower_ == "the" and end - start > 1 else 0
    if start > 0 and end - start == 1 and (doc[start - 1].lower_, doc[start].lower_) in (("more", "recently"), ("right", "now")):
        start -= 1  # "more recently", "right now": one expression, as TIMEX3 has them
    if end - start > 1 and (
        doc[start].lower_ in ("both", "either") or (doc[start].lower_ in ("a", "an") and doc[start + 1].lower_.rstrip(".") in MONTHS)
    ):
        start += 1  # "in both 1990 and 1991", "an Aug. 10, 1988, agreement": the word is the sentence's, not the date's
    if end - start > 1 and doc[start].lower_ in ("just", "only", "barely"):
        start += 1  # "just two weeks", "only six months": the focus word is not part of the time
    if end - start > 3 and doc[start].lower_ in ("the", "a", "an") and _COUNTED_MODIFIER.fullmatch(doc[start + 1 : end].text):
        start += 1  # "the 30-day period", "a fourth-quarter loss": the determiner is the noun's, not the modifier's
    if end - start == 3 and doc[start].lower_ in ("a", "an") and doc[start + 2].lower_ == "century":
        start += 1  # "a 20th century democrat": the article is the noun's
    return span.doc[start:end] if end > start else None


# A count or an ordinal joined to its unit, written before a noun it describes ("30-day", "eight-year", "third-quarter").
_COUNTED_MODIFIER = re.compile(r"[\w.]+-(?:year|month|week|day|hour|minute|quarter|decade|century)", re.IGNORECASE)
