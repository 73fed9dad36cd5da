"""Undated next steps (issue 14, "Also ahead"): what is listed without a date, its certainty and its wording."""

from __future__ import annotations

import datetime as dt

from briefgen.model import Analysis


def undated(an: Analysis) -> list[tuple[str, str | None, object]]:
    return [(e.what, e.certainty, e.when) for e in an.undated_events]


def test_each_coordinated_step_is_listed_and_a_nouns_habit_is_not_the_steps(analyse_text):
    """ "will hold the first meeting ... and launch a new dialogue that will meet annually": two next steps of
    one sentence, each its own happening; "annually" is the dialogue's habit, not the launch's."""
    text = (
        "The three governments will also hold the first trilateral meeting of their finance ministers and launch a new "
        "energy dialogue that will meet annually."
    )
    an = analyse_text(text, dt.date(2023, 8, 18))
    assert an.events == ()
    assert undated(an) == [
        ("three governments to hold first trilateral meeting of their finance ministers", "expected", None),
        ("three governments to launch new energy dialogue", "expected", None),
    ]


def test_a_present_going_to_carries_a_happening_as_will_does(analyse_text):
    """ "is going to vote" is a next step as "will vote" is; not "was going to" (a plan told in the past), nor a
    "going to see" (no happening)."""
    text = (
        "The Senate is going to vote on the stopgap spending bill.\n\n"
        "The committee was going to hold a hearing on the nomination.\n\n"
        "The governor is going to see what the legislature does."
    )
    an = analyse_text(text, dt.date(2016, 9, 30))
    assert an.events == ()
    assert undated(an) == [("Senate to vote on the stopgap spending bill", "expected", None)]


def test_a_plan_told_in_the_past_of_a_happening_is_an_undated_next_step(analyse_text):
    """ "the union planned to bus in members to stage a protest": a plan told in the past, of a happening the article
    gives no date for, is still ahead (worded by the happening it serves); not a plan of no kind of happening
    ("planned to revitalize ticket sales"), one told as overtaken ("had planned to"), or a plan denied."""
    text = (
        "A spokeswoman said the union planned to bus in members from three states to stage a protest outside the statehouse.\n\n"
        "Mr. Roe planned to revitalize ticket sales at the museum.\n\n"
        "The union had planned to hold a rally in the square.\n\n"
        "The governor did not plan to hold a hearing on the bill."
    )
    an = analyse_text(text, dt.date(2016, 9, 26))
    assert an.events == ()
    assert undated(an) == [("union to stage protest outside the statehouse", "expected", None)]


def test_a_happening_begun_or_an_investigation_directed_is_a_next_step(analyse_text):
    """ "we'll begin negotiations" holds a happening as "hold a meeting" does, and an investigation someone was
    directed to conduct is a decided step, as one agreed on is; not "begin" of no happening, nor a denied direction."""
    text = (
        "The two leaders have agreed that Washington will begin negotiations with India on a trade agreement.\n\n"
        "The governor has directed the state police to conduct an investigation into the shooting.\n\n"
        "The two leaders have agreed that their governments will begin to cut tariffs.\n\n"
        "The governor has not directed anyone to conduct an inquiry."
    )
    an = analyse_text(text, dt.date(2025, 2, 13))
    assert an.events == ()
    assert undated(an) == [
        ("Washington to begin negotiations with India on a trade agreement", "expected", None),
        ("state police to conduct investigation into the shooting", "expected", None),
    ]


def test_a_plural_body_that_will_do_a_kind_of_happening_is_a_next_step(analyse_text):
    """ "Allies will adopt a new force model": a plural body doing a kind of happening with a bare "will" is a next
    step, as a named one is; not a habit that opens a run of such clauses ("At least annually, foreign ministers will
    meet ...; defense ministers will meet ..."), nor a plural doing no kind of happening ("Prices will rise")."""
    text = (
        "Among other things, Allies will adopt a new force model at the summit.\n\n"
        "At least annually, foreign ministers will meet with their counterparts; defense ministers will meet with "
        "their counterparts; and trade ministers will meet with theirs.\n\n"
        "Prices will rise."
    )
    an = analyse_text(text, dt.date(2023, 7, 11))
    assert an.events == ()
    assert undated(an) == [("Allies to adopt new force model at the summit", "expected", None)]


def test_a_happening_a_relative_clause_says_will_come_is_a_next_step(analyse_text):
    """ "the communiqué that will be released": a relative clause telling that its noun's happening will come is a next
    step, the noun's; not one that came ("the report that was released"), nor one denied ("a vote that will never be
    held")."""
    text = (
        "In the communiqué that will be released, there will be a strong commitment to collective defense.\n\n"
        "The report that was released in the spring found no wrongdoing.\n\n"
        "Critics mocked a vote that will never be held."
    )
    an = analyse_text(text, dt.date(2021, 6, 13))
    assert an.events == ()
    assert undated(an) == [("communiqué to be released", "expected", None)]
