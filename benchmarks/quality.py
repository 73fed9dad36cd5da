"""Quality gate: run `briefgen extract` over the annotated dev sets, score with the shared scorer, check the floors."""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from briefgen.cli import main as briefgen

ROOT = Path(__file__).resolve().parent.parent
FLOORS = ROOT / "benchmarks" / "quality_floors.json"
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"

# (dev set, scorer task, extra extract options, [(label, path into the scorer's JSON)]); a dev set named
# "INPUT:GOLD" reads INPUT.input.jsonl and scores against GOLD.jsonl.
TASKS = [
    (
        "polnear_dev",
        "quotes",
        [],
        [
            ("quotes lenient F1", "lenient_quote.f1"),
            ("quotes lenient quote+speaker F1", "lenient_quote_and_speaker.f1"),
            ("quotes recall of fully-quoted gold", "recall_fully_quoted_gold.r"),
            ("quotes strict F1", "quote.f1"),
        ],
    ),
    (
        "meantime_timex",
        "timex",
        [],
        [
            ("timex strict F1", "strict.f1"),
            ("timex relaxed F1", "relaxed.f1"),
            ("timex value F1", "value.f1"),
        ],
    ),
    (
        "meantime_ner",
        "actors",
        [],
        [
            ("actors strict mention F1", "mention_strict.f1"),
            ("actors document-set F1", "document_set.f1"),
            ("actors relaxed mention F1", "mention_relaxed.f1"),
        ],
    ),
    (
        "cnndm_summeval",
        "summary",
        ["--summary-sentences", "3"],
        [
            ("summary cnndm ROUGE-2 @3", "rouge2.f1"),
            ("summary cnndm ROUGE-Lsum @3", "rougeLsum.f1"),
        ],
    ),
    (
        "bbc_summaries",
        "summary",
        ["--summary-sentences", "3"],
        [
            ("summary bbc ROUGE-2 @3", "rouge2.f1"),
        ],
    ),
    # The BBC references are machine-made and TextRank-like: watch that method on them, do not tune the default.
    (
        "bbc_summaries",
        "summary",
        ["--summary-sentences", "3", "--summarizer", "textrank"],
        [
            ("summary bbc ROUGE-2 @3, textrank", "rouge2.f1"),
        ],
    ),
    # CoNLL-2003 (Reuters 1996; annotation without determiners or titles in names): the news documents, then all
    # (sports results included). A fifth item gives the scorer's own options; one extract serves both.
    (
        "conll2003_eng_testa",
        "actors",
        [],
        [
            ("actors conll news strict mention F1", "mention_strict.f1"),
            ("actors conll news ORG strict F1", "mention_strict_by_type.ORG.f1"),
        ],
        ["--where", "topic=news"],
    ),
    (
        "conll2003_eng_testa",
        "actors",
        [],
        [
            ("actors conll strict mention F1", "mention_strict.f1"),
        ],
    ),
    # Dates (#13): TimeBank's TIMEX3 values, and Duckling's English time corpus (eval/score_duckling.py)
    (
        "timebank_events",
        "timex",
        [],
        [
            ("timex timebank strict F1", "strict.f1"),
            ("timex timebank value F1", "value.f1"),
        ],
    ),
    (
        "duckling_timex",
        "duckling",
        [],
        [
            ("duckling points value, not holiday, unambiguous", "points_plain"),
            ("duckling holidays value, common (US/UK)", "holidays_common"),
            ("duckling holidays value, other calendars", "holidays_other"),
            ("duckling intervals exact range", "intervals_range"),
            ("duckling clock times full", "clock_full"),
        ],
    ),
    # Upcoming events over the corpus, transcripts included (a reporter's question announces nothing).
    (
        "corpus_events",
        "upcoming",
        [],
        [
            ("upcoming corpus_events detection F1", "detection.f1"),
            ("upcoming corpus_events detection precision", "detection.p"),
        ],
    ),
    # Upcoming events as analysts list them (events-guidelines.md), and as TimeML annotators dated them.
    (
        "polnear_dev:polnear_events",
        "upcoming",
        [],
        [
            ("upcoming polnear P", "detection.p"),
            ("upcoming polnear F1", "detection.f1"),
            ("upcoming polnear what_ok", "what_ok"),
            ("upcoming polnear what_f1", "what_f1"),
            ("upcoming polnear date_exact", "date_exact"),
            ("upcoming polnear recall_undated", "recall_undated.r"),
        ],
    ),
    (
        "corpus_events",
        "upcoming",
        [],
        [
            ("upcoming corpus what_ok", "what_ok"),
            ("upcoming corpus recall_undated", "recall_undated.r"),
        ],
    ),
    (
        "timebank_events",
        "events",
        [],
        [
            ("events timebank F1", "detection.f1"),
        ],
    ),
    (
        "meantime_timex:meantime_events",
        "events",
        [],
        [
            ("events meantime F1", "detection.f1"),
        ],
    ),
    # Story grouping: pairwise precision and recall against the same-story labels kept in tests/same_story.json.
    (
        "polnear_dev",
        "stories",
        [],
        [
            ("stories polnear pairwise precision", "precision"),
            ("stories polnear pairwise recall", "recall"),
        ],
    ),
]
SAME_STORY_LABELS = ROOT / "tests" / "same_story.json"


