"""Rendering: Jinja2 templates (autoescaped) to HTML and Markdown, and WeasyPrint to PDF without network or stray reads."""

from __future__ import annotations

import io
import logging
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import unquote, urlparse

import jinja2
import jinja2.sandbox
import markupsafe
from weasyprint import HTML, Attachment
from weasyprint.document import Document
from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..errors import RenderError
from ..model import Brief, format_range
from ..model import format_date as _format_date
from ..safetext import breakable, css_string, css_text, safe_link, strip_controls
from .audiences import SECTION_LIMITS, audience_dirs, find_file, load_audience
from .context import TemplateContext, build_context
from .look import Look
from .resources import resource_dir

# When a note must fit `max_pages`, these limits come down in turn to their floors (searched, not stepped).
SHRINK = (
    ("timeline", 0),
    ("actors", 3),
    ("facts", 0),
    ("events", 1),
    ("quotes", 0),
    ("key_points", 3),
    ("summary_sentences", 2),
    ("changes", 0),
)
MAX_BITS = 100_000  # the largest number a template may compute by `**` (30,000 digits; Python prints at most 4,300)
MAX_REPEAT = 10_000_000  # the longest string or list a template may make by `*` (a note is a few hundred kB)
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


def default_look(kind: str = "brief") -> Look:
    return Look(load_audience("analyst" if kind == "brief" else "digest", audience_dirs()))


class ConfinedLoader(jinja2.FileSystemLoader):
    """Templates from its folders only: a name never climbs out ("..", which Jinja refuses) nor does a link lead out."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        path = Path(filename).resolve()
        if not any(path.is_relative_to(Path(root).resolve()) for root in self.searchpath):
            raise jinja2.TemplateNotFound(f"{template} (it links out of the template folders)")
        return source, filename, uptodate


class NoFilesSandbox(jinja2.sandbox.SandboxedEnvironment):
    """Jinja's sandbox, and no file either: the context holds paths (the audience's folder, its styles), and a path's
    methods read, write and delete files (`profile.origin.joinpath("/etc/passwd").read_text()`), which Jinja's own
    sandbox allows; of a path a template may use only its name."""

    # The operators that build a value far larger than what they are given, in one step: `n ** (n ** n)` kept a core
    # busy for good (Jinja even folds a constant one while compiling), `"x" * 10 ** 11` asked for 100 GB.
    intercepted_binops = frozenset({"*", "**"})

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:  # noqa: ANN401 - Jinja's signature: any object
        if isinstance(obj, (os.PathLike, io.IOBase)):
            return attr in ("name", "stem", "suffix")
        return bool(super().is_safe_attribute(obj, attr, value))

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:  # noqa: ANN401 - any operands
        if (
            operator == "**"
            and isinstance(left, int)
            and isinstance(right, int)
            and abs(left) > 1
            and right * abs(left).bit_length() > MAX_BITS
        ):
            raise jinja2.sandbox.SecurityError(f"{left} ** {right} is too large a number for a template")
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(count, int) and len(seq) * count > MAX_REPEAT:
                    raise jinja2.sandbox.SecurityError(f"a {type(seq).__name__} repeated {count:,} times is too long for a note")
        return super().call_binop(context, operator, left, right)


def environment(look: Look | None = None, markdown: bool = False) -> jinja2.Environment:
    """Templates from the user's folders, then the audience's (and those it extends), then the built-ins.

    `builtin:NAME` always reaches the template the user's folders hide, so an override can extend it. Templates are
    a team's styling, not programs: they run in Jinja's sandbox, which refuses Python internals (`__class__`,
    `__globals__`, ...), so a template (in a cloned folder, say) can neither run commands nor read files.
    """
    look = look or default_look()
    builtin = ConfinedLoader([str(f) for f in (*look.audience.folders, resource_dir("templates"))])
    loader = jinja2.ChoiceLoader([
        ConfinedLoader([str(d) for d in look.template_dirs]),
        builtin,
        jinja2.PrefixLoader({"builtin": builtin}, delimiter=":"),
    ])  # fmt: skip
    env = NoFilesSandbox(
        loader=loader,
        # Set explicitly: select_autoescape() would not match "*.html.j2". Markdown escapes every value instead.
        autoescape=not markdown,
        finalize=markdown_escape if markdown else html_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["date"] = _format_date
    env.filters["range"] = format_range
    env.filters["clip"] = clip
    env.filters["link"] = safe_link if markdown else html_link
    return env


def html_link(url: str | None) -> markupsafe.Markup | None:
    """`safe_link` for HTML: marked safe (escaped already), so the page's long-word breaks never enter an href."""
    link = safe_link(url)
    return markupsafe.escape(link) if link else None


