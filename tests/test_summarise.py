"""Summaries: every sumy method and the lead baseline, in document order, with real offsets."""

from __future__ import annotations

import pytest

from briefgen.extract.nlp import sentence_spans
from briefgen.extract.summaries import SUMMARIZERS, default_length, summarise

from .conftest import SEED


@pytest.fixture(scope="module")
def seed_doc(nlp):
    from briefgen.inputs.readers import read_input

    return nlp(read_input(str(SEED))[0].text)


@pytest.mark.parametrize("method", list(SUMMARIZERS))
def test_every_method(seed_doc, method):
    sents = sentence_spans(seed_doc)
    summary = summarise(seed_doc, sents, method, 4)
    assert len(summary) == 4
    assert [s.start for s in summary] == sorted(s.start for s in summary)
    for s in summary:
        assert seed_doc.text[s.start : s.end] == s.text
        assert (s.start, s.end) in sents
        assert s.score is not None


def test_lead_is_the_first_sentences(seed_doc):
    summary = summarise(seed_doc, sentence_spans(seed_doc), "lead", 2)
    assert summary[0].text.startswith("China is growing more aware")
    assert summary[1].text.startswith("A visiting team of U.S. officials")


def test_default_length_grows_with_the_article():
    assert default_length(5) == 3
    assert default_length(20) < default_length(60) < default_length(200)
    assert default_length(10_000) == 8


def test_unknown_method(seed_doc):
    with pytest.raises(ValueError, match="unknown summarizer"):
        summarise(seed_doc, sentence_spans(seed_doc), "gpt")


def test_seed_facts_do_not_repeat_the_summary(seed):
    summary = {(s.start, s.end) for s in seed.summary}
    assert seed.facts
    assert all((f.start, f.end) not in summary for f in seed.facts)
    assert [f.score for f in seed.facts] == sorted((f.score for f in seed.facts), reverse=True)
    text = " ".join(f.text for f in seed.facts)
    assert "1989" in text or "late February" in text  # the dated, named, decided sentences carry the facts


def test_fragments_are_never_summary_sentences(nlp):
    text = (
        "(CNN)\n\nA fire destroyed the old mill in the town centre on Friday night. Firefighters fought the blaze "
        "for six hours before it was under control. Nobody was hurt, the fire service said. The mill had been empty "
        "since 1998 and was due to become flats. Police are treating the fire as suspicious."
    )
    doc = nlp(text)
    for method in SUMMARIZERS:
        summary = summarise(doc, sentence_spans(doc), method, 3)
        assert len(summary) == 3 and all(s.text != "(CNN)" for s in summary), method


def test_news_default_leads_with_the_lead_and_does_not_repeat_itself(nlp):
    text = (
        "The city council approved a new budget of 12 million dollars on Monday. "
        "The council approved the new budget of 12 million dollars on Monday evening. "
        "The budget funds two new schools and a bridge. Critics said the plan raises taxes. "
        "The mayor said the vote was a victory for families. The next vote is in May."
    )
    doc = nlp(text)
    summary = summarise(doc, sentence_spans(doc), "news", 3)
    assert summary[0].text.startswith("The city council approved")
    assert not any(s.text.startswith("The council approved the new budget") for s in summary)


def test_sentences_broken_mid_line_before_a_lower_case_word_are_rejoined(nlp):
    # The parser's own break points, as it sometimes sets them inside a sentence ("doubles | defeat").
    words = [
        "She",
        "lost",
        "in",
        "the",
        "doubles",
        "defeat",
        "on",
        "Sunday",
        ".",
        "Q",
        "So",
        ",",
        "what",
        "next",
        "?",
        "Headline",
        "without",
        "a",
        "stop",
        "\n",
        "and",
        "a",
        "second",
        "line",
        ".",
    ]
    spaces = [nxt not in (".", ",", "?", "\n") and w != "\n" for w, nxt in zip(words, [*words[1:], ""])]
    starts = [w in ("She", "defeat", "Q", "So", "Headline", "and") for w in words]
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=starts)
    assert [doc.text[a:b] for a, b in sentence_spans(doc)] == [
        "She lost in the doubles defeat on Sunday.",  # rejoined: no end punctuation, lower case follows on the line
        "Q",  # kept apart: the next sentence starts in upper case
        "So, what next?",
        "Headline without a stop",  # kept apart: a line break is a sentence break
        "and a second line.",
    ]


