"""The brief JSON contract: every example validates against schema briefgen.brief/1, every offset holds."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from briefgen.outputs.json import brief_to_dict, dumps
from briefgen.run.assemble import assemble
from briefgen.run.pipeline import reference_date

from .conftest import EXAMPLES, SCHEMA, SHARED


def test_packaged_schema_is_the_shared_contract():
    shared = SHARED / "schema" / "brief-v1.schema.json"
    assert shared.is_file(), f"{shared} is missing: the project's tests run beside ../shared"
    assert json.loads(SCHEMA.read_text()) == json.loads(shared.read_text())
    # the contract's prose (field meanings, offsets, conventions) ships beside it, word for word
    prose = SHARED / "schema" / "brief-v1.md"
    assert (SCHEMA.parent / "brief-v1.md").read_text(encoding="utf-8") == prose.read_text(encoding="utf-8")


def test_every_example_validates(validate, example_analyses):
    paths = sorted(str(p) for p in EXAMPLES.glob("*.txt"))
    assert len(paths) >= 38 and sorted(example_analyses) == [Path(p).stem for p in paths]
    # The session's parses (every example dated, so each analysis is against its own date), assembled as
    # `briefgen extract examples/*.txt` would: as of the newest article.
    analyses = list(example_analyses.values())
    brief = assemble(analyses, reference_date([an.article for an in analyses], None))
    data = validate(brief_to_dict(brief))
    assert data["kind"] == "digest" and len(data["articles"]) == len(paths)
    ids = {a["id"] for a in data["actors"]}
    assert len(ids) == len(data["actors"])
    for art in data["articles"]:
        assert art["published"] is not None and art["text"]
        local = {a["id"] for a in art["actors"]}
        for q in art["quotes"]:
            assert q["actor_id"] is None or q["actor_id"] in local
        for e in art["events"]:
            assert set(e["actor_ids"]) <= local
            # only what happens after the article, or later on its day ("will speak tonight")
            assert e["when"]["date_end"] >= art["published"] and e["certainty"] in ("scheduled", "expected", "possible")
    dates = [e["when"]["date_start"] for e in data["upcoming"]]
    assert dates == sorted(dates)


def test_examples_keep_their_credits():
    sources = (EXAMPLES / "SOURCES.md").read_text()
    assert "CC BY 2.5" in sources and "Wikinews" in sources
    readme = (EXAMPLES / "README.md").read_text()
    assert "CC BY 2.5" in readme
    for p in Path(EXAMPLES).glob("*.txt"):
        assert p.read_text().startswith("title: ")


def test_json_bytes_are_the_standard_librarys(seed_brief, example_analyses):
    """orjson writes the brief JSON (#18: the standard library's indenting encoder is pure Python) byte for byte as
    `json.dumps(..., ensure_ascii=False, indent=2)` did: on the examples' digest, and on hostile text (quotes,
    backslashes, control characters, line and paragraph separators, characters beyond the BMP); a lone surrogate,
    which orjson refuses, still goes through the standard library."""
    analyses = list(example_analyses.values())
    digest = assemble(analyses, reference_date([a.article for a in analyses], None), kind="digest")
    hostile = 'He said "no" \\ then \x00\x1f\x7f \u2028\u2029 \t\r\n caf\u00e9 \U0001f600 </script>'
    odd = replace(seed_brief, title=hostile)
    for brief in (seed_brief, digest, odd, replace(seed_brief, title="lone \ud800 surrogate")):
        assert dumps(brief) == json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=2) + "\n"
    assert json.loads(dumps(odd))["title"] == hostile
