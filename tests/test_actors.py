"""Actors on the seed article: merged mentions, roles, no junk."""

from __future__ import annotations


def _by_name(seed):
    return {a.name: a for a in seed.actors}


def test_seed_actors_present_with_kinds(seed):
    actors = _by_name(seed)
    expected = {
        "Madeline Albright": "person", "Al Gore": "person", "Bill Clinton": "person", "Jiang Zemin": "person",
        "Xi Yang": "person", "Chen Ziming": "person", "China": "place", "United States": "place",
        "United Nations": "organization", "Red Cross": "organization",
    }  # fmt: skip
    for name, kind in expected.items():
        assert name in actors, name
        assert actors[name].kind == kind, name
    state_department = [a for a in seed.actors if a.name.endswith("State Department")]
    assert len(state_department) == 1 and state_department[0].kind == "organization"


def test_seed_roles(seed):
    actors = _by_name(seed)
    assert "Secretary of State" in actors["Madeline Albright"].roles
    assert "Vice President" in actors["Al Gore"].roles
    assert "President" in actors["Bill Clinton"].roles


def test_mentions_are_merged(seed):
    actors = _by_name(seed)
    albright = actors["Madeline Albright"]
    assert "Albright" in albright.aliases and albright.mentions == 2
    assert "U.S." in actors["United States"].aliases
    assert "U.N." in actors["United Nations"].aliases
    assert len([a for a in seed.actors if a.name in ("Albright", "U.S.", "U.N.")]) == 0


def test_no_junk_actors(seed):
    names = {a.name for a in seed.actors}
    assert "State" not in names  # from "Secretary of State"
    assert "Sino-U.S." not in names
    assert all(len(n) > 1 and n[0].isupper() for n in names)


def test_ranked_by_salience_with_unique_ids(seed):
    saliences = [a.salience for a in seed.actors]
    assert saliences == sorted(saliences, reverse=True)
    assert len({a.id for a in seed.actors}) == len(seed.actors)
    assert all(a.mentions == len(a.spans) for a in seed.actors)


def test_surname_merges_only_into_a_person_named_before(analyse_text):
    an = analyse_text(
        "President Joe Biden met reporters. Biden said talks went well. "
        "Later a reporter asked about Hunter Biden, and Biden declined to comment."
    )
    people = {a.name: a for a in an.actors if a.kind == "person"}
    assert people["Joe Biden"].mentions == 3
    assert "Hunter Biden" in people


def test_mention_spans_cover_neither_the_determiner_nor_a_title(analyse_text):
    text = (
        "The GAO said on Monday that Vice President Al Gore will visit the Pentagon. "
        "Airbus A330 jets landed at 18:00 UTC. Douglas Aircraft said it was pleased."
    )
    an = analyse_text(text)
    spans = {a.name: [text[s:e] for s, e in a.spans] for a in an.actors}
    assert spans["GAO"] == ["GAO"]  # the determiner is not part of a name (as CoNLL and OntoNotes mark names)
    assert spans["Al Gore"] == ["Al Gore"]  # the title is a role (as CoNLL and OntoNotes mark names)
    assert "Vice President" in {a.name: a for a in an.actors}["Al Gore"].roles
    assert spans["Pentagon"] == ["Pentagon"]
    assert "Airbus" not in spans  # the maker's name in a model name is the product, not an actor
    assert "UTC" not in spans
    kinds = {a.name: a.kind for a in an.actors}
    assert kinds["Douglas Aircraft"] == "organization"


def test_descriptor_before_an_organisation_is_part_of_its_mention(analyse_text):
    text = "Aircraft manufacturer Boeing won the contract. Airbus parent EADS said it would appeal."
    an = analyse_text(text)
    spans = {a.name: [text[s:e] for s, e in a.spans] for a in an.actors}
    assert spans["Boeing"] == ["Aircraft manufacturer Boeing"]
    assert spans["EADS"] == ["EADS"]


