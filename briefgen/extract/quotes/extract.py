"""Quotes: a parsed document and its actors in, one Quote per attributed statement out (and a transcript's statements)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from ...model import Quote, Timex, Transcript, Turn
from ..actors import NICKNAMED, ActorIndex
from ..facts import Information, disfluent, fragment
from ..lexicon import SPEAKER_PRONOUNS, STRONG_CUES
from ..nlp import doc_text
from ..transcripts import turn_finder
from .attribution import Attribution, _attribute
from .marks import QuoteSpan, _runs_on, find_quote_spans
from .speakers import Candidate, _as_speaker, _candidates, _resolve


def extract_quotes(doc: Doc, actors: ActorIndex, article_id: str) -> tuple[Quote, ...]:
    """One Quote per attributed statement: the parts of a quote split by its attribution are one quote."""
    text = doc_text(doc)
    nicknames = [(m.start(), m.end()) for m in NICKNAMED.finditer(text)]
    spans = [q for q in find_quote_spans(text) if not any(a < q.open_mark and q.close_mark < b for a, b in nicknames)]
    in_quote = [False] * (len(text) + 1)
    for q in spans:
        for i in range(q.open_mark, min(q.close_mark + 1, len(text))):
            in_quote[i] = True
    candidates = _candidates(doc, in_quote)
    groups: list[tuple[list[QuoteSpan], Attribution | None, str]] = []
    for i, q in enumerate(spans):
        prev_close = spans[i - 1].close_mark + 1 if i else 0
        next_open = spans[i + 1].open_mark if i + 1 < len(spans) else len(text)
        attr, how = _attribute(doc, text, q, prev_close, next_open, in_quote)
        if groups and _continues(text, groups[-1], q, attr):
            parts, g_attr, g_how = groups[-1]
            groups[-1] = (parts + [q], g_attr or attr, g_how or how)
        else:
            groups.append(([q], attr, how))
    out: list[tuple[float, Quote]] = []
    previous: Quote | None = None
    for parts, attr, how in groups:
        quote = _make_quote(text, parts, attr, how, previous, candidates, actors, article_id)
        if quote is None:
            continue
        previous = quote
        if attr is not None and attr.speaker is not None and attr.speaker.root.lower_ not in SPEAKER_PRONOUNS:
            # Whoever a quote is attributed to ("Haddad dismissed the plan as '...'") is the one speaking now.
            _as_speaker(candidates, attr.speaker)
        n_words = sum(len(text[a:b].split()) for a, b in quote.parts)
        rank = quote.confidence * (1.0 + min(n_words, 40) / 40) + (0.3 if quote.actor_id else 0.0)
        out.append((rank, quote))
    out.sort(key=lambda rq: (-rq[0], rq[1].start))
    return tuple(q for _, q in out)


def _continues(text: str, group: tuple[list[QuoteSpan], Attribution | None, str], q: QuoteSpan, attr: Attribution | None) -> bool:
    """A quote part continues the group before it in the same paragraph when it has no attribution of its own,
    or shares the one between them ('"...," he said, "..."')."""
    parts, g_attr, _ = group
    if "\n" in text[parts[-1].close_mark : q.open_mark]:
        return False
    if attr is None:
        return True
    return g_attr is not None and g_attr.cue is not None and attr.cue is not None and g_attr.cue.i == attr.cue.i


def _make_quote(
    text: str,
    parts: list[QuoteSpan],
    attr: Attribution | None,
    how: str,
    previous: Quote | None,
    candidates: list[Candidate],
    actors: ActorIndex,
    article_id: str,
) -> Quote | None:
    start, end = parts[0].start, parts[-1].end
    bounds = tuple((p.start, p.end) for p in parts)
    n_words = sum(len(text[p.start : p.end].split()) for p in parts)
    if attr is None and previous is not None and _runs_on(text, previous.end, parts[0].open_mark):
        # A quote running on from the last one, with no attribution of its own: the same speaker.
        return Quote(
            text[start:end],
            start,
            end,
            previous.speaker,
            previous.speaker_span,
            previous.actor_id,
            previous.cue,
            True,
            round(min(previous.confidence, 0.6), 2),
            article_id,
            bounds,
        )
    if attr is None:
        if n_words < 4:
            return None  # a scare quote or a title, not a quotation
        return Quote(text[start:end], start, end, None, None, None, None, True, 0.3, article_id, bounds)
    if attr.speaker is None and n_words < 4:
        return None  # "the so-called 'peace dividend'": a cue word but nobody speaking
    speaker, span, actor_id, conf = _resolve(attr.speaker, start, candidates, actors)
    cue = attr.cue.lower_ if attr.cue is not None else None
    if attr.cue is not None and attr.cue.lemma_ not in STRONG_CUES:
        conf -= 0.1
    if how in ("colon", "dash", "previous"):
        conf -= 0.1
    if n_words < 3:
        conf -= 0.3
    return Quote(text[start:end], start, end, speaker, span, actor_id, cue, True, round(max(0.05, conf), 2), article_id, bounds)


TURN_QUOTES = (3, 10)  # the fewest and most statements taken from a transcript's turns
TURN_QUOTE_MIN_WORDS = 8


def quotes_from_turns(
    doc: Doc,
    sentences: Sequence[tuple[int, int]],
    transcript: Transcript,
    talk: frozenset[int],
    actors: ActorIndex,
    timexes: Sequence[Timex],
    marked: Sequence[Quote],
    article_id: str,
) -> tuple[Quote, ...]:
    """A transcript is verbatim: the principals' strongest statements are quotes with their turn's speaker, ahead of
    the words they quote in quotation marks. Questions, greetings and housekeeping (`talk`) are never taken, nor is a
    reporter's turn, nor a sentence that stammers (`facts.disfluent`); a marked quote in a principal's turn with no speaker of its own is the turn speaker's words,
    and one in a reporter's turn with no cue of its own is nobody's (the official did not say it)."""
    text = doc_text(doc)
    turn_at = turn_finder(transcript.turns)
    information = Information(doc, timexes, {span: a.salience for a in actors.actors for span in a.spans})
    scored: list[tuple[float, int, int, Turn]] = []
    for i, (a, b) in enumerate(sentences):
        turn = turn_at(a)
        if i in talk or turn is None or turn.role != "principal":
            continue
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None or sum(t.is_alpha for t in span) < TURN_QUOTE_MIN_WORDS or fragment(span) or disfluent(span):
            continue  # a quote chosen from a turn is one a note can show as it stands: no stammer or filler
        # Position counts a little: the prepared opening statement carries the news more often than the answers.
        score = information(span) + 0.5 * math.exp(-len(scored) / 20)
        scored.append((score, a, b, turn))
    n = max(TURN_QUOTES[0], min(TURN_QUOTES[1], len(scored) // 10))
    best = sorted(scored, key=lambda x: (-x[0], x[1]))[:n]
    turns = tuple(
        Quote(text[a:b], a, b, turn.speaker, turn.label_span, turn.actor_id, None, True, 1.0, article_id)
        for _, a, b, turn in sorted(best, key=lambda x: -x[0])
    )
    own: list[Quote] = []
    for q in marked:
        turn = turn_at(q.start)
        if turn is not None and turn.role == "principal" and q.speaker is None:
            q = replace(q, speaker=turn.speaker, speaker_span=turn.label_span, actor_id=turn.actor_id, confidence=min(q.confidence, 0.6))
        elif turn is not None and turn.role != "principal" and q.cue is None and q.speaker is not None:
            q = replace(q, speaker=None, speaker_span=None, actor_id=None, confidence=min(q.confidence, 0.3))
        own.append(q)
    return turns + tuple(own)
