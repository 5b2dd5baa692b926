from __future__ import annotations

from typing import Any

import spacy
from spacy.lookups import Lookups
from spacy.tokens import Doc as SpacyDoc

from newsgraph.stages.nlp import DEFAULT_MODEL, load_model
from newsgraph.stages.nlp_attributes import TokenAttributes, supports

PATTERNS: list[dict[str, Any]] = [
    {"patterns": [[{"TAG": "VBD"}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"TAG": "PRP", "LOWER": "she"}]], "attrs": {"POS": "PRON", "LEMMA": "she"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"TAG": {"NOT_IN": ["TO"]}, "DEP": "aux"}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"LOWER": {"REGEX": "^n'?t$"}}]], "attrs": {"POS": "PART", "MORPH": "Neg=Yes"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE", "TAG": "_SP"}},
]
WORDS = ["She", "was", "n't", "gon", "na", "stay", "\n", "she", "left"]
TAGS = ["PRP", "VBD", "RB", "VBG", "TO", "VB", "", "PRP", "VBD"]
DEPS = ["nsubj", "aux", "neg", "ROOT", "aux", "xcomp", "dep", "nsubj", "ROOT"]
HEADS = [3, 3, 3, 3, 5, 3, 5, 8, 8]


class Lowered:
    """A stand-in lemmatizer: the lower-case form, marked so that its work shows."""

    lookups = Lookups()

    def lemmatize(self, token: Any) -> list[str]:
        return [token.lower_ + "~"]


def tagged(nlp: Any) -> SpacyDoc:
    return SpacyDoc(nlp.vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=HEADS)


def features(doc: SpacyDoc) -> list[tuple[str, str, str, str]]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_) for t in doc]


def test_rules_apply_in_order_with_several_token_patterns() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(PATTERNS)
    doc = TokenAttributes.from_components(nlp.vocab, ruler, Lowered())(tagged(nlp))
    assert features(doc) == [
        ("PRP", "PRON", "", "she"),
        ("VBD", "AUX", "", "was~"),  # the aux rule comes after the VBD rule, so it wins
        ("RB", "PART", "Neg=Yes", "n't~"),
        ("VBG", "", "", "gon~"),
        ("TO", "", "", "to"),  # the second token of "gon na"
        ("VB", "", "", "stay~"),
        ("_SP", "SPACE", "", "\n~"),
        ("PRP", "PRON", "", "she"),
        ("VBD", "VERB", "", "left~"),
    ]


def test_same_tags_as_spacys_attribute_ruler() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(PATTERNS)
    ours = TokenAttributes.from_components(nlp.vocab, ruler, Lowered())(tagged(nlp))
    theirs = ruler(tagged(nlp))
    assert [f[:3] for f in features(ours)] == [f[:3] for f in features(theirs)]


def test_unknown_pattern_operators_keep_spacys_components() -> None:
    class Ruler:
        def __init__(self) -> None:
            self.patterns = [{"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {"POS": "DET"}}]

    assert not supports(Ruler())


TEXT = (
    "I ain't gonna say it, y'all, she said. Let's go! Officials had been told that 12 cats "
    "were missing; they've since found them. C'mon, it's gotta stop, he'd argued."
)


def test_the_model_gives_what_spacys_own_components_give() -> None:
    ours = load_model()
    assert "attribute_ruler" not in ours.pipe_names
    theirs = spacy.load(DEFAULT_MODEL)
    got, want = ours(TEXT), theirs(TEXT)
    assert [(t.pos_, str(t.morph), t.lemma_, t.dep_) for t in got] == [
        (t.pos_, str(t.morph), t.lemma_, t.dep_) for t in want
    ]
    assert [t.lemma_ for t in got][:5] == ["I", "be", "not", "go", "to"]
