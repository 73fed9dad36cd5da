"""Key facts: the declarative sentences that carry the most information (figures, decisions, dates, named actors)."""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..model import Fact, Quote, Sentence, Timex, Transcript, Turn
from .actors import ActorIndex
from .lexicon import CLAIMING, DASHES, FIRST_PERSON_ALL, QUANTITY_LABELS
from .nlp import doc_text
from .stories import near_duplicate
from .transcripts import turn_finder

DECISIONS = {
    "agree", "announce", "sign", "approve", "decide", "release", "pass", "vote", "launch", "impose", "ban", "order",
    "pledge", "commit", "adopt", "establish", "appoint", "elect", "arrest", "sentence", "free", "kill", "rescue",
    "reject", "veto", "award", "fund", "invest", "cut", "raise", "close", "open", "declare", "ratify", "resign",
    "win", "defeat", "lose", "charge", "convict", "deploy", "withdraw", "suspend", "expand", "create", "introduce",
}  # fmt: skip
QUOTE_MARKS = '"\u201c\u201d'

# What is said to run an event or a conversation, not to inform: greetings, thanks, pleasantries, housekeeping
# ("Go ahead", "Next question", "I'll turn it over to"), embargo and ground-rule notices.
_OPENERS = r"^(?:(?:and|so|but|well|okay|ok|all right|alright|now|again|first|finally|look|listen|yes|no|oh|sir|ma'am)\b[,.\s]*)*"
_GREETING = re.compile(
    _OPENERS + r"(?:good (?:morning|afternoon|evening|day)|hello|hi|hey|greetings|welcome(?! news)|thank(?:s(?! to)| you)|"
    r"(?:it'?s|it is|how) (?:good|great|nice|wonderful|an honou?r) to|(?:(?:please|everyone|everybody|folks),? )*(?:have|take) a seat|"
    r"(?:please,? )?(?:be seated|sit down)|congratulations|happy (?:birthday|holidays|new year|thanksgiving)|"
    r"(?:please,? )?go ahead|next question|last question|one (?:more|last) question)\b",
    re.IGNORECASE,
)
_PLEASANTRY = re.compile(
    r"\b(?:(?:(?:want|wanted|like|going|have|need)\s+to|let me|I'?d|I'?ll|I|we)\s+(?:also\s+|just\s+|first\s+|really\s+)*thank\b|"
    r"(?:excited|glad|happy|pleased|delighted|thrilled|honou?red|privileged|grateful|great|good|nice|wonderful)\s+to\s+"
    r"(?:have (?:you|all|everyone|everybody|us|him|her|them)|be (?:here|with (?:you|us|all)|joined)|see (?:you|everyone|everybody|all)|"
    r"welcome|join|host you|be able to join|be part)|(?:kind|warm) (?:invitation|welcome|hospitality|words)|"
    r"thank(?:s| you) (?:all |everyone |everybody |so much |very much )*for (?:joining|coming|being|having|your (?:time|patience|kind|hospitality))|"
    r"(?:grateful|thankful|honou?red|delighted|glad|happy) (?:for|to have) (?:the|this) (?:opportunity|chance|privilege|honou?r))",
    re.IGNORECASE,
)
_HOUSEKEEPING = re.compile(
    r"\b(?:(?:take|taking|time for|open it up (?:for|to)|have time for|got time for) (?:a few |some |your |a couple (?:of )?|any |one |two |three )?(?:more |last |final )?questions?|"
    r"(?:I|we)(?:'ll| will|'d like to| want to| am going to|'m going to| are going to|'re going to)? (?:now |just )?(?:turn|hand|kick|pass) (?:it|things|this|us) (?:over|back|off)|"
    r"turn (?:it|things|this) (?:over|back) (?:to (?:you|my|our|him|her|the (?:moderator|briefer|president|secretary)\b|\[|[A-Z])|to talk)|kick (?:us|things) off|"
    r"embargoed|under (?:an? |the )?embargo until|(?:lift|lifting) the embargo(?! on| against| imposed)|ground rules|"
    r"(?:this|the) (?:call|briefing|conversation) is (?:on background|off the record|on the record)|"
    r"attribut(?:ed|able) to \W?senior administration officials?|for your awareness|not for (?:your )?reporting|"
    r"(?:do|take) (?:just )?one more(?: here| then)?[.!]?$|(?:anything|things|couple (?:of )?things|two things|one thing|a few things)(?: for you)? at the top|"
    r"moderate the (?:Q&A|questions|call)|(?:with|on) that,? I(?:'ll| will)|I'?ll let you (?:know|go)|"
    r"(?:you|y'all) (?:have|got) (?:a|the) (?:question|floor)|can you hear me|housekeeping|"
    r"(?:for|in) (?:planning|scheduling) purposes|RSVP)",
    re.IGNORECASE,
)
# A sentence that only introduces what follows ("Here are the takeaways:", "Here's a short clip").
_INTRODUCER = re.compile(
    r"^(?:here(?:'s| is| are)\b|(?:watch|listen to|read|see) (?:the |our |a )?(?:full |short )?(?:video|clip|statement|list|transcript)\b)",
    re.IGNORECASE,
)


