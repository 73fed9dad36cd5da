"""Quotes: direct quotations with their speaker, cue verb and a confidence, ranked best first."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .actors import ActorIndex
from .model import Quote

CUES = {
    "say", "tell", "add", "warn", "state", "note", "explain", "insist", "argue", "claim", "ask", "reply", "respond",
    "answer", "announce", "declare", "write", "tweet", "post", "continue", "acknowledge", "admit", "suggest",
    "recall", "report", "confirm", "deny", "describe", "call", "urge", "predict", "stress", "emphasize",
    "emphasise", "caution", "complain", "joke", "remark", "observe", "vow", "promise", "concede", "testify",
    "assert", "boast", "charge", "contend", "counter", "quip", "recount", "reiterate", "reveal", "scoff", "shout",
    "speculate", "tout", "wonder", "exclaim", "lament", "allege", "maintain", "mention", "comment", "conclude",
    "pledge", "proclaim", "quote", "cite", "accuse", "demand", "criticize", "criticise", "thank", "hail", "recommend",
    "yell", "whisper", "mutter", "plead", "point", "agree", "predict", "threaten", "promise", "label", "dub",
}  # fmt: skip
STRONG_CUES = {"say", "tell", "add", "write", "ask", "reply", "respond", "tweet", "explain", "continue", "note", "warn"}
PRONOUNS = {"he": "sg", "she": "sg", "him": "sg", "her": "sg", "they": "pl", "them": "pl", "i": "self", "we": "self", "it": "it"}
OPENERS = {'"': "straight", "\u201c": "open", "\u201d": "close"}
_SENT_END = re.compile(r"[.!?](?=[\s\"\u201d\u2019)]|$)")


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # first character of the quoted words
    end: int  # one past the last quoted word
    open_mark: int
    close_mark: int  # index of the closing mark (or of the paragraph end when unclosed)


@dataclass(frozen=True)
class Attribution:
    cue: Token | None
    speaker: Span | None


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


def extract_quotes(doc: Doc, actors: ActorIndex, article_id: str) -> tuple[Quote, ...]:
    text = doc.text
    spans = find_quote_spans(text)
    in_quote = [False] * (len(text) + 1)
    for q in spans:
        for i in range(q.open_mark, min(q.close_mark + 1, len(text))):
            in_quote[i] = True
    candidates = _candidates(doc, in_quote)
    out: list[tuple[float, Quote]] = []
    previous: Quote | None = None
    for i, q in enumerate(spans):
        prev_close = spans[i - 1].close_mark + 1 if i else 0
        next_open = spans[i + 1].open_mark if i + 1 < len(spans) else len(text)
        attr, how = _attribute(doc, q, prev_close, next_open, in_quote)
        quoted = text[q.start : q.end]
        n_words = len(quoted.split())
        if attr is None and previous is not None and _same_or_next_paragraph(text, previous.end, q.start):
            # A quote running on from the last one, with no attribution of its own: the same speaker.
            quote = Quote(quoted, q.start, q.end, previous.speaker, previous.speaker_span, previous.actor_id,
                          previous.cue, True, round(min(previous.confidence, 0.6), 2), article_id)
        elif attr is None:
            if n_words < 4:
                continue  # a scare quote or a title, not a quotation
            quote = Quote(quoted, q.start, q.end, None, None, None, None, True, 0.3, article_id)
        elif attr.speaker is None and n_words < 4:
            continue  # "the so-called 'peace dividend'": a cue word but nobody speaking
        else:
            speaker, span, actor_id, conf = _resolve(attr.speaker, q.start, candidates, actors)
            cue = attr.cue.lower_ if attr.cue is not None else None
            if attr.cue is not None and attr.cue.lemma_ not in STRONG_CUES:
                conf -= 0.1
            if how == "colon":
                conf -= 0.1
            if n_words < 3:
                conf -= 0.3
            quote = Quote(quoted, q.start, q.end, speaker, span, actor_id, cue, True, round(max(0.05, conf), 2), article_id)
        previous = quote
        rank = quote.confidence * (1.0 + min(n_words, 40) / 40) + (0.3 if quote.actor_id else 0.0)
        out.append((rank, quote))
    out.sort(key=lambda rq: (-rq[0], rq[1].start))
    return tuple(q for _, q in out)


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Pair quotation marks paragraph by paragraph; a quote left open continues into a paragraph that opens with one."""
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    spans: list[QuoteSpan] = []
    carry: int | None = None  # open mark of a quote continuing from an earlier paragraph
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        for i in range(p_start, p_end):
            ch = text[i]
            if ch not in OPENERS:
                continue
            kind = OPENERS[ch]
            if open_at is None and kind != "close":
                if carry is not None and i == _first_visible(text, p_start):
                    open_at = carry  # the continuation's opening mark repeats the quote's
                else:
                    open_at = i
                carry = None
            elif open_at is not None and kind != "open":
                spans.extend(_content(text, open_at, i))
                open_at = None
            elif open_at is not None and kind == "open":
                open_at = i  # two openings in a row: the first was stray
        if carry is not None:
            carry = None
        if open_at is not None:
            nxt = paragraphs[p_index + 1][0] if p_index + 1 < len(paragraphs) else None
            if nxt is not None and text[_first_visible(text, nxt)] in ('"', "\u201c"):
                carry = open_at
            else:
                spans.extend(_content(text, open_at, p_end))
    return spans


