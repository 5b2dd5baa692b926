"""PolNeAR (Newell, Margolin & Ruths, LREC 2018): who said what in US political news.

`<split>/text/<article>.txt` holds an article; `<split>/attributions/<article>_<annotator>.ann`
one annotator's attributions in brat standoff: `T` lines are spans (`Source`, `Cue`, `Content`,
`Attribution`, with `start end` ranges joined by `;` when a span is broken), and `E` lines join
one attribution's parts. Offsets are code points into the article text, as ours are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import NewsgraphError

Ranges = tuple[tuple[int, int], ...]
SPLITS = ("train", "dev")
ANNOTATION = re.compile(r"^(?P<article>.+)_(?P<annotator>[0-9a-f]{4})\.ann$")


@dataclass(frozen=True)
class Attribution:
    """An attribution, annotated or predicted: content, cue and source (speaker) ranges."""

    content: Ranges
    cue: Ranges
    source: Ranges  # may be empty: the annotator or the extractor found no source


@dataclass(frozen=True)
class Article:
    """An article's text and, per annotator, that annotator's attributions."""

    id: str
    text: str
    annotations: dict[str, list[Attribution]]


def load_polnear(data_dir: Path, split: str = "dev", limit: int | None = None) -> list[Article]:
    """The split's annotated articles, sorted by id; the first `limit` when given."""
    if split not in SPLITS:
        raise NewsgraphError(f"unknown PolNeAR split {split!r}; choose one of {', '.join(SPLITS)}")
    folder = data_dir / "polnear" / split
    if not (folder / "text").is_dir():
        raise NewsgraphError(f"no PolNeAR {split} split in {folder}; pass --data-dir")
    files: dict[str, dict[str, Path]] = {}
    for path in sorted((folder / "attributions").glob("*.ann")):
        found = ANNOTATION.match(path.name)
        if found:
            files.setdefault(found["article"], {})[found["annotator"]] = path
    ids = sorted(i for i in files if (folder / "text" / f"{i}.txt").is_file())[:limit]
    return [_article(folder, i, files[i]) for i in ids]


def _article(folder: Path, article_id: str, annotators: dict[str, Path]) -> Article:
    text = (folder / "text" / f"{article_id}.txt").read_text(encoding="utf-8")
    annotations = {
        who: parse_ann(path.read_text(encoding="utf-8")) for who, path in annotators.items()
    }
    return Article(article_id, text, annotations)


def parse_ann(standoff: str) -> list[Attribution]:
    """The attributions in one brat standoff file (attributions without content are left out)."""
    spans: dict[str, Ranges] = {}
    events: list[dict[str, str]] = []
    for line in standoff.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            spans[fields[0]] = _ranges(fields[1].split(" ", 1)[1])
        elif line.startswith("E") and len(fields) >= 2:
            events.append(dict(_role(part) for part in fields[1].split()))
    found = []
    for event in events:
        content = _parts(spans, event, "Content")
        if content:
            cue = _parts(spans, event, "Cue")
            found.append(Attribution(content, cue, _parts(spans, event, "Source")))
    return found


def _ranges(field: str) -> Ranges:
    pairs = (part.split() for part in field.split(";"))
    return tuple(sorted((int(a), int(b)) for a, b in pairs))


def _role(part: str) -> tuple[str, str]:
    role, _, target = part.partition(":")
    return role, target


def _parts(spans: dict[str, Ranges], event: dict[str, str], role: str) -> Ranges:
    """The ranges of every span filling a role ("Content", "Content2", …) of an event."""
    ranges = [
        r
        for name, t in event.items()
        if name.rstrip("0123456789") == role
        for r in spans.get(t, ())
    ]
    return tuple(sorted(ranges))


# -- the measures ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """One article's counts (averaged over its annotators, so they may be fractions)."""

    gold: float = 0.0
    predicted: float = 0.0
    matched: float = 0.0
    speaker_right: float = 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.gold + other.gold,
            self.predicted + other.predicted,
            self.matched + other.matched,
            self.speaker_right + other.speaker_right,
        )

    def scaled(self, factor: float) -> Counts:
        """Every count multiplied by `factor` (to average over annotators)."""
        return Counts(
            *(v * factor for v in (self.gold, self.predicted, self.matched, self.speaker_right))
        )


def size(ranges: Ranges) -> int:
    """How many characters the ranges cover."""
    return sum(end - start for start, end in ranges)


def overlap(a: Ranges, b: Ranges) -> int:
    """How many characters two sets of ranges share."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def matches(gold: list[Ranges], predicted: list[Ranges]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) overlapping by half the longer or more.

    Pairs are taken greedily, largest overlap first, so each quote matches at most once.
    """
    pairs = []
    for g, truth in enumerate(gold):
        for p, guess in enumerate(predicted):
            shared = overlap(truth, guess)
            if shared > 0 and 2 * shared >= max(size(truth), size(guess)):
                pairs.append((shared, g, p))
    taken_g: set[int] = set()
    taken_p: set[int] = set()
    kept = []
    for _, g, p in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if g not in taken_g and p not in taken_p:
            taken_g.add(g)
            taken_p.add(p)
            kept.append((g, p))
    return kept


def count(gold: list[Attribution], predicted: list[Attribution]) -> Counts:
    """Content matches and, over the matched, speakers overlapping the gold source."""
    pairs = matches([g.content for g in gold], [p.content for p in predicted])
    right = sum(_same_speaker(gold[g].source, predicted[p].source) for g, p in pairs)
    return Counts(len(gold), len(predicted), len(pairs), right)


def _same_speaker(source: Ranges, speaker: Ranges) -> bool:
    """The predicted speaker overlaps the gold source; with no gold source, none is right."""
    if not source:
        return not speaker
    return overlap(source, speaker) > 0


def scores(total: Counts) -> dict[str, float]:
    """Content precision, recall and F1, and speaker accuracy over matched quotes."""
    p = total.matched / total.predicted if total.predicted else 0.0
    r = total.matched / total.gold if total.gold else 0.0
    return {
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "precision": p,
        "recall": r,
        "speaker": total.speaker_right / total.matched if total.matched else 0.0,
        "gold": total.gold,
        "predicted": total.predicted,
        "matched": total.matched,
    }
