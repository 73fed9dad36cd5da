"""Untrusted text made safe for where it lands: page text, CSS strings, links, iCalendar and the terminal."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

# C0 controls but tab and line breaks, DEL, C1 controls, and lone surrogates (which no encoder can write).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# For one-line messages: every control character, line breaks and tabs included, and lone surrogates.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_LINK_SAFE = "/?#[]@!$&'()*+,;=:%~-._"  # RFC 3986 reserved and unreserved characters, and percent escapes


def strip_controls(text: str) -> str:
    """Text without control characters (tabs and line breaks kept); a lone surrogate becomes U+FFFD."""
    return _CONTROL.sub(lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else "", text)


def printable(text: object) -> str:
    """One line for the terminal: control characters (ESC, CR, LF, NUL, ...) shown as escapes, never sent raw."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), str(text))


def safe_link(url: str | None) -> str | None:
    """An http(s) URL fit for an href, a Markdown autolink or an iCalendar URL, else None.

    Only http and https (never javascript:, data: or file:), with a host; spaces, quotes, angle brackets, control
    characters and other characters a URL may not hold are percent-encoded, so the link cannot end early or break
    a line.
    """
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    encoded = quote(url.encode("utf-8", "surrogatepass"), safe=_LINK_SAFE)
    # The quote characters are legal in URLs, but close attributes and start Markdown titles: encode them too.
    return encoded.replace("'", "%27").replace("(", "%28").replace(")", "%29")


def css_string(value: str) -> str:
    """A CSS string literal holding exactly `value`: every character but letters, digits and spaces is a hex escape,
    so it can neither end the string nor the <style> element it sits in ("</style>")."""
    out = []
    for ch in strip_controls(value).replace("\n", " ").replace("\r", " ").replace("\t", " "):
        out.append(ch if (ch.isascii() and ch.isalnum()) or ch == " " else f"\\{ord(ch):x} ")
    return '"' + "".join(out) + '"'


def css_text(css: str) -> str:
    """A stylesheet fit for an inline <style> element: a "<" (only legal in strings and comments) becomes its CSS
    escape, so no "</style>" or "<!--" in a team's stylesheet can end the element and start markup."""
    return strip_controls(css).replace("<", "\\3c ")


_LONG_RUN = re.compile(r"[^\s\u200b]{40,}")


def breakable(text: str, every: int = 20) -> str:
    """Text whose runs of 40 or more characters without a space hold a zero-width space every `every` characters.

    A page would otherwise break such a run (a URL, a 20,000-letter string) only by trying each line's width against
    all the rest of it, which takes time quadratic in its length; real words are shorter and stay untouched.
    """
    return _LONG_RUN.sub(lambda m: "\u200b".join(m[0][i : i + every] for i in range(0, len(m[0]), every)), text)
