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


def test_a_step_coordinated_with_an_agreed_one_is_agreed_too(analyse_text):
    """ "Allies will agree to increase defense spending and adopt a new Defense Investment Pledge" (a 2023-07-11
    Vilnius briefing): the adopting is agreed as the increasing is, and names a kind of happening."""
    text = "Allies will agree to increase defense spending and adopt a new Defense Investment Pledge."
    an = analyse_text(text, dt.date(2023, 7, 11))
    assert an.events == ()
    assert [w for w, _, _ in undated(an)] == ["allies to adopt new Defense Investment Pledge"]


def test_a_step_dated_on_the_verb_above_it_is_not_listed_again_undated(analyse_text):
    """ "On Wednesday, Mohamed and his father are to travel to the United Nations" (Wikinews, 2015-09-22): the date
    hangs on "are", the travel's is-to; the trip is the one dated "tomorrow" before, kept once there, and not listed
    a second time without a date."""
    text = (
        "Yesterday Mohamed received VIP attention at Google headquarters \u2014 and tomorrow he plans to meet "
        "international dignitaries at the United Nations headquarters in New York. On Wednesday, Mohamed and his "
        "father are to travel to the United Nations."
    )
    an = analyse_text(text, dt.date(2015, 9, 22))
    assert [e.when.text for e in an.events] == ["tomorrow"]
    assert undated(an) == []


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


def test_a_step_said_to_come_shortly_is_a_next_step_whatever_its_verb(analyse_text):
    """ "soon", "in the coming weeks", "in the near future" put a step just ahead: what someone "will" or "is going
    to" do then is a next step even when its verb names no listed kind ("will soon open", "is going to make ...
    available", "will be relocating"; a future progressive with no object keeps its aspect, "to be flying"); not "as soon as possible" (a wish), "in recent weeks" (behind), what "will
    continue", a bare "will be coming soon" (no step to write down) or a past "has promised ... over the past days"."""
    text = (
        "In the coming weeks, the Treasury is going to make an additional $2 billion available to the World Bank.\n\n"
        "The National Museum will soon be relocating its archive to a new building in Leeds.\n\n"
        "The Mars probe will soon be flying past Jupiter.\n\n"
        "The government said it would love to have the rules changed as soon as possible.\n\n"
        "In recent weeks, Senator Jane Roe has campaigned across Ohio.\n\n"
        "The drought will continue in the coming weeks.\n\n"
        "Mr. Doe will be coming soon, though.\n\n"
        "Over the past few days, the governor has promised a veto."
    )
    an = analyse_text(text, dt.date(2024, 5, 23))
    assert an.events == ()
    assert undated(an) == [
        ("Treasury to make an additional $2 billion available to the World Bank", "expected", None),
        ("National Museum to relocate its archive to a new building in Leeds", "expected", None),
        ("Mars probe to be flying past Jupiter", "expected", None),
    ]


def test_a_step_looked_forward_to_shortly_is_a_next_step(analyse_text):
    """ "I look forward to signing the bill soon": a step the speaker looks forward to, timed just ahead, is announced,
    worded with the one who looks forward; not one looked forward to with no time (a hope), nor one not looked forward to."""
    text = (
        "Governor Jane Roe said: \u201cI am grateful to the legislature.\u201d\n\n"
        "Governor Jane Roe looks forward to signing the water bill into law in the near future.\n\n"
        "Governor Jane Roe looks forward to visiting every county.\n\n"
        "Mayor John Doe does not look forward to meeting the council soon."
    )
    an = analyse_text(text, dt.date(2024, 5, 23))
    assert an.events == ()
    assert undated(an) == [("Jane Roe to sign water bill into law", "expected", None)]


def test_an_investigation_someone_will_conduct_is_a_next_step(analyse_text):
    """ "will investigate the incident" names a happening as "will conduct an investigation" does; not a bare "will
    investigate" with nothing investigated."""
    text = (
        "The Department of Transport will investigate the collapse of the bridge.\n\n"
        "Asked about the claims, the agency said the police will investigate."
    )
    an = analyse_text(text, dt.date(2024, 2, 29))
    assert undated(an) == [("Department of Transport to investigate collapse of the bridge", "expected", None)]


def test_a_step_worked_on_now_with_a_named_partner_is_a_next_step(analyse_text):
    """ "is working with Congress to pass the bill": a step under way with someone named to take it with is a next
    step, its verb whatever it is, and a causative's clause is worded whole ("to make Kenya the first country in
    Africa to receive funding", without the relative clause after it); not one worked on alone ("working to advance
    a shared agenda", an aim), nor one told in the past ("was working with the Senate to ...")."""
    text = (
        "Governor Jane Roe is working with the Senate to make Ohio the first state to receive the new grants, which "
        "have served other states well.\n\n"
        "Mayor John Doe is working to advance a shared agenda.\n\n"
        "Senator Mary Major was working with the House to pass the farm bill."
    )
    an = analyse_text(text, dt.date(2024, 5, 23))
    assert an.events == ()
    assert undated(an) == [("Jane Roe to make Ohio the first state to receive the new grants", "expected", None)]


