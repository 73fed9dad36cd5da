"""The end-to-end runs behind the commands: read -> analyse -> assemble -> render -> write."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from tqdm import tqdm

from ..errors import InputError
from ..extract.nlp import DEFAULT_MODEL, load_model, model_version
from ..inputs.readers import input_stem, read_inputs
from ..model import Analysis, Article, Brief, Coverage, Problem
from ..outputs.files import check_outputs, output_plan, parse_formats, write_outputs
from ..outputs.json import dumps
from ..present.audiences import audience_dirs, load_audience
from ..present.look import Look
from ..settings import Options, Settings, merge_cli
from ..settings import settings as load_settings
from .analyse import StageTimes, analyse, analyse_each
from .assemble import assemble
from .cache import AnalysisCache, default_cache_dir
from .compare import compare, known_analyses, load_previous, rebuild

if TYPE_CHECKING:
    from distributed import Client


def build_look(s: Settings, kind: str, cwd: Path) -> Look:
    """The configuration file (given, else ./briefgen.toml) under the command line: the options win."""
    config = load_settings(s.config, cwd)
    name, template_dirs, styles = merge_cli(config, s.audience, s.template_dirs, s.styles)
    audience = load_audience(name or ("digest" if kind == "digest" else "analyst"), audience_dirs(config.audience_dirs))
    return Look(audience, config, template_dirs, styles)


def reference_date(articles: list[Article], as_of: dt.date | None) -> dt.date:
    """The brief's as-of date: given, else the newest article's, else today (the only clock read, at the edge)."""
    if as_of is not None:
        return as_of
    dates = [a.published for a in articles if a.published]
    return max(dates) if dates else dt.date.today()


def analyse_all(
    articles: Sequence[Article],
    options: Options,
    as_of: dt.date,
    model: str | None,
    jobs: int = 1,
    cache: AnalysisCache | None = None,
    times: StageTimes | None = None,
    progress: Callable[[int], None] | None = None,
    problems: list[Problem] | None = None,
    cluster: Client | None = None,
) -> list[Analysis]:
    """Analyses in input order: cached ones read back, the rest parsed once (the model loads only if needed), here
    or as tasks on a Dask `cluster`. With a `problems` list, an article whose analysis fails is noted there and left
    out; without one, the first such failure is raised."""
    times = times or StageTimes()
    results: list[Analysis | None] = [None] * len(articles)
    keys: list[str] = []
    if cache is not None:
        with times.stage("cache"):
            keys = [cache.key(a, a.published or as_of, options) for a in articles]
            # The key covers every field but `origin`: the article as read now says where it came from.
            results = [replace(hit, article=a) if (hit := cache.get(k)) else None for a, k in zip(articles, keys)]
        if progress:
            progress(sum(r is not None for r in results))
    todo = [i for i, r in enumerate(results) if r is None]
    if todo:
        outcomes: Iterator[Analysis | Problem]
        if cluster is not None:
            from .cluster import analyse_remote  # dask loads only for a cluster run

            outcomes = analyse_remote(cluster, [articles[i] for i in todo], options, as_of, model or DEFAULT_MODEL)
        else:
            with times.stage("load model"):
                nlp = load_model(model or DEFAULT_MODEL)
            todo_articles = [articles[i] for i in todo]
            outcomes = (analyse_each if problems is not None else analyse)(todo_articles, nlp, options, as_of, times, jobs)
        for i, outcome in zip(todo, outcomes):
            if isinstance(outcome, Problem):
                if problems is None:
                    raise InputError(f"{outcome.source}: {outcome.message}")
                problems.append(outcome)
            else:
                results[i] = outcome
                if cache is not None:
                    with times.stage("cache"):
                        cache.put(keys[i], outcome)
            if progress:
                progress(1)
    return [r for r in results if r is not None]


def build_brief(
    articles: list[Article],
    options: Options,
    as_of: dt.date | None,
    model: str | None,
    title: str | None = None,
    times: StageTimes | None = None,
    audience: str = "analyst",
    problems: Sequence[Problem] = (),
) -> Brief:
    ref = reference_date(articles, as_of)
    times = times or StageTimes()
    analyses = analyse_all(articles, options, ref, model, times=times)
    with times.stage("assemble"):
        return assemble(analyses, ref, title=title, audience=audience, problems=problems)


def run_brief(s: Settings) -> Brief:
    """Read one article, analyse and assemble its note, and (unless `s.write` is false) render and write it."""
    (article,) = s.inputs
    stem = article.id if isinstance(article, Article) else "brief" if article == "-" else input_stem(article)
    plan = output_plan(s.out, parse_formats(s.formats), default_stem=stem or "brief") if s.write else {}
    look = build_look(s, "brief", Path.cwd())  # settings errors show before any slow work
    check_outputs(plan.values())  # so do outputs that cannot be written
    articles = read_inputs([article])
    if len(articles) != 1:
        raise InputError(f"{article}: holds {len(articles)} articles; `briefgen brief` takes one (use `briefgen digest` for several)")
    brief = build_brief(articles, s.options, s.as_of, s.model or look.config.model, s.title, audience=look.audience.name)
    if s.write:
        write_all(plan, brief, look)
    return brief


def select_window(articles: list[Article], since: dt.date | None, until: dt.date | None) -> tuple[list[Article], list[Problem], Coverage]:
    """The articles published in [since, until], and the days covered; undated ones are left out (and noted) once a
    window is set. Without a window every article is kept and the days covered are the span of their dates."""
    dates = sorted(a.published for a in articles if a.published)
    if since is None and until is None:
        return articles, [], Coverage(dates[0] if dates else None, dates[-1] if dates else None, asked=False)
    lo, hi = since or dt.date.min, until or dt.date.max
    kept = [a for a in articles if a.published and lo <= a.published <= hi]
    undated = [Problem(a.origin or a.id, "no publication date, so not in the date window") for a in articles if not a.published]
    if not kept:
        window = f"on {lo}" if lo == hi else f"between {since or 'any date'} and {until or 'any date'}"
        seen = f"their dates run from {dates[0]} to {dates[-1]}" if dates else "none of them has a date"
        raise InputError(f"no article was published {window}: {len(articles)} read, {seen}")
    kept_dates = [a.published for a in kept if a.published]
    # An open end is the newest (or oldest) article kept: the title never claims days nothing was read for.
    coverage = Coverage(
        since or min(kept_dates), until or max(kept_dates), asked=True, outside=len(dates) - len(kept), undated=len(undated)
    )
    return kept, undated, coverage


def run_digest(req: Settings, times: StageTimes | None = None) -> Brief:
    """Read, window, analyse (cached), group into stories, render and write a digest; returns it for reporting."""
    times = times or StageTimes()
    plan = output_plan(req.out, parse_formats(req.formats), default_stem="digest") if req.write else {}
    look = build_look(req, "digest", Path.cwd())
    check_outputs(plan.values())
    previous = load_previous(req.compare) if req.compare else None  # its errors show before any slow work
    problems: list[Problem] | None = None if req.strict else []
    with times.stage("read"):
        articles = read_inputs(list(req.inputs), problems=problems)
    if not articles:
        detail = f" ({problems[0].source}: {problems[0].message})" if problems else ""
        raise InputError(f"no readable article in {', '.join(map(str, req.inputs))}{detail}")
    articles, undated, coverage = select_window(articles, req.since, req.until)
    ref = reference_date(articles, req.as_of or req.until)
    model = req.model or look.config.model or DEFAULT_MODEL
    cache = open_cache(req.cache_dir, model) if req.use_cache else None
    with (
        tqdm(
            total=len(articles),
            unit="article",
            file=sys.stderr,
            disable=req.quiet or not sys.stderr.isatty(),
            desc="briefgen digest",
            leave=False,
        ) as bar,
        cluster_client(req.cluster, model) as client,
    ):
        failed: list[Problem] = []
        analyses = analyse_all(articles, req.options, ref, model, req.jobs, cache, times, bar.update, problems=failed, cluster=client)
    problems = _failures(analyses, failed, problems)
    with times.stage("assemble"):
        brief = assemble(
            analyses,
            ref,
            title=req.title,
            audience=look.audience.name,
            problems=[*(problems or []), *undated],
            kind="digest",
            coverage=coverage,
        )
    if previous is not None:
        with times.stage("compare"):
            brief = compare(brief, rebuild(previous, known_analyses(analyses, cache, req.options, previous.as_of or ref)))
    if req.write:
        write_all(plan, brief, look, times)
    return brief


def write_all(plan: dict[str, str], brief: Brief, look: Look, times: StageTimes | None = None) -> None:
    """Render every format first, then write them: a failure leaves no partial set of outputs."""
    times = times or StageTimes()
    with times.stage("render"):
        # The PDF carries the brief JSON too; a digest's JSON is large, so it is made only when wanted.
        json_text = dumps(brief) if {"json", "pdf"} & plan.keys() else ""
        rendered: dict[str, bytes] = {}
        # WeasyPrint and icalendar load only for the formats that need them: a JSON-only run spent most of a second of
        # CPU loading them.
        if {"html", "pdf"} & plan.keys():
            from ..present.render import render_note

            html, pdf = render_note(brief, look, "pdf" in plan, [("brief.json", json_text, "The brief JSON (briefgen.brief/1)")])
            rendered["html"] = html.encode()
            if pdf is not None:
                rendered["pdf"] = pdf
        if "json" in plan:
            rendered["json"] = json_text.encode()
        if "ics" in plan:
            from ..outputs.ics import to_ics

            rendered["ics"] = to_ics(brief)
        if "md" in plan:
            from ..present.render import render_markdown

            rendered["md"] = render_markdown(brief, look).encode()
    with times.stage("write"):
        write_outputs({path: rendered[fmt] for fmt, path in plan.items()})


def run_extract(s: Settings) -> Brief:
    """Write the brief JSON; as in a digest, an unreadable input or an article whose analysis fails is a problem
    noted in it unless `strict`. Analyses are cached only in an explicit `cache_dir`."""
    team = load_settings(s.config, Path.cwd())
    out = s.out or "-"
    check_outputs([out])
    problems: list[Problem] | None = None if s.strict else []
    articles = read_inputs(s.inputs, problems=problems)
    if not articles:
        detail = f" ({problems[0].source}: {problems[0].message})" if problems else ""
        raise InputError(f"no readable article in {', '.join(map(str, s.inputs))}{detail}")
    ref = reference_date(articles, s.as_of)
    model = s.model or team.model or DEFAULT_MODEL
    cache = open_cache(s.cache_dir, model) if s.cache_dir and s.use_cache else None
    failed: list[Problem] = []
    with cluster_client(s.cluster, model) as client:
        analyses = analyse_all(articles, s.options, ref, model, s.jobs, cache, problems=failed, cluster=client)
    problems = _failures(analyses, failed, problems)
    brief = assemble(analyses, ref, problems=problems or ())
    write_outputs({out: dumps(brief).encode()})
    return brief


def _failures(analyses: list[Analysis], failed: list[Problem], problems: list[Problem] | None) -> list[Problem]:
    """The problems so far and the articles whose analysis failed; with --strict (no `problems` list), or when no
    article is left, the first failure ends the run."""
    if failed and (problems is None or not analyses):
        raise InputError(f"{failed[0].source}: {failed[0].message}")
    return [*(problems or []), *failed]


def open_cache(folder: str | None, model: str) -> AnalysisCache:
    """The cache in an explicit folder (which a team may share), else the user's own private one."""
    if folder:
        return AnalysisCache(Path(folder), model, model_version(model), shared=True)
    return AnalysisCache(default_cache_dir(), model, model_version(model))


@contextmanager
def cluster_client(spec: str | None, model: str) -> Iterator[Client | None]:
    """A Dask client for `spec` (see briefgen.cluster), or None to analyse in this process."""
    if not spec:
        yield None
        return
    from .cluster import connect  # dask loads only for a cluster run

    with connect(spec, model) as client:
        yield client
