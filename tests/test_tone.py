"""The tone stage on small texts written here: GDELT-style shares and VADER's compound score."""

from __future__ import annotations

from newsgraph import Doc, Pipeline
from newsgraph.stages.nlp import Nlp
from newsgraph.stages.tone import Tone, analyzer, compound, count_words


def toned(title: str, body: str) -> Doc:
    doc = Doc(id="t1", source="test")
    doc.set_text(title, body)
    return Pipeline([Nlp(), Tone()], initial={"text"}, on_error="raise")(doc)


def test_shares_per_hundred_words() -> None:
    # "hope" is positive in VADER's lexicon; "fear", "terrible" and "loss" negative.
    assert count_words("Hope, fear and a terrible loss.").value() == {
        "tone": -33.3333,
        "positive": 16.6667,
        "negative": 50.0,
        "polarity": 66.6667,
        "words": 6,
        "positive_words": 1,
        "negative_words": 3,
    }


def test_a_text_without_words_scores_zero() -> None:
    assert count_words("© 2025 — 10:40").value()["words"] == 0
    assert count_words("© 2025 — 10:40").value()["tone"] == 0.0


def test_words_are_counted_as_written_but_compound_reads_negation() -> None:
    assert count_words("It was not good.").positive == 1
    assert compound("It was not good.") == -0.3412


def test_one_span_per_sentence_and_one_for_the_document() -> None:
    doc = toned(
        "Talks made good progress",
        "The attack killed seven people.\nThe bridge did not reopen on Monday.",
    )
    spans = [(s.label, s.covered(doc.text), s.value["compound"]) for s in doc.spans_of("tone")]
    assert spans == [
        ("sentence", "Talks made good progress", 0.6908),
        ("sentence", "The attack killed seven people.", -0.8225),
        ("sentence", "The bridge did not reopen on Monday.", 0.0),
        ("document", doc.text, -0.0439),  # the mean of the three sentences
    ]
    whole = next(s for s in doc.spans_of("tone") if s.label == "document").value
    assert (whole["words"], whole["positive_words"], whole["negative_words"]) == (16, 2, 2)
    assert (whole["positive"], whole["negative"], whole["tone"]) == (12.5, 12.5, 0.0)


def test_lexicon_is_loaded_once() -> None:
    assert analyzer() is analyzer()
