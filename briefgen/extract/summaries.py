"""Extractive summaries with sumy, over spaCy's sentences and words, mapped back to character offsets."""

from __future__ import annotations

import functools
import math
import re
import warnings
from collections import Counter
from collections.abc import Callable, Sequence

import numpy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span
from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers._summarizer import AbstractSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from ..model import Sentence
from ..settings import DEFAULT_SUMMARIZER
from .nlp import doc_text


class PaperTextRank(TextRankSummarizer):
    """sumy's TextRank on the graph of Mihalcea and Tarau (2004), whose edges join two different sentences.

    sumy also links every sentence to itself, with a weight that grows with its length, so a long sentence keeps
    much of its own rank instead of taking it from the sentences that share its words.
    """

    def _create_matrix(self, document: ObjectDocumentModel) -> numpy.ndarray:
        words = [self._to_words_set(s) for s in document.sentences]
        n = len(words)
        weights = numpy.zeros((n, n))
        for i in range(n):
            for j in range(i + 1, n):
                if words[i] and words[j]:
                    weights[i, j] = weights[j, i] = self._rate_sentences_edge(words[i], words[j])
        sums = weights.sum(axis=1)
        # A sentence sharing no word with any other links to all alike, as PageRank treats a page without links.
        weights[sums == 0] = 1.0 / n
        weights /= weights.sum(axis=1)[:, numpy.newaxis]
        return numpy.full((n, n), (1.0 - self.damping) / n) + self.damping * weights


class FastLexRank(LexRankSummarizer):
    """sumy's LexRank with the same scores, its sentence similarities computed as one matrix product.

    sumy compares every pair of sentences in Python, recomputing both sentences' norms each time, and counts each
    word's sentences by scanning all of them: the summaries took a fifth of a cold digest, most of it there. Its
    stop words are normalised once per process (sumy did it again for every article: 326 words each time), and each
    word of a sentence goes through sumy's own steps without two calls a word.
    """

    @property
    def stop_words(self) -> frozenset[str]:
        return self._stop_words

    @stop_words.setter
    def stop_words(self, words: frozenset[str]) -> None:
        self._stop_words = _normalised(words)

    def _to_words_set(self, sentence: SumySentence) -> list[str]:
        # sumy's normalize_word (to_unicode, which hands a str back as it is, then lower), the stop words, and
        # stem_word, which normalises again
        stop_words, stem = self._stop_words, self._stemmer
        return [stem(w.lower()) for w in map(str.lower, sentence.words) if w not in stop_words]

    @staticmethod
    def _compute_idf(sentences: Sequence[Sequence[str]]) -> dict[str, float]:
        df: Counter[str] = Counter(term for sentence in sentences for term in set(sentence))
        return {term: math.log(len(sentences) / (1 + n)) for term, n in df.items()}

    def _create_matrix(
        self, sentences: Sequence[Sequence[str]], threshold: float, tf_metrics: Sequence[dict[str, float]], idf_metrics: dict[str, float]
    ) -> numpy.ndarray:
        column = {term: j for j, term in enumerate(idf_metrics)}
        weights = numpy.zeros((len(sentences), len(column)))
        # Every weight set at once (numpy's indexing per item was most of this method's time): the same values.
        cells = [(i, column[term], value * idf_metrics[term]) for i, tf in enumerate(tf_metrics) for term, value in tf.items()]
        if cells:
            rows, cols, values = zip(*cells)
            weights[list(rows), list(cols)] = values
        norms = numpy.sqrt((weights * weights).sum(axis=1))
        with numpy.errstate(divide="ignore", invalid="ignore"):
            cosines = (weights @ weights.T) / numpy.outer(norms, norms)
        linked = numpy.where(numpy.isfinite(cosines) & (cosines > threshold), 1.0, 0.0)
        degrees = linked.sum(axis=1)
        degrees[degrees == 0] = 1
        return linked / degrees[:, numpy.newaxis]


@functools.lru_cache(maxsize=8)
def _normalised(words: frozenset[str]) -> frozenset[str]:
    """Stop words as sumy's setter normalises them."""
    return frozenset(map(AbstractSummarizer.normalize_word, words))


