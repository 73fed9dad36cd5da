"""The analysis stage: parse each article once and run every extractor on its Doc."""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .actors import extract_actors
from .events import extract_events, extract_undated_events
from .facts import extract_facts
from .model import Analysis, Article
from .nlp import parse, sentence_spans
from .quotes import extract_quotes
from .summarise import DEFAULT_SUMMARIZER, summarise
from .timexes import extract_timexes


@dataclass(frozen=True)
class Options:
    """What the user chose for the analysis."""

    summarizer: str = DEFAULT_SUMMARIZER
    summary_sentences: int | None = None  # None: grows with the article
    fact_count: int | None = None


class StageTimes:
    """Seconds spent per stage, for benchmarks; instrumentation only, never read by the stages."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - t0


def analyse(articles: Iterable[Article], nlp: Language, options: Options, as_of: dt.date, times: StageTimes | None = None,
            jobs: int = 1) -> Iterator[Analysis]:
    """Analyse articles in input order; each text is parsed exactly once, in batches (in `jobs` processes)."""
    times = times or StageTimes()
    pending = list(articles)
    docs = parse(nlp, (a.text for a in pending), n_process=jobs)
    for article in pending:
        with times.stage("parse"):
            doc = next(docs)
        yield analyse_doc(article, doc, options, as_of, times)


def analyse_doc(article: Article, doc: Doc, options: Options, as_of: dt.date, times: StageTimes) -> Analysis:
    ref = article.published or as_of
    sentences = sentence_spans(doc)
    lead_end = sentences[1][1] if len(sentences) > 1 else len(doc.text)
    with times.stage("actors"):
        actors = extract_actors(doc, title_end=lead_end)
    with times.stage("timexes"):
        timexes = extract_timexes(doc, ref)
    with times.stage("quotes"):
        quotes = extract_quotes(doc, actors, article.id)
    with times.stage("events"):
        events = extract_events(doc, timexes, actors, ref, article.id, sentences)
        undated = extract_undated_events(doc, timexes, actors, article.id, sentences, events)
    with times.stage("summary"):
        summary = summarise(doc, sentences, options.summarizer, options.summary_sentences)
    with times.stage("facts"):
        facts = extract_facts(doc, sentences, actors, timexes, summary, article.id, options.fact_count)
    return Analysis(article, summary, actors.actors, quotes, events, facts, timexes, tuple(sentences), undated)
