"""Resolving values: one time expression's text and the article's date in, its TIMEX3 type, value, mod and days out."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from ...model import DateRange, TimexType
from ..feasts import holiday_on, holiday_rule
from ..lexicon import MONTHS, WEEKDAYS

NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "a couple of": 2, "a couple": 2, "couple of": 2, "half a": 0.5, "a half": 0.5, "dozen": 12, "a dozen": 12,
}  # fmt: skip
VAGUE_NUMBERS = {"several", "few", "a few", "some", "many", "numerous", "the", "couple", "multiple"}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4, "last": 4}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
# unit -> (TIMEX3 duration code, is a time-of-day unit)
UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "week": ("W", False), "weekend": ("WE", False), "fortnight": ("W", False), "month": ("M", False),
    "quarter": ("Q", False), "year": ("Y", False), "decade": ("DE", False), "century": ("CE", False),
    "centurie": ("CE", False), "millennium": ("ML", False), "millennia": ("ML", False),
}  # fmt: skip
MODS = {
    "early": "START", "earlier": "START", "beginning of": "START", "start of": "START", "the beginning of": "START",
    "the start of": "START", "mid": "MID", "middle of": "MID", "the middle of": "MID", "late": "END",
    "later": "END", "end of": "END", "the end of": "END",
}  # fmt: skip
APPROX_MODS = {
    "about": "APPROX", "around": "APPROX", "some": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
    "nearly": "LESS_THAN", "almost": "LESS_THAN", "less than": "LESS_THAN", "under": "LESS_THAN",
    "more than": "MORE_THAN", "over": "MORE_THAN", "at least": "EQUAL_OR_MORE", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS", "no less than": "EQUAL_OR_MORE", "fewer than": "LESS_THAN",
}  # fmt: skip
SETS = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annual": "P1Y", "annually": "P1Y", "yearly": "P1Y",
    "quarterly": "P3M", "hourly": "PT1H", "nightly": "P1D", "biannual": "P6M", "biennial": "P2Y",
}  # fmt: skip
PRESENT = {"now", "right now", "currently", "at present", "presently", "nowadays", "these days", "at the moment",
           "the moment", "present", "today's", "current", "this time", "time being", "the time being"}  # fmt: skip
PAST = {"recently", "more recently", "lately", "the past", "in the past", "previously", "formerly", "earlier", "once",
        "former times", "recent", "history", "in history"}  # fmt: skip
FUTURE = {"the future", "in the future", "future", "soon", "later", "shortly", "in the coming years",
          "the coming years", "coming years", "the coming months", "coming months", "the years ahead",
          "the near future", "near future", "the coming weeks", "coming weeks", "the coming days", "coming days", "very soon",
          "long term", "near term", "short term", "short-term", "long-term", "the long run", "long run"}  # fmt: skip

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAYS = r"(?P<first>[0-3]?\d)(?:st|nd|rd|th)? ?(?:-|\u2013|to|and|through|until) ?(?P<last>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[0-9]{3}|20[0-9]{2})"
_WEEKDAY = r"(?P<weekday>(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?)\.?"
_MODW = r"(?:(?P<mod>early|mid|late|the beginning of|the start of|the middle of|the end of|beginning of|start of|middle of|end of)[\s-]+)?"
_NUM = r"(?P<num>\d+(?:\.\d+)?(?: 1/2)?|[a-z]+(?:[\s-][a-z]+){0,2}?(?: and a half)?)"
_UNIT = r"(?P<unit>second|minute|hour|day|week|weekend|fortnight|month|quarter|year|decade|centur(?:y|ie)|millenni(?:um|a))s?"


def _ordinal(word: str) -> int | None:
    """ "third", "3rd", "3", "twenty-first": a day's or an item's number."""
    w = word.strip()
    if w in ORDINAL_WORDS:
        return ORDINAL_WORDS[w]
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", w)
    return int(m.group(1)) if m else None


_ORDINAL_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_ORDINAL_TEENS = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
# "first" .. "thirty-first": the days of a month written out
ORDINAL_WORDS = {w: i + 1 for i, w in enumerate(_ORDINAL_UNITS)} | {w: i + 10 for i, w in enumerate(_ORDINAL_TEENS)}
ORDINAL_WORDS |= {f"twenty{sep}{w}": 21 + i for i, w in enumerate(_ORDINAL_UNITS) for sep in ("-", " ")}
ORDINAL_WORDS |= {"thirtieth": 30, "thirty-first": 31, "thirty first": 31}
# A day's ordinal in words or digits ("twenty-first", "21st", "21"), for patterns here and in find.py
ORDINAL_PATTERN = r"(?:" + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True)) + r"|\d{1,2}(?:st|nd|rd|th)?)"
# Short forms people write: "4th qtr", "last yr", "this week-end", "tonite"
_ABBREVIATIONS = [
    (r"\bqtrs?\b", "quarter"),
    (r"\byrs?\b", "year"),
    (r"\bwks?\b", "week"),
    (r"\b(?:week-end|week end|wkend)(s?)\b", r"weekend\1"),
    (r"\btonite\b", "tonight"),
    (r"\btomorrows\b", "tomorrow"),
    (r"\b(\d{2}|\d{4})q([1-4])\b", r"q\2 \1"),
]


# A year said in words, as transcripts write it: "nineteen ninety-six", "nineteen hundred", "eighteen seventy".
SPOKEN_YEAR = (
    r"\b(?:eighteen|nineteen) (?:hundred|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)\b"
)


def _digits(spoken: re.Match[str]) -> str:
    """ "nineteen ninety-six" as "1996"."""
    century, rest = spoken.group().split(" ", 1)
    n = 0 if rest == "hundred" else NUMBERS[rest] if rest in NUMBERS else _number(rest)
    return f"{NUMBERS[century]}{int(n or 0):02d}"


# Decades said in words: "the nineties", "the eighties" (the last century's, as "the '90s")
DECADE_WORDS = {w: 10 * (i + 2) for i, w in enumerate("twenties thirties forties fifties sixties seventies eighties nineties".split())}
# The hours said as words ("at eleven"), a year in digits or words ("2018", "two thousand ten"), and a small count
# ("three years ago"): shared with find.py's patterns for the phrases the model misses.
CLOCK_HOURS = {w: i + 1 for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split())}
YEAR_WORDS_PATTERN = r"(?:1[0-9]{3}|20[0-9]{2}|two thousand(?: and)?(?: [a-z]+(?:-[a-z]+)?)?)"
COUNT_PATTERN = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)"


@dataclass(frozen=True)
class Resolved:
    type: TimexType
    value: str
    mod: str | None = None
    range: DateRange | None = None


# which without the cache grows exponentially with the phrase; article text is anyone's.
@functools.lru_cache(maxsize=65536)
def resolve(text: str, ref: dt.date | None, direction: int = 0, after_number: bool = False) -> Resolved | None:
    """Resolve one expression to a TIMEX3 type, value, mod and (where it is a calendar period) its days."""
    try:
        return _resolve(text, ref, direction, after_number)
    except (ValueError, OverflowError):
        return None  # "99999 years ago" lies outside the calendar: article text is anyone's


def _resolve(text: str, ref: dt.date | None, direction: int, after_number: bool) -> Resolved | None:
    s = re.sub(r"\s+", " ", text.lower()).strip()
    for short, long in _ABBREVIATIONS:
        s = re.sub(short, long, s)
    s = re.sub(SPOKEN_YEAR, _digits, s)
    s = (
        re.sub(r"^(?:on|in|at(?! (?:least|most)\b)|by|since|until|till|from|during|for|of|about the|the) (?=\S)", "", s)
        if not s.startswith("the past") and not s.startswith("the future")
        else s
    )
    # "sometime next year", "the next year or so", "a week or so ago": the vague edge leaves the value as it is
    s = re.sub(r" or so\b", "", re.sub(r"^some ?time (?=\S)", "", s))
    s = re.sub(r"^this past (?=\S)", "last ", s)  # "this past spring"
    if (
        (m := re.fullmatch(r"(early|late|mid[- ]?(?!night))[- ]?((?:morning|afternoon|evening|night)(?: \S.*)?)", s))
        and (part := resolve(m.group(2), ref, direction, after_number))
        and part.type == "TIME"
    ):
        # "by mid-afternoon", "late evening": that part of the day, its third as the mod
        return Resolved(part.type, part.value, part.mod or _mod(m.group(1).rstrip("- ")), part.range)
    if (yy := re.fullmatch(r"(q[1-4]) (\d{2})", s)) and ref is not None:  # "18q4": the century of the article
        s = f"{yy.group(1)} {ref.year // 100 * 100 + int(yy.group(2))}"
    if m := re.fullmatch(r"(?:early|late|earlier|later) ((?:mon|tues|wednes|thurs|fri|satur|sun)day)", s):
        s = m.group(1)  # "earlier Sunday", "early Tuesday": that day
    if (m := re.fullmatch(r"(\d{4}) period", s)) and (said := _year_number(m.group(1))):
        return Resolved("DATE", f"{said:04d}", range=year_range(said))  # "the 1988 period", where no quarter is named
    if re.fullmatch(r"(?:the )?year-(?:ago|earlier)(?: period)?", s) and ref is not None:
        return Resolved("DATE", f"{ref.year - 1:04d}", range=year_range(ref.year - 1))  # "year-earlier results"
    if re.fullmatch(r"(?:the )?(?:latest|most recent|just-ended|just-completed) (?:fiscal )?(?:quarter|period)", s) and ref is not None:
        # the quarter whose results are out: the last one ended before the article
        y, q = divmod(ref.year * 4 + (ref.month - 1) // 3 - 1, 4)
        return Resolved("DATE", f"{y:04d}-Q{q + 1}", range=quarter_range(y, q + 1))
    same = re.fullmatch(r"(?:the )?(?:same|corresponding|comparable) (?:period|month|time) (?:a year (?:ago|earlier|before)|last year)", s)
    if same and ref is not None:  # "the same period a year earlier": the article's month, a year before
        d = ref - relativedelta(years=1)
        return Resolved("DATE", f"{d.year:04d}-{d.month:02d}", range=month_range(d.year, d.month))
    m = re.fullmatch(r"(earlier|later) (?:this|in the) (week|month|year)", s)
    if m and ref is not None:
        # "later this year": the rest of the period after the article's date, "earlier this month" the part before.
        whole = resolve(f"this {m.group(2)}", ref)
        if whole is not None and whole.range is not None:
            later = m.group(1) == "later"
            a, b = (ref + dt.timedelta(days=1), whole.range.end) if later else (whole.range.start, ref - dt.timedelta(days=1))
            if a <= b:
                return Resolved("DATE", whole.value, MODS[m.group(1)], DateRange(a, b, whole.range.granularity))
            return Resolved("DATE", whole.value, MODS[m.group(1)])  # "earlier this month" on its first day: no days left
    m = re.fullmatch(r"(.*\S) (?:of )?(last|this|next) year", s)
    if m and ref is not None and not re.fullmatch(r"(?:the )?(?:same |corresponding |comparable )?(?:period|time|month|week)", m.group(1)):
        # "the first quarter of last year", "October of next year": the year is named, relative to the article's
        year = ref.year + {"last": -1, "this": 0, "next": 1}[m.group(2)]
        return resolve(f"{m.group(1)} {year}", ref, direction, after_number)
    s = re.sub(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)-(quarter|half)\b", r"\1 \2", s)  # "third-quarter profit"
    # "its fourth quarter", "a fourth-quarter", "the fiscal first quarter": the quarter itself
    s = re.sub(r"^(?:(?:its|their|a|an|the) )?(?:fiscal[- ])?(?=(?:first|second|third|fourth|1st|2nd|3rd|4th) (?:quarter|half)\b)", "", s)
    period_end = re.fullmatch(r"(?:the )?(year|month|week)(?:'s|\u2019s)? end|(year|month)-end", s)
    if period_end:  # "by year's end", "year-end"
        return resolve(f"the end of the {period_end.group(1) or period_end.group(2)}", ref, direction, after_number)
    res = _the_period(re.sub(r"\s+", " ", text.lower()).strip(), ref, direction, after_number)
    if res is not None:
        return res
    for rule in (_set, _refs, _deictic, _ago, _relative, _weekday, _holiday, _clock_on_day, _within, _explicit, _clock, _duration):
        res = rule(s, ref, direction, after_number)
        if res is not None:
            return res
    if (m := re.match(r"(?:both|either|an?|(?P<approx>around|about|approximately|roughly)) (?=\S)", s)) and (
        rest := resolve(s[m.end() :], ref, direction, after_number)
    ):
        # "around Nov. 1", "an Aug. 10, 1988, agreement", "in both 1990 and 1991": the model took in a word before the date
        if rest.type in ("DATE", "TIME") and rest.range is not None:
            return Resolved(rest.type, rest.value, rest.mod or ("APPROX" if m.group("approx") else None), rest.range)
    if re.search(r"day|week|month|year|morning|night|time|season|century|decade|quarter|christmas|easter|holiday", s):
        return Resolved("DATE", "XXXX-XX-XX")  # a time expression we cannot pin down
    return None


def _set(s: str, ref: dt.date | None, direction: int, after_number: bool) -> Resolved | None:
    if s in SETS:
        return Resolved("SET", SETS[s])
    m = re.fullmatch(r"(?:every|each|per|a|an) (?:other |single )?(?:(?P<n>\d+|\w+) )?" + _UNIT, s)
    if m and (not s.startswith(("a ", "an ")) or after_number):
        n = _number(m.group("n")) if m.group("n") else 1
        return Resolved("SET", _period(n or 1, m.group("unit")))
    m = re.fullmatch(r"(?:every|each) " + _WEEKDAY, s)
    if m and (wd := weekday_index(m.group("weekday"))) is not None:
        return Resolved("SET", f"XXXX-WXX-{wd + 1}")
    m = re.fullmatch(r"(?:every|each) (morning|afternoon|evening|night)", s)
    if m:
        return Resolved("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[m.group(1)]}")
    m = re.fullmatch(r"(?:once|twice|[\w,.]+ times|[\d,.]+) (?:a|an|per|each|every) " + _UNIT, s)
    if m:
        return Resolved("SET", _period(1, m.group("unit")))
    return None


def _refs(s: str, ref: dt.date | None, direction: int, after_number: bool) -> Resolved | None:
    if s in PRESENT:
        return Resolved("DATE", "PRESENT_REF", range=day_range(ref, ref) if ref else None)
    if s in PAST:
        return Resolved("DATE", "PAST_REF")
    if s in FUTURE or re.fullmatch(r"(?:the )?(?:coming|future) (?:days|weeks|months|quarters|years|decades)", s):
        return Resolved("DATE", "FUTURE_REF")  # "in coming quarters", "future quarters", as "the coming months"
    if s == "overnight" and ref is not None:
        # "overnight losses in New York": the night before the article's day; "will work overnight": the coming one
        night = ref if direction > 0 else ref - dt.timedelta(days=1)
        return Resolved("TIME", f"{night.isoformat()}TNI", range=day_range(night, night))
    if m := re.fullmatch(
        r"(?:the |a |an |its |their )?(?:\w+ )?(?:"
        + ORDINAL_PATTERN
        + r") (?:(?:consecutive|straight|successive) (day|week|month|year|quarter)|"
        r"(day|week|month|year|quarter) in a row)",
        s,
    ):
        # "for a second consecutive day", "gains for the fourth week in a row": the run ends in the article's day, week, ...
        return _this(m.group(1) or m.group(2), ref, direction, after_number)
    if m := re.fullmatch(r"each of (the (?:past|last|next|coming) .+)", s):
        return resolve(m.group(1), ref, direction, after_number)  # "in each of the past three years": P3Y
    return None


def _this(unit: str, ref: dt.date | None, direction: int, after_number: bool) -> Resolved | None:
    return _deictic("today", ref, direction, after_number) if unit == "day" else _relative(f"this {unit}", ref, direction, after_number)


def _deictic(s: str, ref: dt.date | None, direction: int, after_number: bool) -> Resolved | None:
    s = re.sub(r"^(?:earlier|later|early|late) (?=today|tonight|yesterday|tomorrow|this|last night)", "", s)
    s = re.sub(r"^last night$", "yesterday night", s)  # "late last night": the night before the article's day
    if m := re.fullmatch(r"(?:the )?day (after tomorrow|before yesterday)", s):
        if ref is None:
            return Resolved("DATE", "XXXX-XX-XX")
        day = ref + dt.timedelta(days=2 if m.group(1) == "after tomorrow" else -2)
        return Resolved("DATE", day.isoformat(), range=day_range(day, day))
    s = re.sub(r"^last night$", "yesterday night", s)  # the night before the article's day
    m = re.fullmatch(r"(today|tonight|yesterday|tomorrow|this)(?:'s)?(?: (morning|afternoon|evening|night))?", s)
    if not m or (m.group(1) == "this" and not m.group(2)):
        return None
    word, part = m.group(1), m.group(2)
    if ref is None:
        return Resolved(
            "TIME" if part or word == "tonight" else "DATE",
            "XXXX-XX-XX" + (f"T{PARTS_OF_DAY[part or 'night']}" if part or word == "tonight" else ""),
        )
    day = ref + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(word, 0))
    if word == "tonight" or part:
        return Resolved("TIME", f"{day.isoformat()}T{PARTS_OF_DAY[part or 'tonight']}", range=day_range(day, day))
    return Resolved("DATE", day.isoformat(), range=day_range(day, day))


def _ago(s: str, ref: dt.date | None, direction: int, after_number: bool) -> Resolved | None:
    m = re.fullmatch(
        r"(?:(?:about|around|some|nearly|almost|more than|over|just|only) )?"
        + _NUM
        + r" "
        + _UNIT
        + r" (?P<dir>ago|earlier|before|later|hence|from now|from today)",
        s,
    )
    if not m:
        return None
    n = _number(m.group("num"))
    unit = m.group("unit")
    sign = -1 if m.group("dir") in ("ago", "earlier", "before") else 1
    counted = m.group("dir") == "earlier" and unit == "year"  # "a year earlier" in news is a year before the article
    if (
        ref is None
        or n is None
        or unit in ("second", "minute", "hour")
        or (m.group("dir") in ("earlier", "before", "later") and not counted)
    ):
        if m.group("dir") not in ("ago", "hence", "from now", "from today"):
            return None
        if n is None and m.group("num") in VAGUE_NUMBERS:
            return Resolved("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")  # "several years ago": some time back
        return Resolved("DATE", _unknown_value(unit))
    n_int = int(n)
    if unit == "day":
        d = ref + dt.timedelta(days=sign * n_int)
        return Resolved("DATE", d.isoformat(), range=day_range(d, d))
    if unit in ("fortnight", "week"):
        # "three weeks hence", "two weeks ago", "a fortnight ago": a count of days from the article's, so a day
        d = ref + dt.timedelta(weeks=sign * n_int * (2 if unit == "fortnight" else 1))
        return Resolved("DATE", d.isoformat(), range=day_range(d, d))
    if unit == "month":
        d = ref + relativedelta(months=sign * n_int)
        return Resolved("DATE", f"{d.year:04d}-{d.month:02d}", range=month_range(d.year, d.month))
    years = {"year": 1, "decade": 10, "century": 100, "centurie": 100}.get(unit, 1) * n_int
    y = ref.year + sign * years
    if unit == "decade":
        return Resolved("DATE", f"{y // 10:03d}", range=DateRange(dt.date(y // 10 * 10, 1, 1), dt.date(y // 10 * 10 + 9, 12, 31), "year"))
    return Resolved("DATE", f"{y:04d}", range=year_range(y))


def _relative(s: str, ref: dt.date | None, direction: int, after_number: bool) -> Resolved | None:
    m = re.fullmatch(
        _MODW + r"(?:the (?=past (?:week|month|year)$))?(?P<rel>last|past|previous|this|current|next|coming|following|upcoming|the same)\s"
        r"(?P<unit>week|weekend|month|year|quarter|decade|century|spring|summer|autumn|fall|winter|season)",
        s,
    )
    if not m:
        return None
    rel, unit, mod = m.group("rel"), m.group("unit"), _mod(m.group("mod"))
    if rel == "past" and unit not in SEASONS:
        if unit not in ("week", "month", "year") or mod:
            return Resolved("DURATION", _period(1, unit))  # "the past decade" spans back from now
        rel = "last"  # "over the past year", "the past week": the last one, a date, as "last year" (where "the past two years" is P2Y)
    if ref is None:
        return Resolved("DATE", _unknown_value(unit), mod)
    step = {"last": -1, "previous": -1, "next": 1, "coming": 1, "following": 1, "upcoming": 1}.get(rel, 0)
    if unit in ("week", "weekend"):
        d = ref + dt.timedelta(weeks=step)
        if unit == "weekend":
            sat = d - dt.timedelta(days=d.weekday()) + dt.timedelta(days=5)
            return Resolved("DATE", _week_value(d) + "-WE", mod, DateRange(sat, sat + dt.timedelta(days=1), "day"))
        return Resolved("DATE", _week_value(d), mod, _week_range(d))
    if unit == "month":
        d = ref + relativedelta(months=step)
        return Resolved("DATE", f"{d.year:04d}-{d.month:02d}", mod, _with_mod(month_range(d.year, d.month), mod))
    if unit == "quarter":
        q = (ref.month - 1) // 3 + step
        y = ref.year + (q // 4)
        q = q % 4 + 1
        return Resolved("DATE", f"{y:04d}-Q{q}", mod, quarter_range(y, q))
    if unit == "year":
        y = ref.year + step
        return Resolved("DATE", f"{y:04d}", mod, _with_mod(year_range(y), mod))
    if unit == "decade":
        y = ref.year + 10 * step
        return Resolved("DATE", f"{y // 10:03d}", mod)
    if unit == "century":
        return Resolved("DATE", f"{(ref.year + 100 * step) // 100:02d}", mod)
    if unit in SEASONS:
        code = SEASONS[unit]
        y = _season_year(code, ref, step if step else direction, explicit=bool(step))
        return Resolved("DATE", f"{y:04d}-{code}", mod, _season_range(y, code))
    return None


def _weekday(s: str, ref: dt.date | None, direction: int, after_number: bool) -> Resolved | None:
    m = re.fullmatch(r"(?:(?P<rel>last|this|next|coming|past) )?" + _WEEKDAY + r"(?:,)?(?: (?P<part>morning|afternoon|evening|night))?", s)
    if not m:
        return None
    wd = weekday_index(m.group("weekday"))
    if wd is None:
        return None
    part = m.group("part")
    if ref is None:
        return Resolved("TIME" if part else "DATE", f"XXXX-WXX-{wd + 1}" + (f"T{PARTS_OF_DAY[part]}" if part else ""))
    rel = m.group("rel")
    delta = (wd - ref.weekday()) % 7  # days forward to the next such weekday (0 = the reference day)
    if rel in ("last", "past"):
        d = ref - dt.timedelta(days=(7 - delta) % 7 or 7)
    elif rel in ("next", "coming"):
        d = ref + dt.timedelta(days=delta or 7)
    elif rel == "this":
        d = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(days=wd)
    elif direction > 0:
        d = ref + dt.timedelta(days=delta)  # "is travelling on Monday" written on a Monday: today
    elif direction < 0 or delta > 3:
        d = ref - dt.timedelta(days=(7 - delta) % 7)
    else:
        d = ref + dt.timedelta(days=delta)
    if part:
        return Resolved("TIME", f"{d.isoformat()}T{PARTS_OF_DAY[part]}", range=day_range(d, d))
    return Resolved("DATE", d.isoformat(), range=day_range(d, d))


def _holiday(s: str, ref: dt.date | None, direction: int, after_number: bool) -> Resolved | None:
    """ "Christmas", "last Easter", "Eid al-Fitr 2018", "Diwali in 2019", "thanksgiving 3 months ago": the holiday's
    day in the year named, in the year the offset lands in, else the one the tense points to."""
    m = re.fullmatch(
        r"(?:(?P<rel>last|next|this|the coming|the last|the next) )?(?P<name>.+?)"
        r"(?:,? (?:in |of )?(?P<year>" + YEAR_WORDS_PATTERN + r")| in (?P<ahead>" + COUNT_PATTERN + r") (?P<unit>year|month)s?"
        r"| (?P<back>" + COUNT_PATTERN + r") (?P<bunit>year|month|week)s? ago)?",
        s,
    )
    rule = holiday_rule(m.group("name")) if m else None
    if m is None or rule is None:
        return None
    if m.group("year"):
        year = _year_number(m.group("year"))
        day = holiday_on(rule, year) if year else None
    elif ref is None:
        return Resolved("DATE", "XXXX-XX-XX")
    elif m.group("ahead") or m.group("back"):
        n = _number(m.group("ahead") or m.group("back"))
        unit = m.group("unit") or m.group("bunit")
        sign = 1 if m.group("ahead") else -1
        moved = ref + relativedelta(**{f"{unit}s": int(sign * (n or 1))})
        day = holiday_on(rule, moved.year)  # "thanksgiving in a year": the one of the year a year from now
    else:
        rel = (m.group("rel") or "").removeprefix("the ")
        step = {"last": -1, "next": 1, "coming": 1}.get(rel, 0)
        days = [d for d in (holiday_on(rule, y) for y in (ref.year - 1, ref.year, ref.year + 1)) if d is not None]
        if step:  # "last Easter" is the one before the article's day, not the article's day itself
            days = [d for d in days if (d < ref if step < 0 else d > ref)]
        day = _toward(ref, step or direction, days)
    return Resolved("DATE", day.isoformat(), range=day_range(day, day)) if day else None


def _year_number(text: str) -> int | None:
    """ "2018", "two thousand ten"."""
    if text.isdigit():
        return int(text)
    rest = re.sub(r"^two thousand(?: and)?", "", text).strip()
    n = _number(rest) if rest else 0
    return 2000 + int(n) if n is not None and n < 100 else None


def _explicit(s: str, ref: dt.date | None, direction: int, after_number: bool) -> Resolved | None:
    # "Sunday, Feb 10", "Fri, Jul 18", "Jul 18, Fri": the date wins, in the year where it falls on that weekday.
    named = re.fullmatch(r"(?:(?:next|this|last|coming|past|this coming) )?" + _WEEKDAY + r",? (?P<rest>.+)", s) or re.fullmatch(
        r"(?P<rest>.+?),? " + _WEEKDAY, s
    )
    if named and weekday_index(named.group("weekday")) is not None:
        res = _explicit(named.group("rest"), ref, direction, after_number)
        if res is None or ref is None or res.range is None or res.range.granularity != "day":
            return res
        wd, said = weekday_index(named.group("weekday")), res.range.start
        if said.weekday() == wd or re.search(r"\d{4}|'\d\d", named.group("rest")):
            return res
        agree = [d for d in (_shift_year(said, k) for k in (-1, 1, -2, 2, -3, 3, 4, -4, 5, -5, 6, -6)) if d and d.weekday() == wd]
        return _day(agree[0].year, agree[0].month, agree[0].day) if agree else res
    s = re.sub(r"\b(" + _MONTH.replace("(?P<month>", "(?:") + r")(\d)", r"\1 \2", s)  # "feb13"
    s = re.sub(r"^(\d{1,2})(?:st|nd|rd|th)?(?=" + _MONTH.replace("(?P<month>", "(?:") + r")", r"\1 ", s)  # "14april 2015"
    if (m := re.fullmatch(_MONTH + r" (?:the )?(?P<o>" + ORDINAL_PATTERN + r")(?P<rest>,? " + _YEAR + r")?", s)) and not m.group(
        "o"
    ).isdigit():
        # "march first", "february the 15th": the day written as an ordinal
        return _explicit(f"{m.group('month')} {_ordinal(m.group('o'))}{m.group('rest') or ''}", ref, direction, after_number)
    if m := re.fullmatch(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})", s):
        return _day(int(m.group(1)), int(m.group(3)), int(m.group(4)))
    if m := re.fullmatch(r"(\d{4})[-/](\d{1,2})", s):  # "2014-10": a month; "2010-11" is a season of two years
        y, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12 or (m.group(2) == f"{(y + 1) % 100:02d}" and "-" in s):
            return None
        return Resolved("DATE", f"{y:04d}-{month:02d}", range=month_range(y, month))
    if res := _part_of_month(s, ref, direction):
        return res
    if m := re.fullmatch(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})", s):
        # Month first, as in American news, unless the first number cannot be a month ("15/2/2013").
        y, a, b = _full_year(m.group(4)), int(m.group(1)), int(m.group(3))
        return _day(y, a, b) if a <= 12 else _day(y, b, a)
    if m := re.fullmatch(r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?[-/ ]" + _MONTH + r"[-/ ,]+(?P<y>\d{2}|\d{4})", s):
        return _day(_full_year(m.group("y")), MONTHS[m.group("month")], int(m.group("day")))  # "31-Oct-74"
    if (m := re.fullmatch(r"(\d{1,2})/(\d{1,2})", s)) and ref is not None:
        a, b = int(m.group(1)), int(m.group(2))
        month, day = (a, b) if a <= 12 else (b, a)
        if month > 12 or day > 31:
            return None
        return _day(_pick_year(month, day, ref, direction), month, day)
    if m := re.fullmatch(_MONTH + r" " + _DAY + r",? " + _YEAR, s):
        return _day(int(m.group("year")), MONTHS[m.group("month")], int(m.group("day")))
    if m := re.fullmatch(_DAY + r" (?:of )?" + _MONTH + r",? " + _YEAR, s):
        return _day(int(m.group("year")), MONTHS[m.group("month")], int(m.group("day")))
    if (m := re.fullmatch(r"(?:between )?" + _DAYS + r" " + _MONTH + r"(?:,? " + _YEAR + r")?", s)) or (
        m := re.fullmatch(r"(?:between )?" + _MONTH + r" " + _DAYS + r"(?:,? " + _YEAR + r")?", s)
    ):
        # "20-22 March", "between 20 and 28 February": the month, with the days themselves as the range.
        month, first, last = MONTHS[m.group("month")], int(m.group("first")), int(m.group("last"))
        if ref is None and not m.group("year"):
            return Resolved("DATE", f"XXXX-{month:02d}")
        y = int(m.group("year")) if m.group("year") or ref is None else _pick_year(month, first, ref, direction)
        try:
            days = DateRange(dt.date(y, month, first), dt.date(y, month, last), "day")
        except ValueError:
            return None
        return Resolved("DATE", f"{y:04d}-{month:02d}", range=days) if first < last else None
    if m := re.fullmatch(r"(?:the )?(?P<day>[0-3]?\d)(?:st|nd|rd|th)", s):
        return _day_of_month(int(m.group("day")), ref, direction)
    if (m := re.fullmatch(_MONTH + r" " + _DAY, s)) or (m := re.fullmatch(r"(?:the )?" + _DAY + r" (?:of )?" + _MONTH, s)):
        month, day = MONTHS[m.group("month")], int(m.group("day"))
        if ref is None:
            return Resolved("DATE", f"XXXX-{month:02d}-{day:02d}")
        y = _pick_year(month, day, ref, direction)
        return _day(y, month, day)
    if m := re.fullmatch(_MODW + r"(?P<rel>last|next|this|past)?\s?" + _MONTH + r"(?:,? (?:of )?" + _YEAR + r")?", s):
        month, mod = MONTHS[m.group("month")], _mod(m.group("mod"))
        if m.group("year"):
            y = int(m.group("year"))
        elif ref is None:
            return Resolved("DATE", f"XXXX-{month:02d}", mod)
        else:
            rel = m.group("rel")
            step = -1 if rel in ("last", "past") else 1 if rel == "next" else 0
            y = _pick_year(month, None, ref, step or direction, strict=bool(step)) if rel != "this" else ref.year
        return Resolved("DATE", f"{y:04d}-{month:02d}", mod, _with_mod(month_range(y, month), mod))
    if m := re.fullmatch(r"'(\d{2})", s):
        yy = int(m.group(1))
        y = 2000 + yy if ref is not None and 2000 + yy <= ref.year else 1900 + yy  # "since '82": a past year
        return Resolved("DATE", f"{y:04d}", range=year_range(y))
    if m := re.fullmatch(r"(?:the )?(" + "|".join(DECADE_WORDS) + r")", s):
        y = 1900 + DECADE_WORDS[m.group(1)]  # "the nineties": a decade of the last century, as "the '90s"
        return Resolved("DATE", f"{y // 10:03d}", range=DateRange(dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "year"))
    if m := re.fullmatch(r"(?:the )?'?([1-9]0)'?s", s):
        y = 1900 + int(m.group(1))
        return Resolved("DATE", f"{y // 10:03d}", range=DateRange(dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "year"))
    if m := re.fullmatch(_MODW + r"(?:the )?(?P<decade>1[0-9]{2}0|20[0-9]0)'?s", s):
        y = int(m.group("decade"))
        return Resolved("DATE", f"{y // 10:03d}", _mod(m.group("mod")), DateRange(dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "year"))
    if m := re.fullmatch(r"(?:(?:the )?(?:fiscal|financial|budget) (?:year )?|fy ?)" + _YEAR, s):
        return Resolved("DATE", f"FY{m.group('year')}", range=year_range(int(m.group("year"))))
    if (
        m := re.fullmatch(r"(?:the )?(?P<rel>current |this |last |previous |next )?(?:financial|fiscal|budget) year", s)
    ) and ref is not None:
        y = ref.year + {"last ": -1, "previous ": -1, "next ": 1}.get(m.group("rel") or "", 0)
        return Resolved("DATE", f"FY{y}", range=year_range(y))
    if m := re.fullmatch(r"fy ?'?(\d{2})", s):
        y = 2000 + int(m.group(1))  # "FY23": fiscal years named this way are this century's
        return Resolved("DATE", f"FY{y}", range=year_range(y))
    if m := re.fullmatch(r"(?:the )?(?P<h>first|second|last|1st|2nd) half(?: of)?(?: " + _YEAR + ")?", s) or re.fullmatch(
        r"h(?P<h>[12])(?: " + _YEAR + ")?", s
    ):
        h = 1 if m.group("h") in ("1", "first", "1st") else 2
        if (hy := _part_year(h, 6, m.group("year"), ref, direction)) is None:
            return Resolved("DATE", f"XXXX-H{h}")
        return Resolved("DATE", f"{hy:04d}-H{h}", range=DateRange(dt.date(hy, 6 * h - 5, 1), month_range(hy, 6 * h).end, "quarter"))
    if (m := re.fullmatch(r"(?:the )?year (" + YEAR_WORDS_PATTERN + r")", s)) and (year_said := _year_number(m.group(1))):
        return Resolved("DATE", f"{year_said:04d}", range=year_range(year_said))  # "the year two thousand"
    if m := re.fullmatch(_MODW + r"(?:the year )?" + _YEAR, s):
        y, mod = int(m.group("year")), _mod(m.group("mod"))
        return Resolved("DATE", f"{y:04d}", mod, _with_mod(year_range(y), mod))
    if (
        m := re.fullmatch(
            r"(?:the )?(?P<y>\d{4}|this year's|last year's|next year's|year-ago|year-earlier) (?:fiscal )?"
            r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th) quarter",
            s,
        )
    ) and ref is not None:
        # "the 1988 third quarter", "the year-ago third quarter", "next year's first quarter"
        word = m.group("y")
        y = int(word) if word.isdigit() else ref.year + {"this year's": 0, "next year's": 1}.get(word, -1)
        q = int(m.group("q")[0]) if m.group("q")[0].isdigit() else ORDINALS[m.group("q")]
        return Resolved("DATE", f"{y:04d}-Q{q}", range=quarter_range(y, q))
    if m := re.fullmatch(
        r"(?:the )?(?P<q>first|second|third|fourth|final|last|1st|2nd|3rd|4th) quarter(?: of)?(?: " + _YEAR + ")?", s
    ) or re.fullmatch(r"q(?P<q>[1-4])(?: " + _YEAR + ")?", s):
        q = int(m.group("q")) if m.group("q").isdigit() else ORDINALS[m.group("q")]
        if (year := _part_year(q, 3, m.group("year"), ref, direction)) is None:
            return Resolved("DATE", f"XXXX-Q{q}")
        return Resolved("DATE", f"{year:04d}-Q{q}", range=quarter_range(year, q))
    if m := re.fullmatch(_MODW + r"(?:this |last |next )?(?P<season>spring|summer|autumn|fall|winter)(?: (?:of )?" + _YEAR + ")?", s):
        code = SEASONS[m.group("season")]
        if m.group("year"):
            y = int(m.group("year"))
        elif ref is None:
            return Resolved("DATE", f"XXXX-{code}", _mod(m.group("mod")))
        else:
            step = -1 if s.startswith("last") else 1 if s.startswith("next") else 0
            y = _season_year(code, ref, step or direction, explicit=bool(step))
        return Resolved("DATE", f"{y:04d}-{code}", _mod(m.group("mod")), _season_range(y, code))
    if m := re.fullmatch(r"(?:the |an? )?(?P<n>\d{1,2})(?:st|nd|rd|th) century", s):
        return Resolved("DATE", f"{int(m.group('n')) - 1:02d}")
    return None


def _part_of_month(s: str, ref: dt.date | None, direction: int) -> Resolved | None:
    """ "the first week of March", "the last week of April", "the week of March 18", "the second half of May"."""
    year = r"(?:,? (?:of )?" + _YEAR + r")?"
    nth = re.fullmatch(r"(?:the )?(?P<n>first|second|third|fourth|final|last|1st|2nd|3rd|4th) week (?:of|in) " + _MONTH + year, s)
    half = re.fullmatch(r"(?:the )?(?P<h>first|second|last|1st|2nd) half of " + _MONTH + year, s)
    days = r"(?:" + _DAYS + r"|" + _DAY + r")"  # "the weekend of March 9-10" is the weekend of the 9th
    week_of = re.fullmatch(r"(?:the )?(?P<unit>week|weekend) of " + _MONTH + r" " + days + year, s) or re.fullmatch(
        r"(?:the )?(?P<unit>week|weekend) of " + days + r" (?:of )?" + _MONTH + year, s
    )
    m = nth or half or week_of
    if m is None:
        return None
    groups = {k: v for k, v in m.groupdict().items() if v is not None}
    month = MONTHS[groups["month"]]
    first_day = groups.get("day") or groups.get("first")
    day = int(first_day) if first_day else None
    if "year" in groups:
        y = int(groups["year"])
    elif ref is None:
        return Resolved("DATE", f"XXXX-{month:02d}")
    else:
        y = _pick_year(month, day, ref, direction)
    whole = month_range(y, month)
    if half:
        first = groups["h"] in ("first", "1st")
        mid = dt.date(y, month, 15)
        part = DateRange(whole.start, mid, "day") if first else DateRange(mid + dt.timedelta(days=1), whole.end, "day")
        return Resolved("DATE", f"{y:04d}-{month:02d}", "START" if first else "END", part)
    if week_of:
        try:
            date = dt.date(y, month, day or 1)
        except ValueError:
            return None
        if groups["unit"] == "weekend":  # "the weekend of March 9-10": the Saturday and Sunday of that week
            saturday = date + dt.timedelta(days=5 - date.weekday())
            return Resolved("DATE", _week_value(saturday) + "-WE", range=DateRange(saturday, saturday + dt.timedelta(days=1), "day"))
    else:
        # A week belongs to the month that holds its Thursday (ISO 8601), so the first week of March 2024 is 4-10 March.
        thursdays = [d for d in range(1, whole.end.day + 1) if dt.date(y, month, d).weekday() == 3]
        n = groups["n"]
        k = len(thursdays) if n in ("last", "final") else ORDINALS[n]
        if k > len(thursdays):
            return None
        date = dt.date(y, month, thursdays[k - 1])
    return Resolved("DATE", _week_value(date), range=_week_range(date))


def _day_of_month(day: int, ref: dt.date | None, direction: int) -> Resolved | None:
    """ "on the 15th": this month's, or the next (or last) month's when the tense points past this month's."""
    if not 1 <= day <= 31:
        return None
    if ref is None:
        return Resolved("DATE", "XXXX-XX-XX")
    this = dt.date(ref.year, ref.month, 1)
    months = [this - relativedelta(months=1), this, this + relativedelta(months=1)]
    pick = _toward(ref, direction, [m.replace(day=day) for m in months if day <= calendar.monthrange(m.year, m.month)[1]])
    return _day(pick.year, pick.month, pick.day) if pick else None


