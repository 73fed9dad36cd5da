"""Upcoming events as an iCalendar file (RFC 5545) that calendar programs import: all-day events over their dates."""

from __future__ import annotations

import datetime as dt
import hashlib

import icalendar

from .. import __version__
from ..model import Article, Brief, Event
from ..safetext import safe_link, strip_controls


def _text(value: str) -> str:
    """An iCalendar TEXT value: icalendar escapes commas, semicolons and line breaks; control characters (which
    RFC 5545 does not allow) are dropped."""
    return strip_controls(value)


def to_ics(brief: Brief) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//briefgen//briefgen {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _text(" ".join(brief.title.split())))
    articles = {an.article.id: an.article for an in brief.analyses}
    # DTSTAMP is required; the brief's own date keeps the file the same for the same input.
    stamp = dt.datetime.combine(brief.as_of, dt.time(0, 0), tzinfo=dt.UTC)
    for e in brief.upcoming:
        cal.add_component(_event(e, articles, stamp))
    return cal.to_ical()


def _event(e: Event, articles: dict[str, Article], stamp: dt.datetime) -> icalendar.Event:
    r = e.dated.range
    sources = [articles[aid] for aid in (e.article_ids or (e.article_id,)) if aid in articles]
    lines = [e.text.strip(), "", f"When, as reported: \u201c{e.dated.text}\u201d"]
    for a in sources:
        where = ", ".join(x for x in (a.source, a.published.isoformat() if a.published else None) if x)
        lines.append(f"Source: {a.title}" + (f" ({where})" if where else "") + (f" {link}" if (link := safe_link(a.url)) else ""))
    ev = icalendar.Event()
    uid_basis = f"{r.start}|{r.end}|{e.what}|{e.article_id}|{e.start}"
    ev.add("uid", hashlib.sha256(uid_basis.encode("utf-8", "surrogatepass")).hexdigest()[:32] + "@briefgen")
    ev.add("dtstamp", stamp)
    ev.add("dtstart", r.start)
    if r.end < dt.date.max:
        ev.add("dtend", r.end + dt.timedelta(days=1))  # DTEND of an all-day event is exclusive
    else:  # the calendar's last day has no day after it to end on: the same days as a duration
        ev.add("duration", dt.timedelta(days=(r.end - r.start).days + 1))
    ev.add("summary", _text(" ".join(e.what.split())))
    ev.add("description", _text("\n".join(lines)))
    ev.add("transp", "TRANSPARENT")  # a reported event does not make the reader busy
    # A URL value is not escaped by icalendar: a line break in it would start properties of its own.
    links = [link for a in sources if (link := safe_link(a.url))]
    if links:
        ev.add("url", links[0])
    return ev
