"""Hostile input: article content never reaches the HTML output unescaped, and never makes the PDF renderer read
a file or the network. Fuzzed readers and CLI fail cleanly."""

from __future__ import annotations

import datetime as dt
import json

import icalendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from briefgen.cli import main
from briefgen.errors import InputError
from briefgen.inputs.readers import parse_text, read_input, read_inputs
from briefgen.model import Problem
from briefgen.outputs.ics import to_ics
from briefgen.present import render
from briefgen.present.resources import resource_dir
from briefgen.run.assemble import assemble
from briefgen.run.pipeline import analyse_all, build_brief
from briefgen.settings import Options

ATTACKS = [
    '<script>alert("x")</script>',
    "<style>body{display:none}</style>",
    '<iframe src="https://evil.example/"></iframe>',
    '<img src="file:///etc/passwd" onerror="alert(1)">',
    '<img src="https://evil.example/pixel.png">',
    '<a href="javascript:alert(1)">click</a>',
    '<link rel="stylesheet" href="file:///etc/passwd">',
    "<svg onload=alert(1)>",
]
ACTIVE_TAGS = {"script", "iframe", "svg", "img", "link", "object", "embed", "form", "frame", "video", "audio"}
HOSTILE_PAGE = (
    "<html><head><title>Minister <script>x()</script> resigns</title></head><body><article>"
    + "".join(f"<p>The minister said on Monday {a} that she will resign on Friday, aides said.</p>" for a in ATTACKS)
    + "</article></body></html>"
)
HOSTILE_FEED = (
    "<rss version='2.0'><channel><title>Feed <b>bold</b></title><item><title>Item</title>"
    "<link>javascript:alert(1)</link><description><![CDATA["
    + " ".join(f"<p>Officials said {a} the talks will resume next week.</p>" for a in ATTACKS)
    + "]]></description></item></channel></rss>"
)
HOSTILE_TEXT = "title: <script>alert(1)</script>\nsource: <img src=x onerror=alert(1)>\nurl: javascript:alert(1)\n\n" + " ".join(
    f'"We will {a} go ahead," the minister said on Monday.' for a in ATTACKS
)


def _active_markup(html: str) -> list[str]:
    """Elements and attributes a browser would act on, found by parsing the page as a browser would."""
    root = lxml_html.fromstring(html)
    found = [el.tag for el in root.iter() if isinstance(el.tag, str) and el.tag in ACTIVE_TAGS]
    found += [el.tag for el in root.iter("style")][1:]  # briefgen's own stylesheet is the only style allowed
    for el in root.iter():
        for name, value in el.attrib.items():
            if name.lower().startswith("on") or value.strip().lower().startswith(("javascript:", "file:")):
                found.append(f"{el.tag}[{name}]")
    return found


@pytest.mark.parametrize(("name", "content"), [("page.html", HOSTILE_PAGE), ("feed.rss", HOSTILE_FEED), ("story.txt", HOSTILE_TEXT)])
def test_hostile_content_is_inert_in_html_and_pdf(tmp_path, monkeypatch, name, content):
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    brief = build_brief(read_input(str(p)), Options(), None, None)
    html = render.render_html(brief)
    assert _active_markup(html) == []
    fetched: list[str] = []
    real_fetch = render.LocalOnlyFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return real_fetch(self, url, headers)

    monkeypatch.setattr(render.LocalOnlyFetcher, "fetch", spy)
    # The same HTML with the attacks put back unescaped, as if a template forgot to escape: still nothing is read.
    raw = html.replace("</body>", "".join(ATTACKS) + "</body>")
    assert render.render_pdf(raw).startswith(b"%PDF-")
    outside = [u for u in fetched if not any(u.startswith(d.as_uri()) for d in (resource_dir("templates"), resource_dir("styles")))]
    assert fetched, "the spy saw the renderer's requests"
    # Every request outside briefgen's folders was refused by the fetcher (it raised), so nothing was read.
    for url in outside:
        with pytest.raises(ValueError):
            real_fetch(render.LocalOnlyFetcher([resource_dir("templates")]), url)


SUFFIXES = st.sampled_from(["", ".txt", ".jsonl", ".html", ".rss", ".xml", ".md", ".dat"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=600), st.text(max_size=600).map(lambda t: t.encode("utf-8", "surrogatepass"))), suffix=SUFFIXES)
def test_readers_fail_only_with_input_errors(tmp_path, data, suffix):
    p = tmp_path / f"fuzz{suffix}"
    p.write_bytes(data)
    try:
        articles = read_input(str(p))
    except InputError as exc:
        assert "\n" not in str(exc) and str(p) in str(exc)
        return
    for art in articles:
        assert art.text.strip()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300))
