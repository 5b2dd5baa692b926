"""The times stage: time expressions, each placed against the article's publication time.

Candidates come from our own patterns (`times_atoms`, `times_lengths`) and the written dates of
`newsgraph.extraction.dates.find_dates`; the parse decides what the patterns cannot: a bare
"May" or year counts only where spaCy also sees a date there, a name that holds one ("Theresa
May") is not a time, and a future verb sends "in May" or "on Monday" forward. Each expression
becomes a `time` span whose value holds `start`, `end` (ISO 8601, both included), its
`granularity` and `text`; one that cannot be placed keeps its text with null dates.
"""

from __future__ import annotations

from typing import Any

from newsgraph.doc import Doc
from newsgraph.extraction.dates import DateValue, parse_date
from newsgraph.stages.times_atoms import find_atoms
from newsgraph.stages.times_calendar import unresolved
from newsgraph.stages.times_combine import choose, combine
from newsgraph.stages.times_rules import Atom, Context

# Entities whose names may hold a month or a year without meaning a time.
_NAME_LABELS = frozenset({"PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT"})
_FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo"})
_PLAN_LEMMAS = frozenset({"plan", "intend", "expect", "schedule", "aim"})


class Times:
    """Find time expressions and resolve them against the publication time."""

    name = "times"
    requires: tuple[str, ...] = ("analysis", "meta")
    produces: tuple[str, ...] = ("time",)

    def __call__(self, doc: Doc) -> Doc:
        """Add one `time` span per time expression in the text."""
        anchor = publication_time(doc.meta.published)
        for atom in find_times(doc.text, doc.analysis):
            context = Context(anchor, is_future(doc.analysis, atom.start))
            value = time_value(atom, context, doc.text)
            doc.add_span("time", atom.start, atom.end, label=atom.label, value=value,
                         stage=self.name)  # fmt: skip
        return doc


def publication_time(published: str | None) -> DateValue | None:
    """The publication time as a DateValue, at whatever granularity the metadata gives."""
    return parse_date(published) if published else None


def find_times(text: str, analysis: Any) -> list[Atom]:
    """The time expressions of a text, in order, checked against its parse."""
    candidates = [a for a in find_atoms(text) if _plausible(a, analysis)]
    return combine(text, choose(candidates))


def time_value(atom: Atom, context: Context, text: str) -> dict[str, Any]:
    """A time span's value: the resolved period, or null dates when it cannot be placed."""
    period = atom.resolve(context)
    value = period.value() if period is not None else unresolved(atom.granularity)
    return {**value, "text": text[atom.start : atom.end], **atom.extra}


def _plausible(atom: Atom, analysis: Any) -> bool:
    """Not inside a longer name; a bare month or year only where the parser sees a date."""
    if analysis is None:
        return atom.supported
    ents = [e for e in analysis.ents if e.end_char > atom.start and e.start_char < atom.end]
    if any(_holds(e, atom) for e in ents if e.label_ in _NAME_LABELS):
        return False
    return atom.supported or any(e.label_ in ("DATE", "TIME") for e in ents)


def _holds(ent: Any, atom: Atom) -> bool:
    return bool(ent.start_char <= atom.start and atom.end <= ent.end_char)


def is_future(analysis: Any, char: int) -> bool:
    """Whether the verb governing the word at `char` speaks of the future."""
    if analysis is None:
        return False
    span = analysis.char_span(char, char + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    verb = span[0]
    for _ in range(8):  # walk up to the verb the expression hangs from
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    return _future_verb(verb)


def _future_verb(verb: Any) -> bool:
    if verb.lower_ in _FUTURE_AUX or any(
        c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in verb.children
    ):
        return True
    if _planned(verb):  # "is scheduled for June"
        return True
    head = verb.head
    if verb.dep_ != "xcomp" or head is verb:
        return False
    return head.lower_ == "going" or _planned(head)  # "is going to", "plans to visit in May"


def _planned(verb: Any) -> bool:
    """A plan in the present ("plans", "is expected"); "planned", "was expected" are past."""
    past = verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in verb.children)
    return verb.lemma_ in _PLAN_LEMMAS and not past