def _toward(ref: dt.date, direction: int, dates: list[dt.date]) -> dt.date | None:
    """Of dates in order around the reference, the first on or after it for the future, the last on or before it for
    the past, else the nearest."""
    if direction > 0:
        return next((d for d in dates if d >= ref), None)
    if direction < 0:
        return next((d for d in reversed(dates) if d <= ref), None)
    return min(dates, key=lambda d: abs((d - ref).days), default=None)


_CLOCK = (
    r"(?P<h>\d{1,2}|" + "|".join(CLOCK_HOURS) + r")(?:[:.h](?P<mi>\d{2}))? ?(?:(?P<ap>[ap])\.? ?m\.?|o'clock)?"
    r"|(?P<word>noon|midday|midnight)"
)


def _clock_on_day(s: str, ref: dt.date | None, direction: int, after_number: bool) -> Resolved | None:
    """A clock time and its day anywhere in the phrase: "3pm tomorrow", "8 tonight", "tonight at 11", "at 5 tomorrow
    afternoon", "day before yesterday 8am", "on Saturday for 9am"."""
    m = (
        re.fullmatch(r"(?:at |around |about )?(?:" + _CLOCK + r") (?:(?:on|for|of) )?(?P<day>.+)", s)
        or re.fullmatch(r"(?P<day>.+?),? (?:at|around|about|for|by|@) (?:" + _CLOCK + r")", s)
        or re.fullmatch(r"(?P<day>.+?) (?:" + _CLOCK + r")", s)
    )
    if m is None or ref is None:
        return None
    said = m.group("ap") or m.group("mi") or m.group("word") or "at " in s or "for " in s
    day = resolve(m.group("day"), ref, direction)
    if day is None or day.range is None or day.range.start != day.range.end or day.type not in ("DATE", "TIME"):
        return None
    part = day.value[11:] if day.type == "TIME" else ""
    if m.group("word"):
        h, minute = {"noon": 12, "midday": 12, "midnight": 24}[m.group("word")], 0
    else:
        h = int(m.group("h")) if m.group("h").isdigit() else CLOCK_HOURS[m.group("h")]
        minute = int(m.group("mi") or 0)
        if not said and part not in ("AF", "EV", "NI"):
            return None  # "2 Monday" is no time; "8 tonight" is
        if h > 24 or minute > 59 or (m.group("ap") and h > 12):
            return None
        if m.group("ap"):
            h = h % 12 + (12 if m.group("ap") == "p" else 0)
        elif h < 12 and part in ("AF", "EV", "NI"):
            h += 12  # "9 tomorrow evening"
    return Resolved("TIME", f"{day.range.start.isoformat()}T{h:02d}:{minute:02d}", range=day.range)


