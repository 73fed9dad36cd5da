"""Quotes: direct quotations with their speaker, cue verb and a confidence, ranked best first."""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..model import Quote, Timex, Transcript, Turn
from .actors import NICKNAMED, ActorIndex
from .facts import Information, fragment
from .nlp import relative_antecedent, sentence_chunks
from .transcripts import turn_finder

CUES = {
    "say", "tell", "add", "warn", "state", "note", "explain", "insist", "argue", "claim", "ask", "reply", "respond",
    "answer", "announce", "declare", "write", "tweet", "post", "continue", "acknowledge", "admit", "suggest",
    "recall", "report", "confirm", "deny", "describe", "call", "urge", "predict", "stress", "emphasize",
    "emphasise", "caution", "complain", "joke", "remark", "observe", "vow", "promise", "concede", "testify",
    "assert", "boast", "charge", "contend", "counter", "quip", "recount", "reiterate", "reveal", "scoff", "shout",
    "speculate", "tout", "wonder", "exclaim", "lament", "allege", "maintain", "mention", "comment", "conclude",
    "pledge", "proclaim", "quote", "cite", "accuse", "demand", "criticize", "criticise", "thank", "hail", "recommend",
    "read", "sing", "condemn", "yell", "whisper", "mutter", "plead", "point", "agree", "threaten", "label", "dub",
    "characterize", "characterise", "brand", "term", "liken", "dismiss", "blast", "slam", "praise", "laud", "decry",
    "denounce", "deride", "mock", "ridicule",
}  # fmt: skip
STRONG_CUES = {"say", "tell", "add", "write", "ask", "reply", "respond", "tweet", "explain", "continue", "note", "warn"}
INVERTING_CUES = {"say", "add", "write", "ask", "explain", "continue", "note", "reply", "respond"}
PRONOUNS = {"he": "sg", "she": "sg", "him": "sg", "her": "sg", "they": "pl", "them": "pl", "i": "self", "we": "self", "it": "it"}
NOT_SPEAKERS = {"DATE", "TIME"}  # "said Monday", "at 5:45 p.m. said"; "63 percent said" is a source
SPEAKER_NAMES = {"PERSON", "ORG", "NORP", "GPE"}  # the entities that speak
# Texts that "say" things: "The statement said ..." is no "he".
DOCUMENTS = {"statement", "report", "letter", "memo", "article", "piece", "study", "survey", "poll", "document", "ad",
             "advertisement", "release", "website", "post", "tweet", "email", "filing", "lawsuit", "complaint", "ruling",
             "order", "bill", "law", "resolution", "editorial", "book", "video", "message", "note", "analysis", "data"}
