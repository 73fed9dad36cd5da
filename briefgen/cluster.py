"""Per-article analysis as Dask tasks: the model loaded once per worker, articles sent in partitions, failures listed."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from distributed import Client, LocalCluster, WorkerPlugin

from .analyse import Options, analyse_each
from .errors import ConfigError
from .model import Analysis, Article, Problem
from .nlp import DEFAULT_MODEL, load_model

CLUSTER_ENV = "BRIEFGEN_CLUSTER"
PARTITION = 16  # articles per task: enough to batch the parse, small enough that a lost worker costs little
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


def analyse_remote(client: Client, articles: Sequence[Article], options: Options, as_of: dt.date, model: str,
                   partition: int = PARTITION) -> Iterator[Analysis | Problem]:
    """The outcome of every article, in input order, analysed as tasks on the cluster; each partition's results are
    released as soon as they are read, so neither the workers nor the client hold more than the analyses."""
    parts = [list(articles[i : i + partition]) for i in range(0, len(articles), partition)]
    futures = client.map(analyse_partition, parts, options=options, as_of=as_of, model=model, retries=RETRIES, pure=False)
    for future in futures:
        yield from future.result()
        future.release()


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
    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                        dashboard_address=None)


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