def _within(s: str, ref: dt.date | None, direction: int, after_number: bool) -> Resolved | None:
    """A day picked out of a period: "wednesday of next week", "monday of this week", "first tuesday of october",
    "third day of october", "the 5th last day of May", "20th of next month", "first monday of last month", "last
    week's sunday"; and a day counted from another: "third tuesday after christmas 2014", "three days after Easter"."""
    if m := re.fullmatch(r"(?P<y>.+? (?:week|month))(?:'s|\u2019s) (?P<x>.+)", s):
        s = f"{m.group('x')} of {m.group('y')}"  # "last week's sunday"
    for m in re.finditer(r" (?:(?P<rel>of|in|from|after|before) (?:the )?|(?=(?:this|next|last|the following) week\b))", s):
        x, y = s[: m.start()], s[m.end() :]
        if not x or not y:
            continue
        period = resolve(y, ref, direction)
        if period is None or period.range is None:
            continue
        rng, rel = period.range, m.group("rel")
        if rel in ("after", "before") or (rel == "from" and rng.start == rng.end):
            pick = _counted(x, rng.start if rel != "before" else rng.end, -1 if rel == "before" else 1)
        elif rng.start != rng.end:
            pick = _in_period(x, rng)
        else:
            pick = None
        if pick is not None:
            return _day(pick.year, pick.month, pick.day)
    return None


