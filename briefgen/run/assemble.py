"""Assemble analyses into a Brief: one article's note, or a digest of stories with cross-article sections."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Literal

from ..extract.stories import group_stories, near_duplicate
from ..model import (
    Actor,
    Analysis,
    Brief,
    Coverage,
    DateRange,
    Event,
    Fact,
    Problem,
    Quote,
    Sentence,
    Story,
    format_date,
    format_range,
    name_key,
)

TOP_QUOTES = 8
TOP_FACTS = 10
STORY_FACTS = 5
STORY_QUOTES = 4
STORY_ACTORS = 8


@dataclass(frozen=True)
class ActorRollup:
    actors: tuple[Actor, ...]
    ids: Mapping[tuple[str, str], str]  # (article id, article-level actor id) -> rollup actor id


def assemble(
    analyses: Sequence[Analysis],
    as_of: dt.date,
    title: str | None = None,
    audience: str = "analyst",
    problems: Sequence[Problem] = (),
    kind: Literal["brief", "digest"] | None = None,
    coverage: Coverage | None = None,
) -> Brief:
    """One article makes a brief; several (or any number, when asked for) make a digest of stories, ranked."""
    if (kind or ("brief" if len(analyses) == 1 else "digest")) == "brief":
        a = analyses[0]
        story = Story(
            "s1",
            a.article.title,
            (a.article.id,),
            tuple((a.article.id, s) for s in a.summary),
            a.facts,
            tuple(x.id for x in a.actors),
            a.quotes[:TOP_QUOTES],
            1.0,
        )
        actors = tuple(replace(x, spans=(), article_ids=(a.article.id,)) for x in a.actors)
        return Brief(
            "brief",
            title or a.article.title,
            audience,
            as_of,
            tuple(analyses),
            actors,
            tuple(sorted(_ahead(a.events, as_of), key=_event_order)),
            a.quotes[:TOP_QUOTES],
            _top_facts(a.facts, TOP_FACTS),
            (story,),
            tuple(problems),
        )
    rollup = rollup_actors(analyses)
    stories = _stories(analyses, rollup)
    if coverage is None:  # every article given is in: the days covered are the span of their dates
        dates = sorted(an.article.published for an in analyses if an.article.published)
        coverage = Coverage(dates[0] if dates else None, dates[-1] if dates else None, asked=False)
    return Brief(
        "digest",
        title or digest_title(coverage, as_of),
        audience,
        as_of,
        tuple(analyses),
        rollup.actors,
        _calendar(analyses, rollup, as_of),
        _unique_quotes([q for a in analyses for q in a.quotes], TOP_QUOTES),
        _top_facts([f for a in analyses for f in a.facts], TOP_FACTS),
        stories,
        tuple(problems),
        coverage=coverage,
    )


def digest_title(coverage: Coverage, as_of: dt.date) -> str:
    """ "Briefing digest, 29 February 2024", or the span of several days: "Briefing digest, 26 February – 1 March 2024"."""
    if coverage.start is None or coverage.end is None:
        return f"Briefing digest, {format_date(as_of)}"
    return f"Briefing digest, {format_range(DateRange(coverage.start, coverage.end, 'day'))}"


def _ahead(events: Sequence[Event], as_of: dt.date) -> list[Event]:
    """The events not over by the note's reference date: each article judged its own against its own date, but what
    had already happened by the digest's (or brief's) date is no longer upcoming; that day's own are "today"."""
    return [e for e in events if e.when is not None and e.when.range.end >= as_of]


def _event_order(e: Event) -> tuple:
    return (e.dated.range.start, e.dated.range.end, e.article_id, e.start)


def _top_facts(facts: Sequence[Fact], n: int, exclude: Sequence[str] = ()) -> tuple[Fact, ...]:
    """The best-scored facts, each said once (near-identical sentences from two outlets count once)."""
    chosen: list[Fact] = []
    for f in sorted(facts, key=lambda f: -f.score):
        if len(chosen) == n:
            break
        if not any(near_duplicate(f.text, other) for other in [*exclude, *(c.text for c in chosen)]):
            chosen.append(f)
    return tuple(chosen)


def _unique_quotes(quotes: Sequence[Quote], n: int) -> tuple[Quote, ...]:
    """The n most confident quotes, one entry per quote however many articles carry it."""
    kept: list[Quote] = []
    sources: list[list[str]] = []
    for q in sorted(quotes, key=lambda q: -q.confidence):  # stable: ties keep input order
        for i, k in enumerate(kept):
            if near_duplicate(q.text, k.text):
                sources[i].append(q.article_id)
                break
        else:
            if len(kept) < n:  # later quotes only add their article to a kept one
                kept.append(q)
                sources.append([q.article_id])
    return tuple(replace(q, article_ids=tuple(dict.fromkeys(s))) for q, s in zip(kept, sources))


