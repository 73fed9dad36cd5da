"""One article whose analysis fails is a listed problem; the others make the brief (extract and digest, here)."""

from __future__ import annotations

import json

import pytest

import briefgen.run.analyse as stage
from briefgen.cli import main

from .conftest import EXAMPLES

FAILING = "2024-02-29_whitehouse_statement-government-funding-bill"


@pytest.fixture
def one_article_breaks(monkeypatch):
    """The dates stage raises on one real article, as a bug met on one input would."""
    original = stage.extract_timexes

    def broken(doc, ref):
        if "damaging shutdown" in doc.text:
            raise ValueError("a bug met on this article")
        return original(doc, ref)

    monkeypatch.setattr(stage, "extract_timexes", broken)


@pytest.mark.parametrize("command", ["extract", "digest"])
def test_a_failing_article_is_a_problem_and_the_others_are_kept(one_article_breaks, tmp_path, capsys, validate, command):
    inputs = sorted(str(p) for p in EXAMPLES.glob("2024-02-29_*"))
    out = tmp_path / "out.json"
    extra = ["--no-cache"] if command == "digest" else []
    assert main([command, *inputs, "-o", str(out), *extra]) == 0  # was exit 70, and no JSON
    brief = validate(json.loads(out.read_text()))
    assert [a["id"] for a in brief["articles"]] == [p.rsplit("/", 1)[1][:-4] for p in inputs if FAILING not in p]
    (problem,) = brief["problems"]
    assert FAILING in problem["source"] and "ValueError: a bug met on this article" in problem["message"]
    err = capsys.readouterr().err
    assert "1 problem" in err and FAILING in err and "Traceback" not in err


def test_with_strict_a_failing_article_stops_the_run_in_one_line(one_article_breaks, tmp_path, capsys):
    out = tmp_path / "out.json"
    assert (
        main(
            [
                "extract",
                str(EXAMPLES / f"{FAILING}.txt"),
                str(EXAMPLES / "2024-02-29_whitehouse_readout-biden-call-qatar-amir.txt"),
                "-o",
                str(out),
                "--strict",
            ]
        )
        == 3
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and FAILING in err and "could not be analysed" in err and not out.exists()


def test_with_jobs_a_failing_article_in_a_worker_is_a_problem_too(one_article_breaks, tmp_path, validate):
    """--jobs 2 runs the extractors in forked workers (which inherit the broken stage): the failure is caught there,
    per article, so the worker's other articles and the other worker's come back."""
    from briefgen.run.workers import BATCH

    inputs = sorted(str(p) for p in EXAMPLES.glob("*.txt"))
    assert len(inputs) > BATCH and any(FAILING in p for p in inputs)  # two batches: both workers get one
    out = tmp_path / "out.json"
    assert main(["extract", *inputs, "-o", str(out), "--jobs", "2"]) == 0
    brief = validate(json.loads(out.read_text()))
    assert len(brief["articles"]) == len(inputs) - 1
    (problem,) = brief["problems"]
    assert FAILING in problem["source"] and "ValueError: a bug met on this article" in problem["message"]


def test_analyse_each_with_jobs_runs_and_isolates_in_the_workers(one_article_breaks, nlp, monkeypatch):
    """The isolating analysis (the one extract and digest use) runs the extractors in the workers with --jobs 2,
    as the plain one does: before, it parsed in spaCy's processes and analysed everything in the parent."""
    import datetime as dt
    import os
    from dataclasses import replace

    from briefgen.inputs.readers import read_inputs
    from briefgen.model import Problem
    from briefgen.settings import Options

    articles = read_inputs([str(EXAMPLES)])
    real = stage.analyse_doc

    def where(*args, **kwargs):  # marks each analysis with the process that made it
        an = real(*args, **kwargs)
        return replace(an, article=replace(an.article, origin=str(os.getpid())))

    monkeypatch.setattr(stage, "analyse_doc", where)
    outcomes = list(stage.analyse_each(articles, nlp, Options(), dt.date(2025, 12, 31), jobs=2))
    assert len(outcomes) == len(articles)
    problems = [o for o in outcomes if isinstance(o, Problem)]
    assert len(problems) == 1 and "ValueError" in problems[0].message
    pids = {o.article.origin for o in outcomes if not isinstance(o, Problem)}
    assert str(os.getpid()) not in pids and len(pids) == 2