def test_a_place_opening_the_descriptor_belongs_to_the_organisation(analyse_text):
    text = "The United States auto manufacturer Chrysler, which has been struggling, asked for aid on Monday."
    an = analyse_text(text)
    spans = {a.name: [text[s:e] for s, e in a.spans] for a in an.actors}
    assert spans["Chrysler"] == ["United States auto manufacturer Chrysler"]
    assert "United States" not in spans  # the place is part of the descriptor, not a mention of its own
    text = "June 01, 2009\nUnited States automobile manufacturing firm General Motors filed for bankruptcy."
    spans = {a.name: [text[s:e] for s, e in a.spans] for a in analyse_text(text).actors}
    assert spans["General Motors"] == ["United States automobile manufacturing firm General Motors"]  # not the dateline
    us = analyse_text("Officials in the United States said the plant will reopen.")
    assert "United States" in {a.name for a in us.actors}  # elsewhere a place is still a place


def test_a_lone_word_called_a_person_is_not_asserted_to_be_one(analyse_text):
    an = analyse_text("Ryanair ordered ten jets on Monday. Ryanair said the deal would help growth.")
    kinds = {a.name: a.kind for a in an.actors}
    assert kinds.get("Ryanair") in (None, "organization", "other")


def test_a_lone_word_called_a_person_once_takes_the_kind_its_other_mentions_have(analyse_text):
    # The model calls "Ryanair" a person once and an organisation three times.
    an = analyse_text(
        "Budget airline Ryanair ordered ten jets on Monday. Ryanair said the deal would help growth. "
        "Shares in Ryanair rose 3%. O'Leary said Ryanair would fly them from Dublin."
    )
    kinds = {a.name: a.kind for a in an.actors}
    assert kinds["Ryanair"] == "organization"
    assert kinds["Dublin"] == "place"


def test_named_events_are_not_actors(analyse_text):
    an = analyse_text(
        "Apple unveiled the laptop at the Worldwide Developers Conference in San Francisco on Monday. "
        "Boeing showed its new jet at the Paris Air Show."
    )
    names = {a.name for a in an.actors}
    assert {"Apple", "San Francisco", "Boeing"} <= names
    assert not any(n.endswith(("Conference", "Show")) for n in names), names


def test_a_product_with_its_model_number_is_not_its_maker(analyse_text):
    an = analyse_text("Singapore Airlines took delivery of the first Airbus A380 on Monday, fitted with Rolls-Royce Trent 900 engines.")
    names = {a.name for a in an.actors}
    assert "Singapore Airlines" in names
    assert not any(any(c.isdigit() for c in n) for n in names), names


def test_the_legal_form_belongs_to_the_mention_and_a_title_is_a_role(analyse_text):
    text = "Australian Prime Minister John Howard met Chrysler LLC executives. Howard said Chrysler must change."
    an = analyse_text(text)
    by_name = {a.name: a for a in an.actors}
    howard, chrysler = by_name["John Howard"], by_name["Chrysler"]
    assert text[slice(*howard.spans[0])] == "John Howard"
    assert howard.mentions == 2 and "Prime Minister" in howard.roles
    assert text[slice(*chrysler.spans[0])] == "Chrysler LLC" and chrysler.mentions == 2
    assert "LLC" not in by_name


def test_a_surname_the_model_left_untagged_is_still_the_person(analyse_text):
    from briefgen.inputs.readers import read_input

    from .conftest import EXAMPLES

    article = read_input(str(EXAMPLES / "2023-02-23_wikinews_reports-streamlined-uk-asylum-process-to-replace-interv.txt"))[0]
    an = analyse_text(article.text, article.published)
    sunak = next(a for a in an.actors if a.name == "Rishi Sunak")
    mentions = [article.text[a:b] for a, b in sunak.spans]
    untagged = article.text.index("Sunak has made tackling migration")
    assert any(a == untagged for a, _ in sunak.spans), mentions  # spaCy tags nothing there
    assert sunak.kind == "person" and len(mentions) >= 3


def test_a_person_entity_of_punctuation_and_a_no_break_space_is_no_trouble(analyse_text):
    # The model tags "―\xa0" as a person here; it must neither crash the surname rule nor become an actor.
    text = "Voters spoke after the debate.\n\n\u201cI am scared of this man & his movement!\u201d \u2015\xa0Julie A. Diaz Martinez.\n\nGetty/Instagram."
    an = analyse_text(text)
    assert "Julie A. Diaz Martinez" in {a.name for a in an.actors}
    assert all(a.name.strip(" \xa0\u2015") for a in an.actors)