def _calendar(analyses: Sequence[Analysis], rollup: ActorRollup, as_of: dt.date) -> tuple[Event, ...]:
    """Upcoming events by the digest's date, in date order; one event reported by several articles is listed once,
    with all of them."""
    kept: list[tuple[Event, list[str]]] = []
    by_days: dict[tuple[dt.date, dt.date], list[tuple[int, set[str]]]] = defaultdict(list)  # candidates share days
    for e in sorted((e for a in analyses for e in _ahead(a.events, as_of)), key=_event_order):
        days = (e.dated.range.start, e.dated.range.end)
        actors = {rollup.ids[(e.article_id, x)] for x in e.actor_ids if (e.article_id, x) in rollup.ids}
        for i, k_actors in by_days[days]:
            k = kept[i][0]
            if near_duplicate(k.what, e.what) or near_duplicate(k.text, e.text) or (actors and actors == k_actors):
                kept[i][1].append(e.article_id)
                break
        else:
            by_days[days].append((len(kept), actors))
            kept.append((e, [e.article_id]))
    return tuple(replace(e, article_ids=tuple(dict.fromkeys(s))) for e, s in kept)


def _stories(analyses: Sequence[Analysis], rollup: ActorRollup) -> tuple[Story, ...]:
    """One Story per group of articles, ranked by coverage and by the weight of the actors involved."""
    n_articles = len(analyses)
    reach = {a.id: len(a.article_ids) for a in rollup.actors}
    has_role = {a.id for a in rollup.actors if a.roles}
    drafts = []
    for group in group_stories(analyses):
        members = [analyses[i] for i in group]
        summary = _story_summary(members)
        salience: dict[str, float] = defaultdict(float)
        for an in members:
            for x in an.actors:
                salience[rollup.ids[(an.article.id, x.id)]] += x.salience
        actor_ids = tuple(sorted(salience, key=lambda r: (-salience[r], r))[:STORY_ACTORS])
        lead_actors = actor_ids[:3]
        # Coverage counts articles and outlets; importance is how widely the story's main actors figure in the day.
        outlets = {an.article.source or an.article.id for an in members}
        importance = sum(math.log1p(reach[r]) / math.log1p(n_articles) + (0.5 if r in has_role else 0.0) for r in lead_actors) / max(
            1, len(lead_actors)
        )
        score = len(members) + 0.5 * (len(outlets) - 1) + importance
        drafts.append((score, group[0], members, summary, actor_ids))
    drafts.sort(key=lambda d: (-d[0], d[1]))
    return tuple(
        Story(
            f"s{rank}",
            _story_title(members),
            tuple(an.article.id for an in members),
            summary,
            _top_facts([f for an in members for f in an.facts], STORY_FACTS, [s.text for _, s in summary]),
            actor_ids,
            _unique_quotes([q for an in members for q in an.quotes], STORY_QUOTES),
            round(score, 4),
        )
        for rank, (score, _, members, summary, actor_ids) in enumerate(drafts, start=1)
    )


def _story_title(members: Sequence[Analysis]) -> str:
    """The headline of the most central article of the story's newest day: a summit's coverage, not its announcement."""
    newest = max((an.article.published for an in members if an.article.published), default=None)
    return next(an.article.title for an in members if an.article.published == newest)


def _story_summary(members: Sequence[Analysis]) -> tuple[tuple[str, Sentence], ...]:
    """Sentences from the story's articles, most central article first, taken in turn; no sentence said twice."""
    length = min(5, 2 + len(members))
    queues = [[(an.article.id, s) for s in an.summary] for an in members]
    chosen: list[tuple[str, Sentence]] = []
    while len(chosen) < length and any(queues):
        for queue in queues:
            while queue:
                aid, s = queue.pop(0)
                if not any(near_duplicate(s.text, c.text) for _, c in chosen):
                    chosen.append((aid, s))
                    break
            if len(chosen) == length:
                break
    return tuple(chosen)


