"""How an expression is placed against the publication time: the `Atom` record and its rules.

The rules for a name without a year or a week ("May", "Tuesday"): in the past tense (or no
future marker) it is the latest such month or day up to the publication, the publication's own
month or weekday included; when the verb says future ("will", "is going to") it is the next one
from the publication on. "last" and "next" always step away from the publication's own.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from newsgraph.extraction.dates import DateValue, parse_date
from newsgraph.stages.times_calendar import Period, period_of, relative_unit

# What an expression needs to know of the publication to be placed, by the unit it speaks of.
_NEEDS = {"day": "day", "week": "day", "weekend": "day", "month": "month"}


@dataclass(frozen=True)
class Context:
    """The publication time an expression is read against, and whether its verb is future."""

    anchor: DateValue | None
    future: bool = False


Resolver = Callable[[Context], Period | None]


def unresolvable(context: Context) -> Period | None:
    """The resolver of an expression that names no period ("the month before")."""
    return None


@dataclass
class Atom:
    """One time expression: its range, label, resolver and what else its value carries."""

    start: int
    end: int
    label: str
    resolve: Resolver = unresolvable
    granularity: str | None = None  # what an unresolved expression would be measured in
    extra: dict[str, Any] = field(default_factory=dict)
    explicit: bool = False  # a full written date: it wins over any other reading
    supported: bool = True  # False: kept only where the parser also sees a date there
    point: bool = True  # a period "since", "from" and "between" can start or end with
    clock: str | None = None  # a clock time as written, to be joined to a day


def atom_at(match: re.Match[str], label: str, **fields: Any) -> Atom:
    """An atom over the match's group `t` (the expression without its preposition), else all."""
    group = "t" if "t" in match.re.groupindex and match["t"] else 0
    return Atom(match.start(group), match.end(group), label, **fields)


def fixed(period: Period) -> Resolver:
    """A resolver for an expression that needs no publication time ("1998-99")."""
    return lambda _context: period


def anchor_date(context: Context, unit: str) -> date | None:
    """The publication day, or its first day when `unit` needs no finer; None when unknown."""
    anchor = context.anchor
    if anchor is None:
        return None
    need = _NEEDS.get(unit, "year")
    if (need == "day" and anchor.day is None) or (need == "month" and anchor.month is None):
        return None
    return date(anchor.year, anchor.month or 1, anchor.day or 1)


def shifted_from(unit: str, count: int, context: Context) -> Period | None:
    """The calendar unit `count` units from the publication's ("two decades ago": -2)."""
    day = anchor_date(context, unit)
    return relative_unit(day, unit, count) if day is not None else None


def month_occurrence(month: int, relation: str, context: Context) -> Period | None:
    """The month a name without a year means, read against the publication month."""
    anchor = context.anchor
    if anchor is None or anchor.month is None:
        return None
    year = anchor.year + _year_step((month,), (anchor.month,), relation, context.future)
    last = calendar.monthrange(year, month)[1]
    return Period(date(year, month, 1), date(year, month, last), "month")


def month_day_occurrence(month: int, day: int, context: Context) -> Period | None:
    """The day "18 July" (no year) means, read like a month name against the publication."""
    anchor = context.anchor
    if anchor is None or anchor.month is None:
        return None
    now = (anchor.month, anchor.day or 1)
    year = anchor.year + _year_step(
        (month, day), now, "", context.future or _days_ahead(anchor.year, (month, day), now)
    )
    if day > calendar.monthrange(year, month)[1]:
        return None  # "30 February": no such day
    return Period(date(year, month, day), date(year, month, day), "day")


# A dated day up to a week after publication is the coming one ("Coming September 30th" in a
# 28 September article), as schedules are written without a future verb.
_LOOKAHEAD_DAYS = 7


def _days_ahead(year: int, named: tuple[int, int], now: tuple[int, int]) -> bool:
    if named[1] > calendar.monthrange(year, named[0])[1]:
        return False
    ahead = (date(year, *named) - date(year, *now)).days
    return 0 < ahead <= _LOOKAHEAD_DAYS


def _year_step(named: tuple[int, ...], now: tuple[int, ...], relation: str, future: bool) -> int:
    if relation == "this":
        return 0
    if relation == "last":
        return 0 if named < now[: len(named)] else -1
    if relation == "next" or future:
        later = named > now[: len(named)] if relation == "next" else named >= now[: len(named)]
        return 0 if later else 1
    return 0 if named <= now[: len(named)] else -1


def weekday_occurrence(weekday: int, relation: str, context: Context) -> Period | None:
    """The day a weekday name means; in an article of that weekday, bare, it is that day."""
    today = anchor_date(context, "day")
    if today is None:
        return None
    back, ahead = (today.weekday() - weekday) % 7, (weekday - today.weekday()) % 7
    if relation == "last":
        day = today - timedelta(days=back or 7)
    elif relation == "next":
        day = today + timedelta(days=ahead or 7)
    elif relation == "this":
        day = today + timedelta(days=weekday - today.weekday())
    else:
        day = today + timedelta(days=ahead) if context.future else today - timedelta(days=back)
    return Period(day, day, "day")


def clock_on(day: Period, clock: str) -> Period | None:
    """A clock time ("3 p.m. EDT", "noon") on a resolved day, as one moment."""
    if day.granularity != "day":
        return None
    words = {"noon": "12:00", "midnight": "00:00"}
    written = words.get(clock.lower().strip(), clock)
    value = parse_date(f"{day.start.isoformat()} {written}")
    if value is None or value.hour is None:
        return None
    return period_of(value)
