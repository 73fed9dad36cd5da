"""Time expressions: TIMEX3 values, mods and date ranges, resolved against the article's date and tense."""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.extract import timexes
from briefgen.extract.timexes import extract_timexes, resolve

from .conftest import SHARED

REF = dt.date(1997, 2, 3)  # a Monday, the seed article's date


@pytest.mark.parametrize(
    ("text", "direction", "type_", "value", "mod", "first", "last"),
    [
        ("late February", 1, "DATE", "1997-02", "END", "1997-02-20", "1997-02-28"),
        ("mid-March", 1, "DATE", "1997-03", "MID", "1997-03-11", "1997-03-20"),
        ("early April", 1, "DATE", "1997-04", "START", "1997-04-01", "1997-04-10"),
        ("the end of March", 1, "DATE", "1997-03", "END", "1997-03-20", "1997-03-31"),  # as analysts date a month's end
        ("early 2024", 0, "DATE", "2024", "START", "2024-01-01", "2024-04-30"),  # a year's thirds are its months', leap day or not
        ("late 2025", 0, "DATE", "2025", "END", "2025-09-01", "2025-12-31"),
        ("last November", 0, "DATE", "1996-11", None, "1996-11-01", "1996-11-30"),
        ("November", -1, "DATE", "1996-11", None, "1996-11-01", "1996-11-30"),
        ("January", 1, "DATE", "1998-01", None, "1998-01-01", "1998-01-31"),
        ("Monday", -1, "DATE", "1997-02-03", None, "1997-02-03", "1997-02-03"),
        ("Friday", -1, "DATE", "1997-01-31", None, "1997-01-31", "1997-01-31"),
        ("Friday", 1, "DATE", "1997-02-07", None, "1997-02-07", "1997-02-07"),
        ("last week", 0, "DATE", "1997-W05", None, "1997-01-27", "1997-02-02"),
        ("next week", 0, "DATE", "1997-W07", None, "1997-02-10", "1997-02-16"),
        ("last month", 0, "DATE", "1997-01", None, "1997-01-01", "1997-01-31"),
        ("this year", 0, "DATE", "1997", None, "1997-01-01", "1997-12-31"),
        ("next year", 0, "DATE", "1998", None, "1998-01-01", "1998-12-31"),
        ("15 years ago", 0, "DATE", "1982", None, "1982-01-01", "1982-12-31"),
        ("three days ago", 0, "DATE", "1997-01-31", None, "1997-01-31", "1997-01-31"),
        ("1989", 0, "DATE", "1989", None, "1989-01-01", "1989-12-31"),
        ("the 1990s", 0, "DATE", "199", None, "1990-01-01", "1999-12-31"),
        ("February 3, 1997", 0, "DATE", "1997-02-03", None, "1997-02-03", "1997-02-03"),
        ("3 March 2008", 0, "DATE", "2008-03-03", None, "2008-03-03", "2008-03-03"),
        ("August 18", 1, "DATE", "1997-08-18", None, "1997-08-18", "1997-08-18"),
        ("the first quarter of 2009", 0, "DATE", "2009-Q1", None, "2009-01-01", "2009-03-31"),
        ("this summer", 0, "DATE", "1997-SU", None, "1997-06-01", "1997-08-31"),
        ("tomorrow", 0, "DATE", "1997-02-04", None, "1997-02-04", "1997-02-04"),
        ("yesterday", 0, "DATE", "1997-02-02", None, "1997-02-02", "1997-02-02"),
        ("tonight", 0, "TIME", "1997-02-03TNI", None, "1997-02-03", "1997-02-03"),
        ("3 p.m.", 0, "TIME", "1997-02-03T15:00", None, "1997-02-03", "1997-02-03"),
        ("18:00 UTC", 0, "TIME", "1997-02-03T18:00Z", None, "1997-02-03", "1997-02-03"),
        ("the day", 0, "DATE", "1997-02-03", None, "1997-02-03", "1997-02-03"),
        ("the first quarter of last year", 0, "DATE", "1996-Q1", None, "1996-01-01", "1996-03-31"),
        ("October of next year", 0, "DATE", "1998-10", None, "1998-10-01", "1998-10-31"),
        ("the fourth quarter", -1, "DATE", "1996-Q4", None, "1996-10-01", "1996-12-31"),
        ("earlier today", 0, "DATE", "1997-02-03", None, "1997-02-03", "1997-02-03"),
        ("'82", 0, "DATE", "1982", None, "1982-01-01", "1982-12-31"),
        ("FY2023", 0, "DATE", "FY2023", None, "2023-01-01", "2023-12-31"),
        ("FY24", 0, "DATE", "FY2024", None, "2024-01-01", "2024-12-31"),
        ("the first half of next year", 0, "DATE", "1998-H1", None, "1998-01-01", "1998-06-30"),
        ("H2 2024", 0, "DATE", "2024-H2", None, "2024-07-01", "2024-12-31"),
        ("the second half", -1, "DATE", "1996-H2", None, "1996-07-01", "1996-12-31"),
        ("Q3", 1, "DATE", "1997-Q3", None, "1997-07-01", "1997-09-30"),
        ("the beginning of the year", 0, "DATE", "1997", "START", "1997-01-01", "1997-04-30"),
        ("the end of the month", 0, "DATE", "1997-02", "END", "1997-02-20", "1997-02-28"),
        ("third-quarter", -1, "DATE", "1996-Q3", None, "1996-07-01", "1996-09-30"),
        ("the financial year", 0, "DATE", "FY1997", None, "1997-01-01", "1997-12-31"),
        ("the next fiscal year", 0, "DATE", "FY1998", None, "1998-01-01", "1998-12-31"),
        ("the start of this year", 0, "DATE", "1997", "START", "1997-01-01", "1997-04-30"),
        ("the middle of next year", 0, "DATE", "1998", "MID", "1998-05-01", "1998-08-31"),
        ("later this year", 0, "DATE", "1997", "END", "1997-02-04", "1997-12-31"),  # the rest of the year
        ("earlier this month", 0, "DATE", "1997-02", "START", "1997-02-01", "1997-02-02"),
        ("later this week", 0, "DATE", "1997-W06", "END", "1997-02-04", "1997-02-09"),
        ("20-22 March", 1, "DATE", "1997-03", None, "1997-03-20", "1997-03-22"),  # the month, the days as range
        ("between 20 and 28 February", 1, "DATE", "1997-02", None, "1997-02-20", "1997-02-28"),
        ("March 20\u201322, 1998", 0, "DATE", "1998-03", None, "1998-03-20", "1998-03-22"),
        # A week belongs to the month holding its Thursday: March 1997's first Thursday is the 6th, its last the 27th.
        ("the first week of March", 1, "DATE", "1997-W10", None, "1997-03-03", "1997-03-09"),
        ("the last week of March", 1, "DATE", "1997-W13", None, "1997-03-24", "1997-03-30"),
        ("the second week in January", -1, "DATE", "1997-W02", None, "1997-01-06", "1997-01-12"),
        ("the final week of May 2009", 0, "DATE", "2009-W22", None, "2009-05-25", "2009-05-31"),
        ("the week of March 18", 1, "DATE", "1997-W12", None, "1997-03-17", "1997-03-23"),
        ("the week of 3 November", -1, "DATE", "1996-W44", None, "1996-10-28", "1996-11-03"),  # a Sunday
        ("the second half of May", 1, "DATE", "1997-05", "END", "1997-05-16", "1997-05-31"),
        ("the first half of January", -1, "DATE", "1997-01", "START", "1997-01-01", "1997-01-15"),
        ("the day after tomorrow", 0, "DATE", "1997-02-05", None, "1997-02-05", "1997-02-05"),
        ("year's end", 1, "DATE", "1997", "END", "1997-09-01", "1997-12-31"),
        ("Christmas", -1, "DATE", "1996-12-25", None, "1996-12-25", "1996-12-25"),
        ("Christmas Eve", 1, "DATE", "1997-12-24", None, "1997-12-24", "1997-12-24"),
        ("Easter", 1, "DATE", "1997-03-30", None, "1997-03-30", "1997-03-30"),  # a moving feast
        ("Good Friday 2024", 0, "DATE", "2024-03-29", None, "2024-03-29", "2024-03-29"),
        ("New Year\u2019s Day", 0, "DATE", "1997-01-01", None, "1997-01-01", "1997-01-01"),  # the nearest
        ("Thanksgiving", 1, "DATE", "1997-11-27", None, "1997-11-27", "1997-11-27"),  # the fourth Thursday
        ("Memorial Day", 1, "DATE", "1997-05-26", None, "1997-05-26", "1997-05-26"),  # the last Monday of May
        ("the 15th", 1, "DATE", "1997-02-15", None, "1997-02-15", "1997-02-15"),
        ("the 2nd", 1, "DATE", "1997-03-02", None, "1997-03-02", "1997-03-02"),  # this month's is past
        ("the 15th", -1, "DATE", "1997-01-15", None, "1997-01-15", "1997-01-15"),
        ("the weekend of March 9-10", 1, "DATE", "1997-W10-WE", None, "1997-03-08", "1997-03-09"),  # a Sunday and Monday
        ("the weekend of 15 March", 1, "DATE", "1997-W11-WE", None, "1997-03-15", "1997-03-16"),
    ],
)
def test_dates(text, direction, type_, value, mod, first, last):
    r = resolve(text, REF, direction)
    assert r is not None
    assert (r.type, r.value, r.mod) == (type_, value, mod)
    assert r.range is not None
    assert (r.range.start.isoformat(), r.range.end.isoformat()) == (first, last)


