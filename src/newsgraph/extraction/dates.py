"""Dates as pages write them -> DateValue: ISO, US and European forms, zone abbreviations.

`parse_date` reads one date (a meta value, a dateline); `find_dates` scans running text.
Impossible values (month 13, 31 June, 25:00) are refused, never bent into range: `check_date`
says why. A value keeps the granularity it was written with: "2023" stays a year.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsgraph.extraction.meta_datewords import FIXED_ZONES, MONTHS, REGION_ZONES

GRANULARITIES = ("year", "month", "day", "minute", "second")


@dataclass(frozen=True)
class DateValue:
    """A calendar date, perhaps with a time and a UTC offset, at the granularity written."""

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    offset: int | None = None  # minutes east of UTC; None when the text gives no zone

    @property
    def granularity(self) -> str:
        """The finest part given: "year", "month", "day", "minute" or "second"."""
        if self.second is not None:
            return "second"
        if self.hour is not None:
            return "minute"
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def iso(self) -> str:
        """ISO 8601 at this granularity, with the offset when known."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.hour is not None:
            text += f"T{self.hour:02d}:{self.minute or 0:02d}:{self.second or 0:02d}"
            text += _offset_text(self.offset)
        return text

    @property
    def day_iso(self) -> str | None:
        """YYYY-MM-DD, or None when the value is coarser than a day."""
        return self.iso[:10] if self.day is not None else None

    def to_datetime(self) -> datetime | None:
        """An aware datetime (UTC when no zone is known), or None when coarser than a day."""
        if self.month is None or self.day is None:
            return None
        zone = UTC if self.offset is None else _fixed_zone(self.offset)
        return datetime(
            self.year, self.month, self.day, self.hour or 0, self.minute or 0,
            self.second or 0, tzinfo=zone,
        )  # fmt: skip

    def coarsened(self, granularity: str) -> DateValue:
        """The same value cut down to `granularity` (never made finer)."""
        keep = GRANULARITIES.index(granularity)
        if keep >= GRANULARITIES.index(self.granularity):
            return self
        if keep >= 3:  # a minute: drop the seconds only
            return replace(self, second=None)
        return DateValue(
            self.year, self.month if keep >= 1 else None, self.day if keep >= 2 else None
        )


@dataclass(frozen=True)
class DateProblem:
    """Text shaped like a date whose values are impossible, and why."""

    text: str
    reason: str


@dataclass(frozen=True)
class FoundDate:
    """A date found in running text, with the code-point range it came from."""

    value: DateValue
    start: int
    end: int


def parse_date(
    text: str, *, default_tz: tzinfo | None = None, dayfirst: bool | None = None
) -> DateValue | None:
    """The date `text` gives, or None when it gives none or an impossible one."""
    checked = check_date(text, default_tz=default_tz, dayfirst=dayfirst)
    return checked if isinstance(checked, DateValue) else None


def check_date(
    text: str, *, default_tz: tzinfo | None = None, dayfirst: bool | None = None
) -> DateValue | DateProblem | None:
    """The date `text` gives, a DateProblem when its values are impossible, None when no date."""
    text = text.strip()
    partial = _partial_date(text)
    if partial is not None:
        return partial
    match = next(_date_matches(text), None)
    return _read_match(text, match, default_tz, dayfirst) if match else None


def find_dates(
    text: str, *, default_tz: tzinfo | None = None, dayfirst: bool | None = None
) -> Iterator[FoundDate]:
    """Every full date (a day or finer) in running text, in order; impossible ones skipped."""
    for match in _date_matches(text):
        value = _read_match(text, match, default_tz, dayfirst)
        if isinstance(value, DateValue):
            end = _TIME_RE.match(text, match.end())
            yield FoundDate(value, _time_before_start(text, match.start()), _span_end(match, end))


_DIGITS_RE = re.compile(r"\d+")
_REACH_BEFORE = 24  # a month name and a weekday can precede the first digit of a date
_REACH_AFTER = 48


