"""Shared word lists: nothing in, the months, weekdays, titles, pronouns, speech verbs and entity labels the rule modules read out.

Where two modules need slightly different lists, one base set and a named extension keep the difference explicit.
"""

from __future__ import annotations

# ------------------------------------------------------------------------------------------- calendar words

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
# Any month's name or short form as a regular expression, a full stop allowed after it ("Sept.", "Aug"); longest first,
# so "march" is read whole before "mar".
MONTH_PATTERN = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# A weekday's name or short form and its index (Monday 0), as dates are written.
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "thursday": 3, "thu": 3,
    "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
# The seven full names only: a short form ("sun", "sat", "wed") is as often another word.
WEEKDAY_NAMES = frozenset(w for w in WEEKDAYS if w.endswith("day"))

# ------------------------------------------------------------------------------------------- titles

# Courtesy titles, with and without the full stop, lower case.
COURTESY_TITLES = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr."})
# Before a name in running text: the courtesy titles and the honours and academic ones ("Sir", "Dame", "Prof.").
HONORIFICS = COURTESY_TITLES | {"sir", "dame", "lord", "lady", "prof", "prof."}
# The first word of a transcript's speaker label ("MR. PRICE:", "THE PRESIDENT:"), labels being in capitals.
LABEL_HONORIFICS = frozenset({t.upper() for t in COURTESY_TITLES} | {"THE"})

# ------------------------------------------------------------------------------------------- pronouns

# Who a pronoun that speaks may stand for: one person, several, the speaker themself, or an organisation.
SPEAKER_PRONOUNS = {"he": "sg", "she": "sg", "him": "sg", "her": "sg", "they": "pl", "them": "pl", "i": "self", "we": "self", "it": "it"}
# The speaking "I" and "we" (a possessive alone is more often the generic "our homes", "our planet" of news prose).
FIRST_PERSON = frozenset({"i", "me", "we", "us"})
# With the reflexives: a sentence in the first person ("we ourselves") is someone talking, not a fact reported.
FIRST_PERSON_ALL = FIRST_PERSON | {"myself", "ourselves"}
# The speaker and the one spoken to: "I think", "you'll see" in a plan are talk, not a happening.
PERSONAL = FIRST_PERSON | {"you"}

# ------------------------------------------------------------------------------------------- speech verbs

# Verbs (lemmas) that attribute a quotation: saying, and characterising ("likened", "blasted", "dismissed").
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
# The cues that only ever report words: their subject is someone speaking now.
STRONG_CUES = {"say", "tell", "add", "write", "ask", "reply", "respond", "tweet", "explain", "continue", "note", "warn"}
# The cues English puts before their subject ('"...," said the diplomat').
INVERTING_CUES = {"say", "add", "write", "ask", "explain", "continue", "note", "reply", "respond"}
# Verbs by which a clause reports a statement: the core that facts and events share.
REPORTING = frozenset({"say", "tell", "add", "announce", "confirm", "declare", "insist", "note", "pledge", "predict", "promise",
                       "report", "reveal", "state", "suggest", "vow", "warn", "write"})  # fmt: skip
# For key facts: also what someone claims or discloses ("officials claimed", "the agency estimated").
CLAIMING = REPORTING | {"claim", "allege", "assert", "accuse", "deny", "argue", "contend", "maintain", "acknowledge", "admit",
                        "threaten", "describe", "call", "estimate", "disclose"}  # fmt: skip
# For events: also what signals an intention ("indicated it would", "explained that it will").
SIGNALLING = REPORTING | {"indicate", "signal", "explain"}

# ------------------------------------------------------------------------------------------- entity labels

# The model's labels for amounts: a figure, a sum, a share, a measure.
QUANTITY_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
# A dash as a token: hyphen, double hyphen, en and em dash.
DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
