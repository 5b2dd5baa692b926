"""Join quoted stretches and reporting frames into attributions: who said which words.

In order of confidence:

1. a frame whose reported clause is (almost) all quotation is a direct quote, and takes the
   whole quoted stretches it touches (a quotation of several sentences is one stretch);
   a clause that only holds some quoted words is a mixed quote; one with none, indirect;
2. a stretch of a quotation that runs over paragraphs joins the quote it continues;
3. a stretch with a cue beside it ('"...," he said. "..."', 'He said: "..."') joins that cue;
4. a paragraph that opens with an unattributed quotation continues the quote of the paragraph
   before it (the last speaker goes on talking);
5. quoted words governed by a cue elsewhere in their sentence are a partial quote
   ('called the deal "a disaster"'); any other quoted words are scare quotes and left alone.

Only the outermost attribution counts: a frame inside another frame's content is dropped.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from newsgraph.stages.quotes_frames import Frame, verb_lemma
from newsgraph.stages.quotes_lexicon import QUOTE_ONLY_VERBS
from newsgraph.stages.quotes_marks import Quoted

# A clause is a direct quote when no more of its letters than this stand outside the marks
# (besides an opening "that").
DIRECT_SLACK = 0
MARKS = ("that ", "whether ", "if ")


@dataclass
class Attribution:
    """Reported words (one or more pieces of text), the frame that reports them, and a label."""

    frame: Frame
    label: str  # direct, indirect, mixed or partial
    pieces: list[tuple[int, int]] = field(default_factory=list)


def attribute(
    text: str, sentence_starts: list[int], frames: list[Frame], quoted: list[Quoted]
) -> list[Attribution]:
    """The attributions of one document, in text order, given where its sentences start."""
    frames = _outermost(frames)
    found: list[Attribution] = []
    owner: dict[int, Attribution] = {}  # quoted stretch index -> its attribution
    for frame in frames:
        made = _from_frame(text, frame, quoted, owner)
        if made is not None:
            found.append(made)
    sentences = _Sentences(text, sentence_starts)
    for n in range(len(quoted)):
        if n not in owner:
            _place(n, text, quoted, frames, owner, found, sentences)
    for attribution in found:
        attribution.pieces.sort()
    return sorted(found, key=lambda a: a.pieces[0])


def _outermost(frames: list[Frame]) -> list[Frame]:
    ranges = [f.content for f in frames if f.content is not None]
    return [
        f for f in frames if not any(s <= f.cue_range[0] and f.cue_range[1] <= e for s, e in ranges)
    ]


def _from_frame(
    text: str, frame: Frame, quoted: list[Quoted], owner: dict[int, Attribution]
) -> Attribution | None:
    if frame.content is None:
        return None
    start, end = frame.content
    touching = [
        n for n, q in enumerate(quoted) if q.start < end and start < q.end and n not in owner
    ]
    if verb_lemma(frame.cue) in QUOTE_ONLY_VERBS and not touching:
        return None
    if not touching:
        return Attribution(frame, "indirect", [frame.content])
    inside = sum(
        _letters(text, max(start, quoted[n].start), min(end, quoted[n].end)) for n in touching
    )
    outside = _letters(text, start, end) - inside - _mark_letters(text, start)
    if outside <= DIRECT_SLACK:
        made = Attribution(frame, "direct", [(quoted[n].start, quoted[n].end) for n in touching])
    else:  # the clause holds quoted words: take them whole, even past the clause's end
        ends = [quoted[n].end for n in touching]
        made = Attribution(frame, "mixed", [(start, _past_mark(text, max(end, *ends)))])
    for n in touching:
        owner[n] = made
    return made


def _mark_letters(text: str, start: int) -> int:
    """The letters of a "that" (or "whether", "if") opening a reported clause."""
    opening = next((m for m in MARKS if text.startswith(m, start)), "")
    return len(opening) - 1 if opening else 0


def _letters(text: str, start: int, end: int) -> int:
    return sum(1 for c in text[start:end] if c.isalnum())


def _place(
    n: int,
    text: str,
    quoted: list[Quoted],
    frames: list[Frame],
    owner: dict[int, Attribution],
    found: list[Attribution],
    sentences: _Sentences,
) -> None:
    """Find the attribution of a stretch no frame's clause took (rules 2 to 5)."""
    stretch = quoted[n]
    target = _continued(n, quoted, owner)
    if target is None and not sentences.starts(stretch.start, sentences.index(stretch.start)):
        frame = _governing(stretch, frames, found)
        if frame is not None:
            owner[n] = _partial(text, frame, stretch, found)
            return
    target = target or _beside(stretch, frames, found, sentences)
    target = target or _after_colon(text, stretch, frames, found, sentences)
    if target is None and _opens_paragraph(text, stretch):
        target = _previous_paragraph(stretch, quoted, owner)
    if target is not None:
        target.pieces.append((stretch.start, stretch.end))
        owner[n] = target