def test_a_headline_in_capitals_names_people_by_surname(analyse_text):
    an = analyse_text(
        "BIDEN AND KISHIDA TO MEET AT CAMP DAVID IN AUGUST\n\n"
        "WASHINGTON (Reuters) - President Joe Biden will host Prime Minister Kishida Fumio of Japan at Camp David on "
        "August 18, the White House said. Kishida said he looked forward to the talks."
    )
    people = {a.name: a for a in an.actors if a.kind == "person"}
    assert people["Joe Biden"].mentions == 2 and people["Kishida Fumio"].mentions == 3  # the headline counts
    assert not any(a.name.upper() == "BIDEN" for a in an.actors if a.name != "Joe Biden")  # no organisation "BIDEN"
    assert an.actors[0].name in ("Joe Biden", "Kishida Fumio")


def test_a_name_in_capitals_never_names_the_actor(analyse_text):
    an = analyse_text(
        "NOW, THEREFORE, I proclaim this week.\n\nJOSEPH R. BIDEN JR.\n\n"
        "The proclamation was signed by Joseph R. Biden Jr. at the White House."
    )
    (biden,) = [a for a in an.actors if a.kind == "person"]
    assert biden.name == "Joseph R. Biden Jr." and biden.aliases == ("JOSEPH R. BIDEN JR",) and biden.mentions == 2


def test_a_signature_with_jr_is_the_person_named_without_it(analyse_text):
    an = analyse_text("President Joseph R. Biden met the Prime Minister of Japan on Friday.\n\nJOSEPH R. BIDEN JR.")
    (biden,) = [a for a in an.actors if a.kind == "person"]
    assert biden.name == "Joseph R. Biden" and biden.mentions == 2


def test_a_title_makes_a_person_and_an_institution_its_last_word(analyse_text):
    an = analyse_text(
        "German Chancellor Olaf Scholz met NATO leaders in Berlin. Scholz said the alliance must spend more. "
        "The European Commission proposed sanctions; the Commission will publish them on Monday. "
        "The Federal Reserve held rates steady, and the Fed chair Jerome Powell said cuts were not imminent."
    )
    actors = {a.name: a for a in an.actors}
    scholz = actors["Olaf Scholz"]  # the model tags him an organisation
    assert (scholz.kind, scholz.roles, scholz.aliases, scholz.mentions) == ("person", ("Chancellor",), ("Scholz",), 2)
    assert actors["European Commission"].aliases == ("Commission",)
    assert (actors["Federal Reserve"].kind, actors["Federal Reserve"].aliases) == ("organization", ("Fed",))
    assert not {"Scholz", "Commission", "Fed"} & actors.keys()


def test_the_house_is_not_the_white_house(analyse_text):
    an = analyse_text("The White House said the talks went well. The House will vote on the bill next week.")
    assert {"White House", "House"} <= {a.name for a in an.actors}


def test_the_agency_in_the_dateline_is_no_actor(analyse_text):
    assert "CNN" not in {a.name for a in analyse_text("(CNN) SpaceX launched a rocket on Tuesday.").actors}
    assert "Reuters" not in {a.name for a in analyse_text("WASHINGTON (Reuters) - The Senate passed the bill.").actors}
    told = analyse_text("Rome (CNN) Italy is coping with migrants, an official told CNN on Monday.").actors
    assert [a.mentions for a in told if a.name == "CNN"] == [1]  # the one in the story
    assert "Acme" in {a.name for a in analyse_text("The company (Acme) said it would appeal.").actors}


def test_where_a_role_in_apposition_is_held_is_an_actor_but_not_a_word_of_the_title(analyse_text):
    an = analyse_text(
        "Jane Roe, a spokeswoman for the Environment Agency, spoke first. John Kerry, the Secretary of "
        "State, called. Fritz Henderson, the Chief Executive Officer of General Motors, agreed."
    )
    names = {a.name for a in an.actors}
    assert {"Environment Agency", "General Motors"} <= names and "State" not in names


def test_a_name_with_a_nickname_is_one_person(analyse_text):
    an = analyse_text('Rochelle "Shelly" Sterling accused her husband of fraud. Earvin "Magic" Johnson spoke later.')
    assert [(a.name, a.kind) for a in an.actors] == [('Rochelle "Shelly" Sterling', "person"), ('Earvin "Magic" Johnson', "person")]


def _kinds(an) -> dict[str, str]:
    return {a.name: a.kind for a in an.actors}


