"""Score the places stage on GeoWebNews, beside a naive "most populous place" resolver.

Measures (shared/eval/README.md): toponym span precision, recall and F1 over the literal and
associative gold types (Homonym and the non-toponym types are not toponyms), exact offsets as
the headline (and, as a second view, any overlap, one to one); and
accuracy within 161 km (100 miles) of the gold coordinates over the gold toponyms we found and
resolved, for literal toponyms and for all. The naive baseline resolves the same found spans to
the most populous gazetteer entry of that name, so the two rows differ only in resolution.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.doc import Doc, Span
from newsgraph.errors import NewsgraphError
from newsgraph.eval.geowebnews import GwnArticle, Toponym, load_geowebnews
from newsgraph.stages.places_find import Found
from newsgraph.stages.places_index import Gazetteer, default_gazetteer
from newsgraph.stages.places_resolve import naive

WITHIN_KM = 161.0
EARTH_KM = 6371.0088
Progress = Callable[[str], None]
Point = tuple[float, float]


@dataclass
class PlacesRow:
    """One resolver's accuracy within 161 km, for literal toponyms and all."""

    name: str
    literal: dict[str, float] = field(default_factory=dict)
    all: dict[str, float] = field(default_factory=dict)


@dataclass
class PlacesReport:
    """A run over GeoWebNews: span scores, one accuracy row per resolver, timings."""

    articles: int
    toponyms: int
    spans_exact: dict[str, float]
    spans_overlap: dict[str, float]
    rows: list[PlacesRow]
    timing: dict[str, float] = field(default_factory=dict)


def evaluate_places(
    data_dir: Path, *, limit: int | None = None, progress: Progress | None = None
) -> PlacesReport:
    """Run nlp, entities and places over GeoWebNews and score them, with the naive baseline."""
    articles = load_geowebnews(data_dir, limit)
    if not articles:
        raise NewsgraphError(f"no GeoWebNews articles in {data_dir}")
    docs, timing = _run(articles, progress)
    pairs = list(zip(articles, docs, strict=True))
    gaz = default_gazetteer()
    report = PlacesReport(
        len(articles),
        sum(len(a.toponyms) for a in articles),
        span_scores(pairs, overlap=False),
        span_scores(pairs, overlap=True),
        [_accuracy_row("newsgraph", pairs, _ours), _accuracy_row("naive", pairs, _naive(gaz))],
        timing,
    )
    return report


def _run(
    articles: list[GwnArticle], progress: Progress | None
) -> tuple[list[Doc], dict[str, float]]:
    from newsgraph.stages import make_stage

    docs = [Doc(a.text, id=a.id) for a in articles]
    timing: dict[str, float] = {}
    for name in ("nlp", "entities", "places"):
        if progress is not None:
            progress(name)
        stage, started = make_stage(name), time.perf_counter()
        docs = list(stage.pipe(docs)) if hasattr(stage, "pipe") else [stage(d) for d in docs]
        timing[name] = round(time.perf_counter() - started, 2)
    return docs, timing


def predicted(doc: Doc) -> list[Span]:
    """The place spans scored as toponyms (every one but the document's focus)."""
    return [s for s in doc.spans_of("place") if s.label != "focus"]


def span_scores(pairs: Sequence[tuple[GwnArticle, Doc]], *, overlap: bool) -> dict[str, float]:
    """Precision, recall and F1 of place spans against the gold toponyms."""
    tp = fp = fn = 0
    for article, doc in pairs:
        gold = [(t.start, t.end) for t in article.toponyms]
        guesses = [(s.start, s.end) for s in predicted(doc)]
        hits = len(_matches(gold, guesses, overlap))
        tp, fp, fn = tp + hits, fp + len(guesses) - hits, fn + len(gold) - hits
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3),
            "tp": tp, "fp": fp, "fn": fn}  # fmt: skip


def _matches(
    gold: list[tuple[int, int]], guesses: list[tuple[int, int]], overlap: bool
) -> list[tuple[int, int]]:
    """Pairs (gold index, guess index), each used once."""
    used: set[int] = set()
    pairs = []
    for i, (gs, ge) in enumerate(gold):
        for j, (ps, pe) in enumerate(guesses):
            same = ps < ge and gs < pe if overlap else (ps, pe) == (gs, ge)
            if j not in used and same:
                used.add(j)
                pairs.append((i, j))
                break
    return pairs


