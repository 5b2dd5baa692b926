"""From overlapping atoms to the expressions of a text: pick, then join neighbours.

The longest reading wins where candidates overlap (a full written date before anything else);
then a clock time joins its day ("Monday at 3 p.m."), "the beginning of" joins what follows,
"from X to Y" and "between X and Y" become ranges, and "since X" runs from X to publication.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from newsgraph.stages.times_calendar import Period, shifted
from newsgraph.stages.times_rules import Atom, Context, Resolver, anchor_date, clock_on


def choose(atoms: list[Atom]) -> list[Atom]:
    """The non-overlapping atoms, preferring written dates, then longer ones; in text order."""
    kept: list[Atom] = []
    for atom in sorted(atoms, key=lambda a: (not a.explicit, a.start - a.end, a.start)):
        if all(atom.end <= k.start or k.end <= atom.start for k in kept):
            kept.append(atom)
    return sorted(kept, key=lambda a: a.start)


def combine(text: str, atoms: list[Atom]) -> list[Atom]:
    """Join neighbouring atoms into the longer expressions they form together."""
    atoms = _pairs(text, atoms, _clock_and_day)
    atoms = [_with_edge(text, a) for a in atoms]
    atoms = _pairs(text, atoms, _range)
    return [_since(text, a) for a in atoms]


Joiner = Callable[[str, Atom, Atom], Atom | None]


def _pairs(text: str, atoms: list[Atom], join: Joiner) -> list[Atom]:
    """Atoms with each neighbouring pair that `join` accepts replaced by the joined atom."""
    out: list[Atom] = []
    for atom in atoms:
        joined = join(text, out[-1], atom) if out else None
        if joined is None:
            out.append(atom)
        else:
            out[-1] = joined
    return out


_CLOCK_BEFORE_DAY = re.compile(r"\s*(?:,\s*|\s(?i:on)\s+)?")
_DAY_BEFORE_CLOCK = re.compile(r"\s*(?:,\s*|\s(?i:at)\s+)?")


def _clock_and_day(text: str, first: Atom, second: Atom) -> Atom | None:
    """ "3 p.m. on Monday", "Monday at 3 p.m.": one moment."""
    gap = text[first.end : second.start]
    if first.clock and not second.clock and second.point:
        clock, day = first.clock, second
        ok = _CLOCK_BEFORE_DAY.fullmatch(gap)
    elif second.clock and not first.clock and first.point:
        clock, day = second.clock, first
        ok = _DAY_BEFORE_CLOCK.fullmatch(gap)
    else:
        return None
    if not ok:
        return None
    resolve = partial(_clock_on_day, day.resolve, clock)
    return Atom(first.start, second.end, "time", resolve, point=True)


def _clock_on_day(day: Resolver, clock: str, context: Context) -> Period | None:
    period = day(context)
    return clock_on(period, clock) if period is not None else None


_EDGE_RE = re.compile(r"(?i:the\s+(beginning|start|middle|end)\s+of)\s+$")
_EDGES = {"beginning": "start", "start": "start", "middle": "mid", "end": "end"}


def _with_edge(text: str, atom: Atom) -> Atom:
    """ "the beginning of this year": the year, with modifier "start"."""
    edge = _EDGE_RE.search(text, max(0, atom.start - 30), atom.start) if atom.point else None
    if edge is None:
        return atom
    extra = {**atom.extra, "modifier": _EDGES[edge[1].lower()]}
    return replace(atom, start=edge.start(), extra=extra)


_FROM_RE = re.compile(r"(?i:from|between)\s+$")
_TO_RE = re.compile(r"\s*(?:[-–—]|(?i:to|until|till|through|and))\s*")


def _range(text: str, first: Atom, second: Atom) -> Atom | None:
    """ "from March to May", "between 2010 and 2015": one range."""
    if not (first.point and second.point):
        return None
    lead = _FROM_RE.search(text, max(0, first.start - 10), first.start)
    gap = _TO_RE.fullmatch(text, first.end, second.start)
    if lead is None or gap is None or (lead[0][0].lower() == "b") != ("and" in gap[0].lower()):
        return None
    resolve = partial(_between, first.resolve, second.resolve)
    return Atom(lead.start(), second.end, "range", resolve, point=False)


def _between(first: Resolver, second: Resolver, context: Context) -> Period | None:
    start, end = first(context), second(context)
    if start is None or end is None:
        return None
    if start.start > end.start and start.granularity in ("day", "month"):
        # "from November to February" read month by month: one end belongs to the next year.
        if context.future:
            end = _years_moved(end, 1)
        else:
            start = _years_moved(start, -1)
    if start.start > end.end:
        return None
    return Period(start.start, end.end, start.granularity)


def _years_moved(period: Period, years: int) -> Period:
    moved = (shifted(period.start, "year", years), shifted(period.end, "year", years))
    return Period(*moved, period.granularity)


_SINCE_RE = re.compile(r"(?i:since)\s+$")


def _since(text: str, atom: Atom) -> Atom:
    """ "since the beginning of this year": from its start to the publication day."""
    lead = _SINCE_RE.search(text, max(0, atom.start - 8), atom.start) if atom.point else None
    if lead is None:
        return atom
    resolve = partial(_up_to_publication, atom.resolve)
    return replace(atom, start=lead.start(), label="range", resolve=resolve, point=False)


def _up_to_publication(since: Resolver, context: Context) -> Period | None:
    start, today = since(context), anchor_date(context, "day")
    if start is None or today is None or start.start > today:
        return None
    return Period(start.start, today, start.granularity)
