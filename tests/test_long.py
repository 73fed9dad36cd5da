"""However large the input: long titles and words stay on the page, fitting a note to `max_pages` is a search, and
a 1 MB article goes through `extract` in pieces."""

from __future__ import annotations

import dataclasses
import json
import math
import time
from types import MappingProxyType

import pytest
from weasyprint.formatting_structure import boxes

from briefgen.model import Brief
from briefgen.present import render
from briefgen.present.audiences import audience_dirs, load_audience


def _outside_the_page(doc) -> list[str]:
    """Text boxes running past the right edge of the page's content area, and margin boxes of more than one line."""
    bad = []
    for n, page in enumerate(doc.pages, start=1):
        pb = page._page_box
        right = pb.margin_width() - pb.margin_right
        for box in pb.descendants():
            if isinstance(box, boxes.TextBox) and box.position_x + box.width > right + 1:
                bad.append(f"page {n}: {box.text[:20]!r} ends at {box.position_x + box.width:.0f} > {right:.0f}")
            if isinstance(box, boxes.MarginBox) and sum(isinstance(b, boxes.LineBox) for b in box.descendants()) > 1:
                bad.append(f"page {n}: a running header or footer of several lines")
    return bad


@pytest.mark.parametrize("title", [" ".join(["An extremely long title"] * 130), "z" * 3000])
def test_long_titles_and_words_stay_on_the_page(seed_brief: Brief, title: str):
    story = seed_brief.stories[0]
    long_word = (story.summary[0][0], dataclasses.replace(story.summary[0][1], text="y" * 20000))
    brief = dataclasses.replace(seed_brief, title=title, stories=(dataclasses.replace(story, summary=(long_word, *story.summary[1:])),))
    look = render.default_look()
    html = render.render_html(brief, look)
    t0 = time.perf_counter()
    doc = render._document(html, look)
    assert time.perf_counter() - t0 < 15  # breaking a 20,000-letter word line by line took 25 s
    assert len(doc.pages) > 3 and _outside_the_page(doc) == []
    assert f'data-running="{render.clip(title, 80)}"' in html  # the running header's title is clipped


def test_fitting_max_pages_is_a_search_not_a_loop(seed_brief: Brief, monkeypatch):
    executive = load_audience("executive", audience_dirs())
    limits = {name: 400 for name in executive.limits}
    look = render.Look(dataclasses.replace(executive, limits=MappingProxyType(limits)))
    steps = render.shrink_steps(limits, executive.sections)
    assert steps > 1000  # the loop of single steps typeset the note once per step
    calls: list[tuple[int, str]] = []
    last_step = [0]
    real_document, real_shrunk = render._document, render.shrunk
    monkeypatch.setattr(render, "shrunk", lambda lim, sec, k: last_step.__setitem__(0, k) or real_shrunk(lim, sec, k))
    monkeypatch.setattr(render, "_document", lambda html, lk: calls.append((last_step[0], html)) or real_document(html, lk))
    html, pdf = render.render_note(seed_brief, look, pdf=True)
    assert len(calls) <= math.ceil(math.log2(steps + 1)) + 1
    assert len(real_document(html, look).pages) == 1 and pdf.startswith(b"%PDF")
    # ... and it finds the fewest steps: one step fewer does not fit
    found = next(k for k, h in calls if h == html)
    fewer = render._render(
        render.environment(look),
        executive.template,
        dataclasses.replace(render.context(seed_brief, look), limits=real_shrunk(limits, executive.sections, found - 1)),
    )
    assert 0 < found < steps and len(real_document(fewer, look).pages) > 1


