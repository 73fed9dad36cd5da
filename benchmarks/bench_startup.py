"""Start-up time of `briefgen --help` (no spaCy loaded) beside `import spacy` alone, each the median of fresh processes."""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBES = {
    "python -c pass": "pass",
    "briefgen --help": "import sys; from briefgen.cli import main; sys.exit(main(['--help']))",
    "import briefgen": "import briefgen",
    "import spacy (for scale)": "import spacy",
}


def seconds(code: str, repeat: int) -> list[float]:
    """Wall-clock seconds of `repeat` fresh interpreters running `code`."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - t0)
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=7, help="processes per probe [default: 7]")
    args = ap.parse_args(argv)
    print(f"{'probe':28s} {'median s':>9s} {'min s':>7s}")
    for label, code in PROBES.items():
        ts = seconds(code, args.repeat)
        print(f"{label:28s} {statistics.median(ts):9.3f} {min(ts):7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