def _date_matches(text: str) -> Iterator[re.Match[str]]:
    """`_DATE_RE` matches whose month words are months, tried only near digits.

    Every date has a digit and most text has few, so anchoring on digits keeps a long page
    cheap; the pattern reads any word as a month and the table checks it, which is faster
    than an alternation of every month name.
    """
    position = 0
    while (digits := _DIGITS_RE.search(text, position)) is not None:
        start = max(position, digits.start() - _REACH_BEFORE)
        match = _search_near(text, start, digits.end())
        if match is None:
            position = digits.end()
            continue
        yield match
        position = match.end()


def _search_near(text: str, start: int, digits_end: int) -> re.Match[str] | None:
    end = digits_end + _REACH_AFTER
    while start <= digits_end:
        match = _DATE_RE.search(text, start, end)
        if match is not None and match.end() >= end:  # cut by the window: look again in full
            match = _DATE_RE.search(text, start)
        if match is None or match.start() > digits_end:
            return None
        if _months_known(match):
            return match
        start = match.start() + 1
    return None


def _months_known(match: re.Match[str]) -> bool:
    words = (match[name] for name in ("tm", "tm2", "um", "hm"))
    return all(word.lower().rstrip(".") in MONTHS for word in words if word)


# ---- the date part ----------------------------------------------------------------------------

_MONTH_ALT = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))  # whole texts only
_MON = r"[^\W\d_]{2,12}(?![^\W\d_])\.?"  # any word: _months_known checks it
_ORD = r"(?:st|nd|rd|th|er|º|\.)?"
_NOT_AFTER = r"(?<![\w.\-/])"
_ISO = r"(?P<iy>\d{4})(?P<isep>[-/.])(?P<im>\d{1,2})(?P=isep)(?P<id>\d{1,2})(?!\d)\.?"
# A two-digit year only after a two-digit day and month ("18.07.23", not a version "1.2.34").
_NUMERIC = (
    r"(?P<na>\d{1,2})(?P<nsep>[./-])(?P<nb>\d{1,2})(?P=nsep)(?P<ny>\d{4})"
    r"|(?P<na2>\d{2})(?P<nsep2>[./-])(?P<nb2>\d{2})(?P=nsep2)(?P<ny2>\d{2})(?![.\d])"
)
# A month may be named twice, as Arabic pages do ("24 نيسان / أبريل 2020").
_DAY_MONTH = (
    rf"(?P<td>\d{{1,2}}){_ORD}[\s\-]*(?:de\s+)?(?P<tm>{_MON})(?:\s*/\s*(?P<tm2>{_MON}))?"
    r"[\s,\-]*(?:del?\s+)?"
)
_MONTH_DAY = rf"(?P<um>{_MON})\s*(?P<ud>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<uy>\d{{4}})"
_CJK = r"(?P<cy>\d{4})\s*[年년]\s*(?P<cm>\d{1,2})\s*[月월]\s*(?P<cd>\d{1,2})\s*[日일]?"
_YEAR_FIRST = rf"(?P<hy>\d{{4}})\.\s*(?P<hm>{_MON})\s+(?P<hd>\d{{1,2}})\.?"
_DATE_RE = re.compile(
    rf"""(?:
      {_NOT_AFTER}{_ISO}
    | {_NOT_AFTER}(?:{_NUMERIC})
    | {_NOT_AFTER}{_DAY_MONTH}(?P<ty>\d{{4}})
    | {_NOT_AFTER}{_MONTH_DAY}
    | (?<!\d){_CJK}
    | {_NOT_AFTER}{_YEAR_FIRST}
    )(?!\d)""",
    re.IGNORECASE | re.VERBOSE,
)


def _date_parts(match: re.Match[str], dayfirst: bool | None) -> tuple[int, int, int]:
    """Year, month and day of a match, whichever form it took."""
    g = match.groupdict()
    if g["iy"]:
        return int(g["iy"]), int(g["im"]), int(g["id"])
    if g["na"]:
        return _numeric_parts(g["na"], g["nb"], g["ny"], g["nsep"], dayfirst)
    if g["na2"]:
        return _numeric_parts(g["na2"], g["nb2"], g["ny2"], g["nsep2"], dayfirst)
    if g["td"]:
        return int(g["ty"]), _month(g["tm"]), int(g["td"])
    if g["um"]:
        return int(g["uy"]), _month(g["um"]), int(g["ud"])
    if g["cy"]:
        return int(g["cy"]), int(g["cm"]), int(g["cd"])
    return int(g["hy"]), _month(g["hm"]), int(g["hd"])


