"""The `articleBody` a page declares in JSON-LD, and how well a text agrees with it.

Publishers' `articleBody` is often cut to a teaser, stale, or stuffed with markup, so it is a
witness to compare with, not the answer: `html_body` turns to it only when the text it found
misses most of what the page declares.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterator

from newsgraph.extraction.parse import Element

_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]{0,500}>")


def declared_body(tree: Element) -> str:
    """The longest `articleBody` in the page's JSON-LD scripts, as plain text, or ""."""
    bodies = [""]
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            bodies.extend(_bodies(json.loads(script.text)))
        except ValueError:  # broken JSON is common in the wild: skip that script
            continue
    return _plain(max(bodies, key=len))


def _bodies(data: object) -> Iterator[str]:
    """Every `articleBody` string, however deep (graphs, lists, nested objects)."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            body = item.get("articleBody")
            if isinstance(body, str):
                yield body
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _plain(body: str) -> str:
    """Markup and entities out, one paragraph per non-blank line, white space collapsed."""
    text = html.unescape(_TAG.sub(" ", body)) if "<" in body or "&" in body else body
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def words(text: str) -> Counter[str]:
    """The multiset of lower-case words of `text`."""
    return Counter(_WORD.findall(text.lower()))


def agreement(found: Counter[str], declared: Counter[str]) -> float:
    """F1 of the words `found` against the `declared` body's words."""
    shared = sum((found & declared).values())
    if not shared:
        return 0.0
    precision, recall = shared / sum(found.values()), shared / sum(declared.values())
    return 2 * precision * recall / (precision + recall)
