"""Quality gate: run `briefgen extract` over the annotated dev sets, score with the shared scorer, check the floors."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from briefgen.cli import main as briefgen

ROOT = Path(__file__).resolve().parent.parent
FLOORS = ROOT / "benchmarks" / "quality_floors.json"
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"

# (dev set, scorer task, extra extract options, [(label, path into the scorer's JSON)])
TASKS = [
    ("polnear_dev", "quotes", [], [
        ("quotes lenient F1", "lenient_quote.f1"),
        ("quotes lenient quote+speaker F1", "lenient_quote_and_speaker.f1"),
        ("quotes recall of fully-quoted gold", "recall_fully_quoted_gold.r"),
        ("quotes strict F1", "quote.f1"),
    ]),
    ("meantime_timex", "timex", [], [
        ("timex strict F1", "strict.f1"),
        ("timex relaxed F1", "relaxed.f1"),
        ("timex value F1", "value.f1"),
    ]),
    ("meantime_ner", "actors", [], [
        ("actors strict mention F1", "mention_strict.f1"),
        ("actors document-set F1", "document_set.f1"),
        ("actors relaxed mention F1", "mention_relaxed.f1"),
    ]),
    ("cnndm_summeval", "summary", ["--summary-sentences", "3"], [
        ("summary cnndm ROUGE-2 @3", "rouge2.f1"),
        ("summary cnndm ROUGE-Lsum @3", "rougeLsum.f1"),
    ]),
    ("bbc_summaries", "summary", ["--summary-sentences", "3"], [
        ("summary bbc ROUGE-2 @3", "rouge2.f1"),
    ]),
    # The BBC references are machine-made and TextRank-like: watch that method on them, do not tune the default.
    ("bbc_summaries", "summary", ["--summary-sentences", "3", "--summarizer", "textrank"], [
        ("summary bbc ROUGE-2 @3, textrank", "rouge2.f1"),
    ]),
    # Story grouping: pairwise precision and recall against the same-story labels kept in tests/same_story.json.
    ("polnear_dev", "stories", [], [
        ("stories polnear pairwise precision", "precision"),
        ("stories polnear pairwise recall", "recall"),
    ]),
]
SAME_STORY_LABELS = ROOT / "tests" / "same_story.json"


def score_stories(name: str, pred: Path) -> dict:
    """The stories scorer, local because its labels are the project's: pairwise precision and recall of the grouping."""
    from briefgen.stories import pairwise_scores

    data = json.loads(pred.read_text(encoding="utf-8"))
    labels = json.loads(SAME_STORY_LABELS.read_text(encoding="utf-8"))[name]
    ids = {a["id"] for a in data["articles"]}
    missing = sorted({i for g in labels for i in g} - ids)
    precision, recall = pairwise_scores([s["article_ids"] for s in data["stories"]], labels)
    return {"precision": precision, "recall": recall, "diagnostics": {"missing_articles": missing}}


def _get(obj: dict, path: str) -> float:
    for key in path.split("."):
        obj = obj[key]
    return float(obj) * 100  # type: ignore[arg-type]


def measure(eval_dir: Path) -> dict[str, float]:
    scores: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n, (name, task, extra, metrics) in enumerate(TASKS):
            inp = eval_dir / "dev" / f"{name}.input.jsonl"
            gold = eval_dir / "dev" / f"{name}.jsonl"
            pred = Path(tmp) / f"{n}-{name}.json"
            code = briefgen(["extract", str(inp), "-o", str(pred), *extra])
            if code != 0:
                raise SystemExit(f"quality: briefgen extract failed on {inp} (exit {code})")
            if task == "stories":
                result = score_stories(name, pred)
            else:
                run = subprocess.run([sys.executable, str(eval_dir / "score.py"), task, "--gold", str(gold), "--pred", str(pred), "--json"],
                                     check=True, capture_output=True, text=True)
                result = json.loads(run.stdout)
            diag = result["diagnostics"]
            if diag.get("offset_errors") or diag.get("text_mismatch_articles") or diag.get("missing_articles"):
                raise SystemExit(f"quality: {name}: scorer diagnostics are not clean: {diag}")
            for label, path in metrics:
                scores[label] = round(_get(result, path), 2)
    return scores


def eval_folder(path: Path) -> Path | None:
    """The eval folder holding score.py and dev/, given it or its dev/ folder; None when neither."""
    for folder in (path, path.parent) if path.name == "dev" else (path,):
        if (folder / "score.py").is_file() and (folder / "dev").is_dir():
            return folder
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("eval_dir", nargs="?", default=str(DEFAULT_EVAL), help="the shared eval folder (with dev/ and score.py), or its dev/ folder")
    ap.add_argument("--write-floors", action="store_true", help="pin the current scores as the new floors")
    args = ap.parse_args(argv)
    eval_dir = eval_folder(Path(args.eval_dir))
    if eval_dir is None:
        print(f"quality: {args.eval_dir} has no score.py and dev/ folder: pass the shared eval folder "
              f"(default ../shared/eval next to the checkout)", file=sys.stderr)
        return 2
    scores = measure(eval_dir)
    floors = json.loads(FLOORS.read_text()) if FLOORS.is_file() else {}
    failed = []
    print(f"{'metric':40s} {'score':>7s} {'floor':>7s}")
    for label, score in scores.items():
        floor = floors.get(label)
        ok = floor is None or score >= floor
        failed += [] if ok else [label]
        print(f"{label:40s} {score:7.2f} {('%7.2f' % floor) if floor is not None else '      -'}  {'ok' if ok else 'BELOW FLOOR'}")
    if args.write_floors:
        FLOORS.write_text(json.dumps(scores, indent=2) + "\n")
        print(f"wrote {FLOORS}")
        return 0
    missing = [k for k in floors if k not in scores]
    if failed or missing:
        print(f"quality: {len(failed)} metric(s) below their floor{'; missing: ' + ', '.join(missing) if missing else ''}", file=sys.stderr)
        return 1
    print(f"quality: all {len(scores)} metrics at or above their floors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
