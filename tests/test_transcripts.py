"""Transcripts read as turns, and key facts, key points and summaries of substance on every corpus and example text."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from briefgen.extract.facts import disfluent, elliptical, own_stance, talk_kind
from briefgen.extract.transcripts import turn_finder
from briefgen.inputs.readers import read_inputs
from briefgen.model import Analysis
from briefgen.outputs.json import brief_to_dict
from briefgen.run.assemble import assemble
from briefgen.run.pipeline import analyse_all
from briefgen.settings import Options

from .conftest import SHARED

CORPUS = SHARED / "corpus"
TRANSCRIPTS = CORPUS / "transcripts"

# The check's own detectors, simpler than briefgen's filters and written apart from them.
QUESTION = re.compile(r"\?[\"'\u201d\u2019)]*\s*$")
GREETING = re.compile(
    r"^(?:(?:and|so|well|okay|now)[,\s]+)*(?:good (?:morning|afternoon|evening)|hello|hi\b|hey\b|welcome\b|thank you|"
    r"thanks(?! to)|(?:please,? )?(?:be seated|have a seat|sit down))|\b(?:want|like|wanted) to thank\b|"
    r"\b(?:excited|glad|happy|honou?red) to (?:have you|be here|see you|welcome)",
    re.IGNORECASE,
)
HOUSEKEEPING = re.compile(
    r"\b(?:go ahead|next question|turn it over|hand it over|embargoed|embargo until|ground rules|for your awareness|"
    r"not for your reporting|take (?:a few|some|your) questions)\b|^here(?:'s|\u2019s| is| are)\b|:\s*$",
    re.IGNORECASE,
)
FIRST_PERSON = re.compile(r"\b(?:I(?=[\u2019'](?:m|ll|ve|d)\b| [a-z])|[Ww]e|me|us)\b")
QUOTED = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d")


def _talk(text: str) -> str | None:
    text = text.strip()
    for name, pattern in (("question", QUESTION), ("greeting", GREETING), ("housekeeping", HOUSEKEEPING)):
        if pattern.search(text):
            return name
    return None


@pytest.fixture(scope="session")
def corpus_analyses(example_analyses) -> dict[str, Analysis]:
    """Every text of ../shared/corpus (transcripts included) and examples/, each parsed once in the session: the
    corpus articles that examples/ also holds are the example analyses."""
    by_text = {an.article.text: an for an in example_analyses.values()}
    articles = read_inputs([str(CORPUS)])
    todo = [a for a in articles if a.text not in by_text]
    done = {an.article.origin: an for an in analyse_all(todo, Options(), dt.date(2025, 12, 31), None)}
    out = {Path(a.origin).name: by_text.get(a.text) or done[a.origin] for a in articles}
    out.update({Path(an.article.origin).name: an for an in example_analyses.values()})
    return out


def _of(corpus_analyses: dict[str, Analysis], stem: str) -> Analysis:
    return next(an for name, an in corpus_analyses.items() if stem in name)


def test_the_corpus_check_covers_every_file(corpus_analyses):
    names = {p.name for p in CORPUS.rglob("*.txt")}
    assert len(names) >= 60
    assert names <= set(corpus_analyses)


def test_no_question_greeting_or_housekeeping_among_facts_key_points_or_summaries(corpus_analyses):
    """Summaries (the executive Issue line is the first), facts, key facts and key points of every text, alone and
    in one digest: zero questions, greetings, thanks or housekeeping; zero first-person facts without a speaker."""
    found = []
    analyses = list(corpus_analyses.values())
    briefs = [assemble([an], dt.date(2025, 12, 31)) for an in analyses]
    briefs.append(assemble(analyses, dt.date(2025, 12, 31), kind="digest"))
    for brief in briefs:
        sentences = [s for an in brief.analyses for s in an.summary] + [s for st in brief.stories for _, s in st.summary]
        facts = [*brief.key_facts, *(f for an in brief.analyses for f in an.facts), *(f for st in brief.stories for f in st.facts)]
        for item in [*sentences, *facts]:
            kind = _talk(item.text)
            if kind:
                found.append((kind, item.text))
        for f in facts:
            if f.speaker is None and FIRST_PERSON.search(QUOTED.sub("", f.text)):
                found.append(("first person, no speaker", f.text))
    assert not found, found[:10]


def test_turns_and_their_speakers(corpus_analyses):
    gaggle = _of(corpus_analyses, "press-gaggle-psaki-sullivan")
    assert gaggle.genre == "transcript"
    speakers = {t.label: t.speaker for t in gaggle.transcript.turns}
    assert speakers["MS. PSAKI"] == "Jen Psaki"
    assert speakers["MR. SULLIVAN"] == "Jake Sullivan"
    assert speakers["Q"] == "a reporter"
    call = _of(corpus_analyses, "background-call-quad-summit")
    roles = {t.label: (t.speaker, t.role, t.actor_id) for t in call.transcript.turns}
    assert roles["SENIOR ADMINISTRATION OFFICIAL"] == ("a senior administration official", "principal", None)
    assert roles["MODERATOR"][1] == "moderator"
    speech = _of(corpus_analyses, "remarks-biden-afghanistan")
    assert {t.speaker for t in speech.transcript.turns} == {"Joe Biden"} or all(
        t.speaker.endswith("Biden") for t in speech.transcript.turns
    )
    modi = _of(corpus_analyses, "press-conference-trump-modi")
    by_label = {t.label: t.speaker for t in modi.transcript.turns}
    assert by_label["PRIME MINISTER MODI"].endswith("Modi") and by_label["PRESIDENT TRUMP"].endswith("Trump")
    # Each turn's words start after its label and end before the next label.
    text = gaggle.article.text
    for turn in gaggle.transcript.turns:
        assert text[turn.label_span[0] : turn.label_span[1]] == turn.label
        assert not re.match(r"[A-Z. ]+:", text[turn.start : turn.end])


def test_articles_are_not_transcripts_and_transcripts_are(corpus_analyses):
    for name, an in corpus_analyses.items():
        labelled = "transcripts" in an.article.origin or any(s in name for s in ("press-gaggle", "remarks-before"))
        assert an.genre == ("transcript" if labelled else "article"), name


def test_stage_directions_are_not_content(corpus_analyses):
    for an in corpus_analyses.values():
        items = [*an.summary, *an.facts, *(q for q in an.quotes if q.cue is None and q.confidence == 1.0)]
        for item in items:
            assert not re.search(r"\((?:Applause|Laughter|Cross-talk)\.\)|^END\b|\b[AP]\.M\. E[SD]T$", item.text), item.text


def test_quotes_from_turns_name_the_principals_and_never_quote_a_question(corpus_analyses):
    ruto = _of(corpus_analyses, "press-conference-biden-ruto")
    turn_at = turn_finder(ruto.transcript.turns)
    top = ruto.quotes[:5]
    assert top and all(q.direct and q.speaker for q in top)
    assert {q.speaker.split()[-1] for q in top} <= {"Biden", "Ruto"}
    for an in corpus_analyses.values():
        if an.transcript is None:
            continue
        turn_at = turn_finder(an.transcript.turns)
        for q in an.quotes:
            turn = turn_at(q.start)
            if turn is not None and turn.role == "reporter":
                assert q.speaker is None or q.cue is not None, (an.article.id, q.text, q.speaker)
            if q.confidence == 1.0 and q.cue is None:  # taken from a turn
                assert turn is not None and turn.role == "principal" and q.speaker == turn.speaker
                assert not QUESTION.search(q.text)


def test_transcript_facts_carry_their_turn_speaker(corpus_analyses):
    briefing = _of(corpus_analyses, "press-briefing-jean-pierre-macron")
    assert briefing.facts
    assert all(f.speaker == "Karine Jean-Pierre" or f.speaker for f in briefing.facts)
    assert any(f.speaker == "Karine Jean-Pierre" for f in briefing.facts)


def test_events_of_a_briefing(corpus_analyses):
    """The state visit Karine Jean-Pierre announces is an upcoming event on its day."""
    briefing = _of(corpus_analyses, "press-briefing-jean-pierre-macron")
    visits = [e for e in briefing.events if e.when.range.start == dt.date(2022, 12, 1)]
    assert visits and any("visit" in e.what.lower() or "host" in e.what.lower() for e in visits)


def test_days_joined_by_one_preposition_are_one_event_of_the_president(corpus_analyses):
    """ "On Tuesday and Wednesday, the President will participate in events at the White House": one event over both
    days, the President's (Biden, whom the briefing named last), not two events or a bare title."""
    briefing = _of(corpus_analyses, "press-briefing-psaki-russia-ukraine")
    names = {a.id: a.name for a in briefing.actors}
    tuesday = [e for e in briefing.events if dt.date(2022, 2, 8) <= e.when.range.end and e.when.range.start <= dt.date(2022, 2, 9)]
    assert len(tuesday) == 1, [(e.when.text, e.what) for e in tuesday]
    event = tuesday[0]
    assert (event.when.range.start, event.when.range.end) == (dt.date(2022, 2, 8), dt.date(2022, 2, 9))
    assert event.when.text == "Tuesday and Wednesday"
    assert event.what.startswith("President Biden to participate in events"), event.what
    assert "Biden" in [names[i] for i in event.actor_ids]


