"""From the chosen container to the body's blocks: set furniture aside, grow, trim, filter."""

from __future__ import annotations

from itertools import accumulate

from newsgraph.extraction.body_blocks import Block, Flat
from newsgraph.extraction.body_score import forks, is_headline, is_prose, weights
from newsgraph.extraction.parse import Element

KEEP_LINK_DENSITY = 0.7  # inside the body, blocks linkier than this are dropped
WINDOW_FORKS = 1  # how many forks above the container its text may grow into
WRAPPER_MIN_PROSE = 250  # characters of running text a furniture-looking wrapper must hold
REACH_SLACK = 200.0  # boilerplate cost growth may cross looking for more running text
TEASER_MAX = 300  # characters of a summary under a linked headline


def mark_furniture(flat: Flat) -> None:
    """Flag the blocks of furniture-looking elements, unless one holds most of the prose.

    Such an element is a wrapper with an unlucky name ("entry-content-read-more"), or a tag
    broken markup left open around the story; but a lone footer line on a page of links is not.
    """
    sizes = (len(b.text) - b.link_chars if is_prose(b) else 0 for b in flat.blocks)
    prose = [0, *accumulate(sizes)]
    for start, end in flat.suspects:
        held = prose[end] - prose[start]
        if 2 * held <= prose[-1] or held < WRAPPER_MIN_PROSE:
            for block in flat.blocks[start:end]:
                block.furniture = True


def body_range(flat: Flat, container: Element, title: int | None) -> tuple[int, int]:
    """The container's blocks, grown over neighbouring running text it was cut off from.

    Growth stays under the container's nearest fork up, never reaches back to the title, and
    goes as far as the running text gained outweighs the boilerplate crossed.
    """
    start, end = flat.ranges[container]
    low, high = _window(flat, container)
    if title is not None and title < start:
        low = max(low, title + 1)
    good, bad = weights(flat)
    gains = [g - b for g, b in zip(good, bad, strict=True)]
    for i in range(1, len(gains)):
        if 0 < good[i] < TEASER_MAX and is_headline(flat.blocks[i - 1]):
            gains[i] = 0.0  # a teaser's summary: never worth growing into
    return _reach(gains, start, low - 1, -1), _reach(gains, end - 1, high, 1) + 1


def body_blocks(flat: Flat, start: int, end: int) -> list[Block]:
    """The range's blocks from its first to its last prose, minus furniture and link lists."""
    blocks = flat.blocks[start:end]
    prose = [i for i, b in enumerate(blocks) if not b.furniture and is_prose(b)]
    if not prose:
        return []
    return [
        b
        for b in blocks[prose[0] : prose[-1] + 1]
        if not b.furniture and b.link_chars <= KEEP_LINK_DENSITY * len(b.text)
    ]


def _window(flat: Flat, container: Element) -> tuple[int, int]:
    """The block range of the container's nearest fork ancestor."""
    fork_set = forks(flat)
    el, levels = container, 0
    while (parent := el.getparent()) is not None and levels < WINDOW_FORKS:
        el = parent
        if el in fork_set and el in flat.ranges:
            levels += 1
    return flat.ranges.get(el, flat.ranges[container])


def _reach(gains: list[float], edge: int, stop: int, step: int) -> int:
    """How far from `edge` (towards `stop`, exclusive) the summed gains peak above zero."""
    total, best, best_at = 0.0, 0.0, edge
    for i in range(edge + step, stop, step):
        total += gains[i]
        if total > best:
            best, best_at = total, i
        elif total < -REACH_SLACK:
            break
    return best_at