# A single mark opening a quotation: at a word's start, before a letter or digit, not an elision ('90s, 'em, 'n').
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[\u2014\u2013]))['\u2018](?=[^\W_])(?!\d0s|em\b|n\b|til\b|cause\b|tis\b)", re.MULTILINE)
# A single mark closing one: after a word or punctuation, before a space, punctuation or the line's end.
# (Not a contraction that lost its letters to a space: "couldn' t".)
_SINGLE_CLOSE = re.compile(r"(?<=[^\s'\u2018])['\u2019](?=[\s.,;:!?)\]\u2014\u2013]|$)(?! (?:s|t|re|ll|ve|d|m)\b)", re.MULTILINE)
OPENERS = {'"': "straight", "\u201c": "open", "\u201d": "close"}
_SENT_END = re.compile(r"[.!?](?=[\s\"\u201d\u2019]|$)")
# Full stops that end an abbreviation, not a sentence: "Rep. Gwen Moore (D-Wis.) said".
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "adm", "st", "jr", "sr", "prof",
    "rev", "hon", "pres", "no", "vs", "inc", "corp", "co", "ltd", "jan", "feb", "aug", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "d.c", "a.m", "p.m", "e.g", "i.e", "ft", "mt", "ave", "blvd", "dept", "univ", "assn",
}  # fmt: skip
_SIGNATURE_DASH = re.compile("[\\s\u00a0]*[\u2015\u2014\u2013-]+[\\s\u00a0]*")


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
    """One Quote per attributed statement: the parts of a quote split by its attribution are one quote."""
    text = doc.text
    nicknames = [(m.start(), m.end()) for m in NICKNAMED.finditer(text)]
    spans = [q for q in find_quote_spans(text) if not any(a < q.open_mark and q.close_mark < b for a, b in nicknames)]
    in_quote = [False] * (len(text) + 1)
    for q in spans:
        for i in range(q.open_mark, min(q.close_mark + 1, len(text))):
            in_quote[i] = True
    candidates = _candidates(doc, in_quote)
    groups: list[tuple[list[QuoteSpan], Attribution | None, str]] = []
    for i, q in enumerate(spans):
        prev_close = spans[i - 1].close_mark + 1 if i else 0
        next_open = spans[i + 1].open_mark if i + 1 < len(spans) else len(text)
        attr, how = _attribute(doc, text, q, prev_close, next_open, in_quote)
        if groups and _continues(text, groups[-1], q, attr):
            parts, g_attr, g_how = groups[-1]
            groups[-1] = (parts + [q], g_attr or attr, g_how or how)
        else:
            groups.append(([q], attr, how))
    out: list[tuple[float, Quote]] = []
    previous: Quote | None = None
    for parts, attr, how in groups:
        quote = _make_quote(text, parts, attr, how, previous, candidates, actors, article_id)
        if quote is None:
            continue
        previous = quote
        if attr is not None and attr.speaker is not None and attr.speaker.root.lower_ not in PRONOUNS:
            # Whoever a quote is attributed to ("Haddad dismissed the plan as '...'") is the one speaking now.
            _as_speaker(candidates, attr.speaker)
        n_words = sum(len(text[a:b].split()) for a, b in quote.parts)
        rank = quote.confidence * (1.0 + min(n_words, 40) / 40) + (0.3 if quote.actor_id else 0.0)
        out.append((rank, quote))
    out.sort(key=lambda rq: (-rq[0], rq[1].start))
    return tuple(q for _, q in out)


def _continues(text: str, group: tuple[list[QuoteSpan], Attribution | None, str], q: QuoteSpan, attr: Attribution | None) -> bool:
    """A quote part continues the group before it in the same paragraph when it has no attribution of its own,
    or shares the one between them ('"...," he said, "..."')."""
    parts, g_attr, _ = group
    if "\n" in text[parts[-1].close_mark : q.open_mark]:
        return False
    if attr is None:
        return True
    return g_attr is not None and g_attr.cue is not None and attr.cue is not None and g_attr.cue.i == attr.cue.i


