"""Article text to HTML with its facts marked, safe for any text and any overlap of spans.

The text is cut at every span boundary; each piece is escaped and wrapped in the elements of
the marks covering it. Marks that overlap without nesting are closed and reopened at the
boundary, so the output always nests properly; a piece of one mark may therefore come out as
several elements, all carrying the same `data-fact` so a script can light them up together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Mark:
    """One fact to mark: characters [start, end), CSS classes, a hover title, maybe a link."""

    start: int
    end: int
    fact: int  # the span id, shared by every element the mark is cut into
    classes: tuple[str, ...] = ()
    title: str = ""
    href: str | None = None  # a URL the page built itself; never one taken from the article
    data: dict[str, str] = field(default_factory=dict)


def highlight(text: str, marks: Iterable[Mark], offset: int = 0) -> Markup:
    """Mark up `text`, which starts at `offset` in the coordinates the marks use."""
    inside = sorted(_clip(marks, offset, offset + len(text)), key=_outer_first)
    edges = {offset, offset + len(text)} | {m.start for m in inside} | {m.end for m in inside}
    cuts = sorted(edges)
    parts: list[str] = []
    stack: list[_Open] = []
    pending = list(reversed(inside))  # popped from the end: earliest start, longest first
    for here, there in pairwise(cuts):
        parts.append(_close_ended(stack, here))
        while pending and pending[-1].start == here:
            parts.append(_push(stack, pending.pop()))
        parts.append(str(escape(text[here - offset : there - offset])))
    parts.append("".join(f"</{o.tag}>" for o in reversed(stack)))
    return Markup("".join(parts))


@dataclass(frozen=True)
class _Open:
    """A mark whose element is open, and the tag it was opened with."""

    mark: Mark
    tag: str


def _clip(marks: Iterable[Mark], low: int, high: int) -> list[Mark]:
    """The marks cut to [low, high), dropping those outside it or empty."""
    kept = []
    for m in marks:
        start, end = max(m.start, low), min(m.end, high)
        if start < end:
            kept.append(Mark(start, end, m.fact, m.classes, m.title, m.href, m.data))
    return kept


def _outer_first(mark: Mark) -> tuple[int, int, int]:
    """Sort key: by start, the longer mark first so that it encloses the shorter."""
    return mark.start, -mark.end, mark.fact


def _close_ended(stack: list[_Open], here: int) -> str:
    """Close the marks ending here, and reopen the ones above them that go on."""
    ended = [i for i, o in enumerate(stack) if o.mark.end <= here]
    if not ended:
        return ""
    above = stack[ended[0] :]
    del stack[ended[0] :]
    html = "".join(f"</{o.tag}>" for o in reversed(above))
    return html + "".join(_push(stack, o.mark) for o in above if o.mark.end > here)


def _push(stack: list[_Open], mark: Mark) -> str:
    """Open the mark's element; a link inside a link becomes a span (HTML forbids nesting)."""
    link = mark.href is not None and all(o.tag != "a" for o in stack)
    attrs = [("href", mark.href if link else None), ("class", " ".join(mark.classes))]
    attrs += [("data-fact", str(mark.fact)), *((f"data-{k}", v) for k, v in mark.data.items())]
    attrs.append(("title", mark.title))
    stack.append(_Open(mark, "a" if link else "span"))
    rendered = "".join(f' {name}="{escape(value)}"' for name, value in attrs if value)
    return f"<{stack[-1].tag}{rendered}>"