def test_sentence_ends_the_parser_ran_over_are_split(nlp):
    text = (
        "'We will not let one storm close this city,' council leader Ruth Allen told reporters. 'The repairs start "
        "next week.' Gov. Chris Hale met her at 5 p.m. Friday in the U.S. Capitol."
    )
    # The model's own sentence, as it sets it over single-quoted British text.
    doc = nlp.make_doc(text)
    for t in doc:
        t.is_sent_start = t.i == 0
    assert [text[a:b] for a, b in sentence_spans(doc)] == [
        "'We will not let one storm close this city,' council leader Ruth Allen told reporters.",
        "'The repairs start next week.'",
        "Gov. Chris Hale met her at 5 p.m. Friday in the U.S. Capitol.",  # abbreviations end no sentence
    ]


def test_sumy_methods_see_the_words_sumys_own_tokenizer_keeps(nlp):
    from briefgen.extract.summaries import _sumy_words

    doc = nlp("Italy's Illva will pay 481.42m yuan ($58.16m) for 33% of the north-eastern firm's 100m-bottle unit.")
    assert _sumy_words(doc[:]) == ("Italy", "Illva", "will", "pay", "yuan", "for", "of", "the", "north-eastern", "firm", "unit")


def test_textrank_ranks_a_sentence_by_the_others_not_by_itself(nlp):
    from briefgen.extract.summaries import _sumy_words, rate

    texts = [
        "The council approved the flood defence budget on Monday.",
        "The flood defence budget doubles spending on river walls.",
        "Council members said the budget protects homes from flood damage.",
        ("Separately, a touring orchestra from Vienna performed Mahler symphonies to an enthusiastic audience in the cathedral."),
    ]
    scores = rate(texts, [_sumy_words(nlp(t)[:]) for t in texts], "textrank")
    # sumy's own matrix links each sentence to itself, and rates the long unrelated one second of four (0.25).
    assert scores.index(min(scores)) == 3 and scores[3] < 0.1
    assert scores[0] == max(scores)  # it shares words with both others
    assert abs(sum(scores) - 1) < 1e-3


def test_fast_lexrank_rates_as_sumy_does(nlp):
    """The summaries' LexRank is sumy's, its similarities one matrix product: the same score for every sentence of
    a long press briefing (whose pairs sumy compared one by one) and of a news article."""
    from sumy.summarizers.lex_rank import LexRankSummarizer

    from briefgen.extract import summaries
    from briefgen.extract.nlp import parse
    from briefgen.inputs.readers import read_input

    from .conftest import SHARED

    texts = [
        read_input(str(SHARED / "corpus" / "transcripts" / "2025-01-29_whitehouse_press-briefing-leavitt-first.txt"))[0].text,
        read_input(str(SEED))[0].text,
    ]
    assert SUMMARIZERS["lexrank"] is summaries.FastLexRank
    for doc in parse(nlp, texts):
        spans = [doc.char_span(a, b, alignment_mode="expand") for a, b in sentence_spans(doc)]
        words = [summaries._sumy_words(sp) if sp is not None else () for sp in spans]
        sentences = [sp.text for sp in spans if sp is not None]
        words = [w for sp, w in zip(spans, words) if sp is not None]
        assert len(sentences) >= 20
        fast = summaries.rate(sentences, words, "lexrank")
        SUMMARIZERS["lexrank"] = LexRankSummarizer
        try:
            slow = summaries.rate(sentences, words, "lexrank")
        finally:
            SUMMARIZERS["lexrank"] = summaries.FastLexRank
        assert fast == pytest.approx(slow, abs=1e-12) and len(set(fast)) > 5