def _make_quote(text: str, parts: list[QuoteSpan], attr: Attribution | None, how: str, previous: Quote | None,
                candidates: list[Candidate], actors: ActorIndex, article_id: str) -> Quote | None:
    start, end = parts[0].start, parts[-1].end
    bounds = tuple((p.start, p.end) for p in parts)
    n_words = sum(len(text[p.start : p.end].split()) for p in parts)
    if attr is None and previous is not None and _runs_on(text, previous.end, parts[0].open_mark):
        # A quote running on from the last one, with no attribution of its own: the same speaker.
        return Quote(text[start:end], start, end, previous.speaker, previous.speaker_span, previous.actor_id,
                     previous.cue, True, round(min(previous.confidence, 0.6), 2), article_id, bounds)
    if attr is None:
        if n_words < 4:
            return None  # a scare quote or a title, not a quotation
        return Quote(text[start:end], start, end, None, None, None, None, True, 0.3, article_id, bounds)
    if attr.speaker is None and n_words < 4:
        return None  # "the so-called 'peace dividend'": a cue word but nobody speaking
    speaker, span, actor_id, conf = _resolve(attr.speaker, start, candidates, actors)
    cue = attr.cue.lower_ if attr.cue is not None else None
    if attr.cue is not None and attr.cue.lemma_ not in STRONG_CUES:
        conf -= 0.1
    if how in ("colon", "dash", "previous"):
        conf -= 0.1
    if n_words < 3:
        conf -= 0.3
    return Quote(text[start:end], start, end, speaker, span, actor_id, cue, True, round(max(0.05, conf), 2), article_id, bounds)


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Pair quotation marks paragraph by paragraph; a quote left open continues into a paragraph that opens with one.
    Text that quotes with single marks (British style: 'We will win,' he said) is paired on those."""
    text = _as_double_quoted(text)
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
            if kind == "close" and open_at is None and (i == p_start or text[i - 1].isspace() or text[i - 1] in "([") \
                    and i + 1 < p_end and text[i + 1].isalnum():
                kind = "open"  # '”Mr. Trump embodies ...”': a closing mark typed where the quote opens
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


def _as_double_quoted(text: str) -> str:
    """The text itself when it quotes with double marks; for British-style text, a copy of the same length whose
    single quotation marks are double ones and whose (nested) double marks are blanked, so offsets stay the same."""
    # Corpus text doubles single marks for double ones (''like this''): such text is not British-style.
    if "''" in text or "``" in text:
        return text
    closers = [m.start() for m in _SINGLE_CLOSE.finditer(text)]
    # "the players' union": a plural possessive, not a closing mark, unless nothing else closes the quote.
    possessive = [text[i - 1] == "s" and re.match(r" [a-z]", text[i + 1 : i + 3]) is not None for i in closers]
    next_plain = [len(closers)] * (len(closers) + 1)  # index of the next closer that is no possessive
    for n in range(len(closers) - 1, -1, -1):
        next_plain[n] = next_plain[n + 1] if possessive[n] else n
    breaks = [m.start() for m in re.finditer("\n", text)] + [len(text)]
    pairs = [(m.start(), _single_close(m.start(), breaks, closers, next_plain)) for m in _SINGLE_OPEN.finditer(text)]
    doubles = [i for i, c in enumerate(text) if c in '"\u201c\u201d']
    if not pairs or (len(pairs) < 2 and doubles):
        return text  # one single-quoted phrase beside double marks is a title or a scare quote
    # British style: single marks quote, and double ones appear only inside them ('They call it "the escape".').
    covered = [0] * (len(text) + 1)  # +1 where a single-quoted stretch starts, -1 where it ends
    for a, b in pairs:
        covered[a + 1] += 1
        covered[b if b is not None else len(text)] -= 1
    depth = list(itertools.accumulate(covered))
    if any(depth[i] <= 0 for i in doubles):
        return text
    chars = list(text)
    for i in doubles:
        chars[i] = " "
    for a, b in pairs:
        chars[a] = "\u201c"
        if b is not None:
            chars[b] = "\u201d"
    return "".join(chars)


def _single_close(open_mark: int, breaks: list[int], closers: list[int], next_plain: list[int]) -> int | None:
    """The mark closing a single-quoted quotation in its paragraph: the first closer that is no possessive, else the
    paragraph's last one."""
    end = breaks[bisect.bisect_left(breaks, open_mark)]
    first, last = bisect.bisect_left(closers, open_mark + 2), bisect.bisect_left(closers, end)
    if first >= last:
        return None
    n = next_plain[first]
    return closers[n] if n < last else closers[last - 1]


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


def _runs_on(text: str, previous_end: int, open_mark: int) -> bool:
    """A quote continues the last one from the same paragraph, or when it opens the next paragraph."""
    breaks = len(re.findall(r"\n+", text[previous_end:open_mark]))
    return breaks == 0 or (breaks == 1 and not text[text.rfind("\n", 0, open_mark) + 1 : open_mark].strip())


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
        attr = _cue_in(doc, ends[-1] if ends else max(par_start, prev_close), before_start, prefer_last=True, quote=q,
                      in_quote=in_quote)
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
            source = next((p for c in objs[0].children if c.dep_ == "prep" and c.lower_ in ("from", "by", "of")
                           for p in c.children if p.dep_ == "pobj" and p.ent_type_ in SPEAKER_NAMES), None)
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
        if outer is not None and s.lower_ in PRONOUNS:
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
        between = doc.text[quote.end : cue.idx] if gap is None else gap.text_with_ws[quote.end - gap.start_char : cue.idx - gap.start_char]
    if cue.lemma_ in INVERTING_CUES and not any(c.isalnum() for c in between):
        yield from (c for c in cue.children if c.dep_ in ("dobj", "attr", "npadvmod") and c.i > cue.i and c.pos_ in ("PROPN", "NOUN", "PRON"))
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
        root.pos_ == "NOUN" and root.ent_type_ not in ("ORG", "GPE", "NORP") and root.lemma_.lower() not in DOCUMENTS)
    plural = plural or root.tag_ in ("NNS", "NNPS") or span.label_ in ("ORG", "NORP")
    return Candidate(span.start_char, span, span.text, root.lemma_.lower(), plural, person_like, speaker)