def _numeric_parts(
    first: str, second: str, year: str, sep: str, dayfirst: bool | None
) -> tuple[int, int, int]:
    a, b, y = int(first), int(second), _full_year(year)
    if a > 12 or b > 12:
        # Only one reading is possible; an impossible pair (13/14) is refused later.
        return (y, b, a) if a > 12 else (y, a, b)
    # Dots and dashes are European day-first; slashes follow the hint, US month-first by default.
    if dayfirst is None:
        dayfirst = sep != "/"
    return (y, b, a) if dayfirst else (y, a, b)


def _full_year(text: str) -> int:
    if len(text) == 4:
        return int(text)
    # A two-digit year is this century unless that puts it well into the future.
    century = 2000 if int(text) <= datetime.now(UTC).year % 100 + 1 else 1900
    return century + int(text)


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


# ---- the time part ----------------------------------------------------------------------------

_ZONE_ALT = "|".join(sorted([*FIXED_ZONES, *REGION_ZONES], key=len, reverse=True))
_TIME_RE = re.compile(
    rf"""(?:\s*(?:,|\||-|–|—|·|/|@|at|um|à|a\s+las|alle|om|kl\.?|klo|T)?\s*)
    (?P<h>\d{{1,2}})(?:[:.h](?P<m>\d{{2}})(?::(?P<s>\d{{2}})(?:[.,]\d+)?)?)?(?!\d)
    \s*(?P<ampm>[ap]\.?\s?m\b\.?)?
    (?:\s*\(?(?-i:(?P<zone>{_ZONE_ALT}))\b\)?)?
    (?:\s*(?P<off>[+-]\d{{1,2}}(?::?\d{{2}})?|(?<=\d)Z))?""",
    re.IGNORECASE | re.VERBOSE,
)
_TIME_BEFORE_RE = re.compile(r"(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?\s*[,|·\-–—]?\s*$", re.I)


def _read_match(
    text: str, match: re.Match[str], default_tz: tzinfo | None, dayfirst: bool | None
) -> DateValue | DateProblem:
    parts = _date_parts(match, dayfirst)
    problem = _day_problem(*parts)
    if problem:
        return DateProblem(match.group(0), problem)
    date = DateValue(*parts)
    time = _TIME_RE.match(text, match.end())
    if time and _is_time(time):
        return _with_time(date, time, default_tz, match.group(0))
    before = _TIME_BEFORE_RE.search(text, max(0, match.start() - 16), match.start())
    if before:
        return _with_clock(date, int(before[1]), int(before[2]), None, before[3], default_tz)
    return date


def _is_time(time: re.Match[str]) -> bool:
    """A bare number after a date is not a time: it needs minutes or a.m./p.m."""
    return bool(time["m"] or time["ampm"])


def _with_time(
    date: DateValue, time: re.Match[str], default_tz: tzinfo | None, shown: str
) -> DateValue | DateProblem:
    hour, minute = int(time["h"]), int(time["m"] or 0)
    second = int(time["s"]) if time["s"] else None
    offset = _zone_offset(time["zone"], time["off"], date, hour, minute)
    if offset == "bad":
        return DateProblem(shown + time.group(0), "impossible UTC offset")
    value = _with_clock(date, hour, minute, second, time["ampm"], default_tz)
    if isinstance(value, DateValue) and offset is not None:
        value = replace(value, offset=int(offset))
    return value


def _with_clock(
    date: DateValue,
    hour: int,
    minute: int,
    second: int | None,
    ampm: str | None,
    default_tz: tzinfo | None,
) -> DateValue | DateProblem:
    if ampm and hour <= 12:
        hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
    if hour > 23 or minute > 59 or (second or 0) > 60:
        return DateProblem(f"{hour:02d}:{minute:02d}", "impossible time of day")
    value = replace(date, hour=hour, minute=minute, second=second)
    if default_tz is not None:
        value = replace(value, offset=_local_offset(value, default_tz))
    return value


