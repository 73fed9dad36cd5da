"""Attribution: a quote's span and the parse around it in, the cue verb and the speaker's mention (an Attribution) out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..lexicon import CUES, INVERTING_CUES, SPEAKER_PRONOUNS, STRONG_CUES
from ..nlp import doc_text, relative_antecedent, sentence_chunks
from .marks import QuoteSpan

NOT_SPEAKERS = {"DATE", "TIME"}  # "said Monday", "at 5:45 p.m. said"; "63 percent said" is a source
SPEAKER_NAMES = {"PERSON", "ORG", "NORP", "GPE"}  # the entities that speak
# Texts that "say" things: "The statement said ..." is no "he".
DOCUMENTS = {
    "statement",
    "report",
    "letter",
    "memo",
    "article",
    "piece",
    "study",
    "survey",
    "poll",
    "document",
    "ad",
    "advertisement",
    "release",
    "website",
    "post",
    "tweet",
    "email",
    "filing",
    "lawsuit",
    "complaint",
    "ruling",
    "order",
    "bill",
    "law",
    "resolution",
    "editorial",
    "book",
    "video",
    "message",
    "note",
    "analysis",
    "data",
}
_SENT_END = re.compile(r"[.!?](?=[\s\"\u201d\u2019]|$)")
# Full stops that end an abbreviation, not a sentence: "Rep. Gwen Moore (D-Wis.) said".
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "adm", "st", "jr", "sr", "prof",
    "rev", "hon", "pres", "no", "vs", "inc", "corp", "co", "ltd", "jan", "feb", "aug", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "d.c", "a.m", "p.m", "e.g", "i.e", "ft", "mt", "ave", "blvd", "dept", "univ", "assn",
}  # fmt: skip
_SIGNATURE_DASH = re.compile("[\\s\u00a0]*[\u2015\u2014\u2013-]+[\\s\u00a0]*")


@dataclass(frozen=True)
class Attribution:
    cue: Token | None
    speaker: Span | None


def _attribute(doc: Doc, text: str, q: QuoteSpan, prev_close: int, next_open: int, in_quote: list[bool]) -> tuple[Attribution | None, str]:
    """The cue verb and speaker in the words around the quote: after it first, then before it."""
    par_end = text.find("\n", q.close_mark)
    par_end = len(text) if par_end < 0 else par_end
    par_start = text.rfind("\n", 0, q.open_mark) + 1
    after_end = min(par_end, next_open)
    m = _sentence_end(text, q.close_mark + 1, after_end)
    if m is not None:
        after_end = m
    following = re.match(r"[\s\u00a0]*(\S)", text[q.close_mark + 1 : after_end])
    if text[q.start : q.end].rstrip()[-1:] in (".", "!", "?") and following and following.group(1).isupper():
        # '"That makes me smart." Trump was similarly defensive when ... said': the quote closed its sentence, so
        # only a short attribution right after it ('"..." Trump said.') belongs to it.
        short = re.match(r"\W*(?:\S+\s+){0,7}\S*", text[q.close_mark + 1 : after_end])
        end = _sentence_end(text, q.close_mark + 1, q.close_mark + 1 + (short.end() if short else 0))
        after_end = end if end is not None else q.close_mark + 1
    before_start = max(par_start, prev_close)
    ends = [e for e in _sentence_ends(text, before_start, q.open_mark) if not in_quote[e - 1]]
    if ends:
        before_start = ends[-1]
    dash = _SIGNATURE_DASH.match(text, q.close_mark + 1, par_end)
    if dash:
        # '"..." ― Karen Bobadilla': a signature line names the speaker without a verb.
        named = _name_at(doc, dash.end())
        if named is not None:
            return Attribution(None, named), "dash"
    # A cue with a speaker beats the nearer one without ('..., saying "..." Critics issued a statement calling').
    speakerless: tuple[Attribution, str] | None = None
    for how, (a, b) in (("after", (q.close_mark + 1, after_end)), ("before", (before_start, q.open_mark))):
        attr = _cue_in(doc, a, b, prefer_last=(how == "before"), quote=q, in_quote=in_quote)
        if attr is not None and attr.speaker is not None:
            return attr, how
        speakerless = speakerless or ((attr, how) if attr is not None else None)
    if speakerless is not None:
        return speakerless
    # '..., Schiff said. "The other factor ...': the sentence just before, in the same paragraph, attributes it.
    if before_start > par_start and not text[before_start : q.open_mark].strip():
        ends = [e for e in _sentence_ends(text, max(par_start, prev_close), before_start - 1) if not in_quote[e - 1]]
        attr = _cue_in(doc, ends[-1] if ends else max(par_start, prev_close), before_start, prefer_last=True, quote=q, in_quote=in_quote)
        if attr is not None and attr.speaker is not None:
            return attr, "previous"
    # "The New York Times reports:" closing the previous paragraph introduces the quote.
    if before_start == par_start and par_start > 1:
        prev_par_end = par_start - 1
        while prev_par_end > 0 and text[prev_par_end - 1] == "\n":
            prev_par_end -= 1
        if text[:prev_par_end].rstrip().endswith(":"):
            line_start = text.rfind("\n", 0, prev_par_end) + 1
            attr = _cue_in(doc, line_start, prev_par_end, prefer_last=True, quote=q, in_quote=in_quote)
            if attr is not None:
                return attr, "colon"
    return None, ""


def _name_at(doc: Doc, char: int) -> Span | None:
    """The name that starts at a character offset: an entity, or the run of proper nouns there if it is longer
    ('Nell Carden Grey' where the model tags only 'Nell')."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        return None
    i = j = span.start
    while j < len(doc) and doc[j].pos_ == "PROPN":
        j += 1
    for ent in doc.ents:
        if ent.start_char == char and ent.label_ in SPEAKER_NAMES:
            return Span(doc, i, j, label=ent.label_) if j > ent.end else ent
    return doc[i:j] if j > i else None