def rollup_actors(analyses: Sequence[Analysis]) -> ActorRollup:
    """Actors merged across articles: the same name or alias, and a person's shorter and fuller names."""
    entries = [(an.article.id, a) for an in analyses for a in an.actors]
    parent = list(range(len(entries)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    by_form: dict[str, int] = {}
    for i, (_, a) in enumerate(entries):
        for form in {name_key(a.name)} | ({name_key(x) for x in a.aliases} if a.kind != "person" else set()):
            if form in by_form:
                union(i, by_form[form])
            else:
                by_form[form] = i
    _merge_person_names(entries, find, union)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(entries)):
        groups[find(i)].append(i)
    rows = []
    for members in groups.values():
        acts = [entries[i][1] for i in members]
        kinds: dict[str, int] = defaultdict(int)
        for a in acts:
            kinds[a.kind] += a.mentions
        kind = max(kinds, key=lambda k: (kinds[k], k == "person"))
        said: dict[str, int] = defaultdict(int)  # mentions per name, counted once: a name in 5,000 articles is one sum
        for a in acts:
            said[a.name] += a.mentions
        # The fullest form is the canonical name: the longest name used, most mentioned on ties.
        name = max((a.name for a in acts), key=lambda nm: (not nm.isupper(), len(nm.split()), said[nm], -len(nm)))
        aliases = tuple(dict.fromkeys(x for a in acts for x in (a.name, *a.aliases) if x.lower() != name.lower()))
        roles = tuple(dict.fromkeys(r for a in acts for r in a.roles))
        salience = sum(a.salience for a in acts)
        rows.append((salience, members[0], name, kind, aliases, roles, members))
    rows.sort(key=lambda r: (-r[0], r[1]))
    actors, ids = [], {}
    for rank, (salience, _, name, kind, aliases, roles, members) in enumerate(rows, start=1):
        rid = f"r{rank}"
        article_ids = tuple(dict.fromkeys(entries[i][0] for i in members))
        actors.append(
            Actor(
                rid,
                name,
                kind,  # type: ignore[arg-type]  # a kind read back from ActorKind values, typed str by the rows' tuple
                aliases,
                roles,
                sum(entries[i][1].mentions for i in members),
                (),
                round(salience / len(analyses), 4),
                article_ids,
            )
        )
        ids.update({(entries[i][0], entries[i][1].id): rid for i in members})
    return ActorRollup(tuple(actors), MappingProxyType(ids))


def _merge_person_names(entries: Sequence[tuple[str, Actor]], find: Callable[[int], int], union: Callable[[int, int], None]) -> None:
    """ "Biden", "President Biden", "Joe Biden" and "Joseph R. Biden" are one person when their roles agree.

    Full names first: one that contains another word for word joins it, and two with one surname and one initial
    join when they share a role. Then a shorter name joins the one person whose fuller name contains it, or, when
    several do ("Biden": Joe, Jill, Hunter), the one person among them that shares its role; else it stays apart.
    """
    people = [(i, name_key(a.name).split()) for i, (_, a) in enumerate(entries) if a.kind == "person"]
    roles_of = {i: frozenset(r.lower() for r in entries[i][1].roles) for i, _ in people}
    # One entry per distinct (name, roles): a digest of thousands of articles names "Trump" thousands of times,
    # and comparing each of those with each other would be quadratic in the articles. Entries with the same name are
    # one set already (joined by name above), so a representative stands for all of them as a candidate.
    first: dict[tuple[tuple[str, ...], frozenset[str]], int] = {}
    for i, tokens in people:
        first.setdefault((tuple(tokens), roles_of[i]), i)
    by_token: dict[str, list[int]] = defaultdict(list)
    for (name_tokens, _), i in first.items():
        for t in {name_tokens[0], name_tokens[-1]}:
            by_token[t].append(i)
    tokens_of = dict(people)
    fits_of: dict[tuple[tuple[str, ...], frozenset[str]], list[tuple[int, bool]]] = {}

    def fits(i: int, low: list[str]) -> list[tuple[int, bool]]:
        """The fuller names this one fits, with whether each shares a role: the same for every entry of a key."""
        key = (tuple(low), roles_of[i])
        if key not in fits_of:
            found = []
            for j in dict.fromkeys(by_token[low[0]] + by_token[low[-1]]):
                other = tokens_of[j]
                if len(other) < len(low) or other == low:
                    continue
                shares_role = bool(roles_of[i] & roles_of[j])
                if _contains(other, low) or (len(low) > 1 and low[-1] == other[-1] and low[0][0] == other[0][0] and shares_role):
                    found.append((j, shares_role))
            fits_of[key] = found
        return fits_of[key]

    for shortest_first in (False, True):
        for i, low in sorted(people, key=lambda p: -len(p[1]) if not shortest_first else len(p[1])):
            if (len(low) == 1) != shortest_first:
                continue
            found = fits(i, low)
            # The sets are read again for each entry: earlier unions may have joined two candidates since.
            people_fitting = {find(j) for j, _ in found}
            with_role = {find(j) for j, shares in found if shares}
            target = people_fitting if len(people_fitting) == 1 else with_role
            if len(target) == 1:
                union(i, next(iter(target)))


def _contains(longer: list[str], shorter: list[str]) -> bool:
    k = len(shorter)
    return any(longer[s : s + k] == shorter for s in range(len(longer) - k + 1))
