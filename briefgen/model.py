"""Typed, immutable data exchanged between briefgen's stages."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

ActorKind = Literal["person", "organization", "place", "group", "other"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Granularity = Literal["day", "week", "month", "quarter", "year"]
Certainty = Literal["scheduled", "expected", "possible"]  # fixed or announced; planned or expected; may happen
Span = tuple[int, int]
TurnRole = Literal["principal", "reporter", "interviewer", "moderator", "audience", "other"]
StoryStatus = Literal["new", "developing", "unchanged"]


@dataclass(frozen=True)
class Article:
    """One article as read: `text` is the body that every offset indexes into."""

    id: str
    title: str
    text: str
    published: dt.date | None
    source: str | None = None
    url: str | None = None
    origin: str = ""  # file (and line) it came from, for messages
    author: str | None = None


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    score: float | None


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: ActorKind
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    mentions: int
    spans: tuple[Span, ...]
    salience: float
    article_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quote:
    text: str
    start: int
    end: int
    speaker: str | None
    speaker_span: Span | None
    actor_id: str | None
    cue: str | None
    direct: bool
    confidence: float
    article_id: str
    parts: tuple[Span, ...] = ()  # the quoted words when attribution splits them; (start, end) is their hull
    article_ids: tuple[str, ...] = ()  # digest rollup: every article carrying this quote


@dataclass(frozen=True)
class DateRange:
    """The calendar days a time expression covers, inclusive."""

    start: dt.date
    end: dt.date
    granularity: Granularity


@dataclass(frozen=True)
class Timex:
    text: str
    start: int
    end: int
    type: TimexType
    value: str
    mod: str | None
    range: DateRange | None = None  # resolved days, when the value names a calendar period
    direction: int = 0  # the tense of its verb: +1 future, -1 past, 0 unsaid (events skip the past)


@dataclass(frozen=True)
class When:
    text: str
    start: int
    end: int
    range: DateRange


@dataclass(frozen=True)
class Event:
    text: str
    start: int
    end: int
    what: str
    actor_ids: tuple[str, ...]
    when: When | None  # None only in Analysis.undated_events: a firm next step the article gives no date for
    article_id: str
    article_ids: tuple[str, ...] = ()  # digest rollup: every article reporting this event
    certainty: Certainty = "expected"

    @property
    def dated(self) -> When:
        """The dates of an event known to have them (every event but `Analysis.undated_events`)."""
        if self.when is None:
            raise ValueError(f"an undated event has no dates: {self.what!r}")
        return self.when


@dataclass(frozen=True)
class Fact:
    text: str
    start: int
    end: int
    score: float
    article_id: str
    speaker: str | None = None  # who states or claims it: a transcript turn's speaker, "the agency" that said it
    actor_id: str | None = None


@dataclass(frozen=True)
class Turn:
    """One speaker's turn in a transcript: the label as printed, its words, and who speaks."""

    label: str  # "MR. SULLIVAN", "Q"
    label_span: Span
    start: int  # the words, after the label
    end: int
    speaker: str  # "Jake Sullivan", "a senior administration official", "a reporter"
    actor_id: str | None
    role: TurnRole  # a reporter's question or the moderator's housekeeping is never the principals' substance


@dataclass(frozen=True)
class Transcript:
    """A speaker-labelled text: its turns, its stage directions ("(Laughter.)", "END 3:45 P.M. EDT"), where turns begin."""

    turns: tuple[Turn, ...]
    directions: tuple[Span, ...]
    body_start: int  # what comes before the first turn (venue, time) is not content


@dataclass(frozen=True)
class Analysis:
    """Everything extracted from one article."""

    article: Article
    summary: tuple[Sentence, ...]
    actors: tuple[Actor, ...]
    quotes: tuple[Quote, ...]
    events: tuple[Event, ...]
    facts: tuple[Fact, ...]
    timexes: tuple[Timex, ...]
    sentences: tuple[tuple[int, int], ...]  # every sentence's character span, in order
    transcript: Transcript | None = None  # the turns, when the text is a transcript (events may skip questions)
    undated_events: tuple[Event, ...] = ()  # upcoming happenings without a date, in text order

    @property
    def genre(self) -> Literal["article", "transcript"]:
        return "transcript" if self.transcript is not None else "article"


