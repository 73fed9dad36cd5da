"""Assemble analyses into a Brief: per-article results plus cross-article rollups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from .model import Actor, Analysis, Brief, Event, Fact, Quote, Story

TOP_QUOTES = 8
TOP_FACTS = 10


def assemble(analyses: Sequence[Analysis], as_of: dt.date, title: str | None = None, audience: str = "analyst") -> Brief:
    """One article makes a brief; several make a digest with one story per article."""
    kind = "brief" if len(analyses) == 1 else "digest"
    if title is None:
        title = analyses[0].article.title if kind == "brief" else f"Briefing digest, {as_of.isoformat()}"
    upcoming = tuple(sorted((e for a in analyses for e in a.events), key=_event_order))
    quotes = _top_quotes(analyses)
    facts = _top_facts(analyses)
    stories = tuple(
        Story(f"s{i}", a.article.title, (a.article.id,), tuple((a.article.id, s) for s in a.summary))
        for i, a in enumerate(analyses, start=1)
    )
    return Brief(kind, title, audience, as_of, tuple(analyses), rollup_actors(analyses), upcoming, quotes, facts, stories)


def _event_order(e: Event) -> tuple:
    return (e.when.range.start, e.when.range.end, e.article_id, e.start)


def _top_quotes(analyses: Sequence[Analysis]) -> tuple[Quote, ...]:
    """One article keeps its own ranking; across articles the most confident quotes lead (a stable sort)."""
    if len(analyses) == 1:
        return analyses[0].quotes[:TOP_QUOTES]
    return tuple(sorted((q for a in analyses for q in a.quotes), key=lambda q: -q.confidence)[:TOP_QUOTES])


def _top_facts(analyses: Sequence[Analysis]) -> tuple[Fact, ...]:
    facts = [f for a in analyses for f in a.facts]
    return tuple(sorted(facts, key=lambda f: -f.score)[:TOP_FACTS])


def rollup_actors(analyses: Sequence[Analysis]) -> tuple[Actor, ...]:
    """Actors across articles, merged by canonical name and kind; a single article keeps its own ids."""
    if len(analyses) == 1:
        a = analyses[0]
        return tuple(replace(actor, spans=(), article_ids=(a.article.id,)) for actor in a.actors)
    merged: dict[tuple[str, str], list[tuple[str, Actor]]] = {}
    for a in analyses:
        for actor in a.actors:
            merged.setdefault((actor.name.lower(), actor.kind), []).append((a.article.id, actor))
    rows = []
    for group in merged.values():
        first = group[0][1]
        aliases = tuple(dict.fromkeys(x for _, act in group for x in act.aliases if x != first.name))
        roles = tuple(dict.fromkeys(r for _, act in group for r in act.roles))
        rows.append((sum(act.salience for _, act in group), first, aliases, roles, group))
    rows.sort(key=lambda r: -r[0])
    return tuple(
        Actor(f"r{i}", first.name, first.kind, aliases, roles, sum(act.mentions for _, act in group), (),
              round(sal / len(analyses), 4), tuple(dict.fromkeys(aid for aid, _ in group)))
        for i, (sal, first, aliases, roles, group) in enumerate(rows, start=1)
    )
