"""Per-article analysis as Dask tasks: the model loaded once per worker, articles sent in partitions, failures listed."""

from __future__ import annotations

import datetime as dt
import threading
import warnings
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from distributed import Client, Future, LocalCluster, WorkerPlugin

from ..errors import ConfigError, InputError
from ..extract.nlp import DEFAULT_MODEL, load_model
from ..inputs.readers import article_from_record
from ..model import Analysis, Article, Brief, Problem
from ..settings import Options
from .analyse import analyse_each
from .assemble import assemble

if TYPE_CHECKING:  # the bag and DataFrame modules load only for the API's callers, who have them loaded already
    import dask.bag as db
    import dask.dataframe as dd

CLUSTER_ENV = "BRIEFGEN_CLUSTER"
PARTITION = 16  # articles per task: enough to batch the parse, small enough that a lost worker costs little
AHEAD = 4  # partitions in flight per worker: enough that none waits for work while the oldest is read
RETRIES = 3  # a task whose worker died (or that raised) runs again elsewhere, up to this many times
CONNECT_SECONDS = 30
# spaCy's pipeline is not documented as thread-safe: one task at a time per worker process.
_analysing = threading.Lock()


class ModelPlugin(WorkerPlugin):
    """Loads the spaCy model when a worker starts (or joins later), so tasks find it loaded: once per worker."""

    name = "briefgen-model"

    def __init__(self, model: str = DEFAULT_MODEL) -> None:
        self.model = model

    def setup(self, worker: object) -> None:
        load_model(self.model)  # cached for the process's life; a missing model fails here, then in the task


def model_loads() -> int:
    """How many times this process loaded a spaCy model (`load_model`'s cache misses); run on each worker."""
    return load_model.cache_info().misses


def analyse_partition(articles: Sequence[Article], options: Options, as_of: dt.date, model: str) -> list[Analysis | Problem]:
    """One task: analyse a partition of articles with the worker's model; an article that fails is a Problem."""
    with _analysing:
        nlp = load_model(model)
        return list(analyse_each(articles, nlp, options, as_of))


def analyse_remote(
    client: Client, articles: Sequence[Article], options: Options, as_of: dt.date, model: str, partition: int = PARTITION
) -> Iterator[Analysis | Problem]:
    """The outcome of every article, in input order, analysed as tasks on the cluster.

    Partitions are submitted a few per worker ahead of the one being read, not all at once: the articles then travel
    a partition at a time instead of as one graph the size of the input (27 MiB for 10,000 articles, which the
    scheduler holds and Dask warns about), and neither the scheduler, the workers nor this process hold more than a
    window of them. Each partition's results are released as soon as they are read."""
    parts = (list(articles[i : i + partition]) for i in range(0, len(articles), partition))
    window = max(2, AHEAD * len(client.scheduler_info().get("workers", {})))
    pending: deque[Future] = deque()
    for part in parts:
        pending.append(client.submit(analyse_partition, part, options, as_of, model, retries=RETRIES, pure=False))
        if len(pending) >= window:
            yield from _take(pending.popleft())
    while pending:
        yield from _take(pending.popleft())


def _take(future: Future) -> list[Analysis | Problem]:
    result: list[Analysis | Problem] = future.result()
    future.release()
    return result


def parse_spec(spec: str) -> int | str:
    """`local:N` gives N (workers of a local cluster); anything else is a scheduler address like tcp://HOST:8786."""
    if spec.startswith("local:"):
        count = spec.removeprefix("local:")
        if not count.isdigit() or not 1 <= int(count) <= 64:
            raise ConfigError(f"--cluster {spec!r}: local:N takes a number of workers from 1 to 64")
        return int(count)
    if "://" not in spec or spec.endswith("://"):
        raise ConfigError(f"--cluster {spec!r}: expected a scheduler address such as tcp://HOST:8786, or local:N")
    return spec


