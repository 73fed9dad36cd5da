"""Reading tense and aspect: a time expression's span in, whether its verb looks ahead (+1), back (-1) or neither (0) out."""

from __future__ import annotations

from spacy.tokens import Span

FUTURE_GOVERNORS = {"expect", "plan", "schedule", "set", "due", "intend", "hope", "aim", "go", "prepare", "want",
                    "be", "propose", "seek", "agree", "promise", "vow", "pledge", "slate", "anticipate"}  # fmt: skip
# Verbs of wanting or trying: in the past, what they governed may have been done then ("sought to destroy on October 7").
SOUGHT = {"seek", "want", "hope", "aim", "try", "attempt"}
SCHEDULED = {"expect", "schedule", "set", "slate", "plan", "anticipate", "forecast", "timetable"}  # "is expected in May"
TIMETABLED = {"start", "begin", "open", "close", "end", "run", "resume", "convene", "arrive", "depart", "leave", "kick",
              "launch", "meet", "finish", "expire", "reopen"}  # fmt: skip


# "will", "shall", "won't", "would" and the contracted "'ll", also with the curly apostrophe transcripts are typed with
# ("there\u2019ll be a meeting ... Thursday", which the model keeps as one token "\u2019ll").
_FUTURE_AUXES = {"will", "'ll", "\u2019ll", "shall", "wo", "would"}


def tense_direction(span: Span) -> int:
    """+1 when the expression's verb is about the future, -1 for the past, 0 when tense does not say."""
    tok = span.root
    if tok.head.lower_ in ("until", "till", "through", "thru") and tok.dep_ == "pobj":
        return 0  # "adjourned until March 14", "loans through January": a state that began in the past may end after the article
    if tok.head.lower_ in ("effective", "payable"):
        return 1  # "a pact effective June 1", "a dividend payable Dec. 15": announced ahead of the day, whatever the report's tense
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.head == tok:
            break
        tok = tok.head
    if tok.tag_ == "VBG" and tok.dep_ == "acl" and not any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        # "a summit starting Monday will focus on ...": the participle takes the tense of the clause it sits in.
        clause = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        return verb_direction(clause) if clause is not None else 0
    return verb_direction(tok)


def verb_direction(verb) -> int:  # noqa: ANN001 - a spaCy Token
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lemmas = {a.lower_ for a in auxes}
    if lemmas & _FUTURE_AUXES:
        return 1
    if "to" in lemmas and verb.dep_ in ("xcomp", "ccomp", "advcl") and verb.head.lemma_ in FUTURE_GOVERNORS:
        governed = verb_direction(verb.head)
        if governed < 0 and verb.head.lemma_ in SOUGHT:
            return 0  # "Hamas sought to destroy [it] on October 7th": tried then, or still wanted: the nearer day
        return 1 if governed >= 0 or verb.head.lemma_ != "be" else -1
    if verb.lemma_ in FUTURE_GOVERNORS and any(c.dep_ == "xcomp" for c in verb.children) and verb.tag_ != "VBD":
        if not any(a.tag_ == "VBD" for a in auxes):
            return 1
    if verb.lemma_ in SCHEDULED and verb.tag_ == "VBN" and "been" in lemmas and lemmas & {"has", "have"}:
        return 1  # "a June 3 hearing has been scheduled": what has been set is still ahead
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) or (verb.tag_ == "VBN" and lemmas & {"have", "has", "had"}):
        return -1
    if verb.tag_ == "VBN" and not auxes and verb.dep_ in ("acl", "amod"):
        # "plans announced in January": a reduced relative clause reports the past; "talks scheduled for March 3"
        # tell what is set, still ahead.
        return 1 if verb.lemma_ in SCHEDULED else -1
    if verb.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return 1  # "is meeting on Monday": the present progressive plans ahead
    if verb.lemma_ in SCHEDULED and verb.tag_ == "VBN" and any(a.dep_ == "auxpass" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return 1  # "the vote is expected in mid-March", "is scheduled for May"
    if verb.tag_ in ("VBZ", "VBP") and any(c.dep_ == "acomp" and c.lower_ == "due" for c in verb.children):
        return 1  # "the report is due in March"
    if verb.tag_ in ("VBZ", "VBP") and not auxes and verb.lemma_ in TIMETABLED:
        return 1  # "the hearing starts Oct. 10": the simple present of a timetable
    return 0