def _partial(text: str, frame: Frame, stretch: Quoted, found: list[Attribution]) -> Attribution:
    """Quoted words inside what a cue governs: 'described the field as "all very good"'.

    The content runs from the first word after the cue (the addressee left out) to the end of
    the quoted words; when that is only the quoted words, the quote is partial, else mixed.
    A second stretch under the same cue widens the same content.
    """
    parties = {t.i for t in (frame.subject, frame.recipient) if t is not None}
    after = [
        t
        for t in frame.cue.subtree
        if frame.cue.i < t.i and t.idx < stretch.start and not _in_party(t, parties)
    ]
    start = min([stretch.start, *(t.idx for t in after if not t.is_punct)])
    label = "partial" if _letters(text, start, stretch.start) <= 1 else "mixed"
    earlier = next((a for a in found if a.frame is frame and a.label in ("partial", "mixed")), None)
    if earlier is None:
        earlier = Attribution(frame, label)
        found.append(earlier)
    else:
        start = min(start, earlier.pieces[0][0])
        earlier.label = "mixed"
    end = stretch.end if earlier.label == "partial" else _past_mark(text, stretch.end)
    earlier.pieces = [(start, end)]
    return earlier


def _past_mark(text: str, end: int) -> int:
    """Widen content that ends with quoted words over their closing mark (and a comma)."""
    following = text[end : end + 2]
    if len(following) == 2 and following[0] == "," and following[1] in _CLOSING:
        return end + 2
    return end + 1 if following[:1] and following[0] in _CLOSING else end


def _in_party(token: Any, parties: set[int]) -> bool:
    node = token
    while node.head.i != node.i:
        if node.i in parties:
            return True
        node = node.head
    return node.i in parties


def _after_colon(
    text: str, stretch: Quoted, frames: list[Frame], found: list[Attribution], sentences: _Sentences
) -> Attribution | None:
    """'He told the crowd:' followed by the quotation, in the same paragraph or the next."""
    colon = len(text[: stretch.start].rstrip().rstrip(_OPENING).rstrip()) - 1
    if colon < 0 or text[colon] != ":":
        return None
    line = sentences.index(colon)
    before = [
        f for f in frames if f.cue_range[1] <= colon and sentences.index(f.cue_range[0]) == line
    ]
    if not before or before[-1].according:
        return None
    return _joinable(before[-1], found)


_OPENING = "\"“„«‘'‹"
_CLOSING = "\"”»’'›“"


def _joinable(frame: Frame, found: list[Attribution]) -> Attribution:
    """The frame's direct quote, made if need be (a frame may report a clause and a quote)."""
    existing = next((a for a in found if a.frame is frame and a.label == "direct"), None)
    if existing is None:
        existing = Attribution(frame, "direct")
        found.append(existing)
    return existing


