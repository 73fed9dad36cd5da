"""The quality gate's command line: which eval folder it reads, and its clear refusal when there is none."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def quality():
    spec = importlib.util.spec_from_file_location("quality", ROOT / "benchmarks" / "quality.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_eval_folder_or_its_dev_folder(quality, tmp_path):
    (tmp_path / "dev").mkdir()
    (tmp_path / "score.py").write_text("")
    assert quality.eval_folder(tmp_path) == tmp_path
    assert quality.eval_folder(tmp_path / "dev") == tmp_path
    assert quality.eval_folder(tmp_path.parent) is None


def test_a_missing_eval_folder_is_one_clear_line(quality, tmp_path, capsys):
    assert quality.main([str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nowhere has no score.py and dev/ folder" in err
