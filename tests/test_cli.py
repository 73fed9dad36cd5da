"""The command line, driven in-process: outputs, formats, help, and one-line errors with no partial files."""

from __future__ import annotations

import json

import pypdf
import pytest

from briefgen import __version__
from briefgen.cli import main

from .conftest import EXAMPLES, SEED


def test_brief_pdf_from_suffix(tmp_path, capsys):
    out = tmp_path / "brief.pdf"
    assert main(["brief", str(SEED), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert "Upcoming events" in "".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    assert list(tmp_path.iterdir()) == [out]  # no temporary files left behind


def test_brief_all_formats(tmp_path, validate):
    out = tmp_path / "note.pdf"
    assert (
        main(["brief", str(SEED), "-o", str(out), "--format", "pdf,html,json", "--summary-sentences", "2", "--summarizer", "textrank"]) == 0
    )
    assert {p.name for p in tmp_path.iterdir()} == {"note.pdf", "note.html", "note.json"}
    data = validate(json.loads((tmp_path / "note.json").read_text()))
    assert data["kind"] == "brief" and data["as_of"] == "1997-02-03"
    assert len(data["articles"][0]["summary"]) == 2
    assert "<!DOCTYPE html>" in (tmp_path / "note.html").read_text()


def test_brief_default_output_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["brief", str(SEED), "--format", "html"]) == 0
    assert (tmp_path / f"{SEED.stem}.html").is_file()


def test_as_of_changes_what_is_upcoming(tmp_path, validate):
    out = tmp_path / "b.json"
    jsonl = tmp_path / "one.jsonl"
    text = SEED.read_text().split("\n\n", 1)[1]
    jsonl.write_text(json.dumps({"id": "seed", "title": "Seed", "text": text, "published": None}) + "\n")
    assert main(["brief", str(jsonl), "-o", str(out), "--as-of", "1997-02-03"]) == 0
    data = validate(json.loads(out.read_text()))
    assert [e["when"]["date_start"][:7] for e in data["upcoming"]] == ["1997-02", "1997-03"]


def test_extract_many_to_stdout(capsys, validate):
    files = [str(SEED), str(EXAMPLES / "2024-07-08_whitehouse_upcoming-starmer-visit.txt")]
    assert main(["extract", *files, "--summary-sentences", "3"]) == 0
    data = validate(json.loads(capsys.readouterr().out))
    assert data["kind"] == "digest" and len(data["articles"]) == 2 and len(data["stories"]) == 2
    assert data["as_of"] == "2024-07-08"
    assert [e["when"]["date_start"] for e in data["upcoming"]] == sorted(e["when"]["date_start"] for e in data["upcoming"])
    assert all(len(a["summary"]) == 3 for a in data["articles"])


def test_version_and_help(capsys):
    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out
    for args in (["--help"], ["brief", "--help"], ["extract", "--help"]):
        assert main(args) == 0
        assert "Examples:" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("setup", "args", "code", "message"),
    [
        (None, ["brief", "{d}/missing.txt", "-o", "{d}/out.pdf"], 3, "missing.txt: no such file"),
        ("empty.txt", ["brief", "{d}/empty.txt", "-o", "{d}/out.pdf"], 3, "empty.txt: the file is empty"),
        ("bad.jsonl", ["extract", "{d}/bad.jsonl", "-o", "{d}/out.json", "--strict"], 3, "bad.jsonl:2: not valid JSON"),
        ("empty.txt", ["extract", "{d}/empty.txt", "-o", "{d}/out.json"], 3, "no readable article"),
        (None, ["brief", str(SEED), "-o", "{d}/out.docx"], 6, "cannot tell the format"),
        (None, ["brief", str(SEED), "-o", "{d}/out.pdf", "--format", "pdf,doc"], 6, "unknown format 'doc'"),
        (None, ["brief", str(SEED), "-o", "{d}/no/such/dir/out.pdf"], 6, "does not exist"),
        (None, ["brief", str(SEED), "-o", "{d}/out.pdf", "--model", "no_such_model"], 4, "spaCy model 'no_such_model' is not installed"),
        (None, ["brief", str(SEED), "--as-of", "1997-13-01"], 2, "is not a YYYY-MM-DD date"),
        # extract wrote its JSON into day.pdf, a file no PDF reader opens
        (None, ["extract", str(SEED), "-o", "{d}/day.pdf"], 2, "extract writes JSON only, not pdf: name the file .json"),
    ],
)
def test_errors_are_one_line_without_traceback_or_output(tmp_path, capsys, setup, args, code, message):
    if setup == "empty.txt":
        (tmp_path / setup).write_text("")
    elif setup == "bad.jsonl":
        (tmp_path / setup).write_text('{"text": "fine"}\nnot json\n')
    before = set(tmp_path.iterdir())
    assert main([a.replace("{d}", str(tmp_path)) for a in args]) == code
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and err.startswith("briefgen: error: ")
    assert set(tmp_path.iterdir()) == before


def test_extract_notes_unreadable_inputs_like_digest_and_strict_stops(tmp_path, capsys, validate):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02\x03 not text")
    (folder / "day.jsonl").write_text('{"text": "The ministry said it would publish the plan.", "published": "2024-02-29"}\n{broken\n')
    out = tmp_path / "x.json"
    assert main(["extract", str(folder), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "2 problems" in err and "broken.txt: looks like a binary file" in err and "day.jsonl:2: not valid JSON" in err
    data = validate(json.loads(out.read_text()))
    assert len(data["articles"]) == 2
    assert [p["source"].rsplit("/", 1)[-1] for p in data["problems"]] == ["broken.txt", "day.jsonl:2"]
    assert main(["extract", str(folder), "-o", str(out), "-q"]) == 0
    assert capsys.readouterr().err == ""
    strict_out = tmp_path / "strict.json"
    assert main(["extract", str(folder), "-o", str(strict_out), "--strict"]) == 3
    err = capsys.readouterr().err.strip()
    assert err.startswith("briefgen: error: ") and "broken.txt" in err and "\n" not in err
    assert not strict_out.exists()


def test_debug_shows_the_traceback(tmp_path, capsys):
    assert main(["--debug", "brief", str(tmp_path / "missing.txt")]) == 3
    assert "Traceback" in capsys.readouterr().err


def test_exit_codes_are_documented_and_stable():
    from briefgen import errors
    from briefgen.cli import EXIT_INTERNAL

    from .conftest import ROOT

    codes = {
        cls.__name__: cls.exit_code for cls in vars(errors).values() if isinstance(cls, type) and issubclass(cls, errors.BriefgenError)
    }
    assert codes == {"BriefgenError": 1, "InputError": 3, "ModelError": 4, "RenderError": 5, "OutputError": 6, "ConfigError": 7}
    assert EXIT_INTERNAL == 70
    outputs_page = (ROOT / "docs" / "outputs.md").read_text()
    for code in (0, 2, 3, 4, 5, 6, 7, 70):
        assert f"\n| {code} | " in outputs_page, code


def test_brief_takes_a_folder_holding_one_article(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.txt").write_text(SEED.read_text())
    out = tmp_path / "b.html"
    assert main(["brief", str(folder), "-o", str(out)]) == 0
    assert "Madeline Albright" in out.read_text()