def test_cli_extract_on_arbitrary_text_exits_cleanly(tmp_path, capsys, text):
    p = tmp_path / "fuzz.txt"
    p.write_text(text, encoding="utf-8")
    code = main(["extract", str(p), "-o", str(tmp_path / "out.json")])
    err = capsys.readouterr().err
    assert code in (0, 3), err
    if code == 0:
        json.loads((tmp_path / "out.json").read_text())
    else:
        assert err.startswith("briefgen: error: ") and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_header_text_is_escaped_too(nlp):
    art = parse_text(HOSTILE_TEXT, "h.txt", "h")
    html = render.render_html(build_brief([art], Options(), None, None))
    assert _active_markup(html) == []
    assert "&lt;script&gt;" in html


def test_digest_of_hostile_inputs_is_inert_and_reports_problems_escaped(tmp_path, nlp):
    for name, content in (("page.html", HOSTILE_PAGE), ("feed.rss", HOSTILE_FEED), ("story.txt", HOSTILE_TEXT)):
        (tmp_path / name).write_text(content, encoding="utf-8")
    analyses = analyse_all(read_inputs([str(tmp_path)]), Options(), dt.date(2024, 1, 1), None)
    problem = Problem('<img src=x onerror="alert(1)">.txt', "<script>alert(1)</script>")
    brief = assemble(analyses, dt.date(2024, 1, 1), problems=[problem], kind="digest")
    html = render.render_html(brief)
    assert _active_markup(html) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    cal = icalendar.Calendar.from_ical(to_ics(brief))
    assert cal.walk("VEVENT"), "the hostile articles' dated sentences are still events"
    assert all(str(e.get("url", "https://")).startswith("https://") for e in cal.walk("VEVENT"))


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="ab s'\"\u2018\u2019\u201c\u201d\n.,", min_size=1, max_size=200))
def test_quote_marks_in_any_arrangement_pair_into_valid_spans(text):
    from briefgen.extract.quotes import find_quote_spans

    spans = find_quote_spans(text)
    for q in spans:
        assert q.open_mark < q.start < q.end <= q.close_mark <= len(text)
        assert any(c.isalpha() for c in text[q.start : q.end])
    assert all(a.close_mark <= b.open_mark for a, b in zip(spans, spans[1:]))


def test_a_text_of_many_single_marks_is_read_in_one_pass():
    from briefgen.extract.quotes import find_quote_spans

    # Pairing single marks looks ahead for the closing one: it must not do so once per mark.
    assert len(find_quote_spans("'a b' " * 100_000)) == 100_000
    assert len(find_quote_spans("'the players' view " * 50_000)) == 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    n=st.integers(min_value=0, max_value=10**12),
    unit=st.sampled_from(["days", "weeks", "months", "years"]),
    form=st.sampled_from(
        [
            "It was built {n} {unit} ago.",
            "The board will vote in {n} {unit}.",
            "It will close within {n} {unit}.",
            "The 2{n} summit opens on the {n}th.",
            "The talks run from March {n} to April {n}.",
            "They meet the weekend of May {n}-{n}.",
        ]
    ),
)
def test_dates_past_the_calendar_are_no_dates_and_no_crash(analyse_text, n, unit, form):
    an = analyse_text(form.format(n=n, unit=unit), dt.date(2024, 2, 10))
    assert all(t.range is None or dt.date.min <= t.range.start <= t.range.end <= dt.date.max for t in an.timexes)


def test_an_event_on_the_calendars_last_day_is_in_every_output(tmp_path, validate):
    """Its iCalendar DTEND (the day after, exclusive) was past the calendar: OverflowError, exit 70, nothing written."""
    article = tmp_path / "far.txt"
    article.write_text(
        "title: Far future\ndate: 9999-12-20\n\nThe leaders will meet in Geneva on December 31, officials said on Monday.\n",
        encoding="utf-8",
    )
    out = tmp_path / "far.ics"
    assert main(["brief", str(article), "-o", str(out), "--format", "ics,json,md,html"]) == 0
    (event,) = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert event.decoded("dtstart") == dt.date.max and event.decoded("duration") == dt.timedelta(days=1) and "DTEND" not in event
    validate(json.loads((tmp_path / "far.json").read_text(encoding="utf-8")))
