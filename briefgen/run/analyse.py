"""The analysis stage: parse each article once and run every extractor on its Doc."""

from __future__ import annotations

import bisect
import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from spacy.language import Language
from spacy.tokens import Doc

from ..extract.actors import extract_actors
from ..extract.events import extract_events, extract_undated_events, put_to_principal, speaker_finder
from ..extract.facts import author_of, extract_facts, talk_kinds, talk_sentences, uninformative
from ..extract.nlp import doc_text, one_blas_thread, parse, sentence_spans
from ..extract.quotes import extract_quotes, quotes_from_turns
from ..extract.summaries import TRANSCRIPT_POSITION_WEIGHT, summarise
from ..extract.timexes import extract_timexes
from ..extract.transcripts import held_on, read_transcript, without_labels
from ..model import Analysis, Article, Fact, Problem
from ..settings import Options
from .workers import BATCH, analyse_parallel


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


def analyse(
    articles: Iterable[Article], nlp: Language, options: Options, as_of: dt.date, times: StageTimes | None = None, jobs: int = 1
) -> Iterator[Analysis]:
    """Analyse articles in input order; each text is parsed exactly once, in batches; with `jobs` > 1 the parse and
    the extractors run in that many worker processes. An article whose analysis fails raises."""
    for outcome in _analyse(articles, nlp, options, as_of, times, jobs, isolate=False):
        if isinstance(outcome, Problem):  # only from a worker process, which reports rather than raises
            raise RuntimeError(f"{outcome.source}: {outcome.message}")
        yield outcome


def analyse_each(
    articles: Iterable[Article], nlp: Language, options: Options, as_of: dt.date, times: StageTimes | None = None, jobs: int = 1
) -> Iterator[Analysis | Problem]:
    """As `analyse`, but an article whose analysis fails becomes a Problem naming it, and the others go on."""
    return _analyse(articles, nlp, options, as_of, times, jobs, isolate=True)


def _analyse(
    articles: Iterable[Article], nlp: Language, options: Options, as_of: dt.date, times: StageTimes | None, jobs: int, isolate: bool
) -> Iterator[Analysis | Problem]:
    times = times or StageTimes()
    pending = list(articles)
    if jobs > 1 and len(pending) > BATCH:
        yield from _parallel(pending, nlp, options, as_of, times, jobs)
        return
    docs = parse(nlp, (a.text for a in pending))
    for article in pending:
        with times.stage("parse"):
            doc = next(docs)
        try:
            with one_blas_thread():  # only around the work: never across a yield to the caller
                outcome: Analysis | Problem = analyse_doc(article, doc, options, as_of, times)
        except Exception as exc:  # one article's bug must not lose the others (unless the caller asks for it)
            if not isolate:
                raise  # the caller wants the error itself (and its traceback under --debug)
            outcome = failure(article, exc)
        yield outcome


def _parallel(
    pending: list[Article], nlp: Language, options: Options, as_of: dt.date, times: StageTimes, jobs: int
) -> Iterator[Analysis | Problem]:
    """The outcomes of `jobs` worker processes, in input order, their seconds per stage added to `times`."""
    for outcomes, seconds in analyse_parallel(pending, nlp, options, as_of, jobs):
        for stage, secs in seconds.items():
            times.seconds[stage] += secs  # the workers' seconds, summed: what each stage costs, not wall time
        yield from outcomes


def failure(article: Article, exc: BaseException) -> Problem:
    """The Problem that reports an article whose analysis raised: its origin, the error's kind and first line."""
    detail = (str(exc).splitlines() or [""])[0][:200]
    return Problem(article.origin or article.id, f"could not be analysed ({type(exc).__name__}{': ' + detail if detail else ''}); left out")


def analyse_doc(article: Article, doc: Doc, options: Options, as_of: dt.date, times: StageTimes) -> Analysis:
    ref = article.published or as_of
    sentences = sentence_spans(doc)
    lead_end = sentences[1][1] if len(sentences) > 1 else len(doc_text(doc))
    with times.stage("actors"):
        actors = extract_actors(doc, title_end=lead_end)
    with times.stage("transcript"):
        transcript = read_transcript(doc_text(doc), article.title, actors)
        if transcript is not None:
            sentences = without_labels(sentences, transcript, doc_text(doc))  # "MR. SULLIVAN:" is who speaks, not what is said
        # A call held the evening before it was published says "tomorrow" of the day it was published.
        held = held_on(doc_text(doc), transcript, article.published) if transcript is not None else None
    with times.stage("timexes"):
        timexes = extract_timexes(doc, held or ref)
    with times.stage("quotes"):
        quotes = extract_quotes(doc, actors, article.id)
    with times.stage("transcript"):
        author = author_of(article.title, actors) if transcript is None else None
        kinds = talk_kinds(doc, sentences)
        talk = talk_sentences(doc, sentences, kinds, transcript, actors, quotes, author)
    with times.stage("events"):
        speaker_at = speaker_finder(transcript.turns if transcript is not None else (), quotes)
        events = extract_events(doc, timexes, actors, ref, article.id, sentences, speaker_at)
        # A question ("Do you expect a ceasefire by Monday?") or a notice announces nothing, nor does a transcript's
        # reporter, moderator or audience: the principals announce (corpus_events: precision .39 -> .50, F1 up).
        no_news = kinds if transcript is None else talk
        events = tuple(
            e
            for e in events
            if not _in_talk(e.when.start if e.when else e.start, sentences, no_news)
            or transcript is not None
            and put_to_principal(doc, e.start, e.end)
        )
        undated = extract_undated_events(doc, timexes, actors, article.id, sentences, events, speaker_at)
        undated = tuple(e for e in undated if not _in_talk(e.start, sentences, no_news))
    with times.stage("summary"):
        if transcript is None:
            summary = summarise(doc, sentences, options.summarizer, options.summary_sentences, talk)
        else:  # a transcript's summary is its principals' informative statements, the opening less favoured
            summary = summarise(
                doc,
                sentences,
                options.summarizer,
                options.summary_sentences,
                talk | uninformative(doc, sentences, actors, timexes),
                TRANSCRIPT_POSITION_WEIGHT,
            )
    with times.stage("facts"):
        facts = extract_facts(
            doc,
            sentences,
            actors,
            timexes,
            summary,
            article.id,
            options.fact_count,
            talk=talk,
            quotes=quotes,
            transcript=transcript,
            author=author,
        )
    if transcript is not None:
        with times.stage("quotes"):
            quotes = quotes_from_turns(doc, sentences, transcript, talk | _indexes(sentences, facts), actors, timexes, quotes, article.id)
    return Analysis(article, summary, actors.actors, quotes, events, facts, timexes, tuple(sentences), transcript, undated)


def _in_talk(offset: int, sentences: list[tuple[int, int]], talk: frozenset[int]) -> bool:
    """Whether a character offset lies in a sentence that is talk."""
    i = bisect.bisect_right(sentences, (offset, float("inf"))) - 1
    return i >= 0 and offset < sentences[i][1] and i in talk


def _indexes(sentences: list[tuple[int, int]], facts: tuple[Fact, ...]) -> frozenset[int]:
    """The indexes of the sentences the facts already give (a quote from a turn would say them twice)."""
    spans = {(f.start, f.end) for f in facts}
    return frozenset(i for i, s in enumerate(sentences) if s in spans)
