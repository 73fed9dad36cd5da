"""Rendering: escaped HTML, a real PDF (sections, page numbers, metadata, bookmarks) and a renderer kept offline."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import pypdf
import pytest

from briefgen.model import Article
from briefgen.present.render import LocalOnlyFetcher, format_range, render_html, render_pdf
from briefgen.present.resources import resource_dir
from briefgen.run.pipeline import build_brief
from briefgen.settings import Options

SECTIONS = ["Summary", "Key facts", "Upcoming events", "Actors", "Quotes", "Sources"]


@pytest.fixture(scope="module")
def seed_pdf(seed_brief):
    return pypdf.PdfReader(io.BytesIO(render_pdf(render_html(seed_brief))))


def test_pdf_has_every_section_and_the_content(seed_pdf):
    text = "\n".join(page.extract_text() for page in seed_pdf.pages)
    for section in SECTIONS:
        assert section in text, section
    assert "Madeline Albright" in text and "Secretary of State" in text
    assert "20\u201328 February 1997" in text  # Albright's visit, dated
    assert "The Chinese correctly identify human rights" in text
    assert "a Beijing-based diplomat" in text


def test_pdf_running_header_page_numbers_metadata_and_bookmarks(seed_pdf):
    n = len(seed_pdf.pages)
    assert n >= 2
    for i, page in enumerate(seed_pdf.pages, start=1):
        assert f"Page {i} of {n}" in page.extract_text()
    assert "China aware of rights issue" in seed_pdf.pages[1].extract_text()  # the running header
    assert seed_pdf.metadata.title == "China aware of rights issue, but U.S. still plans U.N. resolution"
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(seed_pdf.outline)
    for section in SECTIONS:
        assert section in titles


def test_html_escapes_article_text(nlp):
    hostile = (
        'title: <script>alert("t")</script>\ndate: 2020-01-02\nsource: <b>Wire</b>\nurl: javascript:alert(1)\n\n'
        'Officials said on Monday <script>alert("x")</script> that the plan will go ahead. '
        '"We will not <img src=x onerror=alert(1)> stop," the minister said.'
    )
    from briefgen.inputs.readers import parse_text

    art = parse_text(hostile, "hostile.txt", "hostile")
    html = render_html(build_brief([art], Options(), None, None))
    assert "<script>" not in html and "<img" not in html and "<b>Wire" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript' not in html


def test_renderer_never_reads_outside_its_folders_or_the_network(seed_brief, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not really a png")
    fetcher = LocalOnlyFetcher([resource_dir("templates"), resource_dir("styles")])
    for url in (secret.as_uri(), "file:///etc/passwd", "http://127.0.0.1:9/x.png", "https://example.org/x.css"):
        with pytest.raises(ValueError, match="does not let the PDF"):
            fetcher.fetch(url)
    ok = fetcher.fetch((resource_dir("styles") / "brief.css").as_uri())
    assert b"@page" in ok.read()
    ok.close()
    # And through WeasyPrint itself: a file reference in the HTML does not end up in the PDF.
    html = render_html(seed_brief).replace("</body>", f'<img src="{secret.as_uri()}"><img src="file:///etc/passwd"></body>')
    pdf = render_pdf(html)
    assert b"not really a png" not in pdf
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) >= 2


def test_digest_of_two_articles_renders_each_story(seed_brief, seed):
    other = replace(seed.article, id="copy", title="A second story")
    brief = build_brief([seed.article, other], Options(), None, None)
    html = render_html(brief)
    assert brief.kind == "digest" and "A second story" in html and "Briefing digest" in html


def test_format_range():
    from briefgen.model import DateRange

    assert format_range(DateRange(dt.date(1997, 2, 20), dt.date(1997, 2, 28), "month")) == "20\u201328 February 1997"
    assert format_range(DateRange(dt.date(2024, 4, 10), dt.date(2024, 4, 10), "day")) == "10 April 2024"
    assert format_range(DateRange(dt.date(1998, 1, 1), dt.date(1998, 12, 31), "year")) == "1998"
    assert format_range(DateRange(dt.date(1997, 3, 1), dt.date(1997, 3, 31), "month")) == "March 1997"
    assert format_range(DateRange(dt.date(2009, 3, 20), dt.date(2009, 3, 22), "day")) == "20\u201322 March 2009"


def test_resources_found_in_the_checkout():
    assert (resource_dir("templates") / "note.html.j2").is_file()
    assert (resource_dir("styles") / "brief.css").is_file()


def test_article_without_date_renders(nlp):
    art = Article("x", "Undated", "The council met. It said the budget will pass.", None)
    html = render_html(build_brief([art], Options(), None, None))
    assert "Unknown source" in html


def test_timeline_quotes_each_date_in_its_whole_sentence(seed_brief):
    from briefgen.present.context import timeline

    entries = timeline(seed_brief)
    week = [e.sentence for e in entries if e.when == "last week"]
    # An abbreviation's full stop ends no sentence: "U.S. officials" stays whole.
    assert any(s.startswith("A visiting team of U.S. officials that held talks last week") for s in week), week
    assert any(e.when == "1989" and e.sentence.startswith("U.S. President Bill Clinton") for e in entries)
    feb = next(e for e in entries if e.when == "late February")
    assert feb.sentence == "Albright is expected to visit China in late February and Vice President Al Gore is to come in late March."
    assert feb.upcoming
    seed = seed_brief.analyses[0]
    assert all(any(seed.article.text[a:b].strip() == e.sentence for a, b in seed.sentences) for e in entries)


def test_timeline_shows_an_event_range_once_and_a_week_under_way_as_upcoming(nlp):
    from briefgen.present.context import timeline

    art = Article("x", "Talks", "Talks will run from Monday to Wednesday. The ministers will gather this weekend.", dt.date(2024, 2, 10))
    entries = timeline(build_brief([art], Options(), None, None))
    assert [(e.when, e.range.start.isoformat(), e.range.end.isoformat(), e.upcoming) for e in entries] == [
        ("this weekend", "2024-02-10", "2024-02-11", True),
        ("Monday to Wednesday", "2024-02-12", "2024-02-14", True),
    ]
