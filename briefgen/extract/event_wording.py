"""Upcoming events' wording: who does what to whom ("Albright to visit China"), read from the parse and the article's actors."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Span, Token

from ..model import Actor
from .actors import PERSON_TITLES, ActorIndex
from .next_steps import noun_as_verb
from .nlp import relative_antecedent
from .timexes import FUTURE_GOVERNORS, HOLIDAYS, SCHEDULED, SEASONS

SpeakerAt = Callable[[int], "tuple[str, str | None] | None"]  # who speaks at an offset: name, actor id
SUBJECTS = ("nsubj", "nsubjpass")
# Verbs whose object does what their infinitive says ("directed the Secretary of Commerce to conduct ...").
_DIRECTING = {"direct", "instruct", "task", "order", "authorize", "ask"}
DEICTIC = {"that", "this", "these", "those"}
PERSON_OFFICES = {t for t in PERSON_TITLES if not t.endswith(".")} | {"director", "chair", "chairman", "chairwoman", "leader", "speaker"}


def names_a_kind(span: Span) -> bool:
    """'winter wheat', 'Christmas trees': a lone season or holiday word describing a noun names a kind of thing
    (unless the tense looks ahead, as in 'the summer talks will resume', which the caller checks)."""
    tok = span[0]
    if len(span) != 1 or tok.dep_ not in ("compound", "amod") or tok.head.pos_ != "NOUN":
        return False
    return tok.lower_ in SEASONS or any(re.fullmatch(name, tok.lower_) for name in HOLIDAYS)


def governor(span: Span) -> Token:
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.head == tok:
            break
        # "next year's competition is scheduled ...": a date inside the subject dates what the subject does.
        if tok.pos_ == "NOUN" and tok.dep_ not in ("pobj", "npadvmod", "compound", *SUBJECTS) and tok.i not in range(span.start, span.end):
            break
        tok = tok.head
    return tok


def what(span: Span | None, verb: Token, actors: ActorIndex, dated: set[int], speaker_at: SpeakerAt | None = None) -> tuple[str, list[str]]:
    """A short description: "Albright to visit China", or the noun phrase of the happening (`verb` governs the date)."""
    verb = _happening_word(verb, dated)
    if verb.pos_ not in ("VERB", "AUX"):
        return noun_phrase(verb, exclude=dated), []
    held = next((c for c in verb.children if c.dep_ == "attr"), None) if verb.lemma_ == "be" else None
    if held is not None and held.pos_ == "NOUN" and any(c.dep_ == "expl" for c in verb.children):
        return f"{noun_phrase(held, exclude=dated)} to be held", []  # "there'll be a meeting of the Council on Thursday"
    if span is not None and span.root.dep_ == "dobj" and span.root.head == verb:
        # "proclaim August 20 through 26 as National Guard and Reserve Week": the days are what they are named.
        named = next((p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children if p.dep_ == "pobj"), None)
        if named is not None:
            return noun_phrase(named, exclude=dated), []
    subject, subject_tok = None, None
    node = verb
    for _ in range(4):
        subj = [c for c in node.children if c.dep_ in SUBJECTS]
        if subj:
            subject_tok = subj[0]
            break
        if noun_as_verb(node):
            # "The Clinton campaign plans to employ ...": the verb the tagger read as a noun has its subject as a compound
            subject_tok = next((c for c in node.children if c.dep_ == "compound"), None)
            break
        left = _left_noun(node)
        if node.dep_ == "conj" and left is not None:
            subject_tok = left  # "... and Vice President Al Gore is to come": the parser lost this subject
            break
        directed = next((c for c in node.head.children if c.dep_ == "dobj"), None) if node.dep_ == "xcomp" else None
        if directed is not None and node.head.lemma_ in _DIRECTING:
            subject_tok = directed  # "has directed the state police to conduct an investigation": the police will
            break
        if node.dep_ in ("xcomp", "ccomp", "conj", "advcl") and node.head != node:
            node = node.head
        elif node.dep_ == "pcomp" and node.head.head.lemma_ == "look":
            node = node.head.head  # "I look forward to signing the bill": the one who looks forward signs
        else:
            break
    if subject_tok is not None and subject_tok.tag_ in ("WDT", "WP"):
        subject_tok = relative_antecedent(node)  # "Discovery, which will launch ...": the pronoun stands for its noun
        if subject_tok is not None and node.lemma_ in SCHEDULED and _of_what(subject_tok) is not None:
            subject_tok = _of_what(subject_tok)  # "a vote of no confidence that is scheduled for next week": the vote is
    if subject_tok is None and node.dep_ in ("acl", "relcl") and node.head.pos_ in ("NOUN", "PROPN"):
        subject_tok = node.head  # "a youth summit to be held in Busan": the participle describes its noun
    ids = []
    pronoun = False  # whether the subject is a name a pronoun stands for
    if subject_tok is not None:
        said = speaker_at(subject_tok.idx) if speaker_at is not None and subject_tok.lower_ == "i" else None
        if said is not None:
            actor = None  # "I will travel to Ohio" in Jen Psaki's turn or quotation: Jen Psaki will
        elif subject_tok.lower_ in ("he", "she"):
            named = antecedent(subject_tok, actors)
            if named is not None:
                subject_tok, pronoun = named, True  # worded as the text names the person: a name, or "the President"
                actor = actors.actor_at(named.idx, named.idx + len(named))
            else:
                actor = _last_before(actors, subject_tok.idx, ("person",))
        elif subject_tok.lower_ == "it" and (actor := _reporter(subject_tok, actors)) is not None:
            pass  # "Wells Fargo announced it would get rid of ...": the body that says what it will do
        elif subject_tok.lower_ == "they":
            # "Jane Roe, a spokeswoman for the Environment Agency, said they will ...": the body named before it in
            # the sentence.
            actor = _last_before(actors, subject_tok.idx, ("organization", "group"), since=subject_tok.sent.start_char)
        else:
            actor = actors.actor_at(subject_tok.idx, subject_tok.idx + len(subject_tok))
        office = _office(subject_tok) if actor is None else None
        if said is not None:
            subject = said[0]
            ids += [said[1]] if said[1] else []
        elif office is not None and (actor := _office_holder(actors, office, subject_tok.idx)) is not None:
            # "the President will participate": the President the text names most, as the analyst writes him
            subject = actor.name if actor.name.lower().startswith(office.lower()) else f"{office} {actor.name}"
            ids.append(actor.id)
        elif actor is not None:
            # "Cooper and Martha Raddatz are scheduled to co-moderate": everyone the subject coordinates takes part
            others = [] if pronoun else [o for o in _coordinated(subject_tok, actors) if o.id != actor.id]
            names = [actor.name, *dict.fromkeys(o.name for o in others)]
            subject = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
            ids += [actor.id, *(o.id for o in others)]
        elif subject_tok.tag_ != "PRP" and subject_tok.lower_ not in DEICTIC:
            # An office whose holder the text never names keeps its article: "The President to travel to Ohio".
            titled = _person_office(subject_tok)
            subject = noun_phrase(subject_tok, exclude=dated, keep_det=titled)
            subject = subject[:1].upper() + subject[1:] if titled else subject
        else:
            subject = ""  # an unresolved "I", "we", "it" says nothing in a list of events: the action alone does
    action = _seen_through(verb)
    # "The report is due in May": a copula says nothing without its adjective.
    obj = next((c for c in action.children if c.dep_ in ("dobj", "attr", "oprd") or c.dep_ == "acomp" and action.lemma_ == "be"), None)
    light = obj is not None and action.lemma_ == "take" and obj.lower_ == "place"
    passive = any(c.dep_ == "auxpass" for c in action.children)
    by = next((c for c in action.children if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ == "by"), None) if passive else None
    agent = next((p for p in by.children if p.dep_ == "pobj"), None) if by is not None else None
    if agent is not None and not subject and agent.i not in dated:
        # "tomorrow we will be joined in the briefing room by FEMA Administrator Deanne Criswell": with no one named
        # to undergo it, the one who does it is the actor (Deanne Criswell to join in the briefing room).
        actor = actors.actor_at(agent.idx, agent.idx + len(agent))
        subject = actor.name if actor is not None else noun_phrase(agent, exclude=dated)
        ids += [actor.id] if actor is not None else []
        passive = False
    # "take place in Christchurch": where it happens says more than the idiom's noun
    skip = obj if light else agent.head if agent is not None and not passive else None
    obj_text = " ".join(_complements(action, dated, skip=skip))
    acted_on = _object_is_antecedent(action)
    if acted_on:
        # "the deliverables list that we'll be releasing on Monday": the noun its relative pronoun stands for is the object
        obj_text = " ".join(p for p in (noun_phrase(action.head, exclude=dated), obj_text) if p)
    set_for = passive or (action.tag_ == "VBN" and action.dep_ == "acl")  # "the talks, scheduled for March 3"
    if set_for and action.lemma_ in SCHEDULED and subject and not obj_text:
        # "the vote is set for Sept. 5", "a hearing has been scheduled": the vote, the hearing take place then
        return f"{subject} to take place", ids
    verb_text = "take place" if light else f"be {action.text}" if passive or _ongoing(action) and not acted_on else action.lemma_
    verb_text += "".join(f" {c.text}" for c in action.children if c.dep_ == "prt")  # "wound up", "take over"
    parts = [p for p in (subject, "to" if subject is not None else None, verb_text, obj_text) if p]
    return " ".join(parts), ids


def _ongoing(verb: Token) -> bool:
    """A future progressive with nothing acted on ("will soon be flying into space", "will be speaking"): the
    wording keeps its aspect, "to be flying", as the text tells it; with an object the plain verb reads better
    ("Zelenskyy to visit Washington")."""
    auxes = [a for a in verb.children if a.dep_ == "aux"]
    return (
        verb.tag_ == "VBG"
        and any(a.lemma_ == "be" for a in auxes)
        and any(a.lower_.replace("\u2019", "'") in ("will", "'ll", "shall") for a in auxes)
        and not any(c.dep_ in ("dobj", "dative", "attr", "oprd") for c in verb.children)
    )


def _made(clause: Token, dated: set[int]) -> str | None:
    """The small clause a verb like "make" takes ("make $21 billion available to the IMF", parsed as an adjective
    with its own subject; "make Kenya the first country to receive funding"): the thing and what it is made, in the
    text's order; None for any other clause."""
    subj = next((c for c in clause.children if c.dep_ == "nsubj" and c.i < clause.i), None)
    if subj is None or not (clause.pos_ == "ADJ" or clause.pos_ == "VERB" and clause.head.lemma_ == "make" and clause.head.i < subj.i):
        return None  # "make Kenya the first country in Africa to receive funding": a causative's clause too
    aside = {x.i for r in clause.subtree if r.dep_ == "relcl" for x in r.subtree}  # ", which has served us well"
    words = "".join(t.text_with_ws for t in clause.subtree if t.i not in dated and t.i not in aside)  # "$21 billion", as written
    return words.strip().rstrip(",;").strip()


