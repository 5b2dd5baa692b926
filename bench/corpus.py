"""The real pages the scale benches share: scrapinghub's HTML, then htmldate-news's."""

from __future__ import annotations

from pathlib import Path

CORPORA = (("scrapinghub", "html"), ("htmldate-news", "pages"))


def corpus(data_dir: Path, count: int) -> list[str]:
    """The first `count` page files under ../shared/eval (fewer, or none, when it is absent)."""
    files = [
        str(f)
        for name, sub in CORPORA
        if (data_dir / name / sub).is_dir()
        for f in sorted((data_dir / name / sub).iterdir())
    ]
    return files[:count]
