"""Geometry for the inline SVG charts: a timeline of bars and an equirectangular world map."""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

CHART_WIDTH, CHART_HEIGHT = 720, 160
MAP_WIDTH, MAP_HEIGHT = 720, 360
# Fewer periods than this are padded with empty ones on both sides, so that one day reads as
# one bar among its neighbours, not as a bar the width of the page.
MIN_PERIODS = 7
# The longest span, in days, drawn with one bar per day, per week and per month; longer: years.
DAY_SPAN, WEEK_SPAN, MONTH_SPAN = 62, 366, 3660
MAX_LABELS = 7  # dates under the axis; more would overlap
# How many periods apart axis labels may stand, by unit: steps that fall on round dates.
LABEL_STEPS = {
    "day": (1, 2, 3, 7, 14), "week": (1, 2, 4, 13, 26), "month": (1, 2, 3, 6, 12, 24, 60),
    "year": (1, 2, 5, 10, 20, 50, 100),
}  # fmt: skip
BAR_SHARE = 0.8  # of its slot a bar fills, leaving a gap between neighbours
WORLD_FILE = Path(__file__).parent / "static" / "world.json"


@dataclass(frozen=True)
class Bar:
    """One bar of the timeline: its box in SVG units, the period it counts and the count.

    `label` is the date written under the bar on the axis ("" for most bars).
    """

    x: float
    y: float
    width: float
    height: float
    period: str
    count: int
    label: str = ""

    @property
    def middle(self) -> float:
        """Where the bar's centre line is, for its axis label."""
        return round(self.x + self.width / 2, 2)


def timeline_bars(days: list[tuple[str, int]]) -> list[Bar]:
    """Bars for articles per day, week, month or year (by the span), empty periods included."""
    counts = [(day, n) for day, n in ((_as_day(d), n) for d, n in days) if day is not None]
    if not counts:
        return []
    unit = period_unit(min(d for d, _ in counts), max(d for d, _ in counts))
    periods = _pad(_periods(counts, unit), unit)
    return _bars(periods, unit)


def period_unit(first: date, last: date) -> str:
    """The period one bar counts for dates from first to last: day, week, month or year."""
    span = (last - first).days + 1
    for unit, longest in (("day", DAY_SPAN), ("week", WEEK_SPAN), ("month", MONTH_SPAN)):
        if span <= longest:
            return unit
    return "year"


def period_start(day: date, unit: str) -> date:
    """The first day of the period holding `day` (weeks start on Monday, as in ISO 8601)."""
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "year":
        return day.replace(month=1, day=1)
    return day


