"""Time expressions that are lengths, repeats, clock times or tied to the story's own events.

"the past two years" (a range up to the publication), "for three weeks" (a duration), "every
Monday" (a set), "3 p.m. EDT" (a clock time), and "the month before", "two days later" (relative
to an event in the story, not to the publication: kept, never given dates).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from functools import partial

from newsgraph.stages.times_calendar import Period, duration_text, shifted
from newsgraph.stages.times_rules import Atom, Context, anchor_date, atom_at, clock_on
from newsgraph.stages.times_words import NUMBER, UNIT, WEEKDAY, ZONE, count_of, unit_name

_ROLLING_RE = re.compile(
    rf"(?<!\w)(?P<t>(?i:the)\s+(?P<dir>(?i:past|last|previous|next|coming))"
    rf"(?:\s+(?P<n>{NUMBER}))?\s+(?P<u>{UNIT}))(?![\w-])"
)


def _rolling(match: re.Match[str]) -> Atom:
    """ "the past two years": from two years before the publication day to that day."""
    direction, unit = match["dir"].lower(), unit_name(match["u"])
    plural = match["u"].lower().endswith("s")
    count = count_of(match["n"]) if match["n"] else (None if plural else 1)
    if direction in ("next", "previous") and not match["n"]:
        return atom_at(match, "relative", granularity=unit)  # "the next day": the story's day
    if count is None:
        return atom_at(match, "range", granularity=unit)  # "the coming weeks": how many?
    steps = count if direction in ("next", "coming") else -count
    extra = {"duration": duration_text(unit, count)}
    return atom_at(match, "range", resolve=partial(_rolling_period, unit, steps), extra=extra)


def _rolling_period(unit: str, steps: int, context: Context) -> Period | None:
    day = anchor_date(context, "day")
    if day is None:
        return None
    other = shifted(day, unit, steps)
    if steps < 0:
        return Period(other + timedelta(days=1), day, unit)
    return Period(day, other - timedelta(days=1), unit)


_STORY_RE = re.compile(
    r"(?<!\w)(?P<t>(?i:the\s+(?P<u1>day|week|month|year)\s+(?:before|after|earlier|later)|"
    r"the\s+(?:following|previous)\s+(?P<u2>day|week|month|year)|"
    r"that\s+(?P<u3>day|week|month|year)|"
    rf"{NUMBER}\s+(?P<u4>{UNIT})\s+(?:earlier|later|before|after)))(?![\w-])"
)


def _story_relative(match: re.Match[str]) -> Atom:
    unit = next(match[g] for g in ("u1", "u2", "u3", "u4") if match[g])
    return atom_at(match, "relative", granularity=unit_name(unit), point=False)


_DURATION_RE = re.compile(
    rf"(?<!\w)(?:(?P<lead>(?i:for|over|within|in|during|about|nearly|almost|some))\s+)?"
    rf"(?P<t>(?P<n>{NUMBER})\s+(?P<u>{UNIT}))(?![\w-])(?!\s+(?i:old|of\s+age)\b)"
)


def _duration(match: re.Match[str]) -> Atom | None:
    if match["n"].lower() in ("a", "an") and not match["lead"]:
        return None  # "a year of war", "a day when": not a length on its own
    unit, count = unit_name(match["u"]), count_of(match["n"])
    extra = {"duration": duration_text(unit, count)} if count is not None else {}
    return atom_at(match, "duration", granularity=unit, extra=extra, point=False)


_SET_RE = re.compile(
    rf"(?<!\w)(?P<t>(?i:every|each)\s+(?:(?i:other)\s+)?(?:(?P<n>{NUMBER})\s+)?"
    rf"(?:(?P<u>{UNIT})|(?P<w>{WEEKDAY})))(?![\w-])"
)


def _set(match: re.Match[str]) -> Atom:
    unit = unit_name(match["u"]) if match["u"] else "week"
    count = count_of(match["n"]) if match["n"] else 1
    every = {"every": duration_text(unit, count)} if count is not None else {}
    if match["w"]:
        every["weekday"] = match["w"]
    granularity = "day" if match["w"] else unit
    return atom_at(match, "set", granularity=granularity, extra=every, point=False)


_AMPM = r"(?i:[ap]\.?\s?m\b\.?)"
_CLOCK_RE = re.compile(
    rf"(?<![\w:.,])(?P<t>(?P<c>\d{{1,2}}(?::\d{{2}})?\s*{_AMPM}|(?<=at\s)\d{{1,2}}:\d{{2}}"
    rf"|\d{{1,2}}:\d{{2}}(?=\s+{ZONE}\b)|(?i:noon|midnight))(?:\s+\(?{ZONE}\)?(?!\w))?)"
    r"(?![\w:])"
)


def _clock(match: re.Match[str]) -> Atom:
    """A clock time alone is on the publication day, the way news writes "at 3 p.m."."""
    clock = match["t"]
    resolve = partial(_clock_today, clock)
    return atom_at(match, "time", resolve=resolve, clock=clock, point=False)


def _clock_today(clock: str, context: Context) -> Period | None:
    day = anchor_date(context, "day")
    return clock_on(Period(day, day, "day"), clock) if day is not None else None


LENGTH_FINDERS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], Atom | None]]] = [
    (_ROLLING_RE, _rolling),
    (_STORY_RE, _story_relative),
    (_DURATION_RE, _duration),
    (_SET_RE, _set),
    (_CLOCK_RE, _clock),
]