def score_stories(name: str, pred: Path) -> dict:
    """The stories scorer, local because its labels are the project's: pairwise precision and recall of the grouping."""
    from briefgen.extract.stories import pairwise_scores

    data = json.loads(pred.read_text(encoding="utf-8"))
    labels = json.loads(SAME_STORY_LABELS.read_text(encoding="utf-8"))[name]
    ids = {a["id"] for a in data["articles"]}
    missing = sorted({i for g in labels for i in g} - ids)
    precision, recall = pairwise_scores([s["article_ids"] for s in data["stories"]], labels)
    return {"precision": precision, "recall": recall, "diagnostics": {"missing_articles": missing}}


def _duckling(eval_dir: Path, gold_path: Path, pred: Path) -> dict[str, float]:
    """The issue's rates from the shared Duckling scorer's own judgement of each phrase (percent)."""
    spec = importlib.util.spec_from_file_location("score_duckling", eval_dir / "score_duckling.py")
    assert spec is not None and spec.loader is not None
    sd = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sd)
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    arts, _ = sd.read_pred(str(pred))
    res = {g["id"]: sd.judge(g, arts.get(g["id"]) or {}) for g in gold}

    def rate(rows: list[dict], key: str) -> float:
        xs = [res[g["id"]][key] for g in rows if res[g["id"]].get(key) is not None]
        return 100 * sum(xs) / len(xs) if xs else 0.0

    points = [g for g in gold if g["kind"] == "point"]
    return {
        "points_plain": rate([g for g in points if g["holiday"] is None and not g.get("ambiguous")], "value"),
        "holidays_common": rate([g for g in points if g["holiday"] in sd.COMMON_HOLIDAYS], "value"),
        "holidays_other": rate([g for g in points if g["holiday"] is not None and g["holiday"] not in sd.COMMON_HOLIDAYS], "value"),
        "intervals_range": rate([g for g in gold if g["kind"] == "interval"], "range"),
        "clock_full": rate(points, "full"),
    }


def _get(obj: dict, path: str) -> float:
    for key in path.split("."):
        obj = obj[key]
    return float(obj) * 100  # type: ignore[arg-type]


