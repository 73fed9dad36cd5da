"""Shared fixtures: the real spaCy model, the seed article and its brief, the JSON Schema."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import jsonschema
import pytest

from briefgen.extract.nlp import DEFAULT_MODEL, load_model
from briefgen.inputs.readers import read_input
from briefgen.model import Analysis, Brief
from briefgen.run.pipeline import build_brief
from briefgen.settings import Options

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED = EXAMPLES / "1997-02-03_reuters_china-human-rights.txt"
SCHEMA = ROOT / "briefgen" / "schema" / "brief-v1.schema.json"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    # The real model: a missing model is a broken install and must fail, not skip.
    return load_model(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def seed_brief(nlp) -> Brief:
    return build_brief(read_input(str(SEED)), Options(), None, None)


@pytest.fixture(scope="session")
def seed(seed_brief: Brief) -> Analysis:
    return seed_brief.analyses[0]


@pytest.fixture(scope="session")
def analyse_text(nlp):
    """Analyse a short text as an article of a given date."""
    from briefgen.model import Article
    from briefgen.run.analyse import StageTimes, analyse_doc

    def run(text: str, published: dt.date | None = dt.date(2020, 6, 10)) -> Analysis:
        art = Article("t", "Test", text, published)
        return analyse_doc(art, nlp(text), Options(), published or dt.date(2020, 6, 10), StageTimes())

    return run


@pytest.fixture(scope="session")
def validate():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)

    def check(obj: dict) -> dict:
        errors = sorted(validator.iter_errors(obj), key=lambda e: list(e.path))
        assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
        for art in obj["articles"]:
            text = art["text"]
            for key in ("summary", "quotes", "facts", "timexes", "events"):
                for item in art[key]:
                    assert text[item["start"] : item["end"]] == item["text"], (key, item)
            for ev in art["events"]:
                assert text[ev["when"]["start"] : ev["when"]["end"]] == ev["when"]["text"]
            for actor in art["actors"]:
                forms = {actor["name"], *actor["aliases"]}
                for a, b in actor["spans"]:
                    assert any(f in text[a:b] for f in forms), (actor, text[a:b])
        return obj

    return check


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """Digests cache analyses; tests keep theirs out of the user's cache folder."""
    import os

    folder = tmp_path_factory.mktemp("cache")
    old = os.environ.get("BRIEFGEN_CACHE_DIR")
    os.environ["BRIEFGEN_CACHE_DIR"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("BRIEFGEN_CACHE_DIR", None)
    else:
        os.environ["BRIEFGEN_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def example_analyses(nlp) -> dict:
    """Every example article analysed once, by id (each against its own publication date)."""
    from briefgen.inputs.readers import read_inputs
    from briefgen.run.pipeline import analyse_all

    articles = read_inputs([str(EXAMPLES)])
    return {an.article.id: an for an in analyse_all(articles, Options(), dt.date(2025, 12, 31), None)}


@contextmanager
def serve(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """A web server on 127.0.0.1 only (the tests never reach the internet); yields its base URL."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
