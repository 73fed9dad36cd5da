"""Upcoming events: future happenings with who, what and real dates; nothing from the past."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from briefgen.inputs.readers import read_input
from briefgen.run.pipeline import build_brief
from briefgen.settings import Options

from .conftest import EXAMPLES


def test_seed_visits(seed):
    assert len(seed.events) == 2
    albright, gore = seed.events
    assert "Albright" in albright.what and "visit" in albright.what
    assert dt.date(1997, 2, 15) <= albright.when.range.start <= albright.when.range.end <= dt.date(1997, 2, 28)
    assert albright.when.text == "late February" and albright.when.range.granularity == "month"
    assert "Gore" in gore.what
    assert dt.date(1997, 3, 15) <= gore.when.range.start <= gore.when.range.end <= dt.date(1997, 3, 31)
    names = {a.id: a.name for a in seed.actors}
    assert "Madeline Albright" in [names[i] for i in albright.actor_ids]
    assert "Al Gore" in [names[i] for i in gore.actor_ids]


def test_seed_has_no_past_events(seed):
    for e in seed.events:
        assert e.when.range.start > seed.article.published
        assert "report" not in e.what and "Xi Yang" not in e.text


@pytest.mark.parametrize(
    ("name", "who", "day"),
    [
        ("2023-07-28_whitehouse_upcoming-camp-david-trilateral-summit.txt", "Biden", "2023-08-18"),
        ("2023-08-09_whitehouse_upcoming-albanese-official-visit.txt", "Biden", "2023-10-25"),
        ("2024-01-25_whitehouse_upcoming-kishida-official-visit.txt", "Biden", "2024-04-10"),
        ("2024-03-18_whitehouse_upcoming-us-japan-philippines-summit.txt", "Biden", "2024-04-11"),
        ("2024-07-08_whitehouse_upcoming-starmer-visit.txt", "Biden", "2024-07-10"),
    ],
)
def test_announced_visits_in_the_corpus(name, who, day):
    brief = build_brief(read_input(str(EXAMPLES / name)), Options(), None, None)
    days = [(e.when.range.start.isoformat(), e.when.range.end.isoformat(), e.what) for e in brief.upcoming]
    assert any(a == b == day and who in what for a, b, what in days), days


def test_past_tense_sentence_with_a_weekday_is_not_an_event(analyse_text):
    an = analyse_text("The minister resigned on Friday. She will address parliament on Thursday.", dt.date(2020, 6, 10))
    assert [e.when.range.start for e in an.events] == [dt.date(2020, 6, 11)]


def test_what_names_the_action_not_the_verb_of_intent(example_analyses):
    """ "intends to", "plans to" and "to be held" describe the happening they govern."""
    whats = {(aid[:10], e.when.range.start.isoformat()): e.what for aid, an in example_analyses.items() for e in an.events}
    assert whats[("2023-08-18", "2024-01-01")] == "first annual trilateral youth summit to be held in Busan"
    assert any(w.startswith("to operationalize our sharing of missile warning data") for w in whats.values())  # never "we to"
    texas = [e.what for aid, an in example_analyses.items() if aid.startswith("2015-09-22") for e in an.events]
    assert "Ahmed Mohamed to meet international dignitaries at the United Nations headquarters in New York" in texas


def test_a_time_expression_is_never_the_object_of_the_what(analyse_text):
    an = analyse_text("Vice President Al Gore is to come in late March, officials said.", dt.date(2020, 1, 6))
    assert [e.what for e in an.events] == ["Al Gore to come"]


def test_day_ranges_and_the_rest_of_the_month(analyse_text):
    text = "The summit will be held on 20-22 March in Tokyo, the ministry said. The minister will travel to Paris later this month."
    events = {e.when.text: e for e in analyse_text(text, dt.date(2009, 2, 3)).events}
    summit = events["20-22 March"].when.range
    assert (summit.start, summit.end) == (dt.date(2009, 3, 20), dt.date(2009, 3, 22))
    trip = events["later this month"].when.range
    assert (trip.start, trip.end) == (dt.date(2009, 2, 4), dt.date(2009, 2, 28))  # after the article's date


def test_weeks_and_halves_of_a_month_and_what_is_due(analyse_text):
    text = (
        "The leaders will meet in the first week of March, officials said. The audit report is due in the second "
        "half of May. Talks resume the week of April 15."
    )
    events = {e.when.text: e for e in analyse_text(text, dt.date(2024, 2, 10)).events}
    days = {k: (e.when.range.start.isoformat(), e.when.range.end.isoformat(), e.what) for k, e in events.items()}
    assert days["the first week of March"] == ("2024-03-04", "2024-03-10", "leaders to meet")
    assert days["the second half of May"] == ("2024-05-16", "2024-05-31", "audit report to be due")
    assert days["the week of April 15"][:2] == ("2024-04-15", "2024-04-21")


def test_a_range_is_one_event_and_a_timetable_looks_ahead(analyse_text):
    text = (
        "The summit runs from March 30 to April 2 in Seoul. Talks will run Monday to Wednesday. "
        "The hearing starts Oct. 10 at the federal court. The vote is set for Sept. 5. "
        "The fund will be wound up by year's end."
    )
    events = {e.when.text: e for e in analyse_text(text, dt.date(2024, 2, 10)).events}
    days = {k: (e.when.range.start.isoformat(), e.when.range.end.isoformat(), e.what) for k, e in events.items()}
    assert days["March 30 to April 2"][:2] == ("2024-03-30", "2024-04-02")
    assert days["March 30 to April 2"][2].startswith("summit to run")
    assert days["Monday to Wednesday"] == ("2024-02-12", "2024-02-14", "talks to run")
    assert days["Oct. 10"] == ("2024-10-10", "2024-10-10", "hearing to start at the federal court")  # not last October
    assert days["Sept. 5"][2] == "vote to take place"  # what is set is the vote
    talks = {
        e.when.text: e.what
        for e in analyse_text(
            "The talks, scheduled for March 3, will focus on trade. Bids are due on or before June 30.", dt.date(2024, 2, 10)
        ).events
    }
    assert talks == {"March 3": "talks to take place", "June 30": "bids to be due"}
    assert days["year's end"] == ("2024-12-20", "2024-12-31", "fund to be wound up")  # its last days


def test_holidays_and_a_short_period_under_way(analyse_text):
    text = (
        "Retailers sell Christmas trees in every town. The ministers will gather this weekend. "
        "The shops will close on New Year's Day. Parliament will debate the bill at Easter. "
        "The navy will take them to Christmas Island."
    )
    events = {e.when.text: e for e in analyse_text(text, dt.date(2024, 2, 10)).events}  # a Saturday
    days = {k: (e.when.range.start.isoformat(), e.when.range.end.isoformat()) for k, e in events.items()}
    assert days == {
        "this weekend": ("2024-02-10", "2024-02-11"),
        "New Year's Day": ("2025-01-01", "2025-01-01"),
        "Easter": ("2024-03-31", "2024-03-31"),
    }  # the trees are a kind of thing; the island a place


def test_a_duration_counted_from_the_article_date(analyse_text):
    text = (
        "The board will vote in two weeks. The plant will close within three months. "
        "The tunnel opens in a year, officials said. The work took three months. "
        "The campaign will spend heavily in the next eight weeks."
    )
    events = {e.when.text: e for e in analyse_text(text, dt.date(2024, 2, 10)).events}
    days = {k: (e.when.range.start.isoformat(), e.when.range.end.isoformat(), e.what) for k, e in events.items()}
    assert days["in two weeks"] == ("2024-02-24", "2024-02-24", "board to vote")
    assert days["within three months"] == ("2024-02-11", "2024-05-10", "plant to close")
    assert days["in a year"][:2] == ("2025-01-01", "2025-12-31")
    assert days["in the next eight weeks"][:2] == ("2024-02-11", "2024-04-06")
    assert len(days) == 4  # what took three months is over


def test_days_proclaimed_as_an_observance_and_names_joined_by_and(example_analyses):
    (week,) = example_analyses["2023-08-18_whitehouse_proclamation-guard-and-reserve-week"].events
    assert week.what == "National Employer Support of the Guard and Reserve Week"
    assert (week.when.range.start, week.when.range.end) == (dt.date(2023, 8, 20), dt.date(2023, 8, 26))
    (summit,) = example_analyses["2023-07-28_whitehouse_upcoming-camp-david-trilateral-summit"].events
    assert "Kishida Fumio of Japan and President Yoon Suk Yeol of the Republic of Korea for a" in summit.what  # and the occasion


def test_what_for_set_to_take_place_and_a_dated_subject(analyse_text):
    text = (
        "The project has planned a number of conferences, with the first meeting set to take place in Christchurch "
        "on May 16.\n\nNext year's competition is scheduled to take place in Mexico City."
    )
    whats = {e.when.text: e.what for e in analyse_text(text, dt.date(2015, 5, 7)).events}
    assert whats["May 16"] == "first meeting to take place in Christchurch"
    assert whats["Next year"] == "competition to take place in Mexico City"


def test_one_happening_dated_twice_is_one_event(analyse_text):
    text = (
        "Space Shuttle Endeavour, which will launch on STS-134 at the end of the month on April 29, will be sent "
        "to a museum.\n\nThe talks will start next month and end on May 30."
    )
    events = analyse_text(text, dt.date(2011, 4, 13)).events
    launch = [e for e in events if "Endeavour" in e.text]
    assert [(e.when.text, e.what) for e in launch] == [("April 29", "Space Shuttle Endeavour to launch")]
    assert {e.what for e in events if "talks" in e.text} == {"talks to start", "talks to end"}  # two verbs, two events


def test_a_season_naming_a_kind_is_no_event(analyse_text):
    text = (
        "Monocot species such as sorghum, field corn and winter wheat lose less yield from ozone.\n\n"
        "The ministers will meet again in the winter session of parliament."
    )
    events = analyse_text(text, dt.date(2014, 7, 28)).events
    assert [(e.when.text, e.what) for e in events] == [("winter", "ministers to meet in the session of parliament")]  # not the wheat


def test_an_event_is_told_in_its_own_paragraph(analyse_text):
    text = (
        "'We will not let one storm close this city,' council leader Ruth Allen told reporters. 'The repairs start "
        "next week and the doors will open again before the holidays.'\n\n"
        "Opposition councillor Omar Haddad dismissed the plan as 'wishful thinking' and said residents' patience "
        "was wearing thin."
    )
    (event,) = [e for e in analyse_text(text, dt.date(2024, 3, 4)).events if e.when.text == "next week"]
    assert event.text == "'The repairs start next week and the doors will open again before the holidays.'"


def test_they_is_the_body_named_before_it_in_the_sentence(analyse_text):
    text = "Jane Roe, a spokeswoman for the Environment Agency, said they will publish the flood report in March."
    (event,) = analyse_text(text, dt.date(2024, 2, 10)).events
    assert event.what == "Environment Agency to publish flood report"


# 2016-09-30 is a Friday: "Monday" in these sentences resolves to the coming Monday unless the clause is read.
NOT_UPCOMING = [
    ("Gennifer Flowers will not be attending the debate tomorrow night.", "negated"),
    ("Is the President going to be talking to lawmakers this week?", "a question"),
    ("Q Should those countries expect that on the 1st?", "a reporter's question"),
    ("The impact of Monday's debate is still small, the pollster wrote.", "a weekday's happening told in the present"),
    ("In Chicago, they have had thousands of shootings since January 1st.", "counted since"),
    ("If Kaine becomes vice president, Virginia would probably host the only Senate race in the country in 2017.", "conditional"),
    ("The Clinton campaign would do well to target ethnic voters in the next eight weeks.", "a hypothetical would"),
    ("By 2019, the trade war would cost hundreds of billions of dollars in lost output.", "a forecast of a state"),
    ("The IMF expects that U.S. output will grow by 1.6 percent next year.", "a quantity forecast"),
    ("I hope in 2017 America says thank you.", "an opinion"),
    ("We'll talk more about that tomorrow.", "talk about talk"),
    ("Obama said refugees were still hoping for a brighter tomorrow.", "a rhetorical tomorrow"),
    ("That's tomorrow.", "the date is the predicate"),
    ("Thursday?", "a fragment"),
    ("Nothing about the plan will change on Monday.", "denied by its subject"),
    ("I want to set out the terms of the deal on Monday.", "a wish"),
    ("She is proposing projects like installing solar panels on every school by 2030.", "a gerund naming an idea"),
    ("What the leaders will agree on Monday is a plan for the ports.", "a free relative"),
    ("The mayor spoke about what she intends to discuss with the governor on Monday.", "a free relative"),
    ("The new rules will help the city meet the challenges of today and tomorrow.", "an age, not a day"),
    ("I think the senator will end up winning the vote on Monday.", "the speaker's opinion"),
    ("The next governor, even before Inauguration Day, will have to choose a cabinet.", "some time before a day"),
    ("The campaign now has to convince voters to support her in November.", "an obligation"),
    # corpus transcripts (White House briefings and calls, 2021-2023)
    ("If we haven\u2019t achieved it, I\u2019ll move the goalposts next year.", "it happens only if a condition holds"),
    ("As I mentioned, Administrator Criswell will be here tomorrow.", "presence at the speaker's place"),
    (
        "It is also the case that other members of their delegation will be with us in Baltimore and Washington next week.",
        "presence with the speaker",
    ),
    (
        (
            "The people of India too are focusing on both heritage and development as they move forward at a fast "
            "pace and with a firm resolve to ensure a developed India by 2047."
        ),
        "an aim: an infinitive describing a noun of wanting",
    ),
    (
        (
            "And this president expects that every nation on this planet will cooperate with the repatriation of "
            "their citizens, as proven by this weekend, when President Trump swiftly directed his team to issue "
            "harsh sanctions."
        ),
        "a day a past 'when' clause tells of is behind",
    ),
]


@pytest.mark.parametrize(("text", "why"), NOT_UPCOMING)
def test_what_is_not_upcoming_is_no_event(analyse_text, text, why):
    an = analyse_text(text, dt.date(2016, 9, 30))
    assert an.events == (), why


def test_a_month_spoken_to_is_no_date_and_unless_or_even_if_is_no_condition(analyse_text):
    """ "It is a good question, April." (a 2025-01-29 briefing): the month's name after a comma at the sentence's end
    is the reporter spoken to, not the April ahead. An "unless" tells what happens by default and an "even if" what
    happens whatever, so neither makes the clause a conditional (PolNeAR's EB-5 program "will expire at the end of
    this month unless Congress acts to extend it" is listed)."""
    assert analyse_text("It is a good question, April.", dt.date(2025, 1, 29)).events == ()
    assert [e.when.text for e in analyse_text("The Senate will vote in April.", dt.date(2025, 1, 29)).events] == ["April"]
    text = (
        "A contentious visa program will expire at the end of this month unless Congress acts to extend it. "
        "Even if it rains, the leaders will meet on Monday."
    )
    got = [e.when.text for e in analyse_text(text, dt.date(2016, 9, 8)).events]
    assert sorted(got) == ["Monday", "the end of this month"]


def test_the_happening_looked_forward_to_takes_the_date_of_the_looking(analyse_text):
    """The parse hangs "next week" on "is looking forward" (a 2024-07-05 background call), but one looks forward now:
    the date is the awaited happening's, a gerund naming something done; not an opinion ("seeing you")."""
    text = (
        "President Biden is looking forward to hosting the leaders of our 31 NATO Allies, as well as a number of our "
        "NATO partners, next week in Washington for a historic summit to mark the 75th anniversary of NATO\u2019s "
        "founding.\n\nI look forward to seeing you next week."
    )
    (event,) = analyse_text(text, dt.date(2024, 7, 5)).events
    assert (event.when.text, event.when.range.start) == ("next week", dt.date(2024, 7, 8))
    assert event.what.startswith("Biden to host leaders") and event.what.endswith("for historic summit")
    # a happening's noun looked forward to (the Quad background call's sentence, read as said on Wednesday 22 September 2021)
    text = (
        "So, President Biden is looking forward to his separate bilateral meeting with Prime Minister Modi in the Oval "
        "Office on Friday morning ahead of the Quad summit."
    )
    (event,) = analyse_text(text, dt.date(2021, 9, 22)).events
    assert event.when.range.start == dt.date(2021, 9, 24) and "bilateral meeting with Prime Minister Modi" in event.what


def test_upcoming_clauses_are_events_with_their_certainty(analyse_text):
    text = (
        "Clinton will campaign in Ohio on Monday. The Senate is scheduled to vote on the bill on Tuesday. "
        "The senator may travel to Iowa next week. The sites will not open until October 10. "
        "President Obama will speak tonight at the convention."
    )
    got = {e.when.text: e.certainty for e in analyse_text(text, dt.date(2016, 9, 30)).events}
    assert got == {"Monday": "expected", "Tuesday": "scheduled", "next week": "possible", "October 10": "expected", "tonight": "expected"}


def test_firm_next_steps_without_a_date_are_undated_events(analyse_text):
    text = (
        "The Senate is to vote on the stopgap spending bill, aides said. Hillary Clinton plans to campaign in "
        'Florida. Her plans will solve every problem. "No one is going to stop us," she said. '
        "The senator vowed to punish them."
    )
    an = analyse_text(text, dt.date(2016, 9, 30))
    assert an.events == ()
    got = [(e.what, e.certainty, e.when) for e in an.undated_events]
    assert got == [
        ("Senate to vote on the stopgap spending bill", "scheduled", None),
        ("Hillary Clinton to campaign in Florida", "expected", None),
    ]


def test_is_to_of_a_definition_or_an_idiom_is_no_next_step(analyse_text):
    text = (
        "Our objective is to deny the rebels any pretext for an attack. "
        "The opposition leader said the ministers are to blame for the delays. "
        "The three leaders committed to opening the new port by the end of next year."
    )
    an = analyse_text(text, dt.date(2016, 9, 30))
    assert an.undated_events == ()
    assert [(e.what, e.when.text) for e in an.events] == [("open new port", "the end of next year")]  # a commitment is one


def test_a_digest_lists_what_is_ahead_of_its_own_date(analyse_text):
    """Each article dates its events against its own date, but the digest's calendar, .ics and notes judge them
    against the digest's: the Monday an older article looked forward to is over by Friday; tonight is "today"."""
    from briefgen.outputs.ics import to_ics
    from briefgen.outputs.json import brief_to_dict
    from briefgen.present.audiences import audience_dirs, load_audience
    from briefgen.present.render import Look, render_markdown
    from briefgen.run.assemble import assemble

    older = analyse_text("Hillary Clinton will campaign in Ohio on Monday.", dt.date(2016, 9, 23))
    newer = analyse_text(
        "The Senate will vote on the spending bill on Tuesday. President Obama will speak tonight "
        "in Chicago. The Senate is to vote on the defence bill, aides said.",
        dt.date(2016, 9, 30),
    )
    assert [e.when.range.start for e in older.events] == [dt.date(2016, 9, 26)]  # the article's own view stays
    older = type(older)(**{**older.__dict__, "article": type(older.article)(**{**older.article.__dict__, "id": "a"})})
    digest = assemble([older, newer], dt.date(2016, 9, 30), kind="digest")
    assert [(e.when.range.start.isoformat(), e.what) for e in digest.upcoming] == [
        ("2016-09-30", "Obama to speak in Chicago"),
        ("2016-10-04", "Senate to vote on the spending bill"),
    ]
    assert b"Ohio" not in to_ics(digest)
    data = brief_to_dict(digest)
    assert [e["what"] for e in data["upcoming"]] == [e.what for e in digest.upcoming]
    assert [e["when"] for e in data["articles"][1]["undated_events"]] == [None]
    md = render_markdown(digest, Look(load_audience("digest", audience_dirs())))
    assert "**today**: Obama to speak in Chicago" in md and "## Also ahead" in md
    assert "Senate to vote on the defence bill (scheduled)" in md


def test_a_quarter_reported_on_is_no_event(analyse_text):
    """'a third-quarter loss', 'net income for the third quarter': the period the figures cover (TimeBank wsj_0161)."""
    an = analyse_text(
        "Hadson Corp. said it expects to report a third-quarter net loss of $17 million to $19 million. "
        "Service Corp. International said it expects to report net income of 15 cents a share for the "
        "third quarter.",
        dt.date(1989, 11, 2),
    )
    assert an.events == ()


def test_markdown_also_ahead_keeps_the_events_limit(analyse_text):
    """The Markdown note's "Also ahead" shows at most `limits.events` undated next steps, as the HTML does, and says
    how many more the JSON holds."""
    from types import MappingProxyType

    from briefgen.present.audiences import audience_dirs, load_audience
    from briefgen.present.render import Look, render_markdown
    from briefgen.run.assemble import assemble

    an = analyse_text(
        "The Senate is to vote on the stopgap spending bill, aides said. Hillary Clinton plans to campaign in Florida.",
        dt.date(2016, 9, 30),
    )
    assert len(an.undated_events) == 2
    brief = assemble([an], dt.date(2016, 9, 30), kind="digest")
    audience = load_audience("digest", audience_dirs())
    one = replace(audience, limits=MappingProxyType({**audience.limits, "events": 1}))
    md = render_markdown(brief, Look(one))
    ahead = md.split("## Also ahead", 1)[1].split("\n## ", 1)[0]
    assert "Senate to vote on the stopgap spending bill (scheduled)" in ahead
    assert "Hillary Clinton to campaign in Florida" not in ahead
    assert "And 1 more in the JSON output." in ahead
    assert "Hillary Clinton to campaign in Florida (expected)" in render_markdown(brief, Look(audience))


def test_the_next_day_counts_from_the_event_before_and_the_past_is_no_anchor(analyse_text):
    an = analyse_text(
        "The summit opens on Tuesday in Brussels. The next day, leaders will sign the declaration. "
        "Later that day, the leaders will hold a press conference. The ministers met on Monday. "
        "That evening, they dined together.",
        dt.date(2023, 9, 22),
    )
    got = [(e.when.text, e.when.range.start) for e in an.events]
    assert got == [("Tuesday", dt.date(2023, 9, 26)), ("The next day", dt.date(2023, 9, 27)), ("Later that day", dt.date(2023, 9, 27))], got


def test_election_day_is_the_tuesday_after_the_first_monday_of_november(analyse_text):
    """Named days through the holiday data: Election Day and Inauguration Day of the United States."""
    an = analyse_text(
        "Donald Trump encouraged his supporters to visit polling locations on Election Day. "
        "Hillary Clinton will campaign in Ohio on Election Day. The winner will be sworn in on Inauguration Day.",
        dt.date(2016, 9, 30),
    )
    got = [(e.when.text, e.when.range.start) for e in an.events]
    assert ("Election Day", dt.date(2016, 11, 8)) in got and ("Inauguration Day", dt.date(2017, 1, 20)) in got, got


def test_a_named_day_the_clause_moves_toward_is_the_happening_it_names(analyse_text):
    """ "as Election Day grows near", "leading up to election day", urging supporters "to visit polling locations on
    Election Day": nothing is planned for the day but the election (one event, told three times); "toward
    Christmas" names no happening to be held, so it is no event."""
    an = analyse_text(
        "Mrs. Clinton keeps an aggressive calendar of fund-raisers as Election Day grows near. "
        "Volunteers will knock on doors leading up to election day. "
        "The shoppers will keep spending toward Christmas. Donald Trump is encouraging his supporters "
        "to visit polling locations on Election Day.",
        dt.date(2016, 9, 21),
    )
    got = [(e.when.text, e.when.range.start, e.what, e.certainty) for e in an.events]
    assert got == [("Election Day", dt.date(2016, 11, 8), "election to be held on Election Day", "scheduled")], got


def test_i_is_the_speaker_of_the_quotation(analyse_text):
    an = analyse_text(
        '"I have decided that on Election Day, I will vote for the Republican nominee, Donald Trump," Ted Cruz wrote on Friday.',
        dt.date(2016, 9, 23),
    )
    assert [e.what for e in an.events] == ["Ted Cruz to vote for Donald Trump"], [e.what for e in an.events]  # the name in apposition


def test_the_same_happening_told_twice_is_one_event(analyse_text):
    an = analyse_text(
        "Prime Minister Keir Starmer will visit the White House on Wednesday. "
        "The Prime Minister's visit to the White House on Wednesday will focus on Ukraine. "
        "On Wednesday, Joe Biden will also sign a bill.",
        dt.date(2024, 7, 8),
    )
    whats = [e.what for e in an.events]
    assert len(whats) == 2 and any("visit" in w for w in whats) and any("sign" in w for w in whats), whats


def test_what_keeps_the_occasion_a_host_invites_for(analyse_text):
    text = "President Joe Biden will host Prime Minister Jane Roe of Ruritania for an official visit on Monday."
    (event,) = analyse_text(text, dt.date(2016, 9, 30)).events
    assert event.what == "Joe Biden to host Prime Minister Jane Roe of Ruritania for an official visit"
    assert event.when.text == "Monday"


def test_a_dateline_on_its_own_line_dates_no_headline(analyse_text):
    """The dateline under a headline with a plan is the article's own date, not the day of the plan."""
    text = "Carmaker plans to close plant in Ohio\nJune 02, 2009\nThe carmaker is planning to close its plant in Ohio, the company said."
    an = analyse_text(text, dt.date(2009, 6, 2))
    assert an.events == ()
    assert [e.what for e in an.undated_events] == ["carmaker to close its plant in Ohio"]


def test_a_next_step_told_with_soon_or_the_coming_weeks_is_undated(analyse_text):
    """ "soon" and "in the coming weeks" give no days: the step they tell of is an undated event, not none."""
    text = (
        "Governor Jane Roe plans to publish her tax returns soon. "
        "The Clinton campaign plans to deploy Barack Obama in Ohio in the coming weeks."
    )
    an = analyse_text(text, dt.date(2016, 9, 30))
    assert an.events == ()
    assert [(e.what, e.certainty, e.when) for e in an.undated_events] == [
        ("Jane Roe to publish her tax returns", "expected", None),
        ("Clinton campaign to deploy Barack Obama in Ohio", "expected", None),
    ]


def test_what_a_when_clause_after_a_date_tells(analyse_text):
    """ "through Sunday, when the Panthers are set to host ...": the clause the date introduces is what happens then,
    not the staying; "in January when the site is ready" (no comma) is a condition of the main clause."""
    text = (
        "Police officers will stay in the city through Sunday, when the Panthers are set to host the Vikings. "
        "We will put the website out there in January when the information is ready."
    )
    got = [(e.when.text, e.when.range.start, e.certainty, e.what) for e in analyse_text(text, dt.date(2016, 9, 23)).events]
    assert [g[:3] for g in got] == [("Sunday", dt.date(2016, 9, 25), "scheduled"), ("January", dt.date(2017, 1, 1), "expected")]
    assert got[0][3] == "Panthers to host Vikings" and "put" in got[1][3]


def test_a_weekday_s_happening_ahead_is_an_event_and_one_behind_is_none(analyse_text):
    """ "Monday's debate" said on the Friday before, in a clause that looks ahead, is the debate on Monday; in a
    present tense on the Friday after, it is the Monday before: no event."""
    ahead = analyse_text("Voters expect Hillary Clinton to win Monday's debate at Hofstra University.", dt.date(2016, 9, 23))
    assert [(e.when.range.start, e.certainty, e.what) for e in ahead.events] == [
        (dt.date(2016, 9, 26), "scheduled", "Hillary Clinton to hold debate at Hofstra University")
    ]
    behind = analyse_text("Trump is raising questions about his microphone during Monday's debate.", dt.date(2016, 9, 30))
    assert behind.events == ()


def test_having_something_to_do_by_a_date_is_no_obligation(analyse_text):
    """ "has options on six more jets to exercise by 2018" is possession, not "has to": still an event."""
    an = analyse_text("The airline also has options on six more jets to exercise by 2018.", dt.date(2016, 9, 30))
    assert [e.when.text for e in an.events] == ["2018"]


def test_a_happening_a_copula_sets_on_a_day(analyse_text):
    """ "Tomorrow will be the first meeting of the council" sets a meeting on that day; a day that "is" a unit of
    time or an anniversary has nothing happening on it."""
    an = analyse_text(
        "Tomorrow will be the very first meeting of the new trade council. Monday will be a big day for the campaign. "
        "Tomorrow is the 300th day since the invasion began.",
        dt.date(2023, 7, 11),
    )
    assert [(e.when.text, e.when.range.start, e.certainty) for e in an.events] == [("Tomorrow", dt.date(2023, 7, 12), "scheduled")]
    assert "meeting" in an.events[0].what


def test_the_next_step_of_a_sequence_is_on_the_day_before_it(analyse_text):
    """ "They will then hold a joint press conference" after a step on Monday is on Monday; "since then" is no step."""
    text = (
        "On Monday, President Biden will welcome Chancellor Scholz to the White House. "
        "They will then hold a joint press conference. Since then, the two leaders have spoken twice."
    )
    got = [(e.when.text, e.when.range.start) for e in analyse_text(text, dt.date(2022, 2, 4)).events]
    assert got == [("Monday", dt.date(2022, 2, 7)), ("then", dt.date(2022, 2, 7))]


def test_a_happening_counted_to_from_the_article_s_date(analyse_text):
    """ "two months until the election" dates the election that day; "the elections are two months away" that month."""
    an = analyse_text(
        "Today is two months until the presidential election. Elsewhere, the local elections are two months away.", dt.date(2016, 9, 8)
    )
    got = [(e.when.text, e.when.range.start, e.when.range.end, e.certainty, e.what) for e in an.events]
    assert got == [
        ("two months", dt.date(2016, 11, 1), dt.date(2016, 11, 30), "scheduled", "local elections to be held"),
        ("two months", dt.date(2016, 11, 8), dt.date(2016, 11, 8), "scheduled", "presidential election to be held"),
    ]
    assert analyse_text("The board waited two weeks until the meeting.", dt.date(2016, 9, 8)).events == ()


def test_a_will_step_that_names_a_kind_of_happening_is_an_undated_event(analyse_text):
    """A bare "will" is a next step an analyst lists where its verb or the noun it holds names a scheduled kind of
    happening (a meeting, a vote, a signing, a launch); not what someone "will discuss", a habit, a condition, or a
    happening verb with nothing to act on."""
    text = (
        "The three governments will also hold the first trilateral meeting between their finance ministers.\n\n"
        "We will discuss the situation in the region with our partners.\n\n"
        "At least annually, the foreign ministers will meet with their counterparts.\n\n"
        "Once Congress passes the bill, the President will sign it.\n\n"
        "The Senate will vote on the nomination, party leaders said.\n\n"
        "That is the bridge to membership that we will be unveiling at the summit."
    )
    an = analyse_text(text, dt.date(2023, 8, 18))
    assert an.events == ()
    assert [(e.what, e.certainty, e.when) for e in an.undated_events] == [
        ("three governments to hold first trilateral meeting between their finance ministers", "expected", None),
        ("Senate to vote on the nomination", "expected", None),
    ]


def test_a_plan_told_as_since_changed_is_no_event(analyse_text):
    """ "had previously been scheduled", "was originally set for": the plan was overtaken; the same plan told
    without such a word still dates its happening."""
    text = (
        "The tender offer previously had been scheduled to expire at midnight Friday.\n\n"
        "The vote was originally set for Thursday.\n\n"
        "The rival bid had been scheduled to expire on Nov. 16."
    )
    an = analyse_text(text, dt.date(1989, 10, 30))
    assert [(e.when.text, e.when.range.start.isoformat()) for e in an.events] == [("Nov. 16", "1989-11-16")]


def test_a_happening_shortly_or_held_by_we_is_dated(analyse_text):
    """ "shortly" is later on the article's own day, for a happening the clause says is ahead (not a broadcast's
    "in just a moment ... will have some other news", nor "shortly before" another happening); "we will have a
    briefing tomorrow morning" is a briefing, though "we'll have" alone is talk."""
    text = (
        "Shortly, the President will sign an executive order on federal construction projects.\n\n"
        "In just a moment our anchor will have some other news.\n\n"
        "The plan was lifted from a paper published shortly before the speech.\n\n"
        "We will have a briefing tomorrow morning.\n\n"
        "We'll have more to say about that tomorrow."
    )
    an = analyse_text(text, dt.date(2022, 2, 4))
    assert [(e.when.text, e.when.range.start.isoformat(), e.what) for e in an.events] == [
        ("Shortly", "2022-02-04", "The President to sign executive order on federal construction projects"),
        ("tomorrow morning", "2022-02-05", "to have briefing"),
    ]


def test_a_decided_step_and_a_happening_there_will_be_are_undated_events(analyse_text):
    """A happening someone decided or agreed on is a plan whatever the tense of the deciding ("decided to launch");
    "there will be" announces a happening of a kind the guidelines list; not a refused pledge, nor "the first time
    that there will be a summit", nor a present "is committing" (no plan)."""
    text = (
        "The three governments decided to launch a pilot early warning system.\n\n"
        "There will be a press conference with both leaders.\n\n"
        "He again refused to pledge to release his tax returns.\n\n"
        "This is the first time that there will be a standalone summit of the three leaders.\n\n"
        "The agency is committing more than $300 million in humanitarian assistance today."
    )
    an = analyse_text(text, dt.date(2023, 8, 18))
    assert an.events == ()
    assert [(e.what, e.when) for e in an.undated_events] == [
        ("three governments to launch pilot early warning system", None),
        ("press conference with both leaders to be held", None),
    ]


def test_a_when_clause_dates_its_happening_on_the_articles_own_day(analyse_text):
    """ "through Sunday, when the Panthers are set to host the Vikings", said on that Sunday: "through" gives the day
    no tense, and the "when" clause says the game is ahead, so it is later that day."""
    text = "The curfew stays in effect through Sunday, when the Panthers are set to host the Vikings in the city."
    an = analyse_text(text, dt.date(2016, 9, 25))
    assert [(e.when.text, e.when.range.start.isoformat(), e.certainty) for e in an.events] == [("Sunday", "2016-09-25", "scheduled")]
    assert "Panthers to host" in an.events[0].what


def test_a_happening_moved_to_a_later_date_is_ahead_whatever_the_tense_of_the_moving(analyse_text):
    """ "was extended to Nov. 16", "postponed until", "adjourned until": the new date is ahead, though the moving is
    told in the past; an extended offer expires then, an adjourned trial resumes; not a denied move."""
    text = (
        "The takeover bid by the two drug makers was extended to Nov. 16.\n\n"
        "The council vote on the budget was postponed until Nov. 20.\n\n"
        "The court adjourned the fraud trial until Nov. 27.\n\n"
        "The board meeting was not postponed until Dec. 4."
    )
    an = analyse_text(text, dt.date(1989, 10, 30))
    assert [(e.what, e.when.text, e.when.range.start.isoformat(), e.certainty) for e in an.events] == [
        ("takeover bid by the two drug makers to expire", "Nov. 16", "1989-11-16", "scheduled"),
        ("council vote on the budget to be postponed", "Nov. 20", "1989-11-20", "scheduled"),
        ("fraud trial to resume", "Nov. 27", "1989-11-27", "scheduled"),
    ]


def test_a_date_that_says_next_belongs_to_the_plan_the_parse_hung_it_away_from(analyse_text):
    """ "early next year" is ahead whatever the tense of the verb the parse hung it on (the participle "based"): it
    dates the infinitive a verb of planning or promising governs before it; a wish ("wanted to") is no plan."""
    text = (
        "Acme Corp. announced on Monday that it planned to ship a computer based on the new chip early next year.\n\n"
        "The minister wanted to leave office after he visited Paris next year."
    )
    an = analyse_text(text, dt.date(1998, 2, 13))
    assert [(e.what, e.when.text, e.when.range.start.isoformat(), e.certainty) for e in an.events] == [
        ("Acme Corp. to ship computer", "early next year", "1999-01-01", "expected"),
    ]


def test_next_weeks_happening_is_ahead_and_a_date_given_up_dates_nothing(analyse_text):
    """ "next week's talks" says itself it is ahead, whatever the clause around it ("gaps remain before ..."); a
    date told as given up ("originally due later this year") dates nothing, the new one ("until October") does;
    "next year's budget" names no happening."""
    text = (
        "The foreign minister says wide gaps remain between the two sides before next week's talks in Geneva.\n\n"
        "The new jet's delivery, originally due later this year, will be delayed until October 1999.\n\n"
        "Analysts say next year's budget remains tight."
    )
    an = analyse_text(text, dt.date(1998, 5, 1))
    assert [(e.what, e.when.text, e.when.range.start.isoformat(), e.certainty) for e in an.events] == [
        ("talks in Geneva to be held", "next week", "1998-05-04", "scheduled"),
        ("new jet's delivery to be delayed", "October 1999", "1999-10-01", "scheduled"),
    ]


def test_a_happening_due_on_a_date_is_ahead_whatever_the_tense_and_a_year_approached_is_no_date(analyse_text):
    """ "with the state election due this September", in a past-tense sentence, is the election (as a dividend
    "payable" on a day is); a year someone "is approaching with caution" dates nothing."""
    text = (
        "With the state election due this September, the poor jobs figures could not have come at a worse time for the governor.\n\n"
        "The chairman said he is approaching next year with caution."
    )
    an = analyse_text(text, dt.date(1998, 2, 5))
    assert [(e.what, e.when.text, e.when.range.start.isoformat(), e.certainty) for e in an.events] == [
        ("state election to be due", "this September", "1998-09-01", "scheduled"),
    ]


def test_a_noun_a_past_report_dates_ahead_is_that_happening(analyse_text):
    """ "told the refiners of a sharp cutback in gas deliveries in September", said in August: the report is past,
    the cutback it tells of is ahead; what was reported ("reported record sales in September") is not."""
    text = "The ministry told European refiners of a sharp cutback in gas deliveries in September.\n\nThe company reported record sales in September."
    an = analyse_text(text, dt.date(1990, 8, 16))
    assert [(e.what, e.when.text, e.when.range.start.isoformat(), e.certainty) for e in an.events] == [
        ("sharp cutback in gas deliveries to take place", "September", "1990-09-01", "expected"),
    ]


def test_a_happening_counted_to_whatever_the_tense_beside_it_or_a_day_before_it(analyse_text):
    """An absolute "with 40 days until the referendum" counts from the article's date though the clause beside it is
    past; a present clause "two days before" another says that other is two days after the article's date; a past
    "came a day before" counts from no date given."""
    text = (
        "With 40 days until the referendum, the minister urged voters to register. "
        "The report comes two days before Kaine faces off against Pence in the debate."
    )
    got = [(e.when.text, e.when.range.start, e.certainty, e.what) for e in analyse_text(text, dt.date(2024, 3, 4)).events]
    assert got == [
        ("two days", dt.date(2024, 3, 6), "scheduled", "Kaine to face off against Pence in the debate"),
        ("40 days", dt.date(2024, 4, 13), "scheduled", "referendum to be held"),
    ]
    past = "The report came a day before the Senate voted on the bill."
    assert analyse_text(past, dt.date(2024, 3, 4)).events == ()


def test_the_evening_of_the_articles_own_day_is_still_ahead(analyse_text):
    """Said on the day itself, the evening, the night or an afternoon hour is still to come for a happening told by
    a gerund or an infinitive ("looking forward to watching the game tonight", "delighted to host a dinner at 7 p.m.");
    not for the speech itself ("Tonight, I am pleased to announce"), a happening under way ("is encouraging his
    supporters at a rally this evening"), someone's evening, or a light verb."""
    day = dt.date(2022, 12, 22)  # a Thursday
    text = "The President looks forward to watching the final tonight. The mayor is delighted to host a dinner for the team at 7 p.m."
    got = [(e.when.text, e.when.range.start, e.what) for e in analyse_text(text, day).events]
    # worded with the one who looks forward (the gerund alone, "watching the final", was a fragment)
    assert got == [("tonight", day, "The President to watch final"), ("7 p.m.", day, "host dinner for the team")]
    now = (
        "Tonight, I am pleased to announce a new plan. The senator is encouraging her supporters at a rally this evening. "
        "I am glad to intrude on your evening. I think he is watching for the team to win tonight."
    )
    assert analyse_text(now, day).events == ()


def test_a_will_clause_after_a_day_tells_what_happens_then(analyse_text):
    """ "starts on Monday morning when the President will welcome the leaders": without a comma, the "will" of the
    "when" clause says what happens on that day (said on that Monday, later that day); "in January when it is ready"
    is a condition."""
    text = "The official program starts on Monday morning when the President will welcome the leaders to the White House."
    got = [(e.when.text, e.when.range.start, e.what) for e in analyse_text(text, dt.date(2023, 9, 25)).events]
    assert got == [("Monday morning", dt.date(2023, 9, 25), "The President to welcome leaders to the White House")]


def test_a_days_happening_named_again_is_the_same_event_with_everyone_coordinated(analyse_text):
    """ "Monday's encounter" after the debate told for Monday is that debate again, and the people coordinated in a
    subject all take part ("Cooper and Martha Raddatz ... to moderate")."""
    text = (
        "Donald Trump and Hillary Clinton meet Monday at Hofstra University for their first debate. Trump will probably use Monday's encounter "
        "to make news. Anderson Cooper and Martha Raddatz are scheduled to moderate the second debate on Oct. 9 in St. Louis."
    )
    got = [(e.when.text, e.what) for e in analyse_text(text, dt.date(2016, 9, 23)).events]
    assert got == [
        ("Monday", "Donald Trump and Hillary Clinton to meet at Hofstra University for their first debate"),
        ("Oct. 9", "Anderson Cooper and Martha Raddatz to moderate second debate in St. Louis"),
    ]


def test_a_holiday_the_model_ran_into_the_clauses_time_is_two_expressions(analyse_text):
    """ "toward Election Day later this week": the model tags one date, which resolves to none; the holiday and the
    week are two, the week dating the clause and Election Day the election."""
    text = "Her team says she will continue her march toward Election Day later this week."
    got = [(e.when.text, e.when.range.start, e.what) for e in analyse_text(text, dt.date(2016, 9, 12)).events]
    assert got == [
        ("later this week", dt.date(2016, 9, 13), "to continue her march"),
        ("Election Day", dt.date(2016, 11, 8), "election to be held on Election Day"),
    ]


def test_the_end_of_the_year_under_way_is_its_last_days(analyse_text):
    """ "will finish his term by the end of the year", said in September: the end of the year is under way by the
    expression's value (its last third) but the happening is at its end, 20 to 31 December, as "late February" is."""
    an = analyse_text("The envoy will finish his term by the end of the year.", dt.date(2016, 9, 10))
    assert [(e.when.range.start, e.when.range.end, e.what) for e in an.events] == [
        (dt.date(2016, 12, 20), dt.date(2016, 12, 31), "envoy to finish his term")
    ]


def test_a_year_under_way_dates_only_what_is_scheduled_in_it(analyse_text):
    """ "the summit scheduled to be held in Jakarta this year", said in February, is that year's summit; a "will" with
    "this year" is as often a forecast ("the economy will grow 2% this year") and stays out."""
    text = "The summit scheduled to be held in Jakarta this year will focus on trade. The economy will grow 2% this year."
    an = analyse_text(text, dt.date(2025, 2, 13))
    assert [(e.when.text, e.when.range.start, e.certainty, e.what) for e in an.events] == [
        ("this year", dt.date(2025, 1, 1), "scheduled", "summit to be held in Jakarta")
    ]


def test_an_hour_by_the_clock_dates_a_happening_that_afternoon(analyse_text):
    """ "will be speaking at 3 o'clock", said that day, is at 15:00 that day (an hour from one to six is the
    afternoon's), and "tonight at 8 o'clock" stays one expression."""
    day = dt.date(2025, 2, 20)
    an = analyse_text("The governor will be speaking at 3 o'clock at the reception. The talks will take place tonight at 8 o'clock.", day)
    assert [(t.text, t.value) for t in an.timexes] == [("3 o'clock", "2025-02-20T15:00"), ("tonight at 8 o'clock", "2025-02-20T20:00")]
    assert [(e.when.text, e.when.range.start) for e in an.events] == [("3 o'clock", day), ("tonight at 8 o'clock", day)]


def test_a_move_refused_or_a_plan_given_up_is_no_upcoming_event(analyse_text):
    """A move is ahead whatever its tense only when it was made ("the bid was extended to Nov. 16"), not when it was
    refused or proposed; a plan told in the past is no event when the past perfect, a denial or another verb of its
    sentence gives it up, dated or not; "overnight" ahead is the coming night."""
    day = dt.date(2025, 2, 20)
    refused = analyse_text("The court refused to extend the deadline to March 1.", day)
    assert refused.events == ()
    made = analyse_text("The bid was extended to March 1.", day)
    assert [(e.what, e.when.text) for e in made.events] == [("bid to expire", "March 1")]
    for text in (
        "Ford had planned to build the plant next year but scrapped the project.",
        "The company planned to launch the product next year, but those plans were dropped in January.",
    ):
        assert analyse_text(text, day).events == (), text
    kept = analyse_text("The company planned to launch the product next year.", day)
    assert [e.what for e in kept.events] == ["company to launch product"]
    reported = analyse_text("She said the ministers had agreed to put together a reform plan by March of next year.", day)
    assert [e.when.text for e in reported.events] == ["March of next year"]  # a reported past perfect gives nothing up
    for text in (
        "The union planned to stage a strike, but called it off on Monday after talks.",
        "The campaign planned to hold a rally in Ohio, but the event was cancelled.",
    ):
        assert analyse_text(text, day).undated_events == (), text
    assert [e.what for e in analyse_text("The campaign planned to hold a rally in Ohio.", day).undated_events] == [
        "campaign to hold rally in Ohio"
    ]
    ahead = analyse_text("Negotiators will work overnight to reach a deal.", day)
    assert [(t.text, t.value) for t in ahead.timexes] == [("overnight", "2025-02-20TNI")]
    assert [(t.text, t.value) for t in analyse_text("Stocks fell on overnight losses in New York.", day).timexes] == [
        ("overnight", "2025-02-19TNI")
    ]


def test_a_call_held_the_evening_before_it_was_published_dates_by_its_own_day(analyse_text):
    """The transcript's dateline says when it was held: its "tomorrow" is the day it was published, "next week" the
    week after the call; without the dateline both would be a day or a week late."""
    text = (
        "Via Teleconference\n\n(September 23, 2021)\n\n5:47 P.M. EDT\n\nMODERATOR: Thanks, everyone, for joining the call.\n\n"
        "SENIOR ADMINISTRATION OFFICIAL: Thank you. Tomorrow, the President will host Prime Minister Jane Roe of Ruritania "
        "at the White House.\n\nQ Thanks. Will they sign anything?\n\n"
        "SENIOR ADMINISTRATION OFFICIAL: The two leaders will sign a trade agreement next week.\n"
    )
    an = analyse_text(text, dt.date(2021, 9, 24))
    assert [(e.when.range.start, e.when.range.end) for e in an.events] == [
        (dt.date(2021, 9, 24), dt.date(2021, 9, 24)),
        (dt.date(2021, 9, 27), dt.date(2021, 10, 3)),
    ]
    assert an.events[0].what == "The President to host Prime Minister Jane Roe of Ruritania at the White House"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # The end of a year is its last days, as "late February" is the 20th on, however far ahead.
        ("The government will clear the asylum backlog by the end of 2023.", dt.date(2023, 12, 20), dt.date(2023, 12, 31)),
        ("The government will clear the asylum backlog by year end.", dt.date(2023, 12, 20), dt.date(2023, 12, 31)),
        # "late 2023", said before it, is its last third.
        ("The government will open the new embassy in late 2023.", dt.date(2023, 9, 1), dt.date(2023, 12, 31)),
    ],
)
def test_the_end_of_a_year_is_its_last_days(analyse_text, text, start, end):
    an = analyse_text(text, dt.date(2023, 2, 23))
    assert [(e.when.range.start, e.when.range.end) for e in an.events] == [(start, end)]