def test_places_by_geonames_where_the_model_missed_or_mistyped_them(analyse_text):
    # A dateline's city in capitals, which the model leaves untagged; countries it calls a nationality or a person.
    kinds = _kinds(analyse_text("BONN 1996-08-30\nThe German government said on Friday that exports rose in July."))
    assert kinds["BONN"] == "place"
    kinds = _kinds(analyse_text("Belarus and Tajikistan signed a trade pact with Russia on Friday. Chad said it would join."))
    assert kinds["Tajikistan"] == "place" and kinds["Chad"] == "place"
    assert _kinds(analyse_text("Sri Lanka won the toss and chose to bat."))["Sri Lanka"] == "place"  # the model: a person


def test_a_lone_surname_that_speaks_is_a_person(analyse_text):
    # Never given a first name or a title, but people say things; a lone word that does nothing people do stays
    # unvouched for ("other").
    assert _kinds(analyse_text("Yeltsin said on Friday he would return to work soon. Aides said he was resting."))["Yeltsin"] == "person"


def test_a_name_described_as_an_organisation_is_one_and_landmarks_are_places(analyse_text):
    kinds = _kinds(
        analyse_text(
            "A spokesman confirmed a report in the news weekly Der Spiegel, which said police had raided the offices. "
            "Stocks fell on Wall Street on Friday, and the White House said it was watching the markets."
        )
    )
    assert kinds["Der Spiegel"] == "organization"  # the model calls it a person
    assert kinds["Wall Street"] == "place" and kinds["White House"] == "place"
    # A person described by an organisation's noun who does what people do stays a person.
    kinds = _kinds(analyse_text("Dole campaign manager Scott Reed wrote to the Clinton campaign. Dole decided on Kemp."))
    assert kinds.get("Dole", "person") == "person"


def test_an_organisation_tagged_once_is_the_same_where_the_model_missed_it(analyse_text):
    text = (
        "The KDP said on Saturday it had taken the town of Arbil. Fighters of the KDP entered the city at dawn. "
        "A KDP official said the PUK had fled."
    )
    kdp = {a.name: a for a in analyse_text(text).actors}["KDP"]
    assert kdp.kind == "organization" and kdp.mentions == 3


def test_a_common_noun_after_a_name_is_not_part_of_it(analyse_text):
    text = "Interfax news agency quoted the general as saying the troops would leave. The troops were tired, Interfax said."
    interfax = {a.name: a for a in analyse_text(text).actors}["Interfax"]
    assert [text[s:e] for s, e in interfax.spans] == ["Interfax", "Interfax"]


def test_roles_in_full_and_never_a_conjunction(analyse_text):
    people = {
        a.name: a
        for a in analyse_text(
            "Transport Secretary Grant Shapps said the rail plan would go ahead. Prime Minister Boris Johnson agreed. "
            '"Because Judge Smith ruled against us, we will appeal," the lawyer said.'
        ).actors
    }
    assert people["Grant Shapps"].roles == ("Transport Secretary",)
    assert people["Boris Johnson"].roles == ("Prime Minister",)
    assert "Transport" not in people
    assert all("Because" not in r for a in people.values() for r in a.roles)


def test_a_title_alone_is_its_one_holder_and_junk_is_no_actor(analyse_text):
    actors = analyse_text(
        "The Amir of Qatar, Amir Sheikh Tamim bin Hamad Al Thani, met the President. The Amir said the talks were useful."
    ).actors
    amir = [a for a in actors if a.kind == "person" and "Tamim" in a.name]
    assert len(amir) == 1 and amir[0].name == "Tamim bin Hamad Al Thani" and amir[0].mentions == 2
    assert "Amir Sheikh" in amir[0].roles
    names = {
        a.name
        for a in analyse_text(
            "FURTHER, officials said the Mutual Defense Treaty Between the United States and the Philippines applies."
        ).actors
    }
    assert "FURTHER" not in names and not any("Treaty" in n for n in names)


def test_a_shorter_name_joins_a_longer_one_only_when_a_place_makes_the_difference(analyse_text):
    actors = analyse_text(
        "The Delaware Army National Guard sent 40 soldiers. The National Guard in other states "
        "sent none, and the U.S. State Department said the State Department would help."
    ).actors
    names = {a.name: a for a in actors}
    assert "National Guard" not in names["Delaware Army National Guard"].aliases


