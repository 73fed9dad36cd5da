"""Speakers: a quote's attributed mention and who spoke before it in, the speaker's name, actor and confidence out."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.attrs import LEMMA, POS
from spacy.symbols import VERB
from spacy.tokens import Doc, Span

from ..actors import ActorIndex
from ..lexicon import SPEAKER_PRONOUNS, STRONG_CUES
from ..nlp import token_column
from .attribution import DOCUMENTS, _mention


@dataclass(frozen=True)
class Candidate:
    """A possible antecedent for a pronoun or a short description: who has been speaking so far."""

    start: int
    span: Span
    text: str
    head: str
    plural: bool
    person_like: bool
    speaker: bool  # the subject of a reporting verb, not just a name in passing


def _candidates(doc: Doc, in_quote: list[bool]) -> list[Candidate]:
    """Speakers of reporting verbs and named people, in text order, outside quotations."""
    seen: dict[int, Candidate] = {}
    # Only verbs of saying make someone the current speaker ("vowed to engage" does not): found in spaCy's arrays, so
    # no Token is made for the other words.
    lemmas, tags = token_column(doc, LEMMA), token_column(doc, POS)
    cue = {h: doc.vocab.strings[h].lower() in STRONG_CUES for h in set(lemmas)}
    for tok in (doc[i] for i, (lemma, pos) in enumerate(zip(lemmas, tags, strict=True)) if pos == VERB and cue[lemma]):
        if not in_quote[tok.idx]:
            for s in tok.children:
                if s.dep_ in ("nsubj", "nsubjpass") and s.pos_ in ("NOUN", "PROPN"):
                    # "Bill and Denise Richard wrote": the two are the "they" that follows ("the former first lady
                    # and U.S. senator" is one person).
                    conj = [c for c in s.children if c.dep_ == "conj" and c.pos_ == "PROPN" and s.pos_ == "PROPN"]
                    if conj:
                        both = doc[s.left_edge.i : conj[-1].right_edge.i + 1]
                        seen.setdefault(s.idx, _candidate(both, speaker=True, plural=True))
                    else:
                        seen.setdefault(s.idx, _candidate(_mention(s), speaker=True))
    for ent in doc.ents:
        if ent.label_ == "PERSON" and not in_quote[ent.start_char]:
            seen.setdefault(ent.root.idx, _candidate(ent, speaker=False))
    return sorted(seen.values(), key=lambda c: c.start)


def _as_speaker(candidates: list[Candidate], span: Span) -> None:
    """Mark (or add, in text order) the mention as a speaker candidate."""
    at = bisect.bisect_left(candidates, span.start_char, key=lambda c: c.start)
    if at < len(candidates) and candidates[at].start == span.start_char:
        candidates[at] = _candidate(candidates[at].span, speaker=True)
    else:
        candidates.insert(at, _candidate(span, speaker=True))


def _candidate(span: Span, speaker: bool, plural: bool = False) -> Candidate:
    root = span.root
    person_like = span.label_ == "PERSON" or (
        root.pos_ == "NOUN" and root.ent_type_ not in ("ORG", "GPE", "NORP") and root.lemma_.lower() not in DOCUMENTS
    )
    plural = plural or root.tag_ in ("NNS", "NNPS") or span.label_ in ("ORG", "NORP")
    return Candidate(span.start_char, span, span.text, root.lemma_.lower(), plural, person_like, speaker)


def _resolve(
    speaker: Span | None, quote_start: int, candidates: list[Candidate], actors: ActorIndex
) -> tuple[str | None, tuple[int, int] | None, str | None, float]:
    """The speaker's best name: pronouns and short descriptions go back to who they refer to."""
    if speaker is None:
        return None, None, None, 0.5
    span = (speaker.start_char, speaker.end_char)
    target = _antecedent(speaker, candidates)
    if target is None:
        conf = 0.6 if speaker.root.lower_ in SPEAKER_PRONOUNS else 0.9
        target = speaker
    else:
        conf = 0.8  # found by going back from a pronoun or a short description
    head = target.root
    # "Bill and Denise Richard" are two, not the first of them.
    actor = None if any(t.dep_ == "conj" for t in target) else actors.actor_at(head.idx, head.idx + len(head))
    if actor is not None and actor.kind in ("person", "organization", "group", "place"):
        return actor.name, span, actor.id, conf
    return _describe(target), span, None, conf


def _antecedent(speaker: Span, candidates: list[Candidate], depth: int = 0) -> Span | None:
    root = speaker.root
    before = [c for c in candidates if c.start < speaker.start_char]
    kind = SPEAKER_PRONOUNS.get(root.lower_)
    if kind == "sg":
        # A pronoun that speaks most likely continues the last speaker; failing that, the last person named.
        for want_speaker in (True, False):
            for c in reversed(before):
                if c.speaker == want_speaker and c.person_like and not c.plural and c.span.root.lower_ not in SPEAKER_PRONOUNS:
                    return (_antecedent(c.span, candidates, depth + 1) if depth < 3 else None) or c.span
        return None
    if kind == "it":
        for c in reversed(before):
            if c.speaker and not c.person_like and c.span.root.lower_ not in SPEAKER_PRONOUNS:
                return c.span
        return None
    if kind == "pl":
        for c in reversed(before):
            if c.plural and c.span.root.lower_ not in SPEAKER_PRONOUNS:
                return c.span
        return None
    # "the diplomat" goes back to the fuller "one Beijing-based diplomat" said before.
    words = [t for t in speaker if not t.is_punct]
    if root.pos_ == "NOUN" and len(words) == 2 and words[0].lower_ == "the":
        for c in reversed(before):
            if c.head == root.lemma_.lower() and len(c.span) > 2 and c.span.start_char != speaker.start_char:
                return c.span
    return None


def _describe(span: Span) -> str:
    """A description as the text gives it, with what it is of or for: "a spokesperson for the ministry"."""
    end = span.end
    # "the former first lady and U.S. senator": one person's second title belongs to the description.
    also = next((c for c in span.root.rights if c.dep_ == "conj" and c.pos_ == "NOUN"), None)
    if also is not None and span.doc[end].dep_ == "cc" and also.right_edge.i - span.start < 12:
        end = also.right_edge.i + 1
    prep = next((c for c in span.root.rights if c.dep_ == "prep" and c.lower_ in ("for", "of", "at", "from", "with")), None)
    if prep is not None and prep.i == end and prep.right_edge.i - span.start < 12:
        end = prep.right_edge.i + 1
    text = span.doc[span.start : end].text.strip()
    return re.sub(r"^(?:one|One) ", "a ", text)
