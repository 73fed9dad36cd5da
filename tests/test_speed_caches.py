"""The pure functions asked of the same names again and again are worked out once, with the same results (#18)."""

from __future__ import annotations

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
