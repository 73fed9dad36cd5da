"""Golden outputs: the HTML and Markdown of the seed note and of the digest of 2023-08-18, byte for byte.

A change to extraction, templates or styles shows here as a diff. When the change is meant, rewrite the files with
`scripts/update-golden` and commit them with it (review `git diff tests/golden/` first).
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re

import pytest

from briefgen import __version__

from .examples_out import ROOT, example_outputs

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("BRIEFGEN_UPDATE_GOLDEN") == "1"
MAX_DIFF_LINES = 120


def normalise(text: str, today: dt.date) -> str:
    """What may differ between two runs of the same code on the same input: briefgen's version, the day it ran."""
    text = re.sub(rf"\bbriefgen {re.escape(__version__)}\b", "briefgen VERSION", text)
    for day in (today.isoformat(), f"{today.day} {today:%B %Y}"):
        text = text.replace(day, "GENERATION-DATE")
    return text


@pytest.mark.parametrize("name", ["note.html", "note.md", "digest.html", "digest.md"])
def test_output_matches_golden(name):
    actual = normalise((example_outputs() / name).read_text(encoding="utf-8"), dt.date.today())
    golden = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"{golden} is missing: run scripts/update-golden"
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = list(
            difflib.unified_diff(expected.splitlines(), actual.splitlines(), f"tests/golden/{name}", f"{name} as rendered now", lineterm="")
        )
        shown = "\n".join(diff[:MAX_DIFF_LINES])
        more = f"\n... {len(diff) - MAX_DIFF_LINES} more diff lines" if len(diff) > MAX_DIFF_LINES else ""
        pytest.fail(f"{name} differs from its golden file (if the change is meant: scripts/update-golden)\n{shown}{more}", pytrace=False)


def test_normalise_hides_only_the_version_and_the_day():
    today = dt.date(2026, 3, 9)
    text = f"briefgen {__version__} on 2026-03-09, 9 March 2026; as of 3 February 1997; briefgen {__version__}1"
    assert normalise(text, today) == (
        f"briefgen VERSION on GENERATION-DATE, GENERATION-DATE; as of 3 February 1997; briefgen {__version__}1"
    )
