"""Story grouping: articles about the same story, found from their words, their actors and their dates."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse import csgraph
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
# Further apart than this, the damping keeps any pair's similarity (at most 1) under SAME_STORY: 19 days.
WINDOW_DAYS = math.ceil(NEAR_DAYS + DECAY_DAYS * math.log(1 / SAME_STORY))
BLOCK_DF = 250  # a term in more articles than this proposes no pair to compare (below it, grouping is exact)
ROWS = 256  # articles whose candidate pairs are found at once: bounds the memory of one step
PAIRS = 200_000  # candidate pairs scored at once
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


@dataclass(frozen=True)
class Features:
    """What story grouping compares, per article: unit-length TF-IDF rows of its words, its lead's words, its actors
    and the days it names (IDF over the whole digest), its publication day and the days it names."""

    words: sparse.csr_matrix
    lead: sparse.csr_matrix
    actors: sparse.csr_matrix
    days: sparse.csr_matrix
    ordinals: np.ndarray  # publication day ordinals, NaN when undated
    named: tuple[frozenset[int], ...]  # ordinals of the days each article names
    blocking: sparse.csr_matrix  # 0/1: the terms that propose pairs to compare (see candidate_pairs)

    @classmethod
    def of(cls, analyses: Sequence[Analysis]) -> Features:
        word_bags = [_terms(an.article.title + "\n" + an.article.text) for an in analyses]
        actor_bags = [_actor_terms(an) for an in analyses]
        named = [_named_days(an) for an in analyses]
        words, word_df = _tfidf(word_bags)
        actors, actor_df = _tfidf(actor_bags)
        # A term in more than BLOCK_DF articles proposes no pair (it still counts in the similarity of those proposed):
        # at scale, "president" or "said" would pair everything. Up to BLOCK_DF articles, every term proposes.
        blocking = sparse.hstack([(words[:, word_df <= BLOCK_DF] > 0), (actors[:, actor_df <= BLOCK_DF] > 0)], format="csr").astype(
            np.float32
        )
        return cls(
            words,
            _tfidf([_terms(an.article.title + "\n" + an.article.text[: _lead_end(an)]) for an in analyses])[0],
            actors,
            _tfidf([Counter(d.isoformat() for d in n) for n in named])[0],
            np.array([an.article.published.toordinal() if an.article.published else np.nan for an in analyses]),
            tuple(frozenset(d.toordinal() for d in n) for n in named),
            blocking,
        )

    def pair_similarity(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """The similarity of each pair (i[k], j[k]): the weighted cosines, damped by their distance in time unless one
        names the day the other was published (an announcement and the coverage of what it announced).

        The cosines are read from one sparse product per matrix, of the rows from i's least to its greatest (a block
        of ROWS articles in `group_stories`) with every article: taking both rows of every pair out of the matrices
        (a copy of each row per pair) was most of a digest's assembly. The products add each pair's terms in the
        order `block` does."""
        if len(i) == 0:
            return np.zeros(0)
        lo, hi = int(i.min()), int(i.max()) + 1
        sim = sum(
            w * np.asarray((m[lo:hi] @ m.T).tocsr()[i - lo, j]).ravel()
            for w, m in ((WORDS, self.words), (LEAD, self.lead), (ACTORS, self.actors), (DAYS, self.days))
        )
        gap = np.abs(self.ordinals[i] - self.ordinals[j])
        damp = np.where(np.isnan(gap) | (gap <= NEAR_DAYS), 1.0, np.exp(-(np.nan_to_num(gap) - NEAR_DAYS) / DECAY_DAYS))
        for k in np.flatnonzero(damp < 1.0):
            a, b = i[k], j[k]
            if self.ordinals[b] in self.named[a] or self.ordinals[a] in self.named[b]:
                damp[k] = 1.0
        return np.asarray(sim * damp, dtype=np.float64)

    def block(self, members: Sequence[int]) -> np.ndarray:
        """The dense similarity matrix of some articles (one component: a story's candidates), by sparse products."""
        idx = np.asarray(members, dtype=np.int64)
        sim = sum(
            w * (m[idx] @ m[idx].T).toarray() for w, m in ((WORDS, self.words), (LEAD, self.lead), (ACTORS, self.actors), (DAYS, self.days))
        )
        ordinals = self.ordinals[idx]
        gap = np.abs(ordinals[:, None] - ordinals[None, :])
        damp = np.where(np.isnan(gap) | (gap <= NEAR_DAYS), 1.0, np.exp(-(np.nan_to_num(gap) - NEAR_DAYS) / DECAY_DAYS))
        by_day: dict[float, list[int]] = {}
        for b, day in enumerate(ordinals):
            if not np.isnan(day):
                by_day.setdefault(float(day), []).append(b)
        for a, i in enumerate(idx):
            for day in self.named[i]:
                for b in by_day.get(float(day), ()):
                    damp[a, b] = damp[b, a] = 1.0
        return np.asarray(sim * damp, dtype=np.float64)


def similarity(analyses: Sequence[Analysis]) -> np.ndarray:
    """Pairwise similarity of articles, all pairs (for a few articles; grouping compares only candidate pairs): TF-IDF
    cosines of their words, of their lead's words (the headline and the first sentences, where news states its story),
    of their actors and of the days they name, damped by distance in time unless one names the day the other was
    published."""
    return Features.of(analyses).block(range(len(analyses)))


def candidate_pairs(features: Features, rows: range) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (i, j), i in `rows` and i < j, that share a blocking term and could be one story by their dates:
    published at most WINDOW_DAYS apart (further, the damping keeps any pair under SAME_STORY), undated, or one
    naming the day the other appeared. Every pair that can reach SAME_STORY shares a term: the days alone weigh
    DAYS < SAME_STORY."""
    shared = (features.blocking[rows.start : rows.stop] @ features.blocking.T).tocoo()
    i, j = shared.row + rows.start, shared.col
    keep = j > i
    i, j = i[keep], j[keep]
    gap = np.abs(features.ordinals[i] - features.ordinals[j])
    near = np.isnan(gap) | (gap <= WINDOW_DAYS)
    for k in np.flatnonzero(~near):
        a, b = i[k], j[k]
        near[k] = features.ordinals[b] in features.named[a] or features.ordinals[a] in features.named[b]
    return i[near].astype(np.int64), j[near].astype(np.int64)


def _lead_end(an: Analysis) -> int:
    return an.sentences[LEAD_SENTENCES - 1][1] if len(an.sentences) >= LEAD_SENTENCES else len(an.article.text)


def _actor_terms(an: Analysis) -> Counter[str]:
    """Actors weighted by salience; a person by surname, so "Trump" in one outlet meets "Donald J. Trump" in another.
    Groups ("Democratic", "Americans", "Muslims": nationalities, parties, religions) are left out: they describe the
    people in a story rather than name who is in it, so two stories sharing them are no closer."""
    terms: Counter[str] = Counter()
    for a in an.actors:
        if a.kind == "group":
            continue
        key = name_key(a.name)
        terms[key.split()[-1] if a.kind == "person" and key else key] += 1 + 10 * a.salience  # type: ignore[assignment]  # a Counter of weights
    return terms


def _named_days(an: Analysis) -> set[dt.date]:
    """The single days an article names other than its own date ("Monday's debate", "on Sept. 26"): two articles
    naming the same day, or one naming the day the other appeared, likely tell one story."""
    own = an.article.published
    return {t.range.start for t in an.timexes if t.range is not None and t.range.start == t.range.end and t.range.start != own}


def group_stories(analyses: Sequence[Analysis]) -> list[list[int]]:
    """Article indices grouped by story (average-linkage clustering), each group most central article first.

    Only candidate pairs are compared, ROWS articles' worth at a time, so no all-pairs matrix is built: the pairs at
    SAME_STORY or more link articles into components, and each component is clustered on its own. That is the
    clustering of the whole: an average of similarities reaches SAME_STORY only if one of them does, so no merge
    ever joins two components, and within one the merges come in the same order."""
    n = len(analyses)
    if n == 0:
        return []
    features = Features.of(analyses)
    links_i, links_j = [], []
    for start in range(0, n, ROWS):
        i, j = candidate_pairs(features, range(start, min(n, start + ROWS)))
        for lo in range(0, len(i), PAIRS):
            a, b = i[lo : lo + PAIRS], j[lo : lo + PAIRS]
            linked = features.pair_similarity(a, b) >= SAME_STORY
            links_i.append(a[linked])
            links_j.append(b[linked])
    i, j = (np.concatenate(links_i), np.concatenate(links_j)) if links_i else (np.zeros(0, int), np.zeros(0, int))
    graph = sparse.coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n))
    _, labels = csgraph.connected_components(graph, directed=False)
    components: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        components.setdefault(int(label), []).append(index)
    groups: list[list[int]] = []
    for members in components.values():
        if len(members) == 1:
            groups.append(members)
            continue
        sim = features.block(members)
        for g in _average_linkage(sim):
            groups.append([members[x] for x in g])
    return sorted(groups, key=min)


def _average_linkage(sim: np.ndarray) -> list[list[int]]:
    """Groups of a similarity matrix's rows, merged while their average similarity is SAME_STORY or more, each most
    central row first."""
    n = len(sim)
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


def _tfidf(bags: Sequence[Counter[str]]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Unit-length sublinear TF-IDF rows (sparse) and each column's document frequency; terms in one document only
    cannot link two, so they are dropped (after the norm, as the cosines always were)."""
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
    counts = np.zeros(max(1, len(vocab)), dtype=np.int64)
    for t, col in vocab.items():
        counts[col] = df[t]
    return matrix, counts


def pairwise_scores(predicted: Sequence[Sequence[str]], gold: Sequence[Sequence[str]]) -> tuple[float, float]:
    """Pairwise precision and recall of a grouping: of the pairs put in one story, how many tell one story, and of
    those that do, how many were put together. Articles in no gold group are stories of their own."""

    def pairs(groups: Sequence[Sequence[str]]) -> set[frozenset[str]]:
        return {frozenset((a, b)) for g in groups for i, a in enumerate(g) for b in g[i + 1 :]}

    found, true = pairs(predicted), pairs(gold)
    both = len(found & true)
    return (both / len(found) if found else 1.0), (both / len(true) if true else 1.0)
