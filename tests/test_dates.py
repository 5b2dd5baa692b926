from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgraph.extraction.dates import DateProblem, DateValue, check_date, find_dates, parse_date


@pytest.mark.parametrize(
    ("text", "iso", "granularity"),
    [
        ("2023-07-18", "2023-07-18", "day"),
        ("2023-07-18T09:40:00Z", "2023-07-18T09:40:00+00:00", "second"),
        ("2023-07-18T09:40:00.123+0200", "2023-07-18T09:40:00+02:00", "second"),
        ("2023-07-18 09:40", "2023-07-18T09:40:00", "minute"),
        ("Tuesday, 18 July 2023 09:40 PM EDT", "2023-07-18T21:40:00-04:00", "minute"),
        ("Sept. 18, 2024, 9:30 a.m. CDT", "2024-09-18T09:30:00-05:00", "minute"),
        ("March 4, 2025 at 6:12 p.m. ET", "2025-03-04T18:12:00-05:00", "minute"),
        ("July 4, 2025 at 6:12 p.m. ET", "2025-07-04T18:12:00-04:00", "minute"),
        ("Published Sept. 18, 2024, 9:30 a.m. CDT", "2024-09-18T09:30:00-05:00", "minute"),
        ("Tue, 18 Jul 2023 09:40:00 +0000", "2023-07-18T09:40:00+00:00", "second"),
        ("Updated 2023/07/18 5:00pm GMT+2", "2023-07-18T17:00:00+02:00", "minute"),
        ("18.07.2023", "2023-07-18", "day"),
        ("18.07.23", "2023-07-18", "day"),
        ("07/18/2023", "2023-07-18", "day"),
        ("18/07/2023", "2023-07-18", "day"),
        ("04/05/2023", "2023-04-05", "day"),
        ("14:30, 18.07.2023", "2023-07-18T14:30:00", "minute"),
        ("18. Juli 2023, 14:30 Uhr", "2023-07-18T14:30:00", "minute"),
        ("18 de julio de 2023", "2023-07-18", "day"),
        ("18 июля 2023", "2023-07-18", "day"),
        ("2023年7月18日", "2023-07-18", "day"),
        ("20230718", "2023-07-18", "day"),
        ("2023", "2023", "year"),
        ("2023-07", "2023-07", "month"),
        ("July 2023", "2023-07", "month"),
    ],
)
def test_parse_date_reads_common_forms(text: str, iso: str, granularity: str) -> None:
    value = parse_date(text)
    assert value is not None
    assert (value.iso, value.granularity) == (iso, granularity)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2024-13-45T09:30:00-05:00", "month 13 does not exist"),
        ("2024-00-18", "month 0 does not exist"),
        ("2023-40-18", "month 40 does not exist"),
        ("31/06/2023", "day 31 does not exist in June 2023"),
        ("2023-02-29", "day 29 does not exist in February 2023"),
        ("2023-07-18T25:00:00", "impossible time of day"),
        ("2020-06-07T12:00:00+15:00", "impossible UTC offset"),
    ],
)
def test_impossible_values_are_refused_with_a_reason(text: str, reason: str) -> None:
    checked = check_date(text)
    assert isinstance(checked, DateProblem)
    assert checked.reason == reason
    assert parse_date(text) is None


def test_text_without_a_date_gives_none() -> None:
    assert check_date("no date here") is None
    assert parse_date("") is None


def test_dayfirst_hint_decides_ambiguous_slashes() -> None:
    assert parse_date("04/05/2023", dayfirst=True) == DateValue(2023, 5, 4)


def test_default_zone_applies_to_times_without_one() -> None:
    value = parse_date("2023-07-18 09:40", default_tz=ZoneInfo("Europe/Paris"))
    assert value is not None
    assert value.iso == "2023-07-18T09:40:00+02:00"


def test_coarsened_never_invents_parts() -> None:
    value = DateValue(2023, 7, 18, 9, 40, 5, 120)
    assert value.coarsened("day").iso == "2023-07-18"
    assert value.coarsened("year").iso == "2023"
    assert DateValue(2023).coarsened("day").iso == "2023"
    assert DateValue(2023).to_datetime() is None


def test_find_dates_gives_ranges_and_skips_version_numbers() -> None:
    text = "Posted 12:30 18.07.2023, then July 19, 2023 at 5 p.m. EDT; version 1.2.34"
    found = list(find_dates(text))
    assert [(f.value.iso, text[f.start : f.end]) for f in found] == [
        ("2023-07-18T12:30:00", "12:30 18.07.2023"),
        ("2023-07-19T17:00:00-04:00", "July 19, 2023 at 5 p.m. EDT"),
    ]


@given(st.text(alphabet=st.sampled_from("0123456789-/.:T ZAPMamp+JulySept,年月日"), max_size=40))
def test_parse_date_never_raises_and_its_iso_reads_back(text: str) -> None:
    value = parse_date(text)
    if value is not None:
        assert parse_date(value.iso) == value