@pytest.mark.parametrize(
    ("text", "type_", "value"),
    [
        ("the past six years", "DURATION", "P6Y"),
        ("six years", "DURATION", "P6Y"),
        ("fifty-year", "DURATION", "P50Y"),
        ("several years", "DURATION", "PXY"),
        ("48 hours", "DURATION", "PT48H"),
        ("annual", "SET", "P1Y"),
        ("every week", "SET", "P1W"),
        ("now", "DATE", "PRESENT_REF"),
        ("recently", "DATE", "PAST_REF"),
        ("the future", "DATE", "FUTURE_REF"),
        ("the past decade", "DURATION", "P10Y"),
        ("almost two and a half years", "DURATION", "P2.5Y"),
        ("two consecutive quarters", "DURATION", "P2Q"),
        ("15 a year", "SET", "P1Y"),
        ("recent years", "DURATION", "PXY"),
        # a bound, a vague edge or a count written out stays a duration, not an unknown date (#13)
        ("at least 30 days", "DURATION", "P30D"),
        ("no more than sixty days", "DURATION", "P60D"),
        ("a couple of years", "DURATION", "P2Y"),
        ("the next two years or so", "DURATION", "P2Y"),
        ("the weeks ahead", "DURATION", "PXW"),
        ("at least the past 18 months", "DURATION", "P18M"),
        ("the latest nine months", "DURATION", "P9M"),
        ("barely a month", "DURATION", "P1M"),
        ("2 1/2 years", "DURATION", "P2.5Y"),
        ("several years ago", "DATE", "PAST_REF"),
        ("the year two thousand", "DATE", "2000"),
        ("sometime next year", "DATE", "1998"),
        ("the full year", "DATE", "1997"),
        ("last night", "TIME", "1997-02-02TNI"),
        ("early Tuesday", "DATE", "1997-02-04"),
        ("the latest quarter", "DATE", "1996-Q4"),  # the last quarter ended before the article
    ],
)
def test_durations_sets_and_references(text, type_, value):
    r = resolve(text, REF, 0)
    assert r is not None and (r.type, r.value) == (type_, value)


