"""Text helpers for GKG fields: delimiter-safe values, GDELT's dates and numbers."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from newsgraph.export.common import parse_time

# Tabs, line breaks and every other control character: a value must not break a row, and
# control characters are not allowed in the XML of V2EXTRASXML.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")  # code points XML 1.0 forbids too
_SPACES = re.compile(r"\s+")


def clean(text: object, delimiters: str = "") -> str:
    """A value that cannot break a row or a field: tabs, line breaks, other control characters
    and delimiters become spaces, runs of spaces one."""
    value = _CONTROLS.sub(" ", str(text))
    for mark in delimiters:
        value = value.replace(mark, " ")
    return _SPACES.sub(" ", value).strip()


def gdelt_date(iso: str | None) -> str:
    """An ISO time as GDELT's YYYYMMDDHHMMSS in UTC, or '' when there is none to read."""
    when = parse_time(iso)
    # strftime's %Y does not pad years before 1000 to four digits on every platform.
    return f"{when.year:04d}{when:%m%d%H%M%S}" if when else ""


def xml_text(text: str) -> str:
    """A cleaned value as XML character data: escaped, without code points XML forbids."""
    return escape(clean(_NOT_XML.sub(" ", text)))


def number(value: object) -> str:
    """A number as GDELT writes it: integers without a point, others without trailing zeros."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.10g}"


def unique(items: list[str]) -> list[str]:
    """The items without repeats, in first-seen order (the V1 fields list each thing once)."""
    return list(dict.fromkeys(items))
