"""Place mentions to resolve: the entity stage's places, and our own gazetteer pass.

The entity spans labelled GPE, LOC or FAC are places; NORP ones are demonyms or groups. spaCy's
small model misses places and sometimes calls one a person ("Rotterdam", "Orkney"), so we also
read every run of capitalised words against the gazetteer. A gazetteer hit over a span the
entity stage gave another label wins only when it is the whole span and the context says place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newsgraph.doc import Doc, Span
from newsgraph.stages.places_index import Gazetteer, Place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
GROUP_LABELS = frozenset({"NORP"})
# Names a place inside them does not stand for: people, and places already found whole.
EMBEDDING_SKIPPED = frozenset({"PERSON"}) | PLACE_LABELS
BROAD_KINDS = frozenset({"country", "continent", "region"})
BIG_CITY = 100_000  # a city this populous needs no place context to be taken from the text alone
_LONGEST = 5  # words in a place name
_WORD = re.compile(r"[A-Z](?:\.[A-Z])+\.?|[A-Za-z][\w\-]*(?:['’][A-Za-z]+)*")
_CONNECTORS = frozenset({"and", "of", "de", "del", "la", "upon", "on", "the"})
# Words before a name that say it is a place: "in Rotterdam", "to the Netherlands".
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|from|near|to|into|outside|across|towards?|via|of|around|throughout)"
    r"\s+(?:the\s+)?$"
)
# Capitalised words that GeoNames knows as some hamlet but news means otherwise.
_NOT_PLACES = """
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday North South East West Central
Northern Southern Eastern Western Mid Upper Lower Independence Union Liberty Victory
"""
NOT_PLACES = frozenset(_NOT_PLACES.split())
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass
class Found:
    """A stretch of text that may name a place, and how it was found."""

    start: int
    end: int
    text: str
    source: str  # "entity" or "gazetteer"
    entity_label: str = ""
    entity_name: str = ""  # the entity stage's canonical name ("U.S." -> "United States")


def find_places(doc: Doc, gazetteer: Gazetteer) -> list[Found]:
    """Entity places and gazetteer hits, without overlaps, in text order."""
    entities = [s for s in doc.spans_of("entity")]
    wanted = PLACE_LABELS | GROUP_LABELS
    found = [
        _from_entity(doc.text, s)
        for s in entities
        if s.label in wanted and doc.text[s.start : s.end] not in NOT_PLACES
    ]
    taken = [(f.start, f.end) for f in found]
    for hit in gazetteer_hits(doc.text, gazetteer):
        if _accepted(doc.text, hit, entities, taken, gazetteer):
            found = [f for f in found if not _inside(f, hit)]
            found.append(hit)
            taken.append((hit.start, hit.end))
    return sorted(found, key=lambda f: f.start)


def _from_entity(text: str, span: Span) -> Found:
    return Found(span.start, span.end, text[span.start : span.end], "entity", span.label,
                 str(span.value.get("name") or ""))  # fmt: skip


def gazetteer_hits(text: str, gazetteer: Gazetteer) -> Iterator[Found]:
    """The longest gazetteer names (or demonyms) in each run of capitalised words."""
    for run in _capitalised_runs(text):
        i = 0
        while i < len(run):
            hit = _longest_at(text, run, i, gazetteer)
            if hit is None:
                i += 1
                continue
            yield hit[0]
            i += hit[1]


def _capitalised_runs(text: str) -> Iterator[list[re.Match[str]]]:
    run: list[re.Match[str]] = []
    for word in _WORD.finditer(text):
        joined = bool(run) and text[run[-1].end() : word.start()] == " "
        capital = word.group()[0].isupper() and (joined or not run)
        if capital or (word.group() in _CONNECTORS and joined):
            run.append(word)
        else:
            if run:
                yield _trim(run)
            run = [word] if word.group()[0].isupper() else []
    if run:
        yield _trim(run)


def _trim(run: list[re.Match[str]]) -> list[re.Match[str]]:
    while run and run[-1].group() in _CONNECTORS:
        run = run[:-1]
    return run


def _longest_at(
    text: str, run: list[re.Match[str]], i: int, gazetteer: Gazetteer
) -> tuple[Found, int] | None:
    if run[i].group() in _CONNECTORS:
        return None
    for n in range(min(_LONGEST, len(run) - i), 0, -1):
        if run[i + n - 1].group() in _CONNECTORS:
            continue
        start, end = run[i].start(), run[i + n - 1].end()
        if _POSSESSIVE.search(text[start:end]):
            end -= 2
        name = text[start:end]
        if gazetteer.lookup(name) or gazetteer.demonym(name):
            if n > 1 and run[i].group() == "The":  # "The Russian embassy": the name is "Russian"
                start, name = run[i + 1].start(), text[run[i + 1].start() : end]
            return Found(start, end, name, "gazetteer"), n
    return None


def _accepted(
    text: str, hit: Found, entities: list[Span], taken: list[tuple[int, int]], gaz: Gazetteer
) -> bool:
    """Whether a gazetteer hit is a place here, given the entity spans around it."""
    if any(s < hit.end and hit.start < e and not (hit.start <= s and e <= hit.end)
           for s, e in taken):  # fmt: skip
        return False  # crosses or sits inside a place already found
    if any(s == hit.start and e == hit.end for s, e in taken):
        return False  # the entity stage found the same place
    covering = [e for e in entities if e.start < hit.end and hit.start < e.end]
    if any(not (e.start == hit.start and e.end == hit.end) for e in covering):
        # part of a longer name: taken when it spans whole places ("Kosovo and Metohija") or
        # sits in an organisation's name ("Bank of Jamaica"), never in a person's ("Paris Hilton")
        return _covers(hit, covering) or _embedded(hit, covering, gaz)
    return _place_here(text, hit, gaz)


def _covers(hit: Found, covering: list[Span]) -> bool:
    """A gazetteer name spanning whole entity places ("Kosovo and Metohija") replaces them."""
    return all(hit.start <= e.start and e.end <= hit.end and e.label in PLACE_LABELS
               for e in covering)  # fmt: skip


def _embedded(hit: Found, covering: list[Span], gaz: Gazetteer) -> bool:
    """A well-known place inside an organisation's or other non-person name."""
    if any(e.label in EMBEDDING_SKIPPED for e in covering) or hit.text in NOT_PLACES:
        return False
    places = gaz.lookup(hit.text)
    if not places:
        return gaz.demonym(hit.text) != []
    return places[0].kind in BROAD_KINDS or places[0].population >= BIG_CITY


