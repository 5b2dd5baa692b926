"""The times stage on small articles written here: each construction, resolved exactly."""

from __future__ import annotations

from typing import Any

import pytest

import newsgraph
from newsgraph import Doc, Pipeline
from newsgraph.sources import Failure, read_bytes
from newsgraph.stages.nlp import Nlp
from newsgraph.stages.times import Times
from tests.conftest import SEED

# A Tuesday, 21:40 in New York.
TUESDAY = "2023-07-18T21:40:00-04:00"
Row = tuple[str, str, str | None, str | None, str | None]


def timed(body: str, published: str | None = TUESDAY) -> Doc:
    doc = Doc(id="t1", source="test")
    doc.set_text("A headline", body)
    doc.meta.published = published
    return Pipeline([Nlp(), Times()], initial={"text", "meta"}, on_error="raise")(doc)


def rows(doc: Doc) -> list[Row]:
    """(label, text, start, end, granularity) for each time span, in text order."""
    found = sorted(doc.spans_of("time"), key=lambda s: s.start)
    return [(s.label, s.covered(doc.text), *_ends(s.value)) for s in found]


def _ends(value: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    return value["start"], value["end"], value["granularity"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Violence erupted in May.", ("relative", "May", "2023-05-01", "2023-05-31", "month")),
        ("The war of 1998-99 ended.", ("range", "1998-99", "1998-01-01", "1999-12-31", "year")),
        (
            "Clinton spoke earlier this month.",
            ("relative", "earlier this month", "2023-07-01", "2023-07-17", "month"),
        ),
        (
            "Since the beginning of this year, seven were hurt.",
            ("range", "Since the beginning of this year", "2023-01-01", "2023-07-18", "year"),
        ),
        ("They met this week.", ("relative", "this week", "2023-07-17", "2023-07-23", "week")),
        (
            "The minister quit last Tuesday.",
            ("relative", "last Tuesday", "2023-07-11", "2023-07-11", "day"),
        ),
        (
            "The minister quit yesterday.",
            ("relative", "yesterday", "2023-07-17", "2023-07-17", "day"),
        ),
        (
            "Elections are due next year.",
            ("relative", "next year", "2024-01-01", "2024-12-31", "year"),
        ),
        ("She left on Friday.", ("relative", "Friday", "2023-07-14", "2023-07-14", "day")),
        ("He will travel on Friday.", ("relative", "Friday", "2023-07-21", "2023-07-21", "day")),
        (
            "Nato bombed Serbia two decades ago.",
            ("relative", "two decades ago", "2000-01-01", "2009-12-31", "decade"),
        ),
        (
            "Protests ran from March to May.",
            ("range", "from March to May", "2023-03-01", "2023-05-31", "month"),
        ),
        (
            "Between 2010 and 2015 it grew.",
            ("range", "Between 2010 and 2015", "2010-01-01", "2015-12-31", "year"),
        ),
        (
            "Prices have risen since 2019.",
            ("range", "since 2019", "2019-01-01", "2023-07-18", "year"),
        ),
        (
            "Prices rose over the past two years.",
            ("range", "the past two years", "2021-07-19", "2023-07-18", "year"),
        ),
        (
            "The band was popular in the 1990s.",
            ("date", "the 1990s", "1990-01-01", "1999-12-31", "decade"),
        ),
        (
            "It was signed on 18 July 2023 in Brussels.",
            ("date", "18 July 2023", "2023-07-18", "2023-07-18", "day"),
        ),
        (
            "It was signed on July 5, 2023 at 3 p.m. EDT.",
            (
                "time",
                "July 5, 2023 at 3 p.m. EDT",
                "2023-07-05T15:00:00-04:00",
                "2023-07-05T15:00:00-04:00",
                "minute",
            ),
        ),
        (
            "The vote closes at 3 p.m. on Monday.",
            ("time", "3 p.m. on Monday", "2023-07-17T15:00:00", "2023-07-17T15:00:00", "minute"),
        ),
        ("Prices fell in late 2022.", ("date", "late 2022", "2022-01-01", "2022-12-31", "year")),
        ("Talks failed the month before.", ("relative", "the month before", None, None, "month")),
        ("He served for three years.", ("duration", "three years", None, None, "year")),
        ("They met every Monday.", ("set", "every Monday", None, None, "day")),
    ],
)
def test_each_construction_is_resolved_against_a_tuesday_article(body: str, expected: Row) -> None:
    assert rows(timed(body)) == [expected]


