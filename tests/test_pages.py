"""Saved web pages (trafilatura's own evaluation pages): whole bodies with their tables, no site furniture, clean
titles and publishers, drop caps kept."""

from __future__ import annotations

from briefgen.inputs.readers import parse_html, read_input

from .conftest import SEED, SHARED

PAGES = SHARED / "eval" / "dev" / "trafeval" / "html"


def _page(name: str):
    (art,) = read_input(str(PAGES / name))
    return art


def test_promotions_and_copyright_lines_are_not_the_article():
    pcgamer = _page("pcgamer.com.skyrim.html")
    assert "PC Gamer Newsletter" not in pcgamer.text and "Sign up to get the best content" not in pcgamer.text
    assert "Skyrim" in pcgamer.text
    belize = _page("breakingbelizenews.com-paho.html")
    assert "copyrighted property" not in belize.text and "PAHO" in belize.text
    nation = _page("nationnews.com-schools.html")
    assert "Subscribe now to our eNATION edition" not in nation.text and "(Picture by" not in nation.text
    # A sentence of the article that mentions signing up stays: it is not the site talking.
    toms = _page("tomshardware.com.rtx.html")
    assert "you can sign up to be notified when products become available" in toms.text


def test_tables_are_part_of_the_body():
    # The settings table of this page is its content (trafilatura's evaluation wants its rows).
    fifa = _page("fifplay.com.settings.html")
    assert "First Touch Control Error" in fifa.text


def test_titles_without_the_site_and_publishers_by_their_proper_name():
    toi = _page("timesofisrael.com.washington.html")
    assert toi.source == "The Times of Israel"  # the site name trafilatura made from the host was "Timesofisrael"
    assert toi.title == "State of Washington swears in first Native American-Jewish Supreme Court justice"
    assert _page("foxyfolksy.com.buttercream.html").title == "Chocolate Buttercream Frosting without Powdered Sugar (Ermine Icing)"
    assert _page("diem25.org.climate.html").title == "The EU\u2019s Green Deal isn\u2019t enough to save us from climate catastrophe"
    # A title part that is not the site's name stays, though it starts like the host ("Parallels").
    assert _page("parallels.com.desktop.html").title.endswith("Parallels Desktop 15 Virtual Machine for Mac")


def _seed_page(lead: str, site: str = "") -> str:
    body = SEED.read_text().split("\n\n", 1)[1]
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n")[1:6])
    return (
        f"<html><head><title>China aware of rights issue | World | Wire News | 03.02.1997</title>{site}</head>"
        f"<body><article><h1>China aware of rights issue</h1>{lead}{paras}</article></body></html>"
    )


def test_drop_capped_first_letter_is_kept():
    first = SEED.read_text().split("\n\n", 1)[1].split("\n\n")[0].strip()
    assert first.startswith("C")
    site = '<meta property="og:site_name" content="Wire News | World news | Analysis">'
    for lead in (
        f'<p><span class="dropcap">C</span>{first[1:]}</p>',
        f'<figure class="drop-cap"><span>C</span></figure><p>{first[1:]}</p>',
        f'<div class="initial">C</div><p>{first[1:]}</p>',
    ):
        art = parse_html(_seed_page(lead, site), "seed.html")
        assert art.text.startswith(first[:40]), art.text[:60]
        assert art.title == "China aware of rights issue"
        assert art.source == "Wire News"
