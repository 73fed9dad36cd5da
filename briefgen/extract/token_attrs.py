"""The model's attribute ruler and rule lemmatizer as one component: the same token attributes, looked up per distinct token."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore
from spacy.tokens import Doc

NAME = "briefgen_token_attrs"
# The columns the rules may set, in this order (the attribute ruler's patterns set no others in the model).
_SETS = (TAG, DEP, POS, MORPH, LEMMA)
# What a token pattern may test, as the Matcher names it, and the column of the row read below that holds it.
_READS = {"ORTH": 0, "TAG": 1, "DEP": 2, "LOWER": 6, "IS_SPACE": 7}
_ROW = [ORTH, TAG, DEP, POS, MORPH, LEMMA, LOWER, IS_SPACE]
_FILED = (_READS["ORTH"], _READS["LOWER"], _READS["TAG"], _READS["DEP"])  # the columns _required files patterns by

Row = tuple[int, ...]  # one token's _ROW values
# Distinct rows (and lemma keys) worked out and kept: each costs a few hundred bytes; the cache only saves time, so
# emptying it when full changes no result (the Zipfian head is met again at once).
_MAX_KNOWN = 500_000


class TokenAttrs:
    """spaCy's AttributeRuler then its rule Lemmatizer, with the same results: both run Python per token (a Matcher
    over every token, then a Span and setters per match; the lemmatizer's call per token), a fifth of the model's
    time. Here each distinct token (its text, tag, dependency and attributes so far) is worked out once, by the
    ruler's own patterns in its order and the lemmatizer's own method, and the Doc's columns are set at once."""

    def __init__(self) -> None:
        self.rules: list[tuple[dict[int, int], int, list[list[Check]]]] = []  # per rule: attrs, index, token patterns
        self.lemmatizer: Lemmatizer | None = None
        self.filed: dict[tuple[int, int] | None, list[int]] = {}  # (column, value) -> rules; None: any token
        self.longer: list[tuple[int, int, list[Check]]] = []  # the patterns of two or more tokens: rule, index, pattern
        self.ruled: dict[Row, tuple[tuple[int, ...], tuple[int, ...]]] = {}  # a token's row -> see _known
        self.lemmas: dict[tuple[int, int, int], int] = {}  # (orth, pos, morph) -> lemma

    def load(self, ruler: AttributeRuler, lemmatizer: Lemmatizer) -> bool:
        """Take over the two components' work; False (and nothing changed) when a pattern tests or sets something
        this component does not know, or the lemmatizer is not a rule one that keeps set lemmas."""
        if lemmatizer.mode != "rule" or lemmatizer.overwrite:
            return False
        rules: list[tuple[dict[int, int], int, list[list[Check]]]] = []
        filed: dict[tuple[int, int] | None, list[int]] = {}
        for n, (attrs, index, group) in enumerate(zip(ruler.attrs, ruler.indices, ruler.patterns, strict=True)):
            specs = cast(list[list[dict[str, Any]]], group["patterns"])
            checks = [[_check(spec, ruler.vocab.strings) for spec in pattern] for pattern in specs]
            if any(a not in _SETS for a in attrs) or any(None in p or not p for p in checks):
                return False
            rules.append((dict(attrs), index, cast(list[list[Check]], checks)))
            for pattern in specs:
                if len(pattern) == 1:  # filed under a value it requires (a word, a tag): a new token tries only its own
                    filed.setdefault(_required(pattern[0], ruler.vocab.strings), []).append(n)
        self.rules, self.filed, self.lemmatizer = rules, filed, lemmatizer
        self.longer = [(n, at, p) for n, (_, at, patterns) in enumerate(rules) for p in patterns if len(p) > 1]
        # The lemmatizer tests a candidate lemma's membership in its index, a list per part of speech (57,528 nouns):
        # the same words as a set make each new word's lemma a hash lookup instead of a scan, whose result is the same.
        table = lemmatizer.lookups.get_table("lemma_index", {})
        for pos in list(table):
            table[pos] = frozenset(table[pos])
        return True

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows: list[Row] = [tuple(r) for r in doc.to_array(_ROW).tolist()]
        known = [self._known(r) for r in rows]
        out = [k[0] for k in known]
        for i, rule_ids in self._reached(rows, known).items():  # tokens a longer pattern reaches: worked out here
            out[i] = self._apply(rows[i], sorted(rule_ids | set(self._single(rows[i]))))
        doc.from_array(list(_SETS), numpy.array(out, dtype=numpy.uint64))  # type: ignore[arg-type]  # uint64 is what it takes
        assert self.lemmatizer is not None
        lemmas = [v[4] for v in out]
        for i, v in enumerate(out):
            if v[4] == 0:  # as the lemmatizer: only a token the rules gave no lemma
                key = (rows[i][0], v[2], v[3])
                lemma = self.lemmas.get(key)
                if lemma is None:
                    if len(self.lemmas) >= _MAX_KNOWN:
                        self.lemmas.clear()
                    lemma = self.lemmas[key] = doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                lemmas[i] = lemma
        doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64))  # type: ignore[arg-type]
        return doc

    def _known(self, row: Row) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """A token's _SETS values by the one-token patterns, and the longer patterns it may open (indexes into
        self.longer); worked out once per distinct row."""
        done = self.ruled.get(row)
        if done is None:
            if len(self.ruled) >= _MAX_KNOWN:  # a worker parsing for days meets ever more rare rows: stay bounded
                self.ruled.clear()
            opens = tuple(k for k, (_, _, pattern) in enumerate(self.longer) if pattern[0](row))
            done = self.ruled[row] = (self._apply(row, self._single(row)), opens)
        return done

    def _single(self, row: Row) -> list[int]:
        """The rules with a one-token pattern that matches this token, in the ruler's order."""
        keys = [None, *((col, row[col]) for col in _FILED)]
        maybe = {n for key in keys for n in self.filed.get(key, ())}
        return sorted(n for n in maybe if any(len(p) == 1 and p[0](row) for p in self.rules[n][2]))

    def _apply(self, row: Row, rule_ids: Sequence[int]) -> tuple[int, ...]:
        """The token's _SETS values once the rules run in the ruler's order (a later one wins, as in spaCy)."""
        values = dict(zip(_SETS, (row[1], row[2], row[3], row[4], row[5]), strict=True))
        for n in rule_ids:
            values.update(self.rules[n][0])
        return tuple(values[a] for a in _SETS)

    def _reached(self, rows: list[Row], known: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> dict[int, set[int]]:
        """The tokens the patterns of two or more tokens reach, with the rules reaching them."""
        reached: dict[int, set[int]] = {}
        for start, (_, opens) in enumerate(known):
            for k in opens:
                n, index, pattern = self.longer[k]
                if start + len(pattern) <= len(rows) and all(pattern[j](rows[start + j]) for j in range(1, len(pattern))):
                    target = start + index if index >= 0 else start + len(pattern) + index
                    if not start <= target < start + len(pattern):
                        raise ValueError(f"attribute rule {n}: index {index} outside its {len(pattern)}-token match")
                    reached.setdefault(target, set()).add(n)
        return reached


@dataclass(frozen=True)
class Test:
    """One condition of a Matcher token pattern on a token's row: equal to, in, not in, matching (re.search on the
    attribute's text, as the Matcher does) or, for a flag, being."""

    col: int
    op: str  # "==", "in", "not in", "regex", "flag"
    value: int | bool | frozenset[int] | re.Pattern[str]
    strings: StringStore

    def __call__(self, row: Row) -> bool:
        got = row[self.col]
        if self.op == "==":
            return got == self.value
        if self.op == "in":
            return got in self.value  # type: ignore[operator]  # a frozenset for these two
        if self.op == "not in":
            return got not in self.value  # type: ignore[operator]
        if self.op == "regex":
            return self.value.search(self.strings[got]) is not None  # type: ignore[union-attr]  # a compiled pattern
        return bool(got) == self.value


@dataclass(frozen=True)
class Check:
    """A Matcher token pattern (a dict of conditions) as the tests of a token's row."""

    tests: tuple[Test, ...]

    def __call__(self, row: Row) -> bool:
        return all(t(row) for t in self.tests)


def _check(spec: dict[str, Any], strings: StringStore) -> Check | None:
    """One Matcher token pattern as a Check; None for one testing what this component does not read or know."""
    tests = []
    for key, want in spec.items():
        col = _READS.get(key.upper())
        if col is None:
            return None
        if key.upper() == "IS_SPACE":
            if not isinstance(want, bool):
                return None
            tests.append(Test(col, "flag", want, strings))
        elif isinstance(want, str):
            tests.append(Test(col, "==", strings.add(want), strings))
        elif isinstance(want, dict) and list(want) == ["REGEX"]:
            tests.append(Test(col, "regex", re.compile(want["REGEX"]), strings))
        elif isinstance(want, dict) and list(want) in (["IN"], ["NOT_IN"]):
            op = "in" if "IN" in want else "not in"
            tests.append(Test(col, op, frozenset(strings.add(v) for v in next(iter(want.values()))), strings))
        else:
            return None
    return Check(tuple(tests))


def _required(spec: dict[str, Any], strings: StringStore) -> tuple[int, int] | None:
    """A (column, value) a token pattern requires, the most telling one (a word before a tag); None if none."""
    for key in ("ORTH", "LOWER", "TAG", "DEP"):
        want = next((v for k, v in spec.items() if k.upper() == key), None)
        if isinstance(want, str):
            return _READS[key], strings.add(want)
    return None


@Language.factory(NAME)
def make_token_attrs(nlp: Language, name: str) -> TokenAttrs:
    return TokenAttrs()


def fast_token_attrs(nlp: Language) -> Language:
    """The pipeline with its attribute ruler and rule lemmatizer replaced by one TokenAttrs doing the same, where it
    can (else unchanged); same place in the pipeline, before the NER, which reads neither's attributes anyway."""
    names = nlp.pipe_names
    if "attribute_ruler" not in names or "lemmatizer" not in names or names.index("lemmatizer") != names.index("attribute_ruler") + 1:
        return nlp
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    if not isinstance(ruler, AttributeRuler) or not isinstance(lemmatizer, Lemmatizer):
        return nlp
    component = cast(TokenAttrs, nlp.add_pipe(NAME, before="attribute_ruler"))
    if not component.load(ruler, lemmatizer):
        nlp.remove_pipe(NAME)
        return nlp
    nlp.remove_pipe("attribute_ruler")
    nlp.remove_pipe("lemmatizer")
    return nlp