def test_without_a_reference_date_values_stay_unresolved():
    r = resolve("Monday", None, -1)
    assert r is not None and r.value == "XXXX-WXX-1" and r.range is None


def test_seed_timexes(seed):
    got = {(t.text, t.type, t.value, t.mod) for t in seed.timexes}
    for expected in [
        ("Monday", "DATE", "1997-02-03", None),
        ("last week", "DATE", "1997-W05", None),
        ("last month", "DATE", "1997-01", None),
        ("last November", "DATE", "1996-11", None),
        ("15 years ago", "DATE", "1982", None),
        ("late February", "DATE", "1997-02", "END"),
        ("late March", "DATE", "1997-03", "END"),
        ("1989", "DATE", "1989", None),
        ("the past six years", "DURATION", "P6Y", None),
    ]:
        assert expected in got, expected
    assert [t.start for t in seed.timexes] == sorted(t.start for t in seed.timexes)


def test_numbers_and_ages_are_not_dates():
    for text in ("49", "8,579.19", "the age of 56"):
        assert resolve(text, REF, 0) is None


def test_ongoing_is_an_aspect_not_a_time(analyse_text):
    an = analyse_text("The ongoing talks will resume later this year, officials said on Monday.")
    assert [t.text for t in an.timexes] == ["later this year", "Monday"]


def test_spans_follow_timex3_boundaries(analyse_text):
    text = (
        "Two major disasters struck this year. The plane arrives on November 11, three days later than planned.\n"
        "June 8, 2010\nStocks rose 2% at 14:58 UTC, a gain for the day."
    )
    got = {t.text: t.value for t in analyse_text(text, dt.date(2010, 6, 8)).timexes}
    assert got["this year"] == "2010"
    assert got["November 11"] == "2010-11-11"
    assert got["June 8, 2010"] == "2010-06-08"
    assert got["14:58 UTC"] == "2010-06-08T14:58Z"
    assert got["the day"] == "2010-06-08"


def test_sets_and_scheduled_dates_in_running_text(analyse_text):
    text = (
        "Officials meet every Monday. The vote is expected in mid-March. The report is due in April. "
        "Sales fell in FY2023, and the Q3 results were weak."
    )
    got = {t.text: (t.type, t.value) for t in analyse_text(text, dt.date(2024, 6, 12)).timexes}
    assert got["every Monday"] == ("SET", "XXXX-WXX-1")
    assert got["mid-March"] == ("DATE", "2025-03")  # "is expected": the coming March, not the one just gone
    assert got["April"] == ("DATE", "2025-04")  # "is due"
    assert got["FY2023"] == ("DATE", "FY2023")
    assert got["Q3"] == ("DATE", "2023-Q3")  # "were weak": the last third quarter that has ended


def test_bounded_and_vague_durations_in_running_text(analyse_text):
    text = (
        "The banks must wait at least 30 days before closing the purchase. The plant will be closed over the next "
        "year or so, a spokesman said. Its profit fell in the latest quarter, and losses could mount in the weeks "
        "ahead. Prices rose sharply several years ago."
    )
    got = {t.text: (t.type, t.value) for t in analyse_text(text, dt.date(1989, 10, 30)).timexes}
    assert got["at least 30 days"] == ("DURATION", "P30D")
    assert got["the next year or so"] == ("DATE", "1990")
    assert got["the latest quarter"] == ("DATE", "1989-Q3")
    assert got["the weeks ahead"] == ("DURATION", "PXW")
    assert got["several years ago"] == ("DATE", "PAST_REF")


def test_a_modifiers_determiner_and_a_focus_word_stay_out_and_a_reports_period_is_its_quarter(analyse_text):
    text = (
        "He signed the 30-day contract after just two weeks of talks. Net income rose in the third quarter. "
        "In the 1988 period, it earned $5 million; in the year-ago period, it lost money."
    )
    got = {t.text: t.value for t in analyse_text(text, dt.date(1989, 10, 30)).timexes}
    assert got["30-day"] == "P30D" and got["two weeks"] == "P2W"  # TIMEX3 leaves "the" and "just" out
    assert got["the 1988 period"] == "1988-Q3" and got["the year-ago period"] == "1988-Q3"


def test_a_year_told_by_its_end_is_a_duration(analyse_text):
    text = "The units had revenue of $76 million for the year ended March 31. Sales rose this year."
    got = {t.text: (t.type, t.value) for t in analyse_text(text, dt.date(1989, 10, 30)).timexes}
    assert got["the year"] == ("DURATION", "P1Y") and got["March 31"] == ("DATE", "1989-03-31")
    assert got["this year"] == ("DATE", "1989")


def test_a_clock_time_right_before_its_day_is_one_expression(analyse_text):
    text = "The offer runs until 5 p.m. EST Nov. 9. Talks broke off at noon Thursday. It closed at 4 p.m., Nov. 6."
    got = {t.text: (t.type, t.value) for t in analyse_text(text, dt.date(1989, 11, 2)).timexes}
    assert got["5 p.m. EST Nov. 9"] == ("TIME", "1989-11-09T17:00")
    assert got["noon Thursday"] == ("TIME", "1989-11-02T12:00")
    assert got["4 p.m."] == ("TIME", "1989-11-06T16:00") and got["Nov. 6"] == ("DATE", "1989-11-06")  # after a comma: two


def test_more_recently_and_right_now_are_whole(analyse_text):
    got = {t.text: t.value for t in analyse_text("More recently, prices fell. We need help right now.", dt.date(1989, 11, 2)).timexes}
    assert got == {"More recently": "PAST_REF", "right now": "PRESENT_REF"}


