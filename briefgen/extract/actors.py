"""Actors: people, organisations, places and groups from spaCy NER, merged within an article, with roles."""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property

from spacy.attrs import ENT_TYPE, IS_ALPHA, IS_LOWER, IS_TITLE, IS_UPPER, LOWER, ORTH, POS
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.strings import get_string_id
from spacy.symbols import VERB
from spacy.tokens import Doc, Span, Token

from ..model import Actor, ActorKind, name_key
from .gazetteer import is_country, is_landmark, is_place
from .lexicon import COURTESY_TITLES, DASHES, HONORIFICS
from .nlp import distinct_words, doc_text, token_column

LABEL_KIND: dict[str, ActorKind] = {
    "PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "group",
}  # fmt: skip
# Common short forms of the same actor; values are the canonical names.
ALIASES = {
    "u.s.": "United States", "u.s": "United States", "us": "United States", "usa": "United States",
    "u.s.a.": "United States", "united states": "United States", "united states of america": "United States",
    "america": "United States", "u.n.": "United Nations", "un": "United Nations", "united nations": "United Nations",
    "u.k.": "United Kingdom", "uk": "United Kingdom", "britain": "United Kingdom", "great britain": "United Kingdom",
    "united kingdom": "United Kingdom", "eu": "European Union", "e.u.": "European Union",
    "european union": "European Union", "prc": "China", "people's republic of china": "China", "dprk": "North Korea",
    "democratic people's republic of korea": "North Korea", "rok": "Republic of Korea", "south korea": "Republic of Korea",
    "republic of korea": "Republic of Korea", "ussr": "Soviet Union", "soviet union": "Soviet Union",
    "uae": "United Arab Emirates", "u.a.e.": "United Arab Emirates", "prc government": "China",
    "fed": "Federal Reserve", "federal reserve": "Federal Reserve", "u.s. federal reserve": "Federal Reserve",
}  # fmt: skip
ROLE_HEADS = {
    "president", "vice", "secretary", "minister", "premier", "chancellor", "senator", "sen.", "rep.", "representative",
    "congressman", "congresswoman", "governor", "gov.", "mayor", "ambassador", "spokesman", "spokeswoman",
    "spokesperson", "chairman", "chairwoman", "chair", "director", "chief", "ceo", "king", "queen", "prince",
    "princess", "emir", "amir", "sheikh", "general", "gen.", "admiral", "adm.", "colonel", "col.", "commissioner",
    "leader", "adviser", "advisor", "envoy", "judge", "justice", "attorney", "official", "diplomat", "deputy",
    "speaker", "head", "founder", "executive", "officer", "commander", "administrator", "pope", "bishop", "cardinal",
    "dr.", "professor", "prof.", "lawyer", "journalist", "dissident", "activist", "candidate", "nominee", "counterpart",
    "captain", "lieutenant", "sergeant", "councillor", "councilor", "member", "lawmaker", "legislator", "analyst",
    "economist", "scientist", "researcher", "reporter", "correspondent", "manager", "coach", "president-elect",
    "secretary-general", "treasurer", "auditor", "inspector", "superintendent", "principal", "student", "teacher",
    "mp", "mep", "governor-general", "marshal", "partner", "owner", "editor", "author", "writer", "lady", "gentleman",
}  # fmt: skip
# Rochelle "Shelly" Sterling, Robert C. "Bobby" Scott: a nickname quoted inside a person's name.
NICKNAMED = re.compile(r"\b[A-Z][a-z]+(?: [A-Z]\.)? [\"\u201c][A-Z][a-z]+(?: [A-Z][a-z]+)?[\"\u201d] [A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")
_DATELINE_CREDIT = re.compile(r"\s*(?:[A-Z][\w.,' -]{0,40} )?\($")
# Titles that only people hold ("General" also opens "General Motors", "Director" a film's credits).
PERSON_TITLES = {
    "president", "chancellor", "minister", "senator", "sen.", "rep.", "representative", "governor", "gov.", "mayor",
    "ambassador", "secretary", "secretary-general", "premier", "king", "queen", "prince", "princess", "pope", "judge",
    "justice", "commissioner", "spokesman", "spokeswoman", "spokesperson", "emir", "amir", "sheikh", "dr.",
    "professor", "prof.", "mr.", "mrs.", "ms.", "president-elect", "congressman", "congresswoman", "lawmaker",
}  # fmt: skip
# Tagged as entities but never actors in a briefing: time zones, currencies, market indices.
NOT_ACTORS = {"UTC", "GMT", "EST", "EDT", "PST", "PDT", "CET", "USD", "EUR", "GBP", "JPY", "FTSE", "FTSE 100", "Nasdaq",
              "NASDAQ", "Dow Jones", "Dow", "Nikkei", "DAX", "CAC 40", "Hang Seng", "S&P 500", "Standard & Poor"}  # fmt: skip
_LEGAL_FORMS = r"Inc|Corp|Co|Ltd|LLC|L\.L\.C|LLP|PLC|plc|AG|SA|S\.A|NV|N\.V|GmbH|SpA|S\.p\.A|SE|AB|ASA|Oyj|BV|B\.V|KK|Bhd|Tbk|Pty"
LEGAL_FORM = re.compile(rf"(?:{_LEGAL_FORMS})\.?")
MODEL_NUMBER = re.compile(r"[A-Z]{0,3}-?\d{2,5}[A-Za-z0-9-]*")
# "Worldwide Developers Conference", "Paris Air Show", "Camp David Summit": events the model calls organisations.
EVENT_NAME = re.compile(
    r"\b(?:Conference|Convention|Show|Expo|Exhibition|Festival|Summit|Olympics|Olympic Games|Championships?|Cup|Tournament|"
    r"Awards|Ceremony|Marathon|Grand Prix)$"
)
# Treaties, laws and agreements are documents, not actors ("the Mutual Defense Treaty", "the Affordable Care Act").
# A court case is named by its parties ("Loper Bright Enterprises v. Raimondo"): a document too, not an actor.
DOCUMENT_NAME = re.compile(r"\b(?:Treaty|Accords?|Act|Agreement|Protocol|Charter|Declaration|Communiqu[e\u00e9]|Memorandum)\b| vs?\. ")
# A name a document's title goes on into ("the Treaty on the Non-Proliferation of Nuclear Weapons", which the model
# tags from "the Non-Proliferation"): the rest of the document's name, no actor.
_DOCUMENT_OF = re.compile(
    r"\b(?:Treaty|Accords?|Act|Agreement|Protocol|Charter|Declaration|Convention|Communiqu[e\u00e9]|Memorandum)"
    r" (?:on|of|for|between|concerning|against) (?:the )?$"
)
# Kinds of product a name may qualify ("the MacBook Air laptops", "the Quartz user interface"): such a name is the
# product's, not its maker's. Not vehicles, aircraft or weapons: "NATO helicopters", "Dynamo Moscow players" are
# the organisation's own.
PRODUCT_NOUNS = {"laptop", "computer", "notebook", "phone", "smartphone", "handset", "tablet", "device", "console",
                 "software", "version", "model", "sedan", "drug", "browser", "app", "chip", "processor", "camera",
                 "interface", "edition", "mock-up", "system", "operating", "suv", "minivan"}  # fmt: skip
