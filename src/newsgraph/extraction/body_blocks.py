"""Flatten an HTML tree into text blocks, in reading order.

A block is the run of inline text owned by one block-level element (a paragraph, a heading, a
list item, a cell, a bare `div`); two <br> in a row also end one. Each block knows how much of
its text sits inside links and which kind of element owns it; each block-level element knows
the range of blocks it holds, so a container's totals are two lookups in a prefix sum. The walk
skips `SKIP_TAGS` and records the ranges of suspected furniture; it never changes the tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsgraph.extraction.body_prune import FURNITURE_TAGS, SKIP_TAGS, looks_boilerplate
from newsgraph.extraction.parse import Element

# Elements that start a new block; everything else is inline text flowing into the current one.
BLOCK_TAGS = frozenset({
    "address", "article", "blockquote", "body", "center", "dd", "details", "dir", "div", "dl",
    "dt", "fieldset", "form", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "hr", "html", "li",
    "main", "menu", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul",
})  # fmt: skip
STRUCTURE_TAGS = BLOCK_TAGS | FURNITURE_TAGS  # furniture gets a block range to be judged by
KIND_OF_TAG = {
    **{f"h{n}": "heading" for n in range(1, 7)},
    "p": "para",
    "li": "item",
    "dd": "item",
    "dt": "item",
    "pre": "pre",
    "td": "cell",
    "th": "cell",
    "blockquote": "quote",
}
# A <br> inside a block: one is a line break, two in a row end the paragraph.
BREAK = "\x00"
_DOUBLE_BREAK = re.compile(r"\x00\s*\x00")
# Link text is wrapped in these marks while a block is gathered, to measure it after white
# space is collapsed.
LINK_START, LINK_END = "\x01", "\x02"
_BLANK = " \t\n\r\f\v\xa0" + BREAK + LINK_START + LINK_END


@dataclass(slots=True)
class Block:
    """One run of text owned by a block-level element."""

    text: str
    link_chars: int
    owner: Element
    kind: str  # heading, para, item, pre, cell, quote or div
    furniture: bool = False  # inside an element that looks like page furniture


@dataclass
class Flat:
    """The page as blocks, plus the block range [start, end) every block element covers."""

    blocks: list[Block] = field(default_factory=list)
    ranges: dict[Element, tuple[int, int]] = field(default_factory=dict)
    # Block ranges of elements that look like furniture (by name, role, visibility): dropped
    # later unless they hold most of the page's running text.
    suspects: list[tuple[int, int]] = field(default_factory=list)
    # Filled on demand by `body_score`, once furniture is marked.
    forks: set[Element] | None = None
    weights: tuple[list[int], list[float]] | None = None


class _Flattener:
    """One depth-first walk that fills a `Flat`."""

    def __init__(self) -> None:
        self.flat = Flat()
        self.parts: list[str] = []  # the inline text gathered since the last block ended

    def block(self, el: Element, owner: Element, in_link: bool) -> None:
        """Walk a block-level element: it owns the text it holds, and gets a block range."""
        self.flush(owner)
        start = len(self.flat.blocks)
        self.walk(el, el, in_link)
        self.flush(el)
        end = len(self.flat.blocks)
        self.flat.ranges[el] = (start, end)
        if end > start and looks_boilerplate(el):
            self.flat.suspects.append((start, end))

    def walk(self, el: Element, owner: Element, in_link: bool) -> None:
        """Walk the text, children and children's tails of `el`, adding to `owner`'s text."""
        parts = self.parts  # the hot loop: flush() empties this list in place, never replaces it
        text = el.text
        if text:
            parts.append(LINK_START + text + LINK_END if in_link else text)
        for child in el:
            tag = child.tag
            if tag in STRUCTURE_TAGS:
                self.block(child, owner, in_link)
            elif tag == "br":
                parts.append(BREAK)
            elif tag in SKIP_TAGS or not isinstance(tag, str):
                pass
            elif len(child):
                self.walk(child, owner, in_link or tag == "a")
            elif text := child.text:  # an inline leaf, the commonest case: no call needed
                parts.append(LINK_START + text + LINK_END if in_link or tag == "a" else text)
            tail = child.tail
            if tail:
                parts.append(LINK_START + tail + LINK_END if in_link else tail)

    def flush(self, owner: Element) -> None:
        """End the current run of inline text: it becomes blocks of `owner`."""
        if not self.parts:
            return
        raw = "".join(self.parts)
        self.parts.clear()
        if raw.isspace() or not raw.strip(_BLANK):
            return
        kind = KIND_OF_TAG.get(owner.tag, "div")
        for text, link_chars in _paragraphs(raw, kind):
            self.flat.blocks.append(Block(text, link_chars, owner, kind))


def _paragraphs(raw: str, kind: str) -> list[tuple[str, int]]:
    """Split on double line breaks, collapse white space, measure links; `pre` keeps lines."""
    if kind == "pre":
        text, link_chars = _unmark(raw.replace(BREAK, "\n").strip("\n"))
        return [(text, link_chars)] if text.strip() else []
    out = []
    for chunk in _DOUBLE_BREAK.split(raw) if BREAK in raw else (raw,):
        text, link_chars = _unmark(chunk)
        lines = (" ".join(line.split()) for line in text.split(BREAK))
        text = "\n".join(line for line in lines if line)
        if text:
            out.append((text, min(link_chars, len(text))))
    return out


def _unmark(text: str) -> tuple[str, int]:
    """Drop the link marks from `text`; count the characters they enclosed, ends trimmed."""
    if LINK_START not in text:
        return text, 0
    pieces = text.split(LINK_START)
    link_chars = sum(len(piece.partition(LINK_END)[0].strip()) for piece in pieces[1:])
    return "".join(pieces).replace(LINK_END, ""), link_chars


def flatten(root: Element) -> Flat:
    """The blocks of `root`, in document order."""
    walker = _Flattener()
    walker.block(root, root, False)
    return walker.flat
