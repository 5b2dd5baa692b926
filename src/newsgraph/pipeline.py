"""Stages and the pipeline that runs them over documents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Literal, Protocol, runtime_checkable

from newsgraph.doc import Doc, Problem
from newsgraph.errors import MissingRequirement, PipelineError, Skip

# What a document read from a source has before any stage runs.
INITIAL_PRODUCTS = frozenset({"raw"})

OnError = Literal["record", "raise"]


@runtime_checkable
class Stage(Protocol):
    """A named step `Doc -> Doc` declaring what it needs and what it makes."""

    name: str
    requires: tuple[str, ...]
    produces: tuple[str, ...]

    def __call__(self, doc: Doc) -> Doc:
        """Work on one document and return it."""
        ...


@runtime_checkable
class BatchStage(Stage, Protocol):
    """A stage that can also work on many documents at once (models, for speed)."""

    def pipe(self, docs: Sequence[Doc]) -> Iterable[Doc]:
        """Work on many documents and yield them."""
        ...


class Pipeline:
    """Stages in order, checked when built; failures become problems on the document."""

    def __init__(
        self,
        stages: Sequence[Stage],
        *,
        on_error: OnError = "record",
        producers: Mapping[str, str] | None = None,
        initial: Iterable[str] = INITIAL_PRODUCTS,
    ) -> None:
        if on_error not in ("record", "raise"):
            raise PipelineError(f"on_error must be 'record' or 'raise', not {on_error!r}")
        self.stages = list(stages)
        self.on_error = on_error
        _check_requirements(self.stages, set(initial), producers or {})

    @property
    def names(self) -> list[str]:
        """The stage names, in running order."""
        return [s.name for s in self.stages]

    def __call__(self, doc: Doc) -> Doc:
        """Run every stage over one document."""
        for stage in self.stages:
            if _runnable(stage, doc):
                self._apply(stage, doc)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Run the stages over many documents, batch by batch, keeping their order."""
        it = iter(docs)
        while batch := list(islice(it, batch_size)):
            for stage in self.stages:
                self._apply_batch(stage, [d for d in batch if _runnable(stage, d)])
            yield from batch

    def _apply_batch(self, stage: Stage, docs: list[Doc]) -> None:
        if not isinstance(stage, BatchStage) or len(docs) < 2:
            for doc in docs:
                self._apply(stage, doc)
            return
        try:
            for doc in docs:
                doc.remove_spans(stage.name)
            list(stage.pipe(docs))
        except Exception:
            if self.on_error == "raise":
                raise
            # One bad document must not sink its batch: redo them one by one to find it.
            for doc in docs:
                self._apply(stage, doc)

    def _apply(self, stage: Stage, doc: Doc) -> None:
        doc.remove_spans(stage.name)
        try:
            stage(doc)
        except Skip as skip:
            doc.skipped = Problem(stage.name, "skipped", skip.reason or "no reason given")
        except Exception as exc:
            if self.on_error == "raise":
                raise
            doc.add_problem(stage.name, _kind(exc), one_line(exc))
            doc.failed.update(stage.produces)


def _kind(exc: BaseException) -> str:
    return str(getattr(exc, "kind", "") or type(exc).__name__)


def one_line(exc: BaseException) -> str:
    """An exception as one short line: its message, or its type when it has none."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:299] + "…"


def _runnable(stage: Stage, doc: Doc) -> bool:
    if doc.skipped is not None:
        return False
    missing = doc.failed.intersection(stage.requires)
    if missing:
        doc.add_problem(stage.name, "not_run", f"needs {', '.join(sorted(missing))}, which failed")
        doc.failed.update(stage.produces)
        return False
    return True


def _check_requirements(
    stages: Sequence[Stage], available: set[str], producers: Mapping[str, str]
) -> None:
    seen: set[str] = set()
    for stage in stages:
        if stage.name in seen:
            raise PipelineError(f"stage {stage.name!r} appears twice in the pipeline")
        seen.add(stage.name)
        for need in stage.requires:
            if need not in available:
                raise MissingRequirement(_missing_message(stage.name, need, producers))
        available.update(stage.produces)


def _missing_message(stage: str, need: str, producers: Mapping[str, str]) -> str:
    maker = producers.get(need)
    if maker:
        return f"stage {stage!r} requires {need!r}: add stage {maker!r} before it"
    return f"stage {stage!r} requires {need!r}, which no known stage produces"
