from __future__ import annotations

from newsgraph import Doc, Pipeline
from newsgraph.stages.nlp import Nlp


def analysed(title: str, body: str) -> Doc:
    doc = Doc()
    doc.set_text(title, body)
    return Pipeline([Nlp()], initial={"text"})(doc)


def sentences(doc: Doc) -> list[str]:
    return [s.covered(doc.text) for s in doc.spans_of("sentence")]


def test_sentences_never_cross_a_line_break() -> None:
    body = "The mayor resigned on Monday. Officials were surprised\nBy Ann Lee\n\nMore later."
    doc = analysed("Mayor quits over budget row", body)
    assert sentences(doc) == [
        "Mayor quits over budget row",
        "The mayor resigned on Monday.",
        "Officials were surprised",
        "By Ann Lee",
        "More later.",
    ]


def test_analysis_offsets_are_text_offsets() -> None:
    doc = analysed(
        "Emoji \U0001f600 headline",
        "President Barack Obama spoke to reporters in Chicago on Monday.",
    )
    ents = list(doc.analysis.ents)
    assert "Barack Obama" in [e.text for e in ents]
    assert all(doc.text[e.start_char : e.end_char] == e.text for e in ents)
    assert doc.text.index("Barack") > doc.text.index("\U0001f600")


def test_batches_give_the_same_sentences_as_single_docs() -> None:
    bodies = ["One. Two.", "Three here. Four there.\n\nFive."]
    single = [sentences(analysed("T", b)) for b in bodies]
    docs = []
    for body in bodies:
        doc = Doc()
        doc.set_text("T", body)
        docs.append(doc)
    batched = [sentences(d) for d in Pipeline([Nlp()], initial={"text"}).pipe(docs)]
    assert batched == single
