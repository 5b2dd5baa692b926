from __future__ import annotations

import pytest

from newsgraph.stages.entities_located import located_people
from newsgraph.stages.entities_mentions import Mention, make_mention
from newsgraph.stages.nlp import load_model


def labels_after(text: str, *names: str) -> list[str]:
    """Mark each name (one or more words) as spaCy's PERSON, run the rule, give the labels."""
    analysis = load_model()(text)
    mentions: list[Mention] = []
    for name in names:
        words = name.split()
        for i in range(len(analysis) - len(words) + 1):
            if [t.text for t in analysis[i : i + len(words)]] == words:
                mentions.append(make_mention(analysis, i, i + len(words), "PERSON"))
    return [m.label for m in located_people(analysis, mentions)]


@pytest.mark.parametrize(
    "text",
    [
        "The new girders will be fabricated in Hamilton and shipped by rail.",
        "More than 2,000 Orkney residents signed the petition.",
        "Cargo is being diverted to Rotterdam while the strike lasts.",
    ],
)
def test_a_one_word_person_used_as_a_place_becomes_one(text: str) -> None:
    name = next(w for w in ("Hamilton", "Orkney", "Rotterdam") if w in text)
    assert labels_after(text, name) == ["GPE"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("According to Hamilton, the girders are late.", ["Hamilton"]),  # not a journey
        ("Hamilton said the plant in Hamilton would close.", ["Hamilton"]),  # one acts
        ("Lewis Hamilton won again. Fans in Hamilton cheered.", ["Lewis Hamilton", "Hamilton"]),
        ("The crates were stored in Quistborg over winter.", ["Quistborg"]),  # not in GeoNames
        ("The award went in the end to Denise.", ["Denise"]),  # a first name
    ],
)
def test_people_stay_people(text: str, names: list[str]) -> None:
    found = labels_after(text, *names)
    assert found and set(found) == {"PERSON"}
