"""The end-to-end runs behind the commands: read -> analyse -> assemble -> render -> write."""

from __future__ import annotations

import datetime as dt

from .analyse import Options, StageTimes, analyse
from .assemble import assemble
from .errors import InputError
from .jsonout import dumps
from .model import Analysis, Article, Brief
from .nlp import DEFAULT_MODEL, load_model
from .readers import input_stem, read_inputs
from .render import render_html, render_pdf
from .writers import output_plan, parse_formats, write_output


def reference_date(articles: list[Article], as_of: dt.date | None) -> dt.date:
    """The brief's as-of date: given, else the newest article's, else today (the only clock read, at the edge)."""
    if as_of is not None:
        return as_of
    dates = [a.published for a in articles if a.published]
    return max(dates) if dates else dt.date.today()


def build_brief(articles: list[Article], options: Options, as_of: dt.date | None, model: str | None,
                title: str | None = None, times: StageTimes | None = None) -> Brief:
    ref = reference_date(articles, as_of)
    nlp = load_model(model or DEFAULT_MODEL)
    times = times or StageTimes()
    analyses: list[Analysis] = list(analyse(articles, nlp, options, ref, times))
    with times.stage("assemble"):
        return assemble(analyses, ref, title=title)


def run_brief(article: str, out: str | None, formats: str | None, title: str | None, as_of: dt.date | None,
              summary_sentences: int | None, summarizer: str, model: str | None) -> None:
    plan = output_plan(out, parse_formats(formats), default_stem="brief" if article == "-" else input_stem(article) or "brief")
    articles = read_inputs([article])
    if len(articles) != 1:
        raise InputError(f"{article}: holds {len(articles)} articles; `briefgen brief` takes one (use `briefgen extract` for several)")
    brief = build_brief(articles, Options(summarizer, summary_sentences), as_of, model, title)
    html = render_html(brief) if {"html", "pdf"} & plan.keys() else ""
    rendered = {fmt: _encode(fmt, brief, html) for fmt in plan}
    # Everything is rendered before anything is written, so a failure leaves no partial set of outputs.
    for fmt, path in plan.items():
        write_output(path, rendered[fmt])


def _encode(fmt: str, brief: Brief, html: str) -> bytes:
    if fmt == "json":
        return dumps(brief).encode()
    return html.encode() if fmt == "html" else render_pdf(html)


def run_extract(inputs: list[str], out: str, as_of: dt.date | None, summary_sentences: int | None,
                summarizer: str, model: str | None) -> None:
    articles = read_inputs(inputs)
    brief = build_brief(articles, Options(summarizer, summary_sentences), as_of, model)
    write_output(out, dumps(brief).encode())