@dataclass(frozen=True)
class Story:
    """Articles about one story; in a digest, with its own summary, facts, actors and quotes."""

    id: str
    title: str
    article_ids: tuple[str, ...]
    summary: tuple[tuple[str, Sentence], ...]  # (article id, sentence)
    facts: tuple[Fact, ...] = ()
    actor_ids: tuple[str, ...] = ()  # ids into Brief.actors
    quotes: tuple[Quote, ...] = ()
    score: float = 0.0  # coverage and actor importance: stories are ranked by it
    status: StoryStatus | None = None  # against an earlier digest (--compare): new, developing or unchanged


@dataclass(frozen=True)
class Problem:
    """An input briefgen could not use, and why: reported instead of sinking a digest."""

    source: str
    message: str


@dataclass(frozen=True)
class Coverage:
    """The days a digest covers and what its window left out: the title, the note and the reference date agree on it."""

    start: dt.date | None  # None: no article had a date
    end: dt.date | None
    asked: bool  # a window was asked for (--date, --since, --until); else every article read is in
    outside: int = 0  # dated articles read but published outside the window
    undated: int = 0  # articles without a date, left out of an asked window


@dataclass(frozen=True)
class MovedEvent:
    """An upcoming event an earlier digest had on other days."""

    event: Event
    before: DateRange


@dataclass(frozen=True)
class Changes:
    """What changed since an earlier digest (`--compare`): stories, calendar and actors."""

    since: dt.date | None  # the earlier digest's reference date
    previous_title: str
    stories_new: tuple[str, ...]  # story ids
    stories_developing: tuple[str, ...]
    stories_unchanged: tuple[str, ...]
    new_articles: tuple[str, ...]  # article ids the earlier digest did not have
    events_added: tuple[Event, ...]
    events_moved: tuple[MovedEvent, ...]
    events_gone: tuple[Event, ...]  # still ahead, no longer reported; their actor_ids are empty (the ids were the earlier digest's)
    actors_new: tuple[str, ...]  # ids into Brief.actors


@dataclass(frozen=True)
class Brief:
    """A briefing note's content, ready to render or serialise."""

    kind: Literal["brief", "digest"]
    title: str
    audience: str
    as_of: dt.date
    analyses: tuple[Analysis, ...]
    actors: tuple[Actor, ...]
    upcoming: tuple[Event, ...]
    top_quotes: tuple[Quote, ...]
    key_facts: tuple[Fact, ...]
    stories: tuple[Story, ...]
    problems: tuple[Problem, ...] = ()
    generator: str = field(default="briefgen")
    coverage: Coverage | None = None  # digests: the days covered
    changes: Changes | None = None  # digests compared with an earlier one


def sentence_at(sentences: Sequence[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The span among `sentences` (in text order, as `Analysis.sentences` holds them) that contains a character offset."""
    i = bisect.bisect_right(sentences, (offset, float("inf"))) - 1
    return sentences[i] if i >= 0 and offset < sentences[i][1] else None


@lru_cache(maxsize=65_536)  # asked of every name again and again (merging actors, assembling a digest)
def name_key(name: str) -> str:
    """The form every name of one actor shares: lower case, single spaces, no leading "the", no "Jr." or final full stop."""
    key = re.sub(r"\s+", " ", name.strip().lower().replace("\u2019", "'"))
    key = re.sub(r"^the ", "", key)
    # "Biden Jr." and "BIDEN JR" (the model leaves the full stop out or in); "JOSEPH R. BIDEN JR." signs for Joseph R. Biden.
    key = re.sub(r",? jr\.?$", "", key)
    return key.rstrip(".")


def format_date(value: dt.date | None) -> str:
    return value.strftime("%-d %B %Y") if value else "date unknown"


def format_range(r: DateRange) -> str:
    """A human date range at its granularity: "20-28 February 1997", "March 1997", "10 April 2024"."""
    if r.start == r.end:
        return format_date(r.start)
    if r.granularity == "year" and r.start.month == 1 and r.start.day == 1 and r.end.month == 12 and r.end.day == 31:
        return str(r.start.year) if r.start.year == r.end.year else f"{r.start.year}\u2013{r.end.year}"
    if r.start.year == r.end.year and r.start.month == r.end.month:
        if r.start.day == 1 and (r.end + dt.timedelta(days=1)).month != r.end.month:
            return f"{r.start:%B %Y}"
        return f"{r.start.day}\u2013{r.end.day} {r.start:%B %Y}"
    if r.start.year == r.end.year:
        return f"{r.start.day} {r.start:%B} \u2013 {r.end.day} {r.end:%B %Y}"
    return f"{format_date(r.start)} \u2013 {format_date(r.end)}"