def test_a_weekday_named_in_an_article_of_that_weekday_is_that_day() -> None:
    assert rows(timed("The minister resigned on Tuesday.")) == [
        ("relative", "Tuesday", "2023-07-18", "2023-07-18", "day")
    ]


def test_a_month_later_in_the_year_is_last_year_unless_the_verb_is_future() -> None:
    past = timed("The talks broke down in May.", published="2023-02-10")
    future = timed("The talks will resume in May.", published="2023-02-10")
    assert rows(past) == [("relative", "May", "2022-05-01", "2022-05-31", "month")]
    assert rows(future) == [("relative", "May", "2023-05-01", "2023-05-31", "month")]


def test_a_dated_day_a_few_days_ahead_is_the_coming_one() -> None:
    doc = timed("Coming July 21 and seen on July 30.")
    assert rows(doc) == [
        ("relative", "July 21", "2023-07-21", "2023-07-21", "day"),
        ("relative", "July 30", "2022-07-30", "2022-07-30", "day"),
    ]


def test_a_month_crosses_the_year_boundary_back() -> None:
    doc = timed("The talks broke down in December.", published="2024-01-03")
    assert rows(doc) == [("relative", "December", "2023-12-01", "2023-12-31", "month")]


def test_without_a_publication_date_only_written_dates_are_resolved() -> None:
    doc = timed("The talks broke down in May, as in the 1998-99 war.", published=None)
    assert rows(doc) == [
        ("relative", "May", None, None, None),
        ("range", "1998-99", "1998-01-01", "1999-12-31", "year"),
    ]


def test_a_publication_month_places_months_but_not_days() -> None:
    doc = timed("The talks broke down in May and resumed yesterday.", published="2023-07")
    assert rows(doc) == [
        ("relative", "May", "2023-05-01", "2023-05-31", "month"),
        ("relative", "yesterday", None, None, None),
    ]


@pytest.mark.parametrize(
    "body",
    [
        "Theresa May said the talks failed.",
        "The talks may resume when the march ends.",
        "USA Today reported the result.",
        "The 59 years old man paid $2019 for it.",
    ],
)
def test_words_that_are_not_times_give_no_span(body: str) -> None:
    assert rows(timed(body)) == []


def test_the_value_holds_the_text_and_extras() -> None:
    span = next(timed("Nato bombed Serbia two decades ago.").spans_of("time"))
    assert span.value == {
        "start": "2000-01-01",
        "end": "2009-12-31",
        "granularity": "decade",
        "text": "two decades ago",
        "duration": "P20Y",
    }
    assert span.stage == "times"


def test_rerunning_the_stage_replaces_its_spans() -> None:
    doc = timed("Violence erupted in May.")
    Pipeline([Times()], initial={"text", "meta", "analysis"}, on_error="raise")(doc)
    assert len(list(doc.spans_of("time"))) == 1


@pytest.mark.skipif(not SEED.is_dir(), reason="../shared/seed is absent")
def test_the_seed_article_times() -> None:
    page = next(SEED.iterdir()).read_bytes()
    item = next(iter(read_bytes(page, "seed")))  # as newsgraph.process reads a page
    assert not isinstance(item, Failure)
    pipeline = newsgraph.build_pipeline(["extract", "nlp", "times"], on_error="raise")
    doc = pipeline(item.to_doc())
    found = {r[1]: r for r in rows(doc)}
    assert found["May"] == ("relative", "May", "2023-05-01", "2023-05-31", "month")
    assert found["1998-99"][2:4] == ("1998-01-01", "1999-12-31")
    assert found["earlier this month"][2:4] == ("2023-07-01", "2023-07-17")
    since = found["Since the beginning of this year"]
    assert since == ("range", since[1], "2023-01-01", "2023-07-18", "year")
