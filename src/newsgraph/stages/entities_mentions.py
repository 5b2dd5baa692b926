"""Entity mentions: spaCy's named entities cleaned up, and the gazetteer pass for places.

A mention is a token range of the spaCy analysis with a label; later passes give it a role, a
canonical name and an entity id. Offsets are character offsets into the document text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsgraph.stages.entities_firstnames import GENDER_OF_FIRST_NAME
from newsgraph.stages.entities_gazetteer import place_label

# spaCy's labels for names; dates, times and numbers belong to the amount and time stages.
NAME_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)
# Labels the gazetteer may overrule: a country is never a product or a work of art.
OVERRULED_BY_PLACES = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "FAC"})
_EDGE_WORDS = frozenset({"the", "a", "an"})
_LONGEST_PLACE = 5  # tokens
_NOT_NAME_START = frozenset({"VERB", "AUX", "ADV", "PRON", "SCONJ", "ADP"})


@dataclass
class Mention:
    """One name in the text: tokens [first, last) of the analysis, with what is known of it."""

    first: int
    last: int
    start: int
    end: int
    label: str
    name: str = ""  # canonical name, set when resolving
    role: str = ""
    outlet: bool = False
    honorific: str = ""  # "Mr.", "Mrs."… written before the name
    head_gender: str = ""  # gender a role word says (spokeswoman, king)

    def value(self, gender: str | None) -> dict[str, Any]:
        """The span value: canonical name and entity id, then what else is known."""
        value: dict[str, Any] = {"name": self.name, "entity": entity_id(self.label, self.name)}
        if self.role:
            value["role"] = self.role
        if gender:
            value["gender"] = gender
        if self.outlet:
            value["outlet"] = True
        return value


def entity_id(label: str, name: str) -> str:
    """A stable id for a canonical name and type, e.g. 'person:aleksandar-vucic'."""
    return f"{label.lower().replace('_', '-')}:{slug(name)}"


@lru_cache(maxsize=8192)
def slug(name: str) -> str:
    """Lower-case ASCII words joined by hyphens (accents folded, so Vučić and Vucic agree)."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = "".join(c if c.isalnum() else " " for c in folded.lower()).split()
    return "-".join(words) or "x"


def make_mention(analysis: Any, first: int, last: int, label: str) -> Mention:
    """A mention over tokens [first, last)."""
    start = analysis[first].idx
    end = analysis[last - 1].idx + len(analysis[last - 1].text)
    return Mention(first, last, start, end, label)


def model_mentions(analysis: Any) -> list[Mention]:
    """spaCy's named entities, split at line breaks and trimmed of articles and punctuation."""
    found = []
    for ent in analysis.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        for first, last in _line_pieces(analysis, ent.start, ent.end):
            first, last = _trimmed(analysis, first, last, ent.label_)
            if last > first and _capitalised(analysis[first:last]):
                found.append(make_mention(analysis, first, last, ent.label_))
    return found


def _line_pieces(analysis: Any, first: int, last: int) -> Iterator[tuple[int, int]]:
    """The parts of a token range on one line each (a tag list or byline is no name)."""
    begin = first
    for i in range(first, last):
        token = analysis[i]
        if token.is_space or "\n" in token.whitespace_:
            yield begin, i if token.is_space else i + 1
            begin = i + 1
    yield begin, last


def _trimmed(analysis: Any, first: int, last: int, label: str) -> tuple[int, int]:
    # "The" belongs to a title ("The Godfather"), not to an organisation's canonical name.
    articles = _EDGE_WORDS if label != "WORK_OF_ART" else frozenset()
    while first < last and (_loose(analysis[first]) or analysis[first].lower_ in articles):
        first += 1
    # "Injecting Clinton": a verb that opens a sentence is not part of the name after it.
    while last - first > 1 and analysis[first].pos_ in _NOT_NAME_START:
        first += 1
    while last > first and _loose(analysis[last - 1]):
        last -= 1
    return first, last


def _loose(token: Any) -> bool:
    """Punctuation, space or a possessive 's at the edge of a name."""
    return bool(token.is_punct or token.is_space or token.tag_ == "POS")


def _capitalised(tokens: Iterable[Any]) -> bool:
    """True when some token starts with a capital or a digit (lower-case tags are not names)."""
    return any(t.text[:1].isupper() or t.text[:1].isdigit() for t in tokens)