def _in_period(x: str, rng: DateRange) -> dt.date | None:
    days = [rng.start + dt.timedelta(days=i) for i in range((rng.end - rng.start).days + 1)]
    if (wd := weekday_index(x)) is not None and len(days) <= 7:
        return next((d for d in days if d.weekday() == wd), None)  # "wednesday of next week"
    if m := re.fullmatch(r"(?:the )?(?P<n>" + ORDINAL_PATTERN + r"|last|final) (?P<wd>\w+)", x):
        wd = weekday_index(m.group("wd"))
        if wd is not None:  # "first tuesday of october", "last friday of the month"
            same = [d for d in days if d.weekday() == wd]
            n = -1 if m.group("n") in ("last", "final") else (_ordinal(m.group("n")) or 0) - 1
            return same[n] if -len(same) <= n < len(same) else None
    if m := re.fullmatch(r"(?:the )?(?:(?P<n>" + ORDINAL_PATTERN + r") )?last day", x):
        k = _ordinal(m.group("n")) if m.group("n") else 1  # "the 5th last day of May"
        return days[-k] if k and k <= len(days) else None
    if m := re.fullmatch(r"(?:the )?(?P<n>" + ORDINAL_PATTERN + r")(?: day)?", x):
        k = _ordinal(m.group("n"))  # "third day of october", "20th of next month"
        return days[k - 1] if k and k <= len(days) and rng.granularity in ("month", "week") else None
    return None