def measure(eval_dir: Path, only: str | None = None) -> dict[str, float]:
    """Every metric's score; with `only`, just the tasks with a metric whose label contains it (and no page bodies
    unless it names them)."""
    scores: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        made: dict[tuple[str, ...], Path] = {}  # one extract per input and options, however many scorings
        for n, (name, task, extra, metrics, *scorer_extra) in enumerate(TASKS):
            if only is not None and not any(only in label for label, _ in metrics):
                continue
            source, _, scored = name.partition(":")  # "input:gold" scores one dev set's output against another's answers
            inp = eval_dir / "dev" / f"{source}.input.jsonl"
            gold = eval_dir / "dev" / f"{scored or source}.jsonl"
            pred = made.get((source, *extra), Path(tmp) / f"{n}-{source}.json")
            if (source, *extra) not in made:
                code = briefgen(["extract", str(inp), "-o", str(pred), *extra])
                if code != 0:
                    raise SystemExit(f"quality: briefgen extract failed on {inp} (exit {code})")
                made[(source, *extra)] = pred
            if task == "duckling":
                result = _duckling(eval_dir, gold, pred)
                for label, key in metrics:
                    scores[label] = round(result[key], 2)
                continue
            if task == "stories":
                result = score_stories(source, pred)
            else:
                run = subprocess.run(
                    [
                        sys.executable,
                        str(eval_dir / "score.py"),
                        task,
                        "--gold",
                        str(gold),
                        "--pred",
                        str(pred),
                        "--json",
                        *(scorer_extra[0] if scorer_extra else []),
                    ],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                result = json.loads(run.stdout)
            diag = result["diagnostics"]
            if diag.get("offset_errors") or diag.get("text_mismatch_articles") or diag.get("missing_articles"):
                raise SystemExit(f"quality: {name}: scorer diagnostics are not clean: {diag}")
            for label, path in metrics:
                scores[label] = round(_get(result, path), 2)
        if only is None or only in PAGES[1]:
            scores.update(measure_pages(eval_dir, Path(tmp)))
    return scores


# Page bodies: a digest of trafilatura's own evaluation pages, scored by its rule (snippets the text must and must
# not contain); trafilatura.extract scores F1 92.0 there with its benchmark settings.
PAGES = ("trafeval", "page bodies trafeval F1", "f1")


def measure_pages(eval_dir: Path, tmp: Path) -> dict[str, float]:
    folder, label, key = PAGES
    pages = eval_dir / "dev" / folder
    pred = tmp / f"{folder}.json"
    code = briefgen(["digest", str(pages / "html"), "-o", str(pred), "--no-cache", "--quiet"])
    if code != 0:
        raise SystemExit(f"quality: briefgen digest failed on {pages / 'html'} (exit {code})")
    out = tmp / f"{folder}-scores.json"
    subprocess.run(
        [sys.executable, str(eval_dir / "score_trafeval.py"), str(pages / "trafeval.jsonl"), f"briefgen={pred}", "--json", str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    return {label: round(float(json.loads(out.read_text())["briefgen"][key]) * 100, 2)}


def eval_folder(path: Path) -> Path | None:
    """The eval folder holding score.py and dev/, given it or its dev/ folder; None when neither."""
    for folder in (path, path.parent) if path.name == "dev" else (path,):
        if (folder / "score.py").is_file() and (folder / "dev").is_dir():
            return folder
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument(
        "eval_dir", nargs="?", default=str(DEFAULT_EVAL), help="the shared eval folder (with dev/ and score.py), or its dev/ folder"
    )
    ap.add_argument("--write-floors", action="store_true", help="pin the current scores as the new floors")
    ap.add_argument(
        "--only", metavar="TEXT", help="while iterating: only the tasks with a metric whose name contains TEXT (never passes the gate)"
    )
    args = ap.parse_args(argv)
    if args.only is not None and args.write_floors:
        print("quality: --write-floors pins every metric: run it without --only", file=sys.stderr)
        return 2
    eval_dir = eval_folder(Path(args.eval_dir))
    if eval_dir is None:
        print(
            f"quality: {args.eval_dir} has no score.py and dev/ folder: pass the shared eval folder "
            f"(default ../shared/eval next to the checkout)",
            file=sys.stderr,
        )
        return 2
    scores = measure(eval_dir, args.only)
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
    if args.only is not None:  # a partial run shows scores against their floors; only the whole run is the gate
        print(f"quality: {len(failed)} of {len(scores)} metric(s) below their floor (a partial run: --only {args.only!r})")
        return 1 if failed else 3
    if failed or missing:
        print(f"quality: {len(failed)} metric(s) below their floor{'; missing: ' + ', '.join(missing) if missing else ''}", file=sys.stderr)
        return 1
    print(f"quality: all {len(scores)} metrics at or above their floors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