def _sentence_ends(text: str, a: int, b: int) -> list[int]:
    """Offsets just past each sentence-final mark in text[a:b], skipping abbreviations and initials."""
    out = []
    for m in _SENT_END.finditer(text, a, b):
        if text[m.start()] == ".":
            tail = re.search(r"([\w.]*)$", text[max(a, m.start() - 12) : m.start()])  # always matches, maybe empty
            word = tail.group(1).lower() if tail else ""
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or "." in word:
                continue
        out.append(m.end())
    return out


def _sentence_end(text: str, a: int, b: int) -> int | None:
    ends = _sentence_ends(text, a, b)
    return ends[0] if ends else None


def _cue_in(doc: Doc, a: int, b: int, prefer_last: bool, quote: QuoteSpan, in_quote: list[bool]) -> Attribution | None:
    if b <= a:
        return None
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None:
        return None
    tokens = [t for t in span if a <= t.idx < b]
    cues = [t for t in tokens if (t.lemma_.lower() in CUES or _puts_it(t)) and t.pos_ in ("VERB", "AUX")]
    for t in tokens:
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            cues.append(t)
    if not cues:
        return None
    cues.sort(key=lambda t: t.i, reverse=prefer_last)
    # Prefer a cue with a speaker; otherwise the nearest.
    for cue in cues:
        speaker = _speaker_of(cue, quote, in_quote)
        if speaker is not None:
            return Attribution(cue, speaker)
    return Attribution(cues[0], None)


def _puts_it(tok: Token) -> bool:
    """'..., as a Homeland Security memo put it': "put it" reports words."""
    return tok.lemma_.lower() == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children)


def _speaker_of(cue: Token, quote: QuoteSpan, in_quote: list[bool]) -> Span | None:
    doc = cue.doc
    if cue.lower_ == "according":
        objs = [c for c in doc[cue.i + 1].children if c.dep_ == "pobj"]
        if objs and objs[0].lemma_.lower() in DOCUMENTS:
            # "according to a statement from the Foreign Ministry": the ministry speaks through its statement.
            source = next(
                (
                    p
                    for c in objs[0].children
                    if c.dep_ == "prep" and c.lower_ in ("from", "by", "of")
                    for p in c.children
                    if p.dep_ == "pobj" and p.ent_type_ in SPEAKER_NAMES
                ),
                None,
            )
            objs = [source] if source is not None else objs
        return _mention(objs[0]) if objs else None
    for s in _speaker_tokens(cue, quote):
        if s.tag_ in ("WP", "WDT"):
            # "Trump, who said ...": the relative pronoun stands for the noun its clause hangs on.
            antecedent = relative_antecedent(cue)
            if antecedent is None:
                continue
            s = antecedent
        # Nobody speaks from inside a quotation (the parser may take a title quoted after the cue as its subject).
        if s.lower_ in ("that", "this", "which", "what") or in_quote[s.idx] or s.ent_type_ in NOT_SPEAKERS:
            continue
        if not any(c.isalnum() for c in s.text):
            continue  # the parser's subject can be a dash ("made public ― Trump boasted")
        named = next((c for c in s.children if c.dep_ == "appos" and c.ent_type_ in SPEAKER_NAMES), None)
        if s.pos_ == "NOUN" and not s.ent_type_ and named is not None:
            s = named  # "the election, Minyon Moore, ... called": the parser hung the name on a noun before it
        if s.lower_ == "it" and cue.lemma_ not in STRONG_CUES:
            continue  # "it said" is an organisation or a document speaking; "it called X" rarely is
        outer = cue.head if cue.dep_ == "ccomp" and cue.head.lemma_ in STRONG_CUES else None
        if outer is not None and s.lower_ in SPEAKER_PRONOUNS:
            # "She said she recalls ...": the pronoun repeats who is reporting; the report is the attribution.
            said = next((c for c in outer.children if c.dep_ == "nsubj" and c.i < cue.i), None)
            if said is not None:
                return _mention(said)
        return _mention(s)
    return None