def test_a_happening_named_by_a_noun_said_to_be_still_to_come_is_a_next_step(analyse_text):
    """ "the upcoming election", "ahead of the presidential election" in a present clause (PolNeAR): a single happening
    the noun alone says is still to come, worded as held, whatever the tense of the clause naming it; not a plural
    series ("the upcoming presidential debates and beyond"), nor "ahead of" it in a past clause."""
    text = (
        "Several judges handling federal Freedom of Information Act lawsuits seeking information about Hillary "
        "Clinton's tenure as secretary of state have cited the upcoming election as a reason to speed release of "
        "records held by the State Department.\n\n"
        "Retired U.S. Air Force Gen. Norman Ham is speaking out ahead of the presidential election about the serious "
        "problems he has with the current commander in chief.\n\n"
        "Bernie Sanders offered some pointed advice to Hillary Clinton on Friday in the upcoming presidential debates "
        "and beyond.\n\n"
        "The governor spoke ahead of the referendum."
    )
    an = analyse_text(text, dt.date(2016, 9, 22))
    assert an.events == ()
    assert undated(an) == [("election to be held", "scheduled", None)]
    ahead = analyse_text(text.split("\n\n")[1], dt.date(2016, 9, 15))
    assert undated(ahead) == [("presidential election to be held", "scheduled", None)]


def test_a_foretold_happening_of_a_kind_already_listed_is_a_re_mention(analyse_text):
    """ "the upcoming debate" after the debate the article dates is that debate again, not a second happening."""
    text = (
        "Donald Trump will debate Hillary Clinton on Monday at Hofstra University.\n\n"
        "Clinton aides have been preparing for weeks for the upcoming debate."
    )
    an = analyse_text(text, dt.date(2016, 9, 23))
    assert [e.what for e in an.events] == ["Donald Trump to debate Hillary Clinton at Hofstra University"]
    assert undated(an) == []


def test_a_happening_a_relative_clause_tells_of_ahead_is_a_next_step(analyse_text):
    """ "the vote that you will see on this substantial aid package" (a White House call): a relative clause with a
    "will" of its own says the happening it describes is still to come; not one denied ("a vote that will not take
    place")."""
    an = analyse_text("I think the vote that you will see on this substantial aid package demonstrates that.", dt.date(2022, 12, 21))
    assert an.events == ()
    assert undated(an) == [("vote to be held", "scheduled", None)]
    assert undated(analyse_text("The speaker said it was a vote that will not take place.", dt.date(2022, 12, 21))) == []


def test_a_relative_clause_that_will_do_a_kind_of_happening_tells_of_its_noun_whatever_its_article(analyse_text):
    """ "I signed an order that will designate the cartels as ..." (a White House speech): the clause makes "an
    order" the one thing it tells of, as "the communiqué that will be released" is; a habit stays out."""
    text = "I signed an order that will designate the cartels as \u201cforeign terrorist organizations.\u201d"
    an = analyse_text(text, dt.date(2025, 1, 25))
    assert an.events == ()
    assert undated(an) == [("order to designate cartels as foreign terrorist organizations", "expected", None)]


def test_a_happening_coordinated_with_a_step_decided_on_is_decided_too(analyse_text):
    """ "Allies will agree to increase defense spending and adopt a new Defense Investment Pledge" (a NATO briefing):
    the infinitive coordinated with the one agreed on shares the deciding, and a plural body's deciding still to come
    is a step as its "will" is; not a clause of its own coordinated after it ("and that we would release ..."), nor a
    bare plural's deciding told in the past."""
    an = analyse_text("Allies will agree to increase defense spending and adopt a new Defense Investment Pledge.", dt.date(2023, 7, 11))
    assert an.events == ()
    assert undated(an) == [("allies to adopt new Defense Investment Pledge", "expected", None)]
    past = analyse_text("Allies agreed to increase defense spending and adopt a new Defense Investment Pledge.", dt.date(2023, 7, 11))
    assert undated(past) == []


def test_a_happening_a_reported_decision_says_would_come_is_a_next_step(analyse_text):
    """ "The Leaders decided that their governments would initiate an annual ... Dialogue" (a Camp David fact sheet):
    the "would" of a decision reported is its step still to come, as "he said he would" is; initiating a dialogue
    holds a happening as beginning one does. Not a "would" of no one's decision ("their governments would initiate a
    dialogue if asked"), nor a decision denied."""
    text = (
        "The Leaders decided that their governments would initiate an annual Assistant Secretary-led Indo-Pacific "
        "Dialogue focused on coordinating implementation of their respective Indo-Pacific approaches."
    )
    an = analyse_text(text, dt.date(2023, 8, 18))
    assert an.events == ()
    assert undated(an) == [("their governments to initiate annual Assistant Secretary-led Indo-Pacific Dialogue", "expected", None)]
    hypothetical = "The Leaders said that their governments would initiate a trilateral dialogue if they were asked."
    assert undated(analyse_text(hypothetical, dt.date(2023, 8, 18))) == []
    denied = "The Leaders did not decide that their governments would initiate a trilateral dialogue."
    assert undated(analyse_text(denied, dt.date(2023, 8, 18))) == []


