"""The record that flows through the pipeline: a Doc, its Meta, its Spans and Problems."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from newsgraph.errors import FrozenTextError, SpanError

# Span kinds the stages produce; docs/facts.md documents each one (a test keeps them in step).
SPAN_KINDS = (
    "sentence",
    "entity",
    "quote",
    "citation",
    "cue",
    "mention",
    "amount",
    "time",
    "place",
    "tone",
)

JsonDict = dict[str, Any]


@dataclass(frozen=True)
class Span:
    """A fact about the half-open code-point range [start, end) of a document's text."""

    id: int
    kind: str
    start: int
    end: int
    label: str = ""
    value: JsonDict = field(default_factory=dict)
    args: dict[str, int] = field(default_factory=dict)
    stage: str = ""

    def covered(self, text: str) -> str:
        """Return the characters of `text` this span covers."""
        return text[self.start : self.end]


@dataclass(frozen=True)
class Problem:
    """Something that went wrong for one document, kept instead of stopping the batch."""

    stage: str
    kind: str
    message: str


@dataclass
class Meta:
    """Document-level metadata, as in the JSON contract."""

    title: str = ""
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    site: str = ""
    section: str = ""
    tags: list[str] = field(default_factory=list)
    language: str = ""
    description: str = ""
    image: str | None = None
    # Metadata an input carried that has no field of its own (e.g. extra JSON Lines keys).
    extra: JsonDict = field(default_factory=dict)
    # How the fields were decided: the signal each came from, the date's confidence, and what
    # was refused or repaired on the way (docs/facts.md).
    provenance: JsonDict = field(default_factory=dict)


@dataclass
class Raw:
    """The input a document was made from, before extraction gives it text."""

    kind: str  # "html", "text" (a scraped page) or "body" (an already-clean body)
    content: str
    digest: str = ""  # hash of the input bytes, used to recognise an unchanged input


class Doc:
    """A document: its text, metadata, spans over the text and problems met on the way."""

    def __init__(
        self,
        text: str = "",
        *,
        id: str = "",
        source: str = "",
        url: str | None = None,
        meta: Meta | None = None,
        body_start: int = 0,
        raw: Raw | None = None,
    ) -> None:
        self._text = text
        self.id = id
        self.source = source
        self.url = url
        self.meta = meta if meta is not None else Meta()
        self.body_start = body_start
        self.raw = raw
        self.problems: list[Problem] = []
        self.skipped: Problem | None = None  # set when a stage dropped the document
        self.failed: set[str] = set()  # products missing because the stage making them failed
        self.analysis: Any = None  # the nlp stage's spaCy Doc; runtime only, never stored
        self._spans: dict[int, Span] = {}
        self._next_id = 1

    def __repr__(self) -> str:
        return f"Doc(id={self.id!r}, source={self.source!r}, spans={len(self._spans)})"

    @property
    def text(self) -> str:
        """The headline, a blank line, then the body."""
        return self._text

    @text.setter
    def text(self, value: str) -> None:
        if self._spans:
            raise FrozenTextError(f"doc {self.id or self.source!r} has spans; its text is frozen")
        self._text = value

    def set_text(self, title: str, body: str) -> None:
        """Lay out the text as the headline, a blank line and the body."""
        head = f"{title}\n\n" if title else ""
        self.text = head + body
        self.body_start = len(head)

    @property
    def body(self) -> str:
        """The text after the headline."""
        return self._text[self.body_start :]

    @property
    def spans(self) -> list[Span]:
        """All spans, ordered by id."""
        return list(self._spans.values())

    def span(self, span_id: int) -> Span:
        """Return the span with this id."""
        try:
            return self._spans[span_id]
        except KeyError:
            raise SpanError(f"doc {self.id!r} has no span {span_id}") from None

    def spans_of(self, kind: str) -> Iterator[Span]:
        """Yield the spans of one kind, in id order."""
        return (s for s in self._spans.values() if s.kind == kind)

    def add_span(
        self,
        kind: str,
        start: int,
        end: int,
        *,
        label: str = "",
        value: JsonDict | None = None,
        args: dict[str, int] | None = None,
        stage: str = "",
        id: int | None = None,
    ) -> Span:
        """Attach a new span after checking it fits the text and its links exist."""
        span_id = self._next_id if id is None else id
        span = Span(span_id, kind, start, end, label, dict(value or {}), dict(args or {}), stage)
        self._check_place(span)
        self._check_links(span, known=self._spans.keys() | {span.id})
        self._insert(span)
        return span

    def load_spans(self, spans: Iterable[Span]) -> None:
        """Attach spans that may link each other in any order (as read back from JSON or SQL)."""
        pending = list(spans)
        ids = [s.id for s in pending]
        if len(set(ids)) != len(ids):
            raise SpanError(f"span ids repeat in {sorted(ids)}")
        for span in pending:
            self._check_place(span)
        known = self._spans.keys() | {s.id for s in pending}
        for span in pending:
            self._check_links(span, known)
        for span in pending:
            self._insert(span)

    def _insert(self, span: Span) -> None:
        self._spans[span.id] = span
        self._next_id = max(self._next_id, span.id + 1)

    def remove_spans(self, stage: str) -> int:
        """Drop the spans one stage made (so re-running it replaces them); return how many.

        Other stages' spans that linked to them lose those links, never point at nothing."""
        gone = {i for i, s in self._spans.items() if s.stage == stage}
        for span_id in gone:
            del self._spans[span_id]
        linked = [s for s in self._spans.values() if gone and not gone.isdisjoint(s.args.values())]
        for span in linked:
            kept = {role: t for role, t in span.args.items() if t not in gone}
            self._spans[span.id] = replace(span, args=kept)
        return len(gone)

    def add_problem(self, stage: str, kind: str, message: str) -> None:
        """Record something that went wrong without stopping the run."""
        self.problems.append(Problem(stage, kind, message))

    def _check_place(self, span: Span) -> None:
        if not span.kind:
            raise SpanError("a span needs a kind")
        if span.id in self._spans:
            raise SpanError(f"doc already has a span with id {span.id}")
        if not 0 <= span.start <= span.end <= len(self._text):
            raise SpanError(
                f"span {span.kind} [{span.start}, {span.end}) does not fit a text of "
                f"{len(self._text)} characters (need 0 <= start <= end <= length)"
            )

    @staticmethod
    def _check_links(span: Span, known: Collection[int]) -> None:
        for role, target in span.args.items():
            if target not in known:
                raise SpanError(f"span {span.id} links {role!r} to span {target}, which is absent")
