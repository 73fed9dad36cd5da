"""The HTML note and digest in a real browser (headless Chromium): no console error, nothing wider than a phone's page.

The screenshots go into the documentation: `scripts/update-golden` writes them to docs/img/.
"""

from __future__ import annotations

import http.server
import io
import os
from pathlib import Path

import pytest
from PIL import Image

from briefgen.cli import main

from .chromium import Chromium, PageCheck
from .conftest import serve
from .examples_out import ROOT, SEED, example_outputs

PHONE = (375, 812)  # an iPhone's CSS pixels, the narrowest common phone
DESKTOP = (1280, 800)
DOCS_IMG = ROOT / "docs" / "img"
UPDATE = os.environ.get("BRIEFGEN_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def chromium():
    with Chromium() as browser:
        yield browser


def _check(chromium: Chromium, page: Path, size: tuple[int, int]) -> PageCheck:
    got = chromium.check(page, *size, mobile=size == PHONE)
    assert got.errors == (), f"{page.name} at {size[0]} px: {got.errors}"
    assert got.inner_width == size[0], f"{page.name}: laid out {got.inner_width} px wide on a {size[0]} px screen (viewport meta?)"
    assert got.scroll_width <= size[0], f"{page.name} at {size[0]} px: content {got.scroll_width} px wide"
    return got


def _save(png: bytes, name: str, out: Path) -> None:
    """A small PNG: a palette of 64 colours loses nothing visible in a page of text."""
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=64)
    image.save(out / name, optimize=True)


@pytest.mark.parametrize("kind", ["note", "digest"])
@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_example_fits_the_screen_without_errors(chromium, kind, size, tmp_path):
    got = _check(chromium, example_outputs() / f"{kind}.html", size)
    name = f"{kind}-{'phone' if size == PHONE else 'desktop'}.png"
    out = DOCS_IMG if UPDATE else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    _save(got.screenshot, name, out)
    assert (out / name).stat().st_size < 150_000, name  # the pictures live in the repository
    assert Image.open(out / name).size == size


@pytest.mark.parametrize("audience", ["executive", "press"])
def test_every_audience_fits_a_phone(chromium, audience, tmp_path):
    out = tmp_path / f"{audience}.html"
    assert main(["brief", str(SEED), "-o", str(out), "--audience", audience]) == 0
    _check(chromium, out, PHONE)


def test_long_urls_and_words_wrap_on_a_phone(chromium, tmp_path):
    """A link and a word far wider than the screen, in the title, the text (quotes, facts, time line) and the sources."""
    word = "Antidisestablishmentarianism" * 12
    url = "https://example.org/" + "/".join(["a-very-long-path-segment"] * 20) + "?q=" + "x" * 200
    header, body = SEED.read_text(encoding="utf-8").split("\n\n", 1)
    fields = {"title": lambda v: f"{word} {v}", "url": lambda v: url}
    header = "\n".join(
        f"{k}: {fields[k](v.strip())}" if k in fields else f"{k}:{v}" for k, v in (line.split(":", 1) for line in header.splitlines())
    )
    article = tmp_path / "long.txt"
    article.write_text(f'{header}\n\n{body}\n\nThe minister said "{word} {url}" on Monday.\n', encoding="utf-8")
    out = tmp_path / "long.html"
    assert main(["brief", str(article), "-o", str(out)]) == 0
    assert url in out.read_text(encoding="utf-8").replace("&amp;", "&")  # the link is there, whole
    _check(chromium, out, PHONE)


def test_the_html_note_makes_the_browser_fetch_and_run_nothing(chromium, tmp_path):
    """A stylesheet's url(http://...), an image and a script a template adds: a tracking beacon each, until the page's
    Content-Security-Policy blocked them (the PDF renderer never fetched them)."""
    requests: list[str] = []

    class Beacon(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    with serve(Beacon) as url:
        (tmp_path / "beacon.css").write_text(f"body {{ background-image: url({url}/css.png); }}\n", encoding="utf-8")
        sections = tmp_path / "tpl" / "sections"
        sections.mkdir(parents=True)
        (sections / "summary.html.j2").write_text(
            f'{{% include "builtin:sections/summary.html.j2" %}}\n<img src="{url}/img.png" alt="">\n'
            f'<script>fetch("{url}/script"); new Image().src = "{url}/script.png";</script>\n',
            encoding="utf-8",
        )
        out = tmp_path / "note.html"
        args = ["brief", str(SEED), "-o", str(out), "--format", "html,pdf", "--style", str(tmp_path / "beacon.css")]
        assert main([*args, "--template-dir", str(tmp_path / "tpl")]) == 0
        assert f"{url}/img.png" in out.read_text(encoding="utf-8")  # the markup is there; the browser must not follow it
        got = chromium.check(out, *DESKTOP, mobile=False)
    assert requests == []
    assert got.errors and all("Content Security Policy" in e or "load failed" in e for e in got.errors), got.errors