def html_finalize(value: Any) -> Any:  # noqa: ANN401 - Jinja's finalize hook takes any value
    """No control characters (NUL, ESC, ...) or lone surrogates in the page, even in a value marked safe; very long
    runs without a space can break (see `breakable`)."""
    if isinstance(value, markupsafe.Markup):
        return markupsafe.Markup(strip_controls(value))
    return breakable(strip_controls(value)) if isinstance(value, str) else value


def stylesheet(look: Look) -> str:
    """The audience's stylesheets, the house settings (paper, colours, marking), then the team's and user's sheets."""
    parts = []
    for name in look.audience.styles:
        path = find_file(name, (*look.audience.folders, resource_dir("styles")))
        if path is None:
            raise RenderError(
                f"{look.audience.origin / 'audience.toml'}: stylesheet {name!r} is in neither the audience's nor briefgen's styles folder"
            )
        parts.append(_read_css(path))
    parts.append(_house_css(look))
    parts.extend(_read_css(p) for p in look.styles)
    return "\n".join(parts)


def _read_css(path: Path) -> str:
    try:
        return f"/* {path.name} */\n" + css_text(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RenderError(f"{path}: cannot read stylesheet ({getattr(exc, 'strerror', None) or exc})") from exc


def _house_css(look: Look) -> str:
    c = look.config.colours
    css = [f"/* house settings */\n@page {{ size: {look.paper}; }}\n:root {{ --accent: {c['accent']}; --text: {c['text']}; }}"]
    if look.config.classification:
        box = f'content: {css_string(look.config.classification)}; font: bold 8pt "DejaVu Sans", sans-serif; color: #a00;'
        css.append(f"@page {{ @top-center {{ {box} }} @bottom-center {{ {box} }} }}")
    return "\n".join(css)


def render_html(brief: Brief, look: Look | None = None, limits: Mapping[str, int] | None = None) -> str:
    """The briefing note as one self-contained HTML page (its CSS and logo inlined)."""
    look = look or default_look(brief.kind)
    return _render(environment(look), look.audience.template, context(brief, look, limits))


def render_markdown(brief: Brief, look: Look | None = None) -> str:
    look = look or default_look(brief.kind)
    return _render(environment(look, markdown=True), look.audience.markdown_template, context(brief, look, css=False))


def _render(env: jinja2.Environment, name: str, ctx: TemplateContext) -> str:
    try:
        return env.get_template(name).render(**ctx.variables())
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"{exc.filename or exc.name}:{exc.lineno}: template syntax error: {exc.message}") from exc
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"template {exc.name!r} not found (searched {', '.join(_search_path(env))})") from exc
    except jinja2.TemplateError as exc:
        raise RenderError(f"{_template_location(exc, name)}: template error: {exc.message or exc}") from exc
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, ArithmeticError, MemoryError) as exc:
        raise RenderError(f"{_template_location(exc, name)}: template error: {type(exc).__name__}: {exc}") from exc
    except RecursionError as exc:  # a template that includes or extends itself
        raise RenderError(f"{_template_location(exc, name)}: template error: it includes or extends itself without end") from exc


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


