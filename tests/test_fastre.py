"""The time expressions' scans, led by a lookahead for their first characters, find the same matches on real text."""

from __future__ import annotations

import re

import pytest

from briefgen.extract.fastre import fast_scanner
from briefgen.extract.timexes import find

from .conftest import EXAMPLES, SHARED

SCANS = ["_EXTRA", "_WRITTEN", "_HOLIDAY_NAMES", "_SHORT_YEAR"]


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((SHARED / "corpus" / "transcripts").glob("*.txt"))[:6]]
    # What the scans are for, in every case: holidays with their years, written dates, spoken years, short years.
    texts.append(
        "Last Easter, EID AL-FITR 2018 and thanksgiving of next year; 31-Oct-74, 10.31.1974, 2014/10, Fri, Jul 18, "
        "4th qtr 2018, 18q4, March first, three weeks hence, January nineteen ninety-seven; since '82, FY24, Q3 2023, "
        "5 p.m. EST, 3-4pm this Thu 9-11am, the past few years, on the 15th. Christmas Island, Saint Patrick's Day."
    )
    return texts


@pytest.mark.parametrize("name", SCANS)
def test_same_matches_as_the_pattern_itself(name: str) -> None:
    scan = getattr(find, name)
    assert re.match(r"(?:\\b)?\(\?=\[[^]]+\]\)\(\?:", scan.pattern), scan.pattern[:40]  # led by the lookahead
    plain = re.compile(scan.pattern[scan.pattern.index("])(?:") + 5 : -1], scan.flags)  # the pattern as find.py wrote it
    texts = _texts()
    assert sum(map(len, texts)) > 100_000
    found = [[m.span() for m in scan.finditer(t)] for t in texts]
    assert found == [[m.span() for m in plain.finditer(t)] for t in texts]
    assert sum(map(len, found)) > 0


def test_first_characters() -> None:
    # A leading boundary stays first and belongs to the whole pattern only when no alternation is at the top.
    assert fast_scanner(re.compile(r"\bab|cd")).pattern == r"(?=[ac])(?:\bab|cd)"
    assert fast_scanner(re.compile(r"\b(?:the )?x", re.I)).pattern == r"\b(?=[tx])(?:\b(?:the )?x)"
    assert fast_scanner(re.compile(r"(?<=\bsince )'\d{2}")).pattern == r"(?=['])(?:(?<=\bsince )'\d{2})"
    assert fast_scanner(re.compile(r"(a|)b")).pattern == r"(?=[ab])(?:(a|)b)"
    # Unbounded: any first character, a negated class, an empty match, a verbose pattern, global flags inside.
    for pattern in (r"\b\w+", r"[^a]b", r"a?", r"(?:a|)b?", r"(?i)\bx"):
        assert fast_scanner(re.compile(pattern)).pattern == pattern
    assert fast_scanner(re.compile(r"ab # c", re.X)).pattern == r"ab # c"
    text = "xab cd abab b ab"
    for pattern in (r"\bab|cd", r"(a|)b", r"\b(?:the )?x"):
        assert [m.span() for m in fast_scanner(re.compile(pattern)).finditer(text)] == [
            m.span() for m in re.compile(pattern).finditer(text)
        ]