def _continued(n: int, quoted: list[Quoted], owner: dict[int, Attribution]) -> Attribution | None:
    if n > 0 and quoted[n - 1].continues and (n - 1) in owner:
        return owner[n - 1]
    if quoted[n].continues and (n + 1) < len(quoted) and (n + 1) in owner:
        return owner[n + 1]
    return None


def _beside(
    stretch: Quoted, frames: list[Frame], found: list[Attribution], sentences: _Sentences
) -> Attribution | None:
    """A cue in the sentences the stretch touches, or in the one right before it."""
    first, last = sentences.index(stretch.start), sentences.index(max(stretch.end - 1, 0))
    near = [f for f in frames if first <= sentences.index(f.cue_range[0]) <= last]
    near = [f for f in near if not stretch.start <= f.cue_range[0] < stretch.end]
    if not near and sentences.starts(stretch.start, first):
        near = [f for f in frames if sentences.index(f.cue_range[0]) == first - 1]
        near = [f for f in near if sentences.same_line(f.cue_range[0], stretch.start)]
    if not near:
        return None
    frame = min(near, key=lambda f: _distance(f.cue_range, stretch))
    if frame.according or frame.subject is None:
        return None  # a cue that names nobody does not claim quotation marks near it
    return _joinable(frame, found)


def _distance(cue: tuple[int, int], stretch: Quoted) -> int:
    return min(abs(cue[0] - stretch.end), abs(stretch.start - cue[1]))


def _opens_paragraph(text: str, stretch: Quoted) -> bool:
    line_start = text.rfind("\n", 0, stretch.start) + 1
    return len(text[line_start : stretch.start].strip()) <= 1


def _previous_paragraph(
    stretch: Quoted, quoted: list[Quoted], owner: dict[int, Attribution]
) -> Attribution | None:
    """The direct quote that ends the paragraph before, whose speaker goes on talking."""
    before = [n for n, q in enumerate(quoted) if q.paragraph == stretch.paragraph - 1]
    if not before or before[-1] not in owner:
        return None
    attribution = owner[before[-1]]
    return attribution if attribution.label == "direct" else None


def _governing(stretch: Quoted, frames: list[Frame], found: list[Attribution]) -> Frame | None:
    """The cue whose parse subtree holds the quoted words ("called it 'a disaster'")."""
    taken = {a.frame.cue.i for a in found if a.label == "indirect"}
    by_cue = {f.cue.i: f for f in frames if not f.according and f.cue.i not in taken}
    if not by_cue:
        return None
    words = frames[0].cue.doc.char_span(stretch.start, stretch.end, alignment_mode="expand")
    roots = [t for t in words or () if not _within(t.head, stretch)]
    for token in roots:
        path = [token]
        while path[-1].head.i != path[-1].i and path[-1].head.i not in by_cue:
            path.append(path[-1].head)
        frame = by_cue.get(path[-1].head.i)
        if frame is not None and not _names_a_party(frame, path):
            return frame
    return None


def _names_a_party(frame: Frame, path: list[Any]) -> bool:
    """Whether the words lie in the speaker's or the addressee's phrase, not what was said."""
    parties = {t.i for t in (frame.subject, frame.recipient) if t is not None}
    return any(t.i in parties for t in path)


def _within(token: Any, stretch: Quoted) -> bool:
    return bool(stretch.start <= token.idx < stretch.end)


class _Sentences:
    """Which spaCy sentence holds a character, and where each begins."""

    def __init__(self, text: str, starts: list[int]) -> None:
        self.text = text
        self.starts_at = sorted(starts)

    def index(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts_at, char) - 1)

    def starts(self, char: int, index: int) -> bool:
        """Whether only marks and spaces stand between the sentence's start and `char`."""
        begin = self.starts_at[index] if self.starts_at else 0
        return len(self.text[begin:char].strip()) <= 1

    def same_line(self, a: int, b: int) -> bool:
        """Whether no line break separates two characters."""
        low, high = min(a, b), max(a, b)
        return "\n" not in self.text[low:high]
