"""Upcoming events: future happenings with who, what and when, dated by the article's time expressions."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from dateutil.relativedelta import relativedelta
from spacy.tokens import Doc, Span, Token

from ..model import Certainty, DateRange, Event, Quote, Timex, Turn, When, sentence_at
from .actors import ActorIndex
from .event_wording import DEICTIC as _DEICTIC
from .event_wording import SUBJECTS as _SUBJECTS
from .event_wording import SpeakerAt, antecedent
from .event_wording import action_of as _action
from .event_wording import actors_in as _actors_in
from .event_wording import clause as _clause
from .event_wording import governor as _governor
from .event_wording import names_a_kind as _names_a_kind
from .event_wording import noun_phrase as _phrase
from .event_wording import what as _what
from .feasts import holiday_rule
from .lexicon import FIRST_PERSON as _FIRST_PERSON
from .lexicon import MONTHS as _MONTHS
from .lexicon import PERSONAL as _PERSONAL
from .lexicon import QUANTITY_LABELS as _QUANTITIES
from .lexicon import SIGNALLING as _REPORTING
from .lexicon import WEEKDAY_NAMES as WEEKDAYS
from .next_steps import (
    UNDOING,
    announced,
    awaited,
    comes_shortly,
    foretold,
    foretold_phrase,
    further_step,
    going_to,
    looked_forward_to,
    looks_forward,
    near_term,
    noun_as_verb,
    own_clause,
    planned_happening,
    says_what,
    shared_clause,
    undone,
    worked_toward,
)
from .nlp import doc_text
from .timexes import FUTURE_GOVERNORS, RANGE_JOINTS, SCHEDULED, TIMETABLED, day_range, month_range, year_range
from .transcripts import turn_finder

_WILL = {"will", "'ll", "shall", "wo", "\u2019ll"}
_MAYBE = {"may", "might", "could"}  # "may travel", "could vote": listed, as possible
_NOT_EVENTS = {"must", "can", "ca"}  # obligation and ability are no happenings
# Verbs of thinking, perceiving, wanting and saying: with a date ahead, they are opinions or talk about talk ("we'll
# see tomorrow", "I hope in 2017 America says"), not happenings someone can prepare for.
_OPINION = {
    "think", "know", "believe", "hope", "feel", "guess", "wonder", "mean", "seem", "appear", "like", "love", "want",
    "need", "see", "hear", "look", "expect", "say", "tell", "let", "count", "depend", "matter", "remember", "forget",
    "project", "forecast", "estimate", "predict",
}  # fmt: skip
# Verbs of a changing or lasting state: with a quantity they forecast a state ("emissions will fall 40% by 2030",
# "the trade war would cost billions by 2019"), which is no happening; "reach the market" still is one.
_STATES = {
    "increase", "decrease", "rise", "fall", "grow", "decline", "drop", "reach", "double", "triple", "halve", "cost",
    "expand", "shrink", "exceed", "top", "surpass", "hit", "climb", "slow", "total", "average", "amount", "improve",
    "worsen", "lose", "gain", "owe", "tighten", "attain", "lead", "trail",
}  # fmt: skip
_LASTING = {"remain", "stay", "control", "occupy", "own", "fray", "become"}
_CONDITIONS = {"if", "unless", "whether"}
# A plan told as once made and since changed: "had previously been scheduled to expire Friday", "was originally set for".
_OVERTAKEN = {"previously", "originally", "initially", "formerly"}
# Wishes and needs: "I want to lay out its terms today", "the leaders want to focus on tomorrow" say what someone
# would like, not what is arranged (no analyst lists a wish; a stated plan, "plans to", is one).
_WISHES = {"want", "hope", "wish", "need", "like", "love"}
# Subjects that deny the happening: "nothing about that will change tomorrow", "no one will attend".
_NOBODY = {"nothing", "nobody", "none", "no one", "noone"}


def extract_events(
    doc: Doc,
    timexes: Sequence[Timex],
    actors: ActorIndex,
    ref: dt.date | None,
    article_id: str,
    sentences: Sequence[tuple[int, int]],
    speaker_at: SpeakerAt | None = None,
) -> tuple[Event, ...]:
    """Each dated expression after the article's date, in a sentence that is not about the past, is an event; the
    event's text is its sentence in `sentences` (the analysis' own, which never cross a paragraph). `speaker_at`
    says who speaks at an offset (a transcript's turn, a quotation's speaker): the one an "I" is."""
    if ref is None:
        return ()
    events: list[tuple[Event, int]] = []  # with the token of the verb the date hangs on
    seen = set()
    spans = [doc.char_span(t.start, t.end, alignment_mode="expand") for t in timexes]
    # No date goes into a "what" ("to launch at the end of the month" dated April 29).
    dated = {tok.i for span in spans if span is not None for tok in span}
    text = doc_text(doc)
    mentions: set[int] = set()  # the happenings a day names as its own ("Monday's debate")

    def consider(t: Timex, span: Span | None) -> None:
        if span is None or (t.direction == 0 and _names_a_kind(span)) or _a_day_as_a_thing(t, span) or _spoken_to(span):
            return
        if _until_from_now(span):
            return  # "make a real dent in it between now and 15 years from now": a stretch of time, no happening on its end
        # "the bid was extended to Nov. 16", "postponed until next week": the date a happening was moved to is ahead
        # whatever the tense of the moving.
        after_ref = t.range is not None and t.range.start > ref
        moved = _moved_to(span) if after_ref else None
        planned = _planned_for(span) if t.direction < 0 and moved is None and after_ref else None
        due = _due(span) if after_ref else None
        if due is None and t.direction < 0 and after_ref:
            due = _reported_noun(span)  # "told oil companies of a cutback in September", said in August
        # A date in a past-tense clause dates nothing, unless a happening was moved to it, planned or due then.
        past = t.direction < 0 and moved is None and planned is None and due is None
        if past and not _absolute(span):
            return
        start, days = t.start, t.range if t.type in ("DATE", "TIME") else None
        if t.type == "DURATION" and (before := _counted_before(t, span, ref)) is not None:
            # "The criticism comes a day before Kaine faces off against Pence": said now, the happening is that far ahead
            step, days = before
            s_start, s_end = sentence_at(sentences, t.start) or (span.sent.start_char, span.sent.end_char)
            read = _certainty(None, step, text[s_start:s_end])
            if read is None or (s_start, days) in seen:
                return
            seen.add((s_start, days))
            what, who = _what(None, step, actors, dated, speaker_at)
            ids = list(dict.fromkeys(who + _actors_in(s_start, s_end, actors)))
            when = When(span.text, t.start, t.end, days)
            events.append((Event(text[s_start:s_end], s_start, s_end, what, tuple(ids), when, article_id, certainty="scheduled"), step.i))
            return
        if t.type == "DURATION" and (counted := _from_now(t, span, ref)) is not None:
            start, days = counted
        elif t.type == "DURATION" and (ahead_of := _counted_to(t, span, ref)) is not None:
            # "with 50 days until the election", "elections are two months away": the happening counted to
            noun, days = ahead_of
            s_start, s_end = sentence_at(sentences, t.start) or (span.sent.start_char, span.sent.end_char)
            key = (s_start, days)
            if key not in seen and not text[s_start:s_end].strip().endswith("?"):
                seen.add(key)
                what = f"{_phrase(noun, exclude=dated)} to be held"
                when = When(span.text, t.start, t.end, days)
                taking_part = tuple(_actors_in(s_start, s_end, actors))
                events.append(
                    (Event(text[s_start:s_end], s_start, s_end, what, taking_part, when, article_id, certainty="scheduled"), noun.i)
                )
            return
        if days is None or days.end < ref:
            return
        if past:
            return  # only a count to a happening in an absolute "with" is told whatever the tense beside it
        if t.mod == "END" and days.granularity == "year" and (days.start <= ref or "end" in t.text.lower()):
            # "will finish his term by the end of the year", said in September, "by year end", "the end of 2023": its
            # last days, as "late February" is the 20th on (events-guidelines.md), not the whole last third the
            # expression's value spans ("late 2023", said before it, stays September to December)
            days = DateRange(dt.date(days.end.year, 12, 20), days.end, "month")
        verb = governor = planned or _governor(span)
        if (awaited_then := _looked_forward(governor)) is not None:
            # "is looking forward to hosting the leaders ... next week in Washington": the date the parse hung on the
            # looking forward is the awaited happening's (one looks forward now)
            verb = governor = awaited_then
        if _overtaken(span, governor):
            return  # "the delivery, originally due later this year, will be delayed": a date since given up
        if governor.dep_ == "xcomp" and governor.head.lemma_ in _PLANNING and undone(governor.head, governor):
            return  # "had planned to build the plant next year", "planned to ... next year but scrapped the project"
        s_start, s_end = sentence_at(sentences, t.start) or (span.sent.start_char, span.sent.end_char)
        landmark = _landmark(span, verb)
        if landmark is not None:
            # "as Election Day grows near", "leading up to election day": nothing happens on the day but what it
            # names (the election), which is an event of its own, if its name is a happening.
            happening = _happening(span)
            if happening is None or text[s_start:s_end].strip().endswith("?") or t.direction < 0:
                return
            key = (s_start, days)
            if key not in seen and days.start > ref:
                seen.add(key)
                events.append(
                    (
                        Event(
                            text[s_start:s_end],
                            s_start,
                            s_end,
                            f"{happening} to be held on {span.text}",
                            tuple(_actors_in(s_start, s_end, actors)),
                            When(span.text, t.start, t.end, days),
                            article_id,
                            certainty="scheduled",
                        ),
                        landmark.i,
                    )
                )
            return
        said = text[s_start:s_end]
        question = said.strip().endswith("?")
        read = _certainty(span, verb, said)
        told = _when_clause(span)
        if told is not None and _told_past(told):
            return  # "as proven by this weekend, when President Trump swiftly directed ...": the day told of is behind
        if told is not None and (read_told := _certainty(span, told, said)) is not None:
            # "on Tuesday, when Jake Sullivan addresses the forum": the clause the date introduces is what happens
            # then (if it tells of a happening: "1990, when the industry will see ..." does not)
            verb, read = told, read_told
        later = _later_today(t, ref) and _not_now(governor)
        if (
            read is None
            and _day_of(span, t)
            and days.start > ref
            and (days.start - ref <= dt.timedelta(days=2) or _looks_ahead(governor) or _says_ahead(span))
        ):
            # "Monday's debate", "Tuesday's vote" said before that day: the named day's happening is in the calendar,
            # whatever the clause around it says of it ("voters expect Clinton to win Monday's debate").
            verb = span.root.head
            read = None if question else ("scheduled", True)
        named = _named_by_copula(span, verb, dated) if read is None and days.start > ref else None
        if named is not None and not question:
            verb, read = named, ("scheduled", True)  # "Tomorrow will be the first meeting of the Council"
        if moved is not None and not question:
            verb, read = moved, ("scheduled", True)
        elif due is not None and (read is None or t.direction < 0) and not question:
            verb, read = due, ("scheduled" if any(c.lower_ == "due" for c in due.children) else "expected", True)
        if read is None or not (verb.idx >= s_start and verb.idx < s_end or _has_verb(doc, s_start, s_end)):
            return  # a live blog's time stamp ("7:45 a.m.") on a line of its own tells of nothing
        certainty, ahead = read
        ahead = ahead or later  # "looking forward to our dinner this evening", said that day: the evening is still ahead
        # "will gather this weekend", "will speak tonight": a period under way, or the article's own day, is still
        # ahead only where the clause says so ("now", a live blog's "7 p.m." are not).
        # "through Sunday, when the Panthers are set to host the Vikings" said on that Sunday: "through" gives the
        # date no tense, and the "when" clause it introduces says the happening is ahead.
        tensed = t.direction > 0 or t.direction == 0 and (verb is told or later)
        # A year under way only for what is scheduled in it ("the Quad summit scheduled to be held in India this year"):
        # a "will" with "this year" is as often a forecast ("will grow 2% this year").
        spans_ok = days.granularity in ("day", "week", "month") or days.granularity == "year" and _scheduled_in(verb)
        if days.start <= ref and (not tensed or not spans_ok or not ahead or t.value == "PRESENT_REF"):
            return
        key = (s_start, days)
        if key in seen:
            return
        seen.add(key)
        undated = dated | {tok.i for tok in span}  # "that evening" is no time expression of the parse's own
        what, who = _what(span, verb, actors, undated, speaker_at)
        if verb is awaited_then and verb.pos_ == "NOUN":
            what = f"{_phrase(verb, exclude=undated)} to be held"  # "bilateral meeting with Prime Minister Modi to be held"
        elif verb is awaited_then and (occasion := _occasion(verb)) is not None:
            # "looking forward to hosting the leaders ... for a historic summit": the parse hangs the occasion on the
            # looking forward, but it is what the hosting is for, and what the analyst names
            what = f"{what} for {_phrase(occasion, exclude=undated)}"
        if verb is moved:
            what = _moved_what(moved, undated) or what
        elif verb is due:
            said_due = {t.i for c in due.children if c.lower_ == "due" for t in c.subtree}
            then = "to be due" if said_due else "to take place"  # "the general election due this September"
            what = f"{_phrase(due, exclude=undated | said_due)} {then}"
        if verb.pos_ == "NOUN" and span.root.dep_ == "poss":
            # "Monday's debate": the people its clause names hold it ("Hillary Clinton to hold debate in New York"),
            # or it is the debate on Monday; never the clause around it ("voters expect ... to win")
            clause = list(verb.head.subtree)  # the clause the happening stands in, not the rest of the sentence
            own = list(verb.subtree)  # "debate at Hofstra University": the place is where, not who
            people = _people_in(clause[0].idx, clause[-1].idx + len(clause[-1]), actors, (own[0].idx, own[-1].idx + len(own[-1])))
            happening = _phrase(verb, exclude=undated)  # the debate itself: the wording reads through to "win" it
            if people:
                what = f"{' and '.join(people)} to hold {happening}"
            else:  # "talks in London to be held" for "next week's talks in London"; "debate on Monday"
                what = f"{happening} to be held" if any(x.lower_ in _AHEAD for x in span) else f"{happening} on {span.text}"
            mentions.add(verb.i)
        if len(what.split()) < 3:
            what = _clause(verb, undated) or what  # "encounter", "be": the clause says more than a fragment
        ids = list(dict.fromkeys(who + _actors_in(s_start, s_end, actors)))
        when = When(text[start : t.end], start, t.end, days)
        events.append((Event(text[s_start:s_end], s_start, s_end, what, tuple(ids), when, article_id, certainty=certainty), verb.i))

    for t, span in zip(timexes, spans):
        consider(t, span)
    # Then the days told relative to an event found so far ("And that evening, Secretary Blinken will host ..."), in
    # text order, so that "later that day" after "the next day" is that next day.
    taken = [(t.start, t.end) for t in timexes if t.range is not None]
    starts = [a for a, _ in sentences]
    for m in _THAT_DAY.finditer(text):
        if m.group("then") and text[max(0, m.start() - 12) : m.start()].split()[-1:] in [[w] for w in _NOT_NEXT]:
            continue
        if not any(a < m.end() and m.start() < b for a, b in taken):
            anchors = [(e.dated.start, e.dated.range) for e, _ in events if e.dated.start < m.start()]
            if (found := _anaphoric(doc, m, max(anchors, key=lambda x: x[0], default=None), starts)) is not None:
                consider(*found)
    # "Next week, you'll also see a strong demonstration of ... support for Ukraine. Allies will reaffirm that ...": a
    # date fronted at a sentence's start dates the plain "will" of the next sentence of the same paragraph, which has
    # no date of its own (the guidelines' "an event's date given in the previous sentence").
    starts, dated_at = [a for a, _ in sentences], sorted(x.start for x in timexes)  # looked up by bisect: linear
    for t, span in zip(timexes, spans):
        if (follows := _dated_by_previous(doc, t, span, ref, sentences, starts, dated_at)) is None:
            continue
        (s_start, s_end), verb = follows
        said = text[s_start:s_end]
        days = t.range
        if days is None or (s_start, days) in seen or (read := _certainty(None, verb, said)) is None:
            continue
        seen.add((s_start, days))
        what, who = _what(None, verb, actors, dated, speaker_at)
        if len(what.split()) < 3:
            what = _clause(verb, dated) or what
        ids = list(dict.fromkeys(who + _actors_in(s_start, s_end, actors)))
        when = When(text[t.start : t.end], t.start, t.end, days)
        events.append((Event(said, s_start, s_end, what, tuple(ids), when, article_id, certainty=read[0]), verb.i))
    # "the President will sign an executive order shortly": later on the article's own day, if the clause says it is
    # ahead (consider checks) and names a kind of happening ("in just a moment Diane Sawyer will have some other
    # news" is a broadcast's patter), as the guidelines' same-day events are.
    for m in _SHORTLY.finditer(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None and not any(a < m.end() and m.start() < b for a, b in taken) and _names_happening(_action(_governor(span))):
            consider(Timex(m.group(0), m.start(), m.end(), "DATE", ref.isoformat(), None, day_range(ref, ref), 1), span)
    events = _named_elsewhere(events, mentions)
    if (newest := _newest_entry(text)) is not None:
        # A live blog: a happening of the blog's own day told in an older entry has been overtaken by the newer ones
        # (its "speech Friday" is reported as given further up), so only the newest entry's own day is still ahead.
        events = [(e, v) for e, v in events if not (e.dated.range.end == ref and not newest[0] <= e.start < newest[1])]
    events.sort(key=lambda x: x[0].dated.start)
    events = _join_ranges(events, text)
    # "will launch at the end of the month on April 29": one happening, dated best by the narrower expression.
    by_verb: dict[int, list[Event]] = defaultdict(list)
    for e, verb_i in events:
        by_verb[verb_i].append(e)
    kept = [
        e
        for e, verb_i in events
        if not any(
            o.dated.range != e.dated.range and e.dated.range.start <= o.dated.range.start and o.dated.range.end <= e.dated.range.end
            for o in by_verb[verb_i]
        )
    ]
    kept.sort(key=lambda e: (e.dated.range.start, e.dated.range.end, e.start))
    # The time of day each expression names ("Thursday morning": MO, "the afternoon": AF, "at 3 p.m.": 15:00)
    hours = {t.start: t.value.partition("T")[2] for t in timexes if "T" in t.value[4:]}
    return _once(kept, hours)


def _until_from_now(span: Span) -> bool:
    """Whether the expression closes a stretch that starts now ("between now and 15 years from now", "from now until
    2030"): what is done over it happens all along, not on its last day."""
    before = [tok.lower_ for tok in span.doc[max(0, span.start - 3) : span.start]]
    return before == ["between", "now", "and"] or before[-3:-1] == ["from", "now"] and before[-1] in ("until", "till", "to")


def _dated_by_previous(
    doc: Doc,
    t: Timex,
    span: Span | None,
    ref: dt.date,
    sentences: Sequence[tuple[int, int]],
    starts: list[int],
    dated_at: list[int],
) -> tuple[tuple[int, int], Token] | None:
    """The next sentence and its verb, when `t` is fronted at its sentence's start with a comma after it ("Next week,
    you'll also see ...") and the next sentence, in the same paragraph and without a time expression of its own,
    says with a plain "will" what happens ("Allies will reaffirm ..."): the date carries over, as a reader reads it.
    Only a date ahead, so that a past one ("Last week, ...") never dates a forecast."""
    if span is None or t.range is None or t.range.start <= ref or t.direction < 0 or span.end >= len(doc):
        return None
    first = span.sent.start
    while first < span.start and doc[first].lower_ in ("and", "so", "but", "then", "also", "now"):
        first += 1  # "And next week, ...": a sentence's joining word comes before the fronted date
    if first != span.start or doc[span.end].text != ",":
        return None
    at = bisect.bisect_right(starts, t.start) - 1  # `starts`: the sentences' starts; `dated_at`: the expressions', sorted
    if at < 0 or at + 1 >= len(sentences):
        return None
    (_, prev_end), (s_start, s_end) = sentences[at], sentences[at + 1]
    if "\n" in doc_text(doc)[prev_end:s_start] or bisect.bisect_left(dated_at, s_start) < bisect.bisect_left(dated_at, s_end):
        return None  # another paragraph, or a sentence dated by its own words
    nxt = doc.char_span(s_start, s_end, alignment_mode="expand")
    if nxt is None:
        return None
    verb = nxt.root
    if verb.pos_ not in ("VERB", "AUX") or not _will(verb) or verb.sent.start > nxt.start:
        return None
    return (s_start, s_end), verb


def _named_elsewhere(events: list[tuple[Event, int]], mentions: set[int]) -> list[tuple[Event, int]]:
    """A day's happening named by its possessive ("Trump will use Monday's encounter to ...") refers back to one the
    article told of on that day before, in a clause of its own, with someone in common ("Trump and Clinton meet for
    the first debate Monday"): it is that event again, whose actors it adds, not another."""
    told = [(e, v) for e, v in events if v not in mentions]
    out = list(told)
    for e, v in events:
        if v not in mentions:
            continue
        same = next(
            (
                k
                for k, (o, _) in enumerate(out[: len(told)])
                if o.dated.range == e.dated.range and o.start < e.start and set(o.actor_ids) & set(e.actor_ids)
            ),
            None,
        )
        if same is None:
            out.append((e, v))
        else:
            o, ov = out[same]
            out[same] = (replace(o, actor_ids=tuple(dict.fromkeys(o.actor_ids + e.actor_ids))), ov)
    return out


def _once(events: list[Event], hours: dict[int, str]) -> tuple[Event, ...]:
    """The same happening told twice in an article ("Biden will host Starmer on Wednesday" ... "Wednesday's meeting
    at the White House will ..."): events on the same days whose `what` mostly share their words are one, kept at
    its most informative mention (the longest `what`), with the actors of both; not two at other times of that day
    ("On Thursday morning, NATO will hold a meeting ..." and "In the afternoon, also Thursday, there'll be a meeting
    of the NATO-Ukraine Council": `hours` gives each expression's time of day by its start)."""
    out: list[Event] = []
    for e in events:
        words = _what_words(e.what)
        same = next(
            (
                k
                for k, o in enumerate(out)
                if o.dated.range == e.dated.range and _repeats(words, _what_words(o.what)) and not _other_times(o, e, hours)
            ),
            None,
        )
        if same is None:
            out.append(e)
            continue
        o = out[same]
        best = e if len(e.what) > len(o.what) else o
        out[same] = replace(best, actor_ids=tuple(dict.fromkeys(best.actor_ids + o.actor_ids + e.actor_ids)))
    return tuple(out)


def _other_times(a: Event, b: Event, hours: dict[int, str]) -> bool:
    """Two events dated to different times of the same day (the morning and the afternoon, 9:00 and 15:00)."""
    ha, hb = hours.get(a.dated.start), hours.get(b.dated.start)
    return ha is not None and hb is not None and ha != hb


# Words that name no happening of their own, light verbs included: "to have a briefing" and "to have the chance to meet
# with President Zelenskyy" on the same day share "have" and nothing else.
_WHAT_STOP = {"to", "be", "the", "a", "an", "of", "in", "on", "at", "for", "with", "and", "take", "place", "have", "hold"}


def _what_words(what: str) -> frozenset[str]:
    """The words of what happens, after its actor ("Biden to host a dinner": host, dinner): one actor does many things."""
    _, to, rest = what.partition(" to ")
    return frozenset(w for w in re.findall(r"[^\W_]+", (rest if to else what).lower()) if w not in _WHAT_STOP)


def _repeats(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two descriptions of one happening: at least half of the shorter one's words in common."""
    common = len(a & b)
    return common >= 1 and common * 2 >= min(len(a), len(b))


def extract_undated_events(
    doc: Doc,
    timexes: Sequence[Timex],
    actors: ActorIndex,
    article_id: str,
    sentences: Sequence[tuple[int, int]],
    dated: Sequence[Event],
    speaker_at: SpeakerAt | None = None,
) -> tuple[Event, ...]:
    """Firm next steps the article gives no date for ("the Senate is to vote on the bill", "Clinton plans to campaign
    in Florida"): a verb whose clause says it is ahead, done by someone named (not "I", "we" or "it"), that is a
    happening (not an opinion, a state or a light verb), in a sentence with no dated event; one per sentence."""
    text = doc_text(doc)
    # Only an expression that gives days takes a clause to the dated path; "soon", "in the coming weeks" give none,
    # and a next step told with them is still undated (events-guidelines.md).
    timed = {
        tok.i
        for t in timexes
        if _gives_days(t) and (sp := doc.char_span(t.start, t.end, alignment_mode="expand")) is not None
        for tok in sp
    }
    taken = {e.start for e in dated}
    # "will meet at least annually", "every year": a habit, not a next step (a SET expression names no occasion).
    habitual = {
        tok.i
        for t in timexes
        if t.type == "SET" and (sp := doc.char_span(t.start, t.end, alignment_mode="expand")) is not None
        for tok in sp
    }
    # "soon", "in the coming weeks": a step said to come shortly is a next step whatever its verb (`comes_shortly`)
    near = {
        tok.i
        for t in timexes
        if near_term(t, text[max(0, t.start - 40) : t.start]) and (sp := doc.char_span(t.start, t.end, alignment_mode="expand")) is not None
        for tok in sp
    }
    out: list[Event] = []
    for s_start, s_end in sentences:
        if s_start in taken:
            continue
        span = doc.char_span(s_start, s_end, alignment_mode="expand")
        if span is None:
            continue
        listed: set[int] = set()  # the verbs of the next steps listed from this sentence
        for verb in span:
            if listed and not further_step(verb, listed):
                continue
            held = _there_will_be(verb)
            if held is not None and not any(t.i in timed or t.i in habitual for t in verb.subtree):
                # "There will be the press conference": the happening the sentence announces, held
                read = _certainty(None, verb, text[s_start:s_end])
                if read is not None and read[0] != "possible" and not _on_condition(verb) and not _quoted(verb, s_start, text):
                    what = f"{_phrase(held, exclude=timed)} to be held"
                    ids = _actors_in(s_start, s_end, actors)
                    out.append(Event(text[s_start:s_end], s_start, s_end, what, tuple(ids), None, article_id, certainty=read[0]))
                    break
            kind = _names_happening(verb) or _decided(verb)
            # a bare "he'll be coming soon" names no step ("X to come"): one coming shortly says what it does
            shortly = verb.pos_ == "VERB" and verb.lemma_ not in _EMPTY and says_what(verb) and comes_shortly(verb, near)
            shortly = shortly or verb.pos_ == "VERB" and verb.lemma_ not in _EMPTY and worked_toward(verb)
            if (
                verb.pos_ != "VERB"
                or verb.lemma_ in _LIGHT
                and not (kind or shortly)
                or verb.lemma_ in _OPINION
                or verb.lemma_ in _STATES
                or verb.lemma_ in _LASTING
                or verb.lemma_ in FUTURE_GOVERNORS
                and any(c.dep_ == "xcomp" for c in verb.children)
            ):
                continue
            # "the communiqué that will be released": the noun the relative pronoun stands for is what will happen
            # (not "the bridge that we will be unveiling", whose subject is someone else)
            told = verb.dep_ == "relcl" and kind and _will(verb) and any(c.dep_ in _SUBJECTS and c.tag_ == "WDT" for c in verb.children)
            if (
                verb.dep_ in ("amod", "acl", "relcl", "advcl", "pcomp", "csubj")
                and not told
                and not (shortly and (awaited(verb) or worked_toward(verb)))
                or (timed or habitual)
                and any(t.i in timed or t.i in habitual for t in own_clause(verb))
                or _dated_above(verb, timed, span)
            ):
                continue  # a participle describing a noun, or a clause with a date of its own (the dated path's)
            read = _certainty(None, verb, text[s_start:s_end])
            planned = planned_happening(verb, _names_happening)  # "planned to bus in supporters to stage a protest"
            if (
                read is None
                or read[0] == "possible"
                or not (
                    _firm(verb)
                    or planned is not None
                    or shortly
                    and (_will(verb) or going_to(verb) or awaited(verb) or worked_toward(verb))
                    and not _on_condition(verb)
                    or kind
                    and (_will(verb) or going_to(verb) or _decided(verb))
                    and not _on_condition(verb)
                    or announced(verb)
                    and not _on_condition(verb)
                )
            ):
                continue
            if _quoted(verb, s_start, text):
                continue
            subj = next((c for v in (verb, *verb.ancestors) for c in v.children if c.dep_ in _SUBJECTS), None)
            subj = subj or next((c for v in verb.ancestors if noun_as_verb(v) for c in v.children if c.dep_ == "compound"), None)
            if told:
                subj = verb.head  # the noun the clause tells the happening of
            if subj is None or not (
                subj.pos_ == "PROPN"
                or (kind or shortly)
                and subj.lower_ in _FIRST_PERSON  # "we will hold the first meeting": the speaker's side, a happening
                or subj.lower_ in ("he", "she")
                or subj.pos_ == "NOUN"
                and any(c.dep_ == "poss" or c.lower_ == "the" for c in subj.children)
                or told  # "signed an order that will designate ...": the clause makes the noun the one it tells of
                and subj.pos_ == "NOUN"
                or kind
                and (_will(verb) or _will_decide(verb))
                and subj.tag_ == "NNS"
                and not any(t.i in habitual or t.lower_ in _HABITUAL for t in shared_clause(verb))
            ):
                continue  # someone named, or "the Senate", "the campaign's ad": not "we", "it", "no one", "anyone"
            what, who = _what(None, planned or verb, actors, timed | near, speaker_at)
            if len(what.split()) < 3:
                continue
            ids = list(dict.fromkeys(who + _actors_in(s_start, s_end, actors)))
            # officially announced is arranged: `scheduled` (events-guidelines.md)
            certainty: Certainty = "scheduled" if announced(verb) and read[0] == "expected" else read[0]
            out.append(Event(text[s_start:s_end], s_start, s_end, what, tuple(ids), None, article_id, certainty=certainty))
            listed.add(verb.i)
    out.extend(_foretold_events(doc, actors, article_id, sentences, [*dated, *out]))
    return tuple(out)


def _dated_above(verb: Token, timed: set[int], sentence: Span) -> bool:
    """ "On Wednesday, Mohamed and his father are to travel to the United Nations": the parse hangs the date on the
    "are" whose infinitive the travel is, so the step is dated all the same (the dated path's, which may have kept it
    as another mention of the same trip), not an undated one. Only a date in the sentence: the parse can run a live
    blog's time stamp on the line above ("7:45 a.m.") into the clause, and that dates no step."""
    node = verb
    while node.dep_ == "xcomp" and node.head != node:
        node = node.head
        if any(t.i in timed and sentence.start <= t.i < sentence.end for t in own_clause(node)):
            return True
    return False


def _foretold_phrase(noun: Token, actors: ActorIndex) -> str:
    """A foretold happening's words (`next_steps.foretold_phrase`), a possessive "his" or "her" worded as the person
    it stands for ("just days before her first debate against Donald Trump": Hillary Clinton's first debate ...), as
    a "he" or "she" doing a step is; an analyst's list names no one by a pronoun."""
    exclude = foretold_phrase(noun)
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
    named = antecedent(owner, actors) if owner is not None else None
    actor = actors.actor_at(named.idx, named.idx + len(named)) if named is not None else None
    if owner is None or actor is None:
        return _phrase(noun, exclude=exclude)
    return f"{actor.name}'s {_phrase(noun, exclude=exclude | {owner.i})}"


def _foretold_events(
    doc: Doc, actors: ActorIndex, article_id: str, sentences: Sequence[tuple[int, int]], listed: Sequence[Event]
) -> list[Event]:
    """Happenings named only by a noun said to be still to come (`next_steps.foretold`: "the upcoming election",
    "ahead of the presidential election"), in a sentence with no event of its own, worded as held ("presidential
    election to be held"). A kind the article already lists an event of is a re-mention ("the upcoming debate" after
    "the debate on Monday"), not a happening of its own, so each kind is taken once, and only where none is listed."""
    text = doc_text(doc)
    busy = {e.start for e in listed}
    named = {w for e in listed for w in re.findall(r"[^\W_]+", e.what.lower())}
    out: list[Event] = []
    for s_start, s_end in sentences:
        if s_start in busy or text[s_start:s_end].strip().endswith("?"):
            continue  # a sentence's own event stands; a question asks
        span = doc.char_span(s_start, s_end, alignment_mode="expand")
        if span is None:
            continue
        noun = next((t for t in span if foretold(t, _HAPPENING_NOUNS) and t.lower_ not in named and t.lemma_.lower() not in named), None)
        if noun is None:
            continue
        # a happening is held, on a calendar; anything else forthcoming ("its forthcoming concessionality framework")
        # is released, when it is ready
        kind = noun.lemma_.lower() in _HAPPENING_NOUNS
        # one looked forward to may be anything of its kind ("this deployment"): it goes ahead, rather than is held,
        # and is awaited, not yet fixed (events-guidelines.md: `expected`)
        awaited_only = looked_forward_to(noun)
        outcome = "go ahead" if awaited_only else "be held" if kind else "be released"
        what = f"{_foretold_phrase(noun, actors)} to {outcome}"
        named.update((noun.lower_, noun.lemma_.lower()))
        out.append(
            Event(
                text[s_start:s_end],
                s_start,
                s_end,
                what,
                tuple(_actors_in(s_start, s_end, actors)),
                None,
                article_id,
                certainty="scheduled" if kind and not awaited_only else "expected",
            )
        )
    return out


# The kinds of happening an analyst lists (events-guidelines.md: visits, meetings, summits, votes, hearings, debates,
# elections, rulings, deadlines, releases of reports, launches, trials, ceremonies, strikes, a law taking effect): a
# next step told with a bare "will" is one only where its verb, or the noun it holds or has, names one ("we will
# hold the first meeting", "the Senate will vote"), not each thing someone "will discuss" or "will work on".
_HAPPENING_VERBS = {
    "visit", "travel", "meet", "vote", "debate", "rule", "testify", "sign", "announce", "release", "publish", "launch",
    "host", "convene", "attend", "adopt", "ratify", "expire", "inaugurate", "sentence", "unveil", "campaign", "elect",
    "tour", "negotiate", "finalize", "open", "hold", "deploy", "introduce", "issue", "endorse", "designate", "investigate",
}  # fmt: skip
_HAPPENING_NOUNS = {
    "meeting", "summit", "visit", "trip", "vote", "hearing", "debate", "election", "ruling", "deadline", "report",
    "launch", "trial", "ceremony", "strike", "conference", "briefing", "dialogue", "talk", "negotiation", "session",
    "statement", "announcement", "referendum", "speech", "address", "rally", "forum", "signing", "declaration",
    "communiqué", "communique", "bilat", "exchange", "tour", "event", "dinner", "lunch", "breakfast", "reception", "call",
    "decision", "protest", "investigation", "inquiry", "probe", "deployment",
}  # fmt: skip
# Verbs that only hold a happening named by their object ("hold a meeting", "have a briefing", "make an announcement").
_HOLDING = {"hold", "have", "host", "conduct", "make", "attend", "give", "deliver", "stage", "convene", "join", "take", "issue",
            "begin", "start", "resume", "conclude", "initiate"}  # fmt: skip


# Happening verbs that name one only with what they act on: "will announce new steps", not "that we'll be unveiling"
# (a relative clause the parser read as a complement) nor "we'll announce" alone.
_ACTS_ON = {"announce", "release", "publish", "launch", "sign", "unveil", "adopt", "ratify", "finalize", "introduce", "deploy",
            "open", "issue", "endorse", "designate", "host", "inaugurate", "sentence", "investigate"}  # fmt: skip
# Adverbs of frequency: "will meet at least annually" is a habit, not a next step.
_HABITUAL = {"annually", "yearly", "monthly", "weekly", "daily", "regularly", "routinely", "periodically", "quarterly", "biannually"}


def _names_happening(verb: Token) -> bool:
    """Whether a verb names a kind of happening an analyst lists, itself ("will vote", "will sign the bill") or by
    the noun it holds ("will hold the first trilateral meeting", "will have a briefing"); a light verb only by its
    noun; never a habit ("will meet annually")."""
    if verb.pos_ != "VERB":
        return False
    if verb.lemma_ in _HAPPENING_VERBS and verb.lemma_ not in _HOLDING:
        kind = verb.lemma_ not in _ACTS_ON or any(c.dep_ in ("dobj", "ccomp", "nsubjpass") for c in verb.children)
    elif verb.lemma_ in _HOLDING:
        kind = any(c.dep_ in ("dobj", "attr") and c.lemma_.lower() in _HAPPENING_NOUNS for c in verb.children)
    else:
        return False
    # the habit last: it reads the whole clause, and most verbs name no kind anyway
    return kind and not any(t.lower_ in _HABITUAL for t in own_clause(verb))


# Verbs of deciding on a step: "the leaders decided to launch a pilot", "have agreed to hold talks", "pledged to ...".
_DECIDING = {"decide", "agree", "commit", "pledge", "resolve", "direct", "instruct", "task"}


def _decided(verb: Token) -> bool:
    """A happening someone has decided or agreed on ("the three countries decided to launch a pilot", "we have agreed
    to hold talks"): a plan, whatever the tense of the deciding, if the deciding is not denied."""
    head = verb.head
    if verb.dep_ == "conj" and head != verb and not any(c.dep_ in (*_SUBJECTS, "mark") for c in verb.children):
        # "Allies will agree to increase defense spending and adopt a new pledge": an infinitive coordinated with the
        # one decided on shares its deciding (not "... and that we would release ...", a clause of its own)
        first = head
        while first.dep_ == "conj" and first.head != first:
            first = first.head
        return first.dep_ == "xcomp" and _decided_on(first) and _names_happening(verb)
    if verb.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ in ("would", *_WILL) for c in verb.children):
        # "the Leaders decided that their governments would initiate an annual dialogue": the "would" of a decision
        # reported is its step still to come, not a hypothetical
        return _decided_on(verb) and _names_happening(verb)
    return verb.dep_ == "xcomp" and head != verb and _decided_on(verb) and _names_happening(verb)


_REFUSING = {"refuse", "decline", "fail", "reject", "oppose"}


def _will_decide(verb: Token) -> bool:
    """A step decided on by a deciding still to come ("Allies will agree to ... adopt a new pledge"), which a plural
    body takes as it takes a "will" of its own; not a deciding told in the past ("surety companies agreed to release
    millions", already acted on)."""
    return _decided(verb) and any(a.lemma_ in _DECIDING and _will(a) for a in verb.ancestors)


def _decided_on(xcomp: Token) -> bool:
    """Whether an infinitive is what someone decided or agreed on, not denied or refused (as `_decided` reads it),
    whatever its own verb ("agree to increase defense spending")."""
    head = xcomp.head
    return (
        head.lemma_ in _DECIDING
        and not any(c.dep_ == "neg" for c in head.children)
        and not (head.dep_ == "xcomp" and head.head.lemma_ in _REFUSING)  # "refused to pledge to release"
    )


def _there_will_be(verb: Token) -> Token | None:
    """The happening "there will be" announces ("There will be the press conference"), if a kind the guidelines list."""
    if (
        verb.lemma_ != "be"
        or verb.dep_ in ("relcl", "acl", "advcl", "ccomp")
        or not _will(verb)
        or not any(c.dep_ == "expl" for c in verb.children)
    ):
        return None
    return next((c for c in verb.children if c.dep_ == "attr" and c.lemma_.lower() in _HAPPENING_NOUNS), None)


def _on_condition(verb: Token) -> bool:
    """A clause that waits on another: "once they do, he will sign this law", "if Congress acts, ...": a condition
    names no next step of its own."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in (*_CONDITIONS, "once") for m in c.children) for c in verb.children
    )


def _will(verb: Token) -> bool:
    """A bare "will" (or "shall") carries the verb: "the Senate will vote", "we'll hold a briefing"."""
    node = verb
    for _ in range(3):
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _WILL for c in node.children):
            return True
        if node.dep_ != "conj" or node.head == node:
            return False
        node = node.head  # "will agree to ... and adopt a new pledge": the coordinated verb shares its "will"
    return False


def _gives_days(t: Timex) -> bool:
    """Whether an expression can date an event: it names days, or counts them from now ("in two weeks")."""
    return t.range is not None or re.fullmatch(r"P\d+[DWMY]", t.value) is not None


def put_to_principal(doc: Doc, start: int, end: int) -> bool:
    """Whether a reporter's sentence states, not asks, what the principal addressed will do ("Your administration,
    tomorrow, is issuing a business advisory for Hong Kong."): the subject of its main clause is "you" or is "your"
    someone's, so the plan is the principal's own, put to them before the question (which `extract_events` already
    leaves out with its "?"). Not a report of what they said ("You said roughly $50 billion is set to be cut in a
    year"): the reporter's reading of earlier words, which the principal's own turn states if it is news."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not span.text.rstrip().endswith(".") or span.root.lemma_.lower() in _REPORTING:
        return False
    subjects = [c for c in span.root.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(s.lower_ == "you" or any(p.dep_ == "poss" and p.lower_ == "your" for p in s.children) for s in subjects)


def speaker_finder(turns: Sequence[Turn], quotes: Sequence[Quote]) -> SpeakerAt:
    """Who speaks at an offset: a principal's turn of a transcript, else the speaker of a quotation around it."""
    turn_at = turn_finder(turns)
    said = sorted((q.start, q.end, q.speaker, q.actor_id) for q in quotes if q.speaker)
    starts = [q[0] for q in said]

    def at(offset: int) -> tuple[str, str | None] | None:
        turn = turn_at(offset)
        if turn is not None:
            return (turn.speaker, turn.actor_id) if turn.role == "principal" else None
        i = bisect.bisect_right(starts, offset) - 1
        return (said[i][2], said[i][3]) if i >= 0 and offset < said[i][1] else None

    return at


def _firm(verb: Token) -> bool:
    """The clause says outright, in the present, that it is arranged: "is to vote", "plans to vote", "is expected
    to vote", "is scheduled to vote", "is going to vote"; not "vowed to", "wants to", "would", a bare "will"."""
    node = verb
    for _ in range(4):
        auxes = [c for c in node.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in _WILL for a in auxes):
            # A bare "will" without a date is as often a promise or a forecast ("her plans will solve ...") as a
            # next step: on both dev sets it cost more precision than it found events.
            return False
        head = node.head
        if node.dep_ != "xcomp" or head == node:
            return False
        present = head.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in head.children if a.dep_ in ("aux", "auxpass"))
        present = present or noun_as_verb(head)  # "The Clinton campaign plans to employ ...", tagged a plural noun
        if head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"):
            return _is_to(node, head)  # "the Senate is to vote", not "our objective is to deny"
        if head.lemma_ in ("plan", "intend", "schedule", "set", "slate", "expect", "prepare") and present:
            return True
        if head.lemma_ != "go":  # "is going to vote": look at "is"
            return False
        node = head
    return False


def _quoted(tok: Token, since: int, text: str) -> bool:
    """Inside quotation marks opened in its sentence: a speaker's rhetoric ("no one will change him")."""
    before = text[since : tok.idx]  # the article's text, read once (tok.doc.text joins every token again)
    return (before.count("\u201c") > before.count("\u201d")) or before.count('"') % 2 == 1


# Verbs that say nothing of a step even when it comes shortly ("will be", "will have", "will get"), nor of anything
# but what goes on ("the conflict will continue").
_EMPTY = {"be", "have", "get", "do", "happen", "feel", "mean", "let", "continue", "keep", "remain", "stay"}

# Verbs too general to name a happening on their own ("will have", "will continue to", "will help").
_LIGHT = {
    "be",
    "have",
    "get",
    "do",
    "continue",
    "keep",
    "try",
    "work",
    "help",
    "ensure",
    "allow",
    "give",
    "use",
    "include",
    "provide",
    "support",
    "bring",
    "put",
    "win",
    "make",
    "take",
    "come",
    "go",
    "play",
    "happen",
    "let",
    "begin",
    "start",
    "stop",
    "find",
    "show",
    "face",
    "feel",
    "mean",
}


def _certainty(span: Span | None, verb: Token, sentence: str) -> tuple[Certainty, bool] | None:
    """How sure the clause that governs a date is that something will happen then, read from its parse, and whether
    it says outright that it is ahead ("will", "is to", "plans to"); None when it is no upcoming happening: a
    question, a fragment, a negated, past, conditional or possessive-past clause, a date counted "since", a
    rhetorical "tomorrow" ("a brighter tomorrow"), or a verb of opinion or of a state. Without a date (`span` None)
    the clause alone decides."""
    inside = range(span.start, span.end) if span is not None else range(0)
    said = sentence.strip()
    if said.endswith("?") or said.startswith(("Q ", "Q:")) or not any(t.pos_ in ("VERB", "AUX") for t in verb.sent):
        return None  # a question asks; a caption or a list item ("Number one, February 1st.") states nothing
    if span is not None:
        before = span.doc[span.start - 1] if span.start > 0 else None
        if before is not None and before.lower_ in ("since", "ago", "last", "past") or span.root.head.lower_ == "since":
            return None
        prep = span.root.head
        if prep.lower_ == "before" and span.root.dep_ == "pobj" and not (prep.i > 0 and span.doc[prep.i - 1].lower_ == "or"):
            return None  # "even before Inauguration Day, will have a strategy": some time before the day, not on it
            # (a deadline "on or before June 30" is due on it)
        if any(c.dep_ in ("amod", "det", "poss") and c.i not in inside for c in span.root.children):
            return None  # "hoping for a brighter tomorrow", "to intrude on your evening"
        head = span.root.head
        if (
            span.root.lower_ in ("today", "tomorrow")
            and span.root.dep_ in ("pobj", "conj")
            and (
                head.lower_ == "of"
                or head.lower_ == "for"
                and head.head.lemma_ not in SCHEDULED
                or head.dep_ == "pobj"
                and head.head.lower_ == "of"
            )
        ):
            return None  # "the challenges of today and tomorrow", "health security for tomorrow": an age, not a day
        if "quarter" in span.text.lower() and (span.root.dep_ in ("amod", "compound", "nmod") or span.root.head.lower_ == "for"):
            return None  # "a third-quarter loss", "net income for the third quarter": the period measured, not a date
    chain = [verb]  # "plans to visit", "is going to vote", "is expected to rule": the verbs that carry the tense
    while (
        chain[-1].dep_ in ("xcomp", "ccomp", "auxpass", "aux", "conj")
        and chain[-1].head != chain[-1]
        and len(chain) < 5
        and chain[-1].head.pos_ in ("VERB", "AUX")
        and (chain[-1].dep_ != "ccomp" or chain[-1].head.lemma_ in FUTURE_GOVERNORS)
    ):
        chain.append(chain[-1].head)
    auxes = [a for v in chain for a in v.children if a.dep_ in ("aux", "auxpass")]
    modals = {a.lower_ for a in auxes if a.tag_ == "MD"}
    until = span is not None and span.root.head.lower_ in ("until", "till")
    if any(c.dep_ == "neg" or c.lower_ == "never" for v in chain for c in v.children) and not until:
        return None  # "will not be attending"; "will not open until May" opens in May
    if any(
        c.dep_ in _SUBJECTS and (c.lower_ in _NOBODY or any(d.lower_ == "no" for d in c.children if d.dep_ == "det"))
        for v in chain
        for c in v.children
    ):
        return None  # "nothing about that will change tomorrow", "no vote will be held": denied by the subject
    if (
        chain[-1].dep_ == "ccomp"
        and chain[-1].head.lemma_ in ("think", "believe", "guess", "feel", "suppose", "bet")
        and any(c.dep_ in _SUBJECTS and c.lower_ in ("i", "we") for c in chain[-1].head.children)
    ):
        return None  # "I think the winner tonight will end up being Pence": the speaker's opinion, no arrangement
    if any(v.lemma_ in _WISHES for v in chain[1:]):
        return None  # "I want to lay out its terms today": a wish, not an arrangement
    if any(
        v.lemma_ == "have" and u.dep_ == "xcomp" and u.head == v and v.i + 1 < len(v.doc) and v.doc[v.i + 1].lower_ == "to"
        for u, v in zip(chain, chain[1:])
    ):
        return None  # "has to convince them to support her in November": an obligation, like "must" (not "have options to")
    if any(c.tag_ == "WP" and c.dep_ in ("dobj", "pobj", "nsubj", "attr") for v in (_action(verb), *chain) for c in v.children):
        return None  # "what the leaders will commit to today is ...", "about what he intends to talk about": a free
        # relative names a thing, it states nothing
    if modals & _NOT_EVENTS:
        return None
    top = chain[-1]
    # Inside an "if" clause, or a "would" that no one is reported to have said: a hypothetical.
    for v in (verb, *verb.ancestors):
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in v.children):
            return None
        if v.dep_ not in ("xcomp", "ccomp", "conj", "advcl", "aux", "auxpass", "acl", "relcl"):
            break
    # a decision reported is reported too: "the Leaders decided that their governments would initiate a dialogue"
    reported = top.dep_ in ("ccomp", "conj") and (top.head.lemma_ in _REPORTING or top.head.lemma_ in _DECIDING)
    conditional = any(
        c.dep_ == "advcl" and any(m.lower_ in _CONDITIONS for m in c.children if m.dep_ == "mark") for v in chain for c in v.children
    )
    if "would" in modals and (conditional or not reported):
        return None  # "if elected, she would", "the campaign would do well to": "he said he would" is reported
    if _on_if(chain):
        return None  # "If we haven't achieved it, I'll move the goalposts next year": it happens only on the condition
    if any(v.dep_ == "acl" and v.head.lemma_.lower() in _WANTING for v in chain):
        return None  # "a firm resolve to ensure a developed India by 2047", "the need to continue to stand together"
    future = bool(modals & _WILL) or "would" in modals
    plan = next((v for v in chain if v.lemma_ in FUTURE_GOVERNORS and v.lemma_ != "be" or v is not verb and v.lemma_ in _DECIDING), None)
    be_to = any(v.lemma_ == "be" and any(_is_to(c, v) for c in v.children) for v in chain)
    if (
        verb.tag_ == "VBG"
        and verb.dep_ in ("pcomp", "pobj")
        and verb.head.head.pos_ == "NOUN"
        and verb.head.lower_ not in _TOWARD
        and not (future or plan is not None or be_to)
    ):
        return None  # "projects like installing 500 million solar panels by 2020": a gerund names an idea, it tells no plan
    past = top.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) or (top.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes))
    if past and not future and plan is None:
        return None  # "Putin began amassing troops in April", "we've known Christmas is coming"
    if past and any(c.lower_ in _OVERTAKEN for v in chain for c in v.children if c.dep_ == "advmod"):
        return None  # "had previously been scheduled to expire at midnight Friday": a plan since changed
    if (
        span is not None
        and span.root.dep_ == "poss"
        and any(t.lower_ in WEEKDAYS for t in span)
        and not (future or plan is not None or be_to)
    ):
        # "the impact of Monday's debate is still small": a weekday's happening told in the present is behind the writer
        return None
    action = _action(verb) if verb.pos_ in ("VERB", "AUX") else verb
    subj = next((c for v in chain for c in v.children if c.dep_ in _SUBJECTS or c.dep_ == "expl"), None)
    passive = any(c.dep_ == "auxpass" for c in action.children)
    if action is verb and (action.lemma_ in _OPINION and not (passive and action.lemma_ in SCHEDULED) or action.lemma_ in _LASTING):
        return None
    if action.lemma_ in _STATES and any(
        t.ent_type_ in _QUANTITIES and t.i not in inside for c in action.children if c.dep_ not in _SUBJECTS for t in c.subtree
    ):
        return None
    if (
        action.lemma_ == "be"
        and action is verb
        and (
            subj is None
            or subj.dep_ != "expl"
            and (
                subj.lower_ in _DEICTIC
                or subj.i in inside
                or span is not None
                and span.root.head == action
                and span.root.dep_ == "attr"
                or any(c.dep_ == "attr" or c.dep_ == "acomp" and c.pos_ != "ADJ" for c in action.children)
            )
        )
    ):
        return None  # "that's tomorrow", "tomorrow is about security", "the largest order ever": "there will be a vote" is one
    if action is verb and _presence(action, subj):
        return None  # "Administrator Criswell will be here tomorrow": being at the speaker's place is no happening
    if (
        subj is not None
        and subj.lower_ in _PERSONAL
        and (action.lemma_ in _OPINION or action.lemma_ in ("talk", "do", "get", "have", "go"))
        and not _names_happening(action)  # "we will have a briefing tomorrow morning" is one
    ):
        return None  # "we'll talk more about that tomorrow", "I'll move the goalposts"
    ahead = future or be_to or plan is not None or span is not None and span.root.lower_ in ("tonight", "later")
    if modals & _MAYBE or any(v.lemma_ in ("consider", "weigh", "mull") for v in chain):
        return "possible", ahead
    if (
        any(v.lemma_ in ("schedule", "set", "slate", "timetable") for v in chain)
        or be_to
        or (not future and plan is None and (verb.tag_ in ("VBZ", "VBP") or _progressive(verb) or verb.lemma_ in TIMETABLED))
    ):
        return "scheduled", ahead  # "is scheduled for", "is to travel", "is hosting on Monday", "takes over on October 1st"
    return "expected", ahead