def _coordinated(tok: Token, actors: ActorIndex) -> list[Actor]:
    """The people and organisations coordinated with a subject ("Trump and Democratic rival Hillary Clinton meet"),
    in the text's order."""
    out = []
    for c in tok.conjuncts:
        if (
            c.i > tok.i
            and c.pos_ == "PROPN"
            and (actor := actors.actor_at(c.idx, c.idx + len(c))) is not None
            and actor.kind in ("person", "organization")
        ):
            out.append(actor)
    return out


def _happening_word(tok: Token, dated: set[int]) -> Token:
    """The word whose clause tells what happens, where the date hangs on a word that only frames it."""
    if (
        tok.tag_ == "VBG"
        and tok.dep_ == "advcl"
        and all(x.i in dated or x.pos_ in ("ADP", "PUNCT") for c in tok.children for x in c.subtree)
    ):
        return tok.head  # "will get rid of these incentives, beginning in January 2017": the participle only dates its clause
    if tok.pos_ in ("NOUN", "PROPN"):
        # "plans to release its analysis ... next week" with the date read onto the noun: what is done with it
        if tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
            return tok.head
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "VERB":
            return tok.head.head
    noun = tok.head
    if (
        tok.dep_ == "acl"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        and not any(c.dep_ == "auxpass" for c in tok.children)
        and noun.dep_ == "dobj"
        and noun.head.pos_ == "VERB"
    ):
        return noun.head  # "will declare its intention to break with the E.U. by March": the declaring is what happens
    return tok


