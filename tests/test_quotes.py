"""Quotes: the seed article's six quotations, and the harder shapes news uses."""

from __future__ import annotations

from spacy.tokens import Span


def test_seed_has_all_six_quotes_attributed_to_a_diplomat(seed):
    text = seed.article.text
    assert len(seed.quotes) == 6
    openings = sorted(q.text[:25] for q in seed.quotes)
    assert openings == sorted([
        "The Chinese correctly ide", "If we do not see discerni", "Those people probably wou",
        "The average Chinese perso", "This is an administration", "It is a kind of conversat",
    ])  # fmt: skip
    for q in seed.quotes:
        assert text[q.start : q.end] == q.text
        assert q.direct and q.cue == "said"
        assert q.speaker and "diplomat" in q.speaker, q
        assert q.speaker_span is not None
        assert 0 < q.confidence <= 1
    pronoun_quotes = [q for q in seed.quotes if text[slice(*q.speaker_span)] == "he"]
    assert len(pronoun_quotes) == 3  # "he said", resolved to the diplomat
    first = next(q for q in seed.quotes if q.text.startswith("The Chinese correctly"))
    assert first.speaker == "a Beijing-based diplomat"  # "the diplomat" goes back to "one Beijing-based diplomat"


def test_quotes_ranked_by_confidence(seed):
    confidences = [q.confidence for q in seed.quotes]
    assert confidences[0] == max(confidences)


def test_quote_split_by_its_attribution_is_one_quote(analyse_text):
    text = (
        'Health minister Anna Berg visited the hospital on Tuesday. "We are doing everything we can," she said, '
        '"and we will not stop until every patient is safe."'
    )
    an = analyse_text(text)
    (q,) = an.quotes
    assert q.speaker == "Anna Berg" and q.cue == "said" and q.actor_id is not None
    assert text[q.speaker_span[0] : q.speaker_span[1]] == "she"
    assert [text[a:b] for a, b in q.parts] == ["We are doing everything we can", "and we will not stop until every patient is safe."]
    assert q.text == text[q.start : q.end]


def test_signature_dash_and_previous_sentence_attributions(analyse_text):
    text = (
        "\u201cThe most unqualified child to ever run for president.\u201d \u2015 Francisco Herrero\n\n"
        'The agency may act soon, Adam Schiff said. "The other factor is timing, and timing matters here."'
    )
    speakers = {q.text[:10]: q.speaker for q in analyse_text(text).quotes}
    assert speakers == {"The most u": "Francisco Herrero", "The other ": "Adam Schiff"}


def test_attribution_before_quote_with_curly_marks(analyse_text):
    an = analyse_text("The mayor told reporters: \u201cThe bridge will reopen next week, as planned.\u201d")
    (q,) = an.quotes
    assert q.text == "The bridge will reopen next week, as planned."
    assert q.speaker == "The mayor" and q.cue == "told"


def test_quote_running_over_two_paragraphs(analyse_text):
    text = (
        'The agency said in a statement:\n\n"The first part of the statement runs on here.\n\n'
        '"And the second part closes it here."\n\nOther news followed.'
    )
    an = analyse_text(text)
    (q,) = an.quotes
    assert q.text.startswith("The first part") and q.text.endswith("closes it here.")
    assert q.speaker == "The agency"


def test_scare_quotes_are_not_quotations(analyse_text):
    an = analyse_text('The so-called "peace dividend" was debated in parliament on Monday.')
    assert an.quotes == ()


def test_speaker_shapes_the_parser_gets_wrong(analyse_text):
    text = (
        '"We will achieve justice in this case," Tulsa police Chief Chuck Jordan said Monday.\n\n'
        'The mayor, Ruth Allen, who said "the city will not rest until the truth is known," met the family.\n\n'
        'Asked about his taxes, Trump boasted, "That makes me smart." Trump was similarly defensive about an '
        "architect who said he was never paid."
    )
    quotes = {q.text[:20]: q for q in analyse_text(text).quotes}
    jordan = quotes["We will achieve just"]
    assert jordan.speaker == "Chuck Jordan"  # not "Monday": a date never speaks
    assert "Allen" in (quotes["the city will not re"].speaker or "")  # "who" stands for the mayor
    smart = quotes["That makes me smart."]
    assert smart.speaker == "Trump" and smart.cue == "boasted"  # not the architect of the next sentence


