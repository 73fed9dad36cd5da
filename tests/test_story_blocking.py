"""Story grouping by candidate pairs and components gives the stories of the all-pairs clustering it replaced."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
import pytest
from scipy import sparse

from briefgen.extract import stories
from briefgen.inputs.readers import read_inputs
from briefgen.model import Analysis
from briefgen.run.pipeline import analyse_all
from briefgen.settings import Options

from .conftest import SHARED


def _cosines(bags: Sequence[Counter[str]]) -> np.ndarray:
    n = len(bags)
    df = Counter(t for bag in bags for t in bag)
    vocab = {t: i for i, t in enumerate(sorted(t for t, c in df.items() if c > 1))}
    m = np.zeros((n, max(1, len(vocab))))
    for row, bag in enumerate(bags):
        weights = {t: (1 + math.log(c)) * math.log((n + stories.PRIOR_DOCS + 1) / (df[t] + 1)) for t, c in bag.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        for t, w in weights.items():
            if t in vocab:
                m[row, vocab[t]] = w / norm
    return m @ m.T


def _all_pairs_grouping(analyses: Sequence[Analysis]) -> list[list[int]]:
    """The grouping as it was before blocking: one dense n x n similarity matrix, clustered whole."""
    s = stories
    words = _cosines([s._terms(an.article.title + "\n" + an.article.text) for an in analyses])
    lead = _cosines([s._terms(an.article.title + "\n" + an.article.text[: s._lead_end(an)]) for an in analyses])
    actors = _cosines([s._actor_terms(an) for an in analyses])
    named = [s._named_days(an) for an in analyses]
    days = _cosines([Counter(d.isoformat() for d in n) for n in named])
    sim = s.WORDS * words + s.LEAD * lead + s.ACTORS * actors + s.DAYS * days
    published = [an.article.published for an in analyses]
    ordinals = np.array([d.toordinal() if d else np.nan for d in published])
    gap = np.abs(ordinals[:, None] - ordinals[None, :])
    damp = np.where(np.isnan(gap) | (gap <= s.NEAR_DAYS), 1.0, np.exp(-(np.nan_to_num(gap) - s.NEAR_DAYS) / s.DECAY_DAYS))
    by_day: dict[dt.date, list[int]] = {}
    for j, d in enumerate(published):
        if d is not None:
            by_day.setdefault(d, []).append(j)
    for i, n in enumerate(named):
        for d in n:
            for j in by_day.get(d, ()):
                damp[i, j] = damp[j, i] = 1.0
    return s._average_linkage(sim * damp)


@pytest.fixture(scope="module")
def polnear_analyses(nlp) -> list[Analysis]:
    articles = read_inputs([str(SHARED / "eval" / "dev" / "polnear_dev.input.jsonl")])
    return analyse_all(articles, Options(), max(a.published for a in articles if a.published), None)


@pytest.mark.parametrize("rows, pairs", [(stories.ROWS, stories.PAIRS), (5, 7)])
def test_the_same_stories_as_all_pairs_on_the_small_digests(example_analyses, polnear_analyses, monkeypatch, rows, pairs):
    """On examples/ (40 articles, 1997 to 2025) and the PolNeAR dev set (84, one month), in steps of the default size
    and in tiny ones: the same groups, in the same order, each with the same most central article."""
    monkeypatch.setattr(stories, "ROWS", rows)
    monkeypatch.setattr(stories, "PAIRS", pairs)
    for analyses in (list(example_analyses.values()), polnear_analyses):
        expected = _all_pairs_grouping(analyses)
        assert stories.group_stories(analyses) == expected
        assert sum(len(g) > 1 for g in expected) >= 3  # there are stories to find, not only singletons


def test_pairs_are_compared_only_within_the_date_window_and_among_shared_terms(example_analyses, monkeypatch):
    """The examples span 28 years: articles far apart in time, with no day named between them, are never compared."""
    analyses = list(example_analyses.values())
    features = stories.Features.of(analyses)
    i, j = stories.candidate_pairs(features, range(len(analyses)))
    n = len(analyses)
    assert 0 < len(i) < n * (n - 1) / 2 / 2
    gaps = np.abs(features.ordinals[i] - features.ordinals[j])
    far = gaps > stories.WINDOW_DAYS
    assert all(features.ordinals[b] in features.named[a] or features.ordinals[a] in features.named[b] for a, b in zip(i[far], j[far]))
    # A term in more articles than BLOCK_DF proposes nothing: with BLOCK_DF 1, nothing is proposed at all.
    monkeypatch.setattr(stories, "BLOCK_DF", 1)
    assert len(stories.candidate_pairs(stories.Features.of(analyses), range(n))[0]) == 0
    assert isinstance(features.blocking, sparse.csr_matrix)


def test_pair_similarity_is_the_clusterings_own(example_analyses, polnear_analyses):
    """The similarity that links candidate pairs is read from one product per block of rows (#18: taking each pair's
    rows out of the matrices was most of the assembly), and is the very number the clustering then uses, to the bit."""
    for analyses in (list(example_analyses.values()), polnear_analyses):
        features = stories.Features.of(analyses)
        n = len(analyses)
        i, j = stories.candidate_pairs(features, range(n))
        assert len(i) > 50
        assert np.array_equal(features.pair_similarity(i, j), features.block(range(n))[i, j])
        i2, j2 = stories.candidate_pairs(features, range(3, 10))  # a block of rows that does not start at the first
        assert len(i2) and np.array_equal(features.pair_similarity(i2, j2), features.block(range(n))[i2, j2])