def local_cluster(workers: int) -> LocalCluster:
    """A cluster of worker processes on this machine, on loopback only, one thread each, no dashboard."""
    with warnings.catch_warnings():
        # Without a dashboard the scheduler still serves health and metrics over HTTP on the loopback address; when
        # its usual port is taken (another local cluster) it takes a free one, which needs no warning.
        warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None)


@contextmanager
def connect(spec: str, model: str = DEFAULT_MODEL) -> Iterator[Client]:
    """A client of the cluster `spec` names (see `parse_spec`), every worker loading `model` once; closed after."""
    target = parse_spec(spec)
    cluster = local_cluster(target) if isinstance(target, int) else None
    try:
        try:
            client = Client(cluster if cluster is not None else target, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {spec} ({exc}); check --cluster or ${CLUSTER_ENV}") from exc
        try:
            client.register_plugin(ModelPlugin(model))
            yield client
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


# The Python API for teams with their own Dask pipelines.


def _analyse_records(records: Iterable[Mapping[str, object]], options: Options, as_of: dt.date, model: str) -> list[Analysis | Problem]:
    """One partition of article dicts: a record that is no article, or whose analysis fails, is a Problem."""
    outcomes: list[Analysis | Problem | None] = []
    articles: list[Article] = []
    for n, record in enumerate(records):
        where = str(record.get("id") or f"record {n + 1} of its partition")
        try:
            articles.append(article_from_record(record, where))
            outcomes.append(None)
        except InputError as exc:
            outcomes.append(Problem(where, str(exc).removeprefix(f"{where}: ")))
    analysed = iter(analyse_partition(articles, options, as_of, model))
    return [o if o is not None else next(analysed) for o in outcomes]


def analyse_bag(articles: db.Bag, as_of: dt.date, options: Options | None = None, model: str = DEFAULT_MODEL) -> db.Bag:
    """A bag of article dicts (see `briefgen.inputs.readers.article_from_record`) mapped, partition by partition, to a bag of Analysis (or
    Problem, for a record that is no article or fails): lazy, computed by the caller's scheduler. `as_of` resolves
    the relative dates of undated articles (a dated one is read against its own date). Register `ModelPlugin` on
    the client so each worker loads the model once when it starts; without it, each loads it at its first task."""
    return articles.map_partitions(_analyse_records, options=options or Options(), as_of=as_of, model=model)


def analyse_dataframe(frame: dd.DataFrame, as_of: dt.date, options: Options | None = None, model: str = DEFAULT_MODEL) -> db.Bag:
    """`analyse_bag` over a Dask DataFrame with `text` and optional `id`, `title`, `published`, `source`, `url` columns."""
    if "text" not in frame.columns:
        raise InputError(f"the DataFrame has no 'text' column (it has {', '.join(map(str, frame.columns))})")
    return analyse_bag(frame.to_bag(format="dict"), as_of, options, model)


def digest_from(
    outcomes: Iterable[Analysis | Problem], as_of: dt.date | None = None, title: str | None = None, audience: str = "digest"
) -> Brief:
    """A digest Brief from computed outcomes (analyses, and problems to list), read once: stories grouped, calendar,
    actors and quotes across them; `as_of` defaults to the newest article's date. `briefgen.jsonout.dumps` gives
    its JSON, `briefgen.render` its HTML and PDF."""
    analyses: list[Analysis] = []
    problems: list[Problem] = []
    for outcome in outcomes:
        (problems if isinstance(outcome, Problem) else analyses).append(outcome)  # type: ignore[arg-type]
    if not analyses:
        raise InputError(
            f"no article could be analysed ({problems[0].source}: {problems[0].message})" if problems else "no article to make a digest of"
        )
    dates = [a.article.published for a in analyses if a.article.published]
    ref = as_of or (max(dates) if dates else dt.date.today())
    return assemble(analyses, ref, title=title, audience=audience, problems=problems, kind="digest")
