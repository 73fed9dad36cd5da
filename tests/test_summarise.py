"""Summaries: every sumy method and the lead baseline, in document order, with real offsets."""

from __future__ import annotations

import pytest

from briefgen.nlp import sentence_spans
from briefgen.summarise import SUMMARIZERS, default_length, summarise

from .conftest import SEED


@pytest.fixture(scope="module")
def seed_doc(nlp):
    from briefgen.readers import read_input

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
