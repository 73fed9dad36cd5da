"""Readers: header blocks, headerless text, JSON Lines, standard input, and clear errors for bad input."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys

import pytest

from briefgen.errors import InputError
from briefgen.inputs.readers import article_from_record, read_input, read_inputs

from .conftest import SEED


def test_seed_header_and_body():
    (art,) = read_input(str(SEED))
    assert art.title == "China aware of rights issue, but U.S. still plans U.N. resolution"
    assert art.published == dt.date(1997, 2, 3)
    assert art.source == "Reuters"
    assert art.url is None
    assert art.text.startswith("China is growing more aware")  # the body after the header, verbatim
    raw = SEED.read_text(encoding="utf-8")
    assert raw.endswith(art.text)


def test_headerless_text_uses_short_first_line_as_title(tmp_path):
    p = tmp_path / "story.txt"
    p.write_text("Storm hits coast\n\nA storm hit the coast on Monday. Officials said damage was light.\n", encoding="utf-8")
    (art,) = read_input(str(p))
    assert art.title == "Storm hits coast"
    assert art.published is None
    assert art.text.startswith("Storm hits coast")


def test_headerless_text_with_long_first_sentence_falls_back_to_file_name(tmp_path):
    p = tmp_path / "budget-vote.txt"
    p.write_text("The council voted on the budget on Monday, and the mayor said she was pleased.\n", encoding="utf-8")
    assert read_input(str(p))[0].title == "budget-vote"


def test_jsonl_records(tmp_path):
    p = tmp_path / "day.jsonl"
    rows = [
        {"id": "x1", "title": "One", "text": "First text.", "published": "2024-02-29", "source": "Wire", "extra": 1},
        {"title": "Two", "text": "Second text.", "published": None},
    ]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    a, b = read_input(str(p))
    assert (a.id, a.title, a.published, a.source, a.url) == ("x1", "One", dt.date(2024, 2, 29), "Wire", None)
    assert b.id == "day-2" and b.published is None


def test_one_record_reader_for_jsonl_bags_and_frames():
    """A JSON Lines line, a Dask bag's dict and a DataFrame row are read by one function: the same fields, the same
    checks (a wrapped URL cleaned, NaN as missing, a timestamp as its date)."""
    nan = float("nan")
    rec = {"text": "Body.", "title": nan, "published": dt.datetime(2024, 3, 1, 18, 30), "url": "https://x.org/a\nb", "author": "A. Writer"}
    art = article_from_record(rec, "row 3")
    assert (art.id, art.title, art.published, art.url, art.author) == (
        "https://x.org/ab",
        "https://x.org/ab",
        dt.date(2024, 3, 1),
        "https://x.org/ab",
        "A. Writer",
    )
    assert article_from_record({"text": "Body."}, "r").id == article_from_record({"text": "Body."}, "s").id  # by the text's hash
    with pytest.raises(InputError, match="row 4: 'published'"):
        article_from_record({"text": "Body.", "published": "yesterday"}, "row 4")
    with pytest.raises(InputError, match="row 5: has no 'text'"):
        article_from_record({"text": nan}, "row 5")


def test_duplicate_ids_across_inputs_are_made_unique():
    ids = [a.id for a in read_inputs([str(SEED), str(SEED)])]
    assert ids == ["1997-02-03_reuters_china-human-rights", "1997-02-03_reuters_china-human-rights-2"]


def test_stdin_text_and_jsonl(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"title: T\ndate: 2020-01-02\n\nBody here.\n")))
    (art,) = read_input("-")
    assert (art.title, art.published, art.text) == ("T", dt.date(2020, 1, 2), "Body here.\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"text": "A.", "id": "s"}\n')))
    assert read_input("-")[0].id == "s"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.txt", "empty.txt: the file is empty"),
        (b"   \n\n", "blank.txt", "blank.txt: the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.txt", "image.txt: looks like a binary file"),
        (b"title: X\ndate: 1997-02-30\n\nBody.", "baddate.txt", "baddate.txt: header 'date' is not a valid YYYY-MM-DD date: '1997-02-30'"),
        (b"title: X\ndate: 1997-02-03\n\n", "nobody.txt", "nobody.txt: has a header but no article text"),
        (b'{"text": "ok"}\n{not json}\n', "bad.jsonl", "bad.jsonl:2: not valid JSON"),
        (b'{"title": "no text"}\n', "notext.jsonl", "notext.jsonl:1: has no 'text'"),
        (b'{"text": "x", "published": "yesterday"}\n', "baddate.jsonl", "baddate.jsonl:1: 'published' is not a valid YYYY-MM-DD date"),
        (b'["a list"]\n', "list.jsonl", "list.jsonl:1: expected a JSON object"),
    ],
)
def test_bad_input_is_one_clear_line(tmp_path, content, name, message):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(InputError) as exc:
        read_input(str(p))
    text = str(exc.value)
    assert "\n" not in text
    assert text.startswith(str(tmp_path / name).replace(name, "")) and message in text


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_input(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="is a folder"):
        read_input(str(tmp_path))
