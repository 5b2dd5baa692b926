"""Choosing one gazetteer entry per place mention, from what the whole article says.

Each name's candidates are scored by population (on a log scale), by kind (a country or region
named outright is usually meant as one), and by the article: the countries it names, the
countries of its demonyms, the country of its dateline ("ANTWERP, Belgium —") and the states it
names. A name followed by its country or state ("Paris, Texas") takes only that country's or
state's entries. A small town far from everything else the article names is left unresolved
rather than guessed.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from newsgraph.stages.places_find import Found, qualifier
from newsgraph.stages.places_index import Gazetteer, Place, name_key

KIND_BONUS = {"country": 2.0, "continent": 2.0, "region": 1.0, "city": 0.0}
IN_ARTICLE = 2.5  # the candidate's country is named in the article
IN_DATELINE = 3.0  # ... and in its dateline
STATE_NAMED = 2.0  # a city in a state the article names
CURATED = 5.0  # a region from our own table: named on purpose, and GeoNames has no rival entry
POPULATION_WEIGHT = 1.2  # per power of ten
CAPITAL = 2.5  # a big national capital by its own name: "Washington" is the capital, not the state
BIG_CAPITAL = 500_000
LONE_TOWN = 200_000  # below this, a town in no country the article names is left unresolved
_DATELINE = re.compile(
    r"([A-Z][A-Z.'\- ]{1,40}?)(?:,\s+([A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}))?"
    r"\s*(?:\([^)\n]{1,40}\)\s*)?[—–-]{1,2}\s"
)


@dataclass
class Resolved:
    """A mention with its chosen entry; `association` for demonyms; no place = unresolved."""

    found: Found
    place: Place | None
    association: bool = False
    qualifier: tuple[Place, int, int] | None = None


@dataclass
class Context:
    """What the article says about where it is: country weights, states named, the dateline."""

    countries: Counter[str] = field(default_factory=Counter)
    states: set[str] = field(default_factory=set)
    dateline_country: str = ""

    def strong(self) -> bool:
        """Whether the article clearly sits somewhere (a dateline or a much-named country)."""
        return bool(self.dateline_country) or max(self.countries.values(), default=0) >= 3


def dateline(text: str, body_start: int, gaz: Gazetteer) -> tuple[Found, Place | None] | None:
    """The place an article's dateline names ("ANTWERP, Belgium —"), and its stated country."""
    match = None
    for line_start in _paragraph_starts(text, body_start):
        match = _DATELINE.match(text, line_start)
        if match is not None and match.group(1).strip().isupper():
            break
    else:
        return None
    assert match is not None
    city = match.group(1).strip()
    start = match.start(1)
    found = Found(start, start + len(city), city, "dateline")
    stated = qualifier(text, found.end, gaz) if match.group(2) else None
    if not any(p.kind == "city" for p in gaz.lookup(city)):
        return None
    return found, stated[0] if stated else None


def _paragraph_starts(text: str, body_start: int, paragraphs: int = 4) -> list[int]:
    """Where the body's first few paragraphs start: a dateline opens one of them."""
    starts, at = [body_start], body_start
    while len(starts) < paragraphs and (at := text.find("\n", at) + 1) > 0:
        if text[at : at + 1].strip():
            starts.append(at)
    return starts


def resolve_all(
    text: str, found: list[Found], gaz: Gazetteer, dated: tuple[Found, Place | None] | None
) -> list[Resolved]:
    """Resolve every mention against the article's context."""
    context = article_context(found, gaz, dated)
    resolved = [resolve_one(text, f, gaz, context) for f in found]
    return resolved


def article_context(
    found: list[Found], gaz: Gazetteer, dated: tuple[Found, Place | None] | None
) -> Context:
    """Count the countries and states the article names outright (and its dateline's)."""
    context = Context()
    for mention in found:
        place = _broad(mention, gaz)
        if place is not None and place.country:
            context.countries[place.country] += 1
            if place.kind == "region" and place.admin1:
                context.states.add(place.admin1)
    if dated is not None:
        city = dated[1] or _top(gaz.lookup(dated[0].text))
        context.dateline_country = city.country if city else ""
        context.countries[context.dateline_country] += 2
    return context


def _broad(mention: Found, gaz: Gazetteer) -> Place | None:
    """The country, state or region a mention names without doubt, or its demonym's."""
    places = candidates(mention, gaz)
    if not places:
        demonyms = gaz.demonym(mention.text)
        return demonyms[0] if demonyms else None
    top = _top(places)
    return top if top is not None and top.kind != "city" else None


def candidates(mention: Found, gaz: Gazetteer) -> list[Place]:
    """The entries a mention may name: by the entity's canonical name, else by its text."""
    if mention.entity_name:
        found = gaz.lookup(mention.entity_name)
        if found:
            return found
    return gaz.lookup(mention.text)


def resolve_one(text: str, mention: Found, gaz: Gazetteer, context: Context) -> Resolved:
    """Pick the best entry for one mention (or its demonym's country, as an association)."""
    places = candidates(mention, gaz)
    if not places or (mention.entity_label == "NORP" and gaz.demonym(mention.text)):
        demonyms = gaz.demonym(mention.text)
        return Resolved(mention, demonyms[0] if demonyms else None, association=bool(demonyms))
    stated = qualifier(text, mention.end, gaz)
    if stated is not None:
        places = _within(places, stated[0]) or places
    said = name_key(mention.entity_name or mention.text)
    best = max(places, key=lambda p: score(p, context, said))
    if _lone_town(best, context):
        return Resolved(mention, None)
    return Resolved(mention, best, qualifier=stated)


def score(place: Place, context: Context, said: str = "") -> float:
    """How likely this entry is meant, given the article (and the name's key, `said`)."""
    value = POPULATION_WEIGHT * math.log10(place.population + 10)
    value += KIND_BONUS.get(place.kind, 0.0) + (CURATED if place.id < 0 else 0.0)
    if place.capital and place.population >= BIG_CAPITAL and name_key(place.name) == said:
        value += CAPITAL
    if place.country and context.countries[place.country]:
        value += IN_ARTICLE
    if place.country and place.country == context.dateline_country:
        value += IN_DATELINE
    if place.kind == "city" and place.country == "US" and place.admin1 in context.states:
        value += STATE_NAMED
    return value


def naive(mention: Found, gaz: Gazetteer) -> Place | None:
    """The baseline: the most populous entry of that name (a demonym's country else)."""
    places = candidates(mention, gaz) or gaz.demonym(mention.text)
    return places[0] if places else None


def _within(places: list[Place], area: Place) -> list[Place]:
    if area.kind == "region" and area.admin1:
        return [p for p in places if p.country == area.country and p.admin1 == area.admin1]
    return [p for p in places if p.country == area.country and p.id != area.id]


def _top(places: list[Place]) -> Place | None:
    return max(places, key=lambda p: score(p, Context())) if places else None


def _lone_town(place: Place, context: Context) -> bool:
    return (
        place.kind == "city"
        and place.population < LONE_TOWN
        and context.strong()
        and not context.countries[place.country]
    )
