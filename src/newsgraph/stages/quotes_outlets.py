"""News organisations cited as sources: who an outlet is, "the outlet" resolved, wire credits.

An outlet is an entity the entities stage marked as one (`"outlet": true`), a wire service by
name (AP, Reuters, AFP, …), or a proper name shaped like a newspaper's or a broadcaster's ("The
… Times", "… News", CNN). "The outlet", "the newspaper" and the like point back to the last
outlet named before them. Wire credits are the agency names that papers print in parentheses
or after a dash ("WASHINGTON (AP) —", "— Reuters").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from newsgraph.doc import Span
from newsgraph.stages.quotes_lexicon import (
    BROADCASTERS,
    OUTLET_NAME_WORDS,
    OUTLET_NOUNS,
    WIRE_SERVICES,
)
from newsgraph.stages.quotes_speakers import phrase_range

Token = Any
_WIRE_NAMES = "|".join(
    re.escape(name) for name in sorted(WIRE_SERVICES, key=len, reverse=True) if name[0] != "t"
)
# "(AP)", "(Reuters) -", a line that is only "— AFP", "Reuters contributed to this report".
WIRE_CREDIT = re.compile(
    rf"\((?P<paren>{_WIRE_NAMES})\)|^[ \t]*[—–-]+[ \t]*(?P<dash>{_WIRE_NAMES})[ \t]*$"
    rf"|(?P<contrib>(?:The )?(?:{_WIRE_NAMES})) contributed",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass(frozen=True)
class Outlet:
    """An outlet named at [start, end): its canonical name and its entity span, if any."""

    start: int
    end: int
    name: str
    entity: Span | None


class Outlets:
    """Tells whether a phrase names an outlet, resolving "the outlet" to the last one named."""

    def __init__(self, text: str, entities: Iterable[Span]) -> None:
        self.text = text
        self.entities = sorted(entities, key=lambda s: s.start)
        self.seen = [
            Outlet(e.start, e.end, str(e.value.get("name")), e)
            for e in self.entities
            if e.value.get("outlet")
        ]

    def at(self, head: Token | None) -> Outlet | None:
        """The outlet a noun phrase names or refers back to, else None."""
        if head is None:
            return None
        start, end = phrase_range(head)
        for entity in self.entities:
            if start <= entity.start and entity.end <= end and entity.value.get("outlet"):
                return Outlet(entity.start, entity.end, str(entity.value.get("name")), entity)
        by_shape = self._by_shape(head, start, end)
        if by_shape is not None:
            return by_shape
        if head.lemma_.lower() in OUTLET_NOUNS and _definite(head):
            return self._before(start, end)
        return None

    def _by_shape(self, head: Token, start: int, end: int) -> Outlet | None:
        words = [t for t in head.subtree if start <= t.idx < end and not t.is_punct]
        proper = [t for t in words if t.pos_ == "PROPN" or t.lower_ == "the"]
        if not proper or len(proper) < len(words) or head.pos_ != "PROPN":
            return None
        phrase = self.text[proper[0].idx : end]
        plain = phrase.lower().removeprefix("the ")
        canonical = WIRE_SERVICES.get(plain) or WIRE_SERVICES.get(phrase.lower())
        if canonical is None and not (
            proper[-1].lower_ in OUTLET_NAME_WORDS
            or proper[0].lower_ in BROADCASTERS
            or plain in BROADCASTERS
        ):
            return None
        name = canonical or (phrase if phrase[0].isupper() else phrase[4:])
        entity = next((e for e in self.entities if e.start <= head.idx < e.end), None)
        return Outlet(proper[0].idx, end, name, entity)

    def _before(self, start: int, end: int) -> Outlet | None:
        """The last outlet named before `start`, for "the outlet" at [start, end)."""
        earlier = [o for o in self.seen if o.end <= start]
        if earlier:
            return Outlet(start, end, earlier[-1].name, earlier[-1].entity)
        return None

    def remember(self, outlet: Outlet) -> None:
        """Note an outlet found by its shape, so that a later "the outlet" can point to it."""
        if all(o.start != outlet.start for o in self.seen):
            self.seen.append(outlet)
            self.seen.sort(key=lambda o: o.start)


def wire_credits(text: str) -> Iterator[tuple[int, int, str]]:
    """Each wire credit in the text: its range and the agency's canonical name."""
    for match in WIRE_CREDIT.finditer(text):
        group = next(g for g in ("paren", "dash", "contrib") if match.group(g))
        name = match.group(group)
        canonical = WIRE_SERVICES.get(name.lower().removeprefix("the "), name)
        yield match.start(group), match.end(group), canonical


def _definite(head: Token) -> bool:
    return any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that") for c in head.children
    )