def _first_visible(text: str, i: int) -> int:
    while i < len(text) - 1 and text[i].isspace():
        i += 1
    return i


def _content(text: str, open_mark: int, close_mark: int) -> list[QuoteSpan]:
    start, end = open_mark + 1, close_mark
    while start < end and text[start].isspace():
        start += 1
    # The comma before a closing mark belongs to the attribution that follows, not to the quoted words.
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    if not any(c.isalpha() for c in text[start:end]):
        return []
    return [QuoteSpan(start, end, open_mark, close_mark)]


def _same_or_next_paragraph(text: str, a: int, b: int) -> bool:
    return text.count("\n\n", a, b) + (text.count("\n", a, b) - 2 * text.count("\n\n", a, b)) <= 1


def _attribute(doc: Doc, q: QuoteSpan, prev_close: int, next_open: int, in_quote: list[bool]) -> tuple[Attribution | None, str]:
    """The cue verb and speaker in the words around the quote: after it first, then before it."""
    text = doc.text
    par_end = text.find("\n", q.close_mark)
    par_end = len(text) if par_end < 0 else par_end
    par_start = text.rfind("\n", 0, q.open_mark) + 1
    after_end = min(par_end, next_open)
    m = _SENT_END.search(text, q.close_mark + 1, after_end)
    if m:
        after_end = m.end()
    before_start = max(par_start, prev_close)
    ends = list(_SENT_END.finditer(text, before_start, q.open_mark))
    ends = [e for e in ends if not in_quote[e.start()]]
    if ends:
        before_start = ends[-1].end()
    for how, (a, b) in (("after", (q.close_mark + 1, after_end)), ("before", (before_start, q.open_mark))):
        attr = _cue_in(doc, a, b, prefer_last=(how == "before"), quote=q)
        if attr is not None:
            return attr, how
    # "The New York Times reports:" closing the previous paragraph introduces the quote.
    if before_start == par_start and par_start > 1:
        prev_par_end = par_start - 1
        while prev_par_end > 0 and text[prev_par_end - 1] == "\n":
            prev_par_end -= 1
        if text[:prev_par_end].rstrip().endswith(":"):
            line_start = text.rfind("\n", 0, prev_par_end) + 1
            attr = _cue_in(doc, line_start, prev_par_end, prefer_last=True, quote=q)
            if attr is not None:
                return attr, "colon"
    return None, ""


def _cue_in(doc: Doc, a: int, b: int, prefer_last: bool, quote: QuoteSpan) -> Attribution | None:
    if b <= a:
        return None
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None:
        return None
    tokens = [t for t in span if a <= t.idx < b]
    cues = [t for t in tokens if t.lemma_.lower() in CUES and t.pos_ in ("VERB", "AUX")]
    for t in tokens:
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            cues.append(t)
    if not cues:
        return None
    cues.sort(key=lambda t: t.i, reverse=prefer_last)
    # Prefer a cue with a speaker; otherwise the nearest.
    for cue in cues:
        speaker = _speaker_of(cue, a, b, quote)
        if speaker is not None:
            return Attribution(cue, speaker)
    return Attribution(cues[0], None)