_CUT_ENDS = {"of", "between", "for", "and", "the", "on", "in", "to", "with", "&"}
ORG_SUFFIX = re.compile(
    rf"\b(?:{_LEGAL_FORMS}|Corporation|Company|Group|Holdings|Airlines|Airways|Aircraft|"
    r"Bank|Motors|Systems|Technologies|Partners|Association|Agency|Ministry|Department|Council|Committee|Party|"
    r"University|Institute|Foundation|Commission|Union|Authority|Office|Court|Parliament|Congress|Senate)\.?$"
)
# What an organisation is called in the words around its name ("the news weekly Der Spiegel", "Zycie Warszawy daily
# said"): a name so described is an organisation, whatever the model made of it.
ORG_NOUNS = {
    "newspaper", "daily", "weekly", "magazine", "paper", "agency", "company", "firm", "group", "carrier", "airline",
    "bank", "maker", "manufacturer", "retailer", "broadcaster", "network", "newsroom", "publisher", "insurer",
    "operator", "conglomerate", "subsidiary", "party", "union", "club", "team", "side", "brewer", "distributor",
}  # fmt: skip
ALIAS_ORGANIZATIONS = {"United Nations", "European Union", "Federal Reserve"}
INVERTED_VERBS = {"said", "says", "added", "asked", "wrote", "replied"}  # "Said Ellis: ..." is Ellis, when the tagger says so
_LEADING_DROP = {"new", "the", "a", "an", "then", "incoming", "outgoing"}
_CONNECTIVES = {"of", "for", "-", "&"}


@dataclass(frozen=True)
class Mention:
    start: int  # the mention, with its determiner or title
    end: int
    text: str  # the name itself
    label: str
    name_start: int


@dataclass(frozen=True)
class ActorIndex:
    """The article's actors, and which actor each mention's character span belongs to."""

    actors: tuple[Actor, ...]
    by_span: dict[tuple[int, int], str]

    @cached_property
    def _by_id(self) -> dict[str, Actor]:
        return {a.id: a for a in self.actors}

    @cached_property
    def _spans(self) -> tuple[list[int], list[int], list[tuple[int, int, str]]]:
        """The mentions sorted by start (with their order in `by_span`, which ranks them), each with the furthest end
        reached by it or one before it: a look-up per quote or event bisects instead of scanning every mention."""
        ordered = sorted((a, b, n, actor_id) for n, ((a, b), actor_id) in enumerate(self.by_span.items()))
        starts = [a for a, _, _, _ in ordered]
        reach = list(itertools.accumulate((b for _, b, _, _ in ordered), max))
        return starts, reach, [(b, n, actor_id) for _, b, n, actor_id in ordered]

    def actor_at(self, start: int, end: int) -> Actor | None:
        """The actor whose mention overlaps [start, end), if any (of several, the one listed first in `by_span`)."""
        starts, reach, rest = self._spans
        best: tuple[int, str] | None = None
        i = bisect.bisect_left(starts, end) - 1  # mentions from i down start before `end`
        while i >= 0 and reach[i] > start:  # and none before a mention whose reach is at most `start` ends after it
            b, n, actor_id = rest[i]
            if b > start and (best is None or n < best[0]):
                best = (n, actor_id)
            i -= 1
        return self.get(best[1]) if best is not None else None

    def get(self, actor_id: str) -> Actor | None:
        return self._by_id.get(actor_id)


def extract_actors(doc: Doc, title_end: int = 0) -> ActorIndex:
    """Merge the article's entity mentions into actors, ranked by salience."""
    text = doc_text(doc)
    role_spans: list[tuple[int, int]] = []
    appositions: list[tuple[int, int]] = []  # "Jake Sullivan, the national security adviser"
    roles_of: dict[int, list[str]] = defaultdict(list)  # mention start -> roles given there
    described_orgs: set[int] = set()  # where a name is described as an organisation
    placed: set[int] = set()  # where a name is described as a place ("the city of Arbil", "Huize county")
    quoted_roles: set[tuple[int, str]] = set()  # titles inside a quotation: a speaker's words, not the reporter's
    mentions: list[Mention] = []
    as_org, products = _product_names(doc)
    verbs = distinct_words(doc, LOWER, POS, VERB)  # words the article uses as verbs ("to sunset Medicare")
    for ent in _at_seams(_with_nicknamed(doc)):
        if (
            ent.label_ not in LABEL_KIND
            or _names_a_product(ent, as_org, products)
            or ent.text.strip() in NOT_ACTORS
            or EVENT_NAME.search(ent.text)
        ):
            continue
        # (Matched in place: slicing the text before every entity would copy the article once per entity.)
        if _DATELINE_CREDIT.match(text, 0, ent.start_char) and re.match(
            r"\)(?: ?[-\u2013\u2014]| [A-Z])", text[ent.end_char : ent.end_char + 3]
        ):
            continue  # "(CNN) ...", "WASHINGTON (Reuters) -": the agency that wrote the story is not in it
        if (
            ent.label_ == "ORG"
            and LEGAL_FORM.fullmatch(ent.text.strip())
            and mentions
            and mentions[-1].label == "ORG"
            and not text[mentions[-1].end : ent.start_char].strip(" ,")
        ):
            mentions[-1] = replace(mentions[-1], end=ent.end_char)  # "Chrysler LLC", which the model splits in two
            continue
        if ent.label_ in ("ORG", "GPE", "NORP") and _titled_name(ent):
            ent = Span(doc, ent.start, ent.end, label="PERSON")  # "Chancellor Olaf Scholz", which the model calls an ORG
        elif ent.label_ in ("ORG", "GPE", "NORP", "PERSON") and _opens_with_title(ent):
            # "Congressman Meadows", which the model calls an ORG: a person named after the title, which is a role.
            ent = Span(doc, ent.start + 1, ent.end, label="PERSON")
        name = _clean(ent)
        if name is not None and _DOCUMENT_OF.search(text, max(0, name.start_char - 80), name.start_char):
            continue
        if name is None or name.label_ == "PERSON" and name[0].pos_ in ("ADP", "CCONJ", "SCONJ") and name[0].lower_ in STOP_WORDS:
            continue  # (no person's name opens with a preposition: "Without Borders" is a piece of a longer name)
        if (
            (ent.label_ in ("ORG", "NORP", "FAC", "LOC") or ent.label_ == "PERSON" and (len(name) > 1 or name.text.isupper()))
            and is_country(name.text)
            and not _org_shaped(name)
        ):
            # "Belarus", "Tajikistan": a country is a place whatever the model made of it (GeoNames says so).
            ent = name = Span(doc, name.start, name.end, label="GPE")
        # The mention is the whole noun phrase (MEANTIME and ACE mark "the GAO", "Mr. Lee"); the name is without.
        start = _mention_start(ent, name)
        if ent.label_ in ("ORG", "PERSON", "GPE", "LOC") and _described_as_place(name):
            placed.add(name.start_char)
        elif ent.label_ == "ORG":
            # "German airline Lufthansa": the descriptor belongs to the mention (as MEANTIME and ACE mark it), a
            # place naming it too, and says what the organisation is: its role, as a title is a person's.
            described = _descriptor_start(name, verbs)
            if described < start:
                roles_of[name.start_char].append(text[described : name.start_char].strip())
                start = described
                role_spans.append((described, name.start_char))
        if ent.label_ == "PERSON" and _described_as_org(name):
            described_orgs.add(name.start_char)
        if ent.label_ == "PERSON":
            # A title before the name is a role, not part of the mention ("Vice President Al Gore" is Al Gore):
            # most news annotation (CoNLL, OntoNotes) marks the name alone.
            for role, span in _roles(name):
                roles_of[name.start_char].append(role)
                if _quoted(text, span[0]):
                    quoted_roles.add((name.start_char, role))  # it says who is meant, but is no description to list
                (role_spans if span[1] <= name.start_char else appositions).append(span)
        mentions.append(Mention(start, name.end_char, name.text, ent.label_, name.start_char))
    mentions += _untagged_surnames(doc, mentions)
    mentions += _untagged_repeats(doc, mentions)
    mentions += _untagged_places(doc)
    mentions = _shouted_surnames(doc, mentions)

    # An entity inside a title ("State" in "Secretary of State") is part of the title, not an actor; one that a role
    # in apposition is held at or for is ("Jane Roe, a spokeswoman for the Environment Agency").
    common = _common_words(doc, mentions)
    in_role, in_apposition = _within(role_spans), _within(appositions)
    mentions = [
        m
        for m in mentions
        if not in_role(m.name_start, m.end)
        and not _junk(m)
        and m.text not in common
        and not (in_apposition(m.name_start, m.end) and _in_the_title(doc, m))
    ]
    mentions = _titles_alone(mentions, roles_of)
    # (A title inside a quotation is the speaker's word, and may be anyone's: "The Home Secretary and I".)
    titled = {at: [r for r in rs if (at, r) not in quoted_roles] for at, rs in roles_of.items()}
    groups = _group(mentions, text, titled)
    return _build(doc, groups, roles_of, title_end, described_orgs, quoted_roles, placed)


