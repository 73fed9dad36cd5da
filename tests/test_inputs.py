"""Every kind of input users have: web pages, feeds, folders, globs, URLs, encodings, and what goes wrong with them."""

from __future__ import annotations

import datetime as dt
import http.server
import json
from pathlib import Path

import pytest

from briefgen.cli import main
from briefgen.errors import InputError
from briefgen.inputs import sources
from briefgen.inputs.readers import fragment_text, read_input, read_inputs

from .conftest import SEED, serve

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Storm hits coast | Example News</title>
<meta property="og:title" content="Storm hits coast">
<meta property="og:site_name" content="Example News"><meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://news.example.org/2024/03/storm"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | Subscribe now</nav>
<article><h1>Storm hits coast</h1>
<p>A storm hit the northern coast on Monday, flooding hundreds of homes, officials said.</p>
<p>"We are doing everything we can," said Mayor Ann Lee, who toured the damage on Tuesday.</p>
<p>The regional council will meet on Friday to decide on emergency funding for the repairs.</p></article>
<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://wire.example.org/</link>
<item><title>Council approves budget</title><link>https://wire.example.org/budget</link>
<guid>wire-1</guid><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The city council approved a budget of 12 million dollars on Monday.&lt;/p&gt;&lt;p&gt;The mayor said the vote was a victory.&lt;/p&gt;</description></item>
<item><title>Bridge reopens</title><link>https://wire.example.org/bridge</link>
<pubDate>Wed, 06 Mar 2024 08:00:00 GMT</pubDate><description>The old bridge reopened to traffic on Wednesday.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:desk</id><updated>2024-03-07T00:00:00Z</updated>
<entry><title>Talks resume</title><id>urn:desk:1</id><link href="https://desk.example.org/talks"/>
<updated>2024-03-07T09:00:00Z</updated><author><name>Sam Roe</name></author>
<content type="html">&lt;p&gt;Negotiators resumed talks in Geneva on Thursday.&lt;/p&gt;</content></entry></feed>"""


def test_html_page_main_text_and_metadata(tmp_path):
    p = tmp_path / "storm.html"
    p.write_text(PAGE, encoding="utf-8")
    (art,) = read_input(str(p))
    assert art.title == "Storm hits coast"
    assert art.published == dt.date(2024, 3, 5)
    assert art.author == "Jane Doe"
    assert art.source == "Example News"
    assert art.url == "https://news.example.org/2024/03/storm"
    assert art.text.startswith("A storm hit the northern coast on Monday")
    assert "Subscribe now" not in art.text and "All rights reserved" not in art.text  # boilerplate dropped


def test_rss_and_atom_feeds(tmp_path):
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "desk.atom").write_text(ATOM, encoding="utf-8")
    a, b = read_input(str(tmp_path / "wire.rss"))
    assert (a.id, a.title, a.published, a.source, a.url) == (
        "wire-1",
        "Council approves budget",
        dt.date(2024, 3, 5),
        "Example Wire",
        "https://wire.example.org/budget",
    )
    assert a.text == "The city council approved a budget of 12 million dollars on Monday.\n\nThe mayor said the vote was a victory."
    assert b.text == "The old bridge reopened to traffic on Wednesday." and b.published == dt.date(2024, 3, 6)
    (c,) = read_input(str(tmp_path / "desk.atom"))
    assert (c.title, c.author, c.published) == ("Talks resume", "Sam Roe", dt.date(2024, 3, 7))


def test_kind_detected_from_content_without_a_suffix(tmp_path):
    (tmp_path / "page").write_text(PAGE, encoding="utf-8")
    (tmp_path / "feed.dat").write_text(RSS, encoding="utf-8")
    (tmp_path / "records").write_text(json.dumps({"id": "r1", "text": "Plain record."}) + "\n", encoding="utf-8")
    assert read_input(str(tmp_path / "page"))[0].title == "Storm hits coast"
    assert len(read_input(str(tmp_path / "feed.dat"))) == 2
    assert read_input(str(tmp_path / "records"))[0].id == "r1"


def test_folders_recursively_and_globs(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text("title: One\n\nFirst body.\n", encoding="utf-8")
    (tmp_path / "a" / "b" / "wire.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "a" / "b" / "photo.jpg").write_bytes(b"\xff\xd8\xff\x00binary")
    titles = [a.title for a in read_inputs([str(tmp_path / "a")])]
    assert titles == ["Council approves budget", "Bridge reopens", "One"]  # sorted paths: a/b/wire.rss, a/one.txt
    assert [a.title for a in read_inputs([str(tmp_path / "a" / "**" / "*.txt")])] == ["One"]
    with pytest.raises(InputError, match="no file matches"):
        read_inputs([str(tmp_path / "*.nothing")])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="folder holds no article files"):
        read_inputs([str(tmp_path / "empty")])


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("cp1252", b""), ("latin-1", b"")],
)
def test_common_encodings_and_line_endings(tmp_path, encoding, bom):
    body = "title: Caf\u00e9 talks\r\ndate: 2024-03-05\r\n\r\nThe caf\u00e9 owners\u2019 association met on Monday. They agreed.\r\n"
    if encoding == "latin-1":
        body = body.replace("\u2019", "'")
    p = tmp_path / "story.txt"
    p.write_bytes(bom + body.encode(encoding))
    (art,) = read_input(str(p))
    assert art.title == "Caf\u00e9 talks" and art.published == dt.date(2024, 3, 5)
    assert art.text.startswith("The caf\u00e9 owners") and "\r" not in art.text


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/storm.html":
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
        elif self.path == "/big":
            body = b"x" * 2048
            self.send_response(200)
        else:
            body = b"not here"
            self.send_response(404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def local_server():
    with serve(_Handler) as url:
        yield url


def test_urls_are_fetched_with_limits(local_server, monkeypatch):
    (art,) = read_input(f"{local_server}/storm.html")
    assert art.title == "Storm hits coast" and art.text.startswith("A storm hit")
    with pytest.raises(InputError, match="the server answered 404"):
        read_input(f"{local_server}/missing")
    with pytest.raises(InputError, match="larger than"):
        read_input(f"{local_server}/big", max_bytes=1024)
    with pytest.raises(InputError, match="cannot be fetched"):
        read_input("http://127.0.0.1:9/nothing-listens-here")


def test_huge_input_is_refused_without_reading_it(tmp_path):
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB, sparse: nothing is really written
    with pytest.raises(InputError, match="huge.txt: larger than the 32 MiB"):
        read_input(str(p))


def test_ten_thousand_entry_feed(tmp_path):
    items = "".join(
        f"<item><title>Item {i}</title><link>https://wire.example.org/{i}</link><description>Story number {i} "
        f"happened on Monday.</description></item>"
        for i in range(10_000)
    )
    p = tmp_path / "big.rss"
    p.write_text(f"<rss version='2.0'><channel><title>Big</title>{items}</channel></rss>", encoding="utf-8")
    arts = read_input(str(p))
    assert len(arts) == 10_000 and arts[-1].title == "Item 9999"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.rss", b"<rss><channel><title>x</title>", "is not an RSS/Atom feed with entries"),
        ("empty.html", b"<html><body><nav>Home</nav></body></html>", "no article text found"),
        ("binary.bin", bytes(range(256)) * 8, "looks like a binary file"),
        ("truncated.jsonl", b'{"id": "a", "text": "fine"}\n{"id": "b", "te', "truncated.jsonl:2: not valid JSON"),
    ],
)
def test_malformed_inputs_are_one_clear_line(tmp_path, name, content, message):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(InputError) as exc:
        read_input(str(p))
    assert message in str(exc.value) and "\n" not in str(exc.value) and name in str(exc.value)


def test_fragment_text_drops_active_content():
    text = fragment_text(
        "<p>Hello <b>world</b></p><script>steal()</script><style>p{}</style>"
        '<iframe src="https://evil.example"></iframe><img src="file:///etc/passwd" onerror="x()">'
        '<p>Second <a href="javascript:alert(1)">link</a></p>'
    )
    assert text == "Hello world\n\nSecond link"


def test_extract_takes_every_kind_of_input(tmp_path, capsys, validate, local_server):
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    assert main(["extract", str(tmp_path), str(SEED), f"{local_server}/storm.html", "--summary-sentences", "1"]) == 0
    data = validate(json.loads(capsys.readouterr().out))
    assert len(data["articles"]) == 5
    assert {a["source"] for a in data["articles"]} >= {"Example Wire", "Example News", "Reuters"}


def test_brief_from_a_web_page(tmp_path):
    page = tmp_path / "storm.html"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "storm.json"
    assert main(["brief", str(page), "-o", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["articles"][0]["author"] == "Jane Doe"
    assert any("Ann Lee" in (q["speaker"] or "") for q in data["top_quotes"])
    assert [e["when"]["date_start"] for e in data["upcoming"]] == ["2024-03-08"]  # "on Friday"


def test_sources_module_limits_are_documented():
    inputs_page = (Path(__file__).resolve().parent.parent / "docs" / "inputs.md").read_text()
    assert f"{sources.MAX_INPUT_BYTES // (1024 * 1024)} MiB" in inputs_page
