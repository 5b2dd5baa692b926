"""Calendar arithmetic for time expressions: periods, the unit that encloses a day, shifts.

A `Period` is a run of whole days, both ends included, at the granularity the text spoke of
("May" is 1 to 31 May at month granularity); a clock time is a `moment` on top of its day.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from newsgraph.extraction.dates import DateValue

UNITS = ("day", "week", "weekend", "month", "year", "decade", "century")
# ISO 8601 duration designators for one of each unit (a week is P1W, a decade ten years).
_DURATION = {"day": (1, "D"), "week": (1, "W"), "month": (1, "M"), "year": (1, "Y"),
             "decade": (10, "Y"), "century": (100, "Y")}  # fmt: skip


@dataclass(frozen=True)
class Period:
    """Whole days from `start` to `end` (both included), or one clock `moment` in `start`."""

    start: date
    end: date
    granularity: str
    moment: str | None = None  # ISO date and time, with the offset when the text gave a zone

    def value(self) -> dict[str, Any]:
        """`start`, `end` (ISO 8601) and `granularity`, as a time span's value holds them."""
        if self.moment is not None:
            return {"start": self.moment, "end": self.moment, "granularity": "minute"}
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "granularity": self.granularity,
        }


def unresolved(granularity: str | None = None) -> dict[str, Any]:
    """The value of an expression that cannot be placed: its text only, no invented dates."""
    return {"start": None, "end": None, "granularity": granularity}


def period_of(value: DateValue) -> Period:
    """The days a parsed date covers: a year, a month, a day, or one moment of a day."""
    if value.month is None:
        return year_period(value.year)
    if value.day is None:
        return month_period(value.year, value.month)
    day = date(value.year, value.month, value.day)
    moment = value.iso if value.hour is not None else None
    return Period(day, day, value.granularity if moment else "day", moment)


def year_period(year: int) -> Period:
    """1 January to 31 December of `year`."""
    return Period(date(year, 1, 1), date(year, 12, 31), "year")


def month_period(year: int, month: int) -> Period:
    """The first to the last day of a month."""
    last = calendar.monthrange(year, month)[1]
    return Period(date(year, month, 1), date(year, month, last), "month")


def enclosing(unit: str, day: date) -> Period:
    """The calendar `unit` (ISO week from Monday, decade 2020-2029, century 2001-2100) of a day."""
    if unit == "day":
        return Period(day, day, "day")
    if unit in ("week", "weekend"):
        monday = day - timedelta(days=day.weekday())
        first = monday + timedelta(days=5) if unit == "weekend" else monday
        return Period(first, monday + timedelta(days=6), unit)
    if unit == "month":
        return month_period(day.year, day.month)
    if unit == "year":
        return year_period(day.year)
    if unit == "decade":
        opening = day.year // 10 * 10
        return Period(date(opening, 1, 1), date(opening + 9, 12, 31), "decade")
    opening = (day.year - 1) // 100 * 100 + 1  # the 21st century runs from 2001 to 2100
    return Period(date(opening, 1, 1), date(opening + 99, 12, 31), "century")


def shifted(day: date, unit: str, count: int) -> date:
    """`day` moved by `count` units; a day missing in the target month becomes its last day."""
    if unit == "day":
        return day + timedelta(days=count)
    if unit in ("week", "weekend"):
        return day + timedelta(weeks=count)
    months = count * {"month": 1, "year": 12, "decade": 120, "century": 1200}[unit]
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def relative_unit(anchor: date, unit: str, count: int) -> Period:
    """The calendar unit `count` units away from the one holding `anchor` (0 is this one)."""
    return enclosing(unit, shifted(anchor, unit, count))


def with_end(period: Period, end: date) -> Period:
    """The same period cut (or stretched) to end on `end`, never before its start."""
    return replace(period, end=max(end, period.start))


def duration_text(unit: str, count: int) -> str:
    """ISO 8601 duration of `count` units: "P20Y" for two decades, "P3W" for three weeks."""
    size, designator = _DURATION["week" if unit == "weekend" else unit]
    return f"P{size * count}{designator}"