def _counted(x: str, start: dt.date, sign: int) -> dt.date | None:
    if m := re.fullmatch(r"(?:the )?(?P<n>" + ORDINAL_PATTERN + r"|" + "|".join(NUMBERS) + r") (?P<wd>\w+?)s?", x):
        wd, n = weekday_index(m.group("wd")), _ordinal(m.group("n")) or _number(m.group("n"))  # "3 fridays from now"
        if wd is not None and n:  # "third tuesday after christmas": the nth such weekday after the day
            first = start + dt.timedelta(days=sign * (((wd - start.weekday()) * sign - 1) % 7 + 1))
            return first + dt.timedelta(weeks=sign * (n - 1))
    if m := re.fullmatch(_NUM + r" (?P<unit>day|week)s?", x):
        n = _number(m.group("num"))  # "three days after Easter"
        if n is not None and float(n).is_integer():
            return start + dt.timedelta(days=sign * int(n) * (7 if m.group("unit") == "week" else 1))
    return None


def _clock(s: str, ref: dt.date | None, direction: int, after_number: bool) -> Resolved | None:
    day = ref.isoformat() if ref else "XXXX-XX-XX"
    rng = day_range(ref, ref) if ref else None
    if m := re.fullmatch(r"(?:about |around |at )?(\d{1,2})(?:[:.](\d{2}))? ?([ap])\.? ?m\.?(?: [\w()+ ]+)?", s):
        h = int(m.group(1)) % 12 + (12 if m.group(3) == "p" else 0)
        return Resolved("TIME", f"{day}T{h:02d}:{int(m.group(2) or 0):02d}", range=rng)
    if m := re.fullmatch(r"(?:about |around |at )?(\d{1,2}):?(\d{2})(?: ?(gmt|utc|z))?(?: (today|\w+day))?", s):
        if m.group(4) and m.group(4) != "today":
            wd = _weekday(m.group(4), ref, direction, after_number)
            day = wd.value if wd is not None and wd.range is not None else day
        zone = "Z" if m.group(3) else ""  # TIMEX3 marks UTC times with Z
        return Resolved("TIME", f"{day}T{int(m.group(1)):02d}:{m.group(2)}{zone}", range=rng)
    if m := re.fullmatch(r"(?:about |around |at )?(\d{1,2}) o['\u2019]clock", s):
        # "will be speaking at 3 o'clock": an hour from one to six is the afternoon's (no one sets 3 a.m. by the clock's
        # hour alone), any other as said
        h = int(m.group(1))
        return Resolved("TIME", f"{day}T{h + 12 if 1 <= h <= 6 else h:02d}:00", range=rng) if h <= 12 else None
    if s in ("noon", "midday"):
        return Resolved("TIME", f"{day}T12:00", range=rng)
    if s == "midnight":
        return Resolved("TIME", f"{day}T24:00", range=rng)
    if s in PARTS_OF_DAY or s in ("the morning", "the afternoon", "the evening", "the night"):
        return Resolved("TIME", f"{day}T{PARTS_OF_DAY[s.removeprefix('the ')]}", range=rng)
    return None