def _place_here(text: str, hit: Found, gaz: Gazetteer) -> bool:
    """A name standing alone (or relabelled): a broad place, a demonym, or a city in context."""
    if hit.text in NOT_PLACES or _also_lower_case(text, hit.text):
        return False
    places = gaz.lookup(hit.text)
    if not places:
        return gaz.demonym(hit.text) != [] and not _sentence_start(text, hit.start)
    if any(p.kind in BROAD_KINDS for p in places[:1]):
        return True
    if place_context(text, hit.start, hit.end, gaz):
        return True
    return places[0].population >= BIG_CITY and not _sentence_start(text, hit.start)


def place_context(text: str, start: int, end: int, gaz: Gazetteer) -> bool:
    """A preposition of place before the name, or ", Country" / ", State" after it."""
    if _PLACE_BEFORE.search(text[max(0, start - 20) : start]):
        return True
    return qualifier(text, end, gaz) is not None


_QUALIFIER = re.compile(r",\s+((?:[A-Z][\w.]*)(?:\s+[A-Z][\w.]*){0,2})")


def qualifier(text: str, end: int, gaz: Gazetteer) -> tuple[Place, int, int] | None:
    """The country or state written after a name ("Paris, Texas"), with its offsets."""
    match = _QUALIFIER.match(text, end)
    if match is None:
        return None
    words = match.group(1).split()
    for n in range(len(words), 0, -1):
        joined = " ".join(words[:n])
        for name in (joined, joined.rstrip(".")):
            broad = [p for p in gaz.lookup(name) if p.kind in ("country", "region")]
            if broad:
                start = match.start(1)
                return broad[0], start, start + len(name)
    return None


def _also_lower_case(text: str, name: str) -> bool:
    """A one-word name also written in lower case here is a word ("march", "reading")."""
    return " " not in name and re.search(rf"\b{re.escape(name.lower())}\b", text) is not None


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" \"'“‘")
    return not before or before[-1] in ".!?\n:"


def _inside(found: Found, hit: Found) -> bool:
    return hit.start <= found.start and found.end <= hit.end
