"""What changed since an earlier digest (`--compare`): stories new, developing or unchanged, the calendar, new actors."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, get_args

from ..errors import InputError
from ..extract.stories import SAME_STORY, near_duplicate, similarity
from ..inputs.sources import read_regular
from ..model import Actor, Analysis, Article, Brief, Changes, DateRange, Event, Granularity, MovedEvent, StoryStatus, Timex, When, name_key

if TYPE_CHECKING:
    from ..settings import Options
    from .cache import AnalysisCache

SCHEMA = "briefgen.brief/1"
MAX_PREVIOUS_BYTES = 1024 * 1024 * 1024  # an earlier digest's JSON holds every article's text: 10,000 articles are about 400 MB


@dataclass(frozen=True)
class Previous:
    """What an earlier digest's JSON tells: its reference date, its articles grouped in stories, calendar and actors."""

    as_of: dt.date | None
    title: str
    analyses: tuple[Analysis, ...]  # articles with their actors and dates named; sentences only once `rebuild` found them
    story_of: Mapping[str, str]  # article id -> the earlier digest's story id
    upcoming: tuple[Event, ...]
    actor_forms: frozenset[str]  # every name and alias of its actors, as name_key has them


def article_keys(article: Article) -> set[str]:
    """What makes an article the same one in two digests: its text, or its http(s) address (a page updated in place)."""
    keys = {"text:" + hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).hexdigest()}
    if article.url and article.url.startswith(("http://", "https://")):
        keys.add("url:" + article.url)
    return keys


def load_previous(path: str) -> Previous:
    """Read an earlier digest's JSON; anything but a briefgen digest JSON is one clear error."""
    try:
        raw = read_regular(path, MAX_PREVIOUS_BYTES)  # a FIFO, a device or /dev/zero is refused, not read without end
    except InputError as exc:
        raise InputError(f"{path}: cannot read the earlier digest ({str(exc).removeprefix(f'{path}: ')})") from exc
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not JSON, so not an earlier digest's JSON ({exc})") from exc
    except RecursionError as exc:  # json reads nested arrays and objects by recursion
        raise InputError(f"{path}: not an earlier digest's JSON (nested too deeply)") from exc
    if (
        isinstance(data, dict)
        and isinstance(data.get("schema"), str)
        and data["schema"].startswith("briefgen.brief/")
        and data["schema"] != SCHEMA
    ):
        raise InputError(
            f"{path}: a digest of schema {data['schema'][:40]}, which another version of briefgen wrote; this one compares with {SCHEMA}"
        )
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise InputError(f"{path}: not a briefgen JSON (schema {SCHEMA}); give the JSON of an earlier digest")
    try:
        return _previous(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(f"{path}: not a well-formed briefgen digest JSON ({type(exc).__name__}: {exc})") from exc


def _previous(data: dict[str, Any]) -> Previous:
    analyses = []
    for a in data["articles"]:
        published = dt.date.fromisoformat(a["published"]) if a.get("published") else None
        article = Article(str(a["id"]), str(a["title"]), str(a["text"]), published, a.get("source"), a.get("url"))
        actors = tuple(
            Actor(
                str(x["id"]),
                str(x["name"]),
                x["kind"],
                tuple(x["aliases"]),
                tuple(x["roles"]),
                int(x["mentions"]),
                (),
                float(x["salience"]),
            )
            for x in a["actors"]
        )
        timexes = tuple(_timex(t) for t in a.get("timexes", ()))
        # Sentences need the parse: `rebuild` takes them from this run's (or the cache's) analysis of the same text.
        analyses.append(Analysis(article, (), actors, (), (), (), timexes, ()))
    story_of = {aid: str(s["id"]) for s in data.get("stories", []) for aid in s["article_ids"]}
    forms = {name_key(f) for x in data.get("actors", []) for f in (x["name"], *x["aliases"])}
    as_of = dt.date.fromisoformat(data["as_of"]) if data.get("as_of") else None
    return Previous(
        as_of, str(data.get("title", "")), tuple(analyses), story_of, tuple(_event(e) for e in data.get("upcoming", [])), frozenset(forms)
    )


_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(?:T|$)")


def _timex(t: dict[str, Any]) -> Timex:
    """A time expression as the JSON gives it; its days only when its value names one day ("2016-09-26",
    "2016-09-26TNI"), as the grouping's days named use no other (the JSON keeps the value, not the range)."""
    m = _DAY.match(str(t["value"]))
    day = dt.date.fromisoformat(m.group(1)) if m else None
    return Timex(
        str(t["text"]), int(t["start"]), int(t["end"]), t["type"], str(t["value"]), t["mod"], DateRange(day, day, "day") if day else None
    )


def rebuild(previous: Previous, known: Callable[[Article], Analysis | None]) -> Previous:
    """The earlier articles with the sentences and dates of an analysis of the same text and date (`known`: this
    run's, or the cache's), so the grouping compares their leads as it did in the earlier digest; an article with
    none keeps its whole text as its lead."""
    analyses = []
    for an in previous.analyses:
        same = known(an.article)
        if same is not None and same.article.text == an.article.text and same.article.published == an.article.published:
            an = replace(an, sentences=same.sentences, timexes=same.timexes)
        analyses.append(an)
    return replace(previous, analyses=tuple(analyses))


def known_analyses(
    analyses: Sequence[Analysis],
    cache: AnalysisCache | None,
    options: Options,
    as_of: dt.date,
) -> Callable[[Article], Analysis | None]:
    """This run's analysis of an article's text, else the cache's of the article as the earlier digest read it."""
    by_text = {hashlib.sha256(an.article.text.encode("utf-8", "surrogatepass")).digest(): an for an in analyses}

    def known(article: Article) -> Analysis | None:
        an = by_text.get(hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).digest())
        if an is None and cache is not None:
            an = cache.get(cache.key(article, article.published or as_of, options))
        return an

    return known


