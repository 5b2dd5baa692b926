from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest

from newsgraph import Doc, Pipeline, Store
from newsgraph.errors import PipelineError
from newsgraph.schema import MIGRATIONS, migrate
from newsgraph.stages.entities import Entities
from newsgraph.stages.entities_mentions import entity_id, slug
from newsgraph.stages.entities_outlets import find_outlets
from newsgraph.stages.nlp import Nlp


def entities_of(
    body: str, title: str = "Talks in Brussels"
) -> list[tuple[str, str, dict[str, Any]]]:
    doc = Doc()
    doc.set_text(title, body)
    Pipeline([Nlp(), Entities()], initial={"text"}, on_error="raise")(doc)
    return [(s.covered(doc.text), s.label, s.value) for s in doc.spans_of("entity")]


def people(body: str) -> list[tuple[str, dict[str, Any]]]:
    return [(text, value) for text, label, value in entities_of(body) if label == "PERSON"]


def test_a_title_before_a_name_is_its_role_and_the_span_covers_the_name() -> None:
    found = people(
        "Serbian President Aleksandar Vucic met NATO Secretary-General Jens Stoltenberg."
    )
    assert found == [
        (
            "Aleksandar Vucic",
            {
                "name": "Aleksandar Vucic",
                "entity": "person:aleksandar-vucic",
                "role": "Serbian President",
                "gender": "m",
            },
        ),
        (
            "Jens Stoltenberg",
            {
                "name": "Jens Stoltenberg",
                "entity": "person:jens-stoltenberg",
                "role": "NATO Secretary-General",
                "gender": "m",
            },
        ),
    ]


def test_a_title_with_what_it_is_of_is_one_role() -> None:
    found = people(
        "He spoke with Secretary of State Antony Blinken and U.S. Ambassador to "
        "Kosovo Jeff Hovenier on Monday."
    )
    assert [(text, value["role"]) for text, value in found] == [
        ("Antony Blinken", "Secretary of State"),
        ("Jeff Hovenier", "U.S. Ambassador to Kosovo"),
    ]


def test_a_role_in_square_brackets_is_split_from_the_name_spacy_misread() -> None:
    found = people(
        'He "had a phone conversation with [Secretary of State Antony] Blinken," he said.'
    )
    assert found == [
        (
            "Antony] Blinken",
            {
                "name": "Antony Blinken",
                "entity": "person:antony-blinken",
                "role": "Secretary of State",
                "gender": "m",
            },
        ),
    ]


def test_a_surname_alone_is_the_person_the_article_named_in_full() -> None:
    body = (
        "Serbian President Aleksandar Vucic met NATO Secretary-General Jens Stoltenberg. "
        '"We need help," Vucic said. Stoltenberg did not answer.'
    )
    names = [(text, value["name"]) for text, value in people(body)]
    assert names == [
        ("Aleksandar Vucic", "Aleksandar Vucic"),
        ("Jens Stoltenberg", "Jens Stoltenberg"),
        ("Vucic", "Aleksandar Vucic"),
        ("Stoltenberg", "Jens Stoltenberg"),
    ]


def test_a_surname_takes_the_nearest_full_name_before_it() -> None:
    body = (
        "Former President Bill Clinton spoke first. Hillary Clinton spoke next. "
        "Clinton said the campaign was over."
    )
    assert [value["name"] for _, value in people(body)] == [
        "Bill Clinton",
        "Hillary Clinton",
        "Hillary Clinton",
    ]


def test_a_surname_never_named_in_full_stays_as_it_is() -> None:
    assert people('"We need help," Vucic said on Tuesday.') == [
        ("Vucic", {"name": "Vucic", "entity": "person:vucic"}),
    ]


def test_an_outlet_after_told_is_an_organisation_marked_as_outlet() -> None:
    found = entities_of('"We need help," Vucic told The Pavlovic Today on Tuesday.')
    assert (
        "The Pavlovic Today",
        "ORG",
        {"name": "The Pavlovic Today", "entity": "org:the-pavlovic-today", "outlet": True},
    ) in found


def test_a_wire_credit_is_the_wire_service() -> None:
    found = entities_of("BELGRADE, Serbia (AP) — Talks resumed on Monday, Reuters reported.")
    outlets = [(text, value["name"]) for text, label, value in found if value.get("outlet")]
    assert outlets == [("AP", "The Associated Press"), ("Reuters", "Reuters")]


def test_places_come_from_the_gazetteer_when_spacy_misses_them() -> None:
    found = entities_of("Serbs in Kosovo and Metohija say the pressure grows.")
    assert ("Metohija", "LOC", {"name": "Metohija", "entity": "loc:metohija"}) in found


