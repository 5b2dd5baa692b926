"""What the parse adds to an amount: whether it is one at all, what it counts, and the event.

The characters alone cannot tell "2,000 people" from "in 2000", or "one person" from "one of
them"; spaCy's entity labels and dependencies can. The counted noun is the one the number
modifies ("118 Humvees") or the object of its "of" ("5% of voters"); the event is the verb that
noun (or the number itself) is the subject or object of ("seven Serbs have been wounded").
"""

from __future__ import annotations

from typing import Any

from newsgraph.stages.amounts_find import Amount
from newsgraph.stages.amounts_lexicon import TIME_UNITS

# Entity labels that make a number part of a name: "Resolution 1244" (LAW), "Apollo 11".
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "GPE", "LOC", "LANGUAGE"}
)
TIME_LABELS = frozenset({"DATE", "TIME"})
AMOUNT_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
# How a number hangs on the noun it counts.
COUNTING_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "det"})
# The roles that make a noun (or number) a participant of a verb's event.
EVENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr", "oprd"})
NOUNS = frozenset({"NOUN", "PROPN"})


def confirmed(amount: Amount, analysis: Any) -> bool:
    """Whether the parse agrees the expression is an amount and not a name, date or pronoun."""
    numerals = [_tokens(analysis, start, end) for start, end in amount.numerals]
    labels = {t.ent_type_ for tokens in numerals for t in tokens}
    if labels & NAME_LABELS:
        return False
    bare = amount.unit is None and amount.currency is None
    if bare and labels & TIME_LABELS:
        return False
    if amount.yearlike:
        return labels <= AMOUNT_LABELS and _counts_plural(numerals[-1])
    if amount.only_one:
        return any(t.dep_ == "nummod" for t in numerals[0])
    return True


def attach_object(amount: Amount, analysis: Any) -> None:
    """Fill in the counted noun (text and characters) and the event verb from the parse."""
    span = analysis.char_span(amount.start, amount.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return
    root = span.root
    counted = _modified_noun(root, span) or _of_object(span)
    if counted is not None:
        first = _compound_start(counted, span)
        amount.object_span = (first.idx, counted.idx + len(counted.text))
        # The tokens' own text: `analysis.text` would rebuild the whole document's text.
        amount.object = analysis[first.i : counted.i + 1].text
    # "10,000 of the protesters were killed": there the number, not the noun, is the subject.
    anchor = root if counted is None or counted.dep_ == "pobj" else counted
    amount.event = _event(anchor)


def _tokens(analysis: Any, start: int, end: int) -> list[Any]:
    """The tokens over a character range (widened to whole tokens)."""
    span = analysis.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _counts_plural(tokens: list[Any]) -> bool:
    """Whether a number modifies a plural noun ("2,000 people"), as a year never does."""
    return any(t.dep_ == "nummod" and t.head.tag_ in ("NNS", "NNPS") for t in tokens)


def _modified_noun(root: Any, span: Any) -> Any | None:
    """The noun the amount hangs on ("118" -> "Humvees"), if it lies outside the amount."""
    head = root.head
    inside = span.start <= head.i < span.end
    if root.dep_ not in COUNTING_DEPS or inside or head.pos_ not in NOUNS:
        return None
    if head.lower_ == "worth":  # "$250 billion worth of goods" counts the goods
        return _of_object(head.doc[head.i : head.i + 1])
    return None if head.lower_ in TIME_UNITS else head


def _of_object(span: Any) -> Any | None:
    """The noun after "of" that an amount takes ("5% of voters", "10,000 of the protesters")."""
    for token in span:
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i >= span.end:
                objects = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ in NOUNS]
                return objects[0] if objects else None
    return None


def _compound_start(noun: Any, amount: Any) -> Any:
    """The first word of a noun with its compounds before it ("police officers")."""
    doc, first = noun.doc, noun
    while first.i > amount.end:
        before = doc[first.i - 1]
        if before.dep_ != "compound" or not first.i <= before.head.i <= noun.i:
            break
        first = before
    return first


def _event(anchor: Any) -> str | None:
    """The verb the anchor is a subject or object of ("people were killed" -> "killed")."""
    if anchor.dep_ in EVENT_DEPS and anchor.head.pos_ == "VERB":
        return str(anchor.head.text)
    return None
