"""The shared word lists: each stage reads the one list in extract/lexicon.py, and each extension holds its base."""

from briefgen.extract import actors, events, facts, lexicon, transcripts
from briefgen.extract.quotes import attribution, speakers
from briefgen.extract.timexes import values


def test_the_stages_read_the_shared_lists_not_copies():
    assert events.WEEKDAYS is lexicon.WEEKDAY_NAMES and values.WEEKDAYS is lexicon.WEEKDAYS and values.MONTHS is lexicon.MONTHS
    assert actors.HONORIFICS is lexicon.HONORIFICS and transcripts.LABEL_HONORIFICS is lexicon.LABEL_HONORIFICS
    assert facts.QUANTITY_LABELS is lexicon.QUANTITY_LABELS and events._QUANTITIES is lexicon.QUANTITY_LABELS
    assert facts.CLAIMING is lexicon.CLAIMING and events._REPORTING is lexicon.SIGNALLING
    assert facts.FIRST_PERSON_ALL is lexicon.FIRST_PERSON_ALL and events._PERSONAL is lexicon.PERSONAL
    assert attribution.CUES is lexicon.CUES and speakers.SPEAKER_PRONOUNS is lexicon.SPEAKER_PRONOUNS


def test_each_extension_keeps_its_base_and_its_difference():
    assert lexicon.WEEKDAY_NAMES == {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    assert lexicon.HONORIFICS - lexicon.COURTESY_TITLES == {"sir", "dame", "lord", "lady", "prof", "prof."}
    assert lexicon.LABEL_HONORIFICS == {"MR.", "MS.", "MRS.", "MISS", "DR.", "MR", "MS", "MRS", "DR", "THE"}
    assert lexicon.CLAIMING > lexicon.REPORTING and lexicon.SIGNALLING - lexicon.REPORTING == {"indicate", "signal", "explain"}
    assert lexicon.FIRST_PERSON_ALL - lexicon.FIRST_PERSON == {"myself", "ourselves"} and lexicon.PERSONAL - lexicon.FIRST_PERSON == {"you"}
    assert lexicon.INVERTING_CUES <= lexicon.STRONG_CUES <= lexicon.CUES
