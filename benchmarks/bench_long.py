"""Time per KB of each stage on one long article (25 KB, 200 KB, 1 MB, made by joining real articles): every stage
should be linear in the article's size, its time per KB growing less than 2x from a smaller size to a larger one."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from briefgen.extract.nlp import DEFAULT_MODEL, load_model
from briefgen.inputs.readers import read_inputs
from briefgen.model import Article
from briefgen.outputs.json import dumps
from briefgen.run.analyse import StageTimes, analyse
from briefgen.run.assemble import assemble
from briefgen.settings import Options

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SIZES_KB = (25, 200, 1000)
BLOCK_KB = 25  # the repeated block of distinct articles
MIN_STAGE_SECONDS = 0.5  # stages faster than this on the largest article are noise, not a trend


def long_article(kb: int, folders: list[Path]) -> Article:
    """One article of about `kb` KB (1,000 characters each): a block of the first BLOCK_KB KB of real articles'
    bodies joined as paragraphs, repeated as often as needed and cut at a paragraph. Every size has the same mix of
    text (quotes, names, dates per KB), so a stage whose time per KB grows with the size is not linear; articles of
    different kinds joined in order would instead vary the mix from one size to the next."""
    bodies = [a.text for a in read_inputs([str(f) for f in folders]) if a.text.strip()]
    parts, size = [], 0
    for body in bodies:
        if size >= BLOCK_KB * 1000:
            break
        parts.append(body)
        size += len(body) + 2
    block = "\n\n".join(parts)
    copies = max(1, round(kb * 1000 / len(block)))
    text = "\n\n".join([block] * copies)
    return Article(f"long-{kb}kb", f"{kb} KB of joined articles", text, dt.date(2024, 1, 15))


def run(article: Article, nlp, as_of: dt.date) -> tuple[float, dict[str, float]]:
    times = StageTimes()
    t0 = time.perf_counter()
    analyses = list(analyse([article], nlp, Options(), as_of, times))
    with times.stage("assemble+json"):
        dumps(assemble(analyses, as_of))
    return time.perf_counter() - t0, dict(times.seconds)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default=",".join(map(str, SIZES_KB)), help="article sizes in KB (default: 25,200,1000)")
    ap.add_argument("--corpus", type=Path, action="append", help=f"folders of articles to join (default: {CORPUS} and examples/)")
    ap.add_argument("--model", default=DEFAULT_MODEL)
    args = ap.parse_args(argv)
    folders = args.corpus or [CORPUS, ROOT / "examples"]
    sizes = [int(s) for s in args.sizes.split(",")]
    nlp = load_model(args.model)
    as_of = dt.date(2024, 1, 15)
    run(long_article(5, folders), nlp, as_of)  # warm up (first calls, caches), so the smallest size is not penalised
    per_kb: dict[str, dict[int, tuple[float, float]]] = {}  # stage -> size -> (seconds, ms per KB)
    for kb in sizes:
        article = long_article(kb, folders)
        total, stages = run(article, nlp, as_of)
        real_kb = len(article.text) / 1000
        print(f"{real_kb:8.1f} KB: {total:7.1f} s, {1000 * total / real_kb:6.1f} ms/KB", flush=True)
        for stage, secs in {**stages, "total": total}.items():
            per_kb.setdefault(stage, {})[kb] = (secs, 1000 * secs / real_kb)
    print(f"\n{'stage':16s}" + "".join(f"{f'{kb} KB ms/KB':>16s}" for kb in sizes) + f"{'growth':>10s}")
    worst = 1.0
    for stage, by_size in sorted(per_kb.items(), key=lambda kv: -kv[1][sizes[-1]][0]):
        rates = [by_size[kb][1] for kb in sizes]
        # How much slower per KB a larger article is than a smaller one (a fixed cost that shrinks per KB is fine).
        ratio = max(r / max(min(rates[: i + 1]), 1e-9) for i, r in enumerate(rates))
        counted = by_size[sizes[-1]][0] >= MIN_STAGE_SECONDS
        worst = max(worst, ratio) if counted else worst
        print(f"{stage:16s}" + "".join(f"{r:16.2f}" for r in rates) + f"{ratio:10.2f}" + ("" if counted else "  (too fast to count)"))
    verdict = "linear" if worst <= 2 else "NOT linear"
    print(f"\nworst growth of the time per KB across sizes {worst:.2f}: {verdict} (goal: within 2x)")
    return 0 if worst <= 2 else 1


if __name__ == "__main__":
    sys.exit(main())
