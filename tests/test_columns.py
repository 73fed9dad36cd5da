"""The whole-article scans read from spaCy's arrays find what a scan of the Tokens finds."""

from __future__ import annotations

from spacy.attrs import ENT_TYPE, IS_LOWER, IS_TITLE, LOWER, ORTH, POS
from spacy.symbols import VERB

from briefgen.extract.nlp import distinct_words, token_column

from .conftest import EXAMPLES


def test_distinct_words_and_columns_match_the_tokens(nlp) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    for doc in nlp.pipe(texts):
        assert distinct_words(doc, ORTH, IS_LOWER) == {t.text for t in doc if t.is_lower}
        verbs = distinct_words(doc, LOWER, POS, VERB)
        assert verbs == {t.lower_ for t in doc if t.pos_ == "VERB"} and len(verbs) > 5
        assert token_column(doc, IS_TITLE) == [int(t.is_title) for t in doc]
        assert [bool(e) for e in token_column(doc, ENT_TYPE)] == [bool(t.ent_type_) for t in doc]
    empty = nlp("")
    assert distinct_words(empty, ORTH, IS_LOWER) == set() and token_column(empty, ORTH) == []