def _resolve(speaker: Span | None, quote_start: int, candidates: list[Candidate], actors: ActorIndex) -> tuple[str | None, tuple[int, int] | None, str | None, float]:
    """The speaker's best name: pronouns and short descriptions go back to who they refer to."""
    if speaker is None:
        return None, None, None, 0.5
    span = (speaker.start_char, speaker.end_char)
    target = _antecedent(speaker, candidates)
    if target is None:
        conf = 0.6 if speaker.root.lower_ in PRONOUNS else 0.9
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
    kind = PRONOUNS.get(root.lower_)
    if kind == "sg":
        # A pronoun that speaks most likely continues the last speaker; failing that, the last person named.
        for want_speaker in (True, False):
            for c in reversed(before):
                if c.speaker == want_speaker and c.person_like and not c.plural and c.span.root.lower_ not in PRONOUNS:
                    return (_antecedent(c.span, candidates, depth + 1) if depth < 3 else None) or c.span
        return None
    if kind == "it":
        for c in reversed(before):
            if c.speaker and not c.person_like and c.span.root.lower_ not in PRONOUNS:
                return c.span
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


TURN_QUOTES = (3, 10)  # the fewest and most statements taken from a transcript's turns
TURN_QUOTE_MIN_WORDS = 8


def quotes_from_turns(doc: Doc, sentences: Sequence[tuple[int, int]], transcript: Transcript, talk: frozenset[int],
                      actors: ActorIndex, timexes: Sequence[Timex], marked: Sequence[Quote], article_id: str) -> tuple[Quote, ...]:
    """A transcript is verbatim: the principals' strongest statements are quotes with their turn's speaker, ahead of
    the words they quote in quotation marks. Questions, greetings and housekeeping (`talk`) are never taken, nor is a
    reporter's turn; a marked quote in a principal's turn with no speaker of its own is the turn speaker's words,
    and one in a reporter's turn with no cue of its own is nobody's (the official did not say it)."""
    text = doc.text
    turn_at = turn_finder(transcript.turns)
    information = Information(doc, timexes, {span: a.salience for a in actors.actors for span in a.spans})
    scored: list[tuple[float, int, int, Turn]] = []
    for i, (a, b) in enumerate(sentences):
        turn = turn_at(a)
        if i in talk or turn is None or turn.role != "principal":
            continue
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None or sum(t.is_alpha for t in span) < TURN_QUOTE_MIN_WORDS or fragment(span):
            continue
        # Position counts a little: the prepared opening statement carries the news more often than the answers.
        score = information(span) + 0.5 * math.exp(-len(scored) / 20)
        scored.append((score, a, b, turn))
    n = max(TURN_QUOTES[0], min(TURN_QUOTES[1], len(scored) // 10))
    best = sorted(scored, key=lambda x: (-x[0], x[1]))[:n]
    turns = tuple(
        Quote(text[a:b], a, b, turn.speaker, turn.label_span, turn.actor_id, None, True, 1.0, article_id)
        for _, a, b, turn in sorted(best, key=lambda x: -x[0])
    )
    own: list[Quote] = []
    for q in marked:
        turn = turn_at(q.start)
        if turn is not None and turn.role == "principal" and q.speaker is None:
            q = replace(q, speaker=turn.speaker, speaker_span=turn.label_span, actor_id=turn.actor_id, confidence=min(q.confidence, 0.6))
        elif turn is not None and turn.role != "principal" and q.cue is None and q.speaker is not None:
            q = replace(q, speaker=None, speaker_span=None, actor_id=None, confidence=min(q.confidence, 0.3))
        own.append(q)
    return turns + tuple(own)