def _looked_forward(look: Token) -> Token | None:
    """The happening someone says, in the present and not denied, they look forward to: a gerund naming something
    done ("is looking forward to hosting the leaders"), or a happening's noun ("looking forward to his separate
    bilateral meeting with Prime Minister Modi"); not an opinion or a light verb ("look forward to seeing you")."""
    if not looks_forward(look):
        return None  # "looked forward to", "had looked forward to": told of the past
    for prep in look.children:
        if prep.dep_ != "prep" or prep.lower_ != "to":
            continue
        for c in prep.children:
            if c.dep_ == "pcomp" and c.tag_ == "VBG":
                action = _action(c)
                if action.lemma_ not in _OPINION and (action.lemma_ not in _LIGHT or _names_happening(action)):
                    return c
            if c.dep_ == "pobj" and c.lemma_.lower() in _HAPPENING_NOUNS:
                return c
    return None


def _occasion(awaited: Token) -> Token | None:
    """The happening a looked-forward-to step is for, hung by the parse on the looking forward ("looking forward to
    hosting the leaders ... for a historic summit"): a happening's noun after "for"."""
    look = awaited.head.head
    return next(
        (
            o
            for c in look.children
            if c.dep_ == "prep" and c.lower_ == "for"
            for o in c.children
            if o.dep_ == "pobj" and o.lemma_.lower() in _HAPPENING_NOUNS
        ),
        None,
    )