def test_a_company_s_short_name_is_the_company(analyse_text):
    text = (
        "Swedish telecoms group LM Ericsson AB said on Friday it won an order worth 1.2 billion crowns. "
        "Ericsson said in a statement the order was from the Guangdong Post. Ericsson shares rose."
    )
    actors = analyse_text(text).actors
    ericsson = [a for a in actors if "Ericsson" in a.name]
    assert len(ericsson) == 1 and ericsson[0].kind == "organization" and "Ericsson" in ericsson[0].aliases


def test_a_title_inside_a_quotation_is_not_listed_as_a_role(analyse_text):
    text = '"Judge Smith ruled against us, so we will appeal," the lawyer said. Smith declined to comment.'
    smith = {a.name: a for a in analyse_text(text).actors}["Smith"]
    assert smith.kind == "person" and smith.roles == ()


def test_a_word_capitalised_only_where_any_word_is_and_a_name_suffix_are_no_actors(analyse_text):
    names = {
        a.name
        for a in analyse_text(
            "Turnout was high in the north. Officials said turnout rose to 70 percent, and Jr. was added to the list."
        ).actors
    }
    assert "Turnout" not in names and "Jr." not in names


def test_a_surname_and_a_title_with_it_join_the_one_full_name(analyse_text):
    # From CNN's report of North Carolina's 11th district primary (June 2020); the model calls the congressman an ORG.
    an = analyse_text(
        "Lynda Bennett, a local GOP activist backed by White House chief of staff Mark Meadows, lost the Republican "
        "primary runoff in North Carolina's 11th District on Tuesday. Meadows had held the seat until he joined the "
        "White House in March. Bennett had been endorsed by President Donald Trump and by Congressman Meadows, "
        "who represented the district for seven years."
    )
    people = [a for a in an.actors if a.name.endswith("Meadows")]
    assert [(a.name, a.kind, a.mentions) for a in people] == [("Mark Meadows", "person", 3)]
    assert "Congressman" in people[0].roles


def test_a_title_with_a_surname_never_joins_another_full_name_with_it(analyse_text):
    # AP, December 2020: the president is named by title and surname only, his son in full, later.
    an = analyse_text(
        "President Biden said on Thursday he was confident his son had done nothing wrong. Hunter Biden said in a "
        "statement that federal prosecutors were investigating his tax affairs."
    )
    people = {a.name: a for a in an.actors if a.kind == "person"}
    assert people["Hunter Biden"].mentions == 1 and "Biden" in people


def test_a_place_geonames_knows_stays_a_place_whatever_its_last_word(analyse_text):
    # Reuters-style report (Oslo accords era): "Bank" ends the name of a territory, not of a bank.
    an = analyse_text(
        "Israeli troops sealed off the West Bank on Sunday after a suicide bombing in Jerusalem, the army said. "
        "Palestinians in the West Bank and Gaza Strip were barred from entering Israel."
    )
    (west_bank,) = [a for a in an.actors if a.name == "West Bank"]
    assert west_bank.kind == "place" and west_bank.mentions == 2


def test_a_name_is_cut_at_a_parenthesis_a_headline_dash_and_a_phone_number(analyse_text):
    # Reuters-style copy: an acronym in parentheses, a market report's "COUNTRY - ..." seam and the desk's number.
    an = analyse_text(
        "Faik Nerweyi of the Kurdistan Democratic Party (KDP) told Reuters the town had fallen. A U.N. official said "
        "KDP fighters had withdrawn.\nBRITAIN - Gilts struggled off the day's lows.\n-- Dublin Newsroom +353 1 676 9779"
    )
    text = an.article.text
    spans = {text[a:b] for actor in an.actors for a, b in actor.spans}
    assert {"KDP", "Dublin Newsroom"} <= spans
    assert not any("(" in s or " - " in s or "+353" in s for s in spans)
    (kdp,) = [a for a in an.actors if "KDP" in (a.name, *a.aliases)]
    assert kdp.kind == "organization" and kdp.mentions >= 3


def test_a_description_in_apposition_is_a_role_and_roles_are_listed_once_in_one_case(analyse_text):
    # CNN, June 2020 (North Carolina's 11th district), and a transcript-style speaker line in capitals.
    an = analyse_text(
        "Lynda Bennett, a local GOP activist, lost the Republican primary runoff on Tuesday. "
        "Prime Minister Boris Johnson said the vote was close. PRIME MINISTER Boris Johnson spoke again later, and "
        "Minister Boris Johnson left."
    )
    people = {a.name: a for a in an.actors if a.kind == "person"}
    assert people["Lynda Bennett"].roles == ("local GOP activist",)
    assert people["Boris Johnson"].roles == ("Prime Minister",)


