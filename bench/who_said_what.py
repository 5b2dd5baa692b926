"""Who-said-what speed: the entities and quotes stages against spaCy's own pipeline time.

Run: .venv/bin/python bench/who_said_what.py [--split dev] [--passes 3]
On PolNeAR's articles (../shared/eval/polnear), one process: spaCy's pipeline (the nlp stage,
batched), then our entities and quotes stages over the same analyses. Prints each stage's
seconds (median of the passes) and (spaCy + entities + quotes) / spaCy.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from newsgraph import Doc, Pipeline
from newsgraph.eval.datasets import default_data_dir
from newsgraph.eval.polnear import load_polnear
from newsgraph.stages import make_stage


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    texts = [a.text for a in load_polnear(args.data_dir or default_data_dir(), args.split)]
    timings: dict[str, list[float]] = {"spaCy (nlp stage)": [], "entities": [], "quotes": []}
    for _ in range(args.passes):
        docs = [_doc(t) for t in texts]
        for name, stage in zip(timings, ("nlp", "entities", "quotes"), strict=True):
            timings[name].append(_seconds(stage, docs))
    words = sum(len(t.split()) for t in texts)
    medians = {name: statistics.median(values) for name, values in timings.items()}
    print(f"{len(texts)} PolNeAR {args.split} articles, {words} words, median of {args.passes}")
    for name, seconds in medians.items():
        print(f"  {name:20} {seconds:7.2f} s")
    spacy = medians["spaCy (nlp stage)"]
    print(f"  (spaCy + entities + quotes) / spaCy: {sum(medians.values()) / spacy:.3f}")


def _doc(text: str) -> Doc:
    doc = Doc(source="bench")
    doc.set_text("", text)
    return doc


def _run(stage_name: str, docs: list[Doc]) -> None:
    for doc in Pipeline([make_stage(stage_name)], initial={"text", "analysis", "entity"}).pipe(
        docs
    ):
        assert not doc.problems, doc.problems


def _seconds(stage_name: str, docs: list[Doc]) -> float:
    started = time.perf_counter()
    _run(stage_name, docs)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
