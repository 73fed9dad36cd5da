"""Presentation: a `Brief` and the audience's profile, templates and styles in; HTML, PDF and Markdown out."""
