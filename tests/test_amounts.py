"""The amounts stage on small sentences written here: each construction, with exact values."""

from __future__ import annotations

from typing import Any

import pytest

import newsgraph
from newsgraph import Doc, Pipeline
from newsgraph.stages import DEFAULT_STAGES
from newsgraph.stages.amounts import Amounts
from newsgraph.stages.amounts_find import find_amounts
from newsgraph.stages.amounts_lexicon import number_value
from newsgraph.stages.nlp import Nlp
from tests.conftest import SEED

Row = tuple[str, str, Any, Any, str | None, str | None, str | None, str | None, str | None]


def amounts(body: str) -> list[Row]:
    """(text, label, low, high, unit, currency, modifier, object, event) per amount span."""
    doc = Doc(id="t1", source="test")
    doc.set_text("", body)
    Pipeline([Nlp(), Amounts()], initial={"text"}, on_error="raise")(doc)
    return [_row(doc, span) for span in doc.spans_of("amount")]


def _row(doc: Doc, span: newsgraph.Span) -> Row:
    v = span.value
    if v["object"] is not None:  # the object's characters are where its text is
        assert doc.text[v["object_start"] : v["object_end"]] == v["object"]
    keys = ("low", "high", "unit", "currency", "modifier", "object", "event")
    return (span.covered(doc.text), span.label, *(v[k] for k in keys))  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # numbers in digits and in words, and what they count
        (
            "Serbia bought 118 Humvees last year.",
            [("118", "count", 118, 118, None, None, None, "Humvees", "bought")],
        ),
        (
            "Seven Serbs have been wounded in attacks.",
            [("Seven", "count", 7, 7, None, None, None, "Serbs", "wounded")],
        ),
        (
            "More than 10,000 people were killed in the war.",
            [
                (
                    "More than 10,000",
                    "count",
                    10000,
                    10000,
                    None,
                    None,
                    "more than",
                    "people",
                    "killed",
                )
            ],
        ),
        (
            "The region has 1.2 billion residents.",
            [
                (
                    "1.2 billion",
                    "count",
                    1200000000,
                    1200000000,
                    None,
                    None,
                    None,
                    "residents",
                    "has",
                )
            ],
        ),
        (
            "She bought a dozen eggs.",
            [("a dozen", "count", 12, 12, None, None, None, "eggs", "bought")],
        ),
        (
            "Twenty-five houses burned.",
            [("Twenty-five", "count", 25, 25, None, None, None, "houses", "burned")],
        ),
        (
            "Twenty police officers were injured.",
            [("Twenty", "count", 20, 20, None, None, None, "police officers", "injured")],
        ),
        (
            "Police said 2,000 of the protesters were arrested.",
            [("2,000", "count", 2000, 2000, None, None, None, "protesters", "arrested")],
        ),
        # ranges
        (
            "Police detained 10 to 15 protesters.",
            [("10 to 15", "range", 10, 15, None, None, None, "protesters", "detained")],
        ),
        (
            "Prices rose between 3 and 5 percent.",
            [("between 3 and 5 percent", "range", 3, 5, "percent", None, None, None, None)],
        ),
        (
            "The fine is between 3 and 5 million euros.",
            [
                (
                    "between 3 and 5 million euros",
                    "range",
                    3000000,
                    5000000,
                    None,
                    "EUR",
                    None,
                    None,
                    None,
                )
            ],
        ),
        (
            "About 10-15 people were hurt.",
            [("About 10-15", "range", 10, 15, None, None, "about", "people", "hurt")],
        ),
        # percentages
        (
            "Nearly 40 percent of voters stayed home.",
            [
                (
                    "Nearly 40 percent",
                    "percent",
                    40,
                    40,
                    "percent",
                    None,
                    "nearly",
                    "voters",
                    "stayed",
                )
            ],
        ),
        (
            "Turnout fell by 4.5% in the north.",
            [("4.5%", "percent", 4.5, 4.5, "percent", None, None, None, None)],
        ),
        # money and its currency
        (
            "The agency paid $4.5 million for the land.",
            [("$4.5 million", "money", 4500000, 4500000, None, "USD", None, None, "paid")],
        ),
        (
            "Each ticket cost €1,200 last summer.",
            [("€1,200", "money", 1200, 1200, None, "EUR", None, None, "cost")],
        ),
        (
            "Geneva raised CHF 3 million for the museum.",
            [("CHF 3 million", "money", 3000000, 3000000, None, "CHF", None, None, "raised")],
        ),
        (
            "The club spent £4.5 million on a striker.",
            [("£4.5 million", "money", 4500000, 4500000, None, "GBP", None, None, "spent")],
        ),
        (
            "The bank lent 2 billion euros to farmers.",
            [("2 billion euros", "money", 2000000000, 2000000000, None, "EUR", None, None, "lent")],
        ),
        # units
        (
            "The convoy drove 300 km overnight.",
            [("300 km", "quantity", 300, 300, "km", None, None, None, None)],
        ),
        # modifiers
        (
            "At least 12 soldiers died.",
            [("At least 12", "count", 12, 12, None, None, "at least", "soldiers", "died")],
        ),
        (
            "Up to 500 families left the valley.",
            [("Up to 500", "count", 500, 500, None, None, "up to", "families", "left")],
        ),
        (
            "The army sent about 200 officers.",
            [("about 200", "count", 200, 200, None, None, "about", "officers", "sent")],
        ),
    ],
)
def test_each_construction(body: str, expected: list[Row]) -> None:
    assert amounts(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "The war ended in 1999.",
        "The conflict of 1998-99 left deep scars.",
        "The summit opened on 18 July 2023 in Vilnius.",
        "Talks resumed on July 18 and ended on May 5.",
        "The report was posted on 07/18/2023 and revised on 2023-07-19.",
        "He spoke at 9:40 p.m. and again at 10 am.",
        "It was the 21st century and the first time.",
        "Call 555-123-4567 or (212) 555-1234 for tickets.",
        "NATO must act under Resolution 1244.",
        "Ann Lee, 62, said the vote was fair.",
        "The F-16 jets flew over Route 66 after the COVID-19 lockdown.",
        "Two decades ago the bridge fell.",
        "A 45-year-old man was arrested.",
        "One of them left early.",
    ],
)
def test_what_is_not_an_amount(body: str) -> None:
    assert amounts(body) == []