def test_only_a_reporting_clause_right_after_the_quote_is_inverted(analyse_text):
    text = (
        "Mayor Ruth Allen spoke at the opening. Allen smiled and asked the crowd to welcome the governor, "
        '"my new best friend in this fight."\n\n'
        '"Promise you will keep your hands in sight," Mary Blige sings to Clinton before asking her, '
        '"I just want to know, where do we go from here?"'
    )
    quotes = {q.text[:12]: q for q in analyse_text(text).quotes}
    assert quotes["my new best "].speaker == "Ruth Allen"  # not "the crowd"
    assert quotes["Promise you "].speaker == quotes["I just want "].speaker == "Mary Blige"  # two quotes, one singer


def test_nested_report_and_characterized_as(analyse_text):
    text = (
        "Attorney General Loretta Lynch spoke at the law school on Tuesday. She said she recalls a colleague "
        'being "confused by the whole exchange at the time," and the partner being supportive.\n\n'
        'Mike Pence praised the debate. However, he characterized Tim Kaine as "a little desperate there, '
        'jumping in all the time."'
    )
    quotes = {q.text[:12]: q for q in analyse_text(text).quotes}
    lynch = quotes["confused by "]
    assert lynch.speaker == "Loretta Lynch" and text[slice(*lynch.speaker_span)] == "She"  # who says, not who recalls
    pence = quotes["a little des"]
    assert pence.speaker == "Mike Pence" and pence.cue == "characterized"


def test_a_cue_with_a_speaker_beats_a_nearer_one_without(analyse_text):
    text = (
        'The council approved the plan on Monday. Mayor Ruth Allen defended the vote, saying "this is the best '
        'deal the city could get." Critics issued a statement calling the vote "a betrayal of every voter in town."'
    )
    quotes = {q.text[:12]: q for q in analyse_text(text).quotes}
    assert len(quotes) == 2  # two quotations, not one group joined by the cue between them
    assert quotes["this is the "].speaker == "Ruth Allen" and quotes["this is the "].cue == "saying"
    assert quotes["a betrayal o"].cue == "calling"


def test_a_closing_mark_typed_where_the_quote_opens(analyse_text):
    text = (
        "Voters shared their views after the debate.\n\n"
        "\u201dFear. I am truly afraid that the other side will win the vote in November.\u201d \u2015 Edwin G. Monroy\n\n"
        "\u201cHe draws attention away from the conversations we should be having.\u201d \u2015 Nell Carden Grey"
    )
    quotes = {q.text[:12]: q for q in analyse_text(text).quotes}
    assert quotes["Fear. I am t"].speaker == "Edwin G. Monroy"
    assert quotes["He draws att"].speaker == "Nell Carden Grey"


def _misparsed(nlp, text: str, rewire: dict[str, tuple[str, str]]):
    """The model's parse of `text`, with the attachments it gets wrong on similar sentences of other articles:
    {word: (dependency, head word)}."""
    doc = nlp(text)
    by_word = {t.text: t for t in doc}
    for word, (dep, head) in rewire.items():
        by_word[word].head = by_word[head]
        by_word[word].dep_ = dep
    return doc


