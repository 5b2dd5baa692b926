from __future__ import annotations

from collections.abc import Iterable, Sequence

import pytest

from newsgraph import Doc, Pipeline, Skip, build_pipeline
from newsgraph.errors import MissingRequirement, PipelineError, UnknownStage


class Words:
    """A real stage: marks every word as a span."""

    name = "words"
    requires: tuple[str, ...] = ("text",)
    produces: tuple[str, ...] = ("word",)

    def __call__(self, doc: Doc) -> Doc:
        position = 0
        for word in doc.text.split():
            start = doc.text.index(word, position)
            position = start + len(word)
            doc.add_span("word", start, position, stage=self.name)
        return doc


class Text:
    name = "text"
    requires: tuple[str, ...] = ("raw",)
    produces: tuple[str, ...] = ("text",)

    def __call__(self, doc: Doc) -> Doc:
        assert doc.raw is not None
        if "explode" in doc.raw.content:
            raise ValueError("cannot read this one\nat all")
        if "drop" in doc.raw.content:
            raise Skip("not an article")
        doc.set_text("", doc.raw.content)
        return doc


class Batched(Words):
    """Words, with a batch method that fails for the whole batch if one doc is bad."""

    name = "batched"
    batches = 0

    def pipe(self, docs: Sequence[Doc]) -> Iterable[Doc]:
        Batched.batches += 1
        if any("poison" in d.text for d in docs):
            raise RuntimeError("bad batch")
        return [self(d) for d in docs]

    def __call__(self, doc: Doc) -> Doc:
        if "poison" in doc.text:
            raise RuntimeError("poisoned")
        return super().__call__(doc)


def raw_doc(content: str) -> Doc:
    from newsgraph.doc import Raw

    return Doc(source=content, raw=Raw("text", content))


def test_missing_requirement_names_the_stage_that_produces_it() -> None:
    with pytest.raises(MissingRequirement, match="add stage 'text' before it"):
        Pipeline([Words()], producers={"text": "text"})


def test_missing_requirement_nobody_produces() -> None:
    with pytest.raises(MissingRequirement, match="no known stage produces"):
        Pipeline([Words()])


def test_unknown_stage_lists_the_known_ones() -> None:
    with pytest.raises(UnknownStage, match="known stages: extract"):
        build_pipeline(["extract", "sentiments"])


def test_registered_pipeline_checks_order() -> None:
    with pytest.raises(PipelineError):
        Pipeline([Text(), Text()])


def test_a_failing_stage_becomes_a_problem_and_later_stages_do_not_run() -> None:
    pipeline = Pipeline([Text(), Words()])
    docs = list(pipeline.pipe([raw_doc("fine words"), raw_doc("explode now"), raw_doc("ok")]))
    assert [len(d.spans) for d in docs] == [2, 0, 1]
    bad = docs[1]
    assert [(p.stage, p.kind) for p in bad.problems] == [
        ("text", "ValueError"),
        ("words", "not_run"),
    ]
    assert bad.problems[0].message == "cannot read this one at all"


def test_skip_drops_the_doc_with_its_reason() -> None:
    doc = Pipeline([Text(), Words()])(raw_doc("drop me"))
    assert doc.skipped is not None
    assert (doc.skipped.stage, doc.skipped.message) == ("text", "not an article")
    assert doc.spans == []


def test_on_error_raise_lets_the_exception_through() -> None:
    with pytest.raises(ValueError, match="cannot read"):
        Pipeline([Text()], on_error="raise")(raw_doc("explode"))


def test_bad_on_error_value_is_refused() -> None:
    with pytest.raises(PipelineError, match="on_error"):
        Pipeline([Text()], on_error="ignore")  # type: ignore[arg-type]


def test_rerunning_a_stage_replaces_its_spans() -> None:
    pipeline = Pipeline([Text(), Words()])
    doc = pipeline(raw_doc("two words"))
    first = [(s.id, s.start, s.end) for s in doc.spans]
    Pipeline([Words()], initial={"text"})(doc)
    again = [(s.id, s.start, s.end) for s in doc.spans]
    assert [s[1:] for s in again] == [s[1:] for s in first]
    assert {s[0] for s in again}.isdisjoint(s[0] for s in first)


def test_a_failing_batch_is_redone_one_by_one() -> None:
    Batched.batches = 0
    pipeline = Pipeline([Text(), Batched()])
    docs = list(pipeline.pipe([raw_doc("a b"), raw_doc("poison c"), raw_doc("d")], batch_size=8))
    assert Batched.batches == 1
    assert [len(d.spans) for d in docs] == [2, 0, 1]
    assert docs[1].problems[0].message == "poisoned"
