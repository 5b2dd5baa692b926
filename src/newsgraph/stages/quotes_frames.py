"""Reporting frames read off the dependency parse: a cue, who speaks, what is reported, to whom.

A frame starts at a verb of saying that stands outside quotation marks ("said", "told",
"urged") or at "according to". Its subject is the speaker; its clausal complement ("that NATO
must ...", "to stop ...") is the reported content; its object or a "to"/"with" phrase is the
addressee, which may be an outlet. "X, he said." puts the content in the verb's head instead,
and "according to X, ..." in the clause the phrase modifies.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsgraph.stages.quotes_lexicon import (
    ADDRESSEE_VERBS,
    INFINITIVE_VERBS,
    OBJECT_VERBS,
    SPEECH_VERBS,
)

Token = Any  # a spaCy Token (spaCy's Cython types do not help mypy here)

CLAUSE_MARKS = frozenset({"that", "whether", "if", "how", "why", "what", "when", "where"})
# Verbs that name what something is: 'called the plan "a disaster"'.
NAMING_VERBS = frozenset({"call", "describe", "label", "dub", "brand", "term", "deem"})
PARTIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})  # objects that are people, not words
OBJECT_PREPOSITIONS = {"call": {"for"}, "ask": {"for"}, "warn": {"of", "about", "against"}}
RECIPIENT_PREPOSITIONS = frozenset({"to", "with"})
# Verbs whose object is only the listener ("told them to wait"), never part of what was said.
RECIPIENT_VERBS = frozenset({"tell", "ask", "inform", "remind", "assure", "advise"})
TRAILING = frozenset(",.;:—–-")
VERBAL_DEPS = frozenset({"ROOT", "advcl", "ccomp", "xcomp", "conj", "relcl", "acl", "parataxis"})


@dataclass(frozen=True)
class Frame:
    """One reporting frame; character ranges are offsets into the analysed text."""

    cue: Token  # the verb (or "according")
    cue_range: tuple[int, int]
    subject: Token | None  # the head of the speaker phrase
    content: tuple[int, int] | None  # what is reported, when the parse shows it
    recipient: Token | None  # the head of the addressee phrase ("told the outlet")
    according: bool = False


def find_frames(analysis: Any, text: str, quoted: Iterable[tuple[int, int]]) -> list[Frame]:
    """Every reporting frame whose cue lies outside quotation marks."""
    inside = _char_mask(len(text), quoted)
    frames = []
    for token in analysis:
        if inside[token.idx]:
            continue
        if _is_cue_verb(token):
            frames.append(_verb_frame(token))
        elif token.lower_ == "according" and _next_is(token, "to"):
            frames.append(_according_frame(token))
    return frames


def _char_mask(length: int, ranges: Iterable[tuple[int, int]]) -> list[bool]:
    mask = [False] * (length + 1)
    for start, end in ranges:
        for i in range(start, end):
            mask[i] = True
    return mask


def _is_cue_verb(token: Token) -> bool:
    if verb_lemma(token) not in SPEECH_VERBS:
        return False
    # "so-called", "self-described": an adjective, not a report.
    return not (token.i > 0 and token.doc[token.i - 1].text == "-")


def verb_lemma(token: Token) -> str:
    """The verb's lemma; a capitalised verb the tagger took for a name gets one by its ending."""
    if token.pos_ == "VERB":
        return str(token.lemma_).lower()
    if token.pos_ != "PROPN" or token.dep_ not in VERBAL_DEPS:
        return ""
    word = token.lower_
    for ending, stems in (("ing", ("", "e")), ("ed", ("", "e")), ("s", ("",))):
        if word.endswith(ending):
            found = [
                word[: -len(ending)] + s for s in stems if word[: -len(ending)] + s in SPEECH_VERBS
            ]
            return found[0] if found else ""
    return ""


def _next_is(token: Token, word: str) -> bool:
    return token.i + 1 < len(token.doc) and bool(token.doc[token.i + 1].lower_ == word)


def _verb_frame(verb: Token) -> Frame:
    content = _complement(verb) or _reverse_content(verb)
    return Frame(verb, cue_range(verb), subject_of(verb), content, _recipient(verb))