def test_speakers_named_where_the_parser_looks_elsewhere(nlp):
    from briefgen.extract.actors import extract_actors
    from briefgen.extract.quotes import extract_quotes

    def speaker(doc) -> str | None:
        (q,) = extract_quotes(doc, extract_actors(doc), "t")
        return q.speaker

    text = "\u201cThe city needs this bridge and the money is there,\u201d Dana Ruiz, the county treasurer, said Friday on City Radio\u2019s \u201cMorning Report.\u201d"
    # The parser took the quoted show title for the subject and hung the name inside the quotation.
    doc = _misparsed(nlp, text, {"Ruiz": ("appos", "money"), "Morning": ("nsubj", "said")})
    assert speaker(doc) == "Dana Ruiz"
    text = 'With ten days until the vote, Omar Haddad, a senior aide, called the plan "a serious mistake for the taxpayers."'
    # The parser made "the vote" the subject and the name its apposition.
    doc = _misparsed(nlp, text, {"vote": ("nsubj", "called"), "Haddad": ("appos", "vote")})
    assert speaker(doc) == "Omar Haddad"
    text = (
        "When Allen noted that Haddad has occasionally not paid anything in local taxes \u2015 as was true for the few "
        "years his returns were made public \u2015 Haddad boasted, \u201cThat makes me smart.\u201d"
    )
    assert speaker(nlp(text)) == "Haddad"  # the model itself makes the dash before "Haddad" a subject
    text = 'When the raids are reported as part of the border war, Ruiz and Haddad call the raiders "lone wolves" in every speech.'
    # The parser hung the names on "war", leaving "call" without a subject; "the raids" are not speaking.
    assert speaker(_misparsed(nlp, text, {"Ruiz": ("conj", "war")})) == "Haddad"
    doc = nlp('Kim Ode accused the board of lying and said "the vote was rigged from the start."')
    doc.ents = [Span(doc, 0, 5, label="WORK_OF_ART")]  # the model's clause-long "title" on another text
    assert speaker(doc) == "Kim Ode"  # a name has no verb: the noun phrase, not "Kim Ode accused the board of"


def test_a_quote_inherits_a_speaker_only_where_it_continues(analyse_text):
    text = (
        '"The project is on time and on budget, and we expect to open in May," Mayor Ruth Allen said.\n\n'
        'Professor Karl Stein compared the council to a team that is "playing for the draw" in the final '
        "minutes of the game.\n\n"
        'The statement said the mayor would attend. He said, "We will be there with the whole council."'
    )
    quotes = {q.text[:12]: q for q in analyse_text(text).quotes}
    assert quotes["The project "].speaker == "Ruth Allen"
    # A quotation inside a later paragraph has not continued the mayor's: nobody is named as its speaker.
    assert quotes["playing for "].speaker is None
    assert quotes["We will be t"].speaker == "Ruth Allen"  # "He" is the last person, not "The statement"


def test_inverted_attribution_before_the_quote_and_as_x_put_it(analyse_text):
    text = (
        "Experts disagree about the plan. Said Ellis: \u201cI don\u2019t get the sense she\u2019s the least bit "
        "interested in tax reform.\u201d\n\n"
        'The talks ended early. Said one Beijing-based diplomat: "Nobody expected a breakthrough this week."\n\n'
        'The test is a "lawful source of investment income that can be traced," as a Homeland Security memo put it.'
    )
    an = analyse_text(text)
    quotes = {q.text[:12]: q for q in an.quotes}
    assert quotes["I don\u2019t get "].speaker == "Ellis" and quotes["I don\u2019t get "].cue == "said"
    assert quotes["Nobody expec"].speaker == "a Beijing-based diplomat"
    assert quotes["lawful sourc"].speaker == "a Homeland Security memo" and quotes["lawful sourc"].cue == "put"
    assert "Ellis" in [a.name for a in an.actors]  # the model's "Said Ellis" is Ellis


def test_british_style_single_quotation_marks(analyse_text):
    text = (
        "The coach spoke after the match. 'It is my second game in a week and the players' legs are tired, but it "
        "is all good,' Tom Hale told the club's website.\n\n"
        "He added: 'We don't talk about the '90s any more. The fans called it \"the great escape\" and they were "
        "right.'\n\n"
        "\u2018We will be back next season,\u2019 said Ana Silva, the club\u2019s chair. \u2018The board is united.\u2019"
    )
    quotes = {q.text[:14]: q for q in analyse_text(text).quotes}
    assert set(quotes) == {"It is my secon", "We don't talk ", "We will be bac"}
    first = quotes["It is my secon"]
    assert first.text.endswith("but it is all good") and first.speaker == "Tom Hale"  # "players'" is no closing mark
    assert quotes["We don't talk "].text.endswith("and they were right.") and quotes["We don't talk "].speaker == "Tom Hale"
    silva = quotes["We will be bac"]
    assert silva.speaker == "Ana Silva" and len(silva.parts) == 2  # split by its attribution, curly single marks


