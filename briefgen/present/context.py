"""The template context: a `Brief` and its `Look` in; `TemplateContext`, every name a template can use, out."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import TYPE_CHECKING

import markupsafe

from .. import __version__
from ..model import Actor, Article, Brief, DateRange, Fact, Quote, Sentence, Story, sentence_at
from ..settings import logo_data_uri
from .audiences import Audience

if TYPE_CHECKING:
    from .look import Look


@dataclass(frozen=True)
class TimelineEntry:
    """One expression naming calendar days, with the sentence it is in."""

    range: DateRange
    when: str  # the words that give the date
    sentence: str
    article_id: str
    upcoming: bool


@dataclass(frozen=True)
class TemplateContext:
    """Everything a template can use, by name; templates/README.md documents each (a test keeps the two in step)."""

    brief: Brief  # the note's content
    profile: Audience  # the audience: sections, limits, paper, templates, styles
    limits: Mapping[str, int]  # how much of each thing to show; lowered when a note must fit `max_pages`
    house: Mapping[str, object]  # briefgen.toml's organisation, classification, logo (a data: URI) and paper
    css: str  # every stylesheet, in order, to inline (empty in Markdown)
    version: str  # briefgen's version
    quoted: Callable[[Quote], str]  # a quote's own words, its parts joined with "…"
    actor_names: Mapping[str, str]  # an article-level actor's name by "ARTICLE_ID/ACTOR_ID"
    articles: Mapping[str, Article]  # each article by id
    actors: Mapping[str, Actor]  # each merged actor (brief.actors) by id
    story_of: Mapping[str, Story]  # the story each article (by id) belongs to
    stories_of: Callable[[Sequence[str]], list[Story]]  # the stories those articles belong to, in rank order
    story_rank: Mapping[str, int]  # each story's rank (1 = top) by story id
    timeline: tuple[TimelineEntry, ...]  # every expression naming calendar days, in date order
    key_points: Callable[[Mapping[str, int]], list[Fact | Sentence]]  # key facts, then summary sentences not shown

    def variables(self) -> dict[str, object]:
        """The names a template sees: each field, by name (the objects themselves, not copies)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def build_context(brief: Brief, look: Look, css: str, limits: Mapping[str, int] | None = None) -> TemplateContext:
    """The context of one note: `css` is the stylesheets inlined (empty for Markdown), `limits` the audience's unless given."""
    names = {f"{an.article.id}/{a.id}": a.name for an in brief.analyses for a in an.actors}
    texts = {an.article.id: an.article.text for an in brief.analyses}

    def quoted(q: Quote) -> str:
        """A quote's own words: its parts joined with an ellipsis, without the attribution between them."""
        text = texts[q.article_id]
        return " \u2026 ".join(text[a:b].strip(" ,") for a, b in q.parts) if q.parts else q.text

    story_of = {aid: story for story in brief.stories for aid in story.article_ids}

    def stories_of(article_ids: Sequence[str]) -> list[Story]:
        """The stories these articles belong to, in rank order."""
        found = {story_of[aid].id for aid in article_ids if aid in story_of}
        return [s for s in brief.stories if s.id in found]

    def key_points(limits: Mapping[str, int]) -> list[Fact | Sentence]:
        """Facts first, then summary sentences the issue and background have not already given."""
        sections = look.audience.sections
        skip = limits["summary_sentences"] if "background" in sections else (1 if "issue" in sections else 0)
        shown = [s for _, s in brief.stories[0].summary[skip:]] if brief.stories else []
        points: list[Fact | Sentence] = [*brief.key_facts, *shown]
        return points[: limits["key_points"]]

    config = look.config
    return TemplateContext(
        brief=brief,
        profile=look.audience,
        limits=MappingProxyType(dict(limits or look.audience.limits)),
        house=MappingProxyType(
            {
                "organisation": config.organisation,
                "classification": config.classification,
                "logo": markupsafe.Markup(logo_data_uri(config.logo)) if config.logo else None,  # base64: nothing to escape
                "paper": look.paper,
            }
        ),  # fmt: skip
        css=css,
        version=__version__,
        quoted=quoted,
        actor_names=MappingProxyType(names),
        articles=MappingProxyType({an.article.id: an.article for an in brief.analyses}),
        actors=MappingProxyType({a.id: a for a in brief.actors}),
        story_of=MappingProxyType(story_of),
        stories_of=stories_of,
        story_rank=MappingProxyType({s.id: rank for rank, s in enumerate(brief.stories, start=1)}),
        timeline=timeline(brief),
        key_points=key_points,
    )


def timeline(brief: Brief) -> tuple[TimelineEntry, ...]:
    """Every time expression that names calendar days, with its sentence, in date order (once per sentence and days)."""
    entries: dict[tuple, TimelineEntry] = {}
    for an in brief.analyses:
        ref = an.article.published or brief.as_of
        for t in an.timexes:
            # An upcoming event's dates stand for the expressions they came from ("Monday to Wednesday" is one entry).
            event = next((e.dated for e in an.events if e.dated.start <= t.start < e.dated.end), None)
            days, said = (event.range, event.text) if event is not None else (t.range, t.text)
            if days is None or (t.type not in ("DATE", "TIME") and event is None):
                continue
            a, b = sentence_at(an.sentences, t.start) or (t.start, t.end)
            sentence = an.article.text[a:b].strip()
            key = (days.start, days.end, sentence)
            entries.setdefault(key, TimelineEntry(days, said, sentence, an.article.id, event is not None or days.start > ref))
    return tuple(sorted(entries.values(), key=lambda e: (e.range.start, e.range.end)))