def _event(e: dict[str, Any]) -> Event:
    w = e["when"]
    days = DateRange(dt.date.fromisoformat(w["date_start"]), dt.date.fromisoformat(w["date_end"]), w["granularity"])
    # A gone event goes into this digest's JSON as it was read: what the contract does not allow is refused here.
    if days.granularity not in get_args(Granularity) or days.start > days.end:
        raise ValueError(f"event {str(e.get('what'))[:60]!r}: granularity {str(w['granularity'])[:20]!r} or days out of order")
    if min(int(e["start"]), int(e["end"]), int(w["start"]), int(w["end"])) < 0:
        raise ValueError(f"event {str(e.get('what'))[:60]!r}: a negative offset")
    # The earlier digest's actor ids mean nothing in this one: a gone event keeps its words and dates only.
    return Event(
        str(e["text"]),
        int(e["start"]),
        int(e["end"]),
        str(e["what"]),
        (),
        When(str(w["text"]), int(w["start"]), int(w["end"]), days),
        str(e["article_id"]),
        tuple(e.get("article_ids", ())),
    )


def compare(brief: Brief, previous: Previous) -> Brief:
    """The digest with each story's status and the changes since the earlier one."""
    seen_story: dict[str, str] = {}  # article key -> earlier story id
    for an in previous.analyses:
        for key in article_keys(an.article):
            seen_story[key] = previous.story_of.get(an.article.id, "")
    new_articles = {an.article.id for an in brief.analyses if not article_keys(an.article) & seen_story.keys()}
    mine = {key for an in brief.analyses for key in article_keys(an.article)}
    told_before = _stories_told_before(brief, previous, new_articles)
    status: dict[str, StoryStatus] = {}
    for story in brief.stories:
        fresh = [aid for aid in story.article_ids if aid in new_articles]
        if not fresh:
            status[story.id] = "unchanged"
        elif len(fresh) < len(story.article_ids) or story.id in told_before:
            status[story.id] = "developing"
        else:
            status[story.id] = "new"
    # An earlier event can be gone only where this digest still covers what reported it: one of its articles (a page
    # updated in place) or their story. Yesterday's articles are not in this morning's digest, and their events are
    # not cancelled for that.
    stories_covered = {seen_story[key] for key in mine if key in seen_story} - {""}
    articles_covered = {an.article.id for an in previous.analyses if article_keys(an.article) & mine}
    added, moved, gone = _calendar_changes(brief.upcoming, previous.upcoming, brief.as_of)
    gone = tuple(
        e
        for e in gone
        if any(aid in articles_covered or previous.story_of.get(aid) in stories_covered for aid in (e.article_id, *e.article_ids))
    )
    actors_new = tuple(a.id for a in brief.actors if not {name_key(f) for f in (a.name, *a.aliases)} & previous.actor_forms)
    stories = tuple(replace(s, status=status[s.id]) for s in brief.stories)
    changes = Changes(
        previous.as_of,
        previous.title,
        tuple(s.id for s in stories if s.status == "new"),
        tuple(s.id for s in stories if s.status == "developing"),
        tuple(s.id for s in stories if s.status == "unchanged"),
        tuple(an.article.id for an in brief.analyses if an.article.id in new_articles),
        added,
        moved,
        gone,
        actors_new,
    )
    return replace(brief, stories=stories, changes=changes)


