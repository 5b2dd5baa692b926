"""Geometry for the inline SVG charts: a timeline of bars and an equirectangular map."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

CHART_WIDTH, CHART_HEIGHT = 720, 160
MAP_WIDTH, MAP_HEIGHT = 720, 360
# Beyond this many days a bar per day gets too thin to see: count per month instead.
MAX_DAILY_BARS = 120


@dataclass(frozen=True)
class Bar:
    """One bar of the timeline: its box in SVG units, the period it counts and the count."""

    x: float
    y: float
    width: float
    height: float
    period: str
    count: int


def timeline_bars(days: list[tuple[str, int]]) -> list[Bar]:
    """Bars for articles per day (gaps filled with zeros), or per month over a long span."""
    counts = _fill_days([(d, n) for d, n in days if _is_day(d)])
    if len(counts) > MAX_DAILY_BARS:
        counts = _by_month(counts)
    if not counts:
        return []
    step = CHART_WIDTH / len(counts)
    top = max(n for _, n in counts) or 1
    return [
        Bar(round(i * step, 2), round(CHART_HEIGHT - h, 2), round(max(step - 1, 1), 2), h, p, n)
        for i, (p, n) in enumerate(counts)
        for h in [round(CHART_HEIGHT * n / top, 2)]
    ]


def _is_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _fill_days(days: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Every day from the first to the last, those without articles counted as zero."""
    if not days:
        return []
    known = dict(days)
    first, last = date.fromisoformat(min(known)), date.fromisoformat(max(known))
    span = (last - first).days + 1
    return [(d, known.get(d, 0)) for d in ((first + timedelta(n)).isoformat() for n in range(span))]


def _by_month(days: list[tuple[str, int]]) -> list[tuple[str, int]]:
    months: dict[str, int] = {}
    for day, n in days:
        months[day[:7]] = months.get(day[:7], 0) + n
    return list(months.items())


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