def test_a_lone_surname_that_owns_something_is_a_person(analyse_text):
    # The Times' astrologer story (August 1996), retold: the model calls "Thatcher" a person, never given in full.
    an = analyse_text("Paper says Thatcher's office consulted astrologer. The astrologer kept a watch on Thatcher's stars.")
    (thatcher,) = [a for a in an.actors if a.name == "Thatcher"]
    assert thatcher.kind == "person"


def test_a_name_described_as_a_place_is_one_wherever_it_is_named(analyse_text):
    # Reuters-style report (August 1996): the model calls the region an organisation both times.
    an = analyse_text(
        "Armenia and Azerbaijan agreed to work toward a lasting peace in the disputed Nagorno-Karabakh region, a "
        "diplomatic source said. An uneasy ceasefire has prevailed in Nagorno-Karabakh since 1994."
    )
    (karabakh,) = [a for a in an.actors if a.name == "Nagorno-Karabakh"]
    assert karabakh.kind == "place" and karabakh.mentions == 2


def test_the_is_part_of_a_name_only_where_it_is_capitalised_mid_sentence(analyse_text):
    text = "Delegates met in The Hague on Monday. The Hague court said the Federal Reserve had no say."
    spans = {a.name: [text[s:e] for s, e in a.spans] for a in analyse_text(text).actors}
    assert spans["Hague"][0] == "The Hague"
    assert spans["Federal Reserve"] == ["Federal Reserve"]


def test_a_descriptor_before_an_organisation_is_its_role(analyse_text):
    # Wikinews-style reports (2007): what the company is, said before its name, is what a reader learns of it.
    an = analyse_text(
        "Irish national airline Aer Lingus has bought twelve long-haul jets. The United States auto manufacturer "
        "Chrysler, which has been struggling, asked for aid on Monday."
    )
    roles = {a.name: a.roles for a in an.actors}
    assert roles["Aer Lingus"] == ("Irish national airline",)
    assert roles["Chrysler"] == ("United States auto manufacturer",)


def test_a_name_qualifying_a_kind_of_product_is_the_product_not_an_actor(analyse_text):
    # Wikinews, October 2010 (Apple's "Back to the Mac" event), retold.
    an = analyse_text(
        "Apple unveiled new MacBook Air laptops on Wednesday in Cupertino. Steve Jobs also showed a preview of the "
        "Mac OS X Lion operating system, which will go on sale next year."
    )
    names = {a.name for a in an.actors}
    assert "Apple" in names and "Steve Jobs" in names
    assert not any(n.startswith("Mac") for n in names), names


def test_a_short_form_takes_the_kind_of_the_organisation_it_opens(analyse_text):
    # Wikinews, May 2006 (the last Boeing 717): the model calls the airline's short name a place.
    text = (
        "Boeing delivers final 717 to AirTran, ending Douglas era\nMay 29, 2006\n"
        "Boeing Commercial Airplanes on Tuesday delivered the final 717 jet built to AirTran Airways in ceremonies "
        "in Long Beach, California."
    )
    kinds = {a.name: a.kind for a in analyse_text(text).actors}
    assert kinds["AirTran"] == "organization" and kinds["AirTran Airways"] == "organization"
    assert kinds["Long Beach"] == "place"
    # A province the article calls one stays a place, whatever organisation is named after it.
    text = (
        "LM Ericsson AB said it won an order to expand the telecoms network in the Guangdong province of China. "
        "The order is from the Guangdong Post and Telecommunications Administration."
    )
    kinds = {a.name: a.kind for a in analyse_text(text).actors}
    assert kinds["Guangdong"] == "place"


def test_a_headline_s_short_form_joins_the_full_name_the_text_gives_after_it(analyse_text):
    # Reuters, August 1996: the headline names the company by its short name, the text in full after it.
    text = (
        "Ericsson says wins 1.2 bln SKR China order\nSTOCKHOLM 1996-08-30\n"
        "Swedish telecoms group LM Ericsson AB said on Friday it won an order worth 1.2 billion crowns. "
        "Ericsson said in a statement the order was from the Guangdong Post."
    )
    ericsson = [a for a in analyse_text(text).actors if "Ericsson" in a.name]
    assert len(ericsson) == 1 and ericsson[0].kind == "organization" and ericsson[0].mentions == 3
    # Without a headline, a fuller name said only after the short one is still someone else.
    an = analyse_text("President Biden said on Thursday he was confident. Hunter Biden said in a statement he was not.")
    assert {a.name for a in an.actors if a.kind == "person"} >= {"Biden", "Hunter Biden"}