def test_shrunk_lowers_limits_in_order_to_their_floors():
    sections = ("key-points", "considerations", "next-steps", "timeline")
    limits = {"timeline": 3, "actors": 5, "facts": 2, "events": 4, "quotes": 2, "key_points": 5, "summary_sentences": 3}
    total = render.shrink_steps(limits, sections)
    assert render.shrunk(limits, sections, 0) == limits
    assert render.shrunk(limits, sections, 3)["timeline"] == 0 and render.shrunk(limits, sections, 3)["actors"] == 5
    assert render.shrunk(limits, sections, 4)["actors"] == 4
    floor = render.shrunk(limits, sections, total)
    assert floor == render.shrunk(limits, sections, total + 50)
    assert all(
        floor[name] == f for name, f in render.SHRINK if name in floor and name in {"timeline", "actors", "events", "quotes", "key_points"}
    )


def test_a_1mb_article_goes_through_extract(tmp_path, validate, nlp, monkeypatch):
    """Over spaCy's max_length (1,000,000 characters): parsed in pieces, one article, every offset right, and no
    stage after the parse takes long (each scanned the whole document per sentence, speaker or name)."""
    from briefgen.cli import main
    from briefgen.extract.nlp import MAX_PIECE, parse, pieces
    from briefgen.run import pipeline
    from briefgen.run.analyse import StageTimes

    timed: list[StageTimes] = []

    class Recorded(StageTimes):
        def __init__(self) -> None:
            super().__init__()
            timed.append(self)

    monkeypatch.setattr(pipeline, "StageTimes", Recorded)

    from .conftest import EXAMPLES, SHARED

    bodies = [p.read_text(encoding="utf-8").split("\n\n", 1)[-1].strip() for p in sorted((SHARED / "corpus").glob("*.txt"))]
    bodies += [p.read_text(encoding="utf-8").split("\n\n", 1)[-1].strip() for p in sorted(EXAMPLES.glob("*.txt"))]
    parts: list[str] = []
    while sum(map(len, parts)) < 1_050_000:
        parts.append(bodies[len(parts) % len(bodies)])
    text = "\n\n".join(parts)
    assert len(text) > nlp.max_length
    chunks = pieces(text)
    assert "".join(chunks) == text and all(len(c) <= MAX_PIECE for c in chunks) and all(c.endswith("\n\n") for c in chunks[:-1])
    article = tmp_path / "long.txt"
    article.write_text(f"title: A very long article\ndate: 2024-01-15\n\n{text}\n", encoding="utf-8")
    out = tmp_path / "long.json"
    assert main(["extract", str(article), "-o", str(out)]) == 0
    data = validate(json.loads(out.read_text(encoding="utf-8")))
    (art,) = data["articles"]
    # Linear stages take a few seconds here (they took from 10 minutes to hours); the dates are extract/timexes' own.
    slow = {k: round(v) for k, v in timed[0].seconds.items() if k in ("actors", "quotes", "events", "summary", "facts") and v > 60}
    assert slow == {}
    assert art["text"].strip() == text and len(art["summary"]) == 8 and art["quotes"] and art["actors"] and art["timexes"]
    assert art["events"] is not None and max(q["end"] for q in art["quotes"]) > 900_000  # the last pieces too
    # A text of several pieces parses as one Doc over the text itself.
    doc = next(parse(nlp, [text[:250_000]]))
    assert doc.text == text[:250_000] and len(list(doc.sents)) > 1000


def test_the_extractors_build_the_docs_text_once(nlp):
    """spaCy's Doc.text joins every token again on each access (a dozen an article made it a quarter of the
    extractors' time): the analysis builds it once and every stage reads that one string."""
    import datetime as dt

    from briefgen.extract.nlp import doc_text
    from briefgen.model import Article
    from briefgen.run.analyse import StageTimes, analyse_doc
    from briefgen.settings import Options

    from .conftest import SEED

    text = SEED.read_text(encoding="utf-8")
    doc = nlp(text)
    analyse_doc(Article("seed", "Seed", text, dt.date(1997, 2, 3)), doc, Options(), dt.date(1997, 2, 3), StageTimes())
    kept = doc.user_data["briefgen.text"]
    assert kept == text and doc_text(doc) is kept