def _according_frame(token: Token) -> Frame:
    to = token.doc[token.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    phrase = list(token.subtree)
    head = token.head if token.head.i != token.i else None
    content = _minus(head, phrase) if head is not None else None
    cue = (token.idx, to.idx + len(to))
    return Frame(token, cue, source, content, None, according=True)


def cue_range(verb: Token) -> tuple[int, int]:
    """The verb group: auxiliaries and negation right before the verb, particles after it."""
    first = last = verb
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass", "neg") and child.i < verb.i:
            first = min(first, child, key=lambda t: t.i)
        elif child.dep_ == "prt" and child.i == verb.i + 1:
            last = child
    return first.idx, last.idx + len(last)


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The verb's speaker: its subject, the agent of a passive, else that of the verb it joins."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return None  # "it is said that ...": no speaker named
    head = _governing_verb(verb)
    if head is not None and depth < 3 and not _passive_participle(verb):
        return subject_of(head, depth + 1)
    return None


def _passive_participle(verb: Token) -> bool:
    """ "Asked about it, she said ...": whoever asked is not the one who answers."""
    if verb.tag_ != "VBN":
        return False
    return not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _governing_verb(verb: Token) -> Token | None:
    """The verb whose subject a subjectless one shares ("..., saying", "by calling ...")."""
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        return verb.head
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ == "VERB":
        return verb.head.head
    return None


def _complement(verb: Token) -> tuple[int, int] | None:
    lemma = verb_lemma(verb)
    parts = [c for c in verb.children if c.dep_ == "ccomp" and not _participle_before(c, verb)]
    if lemma in NAMING_VERBS:
        parts += [c for c in verb.children if c.dep_ in ("oprd", "acomp")]
    if parts and lemma not in RECIPIENT_VERBS:
        parts = _subject_object(verb, parts) + parts
    if lemma in INFINITIVE_VERBS:
        infinitives = [c for c in verb.children if c.dep_ == "xcomp"]
        parts += _objects_before(verb, infinitives) + infinitives
    if not parts:
        parts = _clause_below(verb)
    if not parts and lemma in OBJECT_PREPOSITIONS:
        parts = _clause_with_mark(verb, OBJECT_PREPOSITIONS[lemma])
    if not parts and lemma in OBJECT_VERBS:
        parts = _object_content(verb)
    if not parts and lemma in OBJECT_PREPOSITIONS:
        parts = _object_of_preposition(verb, OBJECT_PREPOSITIONS[lemma])
    return _span_of(t for part in parts for t in _without_reports(part)) if parts else None


def _without_reports(clause: Token) -> list[Token]:
    """The clause's words up to a coordinated report of its own ("..., and half said ...")."""
    for child in clause.children:
        if child.dep_ == "conj" and child.i > clause.i and _own_report(child):
            cut = min(t.i for t in child.subtree)
            return [t for t in clause.subtree if t.i < cut]
    return list(clause.subtree)


def _own_report(conj: Token) -> bool:
    """A coordinated clause with its own subject, set off by a comma or itself a report."""
    has_subject = any(c.dep_ == "nsubj" for c in conj.children)
    return has_subject and (_after_comma(conj) or _is_cue_verb(conj))


def _object_content(verb: Token) -> list[Token]:
    """What a verb like "denied" or "criticized" reports: its object, with "for"/"of"/"as"
    phrases after it; a person alone ("criticized Rubio") is whom it is about, not what."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return []
    after = [
        c
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in ("for", "of", "as", "over") and c.i > objects[0].i
    ]
    if not after and (objects[0].pos_ == "PRON" or objects[0].ent_type_ in PARTIES):
        return []
    return objects + after


def _subject_object(verb: Token, clauses: list[Token]) -> list[Token]:
    """An object that is the subject of the clause after it: 'called the KKK "abhorrent"'."""
    first = min(c.i for c in clauses)
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in clauses[0].children):
        return []
    return [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < first]


def _after_comma(conj: Token) -> bool:
    """Whether a coordinated clause is set off by a comma before its conjunction."""
    first = min(t.i for t in conj.subtree)
    doc = conj.doc
    return first >= 2 and bool(doc[first - 1].dep_ == "cc" and doc[first - 2].text == ",")


def _participle_before(clause: Token, verb: Token) -> bool:
    """ "Asked about it, he said: ...": a bare participle before the verb is not what was said."""
    if clause.i > verb.i or clause.tag_ not in ("VBN", "VBG"):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


def _objects_before(verb: Token, infinitives: list[Token]) -> list[Token]:
    """The object an infinitive's content is about: "urged the government to ..."."""
    if not infinitives or verb_lemma(verb) in RECIPIENT_VERBS:
        return []
    found = [c for c in verb.children if c.dep_ == "dobj" and c.i < infinitives[0].i]
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")):
        found += [c for c in prep.children if c.dep_ == "pobj" and c.i < infinitives[0].i]
    return found


def _clause_with_mark(verb: Token, marks: set[str]) -> list[Token]:
    """ "calling for the United States to step up": a clause opened by "for"."""
    return [
        c
        for c in verb.children
        if c.dep_ in ("advcl", "ccomp")
        and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
    ]


def _clause_below(verb: Token) -> list[Token]:
    """A "that"-clause the parser hung lower ("told CNN in an interview that ...")."""
    for token in verb.subtree:
        if token.i <= verb.i or token.dep_ not in ("ccomp", "acl", "advcl", "relcl"):
            continue
        marked = any(c.dep_ == "mark" and c.lower_ in CLAUSE_MARKS for c in token.children)
        if marked and not _verb_between(token, verb):
            return [token]
    return []


def _verb_between(token: Token, verb: Token) -> bool:
    node = token.head
    while node.i != verb.i and node.head.i != node.i:
        if node.pos_ == "VERB":
            return True
        node = node.head
    return False


def _object_of_preposition(verb: Token, prepositions: set[str]) -> list[Token]:
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            return [c for c in child.children if c.dep_ == "pobj"]
    return []


def _reverse_content(verb: Token) -> tuple[int, int] | None:
    """ "The economy, he said, is weak": the content is the head clause without the verb."""
    if verb.dep_ not in ("parataxis", "ccomp", "advcl") or verb.head.i == verb.i:
        return None
    if not any(c.dep_ == "nsubj" for c in verb.children) or _has_object(verb):
        return None
    # The verb and its subject must stand apart from the clause, set off by a comma.
    first = min(t.i for t in verb.subtree)
    set_off = first > 0 and verb.doc[first - 1].text in (",", "—", "–")
    if not set_off and verb.dep_ != "parataxis":
        return None
    return _minus(verb.head, list(verb.subtree))


def _has_object(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children)


def _minus(head: Token, removed: list[Token]) -> tuple[int, int] | None:
    """The range of the head's subtree on the larger side of the removed tokens."""
    gone = {t.i for t in removed}
    before = [t for t in head.subtree if t.i not in gone and t.i < min(gone)]
    after = [t for t in head.subtree if t.i not in gone and t.i > max(gone)]
    return _span_of(after if _weight(after) > _weight(before) else before)


def _weight(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if not t.is_punct)


def _span_of(tokens: Iterable[Token]) -> tuple[int, int] | None:
    kept = sorted((t for t in tokens), key=lambda t: t.i)
    while kept and (kept[-1].is_space or kept[-1].text in TRAILING):
        kept.pop()
    while kept and (kept[0].is_space or kept[0].text in TRAILING):
        kept.pop(0)
    if not kept or _weight(kept) == 0:
        return None
    return kept[0].idx, kept[-1].idx + len(kept[-1])


def _recipient(verb: Token) -> Token | None:
    """Whom the words were given to: "told X", "said to X", "in an interview with X"."""
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and verb_lemma(verb) in ADDRESSEE_VERBS:
            return child
        if child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPOSITIONS:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
        if child.dep_ == "prep" and child.lower_ == "in":
            found = _interview_partner(child)
            if found is not None:
                return found
    return _name_after(verb) if verb_lemma(verb) in ADDRESSEE_VERBS else None


def _name_after(verb: Token) -> Token | None:
    """A name right after the verb ("told The Pavlovic Today"), whatever the parser made of it."""
    doc, i = verb.doc, verb.i + 1
    while i < len(doc) and (doc[i].dep_ == "prt" or doc[i].lower_ == "the"):
        i += 1
    last = None
    while i < len(doc) and doc[i].pos_ == "PROPN":
        last, i = doc[i], i + 1
    return last


def _interview_partner(preposition: Token) -> Token | None:
    for noun in preposition.children:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPOSITIONS:
                return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None
