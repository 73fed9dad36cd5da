"""Upcoming events: future happenings with who, what and when, dated by the article's time expressions."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from dateutil.relativedelta import relativedelta
from spacy.tokens import Doc, Span, Token

from .actors import ActorIndex
from .model import Actor, DateRange, Event, Timex, When, sentence_at
from .nlp import relative_antecedent
from .timexes import HOLIDAYS, RANGE_JOINTS, SCHEDULED, SEASONS, day_range, month_range, year_range

_SUBJECTS = ("nsubj", "nsubjpass")


def extract_events(doc: Doc, timexes: Sequence[Timex], actors: ActorIndex, ref: dt.date | None, article_id: str,
                   sentences: Sequence[tuple[int, int]]) -> tuple[Event, ...]:
    """Each dated expression after the article's date, in a sentence that is not about the past, is an event; the
    event's text is its sentence in `sentences` (the analysis' own, which never cross a paragraph)."""
    if ref is None:
        return ()
    events: list[tuple[Event, int]] = []  # with the token of the verb the date hangs on
    seen = set()
    spans = [doc.char_span(t.start, t.end, alignment_mode="expand") for t in timexes]
    # No date goes into a "what" ("to launch at the end of the month" dated April 29).
    dated = {tok.i for span in spans if span is not None for tok in span}
    text = doc.text  # spaCy joins the tokens on every access
    for t, span in zip(timexes, spans):
        if span is None or t.direction < 0 or (t.direction == 0 and _names_a_kind(span)):
            continue
        start, days = t.start, t.range if t.type in ("DATE", "TIME") else None
        if t.type == "DURATION" and (ahead := _from_now(t, span, ref)) is not None:
            start, days = ahead
        if days is None or days.end <= ref:
            continue
        # "will gather this weekend", "will sign it this week": a short period under way is still ahead if the tense is.
        if days.start <= ref and (t.direction <= 0 or days.granularity not in ("day", "week", "month")):
            continue
        s_start, s_end = sentence_at(sentences, t.start) or (span.sent.start_char, span.sent.end_char)
        key = (s_start, days)
        if key in seen:
            continue
        seen.add(key)
        verb = _governor(span)
        what, who = _what(span, verb, actors, dated)
        ids = list(dict.fromkeys(who + _actors_in(s_start, s_end, actors)))
        when = When(text[start : t.end], start, t.end, days)
        events.append((Event(text[s_start:s_end], s_start, s_end, what, tuple(ids), when, article_id), verb.i))
    events = _join_ranges(events, text)
    # "will launch at the end of the month on April 29": one happening, dated best by the narrower expression.
    by_verb: dict[int, list[Event]] = defaultdict(list)
    for e, verb in events:
        by_verb[verb].append(e)
    kept = [e for e, verb in events if not any(
        o.when.range != e.when.range and e.when.range.start <= o.when.range.start and o.when.range.end <= e.when.range.end
        for o in by_verb[verb])]
    kept.sort(key=lambda e: (e.when.range.start, e.when.range.end, e.start))
    return tuple(kept)


def _from_now(t: Timex, span: Span, ref: dt.date) -> tuple[int, DateRange] | None:
    """'will vote in two weeks' (that day), 'in three months' (that month), 'will close within a year' (the days up
    to it): a duration counted from the article's date, with where the expression now starts."""
    m = re.fullmatch(r"P(\d+)([DWMY])", t.value)
    before = span.doc[span.start - 1] if span.start > 0 else None
    if m is None or t.direction <= 0 or before is None or before.lower_ not in ("in", "within"):
        return None
    n, unit = int(m.group(1)), m.group(2)
    try:
        end = ref + relativedelta(**{{"D": "days", "W": "weeks", "M": "months", "Y": "years"}[unit]: n})
    except (ValueError, OverflowError):
        return None  # "in 99999 years" is past the calendar's end
    if before.lower_ == "within" or t.text.lower().startswith(("the next ", "the coming ")):
        return before.idx, day_range(ref + dt.timedelta(days=1), end)  # "in the next eight weeks" is within them
    if unit == "M":
        return before.idx, month_range(end.year, end.month)
    if unit == "Y":
        return before.idx, year_range(end.year)
    return before.idx, day_range(end, end)


