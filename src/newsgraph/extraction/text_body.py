"""Find the article body among a scraped page's lines: the densest run of prose.

Every line gets a gain: prose gains its length in words, chrome and short lines cost. The body
is the contiguous run of lines with the largest summed gain (starting just below the headline
when one is known), then grown over the lists and short lines around it that read as its own.
"""

from __future__ import annotations

from itertools import accumulate, pairwise

from newsgraph.extraction.text_extend import extend, stops
from newsgraph.extraction.text_lines import Line

MIN_PROSE_WORDS = 10
MIN_FUNCTION_SHARE = 0.12
# Long lines with a sentence but few function words (scores, lists of names) count half.
TEXT_LIKE_GAIN = 0.5
SHORT_LINE_COST = 3.0
# A short line standing alone may be a subheading; one of many in a block is a menu entry.
LONE_SHORT_LINE_COST = 1.0
# List items that read as phrases of text ("The basics of graphic design") cost as little.
PHRASE_WORDS = 4
PHRASE_FUNCTION_SHARE = 0.15
CHROME_COST = 10.0
REPEAT_COST = 5.0
# Comments and lists of other articles are prose too; their headings wall them off.
SECTION_END_COST = 40.0
# Prose in a comment section can outweigh a short article: count it for little.
COMMENT_SECTION_DISCOUNT = 0.2
COMMENT_MARKER_GAP = 12
# The article is contiguous: each further line of a gap costs more than the one before.
GAP_GROWTH = 0.5
LONE_GAP_STEP = 0.2
# Paragraphs each on their own: prose packed in a block is then a teaser list or a widget.
LONE_STYLE_SHARE = 0.7
STYLE_SAMPLE_LINES = 5
OTHER_STYLE_DISCOUNT = 0.3
# The body starts within this many lines below its headline (bylines, dates, captions between).
HEADLINE_TO_BODY = 15
MIN_ANCHORED_SHARE = 0.25


def is_prose(line: Line) -> bool:
    """A line that reads like running text: long enough, with sentences and function words."""
    if line.chrome or line.words < MIN_PROSE_WORDS or line.sentences == 0:
        return False
    return line.function_share >= MIN_FUNCTION_SHARE or not line.latin


def weight(line: Line) -> float:
    """What a line adds to a run that is meant to be the body: prose gains, chrome costs."""
    if line.comments or line.related:
        return -SECTION_END_COST
    if line.chrome:
        return -max(CHROME_COST, float(line.words))
    if line.repeats:
        return -REPEAT_COST
    if is_prose(line):
        return float(line.words)
    if line.words >= MIN_PROSE_WORDS and line.sentences:
        return line.words * TEXT_LIKE_GAIN
    return -SHORT_LINE_COST if _menu_like(line) else -LONE_SHORT_LINE_COST


def _menu_like(line: Line) -> bool:
    """A short line among many in a block that does not read as a phrase of text."""
    if line.block_size == 1:
        return False
    return line.words < PHRASE_WORDS or line.function_share < PHRASE_FUNCTION_SHARE


def body_range(lines: list[Line], headline: int | None) -> tuple[int, int]:
    """Where the body is, [start, end) in lines; (0, 0) when the page has no prose."""
    start, end = _best_range(body_gains(lines, headline), headline)
    if end == 0:
        return start, end
    return extend(lines, start, end, headline)


def body_gains(lines: list[Line], headline: int | None) -> list[float]:
    """Each line's gain in context, prose laid out unlike the article's own discounted."""
    gains = run_gains(lines)
    start, end = _best_range(gains, headline)
    # The run's first paragraphs are the article's; its tail may have swallowed teasers.
    prose = [line for line in lines[start:end] if is_prose(line)][:STYLE_SAMPLE_LINES]
    lone = sum(line.words for line in prose if line.block_size == 1)
    if lone < LONE_STYLE_SHARE * sum(line.words for line in prose):
        return gains
    return [_restyled(gain, line) for gain, line in zip(gains, lines, strict=True)]


def run_gains(lines: list[Line]) -> list[float]:
    """Each line's weight in context: gaps cost more the longer they last, comments count less."""
    comments_from = comment_section_start(lines)
    gains: list[float] = []
    gap = 0.0
    for line in lines:
        gain = weight(line)
        if gain > 0:
            gap = 0.0
            discount = COMMENT_SECTION_DISCOUNT if line.index >= comments_from else 1.0
            gains.append(gain * discount)
        else:
            gains.append(gain * (1 + gap * GAP_GROWTH))
            gap += 1 if _menu_like(line) or line.chrome else LONE_GAP_STEP
    return gains


def comment_section_start(lines: list[Line]) -> int:
    """Where a comment section starts: the first of two comment markers close together."""
    markers = [line.index for line in lines if line.comments]
    for first, second in pairwise(markers):
        if second - first <= COMMENT_MARKER_GAP:
            return first
    return len(lines)


def densest_run(gains: list[float], starts: range) -> tuple[int, int]:
    """The [start, end) range with the largest summed gain, its start among `starts`."""
    prefix = list(accumulate(gains, initial=0.0))
    # best_end[i]: the end e >= i with the largest prefix sum, found scanning from the right.
    best_end = list(range(len(prefix)))
    for i in range(len(prefix) - 2, -1, -1):
        if prefix[best_end[i + 1]] > prefix[i]:
            best_end[i] = best_end[i + 1]
    best, best_range = 0.0, (0, 0)
    for start in starts:
        end = best_end[start + 1] if start < len(gains) else start
        if end > start and prefix[end] - prefix[start] > best:
            best, best_range = prefix[end] - prefix[start], (start, end)
    return best_range


def body_lines(lines: list[Line], start: int, end: int) -> list[Line]:
    """The lines of the body range without the chrome lines inside it."""
    return [line for line in lines[start:end] if not stops(line)]


def join_paragraphs(lines: list[Line]) -> str:
    """Body text: blocks separated by a blank line, the lines of one block by a line break."""
    parts: list[str] = []
    for before, line in zip([None, *lines], lines, strict=False):
        same_block = before is not None and before.block == line.block
        parts.append(("\n" if same_block else "\n\n") + line.text if parts else line.text)
    return "".join(parts)


def _restyled(gain: float, line: Line) -> float:
    return gain * OTHER_STYLE_DISCOUNT if gain > 0 and line.block_size > 1 else gain


def _best_range(gains: list[float], headline: int | None) -> tuple[int, int]:
    anywhere = densest_run(gains, range(len(gains)))
    if headline is None:
        return anywhere
    window = range(headline + 1, min(len(gains), headline + 1 + HEADLINE_TO_BODY))
    below = densest_run(gains, window)
    # A headline matched in the wrong place (a footer naming the site) must not starve the body.
    if _total(gains, below) >= MIN_ANCHORED_SHARE * _total(gains, anywhere) > 0:
        return below
    return anywhere


def _total(gains: list[float], run: tuple[int, int]) -> float:
    return sum(gains[run[0] : run[1]])
