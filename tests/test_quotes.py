"""The quotes stage on small articles written here: each construction, with exact spans."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from newsgraph import Doc, Pipeline, Store
from newsgraph.stages.entities import Entities
from newsgraph.stages.nlp import Nlp
from newsgraph.stages.quotes import Quotes
from newsgraph.stages.quotes_marks import find_quoted
from newsgraph.store_quotes import find_quotes
from tests.conftest import SEED

Row = tuple[str, str, str | None, str | None]


def analysed(body: str, title: str = "A headline") -> Doc:
    doc = Doc(id="t1", source="test")
    doc.set_text(title, body)
    return Pipeline([Nlp(), Entities(), Quotes()], initial={"text"}, on_error="raise")(doc)


def quotes(doc: Doc) -> list[Row]:
    """(label, quoted words, speaker, speaker mention) for each quote span, in text order."""
    found = sorted(doc.spans_of("quote"), key=lambda s: s.start)
    return [(q.label, q.covered(doc.text), q.value["speaker"], q.value["mention"]) for q in found]


def citations(doc: Doc) -> list[tuple[str, str, str]]:
    found = sorted(doc.spans_of("citation"), key=lambda s: s.start)
    return [(c.label, c.covered(doc.text), c.value["outlet"]) for c in found]


# -- quotation marks -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ('He said "we stay" today.', ["we stay"]),
        ("He said “we stay” today.", ["we stay"]),
        ("He said ‘we stay’ today.", ["we stay"]),
        ("He said 'we stay' today.", ["we stay"]),
        ("Il a dit « nous restons » hier.", ["nous restons"]),
        ("Er sagte „wir bleiben“ heute.", ["wir bleiben"]),
        ("“A fine day,” she said, “for a walk.”", ["A fine day", "for a walk."]),
    ],
)
def test_every_mark_style_is_paired(text: str, inner: list[str]) -> None:
    assert [text[q.start : q.end] for q in find_quoted(text)] == inner


def test_two_apostrophes_are_one_double_mark() -> None:
    text = "''We won,'' she said of the ''great'' night."
    assert [text[q.start : q.end] for q in find_quoted(text)] == ["We won", "great"]


def test_apostrophes_open_no_quote() -> None:
    text = "It wasn't the '90s, and the Smiths' dog didn't bark."
    assert find_quoted(text) == []


def test_a_quote_left_open_runs_into_the_next_paragraph() -> None:
    text = '"First part of it.\n\n"Second part," he said.'
    first, second = find_quoted(text)
    assert (text[first.start : first.end], first.closed, first.continues) == (
        "First part of it.",
        False,
        True,
    )
    assert text[second.start : second.end] == "Second part"


# -- direct quotes -------------------------------------------------------------------------


def test_speaker_after_the_quote_with_the_outlet_it_was_told_to() -> None:
    doc = analysed(
        "Serbian President Aleksandar Vucic met envoys on Monday.\n\n"
        '"We will not give up," Vucic told The Pavlovic Today.'
    )
    assert quotes(doc) == [("direct", "We will not give up", "Aleksandar Vucic", "Vucic")]
    assert citations(doc) == [("told", "The Pavlovic Today", "The Pavlovic Today")]
    quote = next(doc.spans_of("quote"))
    assert doc.span(quote.args["outlet"]).label == "told"
    assert doc.span(quote.args["cue"]).covered(doc.text) == "told"


def test_a_quote_broken_by_the_attribution_is_one_speaker() -> None:
    doc = analysed('"The talks failed," Anna Berg said. "We will try again next week."')
    assert quotes(doc) == [
        ("direct", "The talks failed", "Anna Berg", "Anna Berg"),
        ("direct", "We will try again next week.", "Anna Berg", "Anna Berg"),
    ]
    first, second = sorted(doc.spans_of("quote"), key=lambda s: s.start)
    assert first.args["cue"] == second.args["cue"]


def test_a_quote_over_several_paragraphs_keeps_its_speaker() -> None:
    doc = analysed(
        "Mayor Tom Reed spoke first.\n\n"
        '"The bridge is closed," Reed said. "Repairs start in May.\n\n'
        '"Nobody will be stranded."'
    )
    assert [(q[1], q[2]) for q in quotes(doc)] == [
        ("The bridge is closed", "Tom Reed"),
        ("Repairs start in May.", "Tom Reed"),
        ("Nobody will be stranded.", "Tom Reed"),
    ]


def test_a_paragraph_of_quotation_alone_continues_the_last_speaker() -> None:
    doc = analysed(
        '"We are ready," said Maria Lopez, the union leader.\n\n'
        '"The company has had months to answer."'
    )
    assert [(q[1], q[2]) for q in quotes(doc)] == [
        ("We are ready", "Maria Lopez"),
        ("The company has had months to answer.", "Maria Lopez"),
    ]


def test_a_colon_introduces_the_quotation() -> None:
    doc = analysed('Senator Ruth Ames told the crowd: "We will win this."')
    assert quotes(doc) == [("direct", "We will win this.", "Ruth Ames", "Ruth Ames")]


# -- reported speech and partial quotes ------------------------------------------------------


def test_indirect_speech_takes_the_reported_clause() -> None:
    doc = analysed("Vucic said that NATO must protect the Serbs in Kosovo.")
    assert quotes(doc) == [
        ("indirect", "that NATO must protect the Serbs in Kosovo", "Vucic", "Vucic")
    ]


def test_urged_takes_the_addressee_and_the_infinitive() -> None:
    doc = analysed(
        "Former President Bill Clinton spoke in Tirana.\n\n"
        'Clinton urged the Kosovo government to "stop this foolishness" in attacking Serbs.'
    )
    assert quotes(doc) == [
        (
            "mixed",
            'the Kosovo government to "stop this foolishness" in attacking Serbs',
            "Bill Clinton",
            "Clinton",
        )
    ]


def test_a_partial_quote_inside_a_sentence() -> None:
    doc = analysed('Governor Lee called the plan "a disgrace" on Monday.')
    assert quotes(doc) == [("mixed", 'the plan "a disgrace"', "Lee", "Lee")]


def test_quoted_words_right_after_the_cue_are_a_partial_quote() -> None:
    doc = analysed('Protesters chanted "lock her up" outside the hall.')
    assert quotes(doc) == [("partial", "lock her up", None, "Protesters")]


def test_scare_quotes_are_not_quotes() -> None:
    doc = analysed('The so-called "reform" passed on Monday after a long night.')
    assert quotes(doc) == []


def test_mixed_quote_keeps_the_paraphrase_and_the_quoted_words() -> None:
    doc = analysed('Hovenier said that leaders "must act in a responsible manner" now.')
    assert quotes(doc) == [
        ("mixed", 'that leaders "must act in a responsible manner" now', "Hovenier", "Hovenier")
    ]


def test_a_quotation_left_open_at_the_end_of_the_text() -> None:
    doc = analysed('Hovenier said that leaders "must act now')
    assert quotes(doc) == [("mixed", 'that leaders "must act now', "Hovenier", "Hovenier")]


# -- speakers ------------------------------------------------------------------------------


def test_he_and_she_resolve_by_gender_to_the_nearest_person() -> None:
    doc = analysed(
        "Union leader Maria Lopez met the port director, John Smith, on Monday.\n\n"
        '"We have a deal," she said.\n\n'
        '"It holds until June," he said.'
    )
    assert [(q[2], q[3]) for q in quotes(doc)] == [("Maria Lopez", "she"), ("John Smith", "he")]
    mention = doc.span(next(doc.spans_of("quote")).args["speaker"])
    assert (mention.kind, mention.label) == ("mention", "pronoun")
    assert doc.span(mention.args["refers"]).covered(doc.text) == "Maria Lopez"


def test_a_role_noun_resolves_to_the_person_with_that_role() -> None:
    doc = analysed(
        "Serbian President Aleksandar Vucic visited Brussels.\n\n"
        "The president said that the talks would continue."
    )
    assert quotes(doc) == [
        ("indirect", "that the talks would continue", "Aleksandar Vucic", "The president")
    ]


def test_an_unnamed_source_stays_unresolved() -> None:
    doc = analysed("The plant will close in March, two officials said.")
    assert quotes(doc) == [("indirect", "The plant will close in March", None, "two officials")]


# -- outlets --------------------------------------------------------------------------------


def test_the_outlet_resolves_to_the_outlet_named_before() -> None:
    doc = analysed(
        '"We are ready," Vucic told The Pavlovic Today.\n\n'
        "Vucic told the outlet that talks would resume."
    )
    assert citations(doc) == [
        ("told", "The Pavlovic Today", "The Pavlovic Today"),
        ("told", "the outlet", "The Pavlovic Today"),
    ]


def test_outlets_that_report_are_citations_not_speakers() -> None:
    doc = analysed(
        "The Associated Press also reported that the ministers traveled to Serbia.\n\n"
        "According to Reuters, the talks collapsed on Friday."
    )
    assert quotes(doc) == [
        ("indirect", "that the ministers traveled to Serbia", None, None),
        ("indirect", "the talks collapsed on Friday", None, None),
    ]
    assert citations(doc) == [
        ("reported", "The Associated Press", "The Associated Press"),
        ("according_to", "Reuters", "Reuters"),
    ]


def test_wire_credits_are_citations() -> None:
    doc = analysed("BELGRADE (AP) — Talks resumed on Monday.\n\n— Reuters")
    assert citations(doc) == [
        ("credit", "AP", "The Associated Press"),
        ("credit", "Reuters", "Reuters"),
    ]


# -- the seed article --------------------------------------------------------------------

SEED_FILE = SEED / "newsmax-2023-07-18-vucic-nato.txt"


@pytest.mark.skipif(not SEED_FILE.exists(), reason="the seed article is not in ../shared")
def test_the_seed_article() -> None:
    title, _, body = SEED_FILE.read_text(encoding="utf-8").partition("\n")
    doc = analysed(body, title)
    found = quotes(doc)
    by_vucic = [q for q in found if q[1].startswith(("I sought", "They endure", "We are in"))]
    assert {q[2] for q in by_vucic} == {"Aleksandar Vucic"} and len(by_vucic) == 3
    assert [q[2] for q in found if "stop this foolishness" in q[1]] == ["Bill Clinton"]
    assert [q[2] for q in found if "leaders" in q[1] or "challenging" in q[1]] == [
        "Jeff Hovenier",
        "Jeff Hovenier",
    ]
    assert "The Pavlovic Today" not in {q[2] for q in found}
    assert ("reported", "The Associated Press", "The Associated Press") in citations(doc)
    told = [q for q in doc.spans_of("quote") if q.value.get("outlet") == "The Pavlovic Today"]
    assert len(told) >= 4


# -- the store ----------------------------------------------------------------------------


def test_quotes_are_found_by_speaker_subject_and_outlet(tmp_path: Path) -> None:
    doc = analysed(
        '"NATO must act," Vucic told The Pavlovic Today.\n\n'
        "Jens Stoltenberg said that the alliance was watching Kosovo."
    )
    doc.id = "d1"
    with Store(tmp_path / "q.db") as store:
        store.put(doc)
        conn: sqlite3.Connection = store.conn
        by_speaker = [h.text for h in find_quotes(conn, speaker="stoltenberg")]
        about = [h.speaker for h in find_quotes(conn, about="NATO")]
        told = [(h.text, h.cue) for h in find_quotes(conn, outlet="pavlovic")]
    assert by_speaker == ["that the alliance was watching Kosovo"]
    assert about == ["Vucic"]
    assert told == [("NATO must act", "told")]


def test_the_quotes_command(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    record = {
        "id": "ferry",
        "title": "Ferry workers vote to strike",
        "body": '"We have waited long enough," said Amara Quist, who chairs the crew committee.',
    }
    page = tmp_path / "ferry.jsonl"
    page.write_text(json.dumps(record), encoding="utf-8")
    assert cli("ingest", str(page), "--stages", "extract,nlp,entities,quotes").returncode == 0
    done = cli("quotes", "--speaker", "quist")
    assert done.returncode == 0
    assert "Amara Quist" in done.stdout and "“We have waited long enough”" in done.stdout
    hit = json.loads(cli("quotes", "--about", "nobody", "--json").stdout or "null")
    assert hit is None
    hit = json.loads(cli("quotes", "--speaker", "Quist", "--json").stdout.splitlines()[0])
    assert (hit["speaker"], hit["text"], hit["cue"], hit["label"]) == (
        "Amara Quist",
        "We have waited long enough",
        "said",
        "direct",
    )
