"""Single time expressions in running text ("May", "last Tuesday", "two decades ago", "1998-99").

Each finder yields `Atom`s: where the expression is, its label and a resolver that places it
against the publication time. Explicit dates come from `newsgraph.extraction.dates.find_dates`;
the rest are the shapes below. Atoms may overlap here; `times_combine` picks among them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from functools import partial
from typing import Any

from newsgraph.extraction.dates import find_dates, parse_date
from newsgraph.stages.times_calendar import (
    Period,
    duration_text,
    enclosing,
    period_of,
    relative_unit,
    with_end,
    year_period,
)
from newsgraph.stages.times_lengths import LENGTH_FINDERS
from newsgraph.stages.times_rules import (
    Atom,
    Context,
    anchor_date,
    atom_at,
    fixed,
    month_day_occurrence,
    month_occurrence,
    shifted_from,
    unresolvable,
    weekday_occurrence,
)
from newsgraph.stages.times_words import (
    LEAD_WORDS,
    MONTH,
    MONTH_OR_SHORT,
    NUMBER,
    UNIT,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
    count_of,
    month_number,
    unit_name,
)


def find_atoms(text: str) -> list[Atom]:
    """Every candidate time expression in `text`, overlapping ones included."""
    atoms = list(_explicit_dates(text))
    for pattern, build in [*_FINDERS, *LENGTH_FINDERS]:
        for match in pattern.finditer(text):
            atom = build(match)
            if atom is not None:
                atoms.append(atom)
    return atoms


def _explicit_dates(text: str) -> Iterator[Atom]:
    for found in find_dates(text):
        label = "time" if found.value.hour is not None else "date"
        period = period_of(found.value)
        start = _weekday_before(text, found.start)
        yield Atom(start, found.end, label, fixed(period), explicit=True)


_WEEKDAY_BEFORE_RE = re.compile(rf"{WEEKDAY},?\s+$")


def _weekday_before(text: str, start: int) -> int:
    """Take in a weekday written just before a date ("Tuesday, 18 July 2023")."""
    before = _WEEKDAY_BEFORE_RE.search(text, max(0, start - 12), start)
    return before.start() if before else start


# ---- dates without a year, months, years ------------------------------------------------------

_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_DAY_MONTH_RE = re.compile(rf"(?<![\w.]){_DAY}\s+(?:of\s+)?(?P<m>{MONTH_OR_SHORT})(?!\w)")
_MONTH_DAY_RE = re.compile(rf"(?<![\w.])(?P<m>{MONTH_OR_SHORT})\s+{_DAY}(?![\w:]|[.,]\d)")


def _month_day(match: re.Match[str]) -> Atom:
    month, day = month_number(match["m"]), int(match["d"])
    return atom_at(match, "relative", resolve=partial(month_day_occurrence, month, day))


_MONTH_YEAR_RE = re.compile(rf"(?<![\w.])(?P<m>{MONTH_OR_SHORT})\s+(?:of\s+)?(?P<y>{YEAR})(?!\w)")


def _month_year(match: re.Match[str]) -> Atom | None:
    value = parse_date(f"{match['y']}-{month_number(match['m']):02d}")
    return atom_at(match, "date", resolve=fixed(period_of(value))) if value else None


_MODIFIER = r"(?P<mod>(?i:early|mid|late))(?:\s+|-)"
_BARE_MONTH_RE = re.compile(
    rf"(?<!\w)(?:(?P<lead>{LEAD_WORDS})\s+)?"
    rf"(?P<t>(?:(?P<rel>(?i:last|next|this))\s+|{_MODIFIER})?(?P<m>{MONTH}))(?![\w'’-])"
)


def _bare_month(match: re.Match[str]) -> Atom:
    relation = (match["rel"] or "").lower()
    resolve = partial(month_occurrence, month_number(match["m"]), relation)
    supported = bool(match["lead"] or match["rel"] or match["mod"])
    return atom_at(match, "relative", resolve=resolve, supported=supported,
                 extra=_modifier(match))  # fmt: skip


_YEAR_RE = re.compile(
    rf"(?<![\w$£€.,/-])(?:(?P<lead>{LEAD_WORDS})\s+)?(?P<t>(?:{_MODIFIER})?(?P<y>{YEAR}))"
    r"(?![\w%]|[.,/-]\d)"
)


def _year(match: re.Match[str]) -> Atom:
    period = year_period(int(match["y"]))
    supported = bool(match["lead"] or match["mod"])
    return atom_at(match, "date", resolve=fixed(period), supported=supported,
                 extra=_modifier(match))  # fmt: skip


def _modifier(match: re.Match[str]) -> dict[str, Any]:
    mod = match["mod"]
    return {"modifier": mod.lower()} if mod else {}


_YEAR_RANGE_RE = re.compile(
    rf"(?<![\w$.,/-])(?P<a>{YEAR})\s?[-–—/]\s?(?P<b>\d{{4}}|\d{{2}})(?![\w%]|[-–/.,]\d)"
)


def _year_range(match: re.Match[str]) -> Atom | None:
    first = int(match["a"])
    last = int(match["b"]) if len(match["b"]) == 4 else first // 100 * 100 + int(match["b"])
    if not first < last <= first + 100:
        return None  # "2023/24" is a season; "1998-97" or "2001-1999" are not ranges
    period = Period(date(first, 1, 1), date(last, 12, 31), "year")
    return atom_at(match, "range", resolve=fixed(period))


_DECADE_RE = re.compile(
    rf"(?<!\w)(?P<t>(?:(?i:the)\s+)?(?:{_MODIFIER})?(?P<y>1[6-9]\d0|20\d0)['’]?s)(?!\w)"
)


def _decade(match: re.Match[str]) -> Atom:
    period = enclosing("decade", date(int(match["y"]), 1, 1))
    return atom_at(match, "date", resolve=fixed(period), extra=_modifier(match))


_CENTURY_RE = re.compile(
    r"(?<!\w)(?P<t>(?i:the)\s+(?:(?P<mod>(?i:early|mid|late))(?:\s+|-))?"
    r"(?P<c>\d{1,2})(?i:st|nd|rd|th)\s+(?i:century))(?!\w)"
)


def _century(match: re.Match[str]) -> Atom:
    period = enclosing("century", date((int(match["c"]) - 1) * 100 + 1, 1, 1))
    return atom_at(match, "date", resolve=fixed(period), extra=_modifier(match))


# ---- days, weeks and units relative to the publication ----------------------------------------

_DAY_OFFSETS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "tomorrow": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}  # fmt: skip
_DEICTIC_RE = re.compile(
    r"(?<!\w)(?P<t>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|"
    r"yesterday|tomorrow|tonight|this\s+(?:morning|afternoon|evening)|last\s+night))(?![\w-])"
)


_NAME_BEFORE_RE = re.compile(r"[A-Z][\w.&'’-]*\s+$")


def _deictic(match: re.Match[str]) -> Atom | None:
    if match["t"][0].isupper() and _NAME_BEFORE_RE.search(match.string, 0, match.start()):
        return None  # "The Pavlovic Today", "USA Today": the end of a name
    offset = _DAY_OFFSETS[" ".join(match["t"].lower().split())]
    return atom_at(match, "relative", resolve=partial(shifted_from, "day", offset))


_WEEKDAY_RE = re.compile(
    rf"(?<!\w)(?P<t>(?:(?P<rel>(?i:last|next|this|on))\s+)?(?P<w>{WEEKDAY})"
    r"(?:\s+(?i:morning|afternoon|evening|night))?)(?![\w-])"
)


def _weekday(match: re.Match[str]) -> Atom:
    relation = (match["rel"] or "").lower()
    resolve = partial(weekday_occurrence, WEEKDAYS[match["w"]], relation)
    atom = atom_at(match, "relative", resolve=resolve)
    if relation == "on":  # "on" is the preposition, not part of the expression
        atom.start = match.start("w")
    return atom


_UNIT_RE = re.compile(
    r"(?<!\w)(?P<t>(?P<rel>(?i:this|last|next|earlier\s+this|later\s+this))\s+"
    r"(?P<u>(?i:week|weekend|month|year|decade|century)))(?![\w-])"
)
_UNIT_OFFSETS = {"this": 0, "last": -1, "next": 1, "earlier this": 0, "later this": 0}


def _unit(match: re.Match[str]) -> Atom:
    relation = " ".join(match["rel"].lower().split())
    resolve = partial(_this_unit, unit_name(match["u"]), relation)
    return atom_at(match, "relative", resolve=resolve)


def _this_unit(unit: str, relation: str, context: Context) -> Period | None:
    day = anchor_date(context, "day" if relation.endswith(" this") else unit)
    if day is None:
        return None
    period = relative_unit(day, unit, _UNIT_OFFSETS[relation])
    if relation == "earlier this":  # from the start of the unit to the day before publication
        return with_end(period, date.fromordinal(day.toordinal() - 1))
    if relation == "later this":
        return Period(min(date.fromordinal(day.toordinal() + 1), period.end), period.end, unit)
    return period


_AGO_RE = re.compile(rf"(?<!\w)(?P<t>(?P<n>{NUMBER})\s+(?P<u>{UNIT})\s+(?i:ago))(?!\w)")


def _ago(match: re.Match[str]) -> Atom:
    unit, count = unit_name(match["u"]), count_of(match["n"])
    extra = {"duration": duration_text(unit, count)} if count is not None else {}
    resolve = partial(shifted_from, unit, -count) if count is not None else unresolvable
    return atom_at(match, "relative", resolve=resolve, granularity=unit, extra=extra)


_FINDERS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], Atom | None]]] = [
    (_DAY_MONTH_RE, _month_day),
    (_MONTH_DAY_RE, _month_day),
    (_MONTH_YEAR_RE, _month_year),
    (_BARE_MONTH_RE, _bare_month),
    (_YEAR_RE, _year),
    (_YEAR_RANGE_RE, _year_range),
    (_DECADE_RE, _decade),
    (_CENTURY_RE, _century),
    (_DEICTIC_RE, _deictic),
    (_WEEKDAY_RE, _weekday),
    (_UNIT_RE, _unit),
    (_AGO_RE, _ago),
]
