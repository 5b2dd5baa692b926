"""Text helpers for GKG fields: delimiter-safe values, GDELT's dates and numbers."""

from __future__ import annotations

import re

from newsgraph.export.common import parse_time

_BREAKS = re.compile(r"[\t\r\n\x0b\x0c\x85\u2028\u2029]")
_SPACES = re.compile(r"\s+")


def clean(text: object, delimiters: str = "") -> str:
    """A value that cannot break a row or a field: tabs, line breaks and delimiters become
    spaces, runs of spaces one."""
    value = _BREAKS.sub(" ", str(text))
    for mark in delimiters:
        value = value.replace(mark, " ")
    return _SPACES.sub(" ", value).strip()


def gdelt_date(iso: str | None) -> str:
    """An ISO time as GDELT's YYYYMMDDHHMMSS in UTC, or '' when there is none to read."""
    when = parse_time(iso)
    return when.strftime("%Y%m%d%H%M%S") if when else ""


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
