"""The Python API: its docstring examples run, it matches the command line, and the CLI starts without spaCy."""

from __future__ import annotations

import datetime as dt
import doctest
import json
import subprocess
import sys
from pathlib import Path

import pytest

import briefgen
import briefgen.api
from briefgen.model import Article
from briefgen.settings import DEFAULT_SUMMARIZER, SUMMARIZER_NAMES

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "2024-02-29_whitehouse_statement-government-funding-bill.txt"
HEAVY = ("spacy", "thinc", "sumy", "weasyprint", "trafilatura", "numpy")


def test_docstring_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the examples name files under examples/
    result = doctest.testmod(briefgen.api, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 10
    assert result.failed == 0


@pytest.mark.parametrize(
    "code",
    [
        "import briefgen.cli",
        "import briefgen; briefgen.__version__",
        "from briefgen.cli import main; main(['--help'])",
        "from briefgen.cli import main; main(['digest', '--help'])",
    ],
)
def test_cli_and_package_import_no_spacy(code: str) -> None:
    probe = f"import sys\n{code}\nprint(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))"
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    assert run.stdout.strip().splitlines()[-1] == "[]", run.stdout


def test_api_names_are_lazy_and_typed() -> None:
    assert briefgen.brief is briefgen.api.brief and briefgen.Article is Article
    assert {"brief", "digest", "analyse"} <= set(dir(briefgen))
    assert (ROOT / "briefgen" / "py.typed").is_file()
    with pytest.raises(AttributeError):
        briefgen.no_such_name  # noqa: B018 - the attribute access is the test


def test_summarizer_names_are_the_summarizers() -> None:
    from briefgen.extract.summaries import SUMMARIZERS

    assert tuple(SUMMARIZERS) == SUMMARIZER_NAMES and DEFAULT_SUMMARIZER in SUMMARIZERS


def test_brief_gives_what_the_cli_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen.cli import main
    from briefgen.outputs.json import dumps

    monkeypatch.chdir(tmp_path)  # no briefgen.toml here; nothing is written without `out`
    note = briefgen.brief(EXAMPLE)
    assert list(tmp_path.iterdir()) == []
    assert main(["extract", str(EXAMPLE), "-o", str(tmp_path / "cli.json")]) == 0
    assert json.loads(dumps(note)) == json.loads((tmp_path / "cli.json").read_text())
    written = briefgen.brief(EXAMPLE, out=tmp_path / "note.json", formats=["json", "md"])
    assert json.loads((tmp_path / "note.json").read_text()) == json.loads(dumps(written))
    assert "Government Funding" in (tmp_path / "note.md").read_text()


def test_digest_takes_articles_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = EXAMPLE.read_text(encoding="utf-8").split("\n\n", 1)[1]
    mine = Article("mine", "Funding statement", text, dt.date(2024, 2, 29), source="memo")
    day = briefgen.digest([mine, ROOT / "examples" / "2024-02-29_whitehouse_readout-biden-call-qatar-amir.txt"], use_cache=False)
    assert day.kind == "digest" and [a.article.id for a in day.analyses][0] == "mine"
    assert day.coverage is not None and day.coverage.start == dt.date(2024, 2, 29)
    with pytest.raises(ValueError, match="after until"):
        briefgen.digest([mine], since=dt.date(2024, 3, 1), until=dt.date(2024, 2, 1))


def test_analyse_resolves_against_the_publication_date() -> None:
    result = briefgen.analyse("The committee will meet on Monday to decide.", published=dt.date(2024, 2, 29))
    assert [e.when.range.start for e in result.events if e.when] == [dt.date(2024, 3, 4)]
