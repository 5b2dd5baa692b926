"""Scraped text as lines with the features that tell prose from page chrome."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from newsgraph.extraction.text_vocab import (
    CHROME_LINES,
    CHROME_PATTERN,
    COMMENT_PATTERN,
    FUNCTION_WORDS,
    MAX_RELATED_HEADING_WORDS,
    RELATED_PATTERN,
    SHARE_NAMES,
    word_set,
)

_WORD = re.compile(r"\w+")
# Scripts written without spaces: a line's length in words is estimated from its characters.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
# Letters of the scripts the function-word list covers.
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LETTER = re.compile(r"[^\W\d_]")
_LINE_END = re.compile(r"[.!?。！？…:;][\"'”’»)\]]*$")
# A full stop inside a line ends a sentence when a capital, digit or other script follows and
# the word before it is not an abbreviation ("St. Paul", "N.Y. police").
_INNER_END = re.compile(r"[.!?。！？][\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[^\W\d_a-z])")
_ABBREVIATIONS = word_set("mr mrs ms dr st jr sr vs no inc ltd co gen gov sen rep prof mt ft")
CHARS_PER_UNSPACED_WORD = 3
# Zero-width and soft-hyphen characters: a line of only these is blank.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"))
CHROME_WORDS_PER_HIT = 40
MAX_MARKER_WORDS = 12
MAX_SHARE_BAR_WORDS = 8
REPEAT_KEY_WORDS = 6
MIN_REPEAT_WORDS = 10
MIN_COPY_FUNCTION_SHARE = 0.12


@dataclass(frozen=True)
class Line:
    """One non-blank line of the page and what it looks like."""

    index: int  # position among the page's non-blank lines
    block: int  # lines not separated by a blank line share a block
    block_size: int  # lines in that block: 1 for a paragraph, more for a list or a menu
    text: str
    words: int
    sentences: int  # sentence ends seen in the line
    function_share: float  # share of words that are function words
    latin: bool  # written mostly in Latin letters, so function words can be counted
    capitalised_share: float  # share of words that start with a capital letter
    chrome: bool  # the line carries page-chrome vocabulary
    comments: bool  # the line opens or structures a comment section
    related: bool  # the line heads a list of other articles
    repeats: bool = False  # a copy of an earlier line: cut short, run on, or prose said twice


def split_lines(text: str) -> list[Line]:
    """The page's non-blank lines, numbered, with their block and features."""
    numbered: list[tuple[int, str]] = []
    block = 0
    for raw in text.splitlines():
        stripped = " ".join(raw.translate(_INVISIBLE).split())
        if stripped:
            numbered.append((block, stripped))
        else:
            block += 1
    sizes = Counter(b for b, _ in numbered)
    lines = [describe(i, b, sizes[b], t) for i, (b, t) in enumerate(numbered)]
    return mark_repeats(lines)


def mark_repeats(lines: list[Line]) -> list[Line]:
    """Flag lines that copy an earlier line: metadata copies of the lead, teasers cut short.

    A list line repeated exactly is left alone: recipes and schedules repeat their own lines;
    a sentence of prose said twice is a copy.
    """
    seen: dict[str, list[str]] = {}
    marked: list[Line] = []
    for line in lines:
        words = _WORD.findall(line.text.lower())
        text = " ".join(words)
        earlier = seen.setdefault(" ".join(words[:REPEAT_KEY_WORDS]), [])
        copy = line.words >= MIN_REPEAT_WORDS and any(_copies(line, text, e) for e in earlier)
        earlier.append(text)
        marked.append(replace(line, repeats=True) if copy else line)
    return marked


def _copies(line: Line, text: str, earlier: str) -> bool:
    if text == earlier:
        return line.sentences > 0 and line.function_share >= MIN_COPY_FUNCTION_SHARE
    return text.startswith(earlier) or earlier.startswith(text)


def describe(index: int, block: int, block_size: int, text: str) -> Line:
    """Measure one line."""
    tokens = _WORD.findall(text)
    ascii_only = text.isascii()
    unspaced = 0 if ascii_only else len(_UNSPACED.findall(text))
    words = max(len(tokens), unspaced // CHARS_PER_UNSPACED_WORD)
    lower = text.lower()
    lowered = [token.lower() for token in tokens]
    share = sum(t in FUNCTION_WORDS for t in lowered) / len(tokens) if tokens else 0.0
    return Line(
        index=index,
        block=block,
        block_size=block_size,
        text=text,
        words=words,
        sentences=_sentence_ends(text),
        function_share=share,
        capitalised_share=sum(t[0].isupper() for t in tokens) / len(tokens) if tokens else 0.0,
        latin=ascii_only or len(_LATIN.findall(text)) * 2 > len(_LETTER.findall(text)),
        chrome=_is_chrome(lower, lowered),
        comments=len(tokens) < MAX_MARKER_WORDS and COMMENT_PATTERN.search(lower) is not None,
        related=_is_related_heading(lower, len(tokens)),
    )


def _sentence_ends(text: str) -> int:
    inner = sum(_ends_sentence(text, mark.start()) for mark in _INNER_END.finditer(text))
    return inner + (_LINE_END.search(text) is not None)


def _ends_sentence(text: str, at: int) -> bool:
    if text[at] != ".":
        return True
    # The word before the stop, from its last space or stop: "Y" in "N.Y.", "St" in "St.".
    start = max(text.rfind(" ", 0, at), text.rfind(".", 0, at)) + 1
    bare = text[start:at].strip("\"'“‘«([").lower()
    return len(bare) > 1 and bare not in _ABBREVIATIONS


def _is_related_heading(lower: str, words: int) -> bool:
    return words <= MAX_RELATED_HEADING_WORDS and RELATED_PATTERN.match(lower) is not None


def _is_chrome(lower: str, lowered: list[str]) -> bool:
    if len(lowered) <= 2 and " ".join(lowered) in CHROME_LINES:
        return True
    if len(lowered) <= MAX_SHARE_BAR_WORDS and sum(w in SHARE_NAMES for w in lowered) >= 2:
        return True
    # A long paragraph that mentions "newsletter" once is still prose; one about cookies is not.
    hits = len(CHROME_PATTERN.findall(lower))
    return hits > 0 and len(lowered) < CHROME_WORDS_PER_HIT * hits
