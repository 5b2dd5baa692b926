from __future__ import annotations

from newsgraph import Doc, Pipeline
from newsgraph.stages.nlp import Nlp, _batches


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


def test_batches_keep_to_a_character_budget() -> None:
    docs = [Doc(text) for text in ("a" * 30, "b" * 30, "c" * 50, "d" * 5, "e" * 5, "f" * 5)]
    groups = [[d.text[0] for d in group] for group in _batches(docs, most=2, chars=60)]
    assert groups == [["a", "b"], ["c", "d"], ["e", "f"]]


def test_analysis_drops_the_token_vectors_but_keeps_the_parse() -> None:
    doc = analysed("T", "The council said on Monday that it would appeal.")
    assert doc.analysis.tensor.size == 0
    assert [t.dep_ for t in doc.analysis if t.text == "said"] == ["ROOT"]
