"""Full-pipeline speed and memory: our default pipeline against the peer stack, same pages.

Run: .venv/bin/python bench/pipeline.py [--pages 300] [--json] [--data-dir DIR]
The first N wcxb-dev article pages (../shared/eval), read and decoded before any timing. Each
side runs in its own fresh process, so its peak RSS (ru_maxrss at the end) is its own:

- peer: `trafilatura.extract(html, url=url)` with its defaults (output txt, fast=False so the
  fallback extractors run, comments and tables kept, no metadata), then the same spaCy model's
  full default pipeline through `nlp.pipe` (batched like ours), then textacy's
  `direct_quotations` on every doc;
- ours: `build_pipeline(DEFAULT_STAGES).pipe` over the raw pages, as ingest runs it.

Each side first warms up (imports, model and tables loaded, one page processed), timed apart
from the run over all N pages. Prints docs/s, tokens/s (the tokens each side gave spaCy), peak
RSS and the ratio ours / peer.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsgraph.eval.datasets import Page, default_data_dir, load

DATASET = "wcxb-dev"
SIDES = ("peer", "ours")

Runner = Callable[[list[Page]], int]  # processes the pages, returns the tokens analysed


def main() -> None:
    """Run each side in its own process and print (or emit as JSON) the comparison."""
    args = _arguments()
    data_dir = args.data_dir or default_data_dir()
    if args.side:
        print(json.dumps(_measure(args.side, _pages(data_dir, args.pages))))
        return
    if not (data_dir / DATASET).is_dir():
        print(f"no {DATASET} pages in {data_dir}: nothing to measure (pass --data-dir)")
        return
    results = {side: _child(side, args.pages, data_dir) for side in SIDES}
    results["ratio"] = results["ours"]["docs_per_s"] / results["peer"]["docs_per_s"]
    results["cpu_ratio"] = results["ours"]["docs_per_cpu_s"] / results["peer"]["docs_per_cpu_s"]
    print(json.dumps(results, indent=2) if args.json else _table(results))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--side", choices=SIDES, help=argparse.SUPPRESS)  # the child's switch
    return parser.parse_args()


def _pages(data_dir: Path, count: int) -> list[Page]:
    return load(DATASET, data_dir, count).pages


def _child(side: str, pages: int, data_dir: Path) -> dict[str, Any]:
    """One side, measured in a fresh Python process."""
    command = [sys.executable, __file__, "--side", side, "--pages", str(pages)]
    out = subprocess.run(
        [*command, "--data-dir", str(data_dir)], check=True, capture_output=True, text=True
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _measure(side: str, pages: list[Page]) -> dict[str, Any]:
    """Warm up on the first page, then time the run over all of them."""
    started = time.perf_counter()
    run = _ours() if side == "ours" else _peer()
    run(pages[:1])
    warm_up = time.perf_counter() - started
    warm_rss = _peak_rss_mb()
    started, cpu_started = time.perf_counter(), time.process_time()
    tokens = run(pages)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return {
        "docs": len(pages),
        "tokens": tokens,
        "warm_up_s": round(warm_up, 2),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "docs_per_s": len(pages) / seconds,
        "docs_per_cpu_s": len(pages) / cpu,
        "tokens_per_s": tokens / seconds,
        "warm_rss_mb": warm_rss,  # the peak after loading the pages and warming up
        "peak_rss_mb": _peak_rss_mb(),
    }


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _ours() -> Runner:
    from newsgraph.doc import Doc, Raw
    from newsgraph.stages import DEFAULT_STAGES, build_pipeline

    pipeline = build_pipeline(DEFAULT_STAGES)

    def run(pages: list[Page]) -> int:
        docs = (Doc(source=p.id, url=p.url, raw=Raw("html", p.content)) for p in pages)
        return sum(len(d.analysis) for d in pipeline.pipe(docs) if d.analysis is not None)

    return run


def _peer() -> Runner:
    import warnings

    import spacy
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # textacy's dependencies warn on import
        import textacy.extract.triples

    from newsgraph.stages.nlp import DEFAULT_MODEL, Nlp

    nlp = spacy.load(DEFAULT_MODEL)
    batch_size = Nlp().batch_size  # the same batches as ours: fair to both

    def run(pages: list[Page]) -> int:
        texts = [trafilatura.extract(p.content, url=p.url) or "" for p in pages]
        tokens = 0
        for doc in nlp.pipe(texts, batch_size=batch_size):
            _quotes(textacy.extract.triples.direct_quotations, doc)
            tokens += len(doc)
        return tokens

    return run


def _quotes(direct_quotations: Callable[[Any], Any], doc: Any) -> list[Any]:
    try:
        return list(direct_quotations(doc))
    except ValueError:  # it refuses a text with unbalanced quotation marks: none found
        return []


def _table(results: dict[str, Any]) -> str:
    lines = [f"{results['ours']['docs']} {DATASET} article pages, each side in its own process"]
    for side in SIDES:
        r = results[side]
        lines.append(
            f"  {side:5} {r['docs_per_s']:6.2f} docs/s ({r['docs_per_cpu_s']:5.2f} per CPU s)  "
            f"{r['tokens_per_s']:6.0f} tokens/s  peak RSS {r['peak_rss_mb']:4.0f} MB "
            f"({r['warm_rss_mb']:.0f} warm)  "
            f"(warm-up {r['warm_up_s']} s, run {r['seconds']} s, CPU {r['cpu_seconds']} s)"
        )
    lines.append(
        f"  ratio ours / peer: {results['ratio']:.2f}x docs/s, "
        f"{results['cpu_ratio']:.2f}x docs per CPU second"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
