"""Cluster benchmark: `briefgen extract` over real articles with --jobs 2 here, then on a 2-worker local Dask cluster.

The articles are every distinct text of the shared corpus and of the dev sets' *.input.jsonl, then repeats under
new ids until there are --articles of them; the cache is off. Each run is a separate process, as a user's would
be, timed from its start (model loads and, for the cluster, its start-up included). Reported: wall time, articles
per second, peak resident memory of each process (the main one, and each parse process or Dask worker), the
cluster's overhead over --jobs on the same machine (the goal: under 15%), and whether both JSONs are the same bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_digest import DEFAULT_CORPUS, DEFAULT_EVAL, build_input  # noqa: E402

OVERHEAD_GOAL = 0.15


def _peak_kib() -> int:
    """This process's peak resident memory (KiB), from /proc (VmHWM): what a Dask worker reports of itself."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child_local(path: str, out: str, jobs: int) -> dict:
    from briefgen.run.pipeline import run_extract
    from briefgen.settings import Settings

    run_extract(Settings((path,), out, jobs=jobs))
    # spaCy's parse processes are children of this one: the largest one's peak is RUSAGE_CHILDREN's.
    return {"main_kib": _peak_kib(), "workers_kib": [resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]}


def child_cluster(path: str, out: str, workers: int) -> dict:
    from briefgen.run.cluster import connect
    from briefgen.run.pipeline import run_extract
    from briefgen.settings import Settings

    # The run's own cluster, as `--cluster local:N` starts it; kept open after the run to read its workers' peaks.
    with connect(f"local:{workers}") as client:
        run_extract(Settings((path,), out, cluster=client.scheduler.address))
        peaks = client.run(_peak_kib)
    return {"main_kib": _peak_kib(), "workers_kib": sorted(peaks.values())}


def run_child(args: list[str], report: Path) -> tuple[float, dict]:
    """Wall time and the report of one child process running this file."""
    t0 = time.perf_counter()
    pid = os.posix_spawn(sys.executable, [sys.executable, __file__, *args], {**os.environ, "BENCH_REPORT": str(report)})
    _, status, _ = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"child {args[0]} failed")
    return wall, json.loads(report.read_text())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="folder of *.input.jsonl dev texts")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the shared corpus folder (else examples/)")
    ap.add_argument("--workers", type=int, default=2, help="--jobs here, and the local cluster's workers")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-cluster-") as tmp:
        folder = Path(tmp)
        path, n, distinct, words = build_input(folder, args.eval, args.articles, args.corpus)
        local_out, cluster_out = folder / "local.json", folder / "cluster.json"
        local, local_rep = run_child(["--child-local", str(path), str(local_out), str(args.workers)], folder / "r1.json")
        remote, remote_rep = run_child(["--child-cluster", str(path), str(cluster_out), str(args.workers)], folder / "r2.json")
        same = local_out.read_bytes() == cluster_out.read_bytes()

    def mib(kib: int) -> str:
        return f"{kib / 1024:.0f} MiB"

    overhead = remote / local - 1
    print(f"{n} articles ({distinct} distinct texts, then repeats under new ids), {words} words; cache off")
    print(
        f"extract --jobs {args.workers}:          {local:8.1f}s  {n / local:6.2f} articles/s  main {mib(local_rep['main_kib'])}, "
        f"largest parse process {mib(local_rep['workers_kib'][0])}"
    )
    print(
        f"extract --cluster local:{args.workers}: {remote:8.1f}s  {n / remote:6.2f} articles/s  main {mib(remote_rep['main_kib'])}, "
        f"workers {', '.join(mib(k) for k in remote_rep['workers_kib'])}"
    )
    print(f"cluster overhead over --jobs {args.workers}: {overhead:+.1%} (goal: under {OVERHEAD_GOAL:.0%}); same JSON bytes: {same}")
    print(f"per worker: {n / remote / args.workers:.2f} articles/s")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1].startswith("--child-"):
        kind, path, out, count = sys.argv[1:5]
        result = (child_local if kind == "--child-local" else child_cluster)(path, out, int(count))
        Path(os.environ["BENCH_REPORT"]).write_text(json.dumps(result))
    else:
        main()
