"""The explorer's chart geometry: timeline periods and bars, the world outline, their markup."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from newsgraph.web import charts
from newsgraph.web.page_queries import PlaceCount
from newsgraph.web.pages import make_environment

# -- the timeline ------------------------------------------------------------------------------


def summary(bars: list[charts.Bar]) -> list[tuple[str, int, float, str]]:
    return [(b.period, b.count, b.height, b.label) for b in bars]


def test_one_day_is_one_bar_among_empty_neighbours() -> None:
    bars = charts.timeline_bars([("2025-06-12", 1)])
    assert summary(bars) == [
        ("2025-06-09", 0, 0.0, "2025-06-09"), ("2025-06-10", 0, 0.0, "2025-06-10"),
        ("2025-06-11", 0, 0.0, "2025-06-11"), ("2025-06-12", 1, 160.0, "2025-06-12"),
        ("2025-06-13", 0, 0.0, "2025-06-13"), ("2025-06-14", 0, 0.0, "2025-06-14"),
        ("2025-06-15", 0, 0.0, "2025-06-15"),
    ]  # fmt: skip
    day = bars[3]
    assert (day.x, day.y, day.width, day.middle) == (318.86, 0.0, 82.29, 360.0)


def test_a_few_days_fill_gaps_and_skip_values_that_are_not_days() -> None:
    bars = charts.timeline_bars([("2025-01-01", 2), ("2025-01-03", 1), ("2025", 9), ("", 4)])
    assert [(b.period, b.count, b.height) for b in bars] == [
        ("2024-12-30", 0, 0.0), ("2024-12-31", 0, 0.0), ("2025-01-01", 2, 160.0),
        ("2025-01-02", 0, 0.0), ("2025-01-03", 1, 80.0), ("2025-01-04", 0, 0.0),
        ("2025-01-05", 0, 0.0),
    ]  # fmt: skip
    assert charts.timeline_bars([("2025", 9)]) == []
    assert charts.timeline_bars([]) == []


def test_three_weeks_are_days_labelled_every_third() -> None:
    bars = charts.timeline_bars([("2025-03-01", 1), ("2025-03-21", 2)])
    assert len(bars) == 21
    assert [b.label for b in bars if b.label] == [
        "2025-03-01", "2025-03-04", "2025-03-07", "2025-03-10", "2025-03-13", "2025-03-16",
        "2025-03-19",
    ]  # fmt: skip
    assert (bars[0].height, bars[-1].height) == (80.0, 160.0)


def test_months_are_counted_by_week_from_monday() -> None:
    days = [("2025-01-01", 1), ("2025-01-05", 2), ("2025-01-06", 1), ("2025-03-31", 3)]
    bars = charts.timeline_bars(days)
    assert bars[0].period == "week of 2024-12-30" and bars[0].count == 3  # Wed and Sun
    assert (bars[1].period, bars[1].count) == ("week of 2025-01-06", 1)
    assert (bars[-1].period, bars[-1].count) == ("week of 2025-03-31", 3)
    assert len(bars) == 14 and sum(b.count for b in bars) == 7
    assert [b.label for b in bars if b.label] == [
        "2024-12-30", "2025-01-13", "2025-01-27", "2025-02-10", "2025-02-24", "2025-03-10",
        "2025-03-24",
    ]  # fmt: skip


def test_years_are_counted_by_month_labelled_in_january() -> None:
    bars = charts.timeline_bars([("2021-11-20", 1), ("2021-11-02", 1), ("2024-02-29", 5)])
    assert (bars[0].period, bars[0].count, bars[-1].period) == ("2021-11", 2, "2024-02")
    assert len(bars) == 28
    labels = [b.label for b in bars if b.label]
    assert labels == ["2022-01", "2022-07", "2023-01", "2023-07", "2024-01"]


def test_decades_are_counted_by_year() -> None:
    bars = charts.timeline_bars([("1999-05-01", 1), ("2012-07-01", 2)])
    assert [b.period for b in bars][:2] == ["1999", "2000"] and len(bars) == 14
    assert [b.label for b in bars if b.label] == ["2000", "2002", "2004", "2006", "2008",
                                                  "2010", "2012"]  # fmt: skip


@pytest.mark.parametrize(
    ("first", "last", "unit"),
    [
        ("2025-01-01", "2025-01-01", "day"), ("2025-01-01", "2025-03-03", "day"),
        ("2025-01-01", "2025-03-04", "week"), ("2024-01-01", "2024-12-31", "week"),
        ("2024-01-01", "2025-01-01", "month"), ("2015-01-01", "2025-01-07", "month"),
        ("2015-01-01", "2025-01-08", "year"),
    ],
)  # fmt: skip
def test_the_span_picks_the_period(first: str, last: str, unit: str) -> None:
    assert charts.period_unit(date.fromisoformat(first), date.fromisoformat(last)) == unit


def test_periods_step_across_year_ends() -> None:
    assert charts.next_period(date(2025, 1, 1), "month", -1) == date(2024, 12, 1)
    assert charts.next_period(date(2024, 12, 1), "month", 2) == date(2025, 2, 1)
    assert charts.next_period(date(2024, 12, 30), "week", 1) == date(2025, 1, 6)
    assert charts.next_period(date(2020, 1, 1), "year", -3) == date(2017, 1, 1)
    assert charts.period_start(date(2025, 1, 1), "week") == date(2024, 12, 30)


# -- the world outline -------------------------------------------------------------------------


def test_a_ring_becomes_path_data_on_the_map_box() -> None:
    # Start at 0°, 0°, then one degree east, then one degree north (tenths of a degree).
    assert charts.ring_path([0, 0, 10, 0, 0, 10], 10.0) == "M360 180L362 180L362 178Z"
    assert charts.ring_path([-1800, 900, 5, -3], 10.0) == "M0 0L1 0.6Z"


def test_an_outline_file_is_read_into_countries(tmp_path: Path) -> None:
    world = {"steps_per_degree": 1, "countries": [
        {"code": "AA", "name": "Squareland", "rings": [[0, 0, 1, 0, 0, 1], [5, 5, 1, 0, 0, 1]]},
        {"code": "", "name": "Nowhere", "rings": [[-180, -90, 1, 0, 0, 1]]},
    ]}  # fmt: skip
    source = tmp_path / "world.json"
    source.write_text(json.dumps(world), encoding="utf-8")
    assert charts.world_outline(source) == (
        charts.Country("AA", "Squareland", "M360 180L362 180L362 178Z M370 170L372 170L372 168Z"),
        charts.Country("", "Nowhere", "M0 360L2 360L2 358Z"),
    )


def test_the_shipped_outline_is_small_and_inside_the_map() -> None:
    assert charts.WORLD_FILE.stat().st_size < 300_000
    countries = charts.world_outline()
    assert len(countries) == 177
    codes = {c.code for c in countries}
    assert {"NO", "FR", "US", "CN", "BR", "XK", "AU"} <= codes
    numbers = [float(n) for c in countries for n in re.findall(r"-?[\d.]+", c.path)]
    assert min(numbers) >= 0 and max(numbers) <= charts.MAP_WIDTH
    assert all(c.path.startswith("M") and c.path.endswith("Z") for c in countries)


def test_countries_with_places_are_marked() -> None:
    marked = {c.name for c, named in charts.map_countries(["no", "", "ZZ", "KE"]) if named}
    assert marked == {"Norway", "Kenya"}


# -- the markup --------------------------------------------------------------------------------


def test_map_draws_outline_under_linked_escaped_dots() -> None:
    place = PlaceCount('Oslo <b>"x"', "NO", 59.9, 10.7, 2, 1)
    html = make_environment().get_template("map.html").render(
        dots=[(place, *charts.project(place.lat, place.lon), 14.0)], lines=[],
        countries=charts.map_countries(["NO"]), size=(charts.MAP_WIDTH, charts.MAP_HEIGHT),
    )  # fmt: skip
    assert html.count("<path") == 177 and html.count('<path class="named"') == 1
    assert "<title>Norway</title>" in html
    assert html.index('<g class="land">') < html.index("<circle")
    assert (
        '<a href="/search?q=Oslo+%3Cb%3E%22x%22"><circle cx="381.4" cy="60.2" r="14.0">'
        "<title>Oslo &lt;b&gt;&#34;x&#34; (NO): 2 mentions in 1 article</title></circle></a>"
    ) in html


def test_timeline_markup_has_bars_axis_labels_and_peak() -> None:
    entity = SimpleNamespace(name="Ana", type="PERSON", mentions=1, articles=1, aliases={})
    html = make_environment().get_template("entity.html").render(
        entity=entity, bars=charts.timeline_bars([("2025-06-12", 3)]),
        chart=(charts.CHART_WIDTH, charts.CHART_HEIGHT), quotes_by=[], quotes_about=[],
        docs=[], companions=[],
    )  # fmt: skip
    assert (
        '<rect x="318.86" y="0.0" width="82.29" height="160.0">'
        "<title>2025-06-12: 3 articles</title></rect>"
    ) in html
    assert html.count("<rect ") == 7 and html.count('text-anchor="middle"') == 7
    assert '<text x="360.0" y="176" text-anchor="middle">2025-06-12</text>' in html
    assert '<text x="-4" y="4" text-anchor="end">3</text>' in html