def _the_period(s: str, ref: dt.date | None, direction: int, after_number: bool) -> Resolved | None:
    """'the day', 'the same week', 'the entire year', 'late in the day': the period the article is in."""
    m = re.fullmatch(
        r"(?:(?P<mod>early|late|later|earlier) in |(?P<edge>(?:the )?(?:beginning|start|middle|end) of) )?"
        r"(?:the |that |this )(?:same |entire |whole |full |very )?(?P<unit>day|week|weekend|month|year)",
        s,
    )
    if not m or ref is None:
        return None
    unit, mod = m.group("unit"), _mod(m.group("mod") or (m.group("edge") and m.group("edge").removeprefix("the ")))
    if unit == "day":
        return Resolved("DATE", ref.isoformat(), mod, day_range(ref, ref))
    res = _relative(f"this {unit}", ref, direction, after_number)  # "the same week" is this week
    return None if res is None else Resolved(res.type, res.value, mod, _with_mod(res.range, mod) if res.range else None)


# Words between a count and its unit ("two consecutive years", "an additional year")
_COUNTED_WORDS = r"(?:consecutive|straight|successive|full|whole|more|additional|extra|further|trading|business|working)"


def _duration(s: str, ref: dt.date | None, direction: int, after_number: bool) -> Resolved | None:
    m = re.fullmatch(
        r"(?:the )?(?:(?P<approx>about|around|some|roughly|approximately|nearly|almost|less than|fewer than|under|more than|over|"
        r"at least|at most|no more than|no less than|up to|just|only|barely) )?"
        r"(?:(?:the )?(?:past|last|next|previous|coming|first|final|following|recent|preceding|latest|year-earlier|year-ago) )?"
        r"(?:an? (?=\w+[\s-]))?"  # "a two-day rally": the article belongs to the noun the count describes
        r"(?:(?:additional|further|extra) (?=\S+ ))?"  # "a further six months"
        r"(?:(?!"
        + _COUNTED_WORDS
        + r" )"  # "an additional year": the word before the unit is no count
        + _NUM
        + r")?[\s-]?(?:"
        + _COUNTED_WORDS
        + r" )?"
        + _UNIT
        + r"(?:[\s-]long| old| later| earlier| in a row| ahead)?",
        s,
    )
    if m:
        raw = m.group("num")
        n = _number(raw) if raw else 1
        if raw and n is None and raw not in VAGUE_NUMBERS and not raw.endswith(tuple(VAGUE_NUMBERS)):
            return None
        if raw is None and s[m.end("unit") : m.end("unit") + 1] == "s":
            n = None  # "years", "decades", "the weeks ahead": an unspecified number
        return Resolved("DURATION", _period(n, m.group("unit")), APPROX_MODS.get(m.group("approx") or ""))
    if m := re.fullmatch(
        r"(?:(?:about|around|some|nearly|almost|more than|over) )?(\d+(?:\.\d+)?|[a-z]+)(?: and a half)? (?:hours?|hrs?)", s
    ):
        n = _number(m.group(1))
        return Resolved("DURATION", f"PT{_fmt(n)}H" if n else "PTXH")
    return None