def test_the_office_names_its_holder_named_last(analyse_text):
    """ "The President" is the president the text named last before it, never a Vice President; "between Monday and
    Wednesday" and "on March 7 and 8" are one event each."""
    an = analyse_text(
        "Vice President Kamala Harris met President Joe Biden on Monday. Between Monday and Wednesday, "
        "the President will visit three cities. On June 17 and 18, the Vice President will host a summit.",
        dt.date(2020, 6, 12),
    )
    got = [(e.when.range.start, e.when.range.end, e.what) for e in an.events]
    assert got == [
        (dt.date(2020, 6, 15), dt.date(2020, 6, 17), "President Joe Biden to visit three cities"),
        (dt.date(2020, 6, 17), dt.date(2020, 6, 18), "Vice President Kamala Harris to host summit"),
    ], got


def test_days_told_by_the_event_before_them(corpus_analyses):
    """ "And that evening, Secretary Blinken will host a dinner", "Later that day, members of Congress will host ...":
    the day of the event told just before (Monday, September 25), in the Pacific Islands summit's background call."""
    call = _of(corpus_analyses, "background-call-pacific-islands-summit")
    that_day = [
        (e.when.text, e.when.range.start, e.when.range.end, e.what)
        for e in call.events
        if e.when.text.lower().endswith(("that evening", "that day"))
    ]
    assert {w[0] for w in that_day} >= {"that evening", "Later that day"}, [(e.when.text, e.what) for e in call.events]
    assert all(a == b == dt.date(2023, 9, 25) for _, a, b, _ in that_day), that_day
    assert any(text == "that evening" and "host dinner at the State Department" in what for text, _, _, what in that_day), that_day
    assert any(
        text == "Later that day" and what.startswith("members of Congress to host Pacific Island leaders") for text, _, _, what in that_day
    ), that_day