def _join_ranges(events: list[tuple[Event, int]], text: str) -> list[tuple[Event, int]]:
    """"runs from March 30 to April 2", "between April and June": the two ends of one verb's range are one event."""
    out: list[tuple[Event, int]] = []
    for e, verb in events:
        if out:
            prev, prev_verb = out[-1]
            a, b = prev.when, e.when
            if (verb == prev_verb and a.end < b.start and a.range.start <= b.range.end
                    and text[a.end : b.start].strip().lower() in RANGE_JOINTS):
                grain = a.range.granularity if a.range.granularity == b.range.granularity else "day"
                when = When(text[a.start : b.end], a.start, b.end, DateRange(a.range.start, b.range.end, grain))
                out[-1] = (replace(prev, when=when), verb)
                continue
        out.append((e, verb))
    return out


def _names_a_kind(span: Span) -> bool:
    """'winter wheat', 'Christmas trees': a lone season or holiday word describing a noun names a kind of thing
    (unless the tense looks ahead, as in 'the summer talks will resume', which the caller checks)."""
    tok = span[0]
    if len(span) != 1 or tok.dep_ not in ("compound", "amod") or tok.head.pos_ != "NOUN":
        return False
    return tok.lower_ in SEASONS or any(re.fullmatch(name, tok.lower_) for name in HOLIDAYS)


def _governor(span: Span) -> Token:
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.head == tok:
            break
        # "next year's competition is scheduled ...": a date inside the subject dates what the subject does.
        if tok.pos_ == "NOUN" and tok.dep_ not in ("pobj", "npadvmod", "compound", *_SUBJECTS) and tok.i not in range(span.start, span.end):
            break
        tok = tok.head
    return tok


def _what(span: Span, verb: Token, actors: ActorIndex, dated: set[int]) -> tuple[str, list[str]]:
    """A short description: "Albright to visit China", or the noun phrase of the happening (`verb` governs the date)."""
    if verb.pos_ not in ("VERB", "AUX"):
        return _phrase(verb, exclude=dated), []
    if span.root.dep_ == "dobj" and span.root.head == verb:
        # "proclaim August 20 through 26 as National Guard and Reserve Week": the days are what they are named.
        named = next((p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children if p.dep_ == "pobj"), None)
        if named is not None:
            return _phrase(named, exclude=dated), []
    subject, subject_tok = None, None
    node = verb
    for _ in range(4):
        subj = [c for c in node.children if c.dep_ in _SUBJECTS]
        if subj:
            subject_tok = subj[0]
            break
        left = _left_noun(node)
        if node.dep_ == "conj" and left is not None:
            subject_tok = left  # "... and Vice President Al Gore is to come": the parser lost this subject
            break
        if node.dep_ in ("xcomp", "ccomp", "conj", "advcl") and node.head != node:
            node = node.head
        else:
            break
    if subject_tok is not None and subject_tok.tag_ in ("WDT", "WP"):
        subject_tok = relative_antecedent(node)  # "Discovery, which will launch ...": the pronoun stands for its noun
    if subject_tok is None and node.dep_ in ("acl", "relcl") and node.head.pos_ in ("NOUN", "PROPN"):
        subject_tok = node.head  # "a youth summit to be held in Busan": the participle describes its noun
    ids = []
    if subject_tok is not None:
        if subject_tok.lower_ in ("he", "she"):
            actor = _last_before(actors, subject_tok.idx, ("person",))
        elif subject_tok.lower_ == "they":
            # "Jane Roe, a spokeswoman for the Environment Agency, said they will ...": the body named before it in
            # the sentence.
            actor = _last_before(actors, subject_tok.idx, ("organization", "group"), since=subject_tok.sent.start_char)
        else:
            actor = actors.actor_at(subject_tok.idx, subject_tok.idx + len(subject_tok))
        if actor is not None:
            subject = actor.name
            ids.append(actor.id)
        else:
            subject = _phrase(subject_tok, exclude=dated)
    action = _action(verb)
    # "The report is due in May": a copula says nothing without its adjective.
    obj = next((c for c in action.children if c.dep_ in ("dobj", "attr", "oprd") or c.dep_ == "acomp" and action.lemma_ == "be"), None)
    light = obj is not None and action.lemma_ == "take" and obj.lower_ == "place"
    if light:
        obj = None  # "take place in Christchurch": where it happens says more than the idiom's noun
    if obj is None:
        prep = next((c for c in action.children if c.dep_ == "prep" and c.lower_ in ("to", "at", "with", "for", "in")
                     and not any(x.i in dated for x in c.subtree)), None)
        if prep is not None:
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            obj_text = f"{prep.text} {_phrase(pobj, exclude=dated)}" if pobj is not None else None
        else:
            obj_text = None
    else:
        obj_text = _phrase(obj, exclude=dated)
    passive = any(c.dep_ == "auxpass" for c in action.children)
    set_for = passive or (action.tag_ == "VBN" and action.dep_ == "acl")  # "the talks, scheduled for March 3"
    if set_for and action.lemma_ in SCHEDULED and subject and not obj_text:
        return subject, ids  # "the vote is set for Sept. 5", "a hearing has been scheduled": the vote, the hearing
    verb_text = "take place" if light else f"be {action.text}" if passive else action.lemma_
    verb_text += "".join(f" {c.text}" for c in action.children if c.dep_ == "prt")  # "wound up", "take over"
    parts = [p for p in (subject, "to" if subject else None, verb_text, obj_text) if p]
    return " ".join(parts), ids