def test_honorifics_give_the_gender_and_are_not_roles() -> None:
    found = people("Mrs. Okafor said the vote was fair, and Mr. Lindqvist agreed.")
    assert found == [
        ("Okafor", {"name": "Okafor", "entity": "person:okafor", "gender": "f"}),
        ("Lindqvist", {"name": "Lindqvist", "entity": "person:lindqvist", "gender": "m"}),
    ]


def test_a_surname_spacy_missed_is_the_person_named_in_full() -> None:
    body = "Donald Trump spoke on Monday.\n\nTrump charges that the deal is bad, Trump said."
    assert [(text, value["name"]) for text, value in people(body)] == [
        ("Donald Trump", "Donald Trump"),
        ("Trump", "Donald Trump"),
        ("Trump", "Donald Trump"),
    ]


def test_a_name_after_a_title_is_a_person_and_so_is_the_same_name_elsewhere() -> None:
    body = (
        "Talks between Vucic and Kosovo Prime Minister Albin Kurti stalled. President Vucic left."
    )
    assert [(text, label, value.get("role")) for text, label, value in entities_of(body)] == [
        ("Brussels", "GPE", None),  # in the headline
        ("Vucic", "PERSON", None),  # spaCy alone calls this one a place
        ("Kosovo", "GPE", None),
        ("Albin Kurti", "PERSON", "Kosovo Prime Minister"),
        ("Vucic", "PERSON", "President"),
    ]


def test_names_that_are_also_words_are_outlets_only_in_context() -> None:
    text = "Ships crossed the Atlantic. Bloomberg reported the deal. Michael Bloomberg smiled."
    assert [(text[m.start : m.end], m.name) for m in find_outlets(text)] == [
        ("Bloomberg", "Bloomberg News"),
    ]


def test_entity_ids_fold_accents_and_case() -> None:
    assert slug("Aleksandar Vučić") == "aleksandar-vucic"
    assert entity_id("WORK_OF_ART", "The Trial") == "work-of-art:the-trial"


def test_outlet_shapes_need_context_unless_the_shape_is_plain() -> None:
    text = "The Valley Today opened. He told The Valley Today so. The Harbour Gazette agreed."
    assert [(text[m.start : m.end], m.name) for m in find_outlets(text)] == [
        ("The Valley Today", "The Valley Today"),
        ("The Valley Today", "The Valley Today"),
        ("The Harbour Gazette", "The Harbour Gazette"),
    ]


def test_a_short_outlet_name_refers_to_the_one_outlet_it_shortens() -> None:
    text = "The New York Post reports the plan. The Post has learned more; the Atlantic is calm."
    assert [(text[m.start : m.end], m.name) for m in find_outlets(text)] == [
        ("The New York Post", "The New York Post"),
        ("The Post", "The New York Post"),
    ]


def test_the_stage_needs_the_analysis() -> None:
    doc = Doc()
    doc.set_text("Title", "Body text.")
    with pytest.raises(PipelineError, match="run 'nlp' before it"):
        Entities()(doc)


# -- the entities table ------------------------------------------------------------------------


def tagged(doc_id: str, *names: tuple[str, str, str]) -> Doc:
    """A doc whose body is the given surface forms, each an entity span (surface, name, label)."""
    doc = Doc(id=doc_id, source=f"test:{doc_id}")
    doc.set_text("Title", " and ".join(surface for surface, _, _ in names) + ".")
    at = doc.body_start
    for surface, name, label in names:
        doc.add_span(
            "entity",
            at,
            at + len(surface),
            label=label,
            stage="entities",
            value={"name": name, "entity": entity_id(label, name)},
        )
        at += len(surface) + len(" and ")
    return doc


def table(store: Store) -> list[tuple[str, str, dict[str, int], int, int]]:
    return [(r.id, r.name, r.aliases, r.mentions, r.articles) for r in store.entities()]


VUCIC = ("Aleksandar Vucic", "Aleksandar Vucic", "PERSON")
SURNAME = ("Vucic", "Aleksandar Vucic", "PERSON")
KOSOVO = ("Kosovo", "Kosovo", "GPE")


