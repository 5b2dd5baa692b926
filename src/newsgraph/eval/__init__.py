"""Loaders and metrics for the public benchmarks, and the runner behind `newsgraph eval`.

datasets    the benchmarks in shared/eval/ as pages with gold answers
metrics     each benchmark's metric, as pure functions over strings
peers       our extractor and the peers, each behind one call
extraction  runs, times and scores them on one benchmark
report      the result as a Markdown table or JSON
"""

from __future__ import annotations

from newsgraph.eval.datasets import LOADERS, default_data_dir
from newsgraph.eval.extraction import Report, Row, evaluate_extraction
from newsgraph.eval.report import report_json, report_table

DATASETS = tuple(LOADERS)

__all__ = [
    "DATASETS",
    "Report",
    "Row",
    "default_data_dir",
    "evaluate_extraction",
    "report_json",
    "report_table",
]