def test_a_step_someone_announced_is_a_next_step_whatever_its_verb(analyse_text):
    """ "the White House announced that the United States would end a long-standing national emergency against Burma"
    (PolNeAR): officially announced, a step is arranged whatever its verb; not one whose doer the announcement does
    not name ("announced that we would be opening new embassies", a White House call), nor an announcement denied."""
    text = (
        "After her meeting with Obama, the White House announced that the United States would end a long-standing "
        "national emergency against Burma."
    )
    an = analyse_text(text, dt.date(2016, 9, 16))
    assert an.events == ()
    assert undated(an) == [("United States to end long-standing national emergency against Burma", "scheduled", None)]
    unnamed = "You'll recall that it was not very long ago that the United States announced that we would be opening new embassies."
    assert undated(analyse_text(unnamed, dt.date(2023, 9, 25))) == []
    denied = "The White House did not announce that the United States would end the national emergency against Burma."
    assert undated(analyse_text(denied, dt.date(2016, 9, 16))) == []


def test_what_is_forthcoming_is_a_next_step_to_be_released(analyse_text):
    """ "in line with its forthcoming concessionality framework" (a Camp David joint statement): what is forthcoming
    is about to be released, whatever it is; the adjective's other sense ("the FBI was not being forthcoming") is no
    noun's."""
    text = (
        "The Leaders committed to explore delivering new World Bank Group concessional resources and headroom to fight "
        "poverty by addressing global challenges in line with its forthcoming concessionality framework and enhancing "
        "resources for the poorest countries.\n\n"
        "Republicans had called the hearing because they felt the FBI was not being forthcoming in their request."
    )
    an = analyse_text(text, dt.date(2023, 8, 18))
    assert an.events == ()
    assert undated(an) == [("its concessionality framework to be released", "expected", None)]


def test_a_happening_days_before_which_something_comes_now_is_still_to_come(analyse_text):
    """ "This latest email flare-up comes at an inopportune time for Clinton, just days before her first debate against
    Donald Trump" (PolNeAR): days "before" a happening, in a present clause, put it still to come (worded with the
    person "her" stands for); not in a past one ("was escorted off the premises ..., hours before the first debate")."""
    text = (
        "The revelation that several Hillary Clinton staffers received partial immunity in the FBI email probe set off "
        "another round of partisan fireworks.\n\n"
        "This latest email flare-up comes at an inopportune time for Clinton, just days before her first debate against "
        "Donald Trump."
    )
    an = analyse_text(text, dt.date(2016, 9, 23))
    assert an.events == ()
    # "her" worded as the person it stands for, and who the debate is against kept
    assert undated(an) == [("Hillary Clinton's first debate against Donald Trump to be held", "scheduled", None)]
    past = "Green Party presidential candidate Jill Stein was escorted off the premises, hours before the first debate."
    assert undated(analyse_text(past, dt.date(2016, 9, 26))) == []


def test_a_present_plans_the_tagger_read_as_a_noun_is_a_plan(analyse_text):
    """ "The Clinton campaign plans to employ Mr. Obama ... in the coming weeks" (PolNeAR): in its article the model
    tags "plans" a plural noun with "campaign" its compound, but gives it an infinitive complement and makes it the
    root, as only a verb is: a present plan, its compound the one who plans; a noun's own infinitive ("his plans to
    cut taxes") stays a noun's."""
    plans = (
        "The Clinton campaign plans to employ Mr. Obama and the first lady, Michelle Obama, as much as possible in "
        "the coming weeks, making particular use of the couple in Florida, Ohio and North Carolina."
    )
    before = (
        "She spoke about her deep ties to black churches while at the National Baptist Convention in Kansas City, Mo.; "
        "she called into Tom Joyner's radio program when she was home sick with pneumonia; and, this past week, she "
        "addressed the Black Women's Agenda Symposium.\n\n"
    )
    # alone, the model gives "plans" "campaign" as its subject; after the sentence before it, as its compound
    for text in (plans, before + plans):
        an = analyse_text(text, dt.date(2016, 9, 19))
        assert an.events == ()
        assert undated(an) == [("Clinton campaign to employ Mr. Obama", "expected", None)]
    assert (
        undated(
            analyse_text("Police have said they have no immediate plans to release two recordings of the shooting.", dt.date(2016, 9, 25))
        )
        == []
    )


def test_a_happening_someone_looks_forward_to_now_goes_ahead(analyse_text):
    """ "So, we are looking forward to this deployment" (President Ruto, the 2024-05-23 White House press conference):
    the deployment of the Kenyan-led mission is a next step, worded as going ahead (a deployment is not "held"); looked
    forward to in the past, or not, it is none."""
    said = (
        "So, we are looking forward to this deployment because we believe that the women and children in Haiti deserve "
        "peace, like all other women and children and people around the world."
    )
    an = analyse_text(said, dt.date(2024, 5, 23))
    assert an.events == ()
    assert undated(an) == [("deployment to go ahead", "expected", None)]
    for told in (said.replace("we are looking", "we were looking"), said.replace("are looking", "are not looking")):
        assert undated(analyse_text(told, dt.date(2024, 5, 23))) == []
