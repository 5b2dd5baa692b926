"""One-word "people" the text places on a map: 'made in Hamilton', '2,000 Orkney residents'.

spaCy's small model often calls a lone town name a person. A one-word PERSON name becomes a
place (GPE) when GeoNames knows it, it is no first name and no surname of a person the article
names in full, no mention of it acts (a subject) or carries a title, and at least one mention
sits where only places go: after a locative preposition, after "to" on a journey, or naming
the residents, council or port of somewhere.
"""

from __future__ import annotations

from typing import Any

from newsgraph.stages.entities_firstnames import GENDER_OF_FIRST_NAME
from newsgraph.stages.entities_mentions import Mention
from newsgraph.stages.places_index import default_gazetteer

# Prepositions after which a name is a place ("from" and "to" are not: a letter from Johnson,
# according to Clinton).
LOCATIVE = frozenset({"in", "near", "across", "into", "outside", "around", "throughout", "via"})
# "to" marks a destination only after these (lemmas): diverted to Rotterdam, flights to Paris.
JOURNEY = frozenset(
    {"divert", "travel", "fly", "sail", "move", "relocate", "ship", "evacuate", "deport", "route"}
    | {"flight", "sailing", "route", "trip", "journey", "ferry", "road", "train", "visit"}
)
# A name modifying these nouns is where they are: "Orkney residents", "the Hamilton council".
LOCAL_NOUNS = frozenset(
    {"resident", "islander", "councillor", "council", "harbour", "port", "voter"}
)
_ACTING = frozenset({"nsubj", "nsubjpass", "agent"})


def located_people(analysis: Any, mentions: list[Mention]) -> list[Mention]:
    """Relabel as GPE the one-word PERSON names that the text uses as places."""
    people = [m for m in mentions if m.label == "PERSON"]
    by_word: dict[str, list[Mention]] = {}
    for mention in people:
        if mention.last - mention.first == 1:
            by_word.setdefault(analysis[mention.first].text, []).append(mention)
    surnames = {analysis[m.last - 1].text for m in people if m.last - m.first > 1}
    for word, group in by_word.items():
        if word not in surnames and _used_as_place(analysis, word, group):
            for mention in group:
                mention.label = "GPE"
    return mentions


def _used_as_place(analysis: Any, word: str, group: list[Mention]) -> bool:
    if word in GENDER_OF_FIRST_NAME or not word.istitle():
        return False
    tokens = [analysis[m.first] for m in group]
    if any(m.honorific or m.role for m in group) or any(t.dep_ in _ACTING for t in tokens):
        return False
    return any(_placed(t) for t in tokens) and bool(default_gazetteer().lookup(word))


def _placed(token: Any) -> bool:
    """The token is the object of a locative preposition or of 'to' on a journey, or local."""
    if token.dep_ == "compound" and token.head.lemma_.lower() in LOCAL_NOUNS:
        return True
    preposition = token.head
    if token.dep_ != "pobj" or preposition.pos_ != "ADP":
        return False
    word = preposition.lower_
    return word in LOCATIVE or (word == "to" and preposition.head.lemma_ in JOURNEY)
