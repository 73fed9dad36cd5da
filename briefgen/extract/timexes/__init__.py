"""Time expressions: a parsed document and its date in, DATE/TIME/DURATION/SET expressions with TIMEX3 values out."""

from ..feasts import HOLIDAYS
from .find import extract_timexes
from .ranges import RANGE_JOINTS
from .tense import FUTURE_GOVERNORS, SCHEDULED, TIMETABLED, tense_direction, verb_direction
from .values import MONTHS, SEASONS, WEEKDAYS, Resolved, day_range, month_range, resolve, year_range

__all__ = [
    "FUTURE_GOVERNORS",
    "HOLIDAYS",
    "MONTHS",
    "RANGE_JOINTS",
    "SCHEDULED",
    "SEASONS",
    "TIMETABLED",
    "WEEKDAYS",
    "Resolved",
    "day_range",
    "extract_timexes",
    "month_range",
    "resolve",
    "tense_direction",
    "verb_direction",
    "year_range",
]
