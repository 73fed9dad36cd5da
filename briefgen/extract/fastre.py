"""Regular expressions scanned faster over long texts: a lookahead for the characters a match can start with."""

from __future__ import annotations

import re
from typing import Any

try:  # Python's own parser of patterns (3.11+); without it, patterns stay as they are
    from re import _constants as _op  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Python versions
    _parser = None

_MAX_RANGE = 512  # a class range wider than this (letters of every script) bounds nothing worth the test


def fast_scanner(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The same pattern, led by a lookahead for the characters its matches can start with: the same matches, found
    two to fifteen times sooner by `finditer`/`search` over a long text.

    Python's engine skips ahead by itself only for a pattern opening with a literal or (without IGNORECASE) a class;
    one opening with a word boundary and a long alternation ("\\b(?:last|next|…|christmas|…)") is tried in full, every
    alternative, at every word's edge. A class test rejects most positions at once. The pattern itself is returned
    when its first character cannot be bounded (it may start with any character, or match the empty string)."""
    if _parser is None or pattern.flags & re.VERBOSE:  # a verbose pattern's comment would swallow the closing group
        return pattern
    chars: set[str] = set()
    try:
        items = list(_parser.parse(pattern.pattern, pattern.flags).data)
        bounded = _first(items, chars) is False
    except (re.error, TypeError, ValueError):  # pragma: no cover - a pattern the parser reads differently
        return pattern
    if not bounded or not chars:
        return pattern
    digit = "\\d" in chars
    chars.discard("\\d")
    cls = "".join(re.escape(c) for c in sorted(chars)) + ("\\d" if digit else "")
    # A leading word boundary is tested before the class: it turns away the positions inside words more cheaply.
    lead = "\\b" if items and items[0] == (_op.AT, _op.AT_BOUNDARY) else ""
    try:
        return re.compile(f"{lead}(?=[{cls}])(?:{pattern.pattern})", pattern.flags)
    except re.error:  # pragma: no cover - e.g. global flags written inside the pattern, which must open it
        return pattern


def _first(items: list[tuple[Any, Any]], chars: set[str]) -> bool | None:
    """Add to `chars` every character a match of the sequence `items` can start with. False: the sequence cannot
    match the empty string; True: it can (the characters after it may start the match); None: any character could
    start it. The same flags (IGNORECASE) apply to the class as to the pattern, so its case folding is the same."""
    for op, av in items:
        if op in (_op.AT, _op.ASSERT, _op.ASSERT_NOT):
            continue  # a boundary or a lookaround consumes nothing: the next item gives the first character
        if op is _op.LITERAL:
            chars.add(chr(av))
            return False
        if op is _op.IN:
            return False if _class(av, chars) else None
        if op is _op.BRANCH:
            empty = False
            for branch in av[1]:
                e = _first(list(branch.data), chars)
                if e is None:
                    return None
                empty = empty or e
            if not empty:
                return False
        elif op is _op.SUBPATTERN:
            e = _first(list(av[-1].data), chars)
            if e is not True:
                return e
        elif op in (_op.MAX_REPEAT, _op.MIN_REPEAT, _op.POSSESSIVE_REPEAT):
            low, _, body = av
            e = _first(list(body.data), chars)
            if e is None:
                return None
            if low > 0 and not e:
                return False
        else:
            return None  # any character, a negated class, a back reference, an atomic group: not bounded here
    return True


def _class(items: list[tuple[Any, Any]], chars: set[str]) -> bool:
    """Add a class's characters to `chars`; False when it is negated or too wide to list."""
    for kind, value in items:
        if kind is _op.LITERAL:
            chars.add(chr(value))
        elif kind is _op.RANGE and value[1] - value[0] < _MAX_RANGE:
            chars.update(chr(c) for c in range(value[0], value[1] + 1))
        elif kind is _op.CATEGORY and value is _op.CATEGORY_DIGIT:
            chars.add("\\d")  # the class keeps \d itself, so every digit \d matches passes
        else:
            return False
    return True