def context(brief: Brief, look: Look, limits: Mapping[str, int] | None = None, css: bool = True) -> TemplateContext:
    """Everything a template can use (`TemplateContext`, each name documented in templates/README.md)."""
    return build_context(brief, look, stylesheet(look) if css else "", limits)


def clip(text: str, n: int = 300) -> str:
    """At most n characters, cut at a word, with an ellipsis: keeps one-page notes on one page."""
    text = " ".join(str(text).split())
    if len(text) <= n:
        return text
    cut = text.rfind(" ", 0, n)
    return text[: cut if cut > 0 else n].rstrip(",;: ") + "\u2026"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")  # escaping [ ] is enough to stop links and images
_MD_LINE_START = re.compile(r"^(\d+)([.)])(?=\s|$)|^([-+=])")  # a list item or a heading rule where a value opens a line


def markdown_escape(value: Any) -> Any:  # noqa: ANN401 - Jinja's finalize hook takes any value
    """Every value a Markdown template prints is plain text on one line: Markdown and HTML in an article stay literal."""
    if value is None or isinstance(value, (int, float)):
        return value
    if isinstance(value, markupsafe.Markup):  # marked safe by the template: still one line, no control characters
        return markupsafe.Markup(" ".join(strip_controls(value).split()))
    text = " ".join(strip_controls(str(value)).split())
    text = _MD_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;"))
    return _MD_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


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
    """HTML (and PDF) of the note; an audience with `max_pages` gets the fewest steps of lower limits that fit.

    The steps (SHRINK, one limit down by one at a time) are searched by bisection, since each makes the note no
    longer: the note is typeset about log2(steps) times, not once per step.
    """
    env, ctx = environment(look), context(brief, look)  # once: only the limits change while fitting
    max_pages = look.audience.max_pages
    # "Since the last digest" (--compare) opens every note, whatever sections the audience lists.
    sections = [*look.audience.sections, *(["since-last"] if brief.changes else [])]

    def html_at(step: int) -> str:
        limits = MappingProxyType(shrunk(look.audience.limits, sections, step))
        return _render(env, look.audience.template, replace(ctx, limits=limits))

    if max_pages is None:
        html = html_at(0)
        return html, (render_pdf(html, look, attachments) if pdf else None)
    typeset: dict[int, tuple[str, Document]] = {}

    def note_at(step: int) -> tuple[str, Document]:
        if step not in typeset:
            html = html_at(step)
            typeset[step] = (html, _document(html, look))
        return typeset[step]

    lo, hi = 0, shrink_steps(look.audience.limits, sections)
    while lo < hi:  # the fewest steps that fit; `hi` (every limit at its floor) is taken when none does
        mid = (lo + hi) // 2
        if len(note_at(mid)[1].pages) <= max_pages:
            hi = mid
        else:
            lo = mid + 1
    html, doc = note_at(lo)
    return html, (_write(doc, attachments) if pdf else None)


def _shown(sections: Sequence[str]) -> set[str]:
    return {name for section in sections for name in SECTION_LIMITS.get(section, ())}


def shrink_steps(limits: Mapping[str, int], sections: Sequence[str]) -> int:
    """How many single steps down the limits the note shows can take before all are at their floors."""
    shown = _shown(sections)
    return sum(max(limits[name] - floor, 0) for name, floor in SHRINK if name in shown and name in limits)


def shrunk(limits: Mapping[str, int], sections: Sequence[str], steps: int) -> dict[str, int]:
    """The limits after `steps` single steps: the first shown limit above its floor comes down first, to its floor,
    then the next (the order of SHRINK)."""
    out, shown = dict(limits), _shown(sections)
    for name, floor in SHRINK:
        if steps <= 0:
            break
        if name in shown and name in out:
            step = min(steps, max(out[name] - floor, 0))
            out[name] -= step
            steps -= step
    return out