def test_claims_carry_who_states_them(corpus_analyses):
    korea = _of(corpus_analyses, "north-korea-puts-military")
    claims = [f for f in korea.facts if f.speaker]
    assert claims, [f.text for f in korea.facts]


def test_json_says_genre_and_fact_speakers(corpus_analyses, validate):
    analyses = [_of(corpus_analyses, "press-gaggle-psaki-sullivan"), _of(corpus_analyses, "china-human-rights")]
    obj = validate(brief_to_dict(assemble(analyses, dt.date(2025, 12, 31), kind="digest")))
    assert [a["genre"] for a in obj["articles"]] == ["transcript", "article"]
    facts = obj["articles"][0]["facts"]
    assert facts and all(f["speaker"] in ("Jen Psaki", "Jake Sullivan") for f in facts)
    quotes = obj["articles"][0]["quotes"]
    assert quotes[0]["speaker"] in ("Jen Psaki", "Jake Sullivan") and quotes[0]["direct"] is True


def test_filters_on_news_sentences(analyse_text):
    text = (
        "Talks in Cairo ended on Friday without a deal on the 42-day truce, officials said.\n\n"
        "Do you expect a ceasefire by Monday, sir?\n\n"
        "And now I would like to thank Joe for your kind invitation to the summit in Berlin.\n\n"
        "I will have a call with Minister Milling on Tuesday about the 300 million euro package.\n\n"
        "Here are the takeaways:\n\n"
        "North Korea's state news agency said 1,000 troops had been moved to the border on Thursday.\n\n"
        "The European Union approved a 5 billion euro aid package for Egypt on Thursday.\n\n"
        "The European Union approved a 5 billion euro aid package for Egypt on Thursday, diplomats said.\n\n"
        "The ministers will meet again in Brussels on June 20 to sign the 12-point accord."
    )
    an = analyse_text(text)
    said = [s.text for s in an.summary] + [f.text for f in an.facts]
    assert not any("?" in s or "thank" in s or "takeaways" in s or s.startswith("I will") for s in said), said
    agency = [f for f in an.facts if f.text.startswith("North Korea")]
    assert not agency or agency[0].speaker == "North Korea's state news agency"
    union = [s for s in said if s.startswith("The European Union approved")]
    assert len(union) == 1, said