def test_a_count_of_months_in_a_year_is_a_duration_and_the_year(analyse_text):
    text = "Jobs grew by 242,000 a month in the first nine months of 1997. Earlier this month, a group bid for it."
    got = {t.text: (t.type, t.value) for t in analyse_text(text, dt.date(1989, 11, 1)).timexes}
    assert got["the first nine months"] == ("DURATION", "P9M") and got["1997"] == ("DATE", "1997")
    assert got["Earlier this month"] == ("DATE", "1989-11")  # on the month's first day: still this month


def test_ranges_short_years_and_what_has_been_scheduled(analyse_text):
    text = "The economy shrank between April and June, its worst run since '82."
    got = {t.text: t.value for t in analyse_text(text, dt.date(2008, 11, 18)).timexes}
    assert got["April"] == "2008-04" and got["June"] == "2008-06"  # two expressions, as TIMEX3 has them
    assert got["'82"] == "1982"
    text = "A June 3 hearing has been scheduled in the bankruptcy court."
    got = {t.text: t.value for t in analyse_text(text, dt.date(2009, 5, 14)).timexes}
    assert got["June 3"] == "2009-06-03"  # what has been scheduled is still ahead


def test_a_clock_time_after_a_day_is_on_that_day_and_a_holiday_in_a_name_is_no_time(analyse_text):
    an = analyse_text("The hearing starts Oct. 10 at 9 a.m. Ships took them to Christmas Island.", dt.date(2024, 2, 10))
    assert [(t.text, t.value) for t in an.timexes] == [("Oct. 10", "2024-10-10"), ("9 a.m.", "2024-10-10T09:00")]


def test_signals_stay_out_and_what_is_scheduled_lies_ahead(analyse_text):
    text = (
        "Companies must report no later than June 30. The talks, scheduled for March 3, will focus on trade. "
        "The ceasefire expires at midnight on Sunday."
    )
    an = analyse_text(text, dt.date(2024, 2, 10))
    assert [(t.text, t.value) for t in an.timexes] == [
        ("June 30", "2024-06-30"),
        ("March 3", "2024-03-03"),
        ("midnight", "2024-02-11T24:00"),
        ("Sunday", "2024-02-11"),
    ]


def test_the_leaders_of_tomorrow_are_no_date(analyse_text):
    an = analyse_text("The programme trains the leaders of tomorrow. The minister arrives tomorrow.", dt.date(2024, 2, 10))
    assert [(t.text, t.value) for t in an.timexes] == [("tomorrow", "FUTURE_REF"), ("tomorrow", "2024-02-11")]
    assert [e.when.text for e in an.events] == ["tomorrow"] and an.events[0].start > 40


def test_until_a_participle_and_a_clock_time_with_its_zone(analyse_text):
    text = (
        "The court adjourned until March 14. A two-day summit starting Monday will focus on energy. "
        "Results are due at 10 a.m. GMT on Thursday."
    )
    an = analyse_text(text, dt.date(2024, 2, 7))  # a Wednesday
    assert [(t.text, t.value) for t in an.timexes if t.type != "DURATION"] == [
        ("March 14", "2024-03-14"),
        ("Monday", "2024-02-12"),
        ("10 a.m.", "2024-02-08T10:00"),
        ("Thursday", "2024-02-08"),
    ]


def test_the_stage_is_linear_in_the_article_size(nlp):
    """A long article made of real corpus articles: 8 times the text costs about 8 times the time (#17: the stage
    read the whole text again for every date found, 19 s on a 200 KB article)."""
    import time

    from spacy.tokens import Doc

    from briefgen.extract.timexes import extract_timexes

    texts: list[str] = []
    for path in sorted((SHARED / "corpus").glob("*.txt")):
        texts.append(path.read_text(encoding="utf-8").split("\n\n", 1)[-1])
        if sum(map(len, texts)) >= 50_000:
            break
    small = Doc.from_docs(list(nlp.pipe(texts)))
    big = Doc.from_docs([small] * 8)  # 400 KB without parsing it again

    def per_char(doc: Doc) -> float:
        best = float("inf")
        for _ in range(2):
            t = time.perf_counter()
            found = extract_timexes(doc, dt.date(2015, 1, 1))
            best = min(best, time.perf_counter() - t)
        assert len(found) > len(doc.text) // 1000  # real dates were found
        return best / len(doc.text)

    assert per_char(big) < 2 * per_char(small)


DUCKLING_REF = dt.date(2013, 2, 12)  # a Tuesday: Duckling's reference day


@pytest.mark.parametrize(
    ("text", "direction", "value"),
    [
        ("thanksgiving of next year", 1, "2014-11-27"),  # the year named relative to the article's
        ("thanksgiving in a year", 1, "2014-11-27"),
        ("thanksgiving 3 months ago", -1, "2012-11-22"),  # the one of the year the offset lands in
        ("Easter Sunday two thousand ten", 1, "2010-04-04"),
        ("last MLK Jr. day", -1, "2013-01-21"),
        ("Black Friday 2017", 1, "2017-11-24"),
        ("saint patricks day", 1, "2013-03-17"),
        ("Pentecost", 1, "2013-05-19"),
        ("orthodox good friday 2020", 1, "2020-04-17"),  # the Julian Easter
        ("Eid al-Adha 2018", 1, "2018-08-21"),  # the Umm al-Qura calendar (hijridate)
        ("laylat al-qadr 2018", 1, "2018-06-11"),
        ("Jumu'atul-Wida 2017", 1, "2017-06-23"),  # the last Friday of Ramadan
        ("purim", 1, "2013-02-23"),  # a Jewish holiday begins the evening before (convertdate)
        ("last chinese new year", -1, "2013-02-10"),  # the holidays package's lunisolar calendars
        ("Koningsdag 2014", 1, "2014-04-26"),  # the 27th was a Sunday
        ("raksha bandhan 2018", 1, "2018-08-26"),
        ("Parsi New Year 2022", 1, "2022-08-16"),
    ],
)
def test_holidays_of_many_calendars(text, direction, value):
    r = resolve(text, DUCKLING_REF, direction)
    assert r is not None and r.value == value and r.range is not None and r.range.start.isoformat() == value