def _actor_at_by_scan(index, start: int, end: int):
    """The look-up as a plain scan of every mention, in `by_span`'s order: what the bisecting index must agree with."""
    for (a, b), actor_id in index.by_span.items():
        if a < end and start < b:
            return index.get(actor_id)
    return None


def test_the_actor_at_a_span_is_found_by_bisection_with_the_scan_s_results(seed):
    from briefgen.extract.actors import ActorIndex

    index = ActorIndex(seed.actors, {sp: a.id for a in seed.actors for sp in a.spans})
    text = seed.article.text
    assert len(index.by_span) > 20
    for start in range(0, len(text), 3):
        for width in (0, 1, 7, 40):
            assert index.actor_at(start, start + width) == _actor_at_by_scan(index, start, start + width), (start, width)
    assert all(index.get(a.id) == a for a in seed.actors) and index.get("a999") is None
    # Overlapping mentions (a long one reaching past shorter ones after it): the first listed still wins.
    (first, second, *_) = seed.actors
    odd = ActorIndex(seed.actors, {(10, 20): second.id, (0, 100): first.id, (30, 40): second.id})
    for start, end in ((12, 13), (35, 36), (50, 60), (99, 150), (100, 150)):
        assert odd.actor_at(start, end) == _actor_at_by_scan(odd, start, end), (start, end)
    assert odd.actor_at(12, 13) == second and odd.actor_at(50, 60) == first and odd.actor_at(100, 150) is None


def test_a_company_qualifying_its_product_stays_the_company(analyse_text):
    # Business news of any year: a maker's name before a kind of product, where the article names it as a company
    # elsewhere (it says, announces, has a spokesman or a legal form), is one more mention of the company.
    def company(text: str, name: str):
        (actor,) = [a for a in analyse_text(text).actors if a.name == name]
        return actor.kind, [text[a:b] for a, b in actor.spans]

    text = "Toyota announced a recall on Tuesday. The Toyota model had faulty brakes, the company said."
    assert company(text, "Toyota") == ("organization", ["Toyota", "Toyota"])
    text = "A Boeing spokesman said a Boeing system failed during the test."
    assert company(text, "Boeing") == ("organization", ["Boeing", "Boeing"])
    text = "Microsoft Corp said hospitals could keep using the Microsoft software until March."
    assert company(text, "Microsoft Corp") == ("organization", ["Microsoft Corp", "Microsoft"])


def test_a_product_named_before_its_kind_is_no_actor_beside_its_maker(analyse_text):
    an = analyse_text(
        "Apple said on Wednesday it would sell new MacBook Air laptops and a new version of the Mac software at its "
        "stores. Google said its Android operating system now runs on three billion phones."
    )
    assert {a.name: a.kind for a in an.actors} == {"Apple": "organization", "Google": "organization"}
    # A product's name the model calls a person is not asserted to be its maker either.
    an = analyse_text("Nvidia said demand for the Blackwell chips was strong.")
    assert {a.name: a.kind for a in an.actors}.get("Blackwell", "other") == "other"


def test_a_court_case_and_a_piece_of_a_name_are_no_actors(analyse_text):
    # Court and health news in our own words: a case is named by its parties (a document, like a treaty), and the
    # model's person "Without Borders" is the end of "Doctors Without Borders", cut at a preposition.
    names = {
        a.name
        for a in analyse_text(
            "Justice Sonia Sotomayor wrote for the majority in Loper Bright Enterprises v. Raimondo. The Supreme Court "
            "said the agency had overstepped. Doctors Without Borders sent a team to Kampala."
        ).actors
    }
    assert {"Sonia Sotomayor", "Supreme Court", "Kampala"} <= names
    assert not any(" v. " in n or n.startswith("Without") for n in names), names


