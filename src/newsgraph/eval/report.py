"""A benchmark report as a Markdown table for people, or as JSON for scripts."""

from __future__ import annotations

import dataclasses
import json

from newsgraph.eval.extraction import RESAMPLES, Report, Row

COLUMNS = {
    "shingles": ["f1", "precision", "recall", "accuracy"],
    "bag": ["f1", "precision", "recall"],
    "dates": ["f1", "precision", "recall", "accuracy"],
}
HEADINGS = {"f1": "F1", "precision": "P", "recall": "R", "accuracy": "accuracy"}
METRICS = {
    "shingles": "4-token shingles, every page weighing the same; F1 of mean P and mean R",
    "bag": "lower-case token multisets; means of per-page F1, P and R",
    "dates": "publication day: a wrong day is a false positive, no date a false negative",
}


def report_json(report: Report) -> str:
    """The report as indented JSON."""
    return json.dumps(dataclasses.asdict(report), ensure_ascii=False, indent=2)


def report_table(report: Report) -> str:
    """The report as a heading line, a Markdown table and notes on failures and skips."""
    scores, fields = COLUMNS[report.metric], list(report.field_pages)
    header = ["extractor", *(HEADINGS[c] for c in scores), *fields, "pages/s"]
    lines = [_heading(report), "", _cells(header), _cells(["---"] * len(header))]
    lines += [_cells(_row_cells(row, scores, fields)) for row in report.rows]
    notes = _notes(report)
    return "\n".join([*lines, "", *notes] if notes else lines)


def _heading(report: Report) -> str:
    passes = f"median of {report.passes} passes" if report.passes > 1 else "1 pass"
    spread = (
        f"; ± = s.d. over {RESAMPLES:,} bootstrap resamples" if report.metric == "shingles" else ""
    )
    counted = "".join(f"; {f}: exact match over {n} pages" for f, n in report.field_pages.items())
    return (
        f"{report.dataset}: {report.pages} pages; {METRICS[report.metric]}{spread}{counted}; "
        f"pages/s {passes}, extraction only"
    )


def _row_cells(row: Row, scores: list[str], fields: list[str]) -> list[str]:
    if row.status != "ok":
        return [row.name, f"failed: {row.reason}", *[""] * (len(scores) + len(fields))]
    values = [_with_spread(row, c) for c in scores]
    values += [_number(row.fields[f]) if f in row.fields else "—" for f in fields]
    return [row.name, *values, _rate(row.pages_per_s)]


def _with_spread(row: Row, column: str) -> str:
    if column not in row.scores:
        return "—"
    spread = row.sd.get(column)
    suffix = f" ± {_number(spread)}" if spread is not None else ""
    return _number(row.scores[column]) + suffix


def _number(value: float) -> str:
    """Three decimals without the leading zero, as the published tables write them."""
    text = f"{value:.3f}"
    return text[1:] if text.startswith("0.") else text


def _rate(pages_per_s: float | None) -> str:
    if pages_per_s is None:
        return "—"
    return f"{pages_per_s:.0f}" if pages_per_s >= 100 else f"{pages_per_s:.1f}"


def _cells(values: list[str]) -> str:
    return "| " + " | ".join(values) + " |"


def _notes(report: Report) -> list[str]:
    notes = [
        f"- {row.name} raised on {row.errors} page(s), scored as empty; first: {row.first_error}"
        for row in report.rows
        if row.errors
    ]
    notes += [f"- skipped {name}: {why}" for name, why in report.skipped.items()]
    return notes
