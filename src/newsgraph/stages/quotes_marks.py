"""Find the stretches of text inside quotation marks, paragraph by paragraph.

Every mark is judged by what stands on either side of it, not only by its shape, because
typesetting is careless: a straight `"` opens when it follows a space and precedes a word, and
closes when it follows a word. Double marks (straight, curly, low-9, guillemets) are found first;
single marks (`'`, `‘ ’`, `‹ ›`) only outside them, and never where they are apostrophes
(`don't`, `the '90s`). A quote left open at the end of a paragraph continues when the next
paragraph opens with a mark: that is how a quotation runs over several paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = frozenset('"“„«')
DOUBLE_CLOSE = frozenset('"”»“')
SINGLE_OPEN = frozenset("'‘‹‚")
SINGLE_CLOSE = frozenset("'’›‘")
# What may stand right before an opening mark, and right after a closing one.
BEFORE_OPEN = frozenset(" \t([{—–-/:;,")
AFTER_CLOSE = frozenset(" \t.,;:!?)]}—–-…'’")
PARAGRAPH = re.compile(r"[^\n]+")
DECADE = re.compile(r"\d0s\b")
TYPEWRITER = re.compile(r"(?<!')''(?!')")
# Guillemets may stand apart from the words they enclose (French typesetting: « oui »).
SPACED = frozenset("«»‹›")


@dataclass(frozen=True)
class Quoted:
    """Words inside quotation marks: their range (marks and a trailing comma left out)."""

    start: int
    end: int
    paragraph: int  # index of the paragraph (line) holding it
    opened: bool  # an opening mark starts it (False: a paragraph continuing a quote)
    closed: bool  # a closing mark ends it (False: it runs on to the next paragraph)
    continues: bool = False  # it runs on into the next paragraph's first quote


def find_quoted(text: str) -> list[Quoted]:
    """Every quoted stretch of the text, in order."""
    text = _typewriter_doubles(text)
    found: list[Quoted] = []
    for index, line in enumerate(PARAGRAPH.finditer(text)):
        found += _in_paragraph(text, line.start(), line.end(), index)
    return _link_paragraphs(text, found)


def _typewriter_doubles(text: str) -> str:
    """Read two apostrophes (''like this'') as one double mark, keeping every offset."""
    if "''" not in text:
        return text
    return TYPEWRITER.sub(lambda m: ' "' if _word_follows(text, m.end()) else '" ', text)


def _word_follows(text: str, at: int) -> bool:
    return at < len(text) and not text[at].isspace() and text[at] not in AFTER_CLOSE


def _in_paragraph(text: str, start: int, end: int, index: int) -> list[Quoted]:
    doubles = _pairs(text, start, end, DOUBLE_OPEN, DOUBLE_CLOSE, index)
    singles: list[Quoted] = []
    cursor = start
    for quoted in [*doubles, None]:
        stop = quoted.start - 1 if quoted else end
        singles += [
            q for q in _pairs(text, cursor, stop, SINGLE_OPEN, SINGLE_CLOSE, index) if q.closed
        ]
        cursor = quoted.end + 1 if quoted else end
    return sorted(doubles + singles, key=lambda q: q.start)


def _pairs(
    text: str, start: int, end: int, opens: frozenset[str], closes: frozenset[str], index: int
) -> list[Quoted]:
    """Pair opening and closing marks within [start, end); an open quote runs to the end."""
    found: list[Quoted] = []
    open_at: int | None = None
    for i in range(start, end):
        char = text[i]
        if open_at is None and char in opens and _opens(text, i, start):
            open_at = i
        elif open_at is not None and char in closes and _closes(text, i, end):
            found.append(_stretch(text, open_at + 1, i, index, closed=True))
            open_at = None
    if open_at is not None and opens is DOUBLE_OPEN:
        found.append(_stretch(text, open_at + 1, end, index, closed=False))
    return [q for q in found if q.end > q.start]


def _opens(text: str, i: int, line_start: int) -> bool:
    before = text[i - 1] if i > line_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace() and text[i] not in SPACED:
        return False
    if not (before in BEFORE_OPEN or before.isspace() or _is_mark(before)):
        return False
    # An apostrophe before a decade ("the '90s") or a clipped word opens nothing.
    return not (text[i] in "'‘" and DECADE.match(text, i + 1))


def _closes(text: str, i: int, line_end: int) -> bool:
    before = text[i - 1]
    after = text[i + 1] if i + 1 < line_end else " "
    if before.isspace() and text[i] not in SPACED:
        return False
    if text[i] in "'’" and before.isalnum() and after.isalnum():
        return False  # an apostrophe inside a word: don't, O'Brien
    return after in AFTER_CLOSE or _is_mark(after) or after.isspace()


def _is_mark(char: str) -> bool:
    return char in DOUBLE_OPEN or char in DOUBLE_CLOSE or char in SINGLE_OPEN


def _stretch(text: str, start: int, end: int, index: int, *, closed: bool) -> Quoted:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return Quoted(start, end, index, opened=True, closed=closed)


def _link_paragraphs(text: str, found: list[Quoted]) -> list[Quoted]:
    """Mark the open quotes whose next paragraph opens with a quotation mark."""
    linked = list(found)
    for n, quoted in enumerate(found):
        after = found[n + 1] if n + 1 < len(found) else None
        runs_on = not quoted.closed and after and after.paragraph == quoted.paragraph + 1
        if runs_on and after and _first_in_paragraph(text, after):
            linked[n] = Quoted(quoted.start, quoted.end, quoted.paragraph, True, False, True)
    return linked


def _first_in_paragraph(text: str, quoted: Quoted) -> bool:
    line_start = text.rfind("\n", 0, quoted.start) + 1
    return text[line_start : quoted.start - 1].strip() == ""