# Nouns of wanting, as `_WISHES` are its verbs: an infinitive describing one ("the need to stand together through
# 2023", "a firm resolve to ensure a developed India by 2047") tells an aim, not an arrangement.
_WANTING = {"need", "wish", "desire", "hope", "resolve", "determination", "ambition", "aspiration", "dream"}
# "would" and its contractions: a "when" clause in it is no account of what happened ("when the leaders would meet").
_WOULD = {"would", "'d", "\u2019d"}


def _told_past(told: Token) -> bool:
    """A "when" clause describing a date, told in the past ("this weekend, when President Trump swiftly directed his
    team ..."): what the day is known for has happened, so the day is behind, whatever the expression's value."""
    auxes = [a for a in told.children if a.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _WILL or a.lower_ in _WOULD for a in auxes):
        return False
    return told.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes)


def _on_if(chain: list[Token]) -> bool:
    """A clause an "if" clause conditions ("If we haven't achieved it, I'll move the goalposts next year"): the
    guidelines list no conditional. Not "unless", which tells what happens by default ("will expire at the end of this
    month unless Congress acts"), nor "even if" (it happens whatever) or "as if" (a manner)."""
    for v in chain:
        for c in v.children:
            if c.dep_ != "advcl":
                continue
            for m in c.children:
                if m.dep_ == "mark" and m.lower_ == "if" and not (m.i > 0 and m.doc[m.i - 1].lower_ in ("even", "as")):
                    return True
    return False


