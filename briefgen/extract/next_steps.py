"""Undated next steps: which words of a clause are its own, and which of its verbs tell further steps of one sentence."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from spacy.tokens import Token

from ..model import Timex

# Clauses that describe a noun rather than tell what the verb's subject does: "launch a track that will meet annually",
# "hold a summit to be held in June" give the track's habit, or the noun's own time, not the launch's.
_DESCRIBING = ("relcl", "acl")


def own_clause(verb: Token) -> Iterator[Token]:
    """The tokens of a verb's clause, without the clauses that describe one of its nouns ("a new track that will
    meet annually": "annually" is the track's habit, not the launch's) or a coordinated verb's own words."""
    stack = [verb]
    while stack:
        tok = stack.pop()
        yield tok
        stack.extend(c for c in tok.children if c.dep_ not in _DESCRIBING and not (c.dep_ == "conj" and c.pos_ == "VERB"))


def further_step(verb: Token, taken: set[int]) -> bool:
    """Whether a verb is a further step of a next step already listed in its sentence: coordinated with it ("we will
    hold the first meeting ... as well as launch a new track"), each a happening of its own."""
    node = verb
    while node.dep_ == "conj" and node.head != node:
        node = node.head
        if node.i in taken:
            return True
    return False


def going_to(verb: Token) -> bool:
    """A present "is going to" carries the verb as a "will" does ("we are going to be having a meeting", "I'm going to
    meet with China"); "was going to" is a plan told in the past, which the tense check leaves out."""
    head = verb.head
    return (
        verb.dep_ == "xcomp"
        and head != verb
        and head.lemma_ == "go"
        and head.tag_ == "VBG"
        and any(c.lower_ == "to" for c in verb.children)
        and any(
            c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") and (c.lemma_ == "be" or c.lower_.replace("\u2019", "'") in _BE)
            for c in head.children
        )
    )


_BE = {"'m", "'re", "'s"}  # the model leaves "I\u2019m" unlemmatised with a curly apostrophe


_PLANNING = {"plan", "intend", "schedule", "set", "slate"}
# Verbs that undo a plan: "planned to build the plant next year but scrapped the project", "the rally was called off".
UNDOING = {"cancel", "scrap", "drop", "abandon", "shelve", "ditch", "withdraw", "postpone", "suspend", "halt"}


def undone(planning: Token, planned: Token) -> bool:
    """Whether a plan is told as given up: denied ("did not plan to") or undone by another verb of its sentence
    ("planned to stage a strike, but called it off"; the planned verb itself is not one: "planned to drop the
    charges"). A past perfect alone does not undo it: after "said" it is the reported tense ("she said leaders had
    agreed to put together a plan by March")."""
    if any(c.dep_ == "neg" for c in planning.children):
        return True
    return any(
        t.pos_ == "VERB" and t.i != planned.i and (t.lemma_ in UNDOING or t.lemma_ == "call" and any(c.lower_ == "off" for c in t.children))
        for t in planning.sent
    )


def past_plan(verb: Token) -> bool:
    """A plan told in the past of a step the article gives no date for ("the campaign planned to stage a protest",
    "the vote was scheduled to take place"): still ahead at publication, unless told as overtaken ("had planned") or undone (`undone`)."""
    head = verb.head
    if verb.dep_ != "xcomp" or head == verb or head.lemma_ not in _PLANNING or not any(c.lower_ == "to" for c in verb.children):
        return False
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    past = head.tag_ == "VBD" or head.tag_ == "VBN" and any(a.tag_ == "VBD" and a.lemma_ == "be" for a in auxes)
    # "had planned to" without a date is a plan since overtaken, as often as not: not listed
    return past and not any(a.lemma_ == "have" for a in auxes) and not undone(head, verb)


def planned_happening(verb: Token, names_happening: Callable[[Token], bool]) -> Token | None:
    """The happening a plan told in the past is for: its verb, if it names a kind of happening, or the purpose it
    serves ("planned to bus in supporters to stage a protest": the protest); None when it names none ("planned to
    revitalize ticket sales") or is no past plan."""
    if not past_plan(verb):
        return None
    if names_happening(verb):
        return verb
    return next((c for c in verb.children if c.dep_ == "advcl" and any(a.lower_ == "to" for a in c.children) and names_happening(c)), None)


def shared_clause(verb: Token) -> Iterator[Token]:
    """The words of the clauses a coordinated verb shares its frame with: "At least annually, foreign ministers will
    meet ...; defense ministers will meet ...": the habit opening the first is the second's too."""
    node = verb
    while node.dep_ == "conj" and node.head != node:
        node = node.head
        yield from (t for t in own_clause(node) if t.i < verb.i)