SUMMARIZERS: dict[str, type[AbstractSummarizer] | None] = {
    "lexrank": FastLexRank,
    "textrank": PaperTextRank,
    "lsa": LsaSummarizer,
    "luhn": LuhnSummarizer,
    "kl": KLSummarizer,
    "sumbasic": SumBasicSummarizer,
    "lead": None,  # the first sentences: the baseline news writing makes strong
    "news": None,  # LexRank centrality with the inverted pyramid's position prior and no repetition
}
MIN_WORDS = 5  # shorter "sentences" are datelines, bylines and fragments ("(CNN)"), never summary material
NEWS_POSITION_WEIGHT = 0.8
NEWS_POSITION_DECAY = 4.0  # sentences: the prior halves about every 2.8 sentences
TRANSCRIPT_POSITION_WEIGHT = 0.5  # a briefing opens with its news, but a speech with thanks and asides: less of the prior
RATE_BLOCK = 300  # sentences rated together (see `rate`); the longest dev-set article has far fewer
NEWS_MAX_OVERLAP = 0.5  # share of the shorter sentence's content words another chosen sentence may repeat
_SUMY_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['-])*$")
# spaCy's stop words, which the repetition check uses too; sumy's list of 580 also drops words that carry news
# ("new", "best", "later", "according"), leaving TextRank fewer shared words to link sentences by.
_STOP_WORDS = frozenset(STOP_WORDS)
# sumy stems every word of every sentence; news repeats its words, so each is stemmed once per process.
_STEMMER = functools.lru_cache(maxsize=200_000)(Stemmer("english"))


class SpacyWords:
    """A sumy tokenizer that hands back the words spaCy already found, so nothing is tokenised twice."""

    def __init__(self, words: dict[str, tuple[str, ...]]) -> None:
        self._words = words

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return (paragraph,)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return self._words.get(sentence.strip(), ())


def default_length(n_sentences: int) -> int:
    """Longer articles get longer summaries: about 0.8 * sqrt(n), from 3 to 8 sentences."""
    return max(3, min(8, round(0.8 * math.sqrt(n_sentences))))


def summarise(
    doc: Doc,
    sentences: Sequence[tuple[int, int]],
    method: str = DEFAULT_SUMMARIZER,
    count: int | None = None,
    talk: frozenset[int] = frozenset(),
    position_weight: float | None = None,
) -> tuple[Sentence, ...]:
    """The `count` best sentences in document order, each with its method's score; the sentences in `talk`
    (questions, greetings, housekeeping, a reporter's turn: see facts.talk_kind) are never chosen. `position_weight`
    overrides the `news` method's weight of the position prior (a transcript is no inverted pyramid)."""
    if method not in SUMMARIZERS:
        raise ValueError(f"unknown summarizer {method!r} (choose from {', '.join(SUMMARIZERS)})")
    text = doc_text(doc)
    spans = [doc.char_span(a, b, alignment_mode="expand") for a, b in sentences]
    texts = [text[a:b] for a, b in sentences]
    words = [_sumy_words(sp) if sp is not None else () for sp in spans]
    candidates = [i for i, sp in enumerate(spans) if sp is not None and sum(t.is_alpha for t in sp) >= MIN_WORDS and i not in talk]
    if not candidates:
        candidates = [i for i in range(len(sentences)) if i not in talk]
    n = count if count is not None else default_length(len(candidates))
    if not candidates or n <= 0:
        return ()
    if method == "lead":
        scores = [0.0] * len(sentences)
        for rank, i in enumerate(candidates):
            scores[i] = 1.0 - rank / len(candidates)
        chosen = candidates[:n]
    elif method == "news":
        central = rate(texts, words, "lexrank")
        lo, hi = min(central[i] for i in candidates), max(central[i] for i in candidates)
        scores = [0.0] * len(sentences)
        for rank, i in enumerate(candidates):
            c = (central[i] - lo) / (hi - lo) if hi > lo else 0.0
            w = NEWS_POSITION_WEIGHT if position_weight is None else position_weight
            scores[i] = (1 - w) * c + w * math.exp(-rank / NEWS_POSITION_DECAY)
        # Only the sentences the choice reaches are read for their words (a few of an article's dozens).
        content = functools.cache(lambda i: _content(spans[i]))
        chosen = _without_repeats(sorted(candidates, key=lambda i: (-scores[i], i)), content, n)
    else:
        scores = rate(texts, words, method)
        chosen = sorted(candidates, key=lambda i: (-scores[i], i))[:n]
    return tuple(Sentence(text[sentences[i][0] : sentences[i][1]], *sentences[i], round(scores[i], 4)) for i in sorted(chosen))


def _sumy_words(span: Span) -> tuple[str, ...]:
    """The words sumy's own tokenizer keeps: only words of letters, hyphenated compounds and amounts ("100m") whole."""
    pieces: list[str] = []
    for token in span:
        prev = token.nbor(-1) if pieces else None
        # spaCy splits "north-eastern" and "100m" where NLTK, which sumy's methods were built on, does not.
        if prev is not None and not prev.whitespace_ and ("-" in (prev.text, token.text) or prev.text[-1].isdigit()):
            pieces[-1] += token.text
        else:
            pieces.append(token.text)
    return tuple(p for p in pieces if _SUMY_WORD.match(p))


def _content(span: Span | None) -> frozenset[str]:
    return frozenset(t.lemma_.lower() for t in span if t.is_alpha and not t.is_stop) if span is not None else frozenset()


def _without_repeats(order: list[int], words: Callable[[int], frozenset[str]], n: int) -> list[int]:
    """Take sentences best first, skipping one that mostly repeats a sentence already taken (`words`: a sentence's
    content words, by its index)."""
    chosen: list[int] = []
    for i in order:
        if len(chosen) == n:
            break
        if any(len(words(i) & words(j)) > NEWS_MAX_OVERLAP * max(1, min(len(words(i)), len(words(j)))) for j in chosen):
            continue
        chosen.append(i)
    return chosen


def rate(texts: Sequence[str], words: Sequence[tuple[str, ...]], method: str) -> list[float]:
    """Every sentence's score under a sumy method (higher is better), from spaCy's words for each sentence.

    sumy's graph methods compare every sentence with every other, so a long text is rated in consecutive blocks of
    at most RATE_BLOCK sentences, each on its own: the time grows linearly with the text, and a news article (a few
    dozen sentences) is one block, rated exactly as before.
    """
    scores: list[float] = []
    for start in range(0, len(texts), RATE_BLOCK):
        scores.extend(_rate_block(texts[start : start + RATE_BLOCK], words[start : start + RATE_BLOCK], method))
    return scores


def _rate_block(texts: Sequence[str], words: Sequence[tuple[str, ...]], method: str) -> list[float]:
    tokenizer = SpacyWords({t.strip(): w for t, w in zip(texts, words)})
    sumy_sentences = [SumySentence(t, tokenizer) for t in texts]
    document = ObjectDocumentModel([Paragraph(sumy_sentences)])
    summarizer_cls = SUMMARIZERS[method]
    assert summarizer_cls is not None
    summarizer = summarizer_cls(_STEMMER)
    if hasattr(summarizer, "stop_words"):
        summarizer.stop_words = _STOP_WORDS
    captured: dict[SumySentence, float] = {}
    summarizer._get_best_sentences = _capture(captured)
    # Degenerate documents (one or two sentences, no shared words) make LexRank divide by zero: score them 0.
    # LSA warns when a text has fewer distinct words than sentences; it still rates them, and a warning on a
    # successful run only alarms the user.
    with numpy.errstate(all="ignore"), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Number of words .* lower than number of sentences", category=UserWarning)
        summarizer(document, len(texts))
    scores = [float(captured.get(s, 0.0)) for s in sumy_sentences]
    return [x if math.isfinite(x) else 0.0 for x in scores]


def _capture(into: dict[SumySentence, float]) -> Callable[..., tuple]:
    """sumy returns only the chosen sentences; catch the ratings it ranks them by (and choose ourselves)."""

    def get_best(sentences, count, rating, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202 - sumy's own signature
        # Some ratings are one-shot iterators (LSA), so each sentence is rated exactly once, in order.
        rate_one = (lambda s: rating[s]) if isinstance(rating, dict) else (lambda s: rating(s, *args, **kwargs))
        for s in sentences:
            into[s] = rate_one(s)
        return tuple(sentences)

    return get_best
