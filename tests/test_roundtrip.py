"""Property tests: any text with any valid spans survives JSON and the store unchanged."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph import Doc, Meta, Store, doc_from_json, doc_to_dict, doc_to_json
from newsgraph.errors import SpanError

# Any code point but lone surrogates, which no UTF-8 file or database can hold.
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.text(max_size=20)
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


@st.composite
def docs(draw: st.DrawFn) -> Doc:
    title, body = draw(texts), draw(texts)
    doc = Doc(
        id=draw(st.text(min_size=1, max_size=20)),
        source=draw(st.text(max_size=30)),
        url=draw(st.none() | st.text(max_size=30)),
        meta=Meta(
            title=title,
            authors=draw(st.lists(texts, max_size=3)),
            published=draw(st.none() | st.text(max_size=25)),
            tags=draw(st.lists(texts, max_size=3)),
        ),
    )
    doc.set_text(title, body)
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(doc.text)))
        end = draw(st.integers(start, len(doc.text)))
        ids = [s.id for s in doc.spans]
        args = (
            draw(
                st.dictionaries(
                    st.sampled_from(["speaker", "cue", "outlet"]), st.sampled_from(ids), max_size=2
                )
            )
            if ids
            else {}
        )
        doc.add_span(
            draw(st.sampled_from(["entity", "quote", "x-custom"])),
            start,
            end,
            label=draw(st.text(max_size=10)),
            value=draw(st.dictionaries(st.text(max_size=8), json_values, max_size=3)),
            args=args,
            stage=draw(st.text(max_size=10)),
        )
    for _ in range(draw(st.integers(0, 2))):
        doc.add_problem(draw(st.text(max_size=8)), draw(st.text(max_size=8)), draw(texts))
    return doc


def contract(doc: Doc) -> Any:
    return json.loads(json.dumps(doc_to_dict(doc), ensure_ascii=False))


@given(docs())
def test_json_round_trip_is_exact(doc: Doc) -> None:
    again = doc_from_json(doc_to_json(doc))
    assert doc_to_dict(again) == doc_to_dict(doc)
    for span in again.spans:
        assert span.covered(again.text) == span.covered(doc.text)


@settings(max_examples=60, deadline=None)
@given(doc=docs())
def test_store_round_trip_is_exact(doc: Doc) -> None:
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "round.db") as store:
        store.put(doc, digest="d")
        assert contract(store.get(doc.id)) == contract(doc)


@given(texts, st.integers(), st.integers())
def test_invalid_spans_are_refused(text: str, start: int, end: int) -> None:
    doc = Doc(text)
    valid = 0 <= start <= end <= len(text)
    if valid:
        assert doc.add_span("entity", start, end).end == end
    else:
        with pytest.raises(SpanError):
            doc.add_span("entity", start, end)
