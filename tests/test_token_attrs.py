"""The attribute ruler and lemmatizer briefgen runs in their place, and the matrix products it has numpy compute, give
every token the attributes (and every text the entities) spaCy's own components and BLIS products do."""

from __future__ import annotations

import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from thinc.api import NumpyOps
from threadpoolctl import threadpool_info

from briefgen.extract.nlp import DEFAULT_MODEL, one_blas_thread
from briefgen.extract.token_attrs import NAME, fast_token_attrs

from .conftest import EXAMPLES, SHARED

COLUMNS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
# What the rules of two tokens, the matched expressions and the exceptions by dependency are for ("gonna" is "go to",
# "y'all" "you", "ain't" "be not", "nothin'" "nothing"; a "do" heading its clause is a verb, an "is" after "there" too).
SPOKEN = [
    "We're gonna get it done, and y'all know it. That ain't right.",
    "There's nothin' we can't do. Let's go, c'mon! We gotta win this.",
    "I told him what it was. He did it for me and you did it for him. These are those that we did.",
]


def test_same_attributes_as_spacys_own_components(nlp) -> None:
    assert NAME in nlp.pipe_names and "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    own = spacy.load(DEFAULT_MODEL)
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((SHARED / "corpus" / "transcripts").glob("*.txt"))[:4]]
    texts += SPOKEN
    tokens = 0
    for ours, theirs in zip(nlp.pipe(texts), own.pipe(texts), strict=True):
        assert ours.to_array(COLUMNS).tolist() == theirs.to_array(COLUMNS).tolist(), ours.text[:80]
        assert [(t.lemma_, str(t.morph), t.pos_) for t in ours] == [(t.lemma_, str(t.morph), t.pos_) for t in theirs]
        tokens += len(ours)
    assert tokens > 40_000
    spoken = nlp(SPOKEN[0] + " " + SPOKEN[1])
    assert [t.lemma_ for t in spoken if t.lower_ in ("gon", "na", "y'", "all", "ai", "nothin'")] == [
        "go",
        "to",
        "you",
        "all",
        "be",
        "nothing",
    ]


def test_products_by_numpy_on_one_thread(nlp) -> None:
    layers = [layer for _, c in nlp.pipeline if getattr(c, "model", None) is not None for layer in c.model.walk()]
    assert len(layers) > 100 and all(isinstance(x.ops, NumpyOps) and not x.ops.use_blis for x in layers)
    assert all(
        isinstance(x.ops, NumpyOps) and x.ops.use_blis
        for _, c in spacy.load(DEFAULT_MODEL).pipeline
        if getattr(c, "model", None) is not None
        for x in c.model.walk()
    )

    def blas_threads() -> list[int]:
        return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]

    before = blas_threads()
    with one_blas_thread():
        assert blas_threads() and set(blas_threads()) == {1}
    assert blas_threads() == before  # the caller's setting is back once the block ends


def test_left_alone_when_a_rule_is_beyond_it() -> None:
    model = spacy.load(DEFAULT_MODEL)
    model.get_pipe("attribute_ruler").add([[{"LOWER": "news", "LENGTH": 4}]], {"LEMMA": "tidings"})  # a test it does not read
    assert fast_token_attrs(model).pipe_names == spacy.load(DEFAULT_MODEL).pipe_names
    assert model("The news came.")[1].lemma_ == "tidings"


def test_same_attributes_when_its_caches_fill_and_empty(monkeypatch) -> None:
    import briefgen.extract.token_attrs as token_attrs

    monkeypatch.setattr(token_attrs, "_MAX_KNOWN", 50)  # emptied many times within one text
    ours = fast_token_attrs(spacy.load(DEFAULT_MODEL))
    own = spacy.load(DEFAULT_MODEL)
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))[:3]] + SPOKEN
    component = ours.get_pipe(NAME)
    for mine, theirs in zip(ours.pipe(texts), own.pipe(texts), strict=True):
        assert mine.to_array(COLUMNS).tolist() == theirs.to_array(COLUMNS).tolist(), mine.text[:80]
    assert len(component.ruled) <= 50 and len(component.lemmas) <= 50
