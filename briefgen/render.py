"""Rendering: Jinja2 templates (autoescaped) to HTML, and WeasyPrint to PDF without network or stray file access."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlparse

import jinja2
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import __version__
from .errors import RenderError
from .model import Brief, DateRange, Quote, Story

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """`templates` or `styles`: inside the installed package, else at the top of a source checkout."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise RenderError(f"briefgen's {name} folder is missing from the installation ({_PACKAGE})")


class LocalOnlyFetcher(URLFetcher):
    """Lets WeasyPrint read data: URLs and files inside the template and style folders, and nothing else."""

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols=("file", "data"))
        self._roots = [r.resolve() for r in roots]

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        parsed = urlparse(url)
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path)).resolve()
            if not any(path.is_relative_to(root) for root in self._roots):
                raise ValueError(f"briefgen does not let the PDF read {url}")
        elif parsed.scheme != "data":
            raise ValueError(f"briefgen does not let the PDF fetch {url}")
        return super().fetch(url, headers)


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_dir("templates"))),
        autoescape=True,  # set explicitly: select_autoescape() would not match "*.html.j2"
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["date"] = _format_date
    env.filters["range"] = format_range
    return env


TEMPLATES = {"brief": "brief.html.j2", "digest": "digest.html.j2"}


FULL_STORIES = 20  # a digest shows this many stories in full and lists the rest


def render_html(brief: Brief, template: str | None = None, full_stories: int = FULL_STORIES) -> str:
    """The briefing note as one self-contained HTML page (its CSS inlined)."""
    template = template or TEMPLATES[brief.kind]
    stylesheet = resource_dir("styles") / "brief.css"
    try:
        css = stylesheet.read_text(encoding="utf-8")
    except OSError as exc:
        raise RenderError(f"{stylesheet}: cannot read stylesheet ({exc.strerror})") from exc
    # Events name their actors by article-level ids, which repeat across articles.
    names = {f"{an.article.id}/{a.id}": a.name for an in brief.analyses for a in an.actors}
    texts = {an.article.id: an.article.text for an in brief.analyses}

    def quoted(q: Quote) -> str:
        """A quote's own words: its parts joined with an ellipsis, without the attribution between them."""
        text = texts[q.article_id]
        return " \u2026 ".join(text[a:b].strip(" ,") for a, b in q.parts) if q.parts else q.text

    story_of = {aid: story for story in brief.stories for aid in story.article_ids}

    def stories_of(article_ids: Sequence[str]) -> list[Story]:
        """The stories these articles belong to, in rank order."""
        found = {story_of[aid].id: story_of[aid] for aid in article_ids if aid in story_of}
        return [s for s in brief.stories if s.id in found]

    context = {
        "brief": brief, "css": css, "version": __version__, "quoted": quoted, "actor_names": names,
        "articles": {an.article.id: an.article for an in brief.analyses},
        "actors": {a.id: a for a in brief.actors},
        "story_of": story_of, "stories_of": stories_of,
        "story_rank": {s.id: rank for rank, s in enumerate(brief.stories, start=1)},
        "full_stories": full_stories,
    }
    try:
        tpl = environment().get_template(template)
        return tpl.render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"{exc.filename or exc.name}:{exc.lineno}: template syntax error: {exc.message}") from exc
    except jinja2.TemplateError as exc:
        raise RenderError(f"template {template}: {exc}") from exc


def render_pdf(html: str) -> bytes:
    """Typeset the HTML with WeasyPrint; only the template and style folders are readable."""
    roots = [resource_dir("templates"), resource_dir("styles")]
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    doc = HTML(string=html, base_url=str(roots[0]) + "/", url_fetcher=LocalOnlyFetcher(roots))
    pdf = doc.write_pdf()
    if pdf is None:
        raise RenderError("WeasyPrint produced no PDF")
    return pdf


def _format_date(value: dt.date | None) -> str:
    return value.strftime("%-d %B %Y") if value else "date unknown"


def format_range(r: DateRange) -> str:
    """A human date range at its granularity: "20-28 February 1997", "March 1997", "10 April 2024"."""
    if r.start == r.end:
        return _format_date(r.start)
    if r.granularity == "year" and r.start.month == 1 and r.start.day == 1 and r.end.month == 12 and r.end.day == 31:
        return str(r.start.year) if r.start.year == r.end.year else f"{r.start.year}\u2013{r.end.year}"
    if r.start.year == r.end.year and r.start.month == r.end.month:
        return f"{r.start.day}\u2013{r.end.day} {r.start:%B %Y}"
    if r.start.year == r.end.year:
        return f"{r.start.day} {r.start:%B} \u2013 {r.end.day} {r.end:%B %Y}"
    return f"{_format_date(r.start)} \u2013 {_format_date(r.end)}"