def merge(base: list[Mention], stronger: list[Mention]) -> list[Mention]:
    """Let rule mentions replace the model's where they overlap, unless a model name holds one."""
    kept = [m for m in stronger if not any(_strictly_inside(m, b) for b in base)]
    rest = [b for b in base if not any(_overlap(b, m) for m in kept)]
    return sorted(rest + kept, key=lambda m: m.start)


def _overlap(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _strictly_inside(inner: Mention, outer: Mention) -> bool:
    longer = outer.end - outer.start > inner.end - inner.start
    return longer and outer.start <= inner.start and inner.end <= outer.end


def place_mentions(text: str, analysis: Any, mentions: list[Mention]) -> list[Mention]:
    """Relabel the model's names that are places, and add the places it missed."""
    for mention in mentions:
        label = place_label(text[mention.start : mention.end])
        if label and mention.label in OVERRULED_BY_PLACES and not _first_name(analysis, mention):
            mention.label = label
    covered = {i for m in mentions for i in range(m.first, m.last)}
    return merge(mentions, list(_missed_places(text, analysis, covered)))


def _first_name(analysis: Any, mention: Mention) -> bool:
    return mention.label == "PERSON" and analysis[mention.first].text in GENDER_OF_FIRST_NAME


def _missed_places(text: str, analysis: Any, covered: set[int]) -> Iterator[Mention]:
    """Gazetteer names no model mention touches, standing alone (not part of a longer name)."""
    i, n = 0, len(analysis)
    while i < n:
        if i in covered or not (analysis[i].is_title or analysis[i].is_upper):
            i += 1
            continue
        match = _longest_place(text, analysis, i, covered)
        if match and _stands_alone(analysis, i, match[0]):
            yield make_mention(analysis, i, match[0], match[1])
            i = match[0]
        else:
            i += 1


def _longest_place(
    text: str, analysis: Any, first: int, covered: set[int]
) -> tuple[int, str] | None:
    top = min(len(analysis), first + _LONGEST_PLACE)
    start = analysis[first].idx
    for last in range(top, first, -1):
        if covered.intersection(range(first, last)):
            continue
        end = analysis[last - 1].idx + len(analysis[last - 1])
        label = place_label(text[start:end])
        if label and analysis[first].text not in GENDER_OF_FIRST_NAME:
            return last, label
    return None


def _stands_alone(analysis: Any, first: int, last: int) -> bool:
    """No proper noun right before or after: 'Georgia Smith' and 'Texas Instruments' are not."""
    before = analysis[first - 1] if first > 0 else None
    after = analysis[last] if last < len(analysis) else None
    return not any(t is not None and t.pos_ == "PROPN" for t in (before, after))


def echoed_people(analysis: Any, mentions: list[Mention]) -> list[Mention]:
    """Surnames of people the article names in full, where spaCy missed them later on."""
    surnames = {_surname(analysis, m) for m in mentions if m.label == "PERSON"} - {""}
    covered = {i for m in mentions for i in range(m.first, m.last)}
    found = []
    for i, token in enumerate(analysis):
        if i in covered or token.lower_ not in surnames or not token.text[:1].isupper():
            continue
        # spaCy tags a name that opens a sentence a noun at times; "PENCE:" opens a transcript line.
        if token.pos_ in ("PROPN", "NOUN") or token.is_upper:
            first = i - 1 if _first_name_before(analysis, i, covered) else i
            if not _proper_after(analysis, i + 1, covered):
                found.append(make_mention(analysis, first, i + 1, "PERSON"))
    return found


def _surname(analysis: Any, mention: Mention) -> str:
    """The last word of a full name, or of a titled one ('Dr. Oz'), lower-cased; else ''."""
    words = [t for t in analysis[mention.first : mention.last] if t.text[:1].isupper()]
    words = [t for t in words if not t.text.endswith(".") and t.text not in ("II", "III", "IV")]
    titled = bool(mention.role or mention.honorific)  # a lone name spaCy found may be wrong
    if not words or (len(words) < 2 and not titled) or place_label(words[-1].text):
        return ""
    return str(words[-1].lower_)


def _first_name_before(analysis: Any, i: int, covered: set[int]) -> bool:
    return i > 0 and i - 1 not in covered and analysis[i - 1].text in GENDER_OF_FIRST_NAME


def _proper_after(analysis: Any, i: int, covered: set[int]) -> bool:
    """A proper noun right after: 'Trump Tower' is not Trump."""
    return i < len(analysis) and i not in covered and analysis[i].pos_ == "PROPN"
