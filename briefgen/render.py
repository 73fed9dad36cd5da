"""Rendering: Jinja2 templates (autoescaped) to HTML and Markdown, and WeasyPrint to PDF without network or stray reads."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import unquote, urlparse

import jinja2
import markupsafe
from weasyprint import HTML, Attachment
from weasyprint.document import Document
from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import __version__
from .audiences import SECTION_LIMITS, Audience, audience_dirs, find_file, load_audience
from .config import Config, logo_data_uri
from .errors import RenderError
from .model import Brief, DateRange, Fact, Quote, Sentence, Story, format_range, sentence_at
from .model import format_date as _format_date
from .resources import resource_dir

# When a note must fit `max_pages`, these limits come down one step at a time, in turn, to their floors.
SHRINK = (("timeline", 0), ("actors", 3), ("facts", 0), ("events", 1), ("quotes", 0), ("key_points", 3), ("summary_sentences", 2),
          ("changes", 0))
Attachments = Sequence[tuple[str, str, str]]  # (file name, text, description) embedded in the PDF


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


@dataclass(frozen=True)
class Look:
    """How a note looks: its audience, the team's settings, and the user's template folders and stylesheets."""

    audience: Audience
    config: Config = Config()
    template_dirs: tuple[Path, ...] = ()  # searched before the audience's and the built-in templates
    styles: tuple[Path, ...] = ()  # added after the audience's stylesheets

    @property
    def paper(self) -> str:
        return self.config.paper or self.audience.paper


def default_look(kind: str = "brief") -> Look:
    return Look(load_audience("analyst" if kind == "brief" else "digest", audience_dirs()))


def environment(look: Look | None = None, markdown: bool = False) -> jinja2.Environment:
    """Templates from the user's folders, then the audience's (and those it extends), then the built-ins.

    `builtin:NAME` always reaches the template the user's folders hide, so an override can extend it.
    """
    look = look or default_look()
    builtin = jinja2.FileSystemLoader([str(f) for f in (*look.audience.folders, resource_dir("templates"))])
    loader = jinja2.ChoiceLoader([
        jinja2.FileSystemLoader([str(d) for d in look.template_dirs]),
        builtin,
        jinja2.PrefixLoader({"builtin": builtin}, delimiter=":"),
    ])  # fmt: skip
    env = jinja2.Environment(
        loader=loader,
        # Set explicitly: select_autoescape() would not match "*.html.j2". Markdown escapes every value instead.
        autoescape=not markdown,
        finalize=markdown_escape if markdown else None,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["date"] = _format_date
    env.filters["range"] = format_range
    env.filters["clip"] = clip
    return env


def stylesheet(look: Look) -> str:
    """The audience's stylesheets, the house settings (paper, colours, marking), then the team's and user's sheets."""
    parts = []
    for name in look.audience.styles:
        path = find_file(name, (*look.audience.folders, resource_dir("styles")))
        if path is None:
            raise RenderError(f"{look.audience.origin / 'audience.toml'}: stylesheet {name!r} is in neither the audience's nor briefgen's styles folder")
        parts.append(_read_css(path))
    parts.append(_house_css(look))
    parts.extend(_read_css(p) for p in look.styles)
    return "\n".join(parts)


def _read_css(path: Path) -> str:
    try:
        return f"/* {path.name} */\n" + path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RenderError(f"{path}: cannot read stylesheet ({getattr(exc, 'strerror', None) or exc})") from exc


def _css_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _house_css(look: Look) -> str:
    c = look.config.colours
    css = [f"/* house settings */\n@page {{ size: {look.paper}; }}\n:root {{ --accent: {c['accent']}; --text: {c['text']}; }}"]
    if look.config.classification:
        box = f'content: {_css_string(look.config.classification)}; font: bold 8pt "DejaVu Sans", sans-serif; color: #a00;'
        css.append(f"@page {{ @top-center {{ {box} }} @bottom-center {{ {box} }} }}")
    return "\n".join(css)


def render_html(brief: Brief, look: Look | None = None, limits: Mapping[str, int] | None = None) -> str:
    """The briefing note as one self-contained HTML page (its CSS and logo inlined)."""
    look = look or default_look(brief.kind)
    return _render(environment(look), look.audience.template, context(brief, look, limits))


def render_markdown(brief: Brief, look: Look | None = None) -> str:
    look = look or default_look(brief.kind)
    return _render(environment(look, markdown=True), look.audience.markdown_template, context(brief, look, css=False))


def _render(env: jinja2.Environment, name: str, ctx: dict[str, Any]) -> str:
    try:
        return env.get_template(name).render(**ctx)
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"{exc.filename or exc.name}:{exc.lineno}: template syntax error: {exc.message}") from exc
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"template {exc.name!r} not found (searched {', '.join(_search_path(env))})") from exc
    except jinja2.TemplateError as exc:
        raise RenderError(f"{_template_location(exc, name)}: template error: {exc.message or exc}") from exc
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError) as exc:
        raise RenderError(f"{_template_location(exc, name)}: template error: {type(exc).__name__}: {exc}") from exc


def _search_path(env: jinja2.Environment) -> list[str]:
    loader = env.loader
    assert isinstance(loader, jinja2.ChoiceLoader)
    return [p for sub in loader.loaders if isinstance(sub, jinja2.FileSystemLoader) for p in sub.searchpath]


def _template_location(exc: BaseException, fallback: str) -> str:
    """The template file and line an error happened at, from Jinja's rewritten traceback."""
    where = fallback
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            where = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