@pytest.mark.parametrize(
    "text",
    [
        # A date named as a thing, the object of a verb or what one is responsible for, dates no happening.
        "Hamas fighters fled into Gaza, vowing to commit October 7th again and again.",
        "Israel will always have the right to bring those responsible for October 7th to justice.",
    ],
)
def test_a_day_talked_about_is_no_event(analyse_text, text):
    assert analyse_text(text, dt.date(2024, 5, 31)).events == ()


def test_a_deadline_named_by_its_day_is_still_an_event(analyse_text):
    text = "We are in close consultation with Congress about the challenges that October 1 potentially poses."
    assert [e.when.text for e in analyse_text(text, dt.date(2023, 9, 25)).events] == ["October 1"]


def test_a_briefings_schedule_keeps_each_happening_of_the_day(analyse_text):
    # A briefer's week ahead, typed with curly apostrophes: "there’ll be" looks ahead as "there will be" does (the
    # weekday was the Thursday before), the morning's and the afternoon's meetings are two happenings, not one told
    # twice, and the President's taking questions from the media is no housekeeping of the call itself.
    text = (
        "On Thursday morning, NATO will hold a meeting with the EU. "
        "In the afternoon, also Thursday, there\u2019ll be a meeting of the NATO-Ukraine Council. "
        "After that, the President will hold a press conference and take questions from the media."
    )
    events = analyse_text(text, dt.date(2024, 7, 5)).events
    assert [(e.when.text, e.when.range.start.isoformat(), e.what) for e in events] == [
        ("Thursday morning", "2024-07-11", "NATO to hold meeting with the EU"),
        ("the afternoon", "2024-07-11", "meeting of the NATO-Ukraine Council to be held"),
        ("After that", "2024-07-11", "The President to hold press conference and take questions from the media"),
    ]


