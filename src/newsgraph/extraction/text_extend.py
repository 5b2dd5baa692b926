"""Grow the body's core over neighbouring lines that read as its content: lists, short lines."""

from __future__ import annotations

from newsgraph.extraction.text_lines import Line
from newsgraph.extraction.text_title import is_byline, is_dateline

MIN_CONTENT_WORDS = 4
MIN_CONTENT_FUNCTION_SHARE = 0.2
# Short lines with nothing of a sentence may sit between content lines, a few at a time.
MAX_FILLER_RUN = 2


def extend(lines: list[Line], start: int, end: int, headline: int | None) -> tuple[int, int]:
    """The core [start, end) grown forward and back over lines that read as its content."""
    return extend_back(lines, start, headline), extend_forward(lines, end)


def is_content(line: Line) -> bool:
    """A line that reads as part of a text: a sentence, not a headline, a date or a name."""
    if line.words < MIN_CONTENT_WORDS or line.sentences == 0:
        return False
    return not line.latin or line.function_share >= MIN_CONTENT_FUNCTION_SHARE


def stops(line: Line) -> bool:
    """A line the body never grows across."""
    return line.chrome or line.comments or line.related or line.repeats


def extend_forward(lines: list[Line], end: int) -> int:
    """The end grown over content lines and the lists that lines ending in ":" announce."""
    i = end
    while i < len(lines) and not stops(lines[i]):
        if _announces(lines, i):
            i = end = _block_end(lines, i)
            continue
        if is_content(lines[i]):
            end = i + 1
        elif i - end >= MAX_FILLER_RUN:
            break
        i += 1
    return end


def extend_back(lines: list[Line], start: int, headline: int | None) -> int:
    """The start grown back over content lines, never above the headline or a byline."""
    floor = headline + 1 if headline is not None else 0
    i = start - 1
    while i >= floor and not (stops(lines[i]) or is_byline(lines[i]) or is_dateline(lines[i])):
        if is_content(lines[i]):
            start = i
        elif start - i > MAX_FILLER_RUN:
            break
        i -= 1
    return start


def _announces(lines: list[Line], i: int) -> bool:
    """Whether line i starts a list the line before it announces ("The tour dates:")."""
    return i > 0 and lines[i - 1].text.endswith(":") and lines[i].block != lines[i - 1].block


def _block_end(lines: list[Line], i: int) -> int:
    block = lines[i].block
    while i < len(lines) and lines[i].block == block:
        i += 1
    return i
