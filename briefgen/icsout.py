"""Upcoming events as an iCalendar file (RFC 5545) that calendar programs import: all-day events over their dates."""

from __future__ import annotations

import datetime as dt
import hashlib

import icalendar

from . import __version__
from .model import Article, Brief, Event


def to_ics(brief: Brief) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//briefgen//briefgen {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", brief.title)
    articles = {an.article.id: an.article for an in brief.analyses}
    # DTSTAMP is required; the brief's own date keeps the file the same for the same input.
    stamp = dt.datetime.combine(brief.as_of, dt.time(0, 0), tzinfo=dt.timezone.utc)
    for e in brief.upcoming:
        cal.add_component(_event(e, articles, stamp))
    return cal.to_ical()


def _event(e: Event, articles: dict[str, Article], stamp: dt.datetime) -> icalendar.Event:
    r = e.when.range
    sources = [articles[aid] for aid in (e.article_ids or (e.article_id,)) if aid in articles]
    lines = [e.text.strip(), "", f"When, as reported: \u201c{e.when.text}\u201d"]
    for a in sources:
        where = ", ".join(x for x in (a.source, a.published.isoformat() if a.published else None) if x)
        lines.append(f"Source: {a.title}" + (f" ({where})" if where else "") + (f" {a.url}" if a.url else ""))
    ev = icalendar.Event()
    uid_basis = f"{r.start}|{r.end}|{e.what}|{e.article_id}|{e.start}"
    ev.add("uid", hashlib.sha256(uid_basis.encode()).hexdigest()[:32] + "@briefgen")
    ev.add("dtstamp", stamp)
    ev.add("dtstart", r.start)
    ev.add("dtend", r.end + dt.timedelta(days=1))  # DTEND of an all-day event is exclusive
    ev.add("summary", e.what)
    ev.add("description", "\n".join(lines))
    ev.add("transp", "TRANSPARENT")  # a reported event does not make the reader busy
    links = [a.url for a in sources if a.url and a.url.startswith(("http://", "https://"))]
    if links:
        ev.add("url", links[0])
    return ev
