"""Transcripts: speaker-labelled text ("MR. SULLIVAN:", "Q") read as turns, each speaker resolved to a name or a role."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..model import Actor, Transcript, Turn, TurnRole
from .actors import ActorIndex
from .lexicon import LABEL_HONORIFICS, MONTH_PATTERN, WEEKDAYS
from .timexes import resolve

# A label opens a paragraph: "Q" and a space, or words in capitals (titles, names, roles) and a colon.
_LABEL = re.compile(
    r"^(?:(?P<q>Q)(?=[ \t]+\S)|(?P<label>[A-Z][A-Z\u00c0-\u00de.'\u2019\-]*(?:[ \t]+[A-Z0-9][A-Z0-9\u00c0-\u00de.'\u2019\-]*){0,5}):(?=[ \t]))[ \t]*",
    re.MULTILINE,
)
# Stage directions: a parenthesised aside in the text's own capitalised style, "(Laughter.)", "(Cross-talk.)", and
# the time stamps that open and close a transcript ("2:29 P.M. EDT", "END 3:45 P.M. EDT").
_DIRECTION = re.compile(
    r"\((?:[A-Z][^()\n]{0,80}?\.)\)|^(?:END[ \t]+)?\d{1,2}:\d\d[ \t]*[AP]\.?M\.?(?:[ \t]+[A-Z]{2,5})?[ \t]*$", re.MULTILINE
)
# Capitalised paragraph openers that are not speakers.
_NOT_SPEAKERS = {
    "NOTE", "EDITOR'S NOTE", "EDITOR\u2019S NOTE", "UPDATE", "UPDATED", "CORRECTION", "CLARIFICATION", "WATCH", "READ MORE",
    "RELATED", "PHOTOS", "PHOTO", "VIDEO", "SOURCE", "SOURCES", "ADVERTISEMENT", "WARNING", "BREAKING", "EXCLUSIVE",
    "ANALYSIS", "OPINION", "COMMENTARY", "FACT SHEET", "BACKGROUND", "CONTACT", "MEDIA CONTACT", "TITLE", "DATE",
    "SUBJECT", "FROM", "TO", "CC", "RE", "WHAT", "WHEN", "WHERE", "WHO", "WHY", "HOW", "TIME", "LOCATION", "PS", "P.S.",
}  # fmt: skip
# Roles that are anonymous by rule or not principals of the event, as the transcript names them.
_ROLES: dict[str, tuple[str, TurnRole]] = {
    "Q": ("a reporter", "reporter"),
    "REPORTER": ("a reporter", "reporter"),
    "QUESTION": ("a reporter", "reporter"),
    "MODERATOR": ("the moderator", "moderator"),
    "OPERATOR": ("the operator", "moderator"),
    "AUDIENCE": ("the audience", "audience"),
    "AUDIENCE MEMBER": ("an audience member", "audience"),
    "AUDIENCE MEMBERS": ("audience members", "audience"),
    "PARTICIPANT": ("a participant", "audience"),
    "INTERPRETER": ("the interpreter", "other"),
    "AIDE": ("an aide", "other"),
    "STAFF": ("a staff member", "other"),
    "SENIOR ADMINISTRATION OFFICIAL": ("a senior administration official", "principal"),
    "SENIOR ADMINISTRATION OFFICIALS": ("senior administration officials", "principal"),
    "ADMINISTRATION OFFICIAL": ("an administration official", "principal"),
    "SENIOR STATE DEPARTMENT OFFICIAL": ("a senior State Department official", "principal"),
    "SENIOR DEFENSE OFFICIAL": ("a senior defense official", "principal"),
    "SENIOR OFFICIAL": ("a senior official", "principal"),
    "OFFICIAL": ("an official", "principal"),
}
# Offices before a name in a label ("PRIME MINISTER", "SENATOR"); courtesy titles ("MR.") are LABEL_HONORIFICS.
_TITLES = [
    "VICE PRESIDENT", "PRESIDENT", "PRIME MINISTER", "DEPUTY PRIME MINISTER", "CHANCELLOR", "SENATOR", "GOVERNOR",
    "SECRETARY", "SECRETARY OF STATE", "SECRETARY-GENERAL", "SECRETARY GENERAL", "AMBASSADOR", "GENERAL", "ADMIRAL",
    "MINISTER", "FOREIGN MINISTER", "FIRST LADY", "SECOND GENTLEMAN", "SPEAKER", "LEADER", "MAYOR", "REPRESENTATIVE",
    "CONGRESSMAN", "CONGRESSWOMAN", "KING", "QUEEN", "PRINCE", "PRINCESS", "EMIR", "AMIR", "SHEIKH", "CROWN PRINCE",
    "JUDGE", "JUSTICE", "COMMISSIONER", "DIRECTOR", "ADMINISTRATOR", "COLONEL", "CAPTAIN", "SHERIFF", "CHAIRMAN", "CHAIR",
]  # fmt: skip
_TITLE_RE = re.compile(r"^(?:(?:" + "|".join(sorted(map(re.escape, _TITLES), key=len, reverse=True)) + r")\b\.?\s*)+")
MIN_LABELS = 2  # a bare name speaks at least twice in an interview
# The day a transcript was held, on a line of its own before anyone speaks: "(September 23, 2021)", "Thursday,
# September 23, 2021".
_HELD = re.compile(
    r"^[ \t]*\(?(?:(?:" + "|".join(w for w in WEEKDAYS if len(w) > 3) + r"),?[ \t]+)?(?P<date>" + MONTH_PATTERN
    + r"[ \t]+\d{1,2},?[ \t]+\d{4})\)?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)  # fmt: skip
HELD_BEFORE_DAYS = 31  # a dateline further before the publication date is some other day the text mentions


def read_transcript(text: str, title: str, actors: ActorIndex) -> Transcript | None:
    """The turns of a speaker-labelled text, or None when the text is not a transcript."""
    found = [m for m in _LABEL.finditer(text) if _is_label(m)]
    if not _speakers(found, text):
        return None
    resolved: dict[str, tuple[str, str | None, TurnRole]] = {}
    turns: list[Turn] = []
    for i, m in enumerate(found):
        label = _label_of(m)
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        body_end = m.end() + len(text[m.end() : end].rstrip())
        if label not in resolved:
            resolved[label] = _resolve(label, title, text, actors)
        speaker, actor_id, role = resolved[label]
        turns.append(Turn(label, (m.start(), m.start() + len(label)), m.end(), body_end, speaker, actor_id, role))
    directions = tuple((m.start(), m.end()) for m in _DIRECTION.finditer(text))
    return Transcript(_interviewers(turns, text), directions, found[0].start())


def held_on(text: str, transcript: Transcript, published: dt.date | None) -> dt.date | None:
    """The day a transcript says it was held, on a line of its own before the first speaker ("Via Teleconference /
    (September 23, 2021)"), when that is not after its publication: an evening call published the next morning says
    "tomorrow" of the day it was published, and its "next week" is the week after the call."""
    m = _HELD.search(text, 0, transcript.body_start)
    day = resolve(m["date"], published) if m is not None else None  # None for "February 30, 2024"
    if day is None or day.range is None or day.range.start != day.range.end:
        return None
    held = day.range.start
    if published is not None and not published - dt.timedelta(days=HELD_BEFORE_DAYS) <= held <= published:
        return None
    return held


def _interviewers(turns: list[Turn], text: str) -> tuple[Turn, ...]:
    """A named speaker who mostly asks ("MR. BRENDE: ... Huh?") while another answers is the interviewer, as a
    reporter is: the one answering is the principal."""
    asks: dict[str, list[bool]] = {}
    words: dict[str, int] = {}
    for t in turns:
        if t.role == "principal":
            asks.setdefault(t.label, []).append("?" in text[t.start : t.end])
            words[t.label] = words.get(t.label, 0) + len(text[t.start : t.end].split())
    # A speech's rhetorical questions do not make its speaker an interviewer: the one who asks says less.
    askers = {
        label
        for label, qs in asks.items()
        if len(qs) >= MIN_LABELS and sum(qs) * 2 >= len(qs) and any(words[label] < n for other, n in words.items() if other != label)
    }
    askers = {label for label in askers if words[label] < max(words.values())}
    if not askers or askers == set(asks):
        return tuple(turns)
    return tuple(replace(t, role="interviewer") if t.label in askers else t for t in turns)


def _speakers(found: Sequence[re.Match[str]], text: str) -> bool:
    """Labels that are speakers: one in a speaker's form (a role, a title and a name, "Q"), or names that speak more
    than once at some length ("KING: ..."), as an interview has; not the "AMT:", "DUE:" of a table of terms."""
    labels = [_label_of(m) for m in found]
    if any(_known_form(label) for label in labels):
        return True
    ends = [m.start() for m in found[1:]] + [len(text)]
    words = sorted(len(text[m.end() : end].split()) for m, end in zip(found, ends))
    recurring = [label for label in set(labels) if labels.count(label) >= MIN_LABELS]
    return len(recurring) >= 2 and bool(words) and words[len(words) // 2] >= 8


def _label_of(m: re.Match[str]) -> str:
    return m.group("q") or m.group("label")


def _is_label(m: re.Match[str]) -> bool:
    label = _label_of(m)
    return label == "Q" or (label.rstrip(".") not in _NOT_SPEAKERS and label not in _NOT_SPEAKERS and any(c.isalpha() for c in label))


def _known_form(label: str) -> bool:
    """A lone label still makes a transcript when it is a speaker's form: a role, or a title and a name."""
    words = label.split()
    return label in _ROLES or words[0] in LABEL_HONORIFICS or (len(words) > 1 and bool(_TITLE_RE.match(label)))


def _resolve(label: str, title: str, text: str, actors: ActorIndex) -> tuple[str, str | None, TurnRole]:
    """A label's speaker: the person the document names ("MR. SULLIVAN" is Jake Sullivan), else the role it holds."""
    key = re.sub(r"\s+\d+$", "", label)  # "SENIOR ADMINISTRATION OFFICIAL 2" is one of several, anonymous alike
    if key in _ROLES:
        name, role = _ROLES[key]
        return name, None, role
    words = [w for w in label.split() if w not in LABEL_HONORIFICS]
    rest = _TITLE_RE.sub("", " ".join(words)).strip()
    office = " ".join(words)[: len(" ".join(words)) - len(rest)].strip()
    if rest:  # "PRESIDENT BIDEN", "MS. JEAN-PIERRE", "KING": a surname
        actor = _person_named(rest, actors)
        if actor is not None:
            return _plain_name(actor, rest), actor.id, "principal"
        full = _full_name_in(rest, f"{title}\n{text}")
        return full or _courtesy(label), None, "principal"
    # "THE PRESIDENT": the holder of that office whom the title names, else the text's first.
    for source in (title, text):
        m = re.search(r"\b" + re.escape(office.title()) + r"((?:\s+[A-Z][\w.'\u2019\-]*){1,3})", source)
        if m:
            words = m.group(1).split()
            # "Remarks by President Biden Before Marine One Departure": the name is the words an actor holds.
            for n in range(len(words), 0, -1):
                actor = _person_named(words[n - 1], actors)
                if actor is not None:
                    return _plain_name(actor, words[n - 1]), actor.id, "principal"
            return words[0], None, "principal"
    return _courtesy(label), None, "principal"


def _person_named(surname: str, actors: ActorIndex) -> Actor | None:
    """The most salient person whose name ends with this surname, in any case ("JEAN-PIERRE" is Karine Jean-Pierre)."""
    want = surname.lower().replace("\u2019", "'")
    people = [a for a in actors.actors if a.kind == "person"]
    for a in sorted(people, key=lambda a: -a.salience):
        for form in (a.name, *a.aliases):
            form = form.lower().replace("\u2019", "'").rstrip(".")
            if form == want or form.endswith(" " + want):
                return a
    return None


_OFFICE_BEFORE_NAME = re.compile(
    r"^(?:[A-Z][\w.\-]* )*?(?:Secretary|Advisor|Adviser|President|Minister|Chancellor|Senator|Governor|Coordinator|"
    r"Director|Ambassador|Spokesperson|Spokesman|Spokeswoman|Leader|Speaker|Mr\.|Ms\.|Mrs\.|Dr\.) (?=[A-Z])"
)


def _plain_name(actor: Actor, surname: str) -> str:
    """The actor's fullest name without an office before it: "Jen Psaki", not "Press Secretary Jen Psaki"."""
    want = surname.lower().replace("\u2019", "'")
    forms = [_OFFICE_BEFORE_NAME.sub("", f) for f in (actor.name, *actor.aliases)]
    forms = [f for f in forms if f.lower().replace("\u2019", "'").endswith(want) and f[:1].isupper() and not f.isupper()]
    return max(forms, key=lambda f: len(f.split())) if forms else (_courtesy(actor.name) if actor.name.isupper() else actor.name)


def _full_name_in(surname: str, text: str) -> str | None:
    """A full name ending with the surname in the text ("Jake Sullivan" for SULLIVAN), when no actor holds it: the
    capitalised word (and initial) right before it, not an office ("Secretary Psaki", "Communications Kirby")."""
    pattern = r"\b([A-Z][a-z\u00e0-\u00ff]+(?:\s+[A-Z]\.)?)\s+" + re.escape(_courtesy(surname)) + r"\b"
    for m in re.finditer(pattern, text):
        first = m.group(1).split()[0]
        if not _OFFICE_BEFORE_NAME.match(first + " X") and not _TITLE_RE.match(first.upper()) and first not in _NOT_FIRST_NAMES:
            return f"{m.group(1)} {_courtesy(surname)}"
    return None


_NOT_FIRST_NAMES = {"The", "And", "But", "With", "From", "For", "Communications", "Affairs", "Security", "Council", "Office"}


def _courtesy(label: str) -> str:
    """A label in the text's usual case: "MS. DALTON" -> "Ms. Dalton"."""
    return " ".join(
        "-".join(p.capitalize() for p in w.split("-")) if not w.startswith("MC") else "Mc" + w[2:].capitalize() for w in label.split()
    )


def turn_finder(turns: Sequence[Turn]) -> Callable[[int], Turn | None]:
    """A lookup of the turn whose words contain a character offset (turns are in text order)."""
    starts = [t.start for t in turns]

    def turn_at(offset: int) -> Turn | None:
        i = bisect.bisect_right(starts, offset) - 1
        return turns[i] if i >= 0 and offset < turns[i].end else None

    return turn_at


def without_labels(sentences: Sequence[tuple[int, int]], transcript: Transcript, text: str) -> list[tuple[int, int]]:
    """Sentences without the speaker labels that open turns ("MS. PSAKI: Okay." is "Okay.", a lone "Q" no sentence)
    and without the stage directions at their ends ("It's good to be back. (Applause.)")."""
    labels = sorted((t.label_span[0], t.start) for t in transcript.turns)
    directions = sorted(transcript.directions)
    out = []
    for a, b in sentences:
        i = bisect.bisect_right(labels, (a, float("inf"))) - 1
        if i >= 0 and labels[i][0] <= a < labels[i][1]:
            a = labels[i][1]
        j = bisect.bisect_right(directions, (b, float("inf"))) - 1
        while j >= 0 and directions[j][1] >= b - 1 and directions[j][0] > a:  # a direction (and its stop) closes it
            b = a + len(text[a : directions[j][0]].rstrip())
            j -= 1
        if b > a:
            out.append((a, b))
    return out
