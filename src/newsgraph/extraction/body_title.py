"""Find the heading that titles the article: the body text starts right after it."""

from __future__ import annotations

import re

from newsgraph.extraction.body_blocks import Block
from newsgraph.extraction.parse import Element

_WORD = re.compile(r"\w+")
_TITLE_METAS = frozenset({"og:title", "twitter:title"})


def page_titles(tree: Element) -> list[set[str]]:
    """The word sets of the titles the page declares in its head (og, twitter, <title>)."""
    head = tree.find("head")
    if head is None:
        return []
    values = []
    for el in head.iterchildren("title", "meta"):
        if el.tag == "title":
            values.append(el.text or "")
        elif el.tag == "meta" and (el.get("property") or el.get("name")) in _TITLE_METAS:
            values.append(el.get("content") or "")
    titles = [set(_WORD.findall(value.lower())) for value in values]
    return [words for words in titles if words]


def _matches(heading: set[str], title: set[str]) -> float:
    shared = len(heading & title)
    if shared * 5 < 3 * len(heading) or shared * 5 < 2 * len(title):
        return 0.0
    return shared / len(heading | title)


def title_index(blocks: list[Block], tree: Element) -> int | None:
    """Index of the heading block that best matches the page's title, else the first h1."""
    titles = page_titles(tree)
    best, best_match, first_h1 = None, 0.0, None
    for i, block in enumerate(blocks):
        if block.kind != "heading":
            continue
        if first_h1 is None and block.owner.tag == "h1":
            first_h1 = i
        words = set(_WORD.findall(block.text.lower()))
        match = max((_matches(words, t) for t in titles), default=0.0) if words else 0.0
        if match > best_match:
            best, best_match = i, match
    return best if best is not None else first_h1