def test_a_name_called_both_an_organisation_and_a_place_is_an_organisation_unless_geonames_knows_the_place(analyse_text):
    # Business news: the model calls "Nvidia" a place before a title and an organisation before "shares".
    kinds = _kinds(analyse_text("Nvidia chief executive Jensen Huang said demand was strong. Nvidia shares rose 4 percent on Friday."))
    assert kinds["Nvidia"] == "organization" and kinds["Jensen Huang"] == "person"


def test_a_full_name_after_a_role_noun_is_a_person(analyse_text):
    # Foreign affairs in our own words: the model calls the Indonesian minister an organisation.
    an = analyse_text("Foreign Minister Penny Wong flew to Jakarta to meet her Indonesian counterpart Retno Marsudi.")
    marsudi = {a.name: a for a in an.actors}["Retno Marsudi"]
    assert marsudi.kind == "person"


def test_an_acronym_role_keeps_its_capitals_while_a_shouted_title_is_title_cased(analyse_text):
    # Business news in our own words; a speaker line in capitals, as transcripts write them.
    an = analyse_text("Apple CEO Tim Cook said sales rose in China. PRIME MINISTER OF JAPAN Fumio Kishida spoke later.")
    roles = {a.name: a.roles for a in an.actors}
    assert roles["Tim Cook"] == ("CEO",) and roles["Fumio Kishida"] == ("Prime Minister of Japan",)


def test_a_portfolio_belongs_to_its_title_and_a_ministry_is_where_a_title_is_held(analyse_text):
    # Our own sentences: the model tags "Veterans Affairs" an organisation; no list of portfolios names it.
    an = analyse_text(
        "Veterans Affairs Secretary Denis McDonough said the agency would hire more nurses. "
        'Italian Foreign Ministry spokesman Mario Rossi said: "We are watching closely."'
    )
    actors = {a.name: a for a in an.actors}
    assert actors["Denis McDonough"].roles == ("Veterans Affairs Secretary",) and "Veterans Affairs" not in actors
    (ministry,) = [a for a in an.actors if a.name.endswith("Foreign Ministry")]
    assert ministry.kind == "organization" and actors["Mario Rossi"].roles == ("spokesman",)


def test_a_surname_titled_as_another_person_stays_apart(analyse_text):
    # Two people who share a surname: the surname's title names another office than the full name's.
    an = analyse_text(
        "Governor Ann Lowell opened the fair on Sunday. First Lady Dr. Lowell will host the school children there, "
        "and Governor Lowell said the fair would run all week."
    )
    people = [a for a in an.actors if a.kind == "person"]
    governor = next(a for a in people if a.name == "Ann Lowell")
    assert governor.mentions == 2 and governor.roles == ("Governor",)
    (spouse,) = [a for a in people if a.name == "Lowell"]
    assert spouse.roles == ("First Lady",)  # the title in full, without the courtesy title after it


def test_a_role_is_title_words_only(analyse_text):
    # A transcript's "Q" label and a wh-word before a title are no part of it.
    an = analyse_text(
        "MS. ROE: Good afternoon.\n\nQ When Governor Ann Lowell visited the port, did she talk about the strike?\n\n"
        "MS. ROE: She did, at length."
    )
    lowell = next(a for a in an.actors if a.name == "Ann Lowell")
    assert lowell.roles == ("Governor",)


def test_a_word_the_article_uses_as_a_verb_describes_no_organisation(analyse_text):
    # The tagger reads the verb "sunset" as a noun before a name; the article uses it as a verb elsewhere.
    an = analyse_text("The senators want to sunset Medicaid. They want to set sunset Social Security, the governor said.")
    social = next(a for a in an.actors if a.name == "Social Security")
    assert social.roles == ()
    assert not any("sunset" in a.name for a in an.actors)


def test_declarations_and_a_treaty_name_cut_are_no_actors(analyse_text):
    an = analyse_text(
        "The allies will hold drills consistent with the Washington Declaration, officials in Seoul said. Both remain "
        "parties to the Treaty on the Non-Proliferation of Nuclear Weapons."
    )
    names = {a.name for a in an.actors}
    assert not any("Declaration" in n or "Proliferation" in n or "Nuclear" in n for n in names), names
    assert "Seoul" in names


def test_a_name_run_into_an_acronym_after_it_is_two_names(analyse_text):
    an = analyse_text("Without a new law from Congress FEMA will run out of money in September, officials warned.")
    names = {a.name for a in an.actors if a.kind == "organization"}
    assert {"Congress", "FEMA"} <= names, names
