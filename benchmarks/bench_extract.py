"""Throughput of `briefgen extract`: articles/s, words/s and the share of time per stage."""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from briefgen.extract.nlp import DEFAULT_MODEL, load_model
from briefgen.inputs.readers import read_inputs
from briefgen.outputs.json import dumps
from briefgen.run.analyse import StageTimes, analyse
from briefgen.run.assemble import assemble
from briefgen.settings import Options

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("inputs", nargs="*", help="extra text or JSON Lines files (default: only examples/*.txt)")
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--repeat", type=int, default=1, help="run over the articles this many times")
    args = ap.parse_args(argv)

    paths = sorted(str(p) for p in (ROOT / "examples").glob("*.txt")) + args.inputs
    articles = read_inputs(paths) * args.repeat
    words = sum(len(a.text.split()) for a in articles)
    t0 = time.perf_counter()
    nlp = load_model(args.model)
    load_s = time.perf_counter() - t0

    times = StageTimes()
    as_of = dt.date(2000, 1, 1)
    t0 = time.perf_counter()
    analyses = list(analyse(articles, nlp, Options(), as_of, times))
    with times.stage("assemble+json"):
        dumps(assemble(analyses, as_of))
    total = time.perf_counter() - t0

    print(f"model {args.model} loaded once in {load_s:.2f}s")
    print(f"{len(articles)} articles, {words} words in {total:.2f}s: {len(articles) / total:.1f} articles/s, {words / total:.0f} words/s")
    print(f"{'stage':16s} {'seconds':>8s} {'share':>7s}")
    for stage, secs in sorted(times.seconds.items(), key=lambda kv: -kv[1]):
        print(f"{stage:16s} {secs:8.2f} {secs / total:7.1%}")
    after = sum(s for k, s in times.seconds.items() if k != "parse")
    parse = times.seconds.get("parse", 0.0) or 1e-9
    print(f"everything after the parse costs {after / parse:.0%} of the parse (goal: under 30%)")


if __name__ == "__main__":
    main()