def test_single_marks_inside_double_quoted_text_stay_nested(analyse_text):
    text = "\"He told me 'no' and that was the end of it,\" said Ana Silva. The so-called 'peace plan' failed, and 'nobody' was surprised."
    (q,) = analyse_text(text).quotes
    assert q.text.startswith("He told me 'no'") and q.speaker == "Ana Silva"


def test_characterising_verbs_attribute_short_quotes(analyse_text):
    text = (
        'Mayor Ruth Allen likened the budget to a "house of cards" on Monday.\n\n'
        'Senator Omar Haddad blasted the board for being "utterly careless."\n\n'
        'The so-called "house rules" were posted on the door.'
    )
    quotes = {q.text: q for q in analyse_text(text).quotes}
    assert quotes["house of cards"].speaker == "Ruth Allen" and quotes["house of cards"].cue == "likened"
    assert quotes["utterly careless."].speaker == "Omar Haddad" and quotes["utterly careless."].cue == "blasted"
    assert "house rules" not in quotes  # a scare quote with no one speaking


def test_whoever_a_quote_is_attributed_to_is_the_one_he_refers_to(analyse_text):
    text = (
        '"We will not let one storm close this city," council leader Ruth Allen told reporters.\n\n'
        'Councillor Omar Haddad dismissed the plan as "wishful thinking" and said patience was wearing thin.\n\n'
        '"The council\'s own engineers say the wiring needs replacing," he said.'
    )
    quotes = {q.text[:12]: q for q in analyse_text(text).quotes}
    assert quotes["wishful thin"].speaker == "Omar Haddad"
    assert quotes["The council'"].speaker == "Omar Haddad"  # not the last subject of "told"


def test_one_single_quoted_quotation_in_a_text_without_double_marks(analyse_text):
    text = (
        "The minister said the plan was sound. 'We have done the work and the numbers add up,' she told the BBC. "
        "Fans of rock 'n' roll packed the club, and the band's drummer waved."
    )
    (q,) = analyse_text(text).quotes
    assert q.text == "We have done the work and the numbers add up" and q.cue == "told"


def test_a_description_keeps_whom_it_speaks_for_and_a_statement_its_source(analyse_text):
    text = (
        "\u201cThe talks were productive,\u201d according to a statement from the Foreign Ministry.\n\n"
        "A spokesperson for the ministry said: \u201cWe are reviewing the report.\u201d"
    )
    speakers = {q.text[:9]: q.speaker for q in analyse_text(text).quotes}
    assert speakers == {"The talks": "Foreign Ministry", "We are re": "A spokesperson for the ministry"}


def test_a_nickname_inside_a_name_is_no_quote(analyse_text):
    text = (
        'Rochelle "Shelly" Sterling accused her husband. Rep. Robert C. "Bobby" Scott said: "We won."\n\n'
        'She watched NBC\'s "Nightly News." Then she left.'
    )
    quotes = analyse_text(text).quotes
    assert [q.text for q in quotes] == ["We won."] and quotes[0].speaker == 'Robert C. "Bobby" Scott'


def test_they_after_two_named_speakers_is_both(analyse_text):
    text = (
        'Bill and Denise Richard wrote about their loss. "Our family has grieved," they said.\n\n'
        'The former first lady and U.S. senator said it was "a mistake" to use private email.'
    )
    speakers = {q.text[:3]: q.speaker for q in analyse_text(text).quotes}
    assert speakers["Our"] == "Bill and Denise Richard"
    assert speakers["a m"] == "The former first lady and U.S. senator"  # one person with two titles
