"""newsgraph: news pages in, a searchable knowledge base of who said what out."""

from __future__ import annotations

from newsgraph.api import process
from newsgraph.doc import SPAN_KINDS, Doc, Meta, Problem, Span
from newsgraph.errors import NewsgraphError, Skip
from newsgraph.ingest import Summary, ingest
from newsgraph.jsonform import doc_from_dict, doc_from_json, doc_to_dict, doc_to_json
from newsgraph.pipeline import Pipeline, Stage
from newsgraph.stages import build_pipeline
from newsgraph.store import Store
from newsgraph.version import __version__

__all__ = [
    "SPAN_KINDS",
    "Doc",
    "Meta",
    "NewsgraphError",
    "Pipeline",
    "Problem",
    "Skip",
    "Span",
    "Stage",
    "Store",
    "Summary",
    "__version__",
    "build_pipeline",
    "doc_from_dict",
    "doc_from_json",
    "doc_to_dict",
    "doc_to_json",
    "ingest",
    "process",
]