def _within(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """Whether [start, end) lies inside one of the spans: by bisect over their starts with the furthest end reached
    so far, so a long article's thousands of mentions and titles are not compared pairwise."""
    ordered = sorted(spans)
    starts = [a for a, _ in ordered]
    reach = list(itertools.accumulate((b for _, b in ordered), max))

    def inside(start: int, end: int) -> bool:
        i = bisect.bisect_right(starts, start) - 1
        return i >= 0 and end <= reach[i]

    return inside


def _described_as_org(name: Span) -> bool:
    """A common noun naming a kind of organisation right before the name ("the news weekly Der Spiegel") or right
    after it as what the name qualifies ("Zycie Warszawy daily said")."""
    doc = name.doc
    before = doc[name.start - 1] if name.start > 0 else None
    after = doc[name.end] if name.end < len(doc) else None
    return (
        before is not None
        and before.is_lower
        and before.lemma_ in ORG_NOUNS
        and before.pos_ == "NOUN"
        and before.head.i in range(name.start, name.end)
    ) or (
        after is not None
        and after.is_lower
        and after.lemma_ in ORG_NOUNS
        and after.pos_ == "NOUN"
        and name.root.head.i == after.i
        and name.root.dep_ == "compound"
    )


# Common nouns for a kind of place: "the city of Arbil", "the disputed Nagorno-Karabakh region", "Huize county".
PLACE_NOUNS = {"city", "town", "village", "region", "province", "district", "county", "island", "islands", "port",
               "capital", "enclave", "republic", "state", "territory", "suburb", "valley", "peninsula"}  # fmt: skip


def _described_as_place(name: Span) -> bool:
    """A place noun before the name with "of" ("the city of Arbil", "the island of Spitzbergen") or as its head right
    after it ("the Nagorno-Karabakh region")."""
    doc = name.doc
    of_before = name.start > 1 and doc[name.start - 1].lower_ == "of" and doc[name.start - 2].lower_ in PLACE_NOUNS
    after = doc[name.end] if name.end < len(doc) else None
    head_after = (
        after is not None
        and after.is_lower
        and after.lower_ in PLACE_NOUNS
        and name.root.head.i == after.i
        and name.root.dep_ == "compound"
    )
    return bool(of_before and doc[name.start - 2].is_lower) or head_after


def _org_shaped(name: Span) -> bool:
    return bool(ORG_SUFFIX.search(name.text)) or len(name) > 4


# Verbs people do and products or places do not: speaking, thinking, meeting, deciding.
PERSON_VERBS = {"say", "tell", "add", "ask", "reply", "write", "urge", "warn", "insist", "deny", "believe", "think",
                "argue", "claim", "describe", "accuse", "meet", "visit", "call", "vow", "promise", "hope", "want",
                "admit", "resign", "appoint", "sign", "speak", "agree", "refuse", "order", "decide", "die", "vote"}  # fmt: skip


def _acts(doc: Doc, m: Mention) -> bool:
    """The mention is the subject of a verb people do ("Yeltsin said", "Dole urged"), or owns something ("Yeltsin's")."""
    span = doc.char_span(m.name_start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in PERSON_VERBS or root.dep_ == "poss"


def _untagged_places(doc: Doc) -> list[Mention]:
    """Places the model left untagged: a country by name anywhere ("Chad", "ROMANIA - Press digest"), and a city in
    capitals opening a line (a dateline: "BONN 1996-08-30", "SEOUL, Aug 30")."""
    found = []
    # Whether each token is a capitalised word the model left untagged, read from the arrays in one pass: the loop
    # below makes a Token only where one starts.
    tagged, alpha, title, upper = (token_column(doc, a) for a in (ENT_TYPE, IS_ALPHA, IS_TITLE, IS_UPPER))
    open_word = [not e and a and (ti or u) for e, a, ti, u in zip(tagged, alpha, title, upper, strict=True)]
    i = 0
    while i < len(doc):
        if not open_word[i]:
            i += 1
            continue
        t = doc[i]
        j = i
        while j + 1 < len(doc) and j - i < 2 and open_word[j + 1] and upper[j + 1] == upper[i] and "\n" not in doc[j].whitespace_:
            j += 1
        # The longest run of capitalised words that names a place, from its first word.
        for k in range(j, i - 1, -1):
            span = doc[i : k + 1]
            line_start = i == 0 or "\n" in doc[i - 1].text_with_ws
            if (
                (is_country(span.text) or is_landmark(span.text))
                and (span.text.isupper() or all(x.pos_ == "PROPN" for x in span))
                or span.text.isupper()
                and line_start
                and is_place(span.text)
            ):
                found.append(Mention(span.start_char, span.end_char, span.text, "GPE", span.start_char))
                break
        i = max(i + 1, k + 1) if found and found[-1].start == t.idx else i + 1
    return found


def _quoted(text: str, pos: int) -> bool:
    """Whether `pos` lies inside a quotation of its paragraph: an odd number of straight marks, or more opening curly
    marks than closing ones, before it."""
    para = text[text.rfind("\n", 0, pos) + 1 : pos]
    return para.count('"') % 2 == 1 or para.count("\u201c") > para.count("\u201d")


def _titles_alone(mentions: list[Mention], roles_of: dict[int, list[str]]) -> list[Mention]:
    """ "The Amir" after "Amir Sheikh Tamim bin Hamad Al Thani": a title alone names the one person who holds it."""
    holders: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        for role in roles_of.get(m.name_start, []):
            for word in role.lower().split():
                holders[word].add(m.text)
    out = []
    for m in mentions:
        key = m.text.lower()
        if " " not in key and key in PERSON_TITLES | ROLE_HEADS and len(holders.get(key, ())) == 1:
            m = replace(m, text=next(iter(holders[key])), label="PERSON")
        out.append(m)
    return out


def _with_nicknamed(doc: Doc) -> list[Span]:
    """The model's entities, with Rochelle "Shelly" Sterling one person (the model splits such names every which way)."""
    named = [sp for m in NICKNAMED.finditer(doc_text(doc)) if (sp := doc.char_span(m.start(), m.end(), label="PERSON")) is not None]
    ents = sorted([e for e in doc.ents if not any(e.start < n.end and n.start < e.end for n in named)] + named, key=lambda e: e.start)
    # "Amir Sheikh" + "Tamim bin Hamad Al Thani": two person entities with only a space between are one name.
    joined: list[Span] = []
    for e in ents:
        last = joined[-1] if joined else None
        if last is not None and last.label_ == e.label_ == "PERSON" and last.end == e.start and last[-1].whitespace_ == " ":
            joined[-1] = Span(doc, last.start, e.end, label="PERSON")
        else:
            joined.append(e)
    return joined


# A phone number or a date after a name ("Dublin Newsroom +353 1 676 9779", "Calif 1996-08-30"): never part of it.
_TRAILING_NUMBER = re.compile(r"\+?\d[\d/.-]{2,}")


def _at_seams(ents: list[Span]) -> list[Span]:
    """The model's entities cut where one name ends and another begins: at a parenthesis ("Kurdistan Democratic Party
    (KDP", "Hizbollah (Party of God"), at a spaced dash ("GERMANY - Bunds", a headline's seam) and before a trailing
    number ("Dublin Newsroom +353"). Each piece keeps the entity's label; what follows such a dash is dropped."""
    out: list[Span] = []
    for ent in _acronym_seams(ents):
        doc, start, end = ent.doc, ent.start, ent.end
        while end - start > 1 and _TRAILING_NUMBER.fullmatch(doc[end - 1].text):
            end -= 1
        a = start
        for i in range(start, end + 1):
            t = doc[i] if i < end else None
            if t is not None and t.text in DASHES and _named_before_dash(doc[a:i]):
                out.append(Span(doc, a, i, label=ent.label_))
                break  # what follows the dash is another thing, of a kind the model did not tell ("Gilts", "6mth")
            if t is None or t.text in ("(", ")"):
                if i > a:
                    out.append(Span(doc, a, i, label=ent.label_))
                a = i + 1
    return out


def _acronym_seams(ents: list[Span]) -> list[Span]:
    """An organisation's name the model ran into an acronym after it is two names ("from Congress DHS will need ..."
    is Congress and DHS): a name written in words does not end in capitals unless they are a legal form ("Bayer AG")
    or its own initials."""
    out: list[Span] = []
    for e in ents:
        last = e[-1]
        if (
            e.label_ == "ORG"
            and len(e) > 1
            and len(last.text) >= 3
            and last.is_alpha
            and last.is_upper
            and e[-2].is_title
            and not LEGAL_FORM.fullmatch(last.text)
            and _initials(name_key(e[:-1].text).lower()) != last.lower_
        ):
            out += [Span(e.doc, e.start, e.end - 1, label=e.label_), Span(e.doc, e.end - 1, e.end, label=e.label_)]
        else:
            out.append(e)
    return out


def _named_before_dash(before: Span) -> bool:
    """A spaced dash after a place or a company's full name is a seam ("BRITAIN - Gilts", "Jeans Mate Corp - 6mth");
    inside a name written with spaces ("Wal - Mart") it is not."""
    dash = before.doc[before.end] if before.end < len(before.doc) else None
    return (
        dash is not None
        and bool(dash.whitespace_)
        and bool(before.text_with_ws[-1:].isspace())
        and (is_place(before.text) or bool(LEGAL_FORM.fullmatch(before[-1].text)))
    )


def _in_the_title(doc: Doc, m: Mention) -> bool:
    """ "the Secretary of State", "the State Department Spokesperson": the entity is a word of the title itself, not
    where the title is held ("a Boeing spokesman", "the Prime Minister of Canada", "Vice Chairman of Chrysler")."""
    span = doc.char_span(m.name_start, m.end, alignment_mode="expand")
    if span is None:
        return True
    # One word after "Secretary of", "Minister of" is the title's portfolio: "of State", "of Defence".
    portfolio = (
        len(span) == 1 and span.start > 1 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in ("secretary", "minister")
    )
    return portfolio or any(t.lower_ in PERSON_TITLES for t in span)


def _opens_with_title(ent: Span) -> bool:
    """A title only people hold, then one to three capitalised words ("Congressman Meadows", "President Biden")."""
    words = [t for t in ent[1:] if not t.is_punct]
    return (
        ent[0].is_title
        and ent[0].lower_ in PERSON_TITLES
        and 1 <= len(words) <= 3
        and all(t.is_title and t.is_alpha for t in words)
        and not ORG_SUFFIX.search(ent.text)
        and name_key(ent[1:].text) not in ALIASES
    )


def _titled_name(ent: Span) -> bool:
    """Two or three capitalised words right after a title only people hold ("Chancellor Olaf Scholz") or a role noun
    ("her Indonesian counterpart Retno Marsudi", "State Department spokesman Glyn Davies") name a person."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    words = [t for t in ent if not t.is_punct]
    return (
        before is not None
        and (
            before.is_title and before.lower_ in PERSON_TITLES or before.is_lower and before.pos_ == "NOUN" and before.lower_ in ROLE_HEADS
        )
        and 2 <= len(words) <= 3
        and all(t.is_title and t.is_alpha for t in words)
        and not LEGAL_FORM.search(ent.text)
        and name_key(ent.text) not in ALIASES
    )


def _untagged_surnames(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A person's surname where the model tagged nothing ("Jobs welcomed everyone" after "Steve Jobs"): one actor's
    mentions keep one label across the article."""
    first: dict[str, int] = {}  # surname -> where its full name is first said
    for m in mentions:
        words = m.text.split()
        if m.label == "PERSON" and len(words) > 1:
            first[words[-1]] = min(first.get(words[-1], m.start), m.start)
    # The tagger may read a surname that is also a plural as a noun ("Meadows had held the seat"): capitalised where
    # the article never writes it in lower case and not glued to a word before ("pre-Castro"), it is the surname.
    lower = distinct_words(doc, ORTH, IS_LOWER)
    surnames = {get_string_id(w) for w in first}
    return [
        Mention(t.idx, t.idx + len(t), t.text, "PERSON", t.idx)
        for t in (doc[i] for i, orth in enumerate(token_column(doc, ORTH)) if orth in surnames)
        if not t.ent_type_
        and (t.pos_ == "PROPN" or t.is_title and t.lower_ not in lower and (t.i == 0 or doc[t.i - 1].whitespace_))
        and t.idx > first[t.text]
        and _alone(t)
    ]


def _untagged_repeats(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A one-word organisation the model tagged once and missed elsewhere ("KDP", "Ruch"): the same word, where
    nothing is tagged, is the same actor (one actor, one kind across the article). Longer names are left alone: the
    model's misses there are mostly products named after their maker ("OS X Lion")."""
    names: dict[str, str] = {}
    for m in mentions:
        if m.label == "ORG" and m.text[:1].isupper() and len(m.text) > 1 and " " not in m.text and m.text not in NOT_ACTORS:
            names.setdefault(m.text, m.label)
    if not names:
        return []
    taken = {i for m in mentions for i in range(m.start, m.end)}
    found = []
    pattern = re.compile(r"(?<![\w.&'-])(?:%s)(?![\w&-]|'\w|\.\w)" % "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    for hit in pattern.finditer(doc_text(doc)):
        a, b = hit.span()
        if a in taken or b - 1 in taken:
            continue
        span = doc.char_span(a, b)
        if span is None or any(t.ent_type_ for t in span) or not all(t.pos_ == "PROPN" or not t.is_alpha for t in span):
            continue
        if len(span) == 1 and not _alone(span[0]):
            continue  # part of a longer name the model did not tag
        found.append(Mention(a, b, hit.group(), names[hit.group()], a))
    return found


def _shouted_surnames(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A headline in capitals names people by surname ("BIDEN AND KISHIDA TO MEET"), which the model misses or calls
    an organisation: a word there that begins or ends the full name of a person named elsewhere is that person."""
    # The first word too: "Kishida Fumio" puts the family name first.
    surnames = {
        w.lower() for m in mentions if m.label == "PERSON" and len(m.text.split()) > 1 for w in (m.text.split()[0], m.text.split()[-1])
    }
    # Characters inside the full names the model found: those need no second look.
    named = {i for m in mentions if m.label == "PERSON" and len(m.text.split()) > 1 for i in range(m.start, m.end)}
    found: list[Mention] = []
    for line in re.finditer(r"[^\n]+", doc_text(doc)):
        letters = [c for c in line.group() if c.isalpha()]
        if len(line.group().split()) < 3 or sum(c.islower() for c in letters) > 0.1 * len(letters):
            continue
        for word in re.finditer(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*", line.group()):
            a, b = line.start() + word.start(), line.start() + word.end()
            if word.group().lower() in surnames and a not in named:
                found.append(Mention(a, b, word.group(), "PERSON", a))
    if not found:
        return mentions
    taken = {i for f in found for i in range(f.start, f.end)}
    return [m for m in mentions if not any(i in taken for i in range(m.start, m.end))] + found


def _alone(tok: Token) -> bool:
    """Not part of a longer name ("Space Shuttle Orbiters"), though an honorific may come first ("Mr Key")."""
    doc = tok.doc
    before = doc[tok.i - 1] if tok.i > 0 else None
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return not (before is not None and before.pos_ == "PROPN" and before.lower_ not in HONORIFICS) and not (
        after is not None and after.pos_ == "PROPN"
    )


def _product_names(doc: Doc) -> tuple[set[str], set[str]]:
    """What the article itself says of its names (one name, one kind): those it uses as an organisation's somewhere
    (an ORG entity that names no product there: "Pfizer said", "a Pfizer spokesman", "Pfizer Inc") and those the
    model tags as products anywhere."""
    as_org: set[str] = set()
    products: set[str] = set()
    for ent in doc.ents:
        name = _bare(ent.text)
        if ent.label_ == "PRODUCT":
            products.add(name)
        elif ent.label_ == "ORG" and _acts_as_organisation(ent):
            as_org.add(name)
            words = name.split()
            if len(words) > 1 and LEGAL_FORM.fullmatch(words[-1]):
                as_org.add(" ".join(words[:-1]))  # "Pfizer Inc" names "Pfizer" too
    return as_org, products


# What organisations do, beside what people do: a product does not announce, hire or buy.
ORG_VERBS = {"announce", "report", "plan", "hire", "acquire", "buy", "employ", "invest", "confirm", "sue", "state"}


def _acts_as_organisation(ent: Span) -> bool:
    """The name is used as an organisation's here: with a legal form ("Pfizer Inc"), as the subject of a verb people
    or organisations do ("Pfizer said"), owning something ("Pfizer's vaccine"), qualifying a role ("a Pfizer
    spokesman") or described in apposition as a kind of organisation ("Pfizer, the drug maker")."""
    doc, root = ent.doc, ent.root
    nxt = doc[ent.end] if ent.end < len(doc) else None
    return (
        bool(LEGAL_FORM.fullmatch(ent[-1].text))
        or nxt is not None
        and bool(LEGAL_FORM.fullmatch(nxt.text))
        or root.dep_ == "nsubj"
        and root.head.lemma_ in PERSON_VERBS | ORG_VERBS
        or root.dep_ == "poss"
        or root.dep_ == "compound"
        and root.head.i >= ent.end
        and root.head.lower_ in ROLE_HEADS
        or any(c.dep_ == "appos" and (c.lemma_ in ORG_NOUNS or c.lemma_.endswith("maker")) for c in root.children)
    )


def _bare(text: str) -> str:
    return text.strip().removeprefix("the ").removeprefix("The ")


def _model_numbered(ent: Span) -> bool:
    """'Airbus A330', 'Boeing 787': a maker's name before a model number, inside the entity ('Rolls-Royce Trent 900')
    or just after it."""
    doc = ent.doc
    last = ent[-1] if len(ent) > 1 else None
    nxt = doc[ent.end] if ent.end < len(doc) else None
    return any(t is not None and MODEL_NUMBER.fullmatch(t.text) for t in (last, nxt))


def _product_noun(ent: Span) -> Token | None:
    """The kind of product a name qualifies ("laptops" in "the MacBook Air laptops", "drug" in "the Pfizer drug")."""
    head = ent.root
    while head.dep_ in ("compound", "conj") and head.head.i >= ent.end and head.head.pos_ == "PROPN":
        head = head.head  # "Mac OS X operating system": through the product's own name to its noun
    if head.dep_ == "conj" and head.head.i < ent.start:
        head = head.head  # "the Falcon and Territory models": the noun the first of them qualifies
    noun = head.head
    if head.dep_ in ("compound", "nmod") and noun.i >= ent.end and noun.pos_ == "NOUN" and noun.lemma_.lower() in PRODUCT_NOUNS:
        return noun
    return None


def _names_a_product(ent: Span, as_org: set[str], products: set[str]) -> bool:
    """'Airbus A330', 'Boeing 787': a maker's name before a model number names the product, not the maker. A name
    qualifying a kind of product names either: the product ('the MacBook Air laptops', 'the Mac OS X operating
    system', 'Apple's iPad tablet') or its maker ('the Pfizer drug', 'a Boeing system', 'Intel processors', which
    MEANTIME marks as organisations). It is the maker's where the article names it as an organisation elsewhere or
    its name is shaped like one ('the General Motors model'); the product's where the model tags it a product
    elsewhere, or its name is of two words or more, or the product has its own owner ('its iPad tablet', 'Google's
    Android operating system'); a lone word is the maker's ('the Toyota model')."""
    if ent.label_ != "ORG":
        return False
    if _model_numbered(ent):
        return True
    noun = _product_noun(ent)
    if noun is None:
        return False
    name = _bare(ent.text)
    if name in products:
        return True
    return name not in as_org and not ORG_SUFFIX.search(name)


def _descriptor_start(name: Span, verbs: set[str]) -> int:
    """'aircraft manufacturer Boeing', 'German magazine Der Spiegel': a common-noun descriptor right before an
    organisation's name is part of the mention; not after another name ('Airbus parent EADS') or across a line, nor
    a word the article uses as a verb, which the tagger took for a noun before a name ("to set sunset Social Security"
    after "to sunset Medicare": no kind of organisation)."""
    doc = name.doc
    i = name.start
    while i > 0 and doc[i - 1].head.i in range(name.start, name.end) and doc[i - 1].dep_ in ("compound", "amod", "nmod"):
        i = min(doc[i - 1].left_edge.i, i - 1)
    run = list(doc[i : name.start])
    for k in range(len(run) - 1, -1, -1):
        if "\n" in run[k].text_with_ws:
            run = run[k + 1 :]  # a descriptor never runs across a line break (a dateline before it)
            break
    det = run[0] if run and run[0].lower_ == "the" else None
    words = run[1:] if det is not None else run
    # "United States airframer Boeing": a place or nationality may open the descriptor, never end it.
    j = 0
    while j < len(words) and (words[j].ent_type_ in ("GPE", "NORP") or (j and words[j].tag_ == "POS" and words[j - 1].ent_type_)):
        j += 1
    if (
        not words
        or words[-1].pos_ != "NOUN"
        or words[-1].lower_ in verbs
        or j == len(words)
        or any(t.ent_type_ in ("GPE", "NORP", "ORG", "PERSON", "LOC", "FAC", "DATE", "CARDINAL") for t in words[j:])
        or (run[0].i > 0 and doc[run[0].i - 1].pos_ == "PROPN")
    ):
        return name.start_char
    return words[0].idx  # (without its determiner, as the name's own mention)


def _mention_start(ent: Span, name: Span) -> int:
    """Where the mention starts: at an honorific inside the entity or right before the name, or at a "The" that is a
    word of the name itself ("The Hague", capitalised where a sentence does not start). A determiner is not part of
    the mention ("the GAO" is the mention "GAO"), as CoNLL and OntoNotes mark names and the model tags them."""
    doc = ent.doc
    i = min(ent.start, name.start)
    while i < name.start and not _named_article(doc[i]) and doc[i].lower_ not in HONORIFICS:
        i += 1
    before = doc[name.start - 1] if name.start > 0 else None
    # "Mr. Lee" but not "Mr. Lee's office": the honorific must belong to the name itself.
    if (
        i == name.start
        and before is not None
        and (before.lower_ in HONORIFICS or _named_article(before))
        and name.start <= before.head.i < name.end
    ):
        i = name.start - 1
    return doc[i].idx if i < name.start else name.start_char


def _named_article(t: Token) -> bool:
    """ "The" capitalised where no sentence or line starts: a word of the name ("The Hague"), not a determiner."""
    doc = t.doc
    return t.text == "The" and not t.is_sent_start and t.i > 0 and "\n" not in doc[t.i - 1].text_with_ws


def _clean(ent: Span) -> Span | None:
    """The name itself: without determiners, honorifics, edge punctuation or a possessive ending."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (
        doc[start].lower_ in ("the", "a", "an")
        or doc[start].lower_ in HONORIFICS
        or doc[start].is_punct
        or doc[start].pos_ == "VERB"
        and doc[start].lower_ in INVERTED_VERBS
        or ent.label_ == "PERSON"
        and end - start > 2
        and doc[start].lower_ in PERSON_TITLES | {"sheikh"}
    ):
        start += 1  # (a title the model took into a person's name is a role: "Amir Sheikh Tamim bin Hamad Al Thani")
    while end > start and (
        doc[end - 1].tag_ == "POS"
        or doc[end - 1].is_punct
        and doc[end - 1].text not in (".",)
        or end - start > 1
        and doc[end - 1].is_lower
        and doc[end - 1].pos_ == "NOUN"
    ):
        end -= 1  # "Interfax news agency": a name ends with a name's word, not a common noun after it
    return Span(doc, start, end, label=ent.label_) if end > start else None


def _junk(m: Mention) -> bool:
    text = m.text
    if len(text) < 2 or not any(c.isalpha() for c in text) or not text[0].isupper() and not text[0].isdigit():
        return True
    if m.label == "NORP" and "-" in text:
        return True  # "Sino-U.S." describes a relation, not an actor
    words = text.split()
    if (
        len(words) == 1
        and text.lower() in STOP_WORDS
        and name_key(text) not in ALIASES
        or len(words) > 1
        and words[-1].lower() in _CUT_ENDS
    ):
        return True  # "FURTHER" opening a sentence; "the Mutual Defense Treaty Between", cut mid-way
    if re.search(r"['\u2019]s? [a-z]", text):
        return True  # "Bloomberg's days": a possessive phrase, not a name
    if text.rstrip(".") in NAME_SUFFIXES:
        return True  # "Jr.", "III": the end of a name, not one
    return "\n" in text or bool(DOCUMENT_NAME.search(text))


NAME_SUFFIXES = {"Jr", "Sr", "JR", "SR", "II", "III", "IV"}


def _common_words(doc: Doc, mentions: list[Mention]) -> set[str]:
    """One-word names that are only ever capitalised where any word would be (opening a sentence or a line in
    capitals) and that the article writes in lower case elsewhere: "Turnout", "Super" are words, not actors."""
    lower = distinct_words(doc, ORTH, IS_LOWER)
    starts: dict[str, bool] = {}
    for m in mentions:
        if " " in m.text or m.text.lower() not in lower:
            continue
        span = doc.char_span(m.name_start, m.end)
        where = span is not None and (span[0].is_sent_start or span[0].i > 0 and "\n" in doc[span[0].i - 1].text_with_ws)
        starts[m.text] = starts.get(m.text, True) and where
    return {w for w, only_at_start in starts.items() if only_at_start}


def _roles(ent: Span) -> list[tuple[str, tuple[int, int]]]:
    """Titles written before a name ("Vice President Al Gore") or in apposition ("Jake Sullivan, the adviser")."""
    doc = ent.doc
    found = []
    i = ent.start - 1
    run: list[Token] = []
    while i >= 0:
        t = doc[i]
        if (
            t.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERSON")
            and t.lower_ not in PERSON_TITLES | {"sheikh"}
            and not (t.ent_type_ == "ORDINAL" and t.is_alpha and t.is_title and t.head.i > t.i)
        ):
            break  # (a title the model took into the name is still a title, and so is an ordinal opening one: "First Lady")
        if (
            t.is_title
            or t.is_upper
            and len(t) > 1
            or (t.lower_ in _CONNECTIVES and run)
            or (t.pos_ == "NOUN" and t.is_lower and t.lower_ in ROLE_HEADS)
        ):
            run.insert(0, t)
            i -= 1
            continue
        break
    # A title is nouns and adjectives: "Transport Secretary", "Prime Minister" opening a sentence stay whole, while
    # "Because Judge" loses its conjunction, and "Q When President" all before the last word that is no title word.
    run = run[max((k + 1 for k, t in enumerate(run) if t.lower_ not in _CONNECTIVES and not _title_word(t)), default=0) :]
    while run and (
        run[0].lower_ in _CONNECTIVES
        or run[0].lower_ in _LEADING_DROP
        or run[0].ent_type_ in ("GPE", "NORP", "ORG", "FAC", "LOC")
        and run[0].lower_ not in ROLE_HEADS
        and not _portfolio(run)
        or run[0].pos_ not in ("NOUN", "PROPN", "ADJ")
    ):
        run.pop(0)
    if run and any(t.lower_ in ROLE_HEADS for t in run) and doc[run[0].i : ent.start].text.strip():
        span = doc[run[0].i : ent.start]
        # A courtesy title after an office is the name's, not the office's: "First Lady Dr. Biden" is the First Lady.
        end = len(run)
        while end > 1 and run[end - 1].lower_ in COURTESY_TITLES:
            end -= 1
        found.append((doc[run[0].i : run[end - 1].i + 1].text, (span.start_char, span.end_char)))
    for child in ent.root.children:
        if child.dep_ == "appos" and child.i >= ent.end and child.pos_ in ("NOUN", "PROPN") and child.ent_type_ != "PERSON":
            sub = [
                t
                for t in child.subtree
                if t.dep_ not in ("det", "poss", "case", "punct") and not (t.ent_type_ and t.i < child.i and t.dep_ == "poss")
            ]
            if sub and any(t.lower_ in ROLE_HEADS for t in sub) and len(sub) <= 8:
                span = doc[sub[0].i : sub[-1].i + 1]
                found.append((span.text, (span.start_char, span.end_char)))
    return found


def _title_word(t: Token) -> bool:
    """A word a title is made of: a noun, proper noun or adjective; never a wh-word ("When"), a subordinating
    conjunction or adverb, nor a letter alone (a transcript's "Q" label)."""
    return t.pos_ in ("NOUN", "PROPN", "ADJ") and t.tag_ not in ("WRB", "WP", "WDT", "WP$") and (len(t.text) > 1 or not t.is_alpha)


# Titles that take a portfolio before them ("Transport Secretary", "Veterans Affairs Secretary", "Trade Commissioner").
_PORTFOLIO_TITLES = {"minister", "secretary", "commissioner"}


def _portfolio(run: list[Token]) -> bool:
    """The organisation the model tagged at the start of a title is the title's portfolio ("Transport" of "Transport
    Secretary", "Veterans Affairs" of "Veterans Affairs Secretary"), when the title takes one and the name is not
    shaped like an organisation of its own ("the Foreign Ministry spokesman", "Apple CEO": where the title is held)."""
    if run[0].ent_type_ != "ORG" or not any(t.lower_ in _PORTFOLIO_TITLES for t in run):
        return False
    k = 1
    while k < len(run) and run[k].ent_type_ == "ORG" and run[k].ent_iob_ == "I":
        k += 1
    return not ORG_SUFFIX.search(" ".join(t.text for t in run[:k]))


def _group(mentions: list[Mention], text: str, roles_of: dict[int, list[str]]) -> list[list[Mention]]:
    """Merge mentions of one actor: same name, known aliases, surnames, acronyms, qualified names."""
    groups: dict[str, list[Mention]] = {}
    first_line = text.find("\n", 0, len(text.rstrip()))
    headline_end = first_line if first_line > 0 else 0  # the first line of several is the headline
    for m in mentions:
        k = ALIASES.get(name_key(m.text), name_key(m.text)).lower()
        groups.setdefault(k, []).append(m)
    persons = {k for k, ms in groups.items() if any(m.label == "PERSON" for m in ms)}

    def merge(src: str, dst: str) -> None:
        groups[dst].extend(groups.pop(src))

    # Candidates are looked up by word, initials and word-suffix, not by comparing every name with every other,
    # so a long text with thousands of names stays linear; the checks and their order are the pairwise ones.
    by_end_word: dict[str, list[str]] = {}
    for p in persons:
        words = p.split()
        if len(words) > 1:
            for w in dict.fromkeys((words[-1], words[0])):
                by_end_word.setdefault(w, []).append(p)
    by_inner_word: dict[str, list[str]] = {}  # "ericsson" -> ["lm ericsson ab"]: organisations named in full with a legal form
    for o in groups:
        words = o.split()
        if len(words) > 1 and LEGAL_FORM.fullmatch(groups[o][0].text.split()[-1]):
            for w in dict.fromkeys(words[:-1]):
                by_inner_word.setdefault(w, []).append(o)
    # A surname (or the first name alone) refers to the one fuller person name it ends with.
    for k in sorted(groups, key=lambda k: len(k.split())):
        if k not in groups or len(k.split()) > 1:
            continue
        # (A headline names people and companies by a short form before the text names them in full: "Ericsson says
        # wins order", then "LM Ericsson AB said"; so does a line in capitals.)
        first_seen = min((m.start for m in groups[k] if m.start >= headline_end and not text[m.start : m.end].isupper()), default=len(text))
        # News names a person in full first; a fuller name seen only later is someone else ("Hunter Biden").
        fuller = [p for p in by_end_word.get(k, ()) if p in groups and p != k and min(m.start for m in groups[p]) < first_seen]
        if len(fuller) == 1:
            # A mention whose title says another person ("First Lady Dr. Biden" after "President Joe Biden") stays apart.
            held = [r for m in groups[fuller[0]] for r in _titles_given(m, text, roles_of)]
            apart = [m for m in groups[k] if _another_person(_titles_given(m, text, roles_of), held)]
            groups[k] = [m for m in groups[k] if m not in apart]
            merge(k, fuller[0])
            if apart:
                groups[k] = apart
            continue
        # A company's short name ("Magna" after "Magna International Inc", "Ericsson" after "LM Ericsson AB") is the
        # company, whatever the model called it: the one organisation named in full by a legal form.
        companies = [o for o in by_inner_word.get(k, ()) if o in groups and o != k and min(m.start for m in groups[o]) < first_seen]
        if len(companies) == 1 and all(m.label in ("ORG", "PERSON") for m in groups[k]):
            merge(k, companies[0])
    order = {k: i for i, k in enumerate(groups)}
    by_initials: dict[str, list[str]] = {}
    by_suffix: dict[str, list[str]] = {}  # "state department" -> ["u.s. state department"]: what other.endswith(" " + k)
    for other in groups:
        by_initials.setdefault(_initials(other), []).append(other)
        for i, ch in enumerate(other):
            if ch == " ":
                by_suffix.setdefault(other[i + 1 :], []).append(other)
    # An acronym names the organisation whose initials it spells; "State Department" the "U.S. State Department".
    for k in list(groups):
        if k not in groups:
            continue
        candidates = sorted({*by_initials.get(k.replace(".", ""), ()), *by_suffix.get(k, ())}, key=order.__getitem__)
        for other in candidates:
            if other == k or other not in groups or k not in groups:
                continue
            if _initials(other) == k.replace(".", "") and len(k) >= 2 and groups[k][0].text.isupper():
                merge(k, other)
            elif (
                len(other.split()) > len(k.split()) >= 2
                and other.endswith(" " + k)
                and groups[k][0].label == groups[other][0].label
                and (is_place(other[: -len(k)].strip()) or name_key(other[: -len(k)].strip()) in ALIASES)
            ):
                merge(
                    k, other
                )  # "State Department" is the "U.S. State Department", "National Guard" not the "Delaware Army National Guard"
    # "the Commission" after "the European Commission": one organisation's last word, when only one ends with it
    # ("the House" is not the White House).
    for k in [k for k in groups if len(k.split()) == 1 and k != "house" and all(m.label == "ORG" for m in groups[k])]:
        first_seen = min(m.start for m in groups[k])
        fuller = [
            o
            for o in by_suffix.get(k, ())
            if o in groups and o != k and groups[o][0].label == "ORG" and min(m.start for m in groups[o]) < first_seen
        ]
        if len(fuller) == 1:
            merge(k, fuller[0])
    return list(groups.values())


# Titles that say a person's gender, the offices titles name (each written in full), and abbreviations of titles.
_FEMALE_TITLES = {"mrs", "ms", "miss", "lady", "dame", "madam", "madame", "queen", "princess", "congresswoman", "chairwoman", "spokeswoman"}
_MALE_TITLES = {"mr", "sir", "lord", "king", "prince", "congressman", "chairman", "spokesman", "gentleman"}
_SPELLED_OUT = {"sen": "senator", "gov": "governor", "rep": "representative", "congressman": "representative",
                "congresswoman": "representative", "gen": "general", "adm": "admiral", "col": "colonel"}  # fmt: skip
_OFFICES = {_SPELLED_OUT.get(w.rstrip("."), w.rstrip(".")) for w in PERSON_TITLES - HONORIFICS} - {"dr", "prof", "professor"}


def _titles_given(m: Mention, text: str, roles_of: dict[int, list[str]]) -> list[str]:
    """The roles given with a mention, and the courtesy title it opens with ("Mrs." of "Mrs. Macron")."""
    return [*roles_of.get(m.name_start, ()), text[m.start : m.name_start]]


def _title_words(roles: list[str]) -> set[str]:
    words = {w.rstrip(".") for r in roles for w in re.split(r"[\s-]+", r.lower()) if w}
    return {_SPELLED_OUT.get(w, w) for w in words}


def _another_person(roles: list[str], held: list[str]) -> bool:
    """Whether titles given with a surname say someone else than the titles the full name holds: a courtesy title of
    another gender ("Mrs." where the full name is "Mr."), or a different office ("First Lady" where it is "President")."""
    mine, theirs = _title_words(roles), _title_words(held)
    genders = [{g for g, titles in (("f", _FEMALE_TITLES), ("m", _MALE_TITLES)) if words & titles} for words in (mine, theirs)]
    if len(genders[0]) == 1 and len(genders[1]) == 1 and genders[0] != genders[1]:
        return True
    # (An office is "First Lady", "Second Gentleman": a courtesy title alone, "Lady Thatcher", names no office.)
    offices = [words & _OFFICES | ({"lady", "gentleman"} & words if len(words) > 1 else set()) for words in (mine, theirs)]
    return bool(offices[0] and offices[1] and not offices[0] & offices[1])


_SMALL_WORDS = {"of", "for", "and", "the", "to", "on", "at", "in"}


def _unshouted(role: str) -> str:
    """A role written in capitals in title case ("PRIME MINISTER OF JAPAN" is "Prime Minister of Japan", "SEN." is
    "Sen."), but an acronym stays one ("CEO", "MP", "US Ambassador", "U.S. Envoy")."""

    def word(w: str) -> str:
        if w.lower() in _SMALL_WORDS:
            return w.lower()
        return w if len(w) <= 3 and "." not in w or "." in w.rstrip(".") else w.capitalize()

    return " ".join(word(w) for w in role.split())


def _initials(key: str) -> str:
    words = [w for w in re.split(r"[\s-]+", key) if w and w not in ("of", "and", "the", "for", "&")]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _build(
    doc: Doc,
    groups: list[list[Mention]],
    roles_of: dict[int, list[str]],
    title_end: int,
    described_orgs: set[int],
    quoted_roles: set[tuple[int, str]],
    placed: set[int],
) -> ActorIndex:
    n_chars = max(len(doc_text(doc)), 1)
    # First words of the organisations' fuller names ("AirTran" of "AirTran Airways"): a short form takes the full
    # name's kind.
    org_heads = {
        ms[0].text.split()[0] for ms in groups if len(ms[0].text.split()) > 1 and Counter(m.label for m in ms).most_common(1)[0][0] == "ORG"
    }
    scored = []
    for ms in groups:
        ms = sorted(set(ms), key=lambda m: m.start)
        labels = Counter(m.label for m in ms)
        forms = [m.text for m in ms]
        canonical = ALIASES.get(name_key(forms[0]))
        # The fullest form names the actor, but not one in capitals ("JOSEPH R. BIDEN JR." signing a proclamation).
        name = canonical or max(forms, key=lambda f: (not f.isupper(), len(f.split()), len(f), -forms.index(f)))
        if canonical:
            kind: ActorKind = "organization" if canonical in ALIAS_ORGANIZATIONS else "place"
        elif is_landmark(name):
            kind = "place"  # "the White House said": the building speaks for the presidency, and is a place
        elif is_country(name) and not labels["PERSON"]:
            kind = "place"  # "the West Bank": GeoNames' word outweighs a name's last word ("Bank")
        elif any(m.name_start in placed for m in ms) and not ORG_SUFFIX.search(name) and not any(roles_of.get(m.name_start) for m in ms):
            kind = "place"  # "the city of Arbil" once: Arbil is a place wherever the article names it
        elif (
            ORG_SUFFIX.search(name)
            or any(m.name_start in described_orgs for m in ms)
            and not any(roles_of.get(m.name_start) or _acts(doc, m) for m in ms)
        ):
            # "Douglas Aircraft", "Saturn Corporation": the name says what it is; "the news weekly Der Spiegel": the
            # words around one of its mentions do.
            kind = "organization"
        elif labels["ORG"] and labels["GPE"] + labels["LOC"] and not labels["PERSON"] and not is_place(name):
            kind = "organization"  # "Nvidia chief executive" (GPE), "Nvidia shares" (ORG): GeoNames knows no such place
        else:
            kind = "person" if labels["PERSON"] else LABEL_KIND[labels.most_common(1)[0][0]]
        if (
            kind == "person"
            and all(" " not in f for f in forms)
            and not any(roles_of.get(m.name_start) for m in ms)
            and not any(m.start < m.name_start for m in ms)
        ):
            # A lone capitalised word the model calls a person, never given a first name or a title: what its other
            # mentions say it is ("Ryanair": three organisations, two persons), else nothing we can vouch for.
            others = [label for label, _ in labels.most_common() if label != "PERSON"]
            if others:
                kind = LABEL_KIND[others[0]]
            elif is_country(name):
                kind = "place"  # "Georgia", with no one of that name about
            elif name.isupper() or not any(_acts(doc, m) for m in ms):
                kind = "other"

        if (
            kind in ("place", "person", "other")
            and name in org_heads
            and not is_place(name)
            and not any(roles_of.get(m.name_start) or m.name_start in placed for m in ms)
        ):
            # The model's GPE or PERSON for a short form that neither GeoNames nor the article calls a place.
            kind = "organization"
        aliases = sorted({f for f in forms if f != name}, key=forms.index)
        roles: list[str] = []
        for m in ms:
            for r in roles_of.get(m.name_start, []):
                if (m.name_start, r) in quoted_roles:
                    continue
                r = _unshouted(r) if r.isupper() else r  # "MINISTER" in a transcript's speaker line
                if r.lower() not in (x.lower() for x in roles):
                    roles.append(r)
        # "Minister" says less than "Prime Minister": a role that ends another is not listed again.
        roles = [r for r in roles if not any(o != r and o.lower().endswith(" " + r.lower()) for o in roles)]
        # Salience: mentions count, and early mentions (headline, lead) count more.
        weight = sum(1.0 + (1.0 if m.start < title_end else 0.0) + max(0.0, 1.0 - m.start / (0.3 * n_chars)) for m in ms)
        weight *= {"person": 1.2, "organization": 1.1, "place": 1.0, "group": 0.6}.get(kind, 0.5)
        scored.append((weight, name, kind, tuple(aliases), tuple(roles), ms))
    scored.sort(key=lambda x: (-x[0], x[5][0].start))
    total = sum(s[0] for s in scored) or 1.0
    actors = []
    by_span: dict[tuple[int, int], str] = {}
    for n, (weight, name, kind, alias_names, role_names, ms) in enumerate(scored, start=1):
        actor_id = f"a{n}"
        spans = tuple((m.start, m.end) for m in ms)
        actors.append(Actor(actor_id, name, kind, alias_names, role_names, len(ms), spans, round(weight / total, 4)))
        for sp in spans:
            by_span[sp] = actor_id
    return ActorIndex(tuple(actors), by_span)