def next_period(start: date, unit: str, steps: int = 1) -> date:
    """The start of the period `steps` periods after (or before, when negative) `start`."""
    if unit in ("day", "week"):
        return start + timedelta(days=steps * (7 if unit == "week" else 1))
    months = start.year * 12 + start.month - 1 + steps * (12 if unit == "year" else 1)
    return date(months // 12, months % 12 + 1, 1)


def _periods(counts: list[tuple[date, int]], unit: str) -> list[tuple[date, int]]:
    """Every period from the first to the last, counts summed, empty ones counted as zero."""
    totals: dict[date, int] = {}
    for day, n in counts:
        start = period_start(day, unit)
        totals[start] = totals.get(start, 0) + n
    start, last, periods = min(totals), max(totals), []
    while start <= last:
        periods.append((start, totals.get(start, 0)))
        start = next_period(start, unit)
    return periods


def _pad(periods: list[tuple[date, int]], unit: str) -> list[tuple[date, int]]:
    """The periods with empty ones added before and after, up to MIN_PERIODS in all."""
    missing = MIN_PERIODS - len(periods)
    if missing <= 0:
        return periods
    first, last = periods[0][0], periods[-1][0]
    before = [(next_period(first, unit, -k), 0) for k in range(missing // 2, 0, -1)]
    after = [(next_period(last, unit, k), 0) for k in range(1, missing - missing // 2 + 1)]
    return before + periods + after


def _bars(periods: list[tuple[date, int]], unit: str) -> list[Bar]:
    """Bars side by side across the chart, the tallest reaching the top, some labelled."""
    slot = CHART_WIDTH / len(periods)
    top = max(n for _, n in periods) or 1
    step = label_step(len(periods), unit)
    bars = []
    for i, (start, n) in enumerate(periods):
        height = round(CHART_HEIGHT * n / top, 2)
        label = period_label(start, unit) if is_labelled(start, i, unit, step) else ""
        bars.append(
            Bar(round(slot * (i + (1 - BAR_SHARE) / 2), 2), CHART_HEIGHT - height,
                round(slot * BAR_SHARE, 2), height, period_title(start, unit), n, label)
        )  # fmt: skip
    return bars


def label_step(periods: int, unit: str) -> int:
    """The fewest periods between axis labels that keeps them to MAX_LABELS or so."""
    steps = LABEL_STEPS[unit]
    return next((s for s in steps if math.ceil(periods / s) <= MAX_LABELS), steps[-1])


def is_labelled(start: date, index: int, unit: str, step: int) -> bool:
    """Whether the period gets a date on the axis: months and years on round values."""
    if unit == "month":
        months = start.year * 12 + start.month - 1
        return months % step == 0
    if unit == "year":
        return start.year % step == 0
    return index % step == 0


def period_label(start: date, unit: str) -> str:
    """A period's date on the axis: 2025-06-12 for a day or week, 2025-06, 2025."""
    return {"month": start.isoformat()[:7], "year": str(start.year)}.get(unit, start.isoformat())


def period_title(start: date, unit: str) -> str:
    """A period named in full, for a bar's hover title."""
    if unit == "week":
        return f"week of {start.isoformat()}"
    return period_label(start, unit)


def _as_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def project(lat: float, lon: float) -> tuple[float, float]:
    """Equirectangular projection of a point onto the map's SVG box."""
    x = (min(max(lon, -180.0), 180.0) + 180.0) / 360.0 * MAP_WIDTH
    y = (90.0 - min(max(lat, -90.0), 90.0)) / 180.0 * MAP_HEIGHT
    return round(x, 2), round(y, 2)


def dot_radius(count: int, most: int) -> float:
    """A dot's radius: its area grows with the count, from 2 to 14 SVG units."""
    return round(2.0 + 12.0 * math.sqrt(count / most), 2) if most > 0 else 2.0


def graticule(step: int = 30) -> list[tuple[float, float, float, float]]:
    """Lines of longitude and latitude every `step` degrees, as (x1, y1, x2, y2)."""
    meridians = [(*project(90, lon), *project(-90, lon)) for lon in range(-180, 181, step)]
    parallels = [(*project(lat, -180), *project(lat, 180)) for lat in range(-90, 91, step)]
    return meridians + parallels


@dataclass(frozen=True)
class Country:
    """One country of the world outline: ISO 3166 alpha-2 code ("" if none), name, SVG path."""

    code: str
    name: str
    path: str


def map_countries(codes: Iterable[str]) -> list[tuple[Country, bool]]:
    """Every country of the outline, each with whether one of the country codes is its own."""
    named = {code.upper() for code in codes if code}
    return [(country, country.code in named) for country in world_outline()]


@functools.cache
def world_outline(source: Path = WORLD_FILE) -> tuple[Country, ...]:
    """The countries of the shipped outline (static/world.json) as paths on the map's box."""
    world = json.loads(source.read_text(encoding="utf-8"))
    scale = float(world["steps_per_degree"])
    return tuple(
        Country(c["code"], c["name"], " ".join(ring_path(r, scale) for r in c["rings"]))
        for c in world["countries"]
    )


def ring_path(ring: list[int], scale: float) -> str:
    """SVG path data for one ring: a start point and deltas, in steps of 1/scale degree."""
    lon, lat, points = ring[0], ring[1], []
    for i in range(0, len(ring), 2):
        if i:
            lon, lat = lon + ring[i], lat + ring[i + 1]
        x, y = project(lat / scale, lon / scale)
        points.append(f"{_short(x)} {_short(y)}")
    return "M" + "L".join(points) + "Z"


def _short(value: float) -> str:
    """A coordinate with one decimal at most and no trailing zero: 381.4, 60, 2.5."""
    return f"{value:.1f}".removesuffix(".0")
