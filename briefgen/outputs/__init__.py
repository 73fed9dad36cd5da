"""Outputs: a `Brief` in; the JSON contract (briefgen.brief/1), iCalendar, and files written atomically out."""
