"""Ranges: two ends joined by a connector, each end lending the other its month, day or am/pm."""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.extract.timexes.ranges import range_ends

REF = dt.date(2024, 3, 5)  # a Tuesday


def _days(an, phrase: str) -> list[tuple[str, str]]:
    """The (text, value) of the expressions inside `phrase` of the analysed text."""
    start = an.article.text.index(phrase)
    return [(t.text, t.value) for t in an.timexes if start <= t.start and t.end <= start + len(phrase)]


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected"),
    [
        # The second end lends its month to the first, or the first its month to the second.
        ("The film festival will run July 13-15 in Cannes.", "July 13-15", [("July 13", "2024-07-13"), ("15", "2024-07-15")]),
        ("Delegates will meet 12 to 16 September in Geneva.", "12 to 16 September", [("12", "2024-09-12"), ("16 September", "2024-09-16")]),
        ("The fair will be held 1-8 September.", "1-8 September", [("1", "2024-09-01"), ("8 September", "2024-09-08")]),
        ("Talks will resume Dec 30 - Jan 2 in Doha.", "Dec 30 - Jan 2", [("Dec 30", "2024-12-30"), ("Jan 2", "2025-01-02")]),
        ("The conference will be held March 5-6, 2026 in Rome.", "March 5-6, 2026", [("March 5", "2026-03-05"), ("6, 2026", "2026-03-06")]),
        # The model may leave the month out of the expression: the month written beside it still belongs to it.
        ("The summit will take place Aug 8 - 12 in Oslo.", "Aug 8 - 12", [("Aug 8", "2024-08-08"), ("12", "2024-08-12")]),
        (
            "The games will be held 19th To 21st Aug this year.",
            "19th To 21st Aug this year",
            [("19th", "2024-08-19"), ("21st Aug this year", "2024-08-21")],
        ),
        # The second end lends its am/pm to the first: "3-4pm" is 3pm to 4pm, "9 to 11am" 9am to 11am.
        # A clock time right before its day is one expression with it ("4pm today"), as TIMEX3 has "5 p.m. Nov. 9".
        ("The minister will speak from 3-4pm today.", "3-4pm today", [("3", "2024-03-05T15:00"), ("4pm today", "2024-03-05T16:00")]),
        ("Polls will be open from 9 to 11am.", "9 to 11am", [("9", "2024-03-05T09:00"), ("11am", "2024-03-05T11:00")]),
    ],
)
def test_the_ends_of_a_range_lend_each_other_what_they_leave_out(analyse_text, sentence, phrase, expected):
    assert _days(analyse_text(sentence, REF), phrase) == expected


def test_clock_ranges_lie_on_the_day_the_sentence_names(analyse_text):
    text = (
        "The committee will sit between 9:30 and 11:00 on Thursday. The court will hear the case Thursday from 9:30 "
        "to 11:00. The vote will be held 1pm-2pm tomorrow."
    )
    got = [(t.text, t.value) for t in analyse_text(text, REF).timexes]
    assert got[:2] == [("9:30", "2024-03-07T09:30"), ("11:00 on Thursday", "2024-03-07T11:00")]
    assert got[2:5] == [("Thursday", "2024-03-07"), ("9:30", "2024-03-07T09:30"), ("11:00", "2024-03-07T11:00")]
    assert got[5:] == [("1pm", "2024-03-06T13:00"), ("2pm", "2024-03-06T14:00"), ("tomorrow", "2024-03-06")]


def test_a_range_dates_an_event_from_its_first_to_its_last_day(analyse_text):
    an = analyse_text("The film festival will run July 13-15 in Cannes, the organisers said.", REF)
    whens = [(e.when.text, e.when.range.start, e.when.range.end) for e in an.events if e.when is not None]
    assert ("July 13-15", dt.date(2024, 7, 13), dt.date(2024, 7, 15)) in whens


def test_late_last_night_is_the_night_before(analyse_text):
    got = [(t.text, t.type, t.value) for t in analyse_text("The rebels attacked the town late last night.", REF).timexes]
    assert got == [("late last night", "TIME", "2024-03-04TNI")]


@pytest.mark.parametrize(
    "text",
    ["the 5-6 win", "10 to 12 percent", "pages 3-4", "2009 to 2011", "between 5 and 7", "19th - 21st"],
)
def test_numbers_that_are_no_clock_or_day_range_are_left_alone(text):
    assert range_ends(text, REF) is None


def test_a_clock_range_the_model_misses_lies_on_the_short_weekday_before_it(analyse_text):
    got = [(t.text, t.value) for t in analyse_text("The board will meet this Thu 9-11am, and again late tonite.", REF).timexes]
    assert got == [("this Thu", "2024-03-07"), ("9", "2024-03-07T09:00"), ("11am", "2024-03-07T11:00"), ("tonite", "2024-03-05TNI")]