def _stories_told_before(brief: Brief, previous: Previous, new_articles: set[str]) -> set[str]:
    """Stories made only of new articles that the earlier digest already told: the grouping's own test, between the
    story's articles and an earlier story's (average similarity at least SAME_STORY), decides."""
    candidates = [s for s in brief.stories if all(aid in new_articles for aid in s.article_ids)]
    if not candidates or not previous.analyses:
        return set()
    index = {an.article.id: i for i, an in enumerate(brief.analyses)}
    mine = [index[aid] for s in candidates for aid in s.article_ids]
    both: list[Analysis] = [brief.analyses[i] for i in mine] + list(previous.analyses)
    sim = similarity(both)
    n = len(mine)
    earlier: dict[str, list[int]] = {}
    for j, an in enumerate(previous.analyses):
        earlier.setdefault(previous.story_of.get(an.article.id, an.article.id), []).append(n + j)
    told, row = set(), 0
    for story in candidates:
        rows = list(range(row, row + len(story.article_ids)))
        row += len(rows)
        if any(sim[rows][:, cols].mean() >= SAME_STORY for cols in earlier.values()):
            told.add(story.id)
    return told


def _calendar_changes(
    now: Sequence[Event],
    before: Sequence[Event],
    as_of: dt.date,
) -> tuple[tuple[Event, ...], tuple[MovedEvent, ...], tuple[Event, ...]]:
    """Events added, moved to other days, and gone (an earlier event still ahead that nothing reports any more).

    Two entries are one event when their descriptions or their sentences say the same, as the calendar merges them.
    """
    matched: set[int] = set()
    added: list[Event] = []
    moved: list[MovedEvent] = []
    for e in now:
        same = _same_event(e, before, matched)
        if same is None:
            added.append(e)
            continue
        matched.add(same)
        was = before[same].dated.range
        if (was.start, was.end) != (e.dated.range.start, e.dated.range.end):
            moved.append(MovedEvent(e, was))
    gone = tuple(p for i, p in enumerate(before) if i not in matched and p.dated.range.end >= as_of)
    return tuple(added), tuple(moved), gone


def _same_event(e: Event, before: Sequence[Event], taken: set[int]) -> int | None:
    # The same days first: an event reported again is more likely the one on its own days than a moved one.
    order = sorted(range(len(before)), key=lambda i: before[i].dated.range != e.dated.range)
    for i in order:
        if i not in taken and (near_duplicate(e.what, before[i].what) or near_duplicate(e.text, before[i].text)):
            return i
    return None
