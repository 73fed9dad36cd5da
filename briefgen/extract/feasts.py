"""Holidays by name: the day each falls on in a given year, from the holidays package and calendar conversions."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Callable
from functools import lru_cache

import holidays as national_holidays
from convertdate import hebrew
from dateutil.easter import EASTER_ORTHODOX, easter
from dateutil.relativedelta import MO, TH, relativedelta, weekday
from hijridate import Hijri

Rule = Callable[[int], "dt.date | None"]


def fixed(month: int, day: int) -> Rule:
    return lambda y: dt.date(y, month, day)


def nth_weekday(month: int, which: weekday) -> Rule:
    """MO(+3): the third Monday of the month; MO(-1): its last."""
    return lambda y: dt.date(y, month, 1) + relativedelta(day=1 if which.n > 0 else 31, weekday=which)


def after(rule: Rule, days: int) -> Rule:
    def day(y: int) -> dt.date | None:
        d = rule(y)
        return d + dt.timedelta(days=days) if d else None

    return day


def nearest_weekday(month: int, day: int) -> Rule:
    """A day kept on a working day: Saturday's is held on the Friday, Sunday's on the Monday."""

    def rule(y: int) -> dt.date:
        d = dt.date(y, month, day)
        return d + dt.timedelta(days={5: -1, 6: 1}.get(d.weekday(), 0))

    return rule


def western_easter(days: int = 0) -> Rule:
    return lambda y: easter(y) + dt.timedelta(days=days)


def orthodox_easter(days: int = 0) -> Rule:
    return lambda y: easter(y, EASTER_ORTHODOX) + dt.timedelta(days=days)


def hijri(month: int, day: int) -> Rule:
    """An Islamic date (Umm al-Qura calendar, 1924-2077): its first day in the Gregorian year (a Hijri year is 11
    days shorter, so a few Gregorian years hold it twice)."""

    def rule(y: int) -> dt.date | None:
        first = (y - 622) * 33 // 32
        for hy in range(first - 1, first + 3):
            try:
                g = Hijri(hy, month, day).to_gregorian()
            except (ValueError, OverflowError):
                continue
            if g.year == y:
                return dt.date(g.year, g.month, g.day)
        return None

    return rule


def last_friday_of_ramadan(y: int) -> dt.date | None:
    eid = hijri(10, 1)(y)
    if eid is None:
        return None
    eve = eid - dt.timedelta(days=1)
    return eve - dt.timedelta(days=(eve.weekday() - 4) % 7)


def hebrew_eve(month: int, day: int) -> Rule:
    """A Jewish holiday begins at sunset: the Gregorian day of its eve (Purim falls in Adar II in a leap year)."""

    def rule(y: int) -> dt.date | None:
        for hy in (y + 3760, y + 3761):
            m = 13 if month == 12 and hebrew.leap(hy) else month
            with warnings.catch_warnings():  # convertdate calls its own deprecated month_days
                warnings.simplefilter("ignore", DeprecationWarning)
                d = dt.date(*hebrew.to_gregorian(hy, m, day)) - dt.timedelta(days=1)
            if d.year == y:
                return d
        return None

    return rule


@lru_cache(maxsize=256)
def _national(country: str, year: int) -> tuple[tuple[dt.date, str], ...]:
    with warnings.catch_warnings():  # "available only from 2001 to 2035": then there is simply no date
        warnings.simplefilter("ignore")
        kinds = tuple(c for c in ("public", "optional") if c in national_holidays.country_holidays(country).supported_categories)
        days = national_holidays.country_holidays(country, years=year, categories=kinds, language="en_US")
    return tuple(sorted((d, name.lower()) for d, name in days.items()))


def national(country: str, name: str) -> Rule:
    """A holiday as the holidays package lists it for a country (its public and optional days)."""
    pattern = re.compile(name)

    def rule(y: int) -> dt.date | None:
        # One day may carry several holidays: "diwali; naraka chaturdashi".
        return next((d for d, names in _national(country, y) for n in names.split("; ") if pattern.search(n) and "observed" not in n), None)

    return rule


_INDIA = "IN"
_SANKRANTI = national(_INDIA, r"makar sankranti")
_NARAKA = national(_INDIA, r"naraka chaturdashi")
_A = r"['\u2019]?"  # an apostrophe, often left out: "new years day", "st patricks day"

# Name patterns (lower case, whole words) -> the day in a year. Longer names first: the finder takes the first
# alternative that matches ("Christmas Eve" before "Christmas", "Easter Monday" before "Easter").
HOLIDAYS: dict[str, Rule] = {
    # Days fixed in the Gregorian calendar
    r"christmas eve|xmas eve": fixed(12, 24),
    r"christmas(?: day)?|x-?mas(?: day)?": fixed(12, 25),
    r"boxing day": fixed(12, 26),
    r"new year" + _A + r"s eve": fixed(12, 31),
    r"new year(?:" + _A + r"s(?: day)?| day)": fixed(1, 1),
    r"valentine" + _A + r"s?(?: day)?": fixed(2, 14),
    r"(?:st\.?|saint) (?:patrick|paddy)" + _A + r"s?(?: day)?": fixed(3, 17),
    r"may day": fixed(5, 1),
    r"bastille day": fixed(7, 14),
    r"hallowe" + _A + r"en": fixed(10, 31),
    r"bonfire night|guy fawkes night": fixed(11, 5),
    r"(?:veterans|remembrance|armistice) day": fixed(11, 11),
    r"juneteenth": fixed(6, 19),
    r"(?:the )?fourth of july": fixed(7, 4),
    r"world vegan day": fixed(11, 1),
    r"(?:national )?boss" + _A + r"s?" + _A + r" day": nearest_weekday(10, 16),
    # The United States' Monday and Thursday holidays
    r"(?:martin luther king|mlk)(?: jr\.?)?" + _A + r"s? day|mlk|civil rights day": nth_weekday(1, MO(+3)),
    r"presidents" + _A + r" day|washington" + _A + r"s birthday": nth_weekday(2, MO(+3)),
    r"memorial day": nth_weekday(5, MO(-1)),
    r"labou?r day": nth_weekday(9, MO(+1)),
    r"black friday": after(nth_weekday(11, TH(+4)), 1),
    r"thanksgiving(?: day)?": nth_weekday(11, TH(+4)),
    # Days of the United States' federal calendar: Election Day is the Tuesday after the first Monday of November
    # (2 U.S.C. 7), Inauguration Day January 20 (the 20th Amendment); the tense picks the year, as for any holiday.
    r"election day|election night": after(nth_weekday(11, MO(+1)), 1),
    r"inauguration day": fixed(1, 20),
    # Moving feasts of the Christian year
    r"orthodox (?:good|great|holy) friday": orthodox_easter(-2),
    r"orthodox easter(?: sunday)?": orthodox_easter(),
    r"easter mon(?:day)?": western_easter(1),
    r"easter(?: sunday)?": western_easter(),
    r"good friday": western_easter(-2),
    r"holy saturday": western_easter(-1),
    r"maundy thursday|holy thursday": western_easter(-3),
    r"palm sunday|branch sunday": western_easter(-7),
    r"ash wednesday": western_easter(-46),
    r"ascension day": western_easter(39),
    r"pentecost(?: sunday)?|whit(?:e)? sunday|whitsun(?:day)?": western_easter(49),
    r"whit monday|pentecost monday": western_easter(50),
    r"shrove tuesday|mardi gras|pancake day": western_easter(-47),
    # The Islamic calendar
    r"eid (?:al|ul)[- ]fitr|id (?:al|ul)[- ]fitr": hijri(10, 1),
    r"eid (?:al|ul)[- ]adha|id (?:al|ul)[- ]adha|sacrifice feast|feast of (?:the )?sacrifice|bakr[- ]?id|bakri eid": hijri(12, 10),
    r"laylat al[- ]qadr|laylat al[- ]kadr|lailat al[- ]qadr|night of (?:power|measures|destiny)": hijri(9, 27),
    r"(?:the )?day of ashura|ashura": hijri(1, 10),
    r"mawlid(?: al[- ]nabawi)?|(?:the )?prophet" + _A + r"s birthday": hijri(3, 12),
    r"isra (?:and|&) mi" + _A + r"raj|(?:the )?prophet" + _A + r"s ascension|lailat al[- ]miraj": hijri(7, 27),
    r"islamic new year|hijri new year|(?:the )?arabic new year": hijri(1, 1),
    r"jumu" + _A + r"atul[- ]wida|jamat[- ]ul[- ]vida": last_friday_of_ramadan,
    # The Hebrew calendar (Tishrei = 7, Kislev = 9, Shevat = 11, Adar = 12, Nisan = 1, Iyar = 2, Sivan = 3)
    r"purim": hebrew_eve(12, 14),
    r"tu b" + _A + r"i?shvat|tu b" + _A + r"shevat": hebrew_eve(11, 15),
    r"lag b" + _A + r"a?omer": hebrew_eve(2, 18),
    r"rosh hashanah?": hebrew_eve(7, 1),
    r"yom kippur": hebrew_eve(7, 10),
    r"hanukk?ah|chanukk?ah": hebrew_eve(9, 25),
    r"passover|pesach": hebrew_eve(1, 15),
    r"shavuot": hebrew_eve(3, 6),
    r"sukkot|succos|sukkos|feast of (?:the )?(?:tabernacles|ingathering|booths)": hebrew_eve(7, 15),
    # Lunisolar calendars of Asia, as the holidays package has them
    r"chinese (?:lunar )?new year" + _A + r"s?(?: day)?|lunar new year": national("SG", r"chinese new year"),
    r"vesak(?: day)?|vaisakha|buddha (?:day|purnima|jayanti)": national("SG", r"vesak"),
    r"king" + _A + r"s day|koningsdag": national("NL", r"king's day"),
    r"naraka chaturdashi|choti diwali|kali chaudas": _NARAKA,
    r"dhanteras|dhanatrayodashi": after(_NARAKA, -1),
    r"diwali|deepavali": national(_INDIA, r"^diwali$"),
    r"bhai (?:dooj|duj|tika)|bhaiya dooj": national(_INDIA, r"bhai duj"),
    r"chhath(?: puja)?|dala puja|surya shashthi": national(_INDIA, r"chhath"),
    r"karva chauth|karwa chauth": national(_INDIA, r"karwa chouth"),
    r"ratha?[- ]yatra": national(_INDIA, r"rath yatra"),
    r"raksha bandhan|rakhi": national(_INDIA, r"raksha bandhan"),
    r"mahavir(?:a|e)? jayanti|mahaveer janma kalyanak": national(_INDIA, r"mahavira"),
    r"bh?ogi(?: pandigai)?": after(_SANKRANTI, -1),
    r"maa?ttu pongal": after(_SANKRANTI, 1),
    r"makar sankranti|maghi|thai pongal|pongal": _SANKRANTI,
    r"[vb]asant panchami": national(_INDIA, r"basant panchami"),
    r"(?:krishna )?janmashtami|gokulashtami": national(_INDIA, r"janmashtami"),
    r"rama? navami": national(_INDIA, r"ram navami"),
    r"maha shivaratri": national(_INDIA, r"shivaratri"),
    r"holi": national(_INDIA, r"^holi$"),
    r"dussehra|vijayadashami": national(_INDIA, r"^dussehra$"),
    r"parsi new year|jamshedi navroz": national(_INDIA, r"parsi new year"),
    r"guru go[bv]ind singh(?: jayanti|" + _A + r"s? birthday)": national(_INDIA, r"gobind singh"),
    r"rabindra(?:nath)? jayanti": national(_INDIA, r"rabindranath"),
    r"(?:maharishi )?valmiki jayanti|pargat diwas": national(_INDIA, r"valmiki"),
    r"guru nanak jayanti|guru nanak" + _A + r"s birthday": national(_INDIA, r"guru nanak"),
}


@lru_cache(maxsize=4096)  # tried against all the patterns in turn: once per name said, not per time it is said
def holiday_rule(name: str) -> Rule | None:
    """The rule for a holiday's name (any case, curly or straight apostrophes), or None."""
    s = re.sub(r"\s+", " ", name.lower().replace("\u2019", "'")).strip()
    return next((rule for pattern, rule in HOLIDAYS.items() if re.fullmatch(pattern, s)), None)


def holiday_on(rule: Rule, year: int) -> dt.date | None:
    """The holiday's day in that year, or None outside the calendar's tables."""
    try:
        return rule(year)
    except (ValueError, OverflowError, KeyError):
        return None
