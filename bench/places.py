"""Start-up time and peak memory of the places stage, with a cold cache and a warm one.

Each measurement runs in a fresh Python process that imports the stage, opens (or first builds)
the GeoNames index and resolves the seed article's places with the gazetteer pass alone (no
spaCy, so the figures are the stage's own). Run: .venv/bin/python bench/places.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed"

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
started = time.perf_counter()
from newsgraph.doc import Doc
from newsgraph.stages.places import Places
stage = Places(Path(sys.argv[1]))
stage.gazetteer
ready = time.perf_counter() - started
text = Path(sys.argv[2]).read_text() if sys.argv[2] else "Serbia and Kosovo met in Brussels."
doc = stage(Doc(text))
places = sorted({s.value.get("name", "") for s in doc.spans_of("place") if s.label != "focus"})
print(json.dumps({"startup_s": ready, "total_s": time.perf_counter() - started,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "places": places}))
"""


def measure(cache: Path, seed: str) -> dict[str, object]:
    """One fresh process: its start-up time, total time and peak resident memory."""
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(cache), seed], check=True, capture_output=True, text=True
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result


def main() -> None:
    """Print cold and warm start-up and peak memory as a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="warm runs (median reported)")
    args = parser.parse_args()
    seeds = sorted(SEED.glob("*.txt")) if SEED.is_dir() else []
    seed = str(seeds[0]) if seeds else ""
    with tempfile.TemporaryDirectory() as folder:
        cold = measure(Path(folder), seed)
        warm = [measure(Path(folder), seed) for _ in range(args.runs)]
    print("| cache | start-up s | start-up + seed s | peak RSS MB |")
    print("|---|---|---|---|")
    print(_row("cold (index built)", [cold]))
    print(_row(f"warm (median of {args.runs})", warm))
    print(f"\nseed places: {', '.join(str(p) for p in warm[0]['places'])}")  # type: ignore[attr-defined]


def _row(name: str, runs: list[dict[str, object]]) -> str:
    def median(key: str) -> float:
        return statistics.median(float(str(r[key])) for r in runs)

    cells = [
        f"{median('startup_s'):.2f}",
        f"{median('total_s'):.2f}",
        f"{median('peak_rss_mb'):.0f}",
    ]
    return f"| {name} | " + " | ".join(cells) + " |"


if __name__ == "__main__":
    main()