# Time expressions that put a step just ahead without a day: "soon", "shortly", "in the coming weeks", "in the near
# future"; not "in the future" or "in the coming years", which tell an aim as often as a step.
_NEAR = re.compile(r"(?:very )?soon|shortly|(?:the )?coming (?:days|weeks|months)|(?:the )?near (?:future|term)", re.IGNORECASE)


def near_term(t: Timex, before: str) -> bool:
    """Whether an expression says a step comes shortly, without a day: "soon", "in the coming weeks", "in the near
    future" (FUTURE_REF), or a count of days or weeks from now left vague ("within the next several days", "in just a
    few weeks' time"); `before` is the article's text before it ("as soon as possible" is a wish, "in recent weeks"
    and "over the past few days" look back)."""
    last = before.split()[-1].lower() if before.split() else ""
    if t.value == "FUTURE_REF":
        return last != "as" and _NEAR.fullmatch(t.text.strip()) is not None
    return (
        t.type == "DURATION"
        and t.value in ("PXD", "PXW")
        and re.search(r"\b(?:in|within)(?: just| only)?$", before.rstrip(), re.IGNORECASE) is not None
        and not re.search(r"\b(?:recent|past|last)\b", t.text, re.IGNORECASE)
    )


def comes_shortly(verb: Token, near: set[int]) -> bool:
    """Whether a near-term expression (`near_term`, its tokens in `near`) times the verb's own clause ("India will
    soon open new consulates", "plans to make the records available soon") or the clause that carries it ahead ("In
    the coming weeks, the United States is going to make ... available"): a step someone says is coming shortly is a
    next step, whatever its verb."""
    if not near:
        return False  # most articles say nothing is coming shortly: no clause to read
    if any(t.i in near for t in own_clause(verb)):
        return True
    node = verb
    for _ in range(3):
        head = node.head
        if node.dep_ not in ("xcomp", "aux") or head == node:
            return False
        if any(t.i in near for c in head.children if c.dep_ in ("prep", "advmod", "npadvmod") for t in c.subtree):
            return True
        node = head
    return False


def says_what(verb: Token) -> bool:
    """Whether a verb takes something after it (an object, a place, a further verb): "will soon open new consulates",
    not a bare "he'll be coming soon", which names no step an analyst could write down."""
    return any(
        c.i > verb.i and c.dep_ in ("dobj", "dative", "prep", "xcomp", "ccomp", "prt", "attr", "oprd", "acomp") for c in verb.children
    )


def awaited(verb: Token) -> bool:
    """A step the speaker says they look forward to ("I look forward to signing the omnibus bill soon", "we look
    forward to welcoming Sweden as NATO's 32nd Ally in the near future"), in the present and not denied: with a
    near-term expression (`comes_shortly`) it is announced, not merely hoped for."""
    prep = verb.head
    look = prep.head
    return verb.dep_ == "pcomp" and verb.tag_ == "VBG" and prep.lower_ == "to" and look.tag_ in ("VBP", "VBZ") and looks_forward(look)


def worked_toward(verb: Token) -> bool:
    """A step someone says they are working on now with a named partner ("we're working with Congress to designate
    Kenya a major non-NATO ally", "I'll be working with the Senate to pass the bill"): the partner makes it a step
    under way, not an aim ("we are working to advance a shared agenda" names no one to take it with)."""
    work = verb.head
    if verb.dep_ not in ("xcomp", "advcl") or work == verb or work.lemma_ != "work" or not any(c.lower_ == "to" for c in verb.children):
        return False
    auxes = [a for a in work.children if a.dep_ == "aux"]
    # "we're working", "I'll be working"; not "was working", a step of the past
    ongoing = (
        work.tag_ == "VBG"
        and any(a.lemma_ == "be" or a.lower_.replace("\u2019", "'") in _BE for a in auxes)
        and not any(a.tag_ == "VBD" for a in auxes)
    )
    partner = any(
        c.dep_ == "prep" and c.lower_ == "with" and any(p.dep_ == "pobj" and p.pos_ == "PROPN" for p in c.children) for c in work.children
    )
    return ongoing and partner and not any(c.dep_ == "neg" for c in work.children)


# Adjectives that say of a happening that it is still to come, whatever the tense of the clause naming it: "the
# upcoming election", "a forthcoming report", "the impending vote".
_FORETELLING = {"upcoming", "forthcoming", "impending"}
_UNITS = {"minute", "hour", "day", "week", "month"}  # "days before the debate", "weeks before the vote"
_WILL = {"will", "'ll", "\u2019ll"}  # the future's auxiliary, contracted too, with either apostrophe


