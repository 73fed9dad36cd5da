"""Extraction: an `Article`'s text, parsed once by spaCy, in; actors, time expressions, quotes, events, summary and facts out."""