def _plain(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'").strip()


def talk_kind(span: Span) -> str | None:
    """Why a sentence is talk rather than substance: "question", "greeting", "housekeeping", "introduction";
    None for substance. Summaries, key facts, key points and quotes from turns never take such talk."""
    text = _plain(span.text).rstrip(QUOTE_MARKS + "')] ")
    if text.endswith("?"):
        return "question"
    if text.endswith(":") or _INTRODUCER.match(text.lstrip(QUOTE_MARKS + "'(")):
        return "introduction"
    thanks = "thank" in text.lower() and any(t.lemma_ == "thank" and t.dep_ == "ROOT" for t in span)  # the words first
    if _GREETING.match(text) or _PLEASANTRY.search(text) or thanks:
        return "greeting"
    if (m := _HOUSEKEEPING.search(text)) is not None and not _someone_elses(span, m.start() + len(span.text) - len(span.text.lstrip())):
        return "housekeeping"
    return None


def _someone_elses(span: Span, at: int) -> bool:
    """The words that sound like running the session tell what someone named does ("After that, the President will
    hold a press conference and take questions from the media"): a subject that is a noun, not the speaker's "I",
    "we" or "you", is no housekeeping. `at` is the match's offset in the sentence's text."""
    tok = next((t for t in span if t.idx - span.start_char >= at), None)
    for v in (tok, *tok.ancestors) if tok is not None else ():
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj.pos_ in ("NOUN", "PROPN")
        if v.dep_ not in ("conj", "xcomp", "dobj", "prep", "pobj", "compound", "amod", "det"):
            return False
    return False


def fragment(span: Span) -> bool:
    """Not a complete declarative sentence: no finite verb, a start inside another sentence, or unbalanced quotes."""
    text = span.text.strip()
    if not text or not (text[0].isupper() or text[0].isdigit() or text[0] in QUOTE_MARKS + "'\u2018("):
        return True  # a piece broken off a sentence (', the agency said')
    if not any(t.pos_ in ("VERB", "AUX") and ("Fin" in t.morph.get("VerbForm", None) or t.tag_ == "MD") for t in span):
        return True
    straight = text.count('"')
    return straight % 2 == 1 or text.count("\u201c") != text.count("\u201d")


@dataclass(frozen=True)
class Attribution:
    """Who states a sentence, when it is a statement or a claim."""

    speaker: str | None
    actor_id: str | None


class SpokenQuotes:
    """The quotes that have a speaker, found by the span they overlap: by bisect over their starts, walking back only
    while an earlier quote can still reach the span, so a long article's sentences are not each compared with every
    quote. Of several, the first in the quotes' own order (their rank) speaks."""

    def __init__(self, quotes: Sequence[Quote]) -> None:
        self._quotes = sorted(((q.start, q.end, rank, q) for rank, q in enumerate(quotes) if q.speaker), key=lambda x: x[:3])
        self._starts = [x[0] for x in self._quotes]
        self._reach = list(itertools.accumulate((x[1] for x in self._quotes), max))

    def overlapping(self, a: int, b: int) -> Quote | None:
        j = bisect_left(self._starts, b) - 1  # the quotes that start before the span ends
        best: tuple[int, Quote] | None = None
        while j >= 0 and self._reach[j] > a:
            start, end, rank, q = self._quotes[j]
            if end > a and (best is None or rank < best[0]):
                best = (rank, q)
            j -= 1
        return best[1] if best else None


def attribution(span: Span, actors: ActorIndex, quotes: SpokenQuotes, turn: Turn | None, author: Attribution | None) -> Attribution | None:
    """The one who states a sentence: its transcript turn's speaker, a quote's attributed speaker, the subject of a
    reporting verb ("North Korea's state news agency said ..."), "according to X", else the statement's author."""
    if turn is not None:
        return Attribution(turn.speaker, turn.actor_id)
    q = quotes.overlapping(span.start_char, span.end_char)
    if q is not None:  # a sentence inside a quotation running over several is its speaker's
        return Attribution(q.speaker, q.actor_id)
    for t in span:
        if (
            t.lemma_ in CLAIMING
            and t.pos_ == "VERB"
            and (t.dep_ == "ROOT" or t.head.dep_ == "ROOT" and t.dep_ in ("parataxis", "ccomp", "advcl", "conj"))
        ):
            subj = next((c for c in t.children if c.dep_ == "nsubj"), None)  # "no deaths were reported": nobody states
            if subj is not None and subj.pos_ != "PRON" and subj.lower_ not in FIRST_PERSON_ALL:
                return _who(span.doc[subj.left_edge.i : subj.right_edge.i + 1], actors)
        if t.lower_ == "according" and t.i + 1 < len(span.doc) and span.doc[t.i + 1].lower_ == "to":
            obj = next((c for c in span.doc[t.i + 1].children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _who(span.doc[obj.left_edge.i : obj.right_edge.i + 1], actors)
    return author


def _who(subject: Span, actors: ActorIndex) -> Attribution | None:
    if len(subject) > 10:  # a clause, not a speaker
        return None
    actor = actors.actor_at(subject.start_char, subject.end_char)
    return Attribution(subject.text.strip(), actor.id if actor else None)


# What a speaker says of their own mind or words ("I think ...", "I just mentioned ...", "I mean ..."): a view or a
# pointer back, which a note cannot forward as a fact.
STANCE_VERBS = frozenset({"think", "believe", "mean", "guess", "suppose", "feel", "hope", "mention", "say", "know", "wonder", "want"})


def own_stance(span: Span) -> bool:
    """The sentence's main verb, or a clause set beside it, is the speaker's own thinking or saying: "I think they're
    in for $100 billion", "I just mentioned how ...", "I mean, if ...", "What I can say is ..." (a clause subject
    holding "I" and "say"); "I could buy one" (a first person's "could" or "might") is a possibility, not a fact."""
    root = span.root
    for verb in (root, *(c for c in root.children if c.dep_ == "parataxis")):
        for subj in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")):
            if subj.dep_ == "csubj":
                words = list(subj.subtree)
                if any(t.lower_ in FIRST_PERSON_ALL for t in words) and any(t.lemma_ in STANCE_VERBS for t in words):
                    return True
            elif subj.lower_ in FIRST_PERSON_ALL and (
                verb.lemma_ in STANCE_VERBS
                or verb is root
                and any(c.dep_ == "aux" and c.lower_ in ("could", "might") for c in verb.children)
            ):
                return True
    return False


# Fillers of speech: "you know", "I mean" set off by commas or opening the sentence.
_FILLER = re.compile(r"(?:^|[,\u2014\u2013]\s*)(?:you know|I mean|you see)\s*,", re.IGNORECASE)
# A dash right after such a word (by its tag: a determiner, preposition, conjunction, "to", a possessive) is a restart.
_RESTART_BEFORE = {"DT", "IN", "CC", "TO", "PRP$", "WDT"}
_SUBJECT_PRONOUNS = {"i", "we", "they", "he", "she", "you"}  # "they \u2014 supposedly": a subject left hanging
_UNHEARD = re.compile(r"[(\[](?:inaudible|unintelligible|crosstalk|indiscernible)[)\]]", re.IGNORECASE)


def disfluent(span: Span) -> bool:
    """Speech as spoken, which a note cannot forward verbatim: a word said again across a dash ("that \u2014 that
    protects"), a word cut off ("which ma- \u2014 which", "Accountable Polic-"), a restart after a function word or
    a pronoun ("for the \u2014 for Congress", "they \u2014 supposedly"), fillers ("you know,"), or "(inaudible)"."""
    if _FILLER.search(_plain(span.text)) or _UNHEARD.search(span.text):
        return True  # fillers, or a gap the transcriber could not hear
    if not any(d in span.text for d in ("-", "\u2013", "\u2014")):
        return False  # a cut-off word and a restart both need a hyphen or a dash (every one of DASHES is made of them)
    toks = list(span)
    for k, t in enumerate(toks):
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if len(t.text) > 1 and t.text.endswith("-") and t.text[:-1].isalpha() and (nxt is None or not nxt.is_alpha):
            return True  # a word broken off: before a dash or a sentence's end, never "mid-" in "mid-career"
        if t.text in DASHES and k and nxt is not None:
            before = toks[k - 1]
            if before.lower_ == nxt.lower_ and before.is_alpha or before.tag_ in _RESTART_BEFORE or before.lower_ in _SUBJECT_PRONOUNS:
                return True
    return False


def elliptical(span: Span) -> bool:
    """A spoken sentence with no subject ("Again, voted against the American Rescue Plan, ..."): it leans on the one
    before and says nothing alone. An imperative (its verb in the base form) is another matter: talk decides it."""
    root = span.root
    return (
        root.pos_ in ("VERB", "AUX")
        and root.tag_ in ("VBD", "VBZ", "VBP")
        and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl") for c in root.children)
        and not any(t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "conj" for t in span)
    )


def first_person(span: Span, in_quotes: Callable[[int], bool]) -> bool:
    """The sentence speaks as "I" or "we" outside any quotation marks (inside them, a quote's speaker says it)."""
    return any(t.lower_ in FIRST_PERSON_ALL and t.pos_ == "PRON" and not in_quotes(t.idx) for t in span)


class Information:
    """How much a sentence informs: figures, resolved dates, salient actors, decisions; long sentences lose a little.
    Built once per article; a sentence's entities, dates and actors are found by offset with bisect, so each sentence
    costs only its own words and the stage stays linear in the article's size."""

    def __init__(self, doc: Doc, timexes: Sequence[Timex], salience: dict[tuple[int, int], float]) -> None:
        ents = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in QUANTITY_LABELS]
        self._ent_starts = [s for s, _ in ents]
        self._ent_ends = [e for _, e in ents]
        self._dated = sorted(t.start for t in timexes if t.range is not None)
        salient = sorted((s, v) for (s, _), v in salience.items())
        self._salient_starts = [s for s, _ in salient]
        self._salient_sums = list(itertools.accumulate((v for _, v in salient), initial=0.0))

    def __call__(self, span: Span) -> float:
        a, b = span.start_char, span.end_char
        words = sum(t.is_alpha for t in span)
        lo, hi = bisect_left(self._ent_starts, a), bisect_left(self._ent_starts, b)
        score = float(sum(1 for e in self._ent_ends[lo:hi] if e <= b))  # the entities inside, as Span.ents gives them
        score += 0.8 * (bisect_left(self._dated, b) - bisect_left(self._dated, a))
        i, j = bisect_left(self._salient_starts, a), bisect_left(self._salient_starts, b)
        score += min(2.0, 10 * (self._salient_sums[j] - self._salient_sums[i]))
        score += 1.0 if any(t.lemma_ in DECISIONS and t.pos_ == "VERB" for t in span) else 0.0
        if any(t.is_quote for t in span):
            score *= 0.7  # a quotation is opinion more often than fact
        return score / (1.0 + math.log1p(max(0, words - 25) / 10))


def default_count(n_sentences: int) -> int:
    return max(3, min(8, n_sentences // 5))


def quoted_offsets(text: str, quotes: Sequence[Quote]) -> Callable[[int], bool]:
    """Whether a character offset lies inside a quotation (with its marks); by bisect, so linear over an article."""
    spans = sorted((q.start - 1, q.end + 1) for q in quotes)
    starts = [a for a, _ in spans]
    reach = list(itertools.accumulate((b for _, b in spans), max))  # the furthest end of the quotations opened so far

    def inside(offset: int) -> bool:
        i = bisect_right(starts, offset) - 1
        return i >= 0 and offset < reach[i]

    return inside


def extract_facts(
    doc: Doc,
    sentences: Sequence[tuple[int, int]],
    actors: ActorIndex,
    timexes: Sequence[Timex],
    summary: Sequence[Sentence],
    article_id: str,
    count: int | None = None,
    *,
    talk: frozenset[int] = frozenset(),
    quotes: Sequence[Quote] = (),
    transcript: Transcript | None = None,
    author: Attribution | None = None,
) -> tuple[Fact, ...]:
    """The most informative complete statements that the summary does not already give, best first, each with who
    states it. `talk` holds the indexes of sentences that are no substance (questions, greetings, housekeeping, a
    reporter's turn); a first-person sentence nobody is known to say is no fact."""
    text = doc_text(doc)
    in_summary = {(s.start, s.end) for s in summary}
    salience = {span: a.salience for a in actors.actors for span in a.spans}
    turn_at = turn_finder(transcript.turns) if transcript else None
    in_quotes, spoken = quoted_offsets(text, quotes), SpokenQuotes(quotes)
    information = Information(doc, timexes, salience)
    scored: list[tuple[float, int, int, Attribution | None]] = []
    for i, (a, b) in enumerate(sentences):
        if (a, b) in in_summary or i in talk:
            continue
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None or sum(t.is_alpha for t in span) < 6 or fragment(span) or own_stance(span) or disfluent(span):
            continue  # headlines, datelines, fragments; a speaker's own views and stammers
        turn = turn_at(a) if turn_at else None
        who = attribution(span, actors, spoken, turn, author)
        if (who is None or who.speaker is None) and first_person(span, in_quotes):
            continue  # "I will have a call with ..." by nobody known
        score = information(span)
        if score > 0:
            scored.append((score, a, b, who))
    n = count if count is not None else default_count(len(sentences))
    chosen: list[tuple[float, int, int, Attribution | None]] = []
    said = [s.text for s in summary]
    for item in sorted(scored, key=lambda x: (-x[0], x[1])):
        if len(chosen) == n:
            break
        if not any(near_duplicate(text[item[1] : item[2]], other) for other in said):
            chosen.append(item)
            said.append(text[item[1] : item[2]])
    return tuple(
        Fact(text[a:b], a, b, round(score, 4), article_id, who.speaker if who else None, who.actor_id if who else None)
        for score, a, b, who in chosen
    )


def talk_kinds(doc: Doc, sentences: Sequence[tuple[int, int]]) -> frozenset[int]:
    """The indexes of sentences that are questions, greetings, housekeeping or introductions (see `talk_kind`)."""
    spans = (doc.char_span(a, b, alignment_mode="expand") for a, b in sentences)
    return frozenset(i for i, span in enumerate(spans) if span is not None and talk_kind(span) is not None)


def talk_sentences(
    doc: Doc,
    sentences: Sequence[tuple[int, int]],
    kinds: frozenset[int],
    transcript: Transcript | None,
    actors: ActorIndex,
    quotes: Sequence[Quote],
    author: Attribution | None,
) -> frozenset[int]:
    """The indexes of sentences that are no substance: talk (`kinds`: questions, greetings, housekeeping), and a
    first-person sentence nobody is known to say ("I will have a call with ..." in a news text); in a transcript
    also the preamble (venue, time), stage directions, and every turn but a principal's (a reporter's question,
    the moderator's ground rules), and a turn's sentence with no subject (see `elliptical`)."""
    text = doc_text(doc)
    turn_at = turn_finder(transcript.turns) if transcript else None
    in_quotes, spoken = quoted_offsets(text, quotes), SpokenQuotes(quotes)
    out = set(kinds)
    for i, (a, b) in enumerate(sentences):
        if i in kinds:
            continue
        if transcript is not None and turn_at is not None:
            turn = turn_at(a)
            if turn is None or turn.role != "principal" or any(x <= a and b <= y for x, y in transcript.directions):
                out.add(i)
            else:
                span = doc.char_span(a, b, alignment_mode="expand")
                if span is not None and elliptical(span):
                    out.add(i)  # spoken, it leans on the sentence before: neither summary nor fact alone
            continue
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None and first_person(span, in_quotes) and not _quoting_paragraph(text, a, b):
            who = attribution(span, actors, spoken, None, author)
            if who is None or who.speaker is None:
                out.add(i)
    return frozenset(out)


def _quoting_paragraph(text: str, a: int, b: int) -> bool:
    """The sentence's paragraph quotes someone: its "I" most likely goes on a quotation whose marks the quotes stage
    could not pair (a quotation running over several sentences), so it is no stray first person (key facts, which
    carry a speaker, still need one)."""
    start, end = text.rfind("\n", 0, a) + 1, text.find("\n", b)
    return any(c in QUOTE_MARKS for c in text[start : end if end >= 0 else len(text)])


_AUTHORED = re.compile(
    r"^(?:(?:Joint )?Statement|Remarks|Message|Letter|Op-?Ed|Address|Testimony|Video Message|Speech)\s+(?:from|by|of)\s+"
    r"(?P<who>.+?)(?=\s+(?:on|at|in|to|regarding|about|for|before|after|marking|celebrating|honoring)\s|\s*[,:|(\u2013\u2014-]|$)"
)


def author_of(title: str, actors: ActorIndex) -> Attribution | None:
    """Whom a statement's title names as its author ("Statement from President Joe Biden on ..."): the "I" and
    "we" of its text. Only one author: "Remarks by President Biden and Prime Minister Kishida" have two voices."""
    m = _AUTHORED.match(title.strip())
    if m is None or re.search(r"\band\b|&", m.group("who")):
        return None
    who = m.group("who").strip()
    last = who.split()[-1].lower().rstrip(".,")
    for actor in sorted(actors.actors, key=lambda a: -a.salience):
        if actor.kind == "person" and any(f.lower().rstrip(".").split()[-1:] == [last] for f in (actor.name, *actor.aliases)):
            return Attribution(actor.name, actor.id)
    return Attribution(who, None)


def uninformative(doc: Doc, sentences: Sequence[tuple[int, int]], actors: ActorIndex, timexes: Sequence[Timex]) -> frozenset[int]:
    """The indexes of sentences that carry no figure, date, actor or decision, or are too short to stand alone:
    a transcript's asides ("It looks like he spends a lot of time in the gym."), never its summary."""
    information = Information(doc, timexes, {span: a.salience for a in actors.actors for span in a.spans})
    out = set()
    for i, (a, b) in enumerate(sentences):
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None or sum(t.is_alpha for t in span) < 8 or fragment(span) or information(span) <= 0:
            out.add(i)
    return frozenset(out)