# ------------------------------------------------------------------------------------------------- helpers


def _number(word: str | None) -> float | None:
    if word is None:
        return None
    w = word.strip().replace(",", "")
    try:
        return float(w)
    except ValueError:
        pass
    if w in NUMBERS:
        return NUMBERS[w]
    for half in (" and a half", " 1/2"):  # "two and a half", "2 1/2"
        if w.endswith(half):
            whole = _number(w.removesuffix(half))
            return whole + 0.5 if whole is not None else None
    parts = re.split(r"[\s-]+", w)
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS and NUMBERS[parts[0]] >= 20:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    return None


def _full_year(text: str) -> int:
    """A year in two digits is of the last century from 50 on ("10-31-74"), else of this one."""
    y = int(text)
    return y + (1900 if y >= 50 else 2000) if y < 100 else y


def _shift_year(d: dt.date, years: int) -> dt.date | None:
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return None  # the 29th of February


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


def _period(n: float | None, unit: str) -> str:
    code, is_time = UNITS[unit]
    if unit == "decade":
        return f"P{_fmt(10 * n)}Y" if n else "PXY"  # TIMEX3 writes a decade as ten years
    if unit == "fortnight":
        return f"P{_fmt(2 * n)}W" if n else "PXW"
    return ("PT" if is_time else "P") + (_fmt(n) if n else "X") + code


