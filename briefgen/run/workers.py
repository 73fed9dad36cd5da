"""Parallel analysis (`--jobs N`): each worker process parses a batch of articles and runs every extractor on it."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING

from spacy.language import Language

from ..model import Analysis, Article, Problem

if TYPE_CHECKING:
    from ..settings import Options

# Articles per task: one nlp.pipe batch, so a worker parses in full batches, and results come back in input order
# soon enough for the parent to write the cache as it goes.
BATCH = 16

# What every task of a worker needs, set once per worker process by the pool's initializer.
_setup: tuple[Language, Options, dt.date] | None = None


def batches(articles: Sequence[Article], size: int = BATCH) -> Iterator[list[Article]]:
    """The articles in consecutive lists of at most `size`, in input order."""
    it = iter(articles)
    while batch := list(islice(it, size)):
        yield batch


def analyse_parallel(
    articles: Sequence[Article], nlp: Language, options: Options, as_of: dt.date, jobs: int
) -> Iterator[tuple[list[Analysis | Problem], dict[str, float]]]:
    """Each batch's analyses (or the Problem of an article whose analysis failed) and seconds per stage, in input
    order, from `jobs` worker processes.

    The parse and every extractor after it run in the workers, so the parent only gathers results (with spaCy's
    own n_process only the parse was parallel, and the summaries and the rest kept `--jobs 2` at 1.02x). The
    workers are forked: they share the model the parent loaded instead of pickling or loading it again.
    """
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(jobs, initializer=_init, initargs=(nlp, options, as_of)) as pool:
        yield from pool.imap(_run, batches(articles))


def _init(nlp: Language, options: Options, as_of: dt.date) -> None:
    global _setup  # one per worker process, set by the pool's initializer
    _setup = (nlp, options, as_of)


def _run(batch: list[Article]) -> tuple[list[Analysis | Problem], dict[str, float]]:
    from .analyse import StageTimes, analyse_each  # imported here: analyse imports this module

    assert _setup is not None, "the pool's initializer sets up each worker"
    nlp, options, as_of = _setup
    times = StageTimes()
    # One article's failure is isolated here, in the worker, so the batch's other analyses still come back.
    return list(analyse_each(batch, nlp, options, as_of, times, jobs=1)), dict(times.seconds)
