from __future__ import annotations

import pytest

from newsgraph import Doc, doc_from_dict, doc_to_dict
from newsgraph.errors import FrozenTextError, SpanError


def make_doc() -> Doc:
    doc = Doc(id="d1", source="test")
    doc.set_text("Headline here", "Body says hello to \U0001f600 the world.")
    return doc


def test_text_is_headline_blank_line_body() -> None:
    doc = make_doc()
    assert doc.text.startswith("Headline here\n\nBody")
    assert doc.body_start == len("Headline here\n\n")
    assert doc.body == "Body says hello to \U0001f600 the world."


def test_offsets_count_code_points_not_utf16_units() -> None:
    doc = make_doc()
    start = doc.text.index("the world")
    span = doc.add_span("entity", start, start + 9, label="LOC", stage="t")
    assert span.covered(doc.text) == "the world"
    assert doc.text.index("\U0001f600") + 2 == start  # one code point, then a space


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (5, 2), (0, 10_000)])
def test_spans_that_do_not_fit_are_refused(start: int, end: int) -> None:
    with pytest.raises(SpanError, match="does not fit"):
        make_doc().add_span("entity", start, end)


def test_span_needs_a_kind() -> None:
    with pytest.raises(SpanError, match="kind"):
        make_doc().add_span("", 0, 1)


def test_link_to_an_absent_span_is_refused() -> None:
    with pytest.raises(SpanError, match="absent"):
        make_doc().add_span("quote", 0, 4, args={"speaker": 99})


def test_links_point_at_other_spans_by_id() -> None:
    doc = make_doc()
    speaker = doc.add_span("entity", 0, 8, label="PERSON", stage="entities")
    quote = doc.add_span("quote", 15, 30, args={"speaker": speaker.id}, stage="quotes")
    assert doc.span(quote.args["speaker"]) == speaker


def test_text_is_frozen_once_spans_exist() -> None:
    doc = make_doc()
    doc.text = "still free to change"
    doc.add_span("sentence", 0, 5)
    with pytest.raises(FrozenTextError):
        doc.text = "no longer"


def test_removing_a_stages_spans_leaves_the_others() -> None:
    doc = make_doc()
    doc.add_span("sentence", 0, 5, stage="a")
    kept = doc.add_span("sentence", 5, 9, stage="b")
    assert doc.remove_spans("a") == 1
    assert doc.spans == [kept]


def test_ids_are_not_reused_after_removal() -> None:
    doc = make_doc()
    first = doc.add_span("sentence", 0, 5, stage="a")
    doc.remove_spans("a")
    assert doc.add_span("sentence", 0, 5, stage="a").id != first.id


def test_json_with_bad_span_is_refused() -> None:
    data = doc_to_dict(make_doc())
    data["spans"] = [{"id": 1, "kind": "entity", "start": 4, "end": 2}]
    with pytest.raises(SpanError):
        doc_from_dict(data)


def test_json_with_non_integer_offset_is_refused() -> None:
    data = doc_to_dict(make_doc())
    data["spans"] = [{"id": 1, "kind": "entity", "start": "4", "end": 6}]
    with pytest.raises(SpanError, match="not a valid span"):
        doc_from_dict(data)


def test_json_form_has_exactly_the_contract_keys() -> None:
    data = doc_to_dict(make_doc())
    assert list(data) == ["id", "source", "url", "meta", "text", "body_start", "spans", "problems"]
    assert list(data["meta"]) == [
        "title",
        "authors",
        "published",
        "modified",
        "site",
        "section",
        "tags",
        "language",
        "description",
        "image",
    ]


def test_record_metadata_is_coerced_to_field_types() -> None:
    from newsgraph.jsonform import meta_from_dict

    meta = meta_from_dict(
        {"authors": "Ann Lee", "tags": None, "published": 2025, "title": None, "desk": "metro"}
    )
    assert (meta.authors, meta.tags, meta.published, meta.title) == (["Ann Lee"], [], "2025", "")
    assert meta.extra == {"desk": "metro"}


def test_provenance_appears_in_json_only_when_filled() -> None:
    doc = make_doc()
    assert "provenance" not in doc_to_dict(doc)["meta"]
    doc.meta.provenance = {"signals": {"title": "og"}}
    again = doc_from_dict(doc_to_dict(doc))
    assert again.meta.provenance == {"signals": {"title": "og"}}