def _unknown_value(unit: str) -> str:
    return {"week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX", "day": "XXXX-XX-XX"}.get(unit, "XXXX-XX-XX")


def _mod(word: str | None) -> str | None:
    return MODS.get(word) if word else None


def weekday_index(word: str) -> int | None:
    """ "monday", "mon.", "thursday": 0 to 6 (Monday first); None for any other word."""
    w = word.rstrip(".")
    if w in WEEKDAYS:
        return WEEKDAYS[w]
    return WEEKDAYS.get(w[:3]) if w.endswith("day") else None


def _part_year(part: int, months: int, said: str | None, ref: dt.date | None, direction: int) -> int | None:
    """The year of "the third quarter" or "the first half": the one said, else the last such part for the past, the
    next for the future, else the reference's; None without a year said or a reference."""
    if said:
        return int(said)
    if ref is None:
        return None
    current = (ref.month - 1) // months + 1
    # The part just ended is still the one meant ahead ("third-quarter results will ..." in October).
    return ref.year - 1 if direction < 0 and part > current else ref.year + 1 if direction > 0 and part < current - 1 else ref.year


def _pick_year(month: int, day: int | None, ref: dt.date, direction: int, strict: bool = False) -> int:
    """The year of a month (and day) named without one: after the reference for the future, before for the past."""
    key_ref = (ref.month, ref.day if day is not None else 0)
    key = (month, day if day is not None else 0)
    if direction > 0:
        return ref.year if (key > key_ref if strict else key >= key_ref) else ref.year + 1
    if direction < 0:
        if day is not None and not strict and 0 < (dt.date(ref.year, month, min(day, 28)) - ref).days <= 45:
            return ref.year  # a day weeks ahead in a past-tense sentence is what was set for it ("said it will pay Dec. 1")
        if day is None and not strict and (month - ref.month) % 12 == 1:
            return ref.year + (month < ref.month)  # so is the month after the article's ("told of a cutback in September")
        return ref.year if (key < key_ref if strict else key <= key_ref) else ref.year - 1
    # No tense to go by: the nearest such month.
    candidates = [ref.year - 1, ref.year, ref.year + 1]
    return min(candidates, key=lambda y: abs((y * 12 + month) - (ref.year * 12 + ref.month)))


def _season_year(code: str, ref: dt.date, direction: int, explicit: bool) -> int:
    first, _ = SEASON_MONTHS[code]
    if direction > 0:
        return ref.year if first > ref.month or (not explicit and first >= ref.month - 2) else ref.year + 1
    if direction < 0:
        return ref.year if first < ref.month else ref.year - 1
    return ref.year


def _day(y: int, m: int, d: int) -> Resolved | None:
    try:
        day = dt.date(y, m, d)
    except ValueError:
        return None
    return Resolved("DATE", day.isoformat(), range=day_range(day, day))


def day_range(a: dt.date, b: dt.date) -> DateRange:
    return DateRange(a, b, "day")


def _week_value(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def _week_range(d: dt.date) -> DateRange:
    monday = d - dt.timedelta(days=d.weekday())
    return DateRange(monday, monday + dt.timedelta(days=6), "week")


def month_range(y: int, m: int) -> DateRange:
    return DateRange(dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1]), "month")


def quarter_range(y: int, q: int) -> DateRange:
    """The days of quarter `q` (1 to 4) of year `y`."""
    start = dt.date(y, 3 * q - 2, 1)
    end_month = 3 * q
    return DateRange(start, dt.date(y, end_month, calendar.monthrange(y, end_month)[1]), "quarter")


def year_range(y: int) -> DateRange:
    return DateRange(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")


def _season_range(y: int, code: str) -> DateRange:
    a, b = SEASON_MONTHS[code]
    end_year = y + 1 if b < a else y
    return DateRange(dt.date(y, a, 1), dt.date(end_year, b, calendar.monthrange(end_year, b)[1]), "quarter")


def _with_mod(rng: DateRange, mod: str | None) -> DateRange:
    """early/mid/late keep the first, middle or last third of the period; of a month, as analysts date them, its 1st to
    10th, 11th to 20th, and 20th to last day ("late February" is 20-28/29, "the end of March" 20-31)."""
    if mod not in ("START", "MID", "END"):
        return rng
    if rng.granularity == "month":
        lo, hi = {"START": (1, 10), "MID": (11, 20), "END": (20, rng.end.day)}[mod]
        return DateRange(rng.start.replace(day=lo), rng.start.replace(day=hi), rng.granularity)
    if rng.granularity == "year" and rng.start.month == 1 and rng.end.month == 12 and rng.start.year == rng.end.year:
        # A year's thirds are its months' (January-April, May-August, September-December), whatever a leap day does.
        first, last = {"START": (1, 4), "MID": (5, 8), "END": (9, 12)}[mod]
        y = rng.start.year
        return DateRange(dt.date(y, first, 1), dt.date(y, last, calendar.monthrange(y, last)[1]), rng.granularity)
    days = (rng.end - rng.start).days + 1
    a, b = round(days / 3), round(2 * days / 3)
    lo, hi = {"START": (0, a - 1), "MID": (a, b - 1), "END": (b, days - 1)}[mod]
    return DateRange(rng.start + dt.timedelta(days=lo), rng.start + dt.timedelta(days=hi), rng.granularity)