def test_a_holiday_with_its_year_is_one_expression(analyse_text):
    text = "The talks will take place Eid al-Fitr 2018. Ships took them to Christmas Island. Diwali in 2019 was quiet."
    an = analyse_text(text, DUCKLING_REF)
    assert [(t.text, t.value) for t in an.timexes] == [("Eid al-Fitr 2018", "2018-06-15"), ("Diwali in 2019", "2019-10-27")]


@pytest.mark.parametrize(
    ("text", "direction", "value"),
    [
        ("10-31-74", 1, "1974-10-31"),  # numeric, month first
        ("15/2", 1, "2013-02-15"),  # the first number cannot be a month
        ("31-Oct-74", 1, "1974-10-31"),
        ("14th April 15", 1, "2015-04-14"),
        ("2014/10", 1, "2014-10"),
        ("18q4", 1, "2018-Q4"),
        ("4th qtr 2018", 1, "2018-Q4"),
        ("last yr", -1, "2012"),
        ("first of march", 1, "2013-03-01"),
        ("march first", 1, "2013-03-01"),
        ("Sunday, Feb 10", 1, "2013-02-10"),  # the explicit date wins over the weekday's direction
        ("Fri, Jul 18", 1, "2014-07-18"),  # the year where the 18th of July is a Friday
        ("next Wednesday, February 20th", 1, "2013-02-20"),
        ("wednesday of next week", 1, "2013-02-20"),
        ("monday of this week", 1, "2013-02-11"),
        ("last week's sunday", -1, "2013-02-10"),
        ("first tuesday of october", 1, "2013-10-01"),
        ("third day of october", 1, "2013-10-03"),
        ("the 5th last day of May", 1, "2013-05-27"),
        ("last day of october 2015", 1, "2015-10-31"),
        ("20th of the next month", 1, "2013-03-20"),
        ("first monday of last month", -1, "2013-01-07"),
        ("third tuesday after christmas 2014", 1, "2015-01-13"),
        ("three days after Easter", 1, "2013-04-03"),
        ("three weeks hence", 1, "2013-03-05"),
        ("3 fridays from now", 1, "2013-03-01"),
        ("a fortnight ago", -1, "2013-01-29"),
        ("3pm tomorrow", 1, "2013-02-13T15:00"),  # the clock time on its day, wherever it stands
        ("8 tonight", 1, "2013-02-12T20:00"),
        ("at 5 tomorrow afternoon", 1, "2013-02-13T17:00"),
        ("day before yesterday 8am", -1, "2013-02-10T08:00"),
        ("the same period a year earlier", -1, "2012-02"),
    ],
)
def test_dates_the_way_people_write_them(text, direction, value):
    r = resolve(text, DUCKLING_REF, direction)
    assert r is not None and r.value == value


def test_written_forms_in_running_text_win_over_the_models_shorter_dates(analyse_text):
    text = (
        "Results are due in the 4th qtr 2018. The board met on 31-Oct-74. The vote is on the 20th of the next "
        "month. They met on Sunday, Feb 10. The plant opened in the 2010-11 season."
    )
    got = [(t.text, t.value) for t in analyse_text(text, DUCKLING_REF).timexes]
    assert ("the 4th qtr 2018", "2018-Q4") in got and ("31-Oct-74", "1974-10-31") in got
    assert ("the 20th of the next month", "2013-03-20") in got and ("Sunday, Feb 10", "2013-02-10") in got
    assert not any(v == "2010-11" for _, v in got)  # a season of two years, not November 2010


def test_a_clock_time_takes_its_day_and_part_of_day(analyse_text):
    text = "The vote will be held tonight at 11. The minister will speak this afternoon at 3:20."
    got = [(t.text, t.value) for t in analyse_text(text, DUCKLING_REF).timexes]
    assert ("tonight at 11", "2013-02-12T23:00") in got
    assert ("3:20", "2013-02-12T15:20") in got  # the afternoon's 3:20


def test_a_report_of_results_keeps_to_its_quarter(analyse_text):
    text = (
        "Acme said its third-quarter profit rose 5%. Net income in the quarter ended Sept. 30 was $4 million, up "
        "from $3 million a year earlier. Sales in the latest quarter also beat the year-ago quarter."
    )
    got = [(t.text, t.value) for t in analyse_text(text, dt.date(1989, 11, 2)).timexes]
    assert got == [
        ("third-quarter", "1989-Q3"),
        ("the quarter", "1989-Q3"),
        ("Sept. 30", "1989-09-30"),
        ("a year earlier", "1988-Q3"),
        ("the latest quarter", "1989-Q3"),
        ("the year-ago quarter", "1988-Q3"),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [("a year earlier", "1996"), ("year-earlier", "1996"), ("earlier Sunday", "1997-02-02")],
)
def test_a_year_earlier_is_the_year_before_the_article(text, value):
    r = resolve(text, REF, -1)
    assert r is not None and r.value == value


def test_a_quarter_before_year_one_is_no_crash(nlp):
    """'a year earlier' after a quarter of year 1 would be year 0: the article still goes through (it raised)."""
    doc = nlp("Acme posted a loss in the 0001 first quarter. Revenue fell from a year earlier.")
    values = [t.value for t in extract_timexes(doc, dt.date(2024, 1, 1))]
    assert values[0] == "0001-Q1"