def test_a_live_blogs_older_entry_no_longer_tells_of_its_own_day(analyse_text):
    # The newest entry (12:50 p.m., on top) still looks ahead to the evening; the 7:45 a.m. entry's speech "Friday",
    # on the blog's own Friday, has been overtaken by the entries above it.
    text = (
        "The Latest on the presidential campaign (all times local):\n\n12:50 p.m.\n\n"
        "Hillary Clinton will hold a rally in Coral Springs, Florida, this evening.\n\n7:45 a.m.\n\n"
        "Hillary Clinton will give a speech on national service Friday in Port St. Lucie, Florida."
    )
    events = analyse_text(text, dt.date(2016, 9, 30)).events
    assert [(e.when.text, e.what) for e in events] == [("this evening", "Hillary Clinton to hold rally in Coral Springs")]


def test_two_happenings_sharing_only_a_light_verb_are_two_events(analyse_text):
    text = "Joe Biden will have the chance tomorrow to meet with President Zelenskyy. We will have a briefing tomorrow morning."
    events = analyse_text(text, dt.date(2023, 7, 11)).events
    assert [e.when.text for e in events] == ["tomorrow", "tomorrow morning"], [e.what for e in events]


def test_a_fronted_date_dates_the_plain_will_of_the_next_sentence(analyse_text):
    """The guidelines' "an event's date given in the previous sentence" (a NATO summit's background call, 2024-07-05):
    "Next week," opening one sentence dates the "will" of the next, which has no date of its own."""
    text = (
        "Next week, you’ll also see a strong demonstration of U.S. and Allied support for Ukraine. Allies will reaffirm"
        " that Ukraine’s future is in NATO; will make significant new announcements about how we’re increasing NATO’s"
        " military, political, and financial support for Ukraine."
    )
    an = analyse_text(text, dt.date(2024, 7, 5))
    dated = [(e.text[:6], e.when.text, e.when.range.start.isoformat()) for e in an.events]
    assert ("Allies", "Next week", "2024-07-08") in dated, dated