def _presence(be: Token, subj: Token | None) -> bool:
    """A main "be" that says only that someone is at the speaker's place ("will be here tomorrow", "will be with us
    next week"): presence, not a happening; the happening that brings them (a visit, joining a briefing) is told of in
    its own words. A happening's own noun as the subject stays one ("the vote will be here")."""
    if be.lemma_ != "be" or subj is None or subj.dep_ == "expl" or subj.lemma_.lower() in _HAPPENING_NOUNS:
        return False
    if any(c.dep_ in ("attr", "acomp", "xcomp", "ccomp", "oprd") for c in be.children):
        return False
    return any(
        c.dep_ == "advmod"
        and c.lower_ in ("here", "there")
        or c.dep_ == "prep"
        and c.lower_ == "with"
        and any(o.dep_ == "pobj" and o.lower_ in _FIRST_PERSON for o in c.children)
        for c in be.children
    )


def _spoken_to(span: Span) -> bool:
    """A month's name alone, after a comma at the end of a sentence, is a name spoken to ("It is a good question,
    April."), not a date: no preposition, determiner or number goes with it."""
    if len(span) != 1 or span[0].lower_.rstrip(".") not in _MONTHS or span[0].like_num:
        return False
    doc, i = span.doc, span.start
    before = doc[i - 1].text if i > 0 else ""
    after = doc[i + 1].text if i + 1 < len(doc) else ""
    return before == "," and after in (".", "!", "?", "")