def test_a_phrase_of_many_joints_is_resolved_a_bounded_number_of_times(monkeypatch):
    """Each joint ("of") is a way to split the phrase, tried again inside each part: remembered, not exponential
    (fourteen joints took seconds, and each two more about four times as long)."""
    calls = []
    inner = timexes.values._resolve
    monkeypatch.setattr(timexes.values, "_resolve", lambda *args: calls.append(args) or inner(*args))
    resolve.cache_clear()
    resolve("first of " * 40 + "october", dt.date(2013, 2, 12))
    assert len(calls) < 2000


def test_a_year_said_in_words_as_transcripts_write_it(analyse_text):
    text = (
        "His convictions were thrown out in nineteen ninety-six on a technicality. January nineteen ninety-seven. Atlanta again. "
        "Oil fell to the level we saw in the winter of nineteen ninety-four."
    )
    got = {t.text: (t.type, t.value) for t in analyse_text(text, dt.date(1998, 2, 27)).timexes}
    assert got["nineteen ninety-six"] == ("DATE", "1996")
    assert got["January nineteen ninety-seven"] == ("DATE", "1997-01")
    assert got["the winter of nineteen ninety-four"] == ("DATE", "1994-WI")


def test_weeks_ago_are_a_count_of_days(analyse_text):
    text = "The talks were reopened two weeks ago. A massive earthquake hit the country a week ago."
    got = {t.text: (t.type, t.value) for t in analyse_text(text, dt.date(1998, 3, 22)).timexes}
    assert got["two weeks ago"] == ("DATE", "1998-03-08")  # as TIMEX3 values them: the day, not its ISO week
    assert got["a week ago"] == ("DATE", "1998-03-15")


def test_the_following_year_is_told_from_the_last_date_named(analyse_text):
    text = (
        "On May 22, 1995, Farkas was made a general, and the following year he was sent to Washington. "
        "Imports grew in 1988, but that year the deficit widened."
    )
    got = {t.text: (t.type, t.value) for t in analyse_text(text, dt.date(1998, 4, 18)).timexes}
    assert got["the following year"] == ("DATE", "1996")  # from 1995, not from the article's 1998
    assert got["that year"] == ("DATE", "1988")
    got = {t.text: t.value for t in analyse_text("Talks will resume the following year.", dt.date(1998, 4, 18)).timexes}
    assert got["the following year"] == "1999"  # with no date named before it: from the article's date


def test_a_day_that_takes_effect_or_is_paid_lies_ahead_whatever_the_reports_tense(analyse_text):
    text = (
        "The board declared a 10% stock dividend, payable Dec. 15. It created an office of the chairman, effective "
        "Feb. 1. The banks extended revolving loans through January."
    )
    got = {t.text: t.value for t in analyse_text(text, dt.date(1989, 10, 26)).timexes}
    assert got["Dec. 15"] == "1989-12-15" and got["Feb. 1"] == "1990-02-01"
    assert got["January"] == "1990-01"  # a state lasting through a month: the nearest such month, not the past one


def test_a_range_of_a_possessive_is_two_dates_and_the_latest_period_is_the_quarter_reported(analyse_text):
    text = "After a revision Friday to December's figures, jobs grew. Acme posted third-quarter net of $9 million."
    got = {t.text: t.value for t in analyse_text(text, dt.date(1998, 2, 6)).timexes}
    assert got["Friday"] == "1998-02-06" and got["December"] == "1997-12"
    text = "Acme posted third-quarter net of $9 million. Sales in the latest period were $1.76 billion."
    got = {t.text: t.value for t in analyse_text(text, dt.date(1989, 11, 2)).timexes}
    assert got["the latest period"] == "1989-Q3"


def test_a_day_picked_from_a_month_wins_over_the_word_the_model_tags_alone(analyse_text):
    text = "The talks will take place last day of october 2015. The vote will be held first wednesday of october 2014."
    got = {t.text: t.value for t in analyse_text(text, dt.date(2013, 2, 12)).timexes}
    assert got == {"last day of october 2015": "2015-10-31", "first wednesday of october 2014": "2014-10-01"}


def test_the_same_period_last_year_is_the_period_last_named_a_year_before(analyse_text):
    text = "Car sales rose 43% in February compared to the same period last year."
    got = {t.text: t.value for t in analyse_text(text, dt.date(2010, 3, 3)).timexes}
    assert got["the same period last year"] == "2009-02"  # February's, not the article's March
    text = "Sales were up 5% from the same period last year."
    got = {t.text: t.value for t in analyse_text(text, dt.date(2010, 3, 3)).timexes}
    assert got["the same period last year"] == "2009-03"  # with nothing named before it: the article's month


def test_the_day_is_the_day_last_named(analyse_text):
    text = "The Dow Jones Industrial Average fell by 3.41% on Monday, to end the day at 7,114.3."
    got = {t.text: t.value for t in analyse_text(text, dt.date(2009, 2, 24)).timexes}
    assert got["Monday"] == "2009-02-23" and got["the day"] == "2009-02-23"


def test_decades_and_halves_in_words_and_the_near_future(analyse_text):
    text = (
        "Hate group numbers were dropping through the nineties. Anheuser said the strategy will mean lower earnings for "
        "the last half of 1989. Ocean Drilling said it will offer shares in the near future."
    )
    got = {t.text: (t.type, t.value) for t in analyse_text(text, dt.date(1989, 10, 26)).timexes}
    assert got["the nineties"] == ("DATE", "199")  # a decade, as "the '90s"
    assert got["the last half of 1989"] == ("DATE", "1989-H2")  # the second half; was left out, unresolved
    assert got["the near future"] == ("DATE", "FUTURE_REF")


