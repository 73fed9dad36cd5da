"""Undated next steps: which words of a clause are its own, and which of its verbs tell further steps of one sentence."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Token

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