# Verbs that move a happening to a new date ("extended its offer until Nov. 9", "was postponed to Monday", "pushed
# back to March"); "push" and "put" only with the particle that makes them move a date.
_MOVING = {"extend", "postpone", "delay", "defer", "adjourn", "reschedule", "move", "push", "put"}
_MOVING_PARTICLE = {"push": "back", "put": "off"}


def _moved_to(span: Span) -> Token | None:
    """The verb that moved a happening to this date ("the bid was extended to Nov. 16", "delayed until October"), if
    not denied; else None."""
    root = span.root
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in ("until", "till", "to"):
        return None
    verb = prep.head
    if verb.lower_ in ("back", "off") and verb.dep_ in ("prt", "advmod"):
        verb = verb.head  # "pushed back to March": the parse may hang the date on the particle
    if verb.pos_ != "VERB" or verb.lemma_ not in _MOVING or any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children):
        return None
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None  # a move proposed, refused or voted down is no move: "refused to extend the deadline to March 1"
    particle = _MOVING_PARTICLE.get(verb.lemma_)
    if particle is not None and not any(c.dep_ in ("prt", "advmod") and c.lower_ == particle for c in verb.children):
        return None
    return verb


# Words that put an expression ahead of the article whatever its verb's tense ("next year", "this coming Sunday").
_AHEAD = {"next", "coming", "upcoming"}
# Verbs of planning and promising whose infinitive is still ahead though the planning is told in the past.
_PLANNING = {"plan", "promise", "vow", "pledge", "agree", "intend", "schedule", "set", "prepare", "propose", "expect", "decide"}