def test_a_report_says_this_quarter_and_the_corresponding_period_of_the_quarter_reported(analyse_text):
    text = (
        "Acme reported a loss for the third quarter ended Sept. 30. This quarter's loss includes pretax charges of "
        "$4.9 million. These results compare with net income of $1.8 million, or 44 cents a share, for the "
        "corresponding period last year."
    )
    got = {t.text: t.value for t in analyse_text(text, dt.date(1989, 11, 1)).timexes}
    assert got["This quarter"] == "1989-Q3"  # the quarter reported on, not the calendar's fourth
    assert got["the corresponding period last year"] == "1988-Q3"  # one expression, the reported quarter a year before


def test_the_previous_weekday_and_the_year_previous_are_told_from_the_last_date_named(analyse_text):
    text = "London shares fell on Friday. The index shed 47.3 points, down 4.5% from the previous Friday."
    got = {t.text: t.value for t in analyse_text(text, dt.date(1989, 10, 30)).timexes}
    assert got["Friday"] == "1989-10-27" and got["the previous Friday"] == "1989-10-20"
    text = "The company had cut its costs to $118.3 billion last year, $19.8 billion than the year previous."
    got = {t.text: t.value for t in analyse_text(text, dt.date(2010, 1, 28)).timexes}
    assert got["the year previous"] == "2008"


def test_a_range_of_counts_is_two_durations_and_a_year_or_two_one_expression(analyse_text):
    text = (
        "Henderson said the bankruptcy process would take between 60 and 90 days. Recovery takes between two to six "
        "days. You may, in a year or two, save a few more lives."
    )
    got = [(t.text, t.type, t.value) for t in analyse_text(text, dt.date(2009, 6, 4)).timexes]
    assert ("60", "DURATION", "P60D") in got and ("90 days", "DURATION", "P90D") in got  # the first takes the unit
    assert ("two", "DURATION", "P2D") in got and ("six days", "DURATION", "P6D") in got
    assert any(text == "a year or two" for text, _, _ in got)  # the model stops at "or"


def test_the_month_after_the_articles_in_a_past_tense_sentence_is_the_one_ahead(analyse_text):
    text = "Saudi Arabia told oil companies of a 15-20 percent cutback in its oil supply in September."
    got = {t.text: t.value for t in analyse_text(text, dt.date(1990, 8, 16)).timexes}
    assert got["September"] == "1990-09"  # what was set for it, as a day weeks ahead; not eleven months back
    text = "Sales fell in July."
    got = {t.text: t.value for t in analyse_text(text, dt.date(1990, 8, 16)).timexes}
    assert got["July"] == "1990-07"


def test_a_part_of_the_day_without_its_day_is_the_day_last_named(analyse_text):
    text = "Ford's sales rose on Tuesday. Its stock rose to a five-year high in morning trading."
    got = {t.text: t.value for t in analyse_text(text, dt.date(2010, 3, 3)).timexes}
    assert got["Tuesday"] == "2010-03-02" and got["morning"] == "2010-03-02TMO"  # Tuesday's morning, not the article's
    got = {t.text: t.value for t in analyse_text("Dealers placed orders in the morning.", dt.date(2010, 3, 3)).timexes}
    assert got["the morning"] == "2010-03-03TMO"  # with no day named before it: the article's
    text = "The debate was on Monday. The nominee complained about his mic the morning after the debate."
    got = {t.text: t.value for t in analyse_text(text, dt.date(2016, 9, 30)).timexes}
    assert got["the morning"] != "2016-09-26TMO"  # told by the debate after it, not the Monday named before


def test_a_century_as_a_modifier_keeps_its_value_without_the_article(analyse_text):
    got = {t.text: t.value for t in analyse_text("She is a 20th century democrat.", dt.date(1998, 2, 13)).timexes}
    assert got == {"20th century": "19"}


def test_what_was_sought_in_the_past_is_dated_by_the_nearer_day(analyse_text):
    # "sought to destroy ... on October 7th", said in January: the attack of the October before, not one ahead;
    # a plan agreed in the past still points ahead.
    text = (
        "It was our progress toward that goal that Hamas sought to destroy on October 7th, when they came across the "
        "border. The ministers agreed last week to meet on March 3."
    )
    got = {t.text: t.value for t in analyse_text(text, dt.date(2024, 1, 16)).timexes}
    assert got["October 7th"] == "2023-10-07"
    assert got["March 3"] == "2024-03-03"


def test_a_part_of_the_day_the_day_took_in_is_one_expression_and_a_greeting_is_no_time(analyse_text):
    # the model tags "Thursday" and "evening" apart: one expression, not the evening again on its own
    text = "A woman was killed Thursday evening, the police said.\n\nGood evening from the central park in Havana."
    got = [(t.text, t.value) for t in analyse_text(text, dt.date(1998, 2, 13)).timexes]
    assert got == [("Thursday evening", "1998-02-12TEV")]


def test_an_additional_year_is_a_duration_and_last_years_quarter_the_one_reported_a_year_before(analyse_text):
    text = (
        "The loan may be extended for an additional year. Kimberly posted third-quarter net of $5 million. Sales for "
        "last year's quarter were $3 million."
    )
    got = {t.text: t.value for t in analyse_text(text, dt.date(1989, 11, 1)).timexes}
    assert got["an additional year"] == "P1Y"
    assert got["last year's quarter"] == "1988-Q3"  # the quarter reported on, a year before


def test_the_first_months_of_the_year_are_a_duration_and_this_year_and_a_forecasts_quarter_is_not_the_reported_one(analyse_text):
    text = "Revenue fell 4% to $713.5 million through the first nine months of the year."
    got = [(t.text, t.value) for t in analyse_text(text, dt.date(1989, 10, 30)).timexes]
    assert got == [("the first nine months", "P9M"), ("the year", "1989")]
    text = (
        "Bethlehem posted a drop in third-quarter profit. Analysts think steelmakers will report losses through the "
        "third quarter of 1990. In the year-ago period, Bethlehem earned $101.4 million."
    )
    got = {t.text: t.value for t in analyse_text(text, dt.date(1989, 10, 26)).timexes}
    assert got["the year-ago period"] == "1988-Q3"  # the quarter reported on a year before, not the forecast's