def _seen_through(verb: Token) -> Token:
    """The happening a verb of intent or schedule governs ("we intend to operationalize the mechanism", "is expected
    to vote"), however many there are; any other verb is a happening of its own ("will travel to continue ...")."""
    node = verb
    for _ in range(4):
        if node.lemma_ not in FUTURE_GOVERNORS or any(c.dep_ in ("dobj", "attr", "oprd") for c in node.children):
            break
        xcomp = next((c for c in node.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if xcomp is None:
            break
        node = xcomp
    return node


# Prepositions of an adjunct that is no part of the happening ("according to aides", "despite the storm").
_ADJUNCTS = {"according", "despite", "amid", "because", "like", "unlike", "including", "instead", "than", "unless", "if"}
_WHAT_LIMIT = 120


def _complements(verb: Token, dated: set[int], skip: Token | None = None, depth: int = 0) -> list[str]:
    """What a verb takes after it, in the text's order: its object, the phrases saying where, with whom and what
    for, a verb it runs on into ("begin issuing questionnaires", "have the chance to meet with ..."), and a verb it
    is coordinated with under the same subject ("join her supporters and live stream her response"); no date, and
    no more once the words say enough (a complement is never cut)."""
    parts: list[str] = []
    has_object = False
    for c in verb.children:
        if sum(len(p) + 1 for p in parts) >= _WHAT_LIMIT:
            break
        if c.i < verb.i or c == skip or c.i in dated:
            continue  # what stands before the verb is its subject, its time or a frame ("On Tuesday evening, ...")
        if c.dep_ in ("dobj", "dative", "attr", "oprd", "acomp"):
            if has_object:
                continue  # "visit China in late February and Vice President Al Gore is to come": a misread second object
            has_object = True
            words = noun_phrase(c, exclude=dated)
            aim = next((a for a in c.children if a.dep_ == "acl" and _infinitive(a) and a.i not in dated), None)
            parts.append(f"{words} {_verb_phrase(aim, dated, depth)}".strip() if aim is not None and depth < 2 else words)
        elif c.dep_ == "ccomp" and (made := _made(c, dated)) is not None:
            parts.append(made)  # "make more detailed medical records available": what is made so, and how
        elif c.dep_ == "advmod" and verb.lemma_ == "be":
            parts.append(" ".join(t.text for t in c.subtree if t.i not in dated))  # "will be up and running"
        elif c.dep_ in ("prep", "agent") and c.lower_ not in _ADJUNCTS:
            inner = next((p for p in c.children if p.dep_ in ("pobj", "pcomp")), None)
            if inner is not None and inner.ent_type_ not in ("DATE", "TIME") and not all(x.i in dated for x in inner.subtree):
                parts.append(f"{c.text} {noun_phrase(inner, exclude=dated, keep_det=True)}")  # not "for [tomorrow] evening"
        elif depth < 2 and (c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") or c.dep_ == "advcl" and _infinitive(c)):
            parts.append(_verb_phrase(c, dated, depth))
        elif (
            depth < 2
            and c.dep_ == "conj"
            and c.pos_ == "VERB"
            and c.tag_ != "VBD"  # "would declare ... and suggested that": a report of its own
            and not any(x.dep_ in SUBJECTS for x in c.children)
            and not any(x.i in dated for x in c.subtree)  # "begins next Monday and ends in June": two events
        ):
            joint = next((x.text for x in verb.children if x.dep_ == "cc" and x.i < c.i), "and")
            phrase = _verb_phrase(c, dated, depth)
            parts.append(f"{joint} {phrase}" if phrase else "")
    if depth == 0:
        # "In the meeting tomorrow, President Biden will have ...", "During Tuesday's arguments, the opponents will face
        # off ...": the frame that holds the date names the happening the clause is part of.
        parts += [f"{c.lower_} {noun_phrase(noun, exclude=dated, keep_det=True)}" for c, noun in _dated_frames(verb, dated)]
    return [p for p in parts if p]


def _dated_frames(verb: Token, dated: set[int]) -> list[tuple[Token, Token]]:
    """The phrases before a verb whose noun is dated by the date ("in the meeting tomorrow"), and is not itself one."""
    frames = []
    for c in verb.children:
        if c.i >= verb.i or c.dep_ != "prep":
            continue
        noun = next((p for p in c.children if p.dep_ == "pobj"), None)
        if (
            noun is not None
            and noun.pos_ == "NOUN"
            and noun.i not in dated
            and noun.ent_type_ not in ("DATE", "TIME")
            and any(x.i in dated for x in noun.subtree)
        ):
            frames.append((c, noun))
    return frames


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _verb_phrase(verb: Token, dated: set[int], depth: int) -> str:
    """A verb with its modifiers before it ("to live stream") and its complements; nothing for a verb whose complement
    could not be said ("a foundation for this partnership to make [it last]" is not "... to make")."""
    complements = _complements(verb, dated, depth=depth + 1)
    if not complements and any(c.dep_ in ("dobj", "ccomp", "xcomp", "oprd") for c in verb.children):
        return ""
    before = [c.text for c in verb.children if c.i < verb.i and (c.dep_ in ("amod", "compound") or c.dep_ == "aux" and c.lower_ == "to")]
    particles = [c.text for c in verb.children if c.dep_ == "prt"]
    # "the term that begins ... and ends": the what's verbs are in the infinitive
    word = verb.lemma_ if verb.tag_ in ("VBZ", "VBP", "VBD") else verb.text
    return " ".join([*before, word, *particles, *complements])


def _reporter(tok: Token, actors: ActorIndex) -> Actor | None:
    """The organisation a reported "it" stands for: the subject of the verb reporting its clause ("Wells Fargo
    announced it would get rid of these incentives")."""
    clause = tok.head
    while clause.dep_ in ("xcomp", "conj") and clause.head != clause:
        clause = clause.head
    if clause.dep_ != "ccomp":
        return None
    subj = next((c for c in clause.head.children if c.dep_ in SUBJECTS), None)
    actor = actors.actor_at(subj.idx, subj.idx + len(subj)) if subj is not None else None
    return actor if actor is not None and actor.kind == "organization" else None


def clause(tok: Token, exclude: set[int]) -> str:
    """The clause a token stands in, without its date, its attribution or leading joints, at most 120 characters."""
    verb = next((t for t in (tok, *tok.ancestors) if t.pos_ in ("VERB", "AUX")), tok)
    words = [
        t
        for t in verb.subtree
        if t.i not in exclude and not any(a.dep_ in ("cc", "mark", "punct") and a.head == verb and t in a.subtree for a in (t,))
    ]
    while words and (
        words[0].is_punct
        or words[0].dep_ in ("cc", "mark", "advmod", "aux")
        or words[0].tag_ == "PRP"
        or words[0].dep_ == "prep"
        and all(x.i in exclude for x in words[0].subtree if x != words[0])  # "On [Friday],"
    ):
        words = words[1:]  # "And we'll ...": from the action on
    while words and words[-1].is_punct:
        words.pop()
    text = "".join(t.text_with_ws for t in words).strip()
    return text if len(text) <= 120 else text[:120].rsplit(" ", 1)[0] + "\u2026"


def action_of(verb: Token) -> Token:
    """What actually happens: "we intend to operationalize the mechanism" is about operationalizing it."""
    if any(c.dep_ in ("dobj", "attr", "oprd") for c in verb.children):
        return verb
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    return xcomp if xcomp is not None else verb


BACK_SENTENCES = 5  # how far back "he" or "she" looks for the person it stands for
_VOCATIVE = ("npadvmod", "intj")  # "Go ahead, Jeff.", "Well, Jeff, I would say": a name spoken to, not spoken of


def antecedent(pronoun: Token, actors: ActorIndex) -> Token | None:
    """The mention "he" or "she" stands for: the person the text is about, not merely the last name it gave.

    Looking back from the pronoun, its own sentence first and then the ones before it, the first sentence naming a
    person (or a person by office alone: "the President") gives it: its subject if that is one, else the nearest
    such mention in the pronoun's sentence, the first in an earlier one. A name spoken to ("Thanks, Jen.") is
    nobody's antecedent, and a sentence whose subject is the same pronoun goes on about the same person: it is
    looked through, and anyone else it names is someone else ("The President has had his test. Would he go to
    Walter Reed? He will have ..."); such sentences, and lines without a verb, do not count against BACK_SENTENCES.
    None when nothing within reach names anyone."""
    doc = pronoun.doc
    sent = pronoun.sent
    left, reach = BACK_SENTENCES, 6 * BACK_SENTENCES  # a bound however long the chain of pronouns
    while left > 0 and reach > 0:
        own = sent.start <= pronoun.i < sent.end
        found: list[tuple[bool, int, Token]] = []
        for tok in doc[sent.start : pronoun.i if own else sent.end]:
            if tok.pos_ not in ("PROPN", "NOUN") or tok.dep_ in ("compound", "flat", *_VOCATIVE):
                continue
            actor = actors.actor_at(tok.idx, tok.idx + len(tok))
            if actor is not None and actor.kind == "person" or actor is None and _person_office(tok):
                found.append((tok.dep_ in SUBJECTS, tok.i if own else -tok.i, tok))
        same = not own and any(t.lower_ == pronoun.lower_ and t.dep_ in SUBJECTS for t in sent)
        if found and (not same or any(f[0] for f in found)):
            return max(found, key=lambda f: f[:2])[2]
        if sent.start == 0:
            break
        # A line with no verb ("MS. PSAKI:", "Okay.", a transcript's "Q") says nothing of anyone: it does not count.
        left -= 0 if same or not any(t.pos_ in ("VERB", "AUX") for t in sent) else 1
        reach -= 1
        sent = doc[sent.start - 1].sent
    return None


def _person_office(tok: Token) -> bool:
    """Whether a token is a bare title of an office a person holds ("the President", "the Prime Minister")."""
    office = _office(tok)
    return office is not None and office.split()[-1].lower() in PERSON_OFFICES


def _of_what(noun: Token) -> Token | None:
    """The noun an "of" phrase completes ("vote" for "confidence" in "a vote of no confidence"), when the inner noun
    names no one (a person, body or place is who the clause is about)."""
    of = noun.head
    if noun.dep_ != "pobj" or of.lower_ != "of" or of.head.pos_ != "NOUN" or noun.ent_type_:
        return None
    return of.head


def _object_is_antecedent(verb: Token) -> bool:
    """A relative clause whose object is the noun it describes: "the list that we'll be releasing" (the parse may
    read "that" as a relative pronoun object or as a marker), not "the team that will host the leaders"."""
    if (
        verb.dep_ not in ("relcl", "acl")
        or verb.pos_ != "VERB"
        or verb.head.pos_ != "NOUN"
        or any(c.dep_ == "auxpass" for c in verb.children)
    ):
        return False
    relative = [c for c in verb.children if c.dep_ in ("dobj", "mark") and c.lower_ in ("that", "which", "whom")]
    return (
        bool(relative)
        and not any(c.dep_ == "dobj" and c not in relative for c in verb.children)
        and any(c.dep_ in SUBJECTS and c.lower_ not in ("that", "which", "who") for c in verb.children)
    )


def _last_before(actors: ActorIndex, offset: int, kinds: tuple[str, ...], since: int = 0) -> Actor | None:
    """The actor of one of these kinds named last before a pronoun (and not before `since`)."""
    best, best_at = None, since - 1
    for actor in actors.actors:
        if actor.kind not in kinds:
            continue
        at = max((a for a, _ in actor.spans if a < offset), default=-1)
        if at > best_at:
            best, best_at = actor, at
    return best


def _office(tok: Token) -> str | None:
    """The office a bare title names ("the President", "the Prime Minister"): its words, or None for anything else."""
    if tok.pos_ not in ("NOUN", "PROPN") or not tok.is_title:
        return None
    words = [t for t in tok.subtree if t != tok]
    if (
        not words
        or words[0].lower_ != "the"
        or any(t.dep_ not in ("det", "compound") or t.dep_ == "compound" and not t.is_title for t in words)
    ):
        return None  # "Germany's Chancellor", "the new President" say which one themselves, or not as a title
    return " ".join(t.text for t in words[1:] + [tok])


_NOT_THE_OFFICE = {"vice", "deputy", "former", "assistant", "under", "acting", "ex", "late", "associate"}


def _office_holder(actors: ActorIndex, office: str, offset: int) -> Actor | None:
    """The person holding an office whom the text names most often before `offset` (else first after it): "the
    President" in a White House briefing is its President, not a visiting one, a Vice President or a former one."""
    want = office.lower().split()
    holders = []
    for actor in actors.actors:
        if actor.kind != "person":
            continue
        for role in actor.roles:
            words = role.lower().replace("-", " ").split()
            if words[-len(want) :] == want and not _NOT_THE_OFFICE & (set(words) - set(want)):
                holders.append(actor)
                break
    # The holder the text names most often is the one its bare title means (a White House briefing's President,
    # though it just named a visiting one); among equals, the one named last before it.
    before = [
        (sum(a < offset for a, _ in h.spans), max(a for a, _ in h.spans if a < offset), h)
        for h in holders
        if any(a < offset for a, _ in h.spans)
    ]
    if before:
        return max(before, key=lambda x: x[:2])[2]
    after = [(min(a for a, _ in h.spans), h) for h in holders if h.spans]
    return min(after, key=lambda x: x[0])[1] if after else None


def _left_noun(verb: Token) -> Token | None:
    i = verb.i - 1
    while i >= 0 and verb.doc[i].dep_ in ("aux", "auxpass", "neg", "advmod"):
        i -= 1
    tok = verb.doc[i] if i >= 0 else None
    return tok if tok is not None and tok.pos_ in ("PROPN", "NOUN") else None


def noun_phrase(tok: Token, exclude: set[int], keep_det: bool = False) -> str:
    """The words a token heads, without clauses, appositions, time expressions (`exclude`) or punctuation; a common
    noun with a name in apposition is that name ("the Republican nominee, Donald Trump": Donald Trump)."""
    name = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None) if tok.pos_ == "NOUN" else None
    if name is not None:
        return noun_phrase(name, exclude)
    dropped: set[int] = set()
    for t in tok.subtree:
        if _inside_a_name(t) or _joins_words(t):
            continue  # "the Guard and Reserve Week", "Biden and Kishida"; "U.S.-Japan-Philippines", "the United States, Japan"
        if t != tok and t.dep_ in ("relcl", "acl", "appos", "cc", "conj", "punct", "advcl"):
            dropped.update(x.i for x in t.subtree)
        elif t.dep_ == "prep" and all(x.i in exclude for x in t.subtree if x != t):
            dropped.add(t.i)  # "due in May" without its date is "due"
    words = [t for t in tok.subtree if t.i not in dropped and t.i not in exclude]
    if words and words[0].dep_ == "det" and not keep_det:
        words = words[1:]
    if words and words[0].tag_ == "POS":
        words = words[1:]  # "Next year's competition" without the date leaves its "'s"
    while words and words[-1].pos_ in ("ADP", "CCONJ"):
        words.pop()  # "due on or before June 30" without its date
    # Words side by side in the text keep their spacing ("mid-career", "U.S.-Japan"); a gap left by a dropped word is one space.
    text = "".join(t.text + (" " if t.whitespace_ or k + 1 < len(words) and words[k + 1].i != t.i + 1 else "") for k, t in enumerate(words))
    text = text.strip().replace(" 's", "'s").replace(" \u2019s", "\u2019s")
    if words and words[0].is_sent_start and words[0].pos_ != "PROPN" and words[0].is_title:
        text = text[0].lower() + text[1:]  # "Talks will run ...": "talks to run" inside a line
    return text if len(text) <= 120 else text[:120].rsplit(" ", 1)[0] + "\u2026"


def _joins_words(t: Token) -> bool:
    """A hyphen inside a word ("U.S.-Japan-Philippines"), or a comma between the names of a list ("Modi, Suga and ...")."""
    if t.dep_ != "punct" or t.i == 0:
        return False
    if t.text in ("-", "\u2013") and not t.whitespace_ and not t.doc[t.i - 1].whitespace_:
        return True
    return t.text == "," and any(c.dep_ == "conj" and c.i > t.i and _inside_a_name(c) for c in t.head.children)


def _inside_a_name(t: Token) -> bool:
    """A conjunction joining two proper nouns, or the second of them, belongs to the name they make."""
    if t.dep_ == "conj":
        return t.pos_ == "PROPN" and t.head.pos_ == "PROPN"
    return t.dep_ == "cc" and t.head.pos_ == "PROPN" and any(c.dep_ == "conj" and c.pos_ == "PROPN" for c in t.head.children)


def actors_in(start: int, end: int, actors: ActorIndex) -> list[str]:
    return [a.id for a in actors.actors if any(start <= s < end for s, _ in a.spans)]
