"""Story grouping: articles about the same story, found from their words, their actors and their dates."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence

import numpy as np
from scipy import sparse
from spacy.lang.en.stop_words import STOP_WORDS

from ..model import Analysis, name_key

_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
PRIOR_DOCS = 20  # pseudo-documents added to the IDF, so a small digest's dominant story words still weigh
# The weights of the four similarities (they sum to 1): all the words, the lead's words, the actors, the days named.
WORDS, LEAD, ACTORS, DAYS = 0.35, 0.45, 0.15, 0.05
LEAD_SENTENCES = 5
SAME_STORY = 0.10  # average-linkage similarity above which two groups are one story
NEAR_DAYS = 2  # articles this close in time are compared at full weight; further apart, similarity decays
DECAY_DAYS = 7.0
NEAR_DUPLICATE = 0.6  # share of the shorter sentence's content words that makes two sentences the same


def _words(text: str) -> Iterator[str]:
    """The text's lower-cased words of three letters or more, stop words out."""
    for m in _WORD.finditer(text):
        w = m.group().lower().strip("'\u2019")
        if len(w) > 2 and w not in STOP_WORDS:
            yield w


@functools.lru_cache(maxsize=65536)  # digests compare the same sentences and quotes many times
def content_words(text: str) -> frozenset[str]:
    return frozenset(_words(text))


def near_duplicate(a: str, b: str) -> bool:
    """The same sentence or quote, as two outlets (or two parts of one article) tell it."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return a.strip().lower() == b.strip().lower()
    return len(wa & wb) / min(len(wa), len(wb)) >= NEAR_DUPLICATE


def similarity(analyses: Sequence[Analysis]) -> np.ndarray:
    """Pairwise similarity of articles: TF-IDF cosines of their words, of their lead's words (the headline and the
    first sentences, where news states its story), of their actors and of the days they name, damped by distance in
    time unless one names the day the other was published (an announcement and the coverage of what it announced)."""
    words = _cosines([_terms(an.article.title + "\n" + an.article.text) for an in analyses])
    lead = _cosines([_terms(an.article.title + "\n" + an.article.text[: _lead_end(an)]) for an in analyses])
    actors = _cosines([_actor_terms(an) for an in analyses])
    named = [_named_days(an) for an in analyses]
    days = _cosines([Counter(d.isoformat() for d in n) for n in named])
    sim = WORDS * words + LEAD * lead + ACTORS * actors + DAYS * days
    published = [an.article.published for an in analyses]
    ordinals = np.array([d.toordinal() if d else np.nan for d in published])
    gap = np.abs(ordinals[:, None] - ordinals[None, :])
    damp = np.where(np.isnan(gap) | (gap <= NEAR_DAYS), 1.0, np.exp(-(np.nan_to_num(gap) - NEAR_DAYS) / DECAY_DAYS))
    by_day: dict[dt.date, list[int]] = {}
    for j, d in enumerate(published):
        if d is not None:
            by_day.setdefault(d, []).append(j)
    for i, n in enumerate(named):
        for d in n:
            for j in by_day.get(d, ()):
                damp[i, j] = damp[j, i] = 1.0
    return sim * damp


def _lead_end(an: Analysis) -> int:
    return an.sentences[LEAD_SENTENCES - 1][1] if len(an.sentences) >= LEAD_SENTENCES else len(an.article.text)


def _actor_terms(an: Analysis) -> Counter[str]:
    """Actors weighted by salience; a person by surname, so "Trump" in one outlet meets "Donald J. Trump" in another."""
    terms: Counter[str] = Counter()
    for a in an.actors:
        key = name_key(a.name)
        terms[key.split()[-1] if a.kind == "person" and key else key] += 1 + 10 * a.salience  # type: ignore[assignment]  # a Counter of weights
    return terms


def _named_days(an: Analysis) -> set[dt.date]:
    """The single days an article names other than its own date ("Monday's debate", "on Sept. 26"): two articles
    naming the same day, or one naming the day the other appeared, likely tell one story."""
    own = an.article.published
    return {t.range.start for t in an.timexes
            if t.range is not None and t.range.start == t.range.end and t.range.start != own}


def group_stories(analyses: Sequence[Analysis]) -> list[list[int]]:
    """Article indices grouped by story (average-linkage clustering), each group most central article first."""
    n = len(analyses)
    if n == 0:
        return []
    sim = similarity(analyses)
    linkage = sim.copy()
    np.fill_diagonal(linkage, -np.inf)
    size = np.ones(n)
    members = [[i] for i in range(n)]
    while len(members) > 1:
        a, b = divmod(int(linkage.argmax()), n)
        if linkage[a, b] < SAME_STORY:
            break
        a, b = min(a, b), max(a, b)  # the earlier article's slot keeps the group: deterministic
        merged = (size[a] * linkage[a] + size[b] * linkage[b]) / (size[a] + size[b])
        linkage[a], linkage[:, a] = merged, merged
        linkage[b], linkage[:, b] = -np.inf, -np.inf
        linkage[a, a] = -np.inf
        size[a] += size[b]
        members[a] = members[a] + members[b]
        members[b] = []
    groups = [sorted(m) for m in members if m]
    return [sorted(g, key=lambda i: (-sum(sim[i, j] for j in g if j != i), i)) for g in groups]


def _terms(text: str) -> Counter[str]:
    # A crude plural fold is enough to match "summit"/"summits" without a second parse.
    return Counter(w[:-1] if w.endswith("s") and len(w) > 4 and not w.endswith("ss") else w for w in _words(text))


def _cosines(bags: Sequence[Counter[str]]) -> np.ndarray:
    """Cosine similarity of sublinear TF-IDF vectors; terms in one document only cannot link two, so they are dropped.

    The vectors are sparse: a digest of a thousand articles has tens of thousands of terms, and a dense product of
    them took seconds (most of a cached re-run)."""
    n = len(bags)
    df = Counter(t for bag in bags for t in bag)
    vocab = {t: i for i, t in enumerate(sorted(t for t, c in df.items() if c > 1))}
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for row, bag in enumerate(bags):
        weights = {t: (1 + math.log(c)) * math.log((n + PRIOR_DOCS + 1) / (df[t] + 1)) for t, c in bag.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        for t, w in weights.items():
            if t in vocab:
                rows.append(row)
                cols.append(vocab[t])
                values.append(w / norm)
    matrix = sparse.csr_matrix((np.array(values, dtype=np.float64), (rows, cols)), shape=(n, max(1, len(vocab))))
    return np.asarray((matrix @ matrix.T).todense(), dtype=np.float64)

def pairwise_scores(predicted: Sequence[Sequence[str]], gold: Sequence[Sequence[str]]) -> tuple[float, float]:
    """Pairwise precision and recall of a grouping: of the pairs put in one story, how many tell one story, and of
    those that do, how many were put together. Articles in no gold group are stories of their own."""

    def pairs(groups: Sequence[Sequence[str]]) -> set[frozenset[str]]:
        return {frozenset((a, b)) for g in groups for i, a in enumerate(g) for b in g[i + 1 :]}

    found, true = pairs(predicted), pairs(gold)
    both = len(found & true)
    return (both / len(found) if found else 1.0), (both / len(true) if true else 1.0)