def _speaker_of(cue: Token, a: int, b: int, quote: QuoteSpan) -> Span | None:
    doc = cue.doc
    if cue.lower_ == "according":
        objs = [c for c in doc[cue.i + 1].children if c.dep_ == "pobj"]
        return _mention(objs[0]) if objs else None
    subj = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
    # "said X": spaCy may hang the speaker after the verb as an object or an attribute.
    if not subj:
        subj = [c for c in cue.children if c.dep_ in ("dobj", "attr", "npadvmod") and c.i > cue.i and (c.pos_ in ("PROPN", "NOUN", "PRON"))]
    if not subj and cue.dep_ in ("conj", "xcomp", "advcl") and cue.head is not cue:
        subj = [c for c in cue.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    for s in subj:
        if s.lower_ in ("it", "that", "this", "which", "what") or quote.start <= s.idx < quote.end:
            continue
        return _mention(s)
    return None


def _mention(tok: Token) -> Span:
    """The name or noun phrase a speaker token stands in."""
    doc = tok.doc
    if tok.ent_type_:
        for ent in doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent
    for chunk in doc.noun_chunks:
        if chunk.start <= tok.i < chunk.end:
            return chunk
    return doc[tok.i : tok.i + 1]


def _candidates(doc: Doc, in_quote: list[bool]) -> list[Candidate]:
    """Speakers of reporting verbs and named people, in text order, outside quotations."""
    seen: dict[int, Candidate] = {}
    for tok in doc:
        if in_quote[tok.idx]:
            continue
        # Only verbs of saying make someone the current speaker ("vowed to engage" does not).
        if tok.lemma_.lower() in STRONG_CUES and tok.pos_ == "VERB":
            for s in tok.children:
                if s.dep_ in ("nsubj", "nsubjpass") and s.pos_ in ("NOUN", "PROPN"):
                    seen.setdefault(s.idx, _candidate(_mention(s), speaker=True))
    for ent in doc.ents:
        if ent.label_ == "PERSON" and not in_quote[ent.start_char]:
            seen.setdefault(ent.root.idx, _candidate(ent, speaker=False))
    return sorted(seen.values(), key=lambda c: c.start)


def _candidate(span: Span, speaker: bool) -> Candidate:
    root = span.root
    person_like = span.label_ == "PERSON" or (root.pos_ == "NOUN" and root.ent_type_ not in ("ORG", "GPE", "NORP"))
    plural = root.tag_ in ("NNS", "NNPS") or span.label_ in ("ORG", "NORP")
    return Candidate(span.start_char, span, span.text, root.lemma_.lower(), plural, person_like, speaker)


def _resolve(speaker: Span | None, quote_start: int, candidates: list[Candidate], actors: ActorIndex) -> tuple[str | None, tuple[int, int] | None, str | None, float]:
    """The speaker's best name: pronouns and short descriptions go back to who they refer to."""
    if speaker is None:
        return None, None, None, 0.5
    span = (speaker.start_char, speaker.end_char)
    target = _antecedent(speaker, candidates)
    conf = 0.9
    if target is None:
        conf = 0.6 if speaker.root.lower_ in PRONOUNS else 0.9
        target = speaker
    elif target is not speaker:
        conf = 0.8
    head = target.root
    actor = actors.actor_at(head.idx, head.idx + len(head))
    if actor is not None and actor.kind in ("person", "organization", "group", "place"):
        return actor.name, span, actor.id, conf
    return _describe(target), span, None, conf


def _antecedent(speaker: Span, candidates: list[Candidate], depth: int = 0) -> Span | None:
    root = speaker.root
    before = [c for c in candidates if c.start < speaker.start_char]
    kind = PRONOUNS.get(root.lower_)
    if kind == "sg":
        # A pronoun that speaks most likely continues the last speaker; failing that, the last person named.
        for want_speaker in (True, False):
            for c in reversed(before):
                if c.speaker == want_speaker and c.person_like and not c.plural and c.span.root.lower_ not in PRONOUNS:
                    return (_antecedent(c.span, candidates, depth + 1) if depth < 3 else None) or c.span
        return None
    if kind == "pl":
        for c in reversed(before):
            if c.plural and c.span.root.lower_ not in PRONOUNS:
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
    text = span.text.strip()
    return re.sub(r"^(?:one|One) ", "a ", text)