def test_the_entities_table_counts_mentions_and_articles(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        store.put(tagged("a", VUCIC, SURNAME, SURNAME, KOSOVO))
        store.put(tagged("b", VUCIC, KOSOVO, ("Vucic", "Vucic", "PERSON")))
        assert table(store) == [
            (
                "person:aleksandar-vucic",
                "Aleksandar Vucic",
                {"Vucic": 2, "Aleksandar Vucic": 2},
                4,
                2,
            ),
            ("gpe:kosovo", "Kosovo", {"Kosovo": 2}, 2, 2),
            ("person:vucic", "Vucic", {"Vucic": 1}, 1, 1),
        ]
        assert [r.id for r in store.entities(entity_type="gpe")] == ["gpe:kosovo"]


def test_storing_or_replacing_a_doc_again_does_not_count_it_twice(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        store.put(tagged("a", VUCIC, SURNAME, KOSOVO))
        store.put(tagged("b", VUCIC))
        store.put(tagged("a", VUCIC, SURNAME, KOSOVO))
        assert table(store)[0] == (
            "person:aleksandar-vucic",
            "Aleksandar Vucic",
            {"Aleksandar Vucic": 2, "Vucic": 1},
            3,
            2,
        )
        store.put(tagged("a", SURNAME))  # a new version of doc a: Kosovo is gone
        assert table(store) == [
            (
                "person:aleksandar-vucic",
                "Aleksandar Vucic",
                {"Aleksandar Vucic": 1, "Vucic": 1},
                2,
                2,
            ),
        ]
        assert store.conn.execute("SELECT count(*) FROM entity_changes").fetchone() == (0,)


def test_one_entity_written_two_ways_in_a_doc_is_one_entity(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        store.put(tagged("a", ("NATO", "NATO", "ORG"), ("NATO", "Nato", "ORG")))
        assert table(store) == [("org:nato", "NATO", {"NATO": 2}, 2, 1)]


def test_spans_without_an_entity_id_are_not_counted(tmp_path: Path) -> None:
    doc = Doc(id="x", source="test:x")
    doc.set_text("Title", "Some body text.")
    doc.add_span("entity", doc.body_start, doc.body_start + 4, label="PERSON", stage="t")
    with Store(tmp_path / "n.db") as store:
        store.put(doc)
        assert table(store) == []


def test_a_version_one_database_gains_the_entities_table(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "old.db")
    conn.executescript(f"BEGIN; {MIGRATIONS[0]} PRAGMA user_version = 1; COMMIT;")
    assert migrate(conn) == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"entities", "entity_mentions", "entity_changes"} <= tables
    conn.close()


Cli = Callable[..., CompletedProcess[str]]


def test_the_entities_command_lists_canonical_entities_as_json(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Vucic seeks NATO help\n\nSerbian President Aleksandar Vucic asked NATO for help on "
        'Tuesday. "Serbs are under pressure," Vucic told The Pavlovic Today.\n',
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "NATO answers Belgrade\n\nNATO said on Wednesday that it had heard the request, and "
        "President Aleksandar Vucic welcomed the answer in Belgrade.\n",
        encoding="utf-8",
    )
    stages = ("--stages", "extract,nlp,entities")
    assert cli("ingest", "a.txt", "b.txt", *stages).returncode == 0
    assert cli("ingest", "a.txt", "b.txt", *stages).returncode == 0  # unchanged: no recount
    done = cli("entities", "--type", "PERSON", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [
        {
            "id": "person:aleksandar-vucic",
            "name": "Aleksandar Vucic",
            "type": "PERSON",
            "aliases": {"Aleksandar Vucic": 2, "Vucic": 2},
            "mentions": 4,
            "articles": 2,
        },
    ]
    listing = cli("entities").stdout
    assert "       2        4  PERSON   Aleksandar Vucic  (Vucic)" in listing.splitlines()


def test_an_abbreviated_title_is_a_role_not_a_person() -> None:
    found = entities_of('"We were told," said Coun. Paul Okonkwo-Reid, who chairs the committee.')
    people = [(text, value.get("role")) for text, label, value in found if label == "PERSON"]
    assert people == [("Paul Okonkwo-Reid", "Coun.")]


def test_a_dateline_province_abbreviation_is_the_province() -> None:
    found = entities_of("THUNDER BAY, Ont. — The bridge will close in September, the council said.")
    assert ("Ont", "GPE", {"name": "Ontario", "entity": "gpe:ontario"}) in found


def test_a_masthead_in_another_language_is_an_outlet_when_the_context_says_so() -> None:
    said = 'The mayor told Le Courrier du Lac: "We will rebuild."'
    assert [m.name for m in find_outlets(said)] == ["Le Courrier du Lac"]
    assert [m.name for m in find_outlets("She said in an interview with El Tiempo.")] == [
        "El Tiempo"
    ]
    assert find_outlets("They sang Le Temps des cerises at the rally.") == []