Resolver = Callable[[Doc, Span], Point | None]


def _ours(doc: Doc, span: Span) -> Point | None:
    if span.value.get("lat") is None:
        return None
    return float(span.value["lat"]), float(span.value["lon"])


def _naive(gaz: Gazetteer) -> Resolver:
    def resolve(doc: Doc, span: Span) -> Point | None:
        text = doc.text[span.start : span.end]
        place = naive(Found(span.start, span.end, text, "eval"), gaz)
        return (place.lat, place.lon) if place else None

    return resolve


def _accuracy_row(
    name: str, pairs: Sequence[tuple[GwnArticle, Doc]], resolver: Resolver
) -> PlacesRow:
    literal: list[bool] = []
    everything: list[bool] = []
    found = {True: 0, False: 0}
    for article, doc in pairs:
        for topo, point in _resolved(article, doc, resolver):
            close = distance_km((topo.lat or 0.0, topo.lon or 0.0), point) <= WITHIN_KM
            everything.append(close)
            if topo.literal:
                literal.append(close)
        for topo in article.toponyms:
            found[topo.literal] += topo.lat is not None
    return PlacesRow(name, _share(literal, found[True]), _share(everything, sum(found.values())))


def _resolved(article: GwnArticle, doc: Doc, resolver: Resolver) -> list[tuple[Toponym, Point]]:
    """Gold toponyms with coordinates, paired with the point our overlapping span resolves to."""
    gold = [t for t in article.toponyms if t.lat is not None and t.lon is not None]
    spans = predicted(doc)
    matched = _matches([(t.start, t.end) for t in gold], [(s.start, s.end) for s in spans], True)
    points = [(gold[i], resolver(doc, spans[j])) for i, j in matched]
    return [(t, p) for t, p in points if p is not None]


def _share(outcomes: list[bool], with_coordinates: int) -> dict[str, float]:
    right = sum(outcomes)
    return {
        "accuracy_161km": round(right / len(outcomes), 3) if outcomes else 0.0,
        "resolved": len(outcomes),
        "gold_with_coordinates": with_coordinates,
        "right_of_all_gold": round(right / with_coordinates, 3) if with_coordinates else 0.0,
    }


def distance_km(a: Point, b: Point) -> float:
    """Great-circle distance between two (lat, lon) points, in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def places_report_json(report: PlacesReport) -> str:
    """The report as indented JSON."""
    return json.dumps(asdict(report), indent=2)


def places_report_table(report: PlacesReport) -> str:
    """The report as Markdown: span scores, then accuracy within 161 km per resolver."""
    ex, ov = report.spans_exact, report.spans_overlap
    lines = [
        f"GeoWebNews: {report.articles} articles, {report.toponyms} gold toponyms "
        "(literal + associative types)",
        "",
        "| spans | F1 | P | R |",
        "|---|---|---|---|",
        f"| exact offsets | {ex['f1']:.3f} | {ex['precision']:.3f} | {ex['recall']:.3f} |",
        f"| any overlap | {ov['f1']:.3f} | {ov['precision']:.3f} | {ov['recall']:.3f} |",
        "",
        "| resolver | literal: acc@161km | resolved / gold | all: acc@161km | resolved / gold |",
        "|---|---|---|---|---|",
    ]
    lines += [_row(row) for row in report.rows]
    seconds = ", ".join(f"{k} {v:.1f} s" for k, v in report.timing.items())
    return "\n".join([*lines, "", f"time: {seconds}"])


def _row(row: PlacesRow) -> str:
    cells = [row.name]
    for part in (row.literal, row.all):
        cells += [f"{part['accuracy_161km']:.3f}",
                  f"{part['resolved']} / {part['gold_with_coordinates']}"]  # fmt: skip
    return "| " + " | ".join(cells) + " |"


__all__: list[Any] = ["PlacesReport", "evaluate_places", "places_report_table"]
