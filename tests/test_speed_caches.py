"""The pure functions asked of the same names again and again are worked out once, with the same results (#18)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language

from briefgen.extract.feasts import holiday_rule
from briefgen.extract.gazetteer import fold, is_landmark
from briefgen.model import name_key

from .conftest import SEED


def test_name_functions_cached_and_the_same() -> None:
    words = SEED.read_text(encoding="utf-8").split()
    names = [w.strip(".,\"'()") for w in words if w[:1].isupper()] + ["Würzburg", "the White House", "JOSEPH R. BIDEN JR."]
    for f in (fold, name_key):
        before = f.cache_info().hits
        assert [f(n) for n in names] == [f.__wrapped__(n) for n in names]
        assert [f(n) for n in names] and f.cache_info().hits >= before + len(names)
    assert fold("WÜRZBURG") == fold("Wurzburg") == "wurzburg"
    assert is_landmark("the White House") and not is_landmark("White")
    for name in ("christmas", "Easter Sunday", "eid al-fitr", "New Year\u2019s Day", "Tuesday"):
        assert holiday_rule(name) is holiday_rule.__wrapped__(name)
    assert holiday_rule("christmas") is not None and holiday_rule("Tuesday") is None
    assert holiday_rule.cache_info().hits > 0


def test_analysis_runs_on_one_blas_thread(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    """The summaries' small matrix products run on one BLAS thread (a second one only spins), and the count is given
    back when the analyses are done."""
    from threadpoolctl import threadpool_info

    import briefgen.extract.summaries as summaries
    from briefgen.inputs.readers import read_inputs
    from briefgen.run.analyse import analyse
    from briefgen.settings import Options

    def blas_threads() -> list[int]:
        return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]

    before = blas_threads()
    seen: list[list[int]] = []
    rate_block = summaries._rate_block

    def watched(*args: object, **kwargs: object) -> list[float]:
        seen.append(blas_threads())
        return rate_block(*args, **kwargs)

    monkeypatch.setattr(summaries, "_rate_block", watched)
    articles = read_inputs([str(SEED), str(SEED.parent / "2023-08-18_whitehouse_readout-biden-kishida.txt")])
    analyses, between = [], []
    for analysis in analyse(articles, nlp, Options(), dt.date(2024, 1, 1)):
        between.append(blas_threads())  # the caller's own code, while the analyses wait: its count, not ours
        analyses.append(analysis)
    assert len(analyses) == 2 and seen and all(threads and set(threads) == {1} for threads in seen)
    assert between == [before, before] and blas_threads() == before


def test_json_only_run_loads_no_renderer(tmp_path: Path) -> None:
    """A digest written as JSON only never loads WeasyPrint or icalendar: most of a second of CPU at each start."""
    out = tmp_path / "digest.json"
    code = f"from briefgen.cli import main; main(['digest', {str(SEED)!r}, '-o', {str(out)!r}, '--no-cache', '--quiet'])"
    probe = f"import sys\n{code}\nprint(sorted({{m.split('.')[0] for m in sys.modules}} & {{'weasyprint', 'icalendar'}}))"
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.strip().splitlines()[-1] == "[]", run.stdout
    assert json.loads(out.read_text(encoding="utf-8"))["kind"] == "digest"
