"""Who a speaker phrase names: an entity, or the person a pronoun or role noun points back to.

No coreference model ships offline, so resolution is by rules over the parse and the article:

- a phrase holding a person's (else an organisation's) entity span is that entity; a proper
  name the entities stage missed is kept as a name, and remembered as a person;
- "he"/"she" is the last speaker if compatible, else the nearest person named before (outside
  quotation marks) whose gender (from the entities stage, an honorific, or an earlier
  "he"/"she") does not clash;
- "who"/"which" is the noun its relative clause hangs on;
- "the president" is the nearest person named before with that role;
- "I", "we", "they", "sources" and nouns with no name are kept as mentions, unresolved.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsgraph.doc import Span
from newsgraph.stages.quotes_lexicon import (
    EMPTY_SUBJECTS,
    HONORIFIC_GENDER,
    PERSONAL_PRONOUNS,
    RELATIVE_PRONOUNS,
    ROLE_NOUNS,
)

Token = Any
# Clauses and side remarks that describe a speaker without naming them.
DESCRIPTIVE = frozenset({"relcl", "acl", "advcl", "punct", "cc", "conj", "parataxis"})
ROLE_WINDOW = 60  # characters before a name in which its role is written ("President X")


@dataclass(frozen=True)
class Person:
    """A person named in the text: where, the canonical name, and the entity span if any."""

    start: int
    end: int
    name: str
    entity: Span | None
    role: str = ""


@dataclass(frozen=True)
class Speaker:
    """A speaker phrase: where it is, what kind of words name the speaker, and who it is."""

    start: int
    end: int
    kind: str  # name, pronoun, relative, role or other
    entity: Span | None  # the entity span the phrase itself is
    antecedent: Span | None  # the entity span a pronoun or role noun points back to
    name: str | None  # the canonical name, when known


class Resolver:
    """Resolves speaker phrases in text order, remembering the last speaker and genders."""

    def __init__(
        self, text: str, entities: Iterable[Span], quoted: Iterable[tuple[int, int]] = ()
    ) -> None:
        self.text = text
        self.entities = sorted(entities, key=lambda s: s.start)
        self.quoted = sorted(quoted)
        self.people: list[Person] = []
        self.genders: dict[str, str] = {}
        self.last: Person | None = None
        for entity in self.entities:
            if entity.label == "PERSON":
                self._meet(self._person(entity), entity.value.get("gender"))

    def speaker(self, head: Token | None, *, speaking: bool = True) -> Speaker | None:
        """The speaker (or addressee) that a noun phrase's head token names, if any."""
        if head is None or (head.lower_ in EMPTY_SUBJECTS and head.pos_ == "PRON"):
            return None
        found, person = self._resolve(head)
        if speaking and person is not None:
            self.last = person
        return found

    def _resolve(self, head: Token) -> tuple[Speaker, Person | None]:
        word, spot = head.lower_, (head.idx, head.idx + len(head))
        if head.tag_ in ("WP", "WDT") or (word in RELATIVE_PRONOUNS and head.head.dep_ == "relcl"):
            return self._relative(head)
        if word in PERSONAL_PRONOUNS:
            person = self._antecedent(head.idx, PERSONAL_PRONOUNS[word])
            if person is not None:
                self.genders.setdefault(person.name, PERSONAL_PRONOUNS[word])
            return self._refer(spot, "pronoun", person), person
        if head.pos_ == "PRON":
            return Speaker(*spot, "pronoun", None, None, None), None
        return self._noun(head)

    def _noun(self, head: Token) -> tuple[Speaker, Person | None]:
        start, end = phrase_range(head)
        entity = self._entity_at(head, start, end)
        if entity is not None:
            person = self._known(entity.start)
            name = person.name if person else str(entity.value.get("name") or "")
            found = Speaker(entity.start, entity.end, "name", entity, None, name)
            return found, person
        # A singular name the entities stage missed ("Gorka declared"); "Protesters" at the
        # start of a sentence is tagged a plural proper noun and is not a person.
        if head.tag_ == "NNP" and head.ent_type_ in ("", "PERSON"):
            return self._proper_name(head)
        if head.lemma_.lower() in ROLE_NOUNS and _definite(head):
            person = self._by_role(head.lemma_.lower(), start)
            return self._refer((start, end), "role", person), person
        return Speaker(start, end, "other", None, None, None), None

    def _proper_name(self, head: Token) -> tuple[Speaker, Person]:
        """A name the entities stage did not mark: kept as written, and met as a person."""
        parts = [t for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [head]
        start, end = parts[0].idx, head.idx + len(head)
        person = Person(start, end, self._fuller(self.text[start:end], start), None)
        self._meet(person, None)
        return Speaker(start, end, "name", None, None, person.name), person

    def _refer(self, spot: tuple[int, int], kind: str, person: Person | None) -> Speaker:
        if person is None:
            return Speaker(*spot, kind, None, None, None)
        return Speaker(*spot, kind, None, person.entity, person.name)

    def _relative(self, head: Token) -> tuple[Speaker, Person | None]:
        clause = head.head
        noun = clause.head if clause.dep_ == "relcl" else None
        spot = (head.idx, head.idx + len(head))
        if noun is None or noun.i == clause.i:
            return Speaker(*spot, "relative", None, None, None), None
        target, person = self._resolve(noun)
        antecedent = target.entity or target.antecedent
        return Speaker(*spot, "relative", None, antecedent, target.name), person

    def _antecedent(self, position: int, gender: str) -> Person | None:
        nearest = self._nearest(position, gender)
        last = self.last
        if last is None or not self._fits(last, gender):
            return nearest
        if nearest is None or nearest.name == last.name or self._recent(last, position):
            return last
        return nearest

    def _recent(self, person: Person, position: int) -> bool:
        """Whether the person was named or quoted no more than two paragraphs ago."""
        latest = max(
            (p.end for p in self.people if p.name == person.name and p.end <= position), default=-1
        )
        return latest >= 0 and self.text.count("\n\n", latest, position) <= 2

    def _nearest(self, position: int, gender: str) -> Person | None:
        for person in reversed(self.people):
            if person.end <= position and self._fits(person, gender) and not self._quoted(person):
                return person
        return None

    def _quoted(self, person: Person) -> bool:
        at = bisect.bisect_right(self.quoted, (person.start, len(self.text))) - 1
        return at >= 0 and self.quoted[at][0] <= person.start < self.quoted[at][1]

    def _fits(self, person: Person, gender: str) -> bool:
        known = self.genders.get(person.name)
        return known is None or known == gender

    def _by_role(self, role: str, position: int) -> Person | None:
        for person in reversed([p for p in self.people if p.end <= position]):
            before = self.text[max(0, person.start - ROLE_WINDOW) : person.start]
            if role in person.role.lower() or role in before.lower().split():
                return person
        return None

    def _entity_at(self, head: Token, start: int, end: int) -> Span | None:
        """The entity the phrase names: the one at its head word, else a person inside it."""
        inside = [e for e in self.entities if start <= e.start and e.end <= end]
        at_head = [e for e in inside if e.start <= head.idx < e.end]
        people = [e for e in inside if e.label == "PERSON"]
        found = at_head or people
        return found[0] if found else None

    def _known(self, start: int) -> Person | None:
        return next((p for p in self.people if p.start == start), None)

    def _person(self, entity: Span) -> Person:
        name = str(entity.value.get("name") or self.text[entity.start : entity.end])
        if " " not in name:
            name = self._fuller(name, entity.start)
        role = str(entity.value.get("role") or "")
        return Person(entity.start, entity.end, name, entity, role)

    def _meet(self, person: Person, gender: Any) -> None:
        self.people.insert(bisect.bisect([p.start for p in self.people], person.start), person)
        gender = gender or self._honorific(person.start)
        if gender in ("f", "m"):
            self.genders.setdefault(person.name, str(gender))

    def _honorific(self, start: int) -> str | None:
        words = self.text[max(0, start - 6) : start].lower().split()
        return HONORIFIC_GENDER.get(words[-1]) if words else None

    def _fuller(self, surname: str, position: int) -> str:
        """A bare surname stands for the last full name that ends with it ("Clinton")."""
        for person in reversed([p for p in self.people if p.start < position]):
            if person.name != surname and person.name.split()[-1] == surname:
                return person.name
        return surname


def phrase_range(head: Token) -> tuple[int, int]:
    """The characters of a noun phrase without its relative clauses and side remarks."""
    kept = [head]
    for child in head.children:
        if child.dep_ not in DESCRIPTIVE:
            kept += list(child.subtree)
    kept.sort(key=lambda t: t.i)
    return kept[0].idx, kept[-1].idx + len(kept[-1])


def _definite(head: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in head.children)