def foretold(noun: Token, kinds: set[str]) -> bool:
    """Whether a single happening of a kind the analysts list (`kinds`, by lemma) is named as still to come by the noun
    alone: an adjective that foretells it ("cited the upcoming election", "his opponent in the upcoming gubernatorial
    election"), or "ahead of" it, or days or weeks "before" it, in a present or future clause ("is speaking out ahead
    of the presidential election", "comes just days before her first debate"; not "spoke ahead of the election", which
    may be long past), or someone says now they look forward to it ("we are looking forward to this deployment"). A
    plural names a series ("the upcoming presidential debates and beyond"), not one happening someone can prepare for."""
    if noun.pos_ != "NOUN" or noun.tag_ != "NN":
        return False
    if any(c.dep_ == "amod" and c.lower_ == "forthcoming" for c in noun.children):
        return True  # "its forthcoming concessionality framework": what is forthcoming is about to be released, whatever it is
    if noun.lemma_.lower() not in kinds:
        return False
    if any(c.dep_ == "amod" and c.lower_ in _FORETELLING for c in noun.children):
        return True
    if any(c.dep_ == "relcl" and _told_ahead(c) for c in noun.children):
        return True  # "the vote that you will see on this aid package": a clause about the happening, ahead
    if noun.dep_ != "pobj":
        return False
    if looked_forward_to(noun):
        return True
    of, ahead = noun.head, noun.head.head
    if of.lower_ == "before" and any(c.dep_ == "npadvmod" and c.lemma_ in _UNITS for c in of.children):
        ahead = of  # "comes at an inopportune time, just days before her first debate": a span of time before it, now
    elif of.lower_ != "of" or ahead.lower_ != "ahead" or ahead.head == ahead:
        return False
    verb = ahead.head
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    now_or_later = verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") or a.lower_ in _WILL for a in auxes)
    return (
        verb.pos_ in ("VERB", "AUX")
        and now_or_later
        and not any(a.tag_ == "VBD" for a in auxes)
        and not any(c.dep_ == "neg" for c in verb.children)
    )


def looks_forward(look: Token) -> bool:
    """ "looks forward", "are looking forward": said now and not denied (not "looked forward", "had looked forward")."""
    if look.lemma_ != "look" or not any(c.lower_ == "forward" for c in look.children) or any(c.dep_ == "neg" for c in look.children):
        return False
    auxes = [a for a in look.children if a.dep_ in ("aux", "auxpass")]
    return look.tag_ in ("VBP", "VBZ") or look.tag_ == "VBG" and any(a.tag_ in ("VBP", "VBZ") for a in auxes)


def looked_forward_to(noun: Token) -> bool:
    """A happening someone says they look forward to, named by its noun ("we are looking forward to this deployment")."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "to" and looks_forward(noun.head.head)


def _told_ahead(verb: Token) -> bool:
    """A clause with a "will" of its own, not denied: "that you will see", not "that will not take place"."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(a.lower_ in _WILL for a in auxes) and not any(c.dep_ == "neg" for c in verb.children)


def foretold_phrase(noun: Token) -> set[int]:
    """The words to leave out of a foretold happening's wording: the foretelling adjective and what the parse hangs
    on the noun after it ("the presidential election about the serious problems he has"): "presidential election";
    not who it is with or against (`_OTHER_SIDE`)."""
    out = {c.i for c in noun.children if c.dep_ == "amod" and c.lower_ in _FORETELLING}
    for c in noun.children:
        if c.i > noun.i and not (c.dep_ == "prep" and c.lower_ in _OTHER_SIDE):
            out.update(t.i for t in c.subtree)
    return out


# Prepositions that name the other side of a happening: "her first debate against Donald Trump", "talks with Iran",
# "a summit between the two leaders": who takes part, worth keeping in its wording.
_OTHER_SIDE = {"against", "between", "with"}


def announced(verb: Token) -> bool:
    """A step someone announced ("the White House announced that the United States would end a long-standing
    national emergency"): officially announced, it is arranged (events-guidelines.md: `scheduled`), whatever its verb;
    the "would" or "will" of the announcement's own clause, not an announcement denied, and done by someone it names
    ("announced that we would be opening new embassies", said years on, names no one an analyst could list)."""
    head = verb.head
    return (
        verb.dep_ == "ccomp"
        and head != verb
        and head.lemma_ == "announce"
        and not any(c.dep_ == "neg" for c in head.children)
        and any(c.dep_ in ("aux", "auxpass") and (c.lower_ in _WILL or c.lower_ == "would") for c in verb.children)
        and not any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PRON" for c in verb.children)
    )


def noun_as_verb(tok: Token) -> bool:
    """A present verb the tagger read as a plural noun ("The Clinton campaign plans to employ Mr. Obama", "plans" a
    noun with "campaign" its compound): the parse gives it an infinitive complement (xcomp), which a noun never takes
    (a noun's infinitive describes it: "his plans to cut taxes", acl), and makes it the sentence's root."""
    return tok.tag_ == "NNS" and tok.dep_ == "ROOT" and any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in tok.children)
