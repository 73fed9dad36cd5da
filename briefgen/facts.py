"""Key facts: the sentences that carry the most information (figures, decisions, dates, named actors)."""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Doc

from .actors import ActorIndex
from .model import Fact, Sentence, Timex

NUMERIC = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
DECISIONS = {
    "agree", "announce", "sign", "approve", "decide", "release", "pass", "vote", "launch", "impose", "ban", "order",
    "pledge", "commit", "adopt", "establish", "appoint", "elect", "arrest", "sentence", "free", "kill", "rescue",
    "reject", "veto", "award", "fund", "invest", "cut", "raise", "close", "open", "declare", "ratify", "resign",
    "win", "defeat", "lose", "charge", "convict", "deploy", "withdraw", "suspend", "expand", "create", "introduce",
}  # fmt: skip


def default_count(n_sentences: int) -> int:
    return max(3, min(8, n_sentences // 5))


def extract_facts(
    doc: Doc,
    sentences: Sequence[tuple[int, int]],
    actors: ActorIndex,
    timexes: Sequence[Timex],
    summary: Sequence[Sentence],
    article_id: str,
    count: int | None = None,
) -> tuple[Fact, ...]:
    """The most informative sentences that the summary does not already give, best first."""
    text = doc.text
    in_summary = {(s.start, s.end) for s in summary}
    salience = {span: a.salience for a in actors.actors for span in a.spans}
    # Looked up by offset, with bisect, so each sentence costs only its own words: linear in the article's size.
    ents = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in NUMERIC]
    ent_starts = [s for s, _ in ents]
    dated = sorted(t.start for t in timexes if t.range is not None)
    salient = sorted((s, v) for (s, _), v in salience.items())
    salient_starts = [s for s, _ in salient]
    scored = []
    for a, b in sentences:
        if (a, b) in in_summary:
            continue
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            continue
        words = [t for t in span if t.is_alpha]
        if len(words) < 6:
            continue  # headlines, datelines, fragments
        score = 0.0
        lo, hi = span.start_char, span.end_char  # the entities inside the span, as Span.ents gives them
        score += sum(1.0 for s, e in ents[bisect_left(ent_starts, lo) : bisect_left(ent_starts, hi)] if e <= hi)
        score += 0.8 * (bisect_left(dated, b) - bisect_left(dated, a))
        score += min(2.0, 10 * sum(v for _, v in salient[bisect_left(salient_starts, a) : bisect_left(salient_starts, b)]))
        score += 1.0 if any(t.lemma_ in DECISIONS and t.pos_ == "VERB" for t in span) else 0.0
        quoted = sum(1 for t in span if t.is_quote)
        if quoted:
            score *= 0.7  # a quotation is opinion more often than fact
        score /= 1.0 + math.log1p(max(0, len(words) - 25) / 10)
        if score > 0:
            scored.append((score, a, b))
    n = count if count is not None else default_count(len(sentences))
    best = sorted(scored, key=lambda x: (-x[0], x[1]))[:n]
    return tuple(Fact(text[a:b], a, b, round(score, 4), article_id) for score, a, b in best)
