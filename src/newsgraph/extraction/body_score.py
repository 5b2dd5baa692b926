"""Score the elements of a page as the article's container.

Every running-text block credits the element that owns it and that element's ancestors. The
credit fades by `FORK_DECAY` at each *fork* passed on the way up (an element with two or more
children holding text), so wrappers with one child cost nothing, while a list of teaser cards,
each its own fork, passes on less than paragraphs sharing one parent. A candidate's score is its
credit less the boilerplate inside it (link text, short lines), and is cut by
`UNANCHORED_FACTOR` when the candidate lies away from the page's title.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import accumulate

from newsgraph.extraction.body_blocks import Block, Flat
from newsgraph.extraction.parse import Element

MIN_PROSE = 50  # characters outside links for a block to count as running text
PROSE_LINK_DENSITY = 0.5  # at most this share of a running-text block inside links
LINK_COST = 1.0  # what a character of link text outside running text costs a container
SHORT_COST = 0.25  # and a character of short text outside links (dates, labels, headings)
CELL_COST = 0.0  # and one in a table cell: figures and names, short yet often the data
HEADLINE_MAX = 200  # characters in a linked headline, at most
HEADLINE_LINK_SHARE = 0.8  # of it inside the link, at least
FORK_DECAY = 0.7  # share of credit passed up through each fork
MAX_FORKS = 6  # no credit beyond this many forks up
UNANCHORED_FACTOR = 0.5  # for a container away from the title and the text that follows it
ANCHOR_GAP = 600  # characters of text allowed between the title and the container's text


def is_prose(block: Block) -> bool:
    """Running text: long enough outside links, not mostly a link, not a heading."""
    size = len(block.text)
    return (
        block.kind != "heading"
        and size - block.link_chars >= MIN_PROSE
        and block.link_chars < PROSE_LINK_DENSITY * size
    )


def is_headline(block: Block) -> bool:
    """A short block that is all link: a teaser's headline, a "Read more:" line."""
    size = len(block.text)
    return size < HEADLINE_MAX and block.link_chars >= HEADLINE_LINK_SHARE * size


def weights(flat: Flat) -> tuple[list[int], list[float]]:
    """Per block: characters of running text (good), and boilerplate cost (bad)."""
    if flat.weights is None:
        flat.weights = _weights(flat.blocks)
    return flat.weights


def _weights(blocks: list[Block]) -> tuple[list[int], list[float]]:
    good: list[int] = []
    bad: list[float] = []
    for b in blocks:
        if b.furniture:  # never kept, so it neither helps nor costs
            good.append(0)
            bad.append(0.0)
        elif is_prose(b):
            good.append(len(b.text) - b.link_chars)
            bad.append(0.0)
        else:
            short = CELL_COST if b.kind == "cell" else SHORT_COST
            good.append(0)
            bad.append(LINK_COST * b.link_chars + short * (len(b.text) - b.link_chars))
    return good, bad


def container_scores(flat: Flat, title: int | None) -> dict[Element, float]:
    """Each candidate container's credit from the prose under it, less its boilerplate."""
    good, bad = weights(flat)
    bad_sum = [0.0, *accumulate(bad)]
    credit: dict[Element, float] = {}
    fork_set = forks(flat)
    for block, weight in zip(flat.blocks, good, strict=True):
        if weight:
            _credit_ancestors(credit, block.owner, weight, fork_set)
    anchored = _anchoring(flat.blocks, good, title)
    scores = {}
    for el, value in credit.items():
        if el not in flat.ranges:  # an inline element wrapping blocks
            continue
        start, end = flat.ranges[el]
        score = value - (bad_sum[end] - bad_sum[start])
        scores[el] = score if anchored(start, end) else score * UNANCHORED_FACTOR
    return scores


def best_container(scores: dict[Element, float]) -> Element | None:
    """The best-scoring candidate, if any scores above zero."""
    best = max(scores, key=scores.__getitem__, default=None)
    return best if best is not None and scores[best] > 0 else None


def forks(flat: Flat) -> set[Element]:
    """Elements with two or more children that hold text (own text counts as one child)."""
    if flat.forks is None:
        flat.forks = _forks(flat)
    return flat.forks


def _forks(flat: Flat) -> set[Element]:
    units: dict[Element, int] = {b.owner: 1 for b in flat.blocks}
    for el, (start, end) in flat.ranges.items():
        if end > start:
            parent = el.getparent()
            while parent is not None and parent not in flat.ranges:
                parent = parent.getparent()
            if parent is not None:
                units[parent] = units.get(parent, 0) + 1
    return {el for el, n in units.items() if n >= 2}


def _credit_ancestors(
    credit: dict[Element, float], owner: Element, weight: int, fork_set: set[Element]
) -> None:
    el: Element | None = owner
    share, passed = float(weight), 0
    while el is not None and passed < MAX_FORKS:
        credit[el] = credit.get(el, 0.0) + share
        if el in fork_set and el is not owner:
            share *= FORK_DECAY
            passed += 1
        el = el.getparent()


def _anchoring(
    blocks: list[Block], good: list[int], title: int | None
) -> Callable[[int, int], bool]:
    """A test of whether a block range holds the title, or running text soon after it."""
    if title is None:
        return lambda start, end: True
    size = [0, *accumulate(0 if b.furniture else len(b.text) for b in blocks)]
    next_good = [len(good)] * (len(good) + 1)
    for i in range(len(good) - 1, -1, -1):
        next_good[i] = i if good[i] else next_good[i + 1]

    def anchored(start: int, end: int) -> bool:
        if start <= title < end:
            return True
        first = next_good[start]
        return title < start and first < end and size[first] - size[title + 1] <= ANCHOR_GAP

    return anchored