def _speaker_tokens(cue: Token, quote: QuoteSpan) -> Iterator[Token]:
    """Who may be speaking through a cue verb, most likely first."""
    doc = cue.doc
    yield from (c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass"))
    before = doc[cue.i - 1] if cue.i > 0 else None
    subjectless = not any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children)
    if before is not None and before.pos_ == "PROPN" and (before.idx > quote.end or subjectless):
        # '"...," Tulsa police Chief Chuck Jordan said', 'Obama and Clinton call them "..."': the name right before
        # the verb is its subject, however the parser hung it.
        yield before
    if cue.idx < quote.start and cue.lemma_ in INVERTING_CUES and cue.is_sent_start and cue.i + 1 < len(doc):
        # 'Said Ellis: "..."': an inverted attribution opening its sentence names the speaker right after the verb.
        after = doc[cue.i + 1]
        named = after if after.pos_ == "PROPN" else next((c.root for c in sentence_chunks(cue.sent) if c.start == after.i), None)
        if named is not None and named.idx < quote.start:
            yield named
    if cue.idx > quote.end:
        # '"...," Flynn, a top Trump surrogate, said': the name opening the attribution, however the parser hung it.
        first = next((t for t in doc.char_span(quote.end, cue.idx, alignment_mode="expand") or () if t.is_alpha), None)
        if first is not None and first.ent_type_ in SPEAKER_NAMES and first.idx > quote.end:
            yield first
    # '"...," said the diplomat': spaCy may hang an inverted speaker after the verb (not with "told X", "called X");
    # English inverts only a reporting clause that directly follows the quote.
    # (A span's text, not doc.text: spaCy joins every token of the document on each doc.text.)
    gap = doc.char_span(quote.end, cue.idx, alignment_mode="expand") if cue.idx >= quote.end else None
    if cue.idx < quote.end:
        between = "x"
    else:
        between = (
            doc_text(doc)[quote.end : cue.idx] if gap is None else gap.text_with_ws[quote.end - gap.start_char : cue.idx - gap.start_char]
        )
    if cue.lemma_ in INVERTING_CUES and not any(c.isalnum() for c in between):
        yield from (
            c for c in cue.children if c.dep_ in ("dobj", "attr", "npadvmod") and c.i > cue.i and c.pos_ in ("PROPN", "NOUN", "PRON")
        )
    if cue.dep_ in ("conj", "xcomp", "advcl", "acl") and cue.head != cue:
        yield from (c for c in cue.head.children if c.dep_ in ("nsubj", "nsubjpass"))
        # "Trump, saying ...": the participle modifies its speaker; "softer language calling for ..." is no speaker.
        if cue.dep_ == "acl" and (cue.head.pos_ == "PROPN" or (cue.head.pos_ == "NOUN" and cue.lemma_ in STRONG_CUES)):
            yield cue.head
    if cue.dep_ == "pcomp" and cue.head.dep_ == "prep":
        yield from (c for c in cue.head.head.children if c.dep_ in ("nsubj", "nsubjpass"))  # "Blige sings before asking"


def _mention(tok: Token) -> Span:
    """The name or noun phrase a speaker token stands in."""
    doc = tok.doc
    if tok.ent_type_:
        start, end = tok.i, tok.i + 1
        while start > 0 and tok.ent_iob_ != "B" and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        while start < tok.i and doc[start].pos_ == "VERB":
            start += 1  # 'Said Ellis: "..."' tagged as one name
        # The small model sometimes tags a clause as a title ("Trump accused Holt of being a"): a name has no verb.
        if not any(t.pos_ in ("VERB", "AUX") for t in doc[start:end]):
            return Span(doc, start, end, label=tok.ent_type_)
    # The sentence's chunks, not the document's: this runs for every speaker.
    for chunk in sentence_chunks(tok.sent):
        if chunk.start <= tok.i < chunk.end:
            return chunk
    return doc[tok.i : tok.i + 1]
