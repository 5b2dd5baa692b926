"""Run our extractor and the peers over one benchmark, time them and score them.

Timing counts extraction only: pages are read and decoded before the clock starts, one
untimed warm-up call on the first page keeps import and cache set-up out of the first pass,
and pages/s is the page count over the median pass time.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.eval import metrics
from newsgraph.eval.datasets import Dataset, Page, load
from newsgraph.eval.peers import (
    BODY,
    OURS,
    PEERS,
    Extractor,
    Prediction,
    missing_module,
    quiet_peers,
)

RESAMPLES = 1000
SEED = 0


@dataclass
class Row:
    """One extractor's line in the table; "failed" with a `reason` when it could not run."""

    name: str
    status: str = "ok"
    reason: str = ""
    pages_per_s: float | None = None
    scores: dict[str, float] = field(default_factory=dict)
    sd: dict[str, float] = field(default_factory=dict)
    fields: dict[str, float] = field(default_factory=dict)  # exact-match share per field
    errors: int = 0  # pages on which the extractor raised; scored as empty predictions
    first_error: str = ""


@dataclass
class Report:
    """A benchmark run: the dataset, how it was run, one row per extractor, and who was skipped."""

    dataset: str
    metric: str
    pages: int
    passes: int
    field_pages: dict[str, int]  # how many pages' gold has each metadata field
    rows: list[Row]
    skipped: dict[str, str] = field(default_factory=dict)


Progress = Callable[[str], None]


def evaluate_extraction(
    name: str,
    data_dir: Path,
    *,
    peers: bool = False,
    passes: int = 3,
    limit: int | None = None,
    progress: Progress | None = None,
) -> Report:
    """Measure our extractor (and the peers when asked) on the named benchmark."""
    dataset = load(name, data_dir, limit)
    report = Report(
        dataset.name, dataset.metric, len(dataset.pages), passes, _field_pages(dataset), []
    )
    for extractor in _extractors(dataset, peers):
        why_not = missing_module(extractor)
        if why_not:
            report.skipped[extractor.name] = why_not
            continue
        if progress:
            progress(f"{dataset.name}: {extractor.name}")
        report.rows.append(measure(extractor, dataset, passes))
    return report


def _extractors(dataset: Dataset, peers: bool) -> list[Extractor]:
    chosen = [OURS[dataset.kind], *(PEERS if peers else [])]
    return [e for e in chosen if e.kind == dataset.kind and e.gives & set(dataset.fields)]


def _field_pages(dataset: Dataset) -> dict[str, int]:
    scored = [f for f in dataset.fields if f != BODY] if dataset.metric != "dates" else []
    return {f: sum(getattr(p.gold, f) is not None for p in dataset.pages) for f in scored}


def measure(
    extractor: Extractor, dataset: Dataset, passes: int, *, with_metadata: bool | None = None
) -> Row:
    """Run one extractor `passes` times over the pages; score the first pass, time them all.

    Every extractor, ours included, reads metadata only when the dataset scores a metadata
    field (or when `with_metadata` says so), so the times compare the same work."""
    row = Row(extractor.label())
    if with_metadata is None:
        with_metadata = dataset.fields != (BODY,)
    with quiet_peers():
        try:
            _warm_up(extractor, dataset.pages, with_metadata)
            runs = [_timed_pass(extractor, dataset.pages, with_metadata) for _ in range(passes)]
        except NotImplementedError as exc:
            return Row(row.name, status="failed", reason=f"NotImplementedError: {exc}")
    predictions, errors = runs[0][1], runs[0][2]
    if errors and len(errors) == len(dataset.pages):
        return Row(row.name, status="failed", reason=f"raised on every page; first: {errors[0]}")
    row.pages_per_s = len(dataset.pages) / max(statistics.median(r[0] for r in runs), 1e-9)
    row.errors, row.first_error = len(errors), (errors[0] if errors else "")
    _score(row, extractor, dataset, predictions)
    return row


def _warm_up(extractor: Extractor, pages: Sequence[Page], with_metadata: bool) -> None:
    if pages:
        try:
            extractor.run(pages[0].content, pages[0].url, with_metadata)
        except NotImplementedError:
            raise
        except Exception:  # the timed pass records it; the warm-up only loads code
            pass


def _timed_pass(
    extractor: Extractor, pages: Sequence[Page], with_metadata: bool
) -> tuple[float, list[Prediction], list[str]]:
    predictions: list[Prediction] = []
    errors: list[str] = []
    started = time.perf_counter()
    for page in pages:
        try:
            predictions.append(extractor.run(page.content, page.url, with_metadata))
        except NotImplementedError:
            raise
        except Exception as exc:  # one bad page must not sink the row: score it as empty
            predictions.append(Prediction(body=""))
            errors.append(f"{page.id}: {type(exc).__name__}: {_one_line(str(exc))}")
    return time.perf_counter() - started, predictions, errors


def _one_line(message: str, limit: int = 160) -> str:
    flat = " ".join(message.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _score(row: Row, extractor: Extractor, dataset: Dataset, predictions: list[Prediction]) -> None:
    pairs = list(zip(dataset.pages, predictions, strict=True))
    if dataset.metric == "dates":
        outcomes = [
            metrics.date_outcome(p.gold.date or "", metrics.iso_day(g.date)) for p, g in pairs
        ]
        row.scores = metrics.date_scores(outcomes)
        return
    if BODY in extractor.gives:
        _score_body(row, dataset.metric, pairs)
    for name in dataset.fields:
        if name != BODY and name in extractor.gives:
            row.fields[name] = _field_share(name, pairs)


def _score_body(row: Row, metric: str, pairs: list[tuple[Page, Prediction]]) -> None:
    if metric == "shingles":
        pages = [metrics.body_page(p.gold.body or "", g.body or "") for p, g in pairs]
        row.scores = metrics.body_scores(pages)
        row.sd = metrics.bootstrap_sd(pages, metrics.body_scores, RESAMPLES, SEED)
    else:
        row.scores = metrics.bag_scores(
            [metrics.bag_page(p.gold.body or "", g.body or "") for p, g in pairs]
        )


def _field_share(name: str, pairs: list[tuple[Page, Prediction]]) -> float:
    judged = [
        metrics.same_field(name, gold, getattr(guess, name))
        for page, guess in pairs
        if (gold := getattr(page.gold, name)) is not None
    ]
    return sum(judged) / len(judged) if judged else 0.0