def test_a_year_earlier_than_the_nine_months_is_no_quarter(analyse_text):
    text = (
        "America West reported third-quarter profit of $5 million, up from $2 million a year earlier. For the nine "
        "months, it posted earnings of $18.9 million, compared with a loss of $9.7 million a year earlier. In the "
        "quarter, revenue rose from a year earlier."
    )
    got = [(t.text, t.value) for t in analyse_text(text, dt.date(1989, 10, 26)).timexes]
    assert [v for x, v in got if x == "a year earlier"] == ["1988-Q3", "1988", "1988-Q3"]


def test_a_word_the_model_took_in_before_a_date_leaves_it_resolved(analyse_text):
    text = (
        "The placement is to be completed around Nov. 1. Hewlett-Packard acquired the shares under an Aug. 10, 1988, "
        "stock purchase agreement. It would dilute earnings in both 1990 and 1991. The unit was sold this past spring, "
        "after several quarters of losses."
    )
    got = {t.text: t.value for t in analyse_text(text, dt.date(1989, 10, 30)).timexes}
    assert got["around Nov. 1"] == "1989-11-01"  # TIMEX3 keeps "around" in the expression, as its mod
    assert got["Aug. 10, 1988"] == "1988-08-10"
    assert got["1990"] == "1990" and got["1991"] == "1991"
    assert got["this past spring"] == "1989-SP"
    assert got["several quarters"] == "PXQ"
    text = 'It was a revolutionary car that rid Detroit of the "boxy" cars of the 70s and 80s.'  # the model: "the 70s and"
    got = [(t.text, t.value) for t in analyse_text(text, dt.date(2007, 2, 9)).timexes]
    assert got == [("70s", "197"), ("80s", "198")]  # "the" before two coordinated decades is neither's


def test_a_third_of_a_part_of_the_day_and_a_date_after_a_noun_the_model_ran_in(analyse_text):
    text = (
        "In London at mid-afternoon yesterday, shares were down. By mid afternoon, officials said the operation was "
        "over. He had to flee the capital after a coup d'etat last year."
    )
    got = {t.text: (t.value, t.mod) for t in analyse_text(text, dt.date(1989, 11, 2)).timexes}
    assert got["mid-afternoon yesterday"] == ("1989-11-01TAF", "MID")
    assert got["mid afternoon"] == ("1989-11-02TAF", "MID")
    assert got["last year"] == ("1988", None)  # the model's "d'etat last year"
    got = {t.text: t.value for t in analyse_text("The vote ran at midnight.", dt.date(1989, 11, 2)).timexes}
    assert got == {"midnight": "1989-11-02T24:00"}  # no middle of a night


def test_the_past_year_is_the_last_one_and_the_past_two_years_a_duration(analyse_text):
    text = "Hate groups grew over the past year. They have grown in each of the past two years."
    got = {t.text: (t.type, t.value) for t in analyse_text(text, dt.date(1998, 3, 3)).timexes}
    assert got["the past year"] == ("DATE", "1997")
    assert got["the past two years"] == ("DURATION", "P2Y")


def test_a_run_of_days_ends_on_the_articles_and_coming_quarters_lie_ahead(analyse_text):
    text = (
        "Trading was suspended for a second consecutive day. US stocks logged gains for the fourth week in a row. It "
        "does not bode well for coming quarters. London shares fell on overnight losses in New York."
    )
    got = {t.text: t.value for t in analyse_text(text, dt.date(2009, 4, 4)).timexes}
    assert got["a second consecutive day"] == "2009-04-04"
    assert got["the fourth week in a row"] == "2009-W14"
    assert got["coming quarters"] == "FUTURE_REF"  # as "the coming months"
    assert got["overnight"] == "2009-04-03TNI"  # the night before the article's day
    each = resolve("each of the past three years", dt.date(2009, 4, 4), -1)  # where the model takes in "each of"
    assert each is not None and (each.type, each.value) == ("DURATION", "P3Y")
    text = (
        "Tokyo stocks rose on Friday. London shares were depressed initially by overnight losses in New York. The "
        "index was down 4.5% from the previous Friday."
    )
    got = {t.text: t.value for t in analyse_text(text, dt.date(1989, 10, 30)).timexes}
    assert got["overnight"] == "1989-10-26TNI"  # the night before the day last named, which stays the focus
    assert got["the previous Friday"] == "1989-10-20"


def test_clock_times_chained_to_a_day_lie_on_it_and_a_list_of_dates_is_each_one(analyse_text):
    text = (
        "The talks will take place later than 9:30 but before 11:00 on Thursday. Polls open between 7 a.m. and "
        "8 p.m. on Friday. Counting starts at 9 a.m. and 4 p.m. on Saturday. The ministers met on June 5 and June 9."
    )
    got = [(t.text, t.value) for t in analyse_text(text, dt.date(2013, 2, 12)).timexes]
    assert ("9:30", "2013-02-14T09:30") in got  # the day named after the last clock time of the chain, not today
    assert ("7 a.m.", "2013-02-15T07:00") in got and ("8 p.m.", "2013-02-15T20:00") in got  # "8 p.m.", not "8" and am
    assert ("9 a.m.", "2013-02-16T09:00") in got and ("4 p.m.", "2013-02-16T16:00") in got
    assert ("June 5", "2012-06-05") in got and ("June 9", "2012-06-09") in got  # the model's one span, two dates