def _action(verb: Token) -> Token:
    """What actually happens: "we intend to operationalize the mechanism" is about operationalizing it."""
    if any(c.dep_ in ("dobj", "attr", "oprd") for c in verb.children):
        return verb
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    return xcomp if xcomp is not None else verb


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


def _left_noun(verb: Token) -> Token | None:
    i = verb.i - 1
    while i >= 0 and verb.doc[i].dep_ in ("aux", "auxpass", "neg", "advmod"):
        i -= 1
    tok = verb.doc[i] if i >= 0 else None
    return tok if tok is not None and tok.pos_ in ("PROPN", "NOUN") else None


def _phrase(tok: Token, exclude: set[int]) -> str:
    """The words a token heads, without clauses, appositions, time expressions (`exclude`) or punctuation."""
    dropped: set[int] = set()
    for t in tok.subtree:
        if _inside_a_name(t):
            continue  # "the Guard and Reserve Week", "Biden and Kishida"
        if t != tok and t.dep_ in ("relcl", "acl", "appos", "cc", "conj", "punct", "advcl"):
            dropped.update(x.i for x in t.subtree)
        elif t.dep_ == "prep" and all(x.i in exclude for x in t.subtree if x != t):
            dropped.add(t.i)  # "due in May" without its date is "due"
    words = [t for t in tok.subtree if t.i not in dropped and t.i not in exclude]
    if words and words[0].dep_ == "det":
        words = words[1:]
    if words and words[0].tag_ == "POS":
        words = words[1:]  # "Next year's competition" without the date leaves its "'s"
    while words and words[-1].pos_ in ("ADP", "CCONJ"):
        words.pop()  # "due on or before June 30" without its date
    text = " ".join(t.text for t in words).replace(" 's", "'s").replace(" \u2019s", "\u2019s")
    if words and words[0].is_sent_start and words[0].pos_ != "PROPN" and words[0].is_title:
        text = text[0].lower() + text[1:]  # "Talks will run ...": "talks to run" inside a line
    return text if len(text) <= 120 else text[:120].rsplit(" ", 1)[0] + "\u2026"


def _inside_a_name(t: Token) -> bool:
    """A conjunction joining two proper nouns, or the second of them, belongs to the name they make."""
    if t.dep_ == "conj":
        return t.pos_ == "PROPN" and t.head.pos_ == "PROPN"
    return t.dep_ == "cc" and t.head.pos_ == "PROPN" and any(c.dep_ == "conj" and c.pos_ == "PROPN" for c in t.head.children)


def _actors_in(start: int, end: int, actors: ActorIndex) -> list[str]:
    return [a.id for a in actors.actors if any(start <= s < end for s, _ in a.spans)]
