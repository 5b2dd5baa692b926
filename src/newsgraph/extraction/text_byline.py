"""Bylines and datelines of a scraped page: who wrote it and when it was published or updated."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsgraph.extraction.dates import DateProblem, DateValue, check_date, find_dates
from newsgraph.extraction.meta_people import clean_authors
from newsgraph.extraction.text_lines import Line
from newsgraph.extraction.text_title import is_byline, is_dateline

_BY = re.compile(
    r"^\W*(?:posted |written |words |story |text )?(?:by|par|por|di|von|door|oleh)\b[\s:]*", re.I
)
# Where a byline's names stop: a separator, a date, "on", "updated", a role.
_NAME_END = re.compile(
    r"\s*(?:\||·|•|\s[-–—]\s|,\s*(?=\d)|\bon\b|\bupdated\b|\bpublished\b|\bposted\b|\d)", re.I
)
_UPDATED = re.compile(
    r"\b(?:updated?|modified|last edited|atualizad[oa]|actualizad[oa]|aggiornat[oa]"
    r"|mis à jour|aktualisiert)\b",
    re.IGNORECASE,
)
_SEGMENTS = re.compile(r"\s+[|·•]\s+|\s+/\s+(?=\D)")
# Bylines and datelines sit around the headline, or just inside the body's top or bottom.
LOOK_ABOVE = 12
LOOK_ABOVE_HEADLINE = 2
LOOK_INTO = 3
LOOK_BELOW = 3
MAX_DATE_LABEL_WORDS = 3
# How sure a date is, by where it was found and how much of it the page wrote.
CONFIDENCE = {"byline": 0.9, "dateline": 0.8, "metadata-block": 0.6, "footer": 0.5}
COARSE_DATE_PENALTY = 0.2


@dataclass(frozen=True)
class Dated:
    """A date found on the page, the signal it came from and whether it is an update."""

    value: DateValue
    signal: str
    updated: bool


@dataclass
class Byline:
    """What the lines around the headline say: authors, dates, refused dates."""

    authors: list[str]
    dates: list[Dated]
    problems: list[str]
    lines: list[int]  # the lines read, left out of the body


def byline_authors(text: str) -> list[str]:
    """The names a "By …" line gives ("By Ann Lee and Bo Chen | May 2" -> two names)."""
    rest = _BY.sub("", text, count=1)
    # The same reading as an author field's, which a "By …" line surely is.
    return clean_authors(_NAME_END.split(rest, maxsplit=1)[0], explicit=True)


def dates_in(text: str, signal: str, dayfirst: bool | None = None) -> tuple[list[Dated], list[str]]:
    """The dates a line gives, each marked published or updated, and the impossible ones."""
    found: list[Dated] = []
    problems: list[str] = []
    for segment in _SEGMENTS.split(text):
        updated = _UPDATED.search(segment) is not None
        values = [d.value for d in find_dates(segment, dayfirst=dayfirst)]
        checked = check_date(segment, dayfirst=dayfirst) if not values else None
        if isinstance(checked, DateValue) and checked.day is not None:
            values = [checked]
        if isinstance(checked, DateProblem):
            problems.append(f"refused {checked.text!r} ({signal}): {checked.reason}")
        found += [Dated(value, signal, updated) for value in values[:1]]
    return found, problems


def read_byline(
    lines: list[Line], headline: int | None, body_start: int, dayfirst: bool | None = None
) -> Byline:
    """Authors and dates from the byline and dateline lines around the headline and the top of
    the body."""
    top = headline - LOOK_ABOVE_HEADLINE if headline is not None else body_start - LOOK_ABOVE
    byline = Byline([], [], [], [])
    for line in lines[max(0, top) : body_start + LOOK_INTO]:
        if line.index == headline:
            continue
        if is_byline(line):
            _read_line(byline, line, "byline", dayfirst)
            byline.authors = byline.authors or byline_authors(line.text)
        elif is_dateline(line):
            _read_line(byline, line, "dateline", dayfirst)
    return byline


def read_footer(lines: list[Line], body_end: int, dayfirst: bool | None = None) -> Byline:
    """Dates from the dateline closing the body ("First published on …") or just below it."""
    footer = Byline([], [], [], [])
    for line in lines[max(0, body_end - LOOK_INTO) : body_end + LOOK_BELOW]:
        if is_dateline(line) and (line.index >= body_end or _opens_with_date(line.text)):
            _read_line(footer, line, "footer", dayfirst)
    return footer


def _opens_with_date(text: str) -> bool:
    """A date with at most a label before it ("First published on May 2"), not a tweet's."""
    first = next(find_dates(text), None)
    return first is not None and len(text[: first.start].split()) <= MAX_DATE_LABEL_WORDS


def _read_line(byline: Byline, line: Line, signal: str, dayfirst: bool | None) -> None:
    dates, problems = dates_in(line.text, signal, dayfirst)
    byline.dates += dates
    byline.problems += problems
    byline.lines.append(line.index)


def best_dates(dates: list[Dated]) -> tuple[Dated | None, Dated | None]:
    """The publication date and the update date: the first of each, the finest on a tie."""
    published = [d for d in dates if not d.updated]
    updated = [d for d in dates if d.updated]
    return _first_finest(published), _first_finest(updated)


def confidence(dated: Dated) -> float:
    """How sure we are of a date, by its signal and whether it gives a time and zone."""
    score = CONFIDENCE.get(dated.signal, 0.5)
    return score if dated.value.granularity in ("minute", "second") else score - COARSE_DATE_PENALTY


def _first_finest(dates: list[Dated]) -> Dated | None:
    if not dates:
        return None
    # Dates come in signal order; a later date of the same day with a time and zone is finer.
    first = dates[0]
    same_day = [d for d in dates if d.value.day_iso == first.value.day_iso]
    return max(same_day, key=lambda d: (d.value.offset is not None, d.value.hour is not None))