def _planned_for(span: Span) -> Token | None:
    """The planned happening a date that says it is ahead ("next year", not "the next year") belongs to, when the
    parse hung it on a past verb: "promised to put the question to a referendum next year after delegates voted",
    "announced that it planned to ship a computer based on the chip early next year" (the parse's "voted" and
    "based"): the nearest infinitive before it in its sentence that a verb of planning or promising governs."""
    if span[0].lower_ == "the" or not any(t.lower_ in _AHEAD for t in span):
        return None
    return next(
        (
            t
            for t in reversed(span.doc[span.sent.start : span.start])
            if t.dep_ == "xcomp"
            and t.pos_ == "VERB"
            and t.head.lemma_ in _PLANNING
            and any(c.lower_ == "to" for c in t.children)
            and not undone(t.head, t)  # "had planned to build the plant next year", "... but scrapped the project"
        ),
        None,
    )


def _moved_what(verb: Token, dated: set[int]) -> str | None:
    """What happens on the date a happening was moved to: an extended offer expires then ("offer to expire"), an
    adjourned trial resumes; None for the rest, whose own wording says it ("delivery to be delayed", as TimeML marks
    the delay itself), or without the thing moved."""
    then = {"extend": "expire", "adjourn": "resume"}.get(verb.lemma_)
    thing = next((c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")), None)
    if thing is None and verb.lemma_ == "adjourn":
        thing = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if then is None or thing is None or thing.pos_ not in ("NOUN", "PROPN"):
        return None
    return f"{_phrase(thing, exclude=dated)} to {then}"


def _when_clause(span: Span) -> Token | None:
    """The verb of a "when" clause after a date and a comma ("on Tuesday afternoon, when Jake Sullivan addresses the
    forum", "through Sunday, when the Panthers are set to host the Vikings"), or None."""
    doc = span.doc
    comma = span.end < len(doc) and doc[span.end].text == ","
    i = span.end + comma  # after a comma: a clause that describes the day, not a condition ("in January when it is ready")
    if i >= len(doc) or doc[i].lower_ != "when" or doc[i].dep_ != "advmod":
        return None
    head = doc[i].head
    if not comma and not any(c.dep_ in ("aux", "auxpass") and c.lower_ in _WILL for c in head.children):
        return None  # without a comma, only a "will" says the clause tells what happens that day ("starts on Monday
        # morning when the President will welcome the leaders")
    return head if head.pos_ == "VERB" and head.i > i else None


def _day_of(span: Span, t: Timex) -> bool:
    """A day named as the possessor of a happening ("Monday's debate") that the tense places ahead of the article."""
    root = span.root
    return root.dep_ == "poss" and root.head.pos_ == "NOUN" and (t.direction > 0 or _says_ahead(span)) and t.type in ("DATE", "TIME")


def _overtaken(span: Span, governor: Token) -> bool:
    """A date told as given up, whatever the tense: "originally due later this year", "the talks, initially set for
    May": an adverb of the overtaken plan on a word between the date and the verb that governs it."""
    tok = span.root
    for _ in range(6):
        if tok.i != span.root.i and any(c.dep_ == "advmod" and c.lower_ in _OVERTAKEN for c in tok.children):
            return True
        if tok == governor or tok.head == tok:
            return False
        tok = tok.head
    return False


def _due(span: Span) -> Token | None:
    """The noun of a happening a date says is due, whatever the tense around it: "with the general election due
    this September, the figures came at the worst time" (as "payable" and "effective" dates are); else None."""
    root = span.root
    due = root.head.head if root.dep_ == "pobj" else root.head
    if due.lower_ != "due" or due.dep_ not in ("amod", "acl") or due.head.pos_ != "NOUN":
        return None
    noun = due.head
    if noun.head.lemma_ in UNDOING and noun.dep_ in ("nsubjpass", "dobj"):
        return None  # "the vote due next Tuesday was cancelled on Friday"
    return noun if noun.lemma_.lower() in _HAPPENING_NOUNS else None


def _reported_noun(span: Span) -> Token | None:
    """The happening a past report dates ahead by a noun ("Saudi Arabia told the oil companies of a cutback in its
    supply in September", said in August: the value already reads the month as the one ahead): the noun the date
    qualifies, in the object of a verb of reporting; else None."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ not in ("in", "on", "for", "from") or root.head.head.pos_ != "NOUN":
        return None
    noun = tok = root.head.head
    for _ in range(4):
        if tok.dep_ not in ("pobj", "prep", "dobj") or tok.head == tok:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            negated = any(c.dep_ == "neg" for c in tok.children)
            return noun if tok.lemma_ in _REPORTING and not negated and not noun.ent_type_ else None
    return None


def _says_ahead(span: Span) -> bool:
    """A day that says itself it is ahead, named as the possessor of a kind of happening: "next week's talks in
    London", whatever the clause around it tells of ("gaps remain before next week's talks"); not "next year's
    budget", no happening."""
    root = span.root
    return root.dep_ == "poss" and root.head.lemma_.lower() in _HAPPENING_NOUNS and any(t.lower_ in _AHEAD for t in span)


# A live blog's time stamp on a line of its own ("7:45 a.m.", "12:50 p.m."), which opens an entry.
_STAMP = re.compile(r"^[ \t]*(\d{1,2}):(\d\d)[ \t]*([ap])\.?m\.?[ \t]*$", re.MULTILINE | re.IGNORECASE)


def _newest_entry(text: str) -> tuple[int, int] | None:
    """The offsets of a live blog's newest entry (the one stamped latest in the day, whichever way the blog runs),
    or None when the text has fewer than two time-stamped entries."""
    stamps = list(_STAMP.finditer(text))
    if len(stamps) < 2:
        return None

    def minutes(m: re.Match[str]) -> int:
        return int(m.group(1)) % 12 * 60 + int(m.group(2)) + (720 if m.group(3).lower() == "p" else 0)

    k = max(range(len(stamps)), key=lambda i: minutes(stamps[i]))
    return stamps[k].start(), stamps[k + 1].start() if k + 1 < len(stamps) else len(text)


# The evening and night of a day (TIMEX3's TEV, TNI) and a clock time from noon on: what is said of them on the
# article's own day, in a clause not told in the past, is still to come that day ("the game tonight").
_LATER_IN_THE_DAY = re.compile(r"\d{4}-\d\d-\d\dT(?:EV|NI|(?:1[2-9]|2[0-3]):\d\d)")


def _not_now(verb: Token) -> bool:
    """A word that tells of a happening still to come rather than of the moment of speaking: a happening noun
    ("Monday night's debate"), an infinitive or a gerund after a preposition ("looking forward to watching the game
    tonight"); not a finite verb ("Tonight, I am pleased to announce", "is encouraging his supporters at a rally this
    evening": the speech, the rally under way), a participle describing a noun ("all of you watching tonight"), nor a
    light verb naming no happening ("watching for the United States to win tonight")."""
    if verb.pos_ in ("NOUN", "PROPN"):
        return True
    action = _action(verb)
    if action.lemma_ in _LIGHT and not _names_happening(action):
        return False
    # the complement of a verb ("delighted to host a dinner at 7 p.m."); an infinitive of purpose describing a noun
    # ("a protest to grant her admission into Monday night's debate") tells an aim, not what happens then
    infinitive = verb.tag_ == "VB" and verb.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return infinitive or verb.tag_ == "VBG" and verb.dep_ == "pcomp"


def _scheduled_in(verb: Token) -> bool:
    """A happening set in a calendar by a verb of scheduling over it ("a summit scheduled to be held this year", "the
    vote is set for this year"), not one only planned or expected."""
    return any(v.lemma_ in ("schedule", "slate", "set") and v.tag_ == "VBN" for v in (verb, *verb.ancestors)) and verb.lemma_ not in _STATES


def _later_today(t: Timex, ref: dt.date) -> bool:
    """Whether an expression is the evening, night or an afternoon clock time of the article's own day."""
    days = t.range
    return days is not None and days.start == days.end == ref and t.direction >= 0 and _LATER_IN_THE_DAY.fullmatch(t.value) is not None


def _people_in(start: int, end: int, actors: ActorIndex, besides: tuple[int, int], most: int = 2) -> list[str]:
    """The names of the first people or organisations a stretch of text mentions outside `besides` (at most `most`),
    in that order."""

    def named(a: int) -> bool:
        return start <= a < end and not besides[0] <= a < besides[1]

    firsts = sorted(
        (min(a for a, _ in p.spans if named(a)), p.name)
        for p in actors.actors
        if p.kind in ("person", "organization") and any(named(a) for a, _ in p.spans)
    )
    return [name for _, name in firsts[:most]]


def _named_by_copula(span: Span, verb: Token, dated: set[int]) -> Token | None:
    """The happening a copula sets on a date: "Tomorrow will be the first meeting of the Council", "the likely X-date
    is June 1st"; not a day or other time ("tomorrow will be a big day"), a pronoun ("that's tomorrow") or a negated
    or questioned clause; else None."""
    if verb.lemma_ != "be" or span.root.head != verb or span.root.dep_ not in (*_SUBJECTS, "attr"):
        return None
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    other = next(
        (c for c in verb.children if c.dep_ in ((*_SUBJECTS,) if span.root.dep_ == "attr" else ("attr",)) and c.i != span.root.i), None
    )
    if other is None or other.pos_ not in ("NOUN", "PROPN") or other.i in dated or other.ent_type_ in ("DATE", "TIME"):
        return None
    return None if other.lemma_.lower() in _TIMES else other


# Units of time, and the anniversary of a past happening: what a day "is" without anything happening on it
# ("tomorrow is the 300th day since the invasion", "Monday is the tenth anniversary of the attack").
_TIMES = {
    "day",
    "night",
    "week",
    "weekend",
    "month",
    "year",
    "quarter",
    "decade",
    "century",
    "period",
    "season",
    "time",
    "moment",
    "date",
    "anniversary",
}


def _looks_ahead(tok: Token) -> bool:
    """Whether a clause around a token says outright that it looks ahead: a "will" or a verb of planning or expecting
    ("Monday's debate will be ...", "voters expect Clinton to win Monday's debate"); a present tense alone does not
    ("is raising questions about Monday's debate", of the Monday before, in a Friday article)."""
    return any(
        v.lemma_ in FUTURE_GOVERNORS and v.lemma_ != "be" or any(c.dep_ in ("aux", "auxpass") and c.lower_ in _WILL for c in v.children)
        for v in (tok, *tok.ancestors)
    )


def _has_verb(doc: Doc, start: int, end: int) -> bool:
    """Whether the text between two offsets holds a verb (a heading or a time stamp on its own line holds none)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)


def _is_to(xcomp: Token, be: Token) -> bool:
    """ "The Senate is to vote", "the summit is to be held": "be" with an infinitive of arrangement; not "is proud
    to", nor a definition ("our objective is to deny ...", "my job is to worry", "Democrats are to blame"): an abstract
    common noun is to do nothing itself unless the infinitive is passive."""
    if xcomp.dep_ != "xcomp" or not any(a.lower_ == "to" for a in xcomp.children) or any(c.dep_ in ("acomp", "attr") for c in be.children):
        return False
    if xcomp.lemma_ == "blame" and not any(c.dep_ == "dobj" for c in xcomp.children):
        return False  # "are to blame": the idiom says who is at fault
    subj = next((c for c in be.children if c.dep_ in _SUBJECTS), None)
    passive = any(c.dep_ == "auxpass" for c in xcomp.children)
    return subj is None or passive or subj.pos_ != "NOUN" or bool(subj.ent_type_)


def _progressive(verb: Token) -> bool:
    """ "is hosting on Monday": a present progressive (a gerund after a preposition is none)."""
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)


# A day told by the event before it: "And that evening, Secretary Blinken will host a dinner", "later that day",
# "the next day", and the next step of a sequence ("They will then hold a press conference", "After that, ...");
# the day is the one of the event the same or one of the three sentences before dates.
_THAT_DAY = re.compile(
    r"\b(?:(?:later|earlier) )?that (?:day|morning|afternoon|evening|night)\b|"
    r"\bthe (?P<next>next|following) (?:day|morning|afternoon|evening)\b|"
    r"\b(?P<then>then|after that|afterwards?)\b",
    re.IGNORECASE,
)
# "since then", "by then", "back then", "the then president": no next step in a sequence; nor, in a run of steps told
# with "and then" ("go to your place and vote and then go ..."), one the previous date tells the day of.
# Later on the day itself, whatever the date: "shortly" (not "shortly after"/"before"/"thereafter", which date by
# another happening), "momentarily", "in just a few moments".
_SHORTLY = re.compile(
    r"\b(?:very )?shortly\b(?! (?:after|before|thereafter|afterwards?))|\bmomentarily\b|\bin (?:just )?a (?:few )?(?:moments?|minutes)\b",
    re.IGNORECASE,
)
_NOT_NEXT = {"since", "by", "until", "till", "from", "back", "before", "just", "even", "only", "right", "the", "and", "but"}
_ANAPHORA_SENTENCES = 3


def _anaphoric(doc: Doc, m: re.Match[str], anchor: tuple[int, DateRange] | None, starts: list[int]) -> tuple[Timex, Span] | None:
    """A day told relative to the upcoming event found last before it ("that evening" after "on Monday, the
    President will welcome ..."), as a time expression of that day (the day after it for "the next day")."""
    if anchor is None:
        return None
    at, rng = anchor
    if _index_at(starts, m.start()) - _index_at(starts, at) > _ANAPHORA_SENTENCES or rng.granularity != "day" or rng.start != rng.end:
        return None  # too far back to be the same story, or no single day to count from
    span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
    if span is None:
        return None
    day = rng.start + dt.timedelta(days=1 if m.group("next") else 0)
    return Timex(m.group(0), m.start(), m.end(), "DATE", day.isoformat(), None, day_range(day, day), 1), span


def _index_at(starts: list[int], offset: int) -> int:
    """The index of the last sentence starting at or before the offset."""
    return bisect.bisect_right(starts, offset) - 1


_TOWARD = {"toward", "towards"}
_NEARING = {"grow", "draw", "approach", "near", "loom", "come", "get"}
_URGING = {"encourage", "urge", "exhort", "implore"}


def _landmark(span: Span, verb: Token) -> Token | None:
    """The token of a date the clause moves toward rather than happens on ("toward Election Day", "leading up to
    election day", "as Election Day grows near"), or that only dates someone's urging ("encouraging his supporters
    to visit polling locations on Election Day": a wish, not a plan), or None."""
    doc = span.doc
    if verb.dep_ == "xcomp" and verb.head.lemma_ in _URGING:
        return verb.head
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and (before.lower_ in _TOWARD or before.lower_ == "to" and before.i > 0 and doc[before.i - 1].lower_ == "up"):
        return before
    root = span.root
    if (
        root.dep_ in ("dobj", "npadvmod")
        and root.head.lemma_ in ("approach", "near")
        and not any(c.dep_ == "dobj" for c in root.head.children)
    ):
        return root.head  # "he is approaching next year with caution": the year is what the clause faces, no time
    if (
        root.dep_ in _SUBJECTS
        and root.head.lemma_ in _NEARING
        and not any(c.dep_ in ("aux", "auxpass") and c.lower_ in _WILL for c in root.head.children)
    ):
        return root.head
    return None


def _happening(span: Span) -> str | None:
    """What a named day is named for, when that is a happening: "Election Day" is the election's, "Inauguration Day"
    the inauguration's (a noun of action, "-tion"); "Christmas" or "Labor Day" names no happening to be held."""
    words = [t for t in span if t.lower_ not in ("day", "night", "the")]
    if len(words) == 1 and words[0].lower_.endswith("tion") and holiday_rule(span.text) is not None:
        return words[0].lower_
    return None


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


def _counted_to(t: Timex, span: Span, ref: dt.date) -> tuple[Token, DateRange] | None:
    """The happening a count of time from the article's date leads to, and its days: "50 days until the election"
    (that day), "the elections are two months away" (that month, as "in two months" is)."""
    m = re.fullmatch(r"P(\d+)([DWMY])", t.value)
    doc = span.doc
    if m is None or span.end >= len(doc):
        return None
    n, unit = int(m.group(1)), m.group(2)
    after = doc[span.end]
    noun: Token | None = None
    exact = True
    if span.root.head.tag_ == "VBD":
        return None  # "waited two weeks until the meeting": counted in the past, not from the article's date
    if after.lower_ in ("until", "till") and after.head.i in range(span.start, span.end):
        noun = next((c for c in after.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
    elif after.lower_ == "away" and after.head.lemma_ == "be":
        noun = next((c for c in after.head.children if c.dep_ in _SUBJECTS and c.pos_ == "NOUN"), None)
        exact = False
    if noun is None:
        return None
    try:
        end = ref + relativedelta(**{{"D": "days", "W": "weeks", "M": "months", "Y": "years"}[unit]: n})
    except (ValueError, OverflowError):
        return None
    if not exact and unit == "M":
        return noun, month_range(end.year, end.month)
    if not exact and unit == "Y":
        return noun, year_range(end.year)
    return noun, day_range(end, end)


def _a_day_as_a_thing(t: Timex, span: Span) -> bool:
    """A day the clause talks about rather than one when something happens: the object of a verb ("vowing to commit
    October 7th again"), or what one is responsible for ("those responsible for October 7th"); not a subject, which
    may be a deadline ("the challenges that October 1 potentially poses"). A day that dates its clause is the
    parser's adverbial modifier ("will spend Monday in Warsaw") or a preposition's object ("on Monday", "scheduled
    for March 3"). Only a date in figures is such a thing: a named day names its happening ("as Election Day grows
    near"), and a day proclaimed is what it is proclaimed as; and only a single day ("confident about cash flow for
    1990" tells of that year's results)."""
    root = span.root
    if t.range is None or t.range.start != t.range.end or not any(tok.like_num for tok in span):
        return False
    if root.dep_ == "dobj":
        return root.head.pos_ == "VERB" and root.head.lemma_ not in _NAMING
    return root.dep_ == "pobj" and root.head.lower_ == "for" and root.head.head.pos_ == "ADJ"


_NAMING = {"proclaim", "declare", "designate", "name"}


def _absolute(span: Span) -> bool:
    """A count of time in an absolute "with" phrase ("With 50 days until the election, X called ..."): it counts from
    the article's date whatever the tense of the clause it stands beside."""
    head = span.root.head
    return span.root.dep_ == "pobj" and head.lower_ == "with" and head.i < span.start


def _counted_before(t: Timex, span: Span, ref: dt.date) -> tuple[Token, DateRange] | None:
    """The happening a present clause comes a count of days before ("The criticism comes a day before Kaine faces
    off against Pence": Kaine faces off the day after the article's), and its day; None for anything else (a past or
    future main clause dates nothing from the article's date)."""
    m = re.fullmatch(r"P(\d+)([DW])", t.value)
    root = span.root
    clause = root.head
    if m is None or root.dep_ != "npadvmod":
        return None
    if clause.lower_ == "before" and clause.dep_ == "prep":
        # "comes a day before the Senate votes on the bill", with "before" read as a preposition of the clause
        main = clause.head
        clause = next((c for c in clause.children if c.dep_ in ("pcomp", "pobj") and c.pos_ == "VERB"), clause)
    else:
        main = clause.head
        if not any(c.dep_ == "mark" and c.lower_ == "before" for c in clause.children) or clause.dep_ != "advcl":
            return None
    if clause.pos_ != "VERB" or clause.tag_ not in ("VBZ", "VBP"):
        return None
    if main.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in (*main.children, *clause.children)):
        return None  # "came a day before", "will come a week before": no count from the article's date
    n = int(m.group(1)) * (7 if m.group(2) == "W" else 1)
    day = ref + dt.timedelta(days=n)
    return clause, day_range(day, day)


def _join_ranges(events: list[tuple[Event, int]], text: str) -> list[tuple[Event, int]]:
    """ "runs from March 30 to April 2", "between April and June": the two ends of one verb's range are one event."""
    out: list[tuple[Event, int]] = []
    for e, verb in events:
        if out:
            prev, prev_verb = out[-1]
            a, b = prev.dated, e.dated
            if (
                verb == prev_verb
                and a.end < b.start
                and a.range.start <= b.range.end
                and text[a.end : b.start].strip().lower() in RANGE_JOINTS
            ):
                grain = a.range.granularity if a.range.granularity == b.range.granularity else "day"
                when = When(text[a.start : b.end], a.start, b.end, DateRange(a.range.start, b.range.end, grain))
                out[-1] = (replace(prev, when=when), verb)
                continue
        out.append((e, verb))
    return out