def _zone_offset(
    zone: str | None, off: str | None, date: DateValue, hour: int, minute: int
) -> int | str | None:
    """Minutes east of UTC from a zone name and/or a numeric offset; "bad" when impossible."""
    base = 0 if zone is None else _named_offset(zone, date, hour, minute)
    if off is None:
        return None if zone is None else base
    if off.upper() == "Z":
        return 0
    digits = off[1:].replace(":", "")
    hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    if hours > 14 or minutes > 59:
        return "bad"
    sign = -1 if off.startswith("-") else 1
    return base + sign * (hours * 60 + minutes)


def _named_offset(zone: str, date: DateValue, hour: int, minute: int) -> int:
    if zone in FIXED_ZONES:
        return FIXED_ZONES[zone]
    try:
        region = ZoneInfo(REGION_ZONES[zone])
    except ZoneInfoNotFoundError:  # no tz database: fall back to standard time
        return {"ET": -300, "CT": -360, "MT": -420, "PT": -480}[zone]
    return _local_offset(replace(date, hour=hour, minute=minute), region)


def _local_offset(value: DateValue, zone: tzinfo) -> int:
    assert value.month is not None and value.day is not None
    local = datetime(value.year, value.month, value.day, value.hour or 0, value.minute or 0)
    delta = zone.utcoffset(local) or timedelta(0)
    return int(delta.total_seconds() // 60)


def _offset_text(offset: int | None) -> str:
    if offset is None:
        return ""
    sign = "-" if offset < 0 else "+"
    hours, minutes = divmod(abs(offset), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def _fixed_zone(offset: int) -> tzinfo:
    return timezone(timedelta(minutes=offset))


# ---- partial dates and checks -----------------------------------------------------------------

_YEAR_RE = re.compile(r"(\d{4})")
_YEAR_MONTH_RE = re.compile(r"(\d{4})[-/.](\d{1,2})|(\d{4})(\d{2})(\d{2})?")
_MONTH_YEAR_RE = re.compile(rf"((?:{_MONTH_ALT})\.?)[\s,]*(\d{{4}})", re.IGNORECASE)
_ISO_SHAPE_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})\b")


def _partial_date(text: str) -> DateValue | DateProblem | None:
    """A whole text that is a year, a month or a compact date (YYYYMMDD); None otherwise."""
    if _YEAR_RE.fullmatch(text):
        return _checked(text, int(text), None, None)
    shape = _ISO_SHAPE_RE.match(text)
    if shape:  # an ISO date the scanner would skip because its values are out of range
        return _checked(text, int(shape[1]), int(shape[2]), int(shape[3])) or None
    named = _MONTH_YEAR_RE.fullmatch(text)
    if named:
        return _checked(text, int(named[2]), _month(named[1]), None)
    numeric = _YEAR_MONTH_RE.fullmatch(text)
    if not numeric:
        return None
    if numeric[1]:
        return _checked(text, int(numeric[1]), int(numeric[2]), None)
    day = int(numeric[5]) if numeric[5] else None
    return _checked(text, int(numeric[3]), int(numeric[4]), day)


def _checked(
    text: str, year: int, month: int | None, day: int | None
) -> DateValue | DateProblem | None:
    """A problem for impossible values; None for a valid full ISO date (the scanner reads it)."""
    problem = _day_problem(year, month, day)
    if problem:
        return DateProblem(text, problem)
    if day is not None and "-" in text:
        return None
    return DateValue(year, month, day)


def _day_problem(year: int, month: int | None, day: int | None) -> str:
    if not 1000 <= year <= 2199:
        return f"year {year} out of range"
    if month is not None and not 1 <= month <= 12:
        return f"month {month} does not exist"
    if month is not None and day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            return f"day {day} does not exist in {calendar.month_name[month]} {year}"
    return ""


def _time_before_start(text: str, start: int) -> int:
    before = _TIME_BEFORE_RE.search(text, max(0, start - 16), start)
    return before.start() if before else start


def _span_end(match: re.Match[str], time: re.Match[str] | None) -> int:
    return time.end() if time and _is_time(time) else match.end()