def test_a_past_fronted_date_dates_nothing_in_the_next_sentence(analyse_text):
    an = analyse_text("Last week, the ministers met in Brussels. They will meet again.", dt.date(2024, 7, 5))
    assert an.events == ()


def test_a_stretch_from_now_to_a_date_is_no_happening_on_that_date(analyse_text):
    """A press gaggle of 2021-06-13: what is done "between now and" a date happens all along, not then."""
    an = analyse_text("We’re going to try and make a real dent in it between now and 15 years from now.", dt.date(2021, 6, 13))
    assert an.events == ()


def test_a_reporter_stating_the_principals_own_plan_is_an_event(analyse_text):
    """A press conference of 2021-07-15: a reporter's turn is talk, but a statement (not a question) whose subject
    is "your" administration puts the principal's own plan to them; what the reporter says they said is not."""
    text = (
        "East Room\n\n5:16 P.M. EDT\n\nPRESIDENT BIDEN: Thank you all. Please have a seat.\n\nMs. Leonard of Bloomberg.\n\n"
        "Q Thank you, Mr. President. I have two questions for you, and then some for Chancellor Merkel as well. Your"
        " administration, tomorrow, is issuing a business advisory for Hong Kong. I was wondering if you can explain why"
        " you think that is necessary.\n\nQ You said roughly $50 billion is set to be cut in a year of waste, fraud, and"
        " abuse by unelected bureaucrats.\n\nPRESIDENT BIDEN: Well, look, we'll see.\n"
    )
    an = analyse_text(text, dt.date(2021, 7, 15))
    assert [(e.when.text, e.when.range.start) for e in an.events] == [("tomorrow", dt.date(2021, 7, 16))]
    assert "business advisory for Hong Kong" in an.events[0].what