def test_a_year_beside_a_count_of_the_same_digits() -> None:
    assert [row[0] for row in amounts("In 2019, some 2,000 people marched.")] == ["some 2,000"]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("10,000", 10000), ("4.5", 4.5), ("seven", 7), ("twenty-five", 25), ("a", 1)],
)
def test_numeral_values(numeral: str, value: float) -> None:
    assert number_value(numeral) == value


def test_finder_reads_characters_without_a_parse() -> None:
    found = find_amounts("Costs reached US$5bn, then half a million people left.")
    assert [(a.label, a.low, a.currency) for a in found] == [
        ("money", 5000000000, "USD"),
        ("count", 500000, None),
    ]


def test_rerunning_replaces_the_spans() -> None:
    doc = Doc(id="t2", source="test")
    doc.set_text("", "Seven Serbs have been wounded.")
    pipeline = Pipeline([Nlp(), Amounts()], initial={"text"}, on_error="raise")
    pipeline(pipeline(doc))
    assert len(list(doc.spans_of("amount"))) == 1


@pytest.mark.skipif(not SEED.is_dir(), reason="../shared/seed is absent")
def test_seed_amounts() -> None:
    page = next(p for p in sorted(SEED.iterdir()) if "vucic-nato" in p.name)
    doc = newsgraph.process(page.read_bytes())
    if "amounts" not in DEFAULT_STAGES:  # until the default pipeline runs the stage itself
        Amounts()(doc)
    found = {
        (s.covered(doc.text), s.value["object"], s.value["event"]) for s in doc.spans_of("amount")
    }
    assert {
        ("118", "Humvees", "purchased"),
        ("more than 10,000", "people", "killed"),
        ("seven", "Serbs", "wounded"),
    } <= found
    assert not any("1244" in text or "1998" in text for text, _, _ in found)