def test_the_note_shows_who_states_a_fact(corpus_analyses):
    from briefgen.present.audiences import audience_dirs, load_audience
    from briefgen.present.render import Look, render_html, render_markdown

    brief = assemble([_of(corpus_analyses, "press-gaggle-psaki-sullivan")], dt.date(2025, 12, 31))
    speaker = brief.key_facts[0].speaker
    assert speaker in ("Jen Psaki", "Jake Sullivan")
    html = render_html(brief)
    facts_html = html[html.index('id="key-facts"') :]
    assert f'<span class="said-by">({speaker})</span>' in facts_html[: facts_html.index("</section>")]
    assert f"- {brief.key_facts[0].text} ({speaker})\n- " in render_markdown(brief)  # one fact a line
    executive = render_html(brief, Look(load_audience("executive", audience_dirs())))
    assert '<span class="said-by">(' in executive[executive.index('id="key-points"') :]
    issue = executive[executive.index('id="issue"') :]
    assert not QUESTION.search(re.sub(r"<[^>]+>", "", issue[: issue.index("</section>")]).strip())


# Speech as spoken, by the check's own simpler detectors: a word said again across a dash, a word cut off before a
# dash, a filler set off by commas, a gap the transcriber could not hear; a speaker's own view ("I think ...").
STAMMER = re.compile(
    r"\b(\w+) [\u2014\u2013] \1\b|\b[A-Za-z]+- [\u2014\u2013]|(?:^|, )you know,|\((?:inaudible|crosstalk)\)", re.IGNORECASE
)
OWN_VIEW = re.compile(r"^(?:(?:And|So|But|Well|No|Yes),? )*(?:I|We) (?:just )?(?:think|believe|mean|guess|mentioned)\b")


def test_key_facts_are_statements_not_stammers_or_views(corpus_analyses):
    """A key fact is forwarded as it stands: none of the transcripts' facts stammers, fills, has an unheard gap or
    is the speaker's own view or pointer back; the transcripts still give facts."""
    facts = [f for name, an in corpus_analyses.items() if an.transcript is not None for f in an.facts]
    assert len(facts) >= 60
    bad = [f.text for f in facts if STAMMER.search(f.text) or OWN_VIEW.search(f.text)]
    assert not bad, bad[:5]


def test_a_turns_sentence_without_a_subject_is_neither_summary_nor_fact(corpus_analyses):
    an = _of(corpus_analyses, "press-briefing-jean-pierre-macron-state-visit")
    said = [s.text for s in an.summary] + [f.text for f in an.facts]
    assert not any(s.startswith("Again, voted against") for s in said), said
    assert "Again, voted against the American Rescue Plan" in an.article.text


def test_speech_filters_on_sentences(nlp):
    cases = {
        "What I can say is the only option right now is for the \u2014 for Congress to do their jobs.": (True, True, False),
        "I made that deal, and now they \u2014 supposedly, they\u2019re losing a lot of money.": (False, True, False),
        "The mid-career officers \u2014 40 of them \u2014 will stay in Kabul until March.": (False, False, False),
        "The talks collapsed \u2014 again \u2014 on Monday in Doha.": (False, False, False),
        "Again, voted against the American Rescue Plan, voted against the Inflation Reduction Act.": (False, False, True),
        "I could buy one from another country, perhaps.": (True, False, False),
        "The ministers signed the accord in Brussels on Friday.": (False, False, False),
    }
    for text, expected in cases.items():
        span = nlp(text)[:]
        assert (own_stance(span), disfluent(span), elliptical(span)) == expected, text


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("I\u2019ll take a few questions.", "housekeeping"),
        ("With that, I will turn it over to the President.", "housekeeping"),
        ("After that, the President will hold a press conference and take questions from the media.", None),
    ],
)
def test_taking_questions_is_housekeeping_only_for_the_speaker(nlp, sentence, kind):
    assert talk_kind(nlp(sentence)[:]) == kind
