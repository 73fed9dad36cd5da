"""The wording of upcoming events: actor, the happening's own verb or noun, and what it takes, as an analyst writes it."""

from __future__ import annotations

import datetime as dt

import pytest

DAY = dt.date(2016, 9, 20)  # a Tuesday


def whats(analyse_text, text: str) -> list[str]:
    an = analyse_text(text, DAY)
    return [e.what for e in an.events + an.undated_events]


@pytest.mark.parametrize(
    ("text", "what"),
    [
        # The object is not all: where, with whom and at what the happening takes place, without the date.
        (
            "Republicans say they have several questions for FBI director James Comey at a hearing next week.",
            "Republicans to have several questions for FBI director James Comey at a hearing",
        ),
        # A verb with the same subject coordinated with the first is part of the plan.
        (
            "Jill Stein plans to join her supporters at the rally on Monday and live stream her response to the debate on social media.",
            "Jill Stein to join her supporters at the rally and live stream her response to the debate on social media",
        ),
        # A light or aspectual verb runs on into the happening: "have the chance to meet", "start by meeting".
        (
            "Governor Jane Roe will have the chance tomorrow to meet with President Zelenskyy.",
            "Jane Roe to have chance to meet with President Zelenskyy",
        ),
        (
            "Governor Jane Roe will start on Thursday by meeting with the Lithuanian President.",
            "Jane Roe to start by meeting with the Lithuanian President",
        ),
        # A trip is a happening of its own, not only the verb of purpose after it.
        ("On Thursday, Joe Biden will travel to continue promoting his agenda.", "Joe Biden to travel to continue promoting his agenda"),
    ],
)
def test_what_says_the_happening_with_what_it_takes(analyse_text, text, what):
    assert whats(analyse_text, text) == [what]


def test_a_participle_that_only_dates_its_clause_leaves_the_clause_to_say_what(analyse_text):
    """ "beginning in January 2017" dates the getting rid; the "it" the company announcing it said."""
    text = "Wells Fargo announced on Tuesday that it would get rid of the sales incentives, beginning in January 2017."
    assert whats(analyse_text, text) == ["Wells Fargo to be rid of the sales incentives"]


def test_a_date_read_onto_the_object_dates_what_is_done_with_it(analyse_text):
    text = "The Tax Policy Center plans to release its analysis of the revised plan next week."
    assert whats(analyse_text, text) == ["Tax Policy Center to release its analysis of the revised plan"]


def test_a_dated_frame_before_the_verb_names_the_happening(analyse_text):
    """ "During Tuesday's arguments": the arguments are what the clause is part of, without their day."""
    text = "During Tuesday's arguments, the opponents will face off in court against the EPA."
    assert whats(analyse_text, text) == ["opponents to face off in court against the EPA during arguments"]


def test_a_passive_with_no_one_named_to_undergo_it_is_done_by_its_agent(analyse_text):
    """ "we will be joined by ...": with the "we" unresolved, the one who joins is the actor."""
    assert whats(analyse_text, "On Friday, we will be joined by Prime Minister Jane Roe of Ruritania.") == ["Jane Roe to join"]


def test_a_clause_in_place_of_a_fragment_opens_with_its_action(analyse_text):
    """Neither the modal of "we'll" nor a preposition whose date is taken out opens the what."""
    text = "On Friday, we\u2019ll hold a business roundtable that will feature Secretary Janet Yellen."
    assert whats(analyse_text, text) == ["hold a business roundtable that will feature Secretary Janet Yellen"]


@pytest.mark.parametrize(
    ("text", "what"),
    [
        (
            "On Friday, Joe Biden will host a training programme for mid-career officials from Japan, Korea and the Philippines.",
            "Joe Biden to host training programme for mid-career officials from Japan, Korea and the Philippines",
        ),
        ("Joe Biden will host the first U.S.-Japan-Philippines summit on Friday.", "Joe Biden to host first U.S.-Japan-Philippines summit"),
    ],
)
def test_words_keep_their_hyphens_and_a_list_of_names_its_commas(analyse_text, text, what):
    assert whats(analyse_text, text) == [what]


@pytest.mark.parametrize(
    ("text", "what"),
    [
        # The subject the text is about, not the last name it gave: Biden is named after Suu Kyi, as her host.
        (
            (
                "Aung San Suu Kyi had breakfast with Vice President Joe Biden before visiting the Oval Office. "
                "She will visit Capitol Hill on Thursday."
            ),
            "Aung San Suu Kyi to visit Capitol Hill",
        ),
        # A name spoken to is nobody's antecedent; an office whose holder goes unnamed keeps its article.
        (
            "Go ahead, Jeff.\n\nMS. PSAKI: The President had his first test yesterday. He will have his second test tomorrow.",
            "The President to have his second test",
        ),
        # Lines where "he" goes on are looked through, and the other person one of them names is someone else.
        (
            (
                "The President has not made a decision yet.\n\nQ Okay. Would he meet Governor Jane Roe? Would he call Senator "
                "Pat Smith?\n\nMS. PSAKI: He will travel to Ohio on Friday."
            ),
            "The President to travel to Ohio",
        ),
    ],
)
def test_he_or_she_is_the_person_the_text_is_about(analyse_text, text, what):
    assert whats(analyse_text, text) == [what]


def test_a_relative_clause_does_what_it_says_to_the_noun_it_describes(analyse_text):
    # "that" stands for the object (read as a marker or as a pronoun, the noun is what is released or published); a
    # scheduled relative clause on "no confidence" is the vote's; "the case that ... will be with us" has no object,
    # and is no event at all since the seventh #14 round (presence with the speaker, not a happening).
    text = (
        "I will give you some highlights of the deliverables list that we\u2019ll be releasing on Monday. "
        "The prime minister is staying home because there is a vote of no confidence that is scheduled for next week. "
        "It is also the case that other members of the delegation will be with us in Baltimore on Friday."
    )
    assert sorted(whats(analyse_text, text)) == [
        "to release highlights of the deliverables list",
        "vote of no confidence to take place",
    ]
