"""The tone stage: how positive or negative the words of a document and of each sentence are.

This is tone, not stance: it measures the emotional colour of the vocabulary ("killed",
"attacks", "progress"), not what the writer or a speaker thinks of anyone. Two measures:

- in the spirit of GDELT's tone, the share of positive and of negative words per 100 words,
  their difference (`tone`) and their sum (`polarity`), with the word counts; a word's sign
  comes from VADER's lexicon and is counted as written, with no negation handling;
- VADER's `compound` score (from -1 to 1, negation and intensifiers included) for each
  sentence, and for the document the mean over its sentences that hold a word.

The lexicon ships with vaderSentiment 3.3.2 and is loaded once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsgraph.doc import Doc
from newsgraph.errors import PipelineError

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
DIGITS = 4  # rounding of the shares and scores, so stored values stay short and stable


@lru_cache(maxsize=1)
def analyzer() -> Any:
    """VADER's analyzer with its lexicon, read once per process."""
    try:
        from vaderSentiment.vaderSentiment import (  # type: ignore[import-untyped]
            SentimentIntensityAnalyzer,
        )
    except ImportError:
        raise PipelineError(
            "the tone stage needs vaderSentiment: pip install vaderSentiment==3.3.2"
        ) from None
    return SentimentIntensityAnalyzer()


@dataclass(frozen=True)
class WordCounts:
    """How many words a text has, and how many of them are positive and negative."""

    words: int
    positive: int
    negative: int

    def value(self) -> dict[str, float | int]:
        """GDELT-style shares per 100 words, tone and polarity, with the counts."""
        positive = 100 * self.positive / self.words if self.words else 0.0
        negative = 100 * self.negative / self.words if self.words else 0.0
        return {
            "tone": round(positive - negative, DIGITS),
            "positive": round(positive, DIGITS),
            "negative": round(negative, DIGITS),
            "polarity": round(positive + negative, DIGITS),
            "words": self.words,
            "positive_words": self.positive,
            "negative_words": self.negative,
        }


def count_words(text: str) -> WordCounts:
    """Count the words of a text and those VADER's lexicon scores above or below zero."""
    lexicon: dict[str, float] = analyzer().lexicon
    words = [w.replace("’", "'") for w in WORD.findall(text.lower())]
    valences = [lexicon.get(w, 0.0) for w in words]
    return WordCounts(len(words), sum(v > 0 for v in valences), sum(v < 0 for v in valences))


def compound(text: str) -> float:
    """VADER's compound score of a text, from -1 (most negative) to 1 (most positive)."""
    return round(float(analyzer().polarity_scores(text)["compound"]), DIGITS)


class Tone:
    """Score the tone of each sentence and of the whole document."""

    name = "tone"
    requires: tuple[str, ...] = ("sentence",)
    produces: tuple[str, ...] = ("tone",)

    def __call__(self, doc: Doc) -> Doc:
        """Add one tone span per sentence and one over the whole text."""
        scores = []
        for sentence in list(doc.spans_of("sentence")):
            text = sentence.covered(doc.text)
            value: dict[str, Any] = {**count_words(text).value(), "compound": compound(text)}
            doc.add_span(
                "tone", sentence.start, sentence.end, label="sentence", value=value, stage=self.name
            )
            if value["words"]:
                scores.append(value["compound"])
        mean = round(sum(scores) / len(scores), DIGITS) if scores else 0.0
        whole = {**count_words(doc.text).value(), "compound": mean}
        doc.add_span("tone", 0, len(doc.text), label="document", value=whole, stage=self.name)
        return doc
