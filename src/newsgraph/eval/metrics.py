"""The benchmarks' metrics as pure functions over strings, each as its README defines it.

- `shingle_counts`, `body_scores`: the scrapinghub article-body metric (4-token shingles, each
  page normalised so that every page weighs the same, mean P and mean R, F1 of the means).
- `bag_scores`: the WCXB metric (lower-case token multisets, mean per-page P, R and F1).
- `date_scores`: htmldate's metric (no date = false negative, wrong day = false positive).
- `bootstrap_sd`: the ± of a score, over pages resampled with replacement, seeded.
"""

from __future__ import annotations

import random
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

TOKEN = re.compile(r"\w+")
SHINGLE_SIZE = 4
Page = TypeVar("Page")


def tokens(text: str) -> list[str]:
    """The text's `\\w+` tokens, case kept."""
    return TOKEN.findall(text)


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """The multiset of the text's `size`-token shingles; a shorter text is one shingle."""
    words = tokens(text)
    if not words:
        return Counter()
    last = max(1, len(words) - size + 1)
    return Counter(tuple(words[i : i + size]) for i in range(last))


@dataclass(frozen=True)
class PageCounts:
    """One page's true positives, false positives and false negatives."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float | None:
        """TP/(TP+FP); 1 when nothing is wrong either way; None when nothing was predicted."""
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp > 0 else None

    @property
    def recall(self) -> float | None:
        """TP/(TP+FN); 1 when nothing is wrong either way; None when there is nothing to find."""
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn > 0 else None


def shingle_counts(true: str, predicted: str) -> PageCounts:
    """TP, FP and FN over the two texts' shingles, divided by their sum (each page weighs 1)."""
    gold, guess = shingles(true), shingles(predicted)
    tp = sum((gold & guess).values())
    fp = sum((guess - gold).values())
    fn = sum((gold - guess).values())
    total = tp + fp + fn
    if total == 0:
        return PageCounts(0.0, 0.0, 0.0)
    return PageCounts(tp / total, fp / total, fn / total)


@dataclass(frozen=True)
class BodyPage:
    """What the body metric keeps of one page: its counts and whether the tokens are identical."""

    counts: PageCounts
    exact: bool


def body_page(true: str, predicted: str) -> BodyPage:
    """Score one page's predicted body against the true one."""
    return BodyPage(shingle_counts(true, predicted), tokens(true) == tokens(predicted))


def mean_or_zero(values: Iterable[float | None]) -> float:
    """The mean of the values that are not None; 0 when there are none."""
    kept = [v for v in values if v is not None]
    return sum(kept) / len(kept) if kept else 0.0


def harmonic(p: float, r: float) -> float:
    """The harmonic mean of two scores, 0 when both are 0."""
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def body_scores(pages: Sequence[BodyPage]) -> dict[str, float]:
    """Mean precision, mean recall, F1 of the two means, and the share of identical pages."""
    p = mean_or_zero(page.counts.precision for page in pages)
    r = mean_or_zero(page.counts.recall for page in pages)
    accuracy = sum(page.exact for page in pages) / len(pages) if pages else 0.0
    return {"f1": harmonic(p, r), "precision": p, "recall": r, "accuracy": accuracy}


@dataclass(frozen=True)
class BagPage:
    """One page's WCXB precision, recall and F1 over lower-case token multisets."""

    precision: float
    recall: float
    f1: float


def bag_page(true: str, predicted: str) -> BagPage:
    """P = overlap / predicted tokens, R = overlap / true tokens; two empty texts score 1."""
    gold, guess = Counter(tokens(true.lower())), Counter(tokens(predicted.lower()))
    n_gold, n_guess = sum(gold.values()), sum(guess.values())
    if n_gold == n_guess == 0:
        return BagPage(1.0, 1.0, 1.0)
    overlap = sum((gold & guess).values())
    p = overlap / n_guess if n_guess else 0.0
    r = overlap / n_gold if n_gold else 0.0
    return BagPage(p, r, harmonic(p, r))


def bag_scores(pages: Sequence[BagPage]) -> dict[str, float]:
    """The means of per-page F1, precision and recall."""
    if not pages:
        return {"f1": 0.0, "precision": 0.0, "recall": 0.0}
    return {
        "f1": statistics.fmean(p.f1 for p in pages),
        "precision": statistics.fmean(p.precision for p in pages),
        "recall": statistics.fmean(p.recall for p in pages),
    }


def date_outcome(true: str, predicted: str | None) -> str:
    """One page's outcome: "tp" the right day, "fp" a wrong day, "fn" no date returned."""
    if not predicted:
        return "fn"
    return "tp" if predicted == true else "fp"


def date_scores(outcomes: Sequence[str]) -> dict[str, float]:
    """htmldate's precision, recall, accuracy (right / all) and F1 = 2TP/(2TP+FP+FN)."""
    tp, fp, fn = (outcomes.count(kind) for kind in ("tp", "fp", "fn"))
    return {
        "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "accuracy": tp / len(outcomes) if outcomes else 0.0,
    }


def bootstrap_sd(
    pages: Sequence[Page],
    score: Callable[[Sequence[Page]], dict[str, float]],
    resamples: int = 1000,
    seed: int = 0,
) -> dict[str, float]:
    """Each score's standard deviation over `resamples` draws of the pages with replacement."""
    rng = random.Random(seed)
    draws: dict[str, list[float]] = {}
    for _ in range(resamples):
        sample = rng.choices(pages, k=len(pages))
        for name, value in score(sample).items():
            draws.setdefault(name, []).append(value)
    return {name: statistics.pstdev(values) for name, values in draws.items()}


# Metadata fields compare after one normalisation, applied identically to every extractor.
NAME_SEPARATORS = re.compile(r"[,;&|]|\band\b")
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# Typographic quotes and dashes are a matter of the page's typesetting, not of the words.
STRAIGHTEN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def plain(text: str) -> str:
    """The text with white space collapsed, quotes and dashes straightened, case folded."""
    return " ".join(text.translate(STRAIGHTEN).split()).casefold()


def author_names(authors: str | Sequence[str]) -> frozenset[str]:
    """The set of names in an author string or list, split at , ; & | and the word "and"."""
    joined = authors if isinstance(authors, str) else ";".join(authors)
    names = (plain(part).removeprefix("by ") for part in NAME_SEPARATORS.split(plain(joined)))
    return frozenset(name for name in names if name)


def iso_day(date: str | None) -> str | None:
    """The YYYY-MM-DD that an ISO date or date-time starts with, else None."""
    found = ISO_DAY.match(date.strip()) if date else None
    return found.group() if found else None


def same_field(field: str, true: str, predicted: str | Sequence[str] | None) -> bool:
    """Whether a predicted title, authors or date matches the gold one after normalisation."""
    if predicted is None:
        return False
    if field == "authors":
        return author_names(true) == author_names(predicted)
    if field == "date":
        day = iso_day(predicted) if isinstance(predicted, str) else None
        return day is not None and day == iso_day(true)
    return isinstance(predicted, str) and plain(true) == plain(predicted)