@dataclass(frozen=True)
class TimelineEntry:
    range: DateRange
    when: str  # the words that give the date
    sentence: str
    article_id: str
    upcoming: bool


def context(brief: Brief, look: Look, limits: Mapping[str, int] | None = None, css: bool = True) -> dict[str, Any]:
    """Everything a template can use; each name is documented in templates/README.md (a test keeps them in step)."""
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
        return [*brief.key_facts, *shown][: limits["key_points"]]

    config = look.config
    return {
        "brief": brief,
        "profile": look.audience,
        "limits": MappingProxyType(dict(limits or look.audience.limits)),
        "house": MappingProxyType({
            "organisation": config.organisation,
            "classification": config.classification,
            "logo": logo_data_uri(config.logo) if config.logo else None,
            "paper": look.paper,
        }),  # fmt: skip
        "css": stylesheet(look) if css else "",
        "version": __version__,
        "quoted": quoted,
        "actor_names": MappingProxyType(names),
        "articles": MappingProxyType({an.article.id: an.article for an in brief.analyses}),
        "actors": MappingProxyType({a.id: a for a in brief.actors}),
        "story_of": MappingProxyType(story_of),
        "stories_of": stories_of,
        "story_rank": MappingProxyType({s.id: rank for rank, s in enumerate(brief.stories, start=1)}),
        "timeline": timeline(brief),
        "key_points": key_points,
    }


def timeline(brief: Brief) -> tuple[TimelineEntry, ...]:
    """Every time expression that names calendar days, with its sentence, in date order (once per sentence and days)."""
    entries: dict[tuple, TimelineEntry] = {}
    for an in brief.analyses:
        ref = an.article.published or brief.as_of
        for t in an.timexes:
            # An upcoming event's dates stand for the expressions they came from ("Monday to Wednesday" is one entry).
            event = next((e.when for e in an.events if e.when.start <= t.start < e.when.end), None)
            days, said = (event.range, event.text) if event is not None else (t.range, t.text)
            if days is None or (t.type not in ("DATE", "TIME") and event is None):
                continue
            a, b = sentence_at(an.sentences, t.start) or (t.start, t.end)
            sentence = an.article.text[a:b].strip()
            key = (days.start, days.end, sentence)
            entries.setdefault(key, TimelineEntry(days, said, sentence, an.article.id, event is not None or days.start > ref))
    return tuple(sorted(entries.values(), key=lambda e: (e.range.start, e.range.end)))


def clip(text: str, n: int = 300) -> str:
    """At most n characters, cut at a word, with an ellipsis: keeps one-page notes on one page."""
    text = " ".join(str(text).split())
    if len(text) <= n:
        return text
    cut = text.rfind(" ", 0, n)
    return text[: cut if cut > 0 else n].rstrip(",;: ") + "\u2026"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")  # escaping [ ] is enough to stop links and images


def markdown_escape(value: Any) -> Any:  # noqa: ANN401 - Jinja's finalize hook takes any value
    """Every value a Markdown template prints is plain text: Markdown and HTML in an article stay literal."""
    if value is None or isinstance(value, (int, float, markupsafe.Markup)):
        return value
    text = " ".join(str(value).split())
    return _MD_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;"))


def readable_roots(look: Look | None) -> list[Path]:
    """The only folders the PDF renderer may read: briefgen's templates and styles, and the user's own."""
    look = look or default_look()
    return [resource_dir("templates"), resource_dir("styles"), *look.audience.folders, *look.template_dirs,
            *(p.parent for p in look.styles)]  # fmt: skip


def _document(html: str, look: Look | None) -> Document:
    roots = readable_roots(look)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return HTML(string=html, base_url=str(roots[0]) + "/", url_fetcher=LocalOnlyFetcher(roots)).render()


def _write(doc: Document, attachments: Attachments) -> bytes:
    """A tagged (accessible) PDF, with its title, author, subject and language from the HTML, and its attachments."""
    pdf = doc.write_pdf(pdf_tags=True, attachments=[Attachment(string=t, name=n, description=d) for n, t, d in attachments])
    if pdf is None:
        raise RenderError("WeasyPrint produced no PDF")
    return pdf


def render_pdf(html: str, look: Look | None = None, attachments: Attachments = ()) -> bytes:
    """Typeset the HTML with WeasyPrint; only the template and style folders are readable."""
    return _write(_document(html, look), attachments)


def render_note(brief: Brief, look: Look, pdf: bool, attachments: Attachments = ()) -> tuple[str, bytes | None]:
    """HTML (and PDF) of the note; an audience with `max_pages` gets its limits lowered until the note fits."""
    limits = dict(look.audience.limits)
    env, ctx = environment(look), context(brief, look)  # once: only the limits change while fitting
    while True:
        html = _render(env, look.audience.template, {**ctx, "limits": MappingProxyType(dict(limits))})
        if look.audience.max_pages is None:
            return html, (render_pdf(html, look, attachments) if pdf else None)
        doc = _document(html, look)
        # "Since the last digest" (--compare) opens every note, whatever sections the audience lists.
        sections = [*look.audience.sections, *(["since-last"] if brief.changes else [])]
        if len(doc.pages) <= look.audience.max_pages or not _shrink(limits, sections):
            return html, (_write(doc, attachments) if pdf else None)


def _shrink(limits: dict[str, int], sections: Sequence[str]) -> bool:
    """Lower the first limit the note shows that is above its floor by one; False when all are at their floors."""
    shown = {name for section in sections for name in SECTION_LIMITS.get(section, ())}
    for name, floor in SHRINK:
        if name in shown and limits.get(name, 0) > floor:
            limits[name] -= 1
            return True
    return False
