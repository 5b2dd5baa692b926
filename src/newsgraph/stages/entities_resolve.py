"""Canonical names within one article: "Vucic" is Aleksandar Vucic once the article names him.

Each mention gets a canonical name: people by their fullest name in the article (a surname or a
first name alone resolves to the nearest full name before it, else the first after it), places
and organisations by their usual form (U.S. -> United States, U.N. -> United Nations, an acronym
defined in brackets -> the name before it). Across articles nothing is merged on a surname: a
"Vucic" in an article that never names him fully stays "Vucic".
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from newsgraph.stages.entities_firstnames import GENDER_OF_FIRST_NAME, GENDER_OF_HONORIFIC
from newsgraph.stages.entities_gazetteer import canonical_place, place_label
from newsgraph.stages.entities_mentions import Mention, slug
from newsgraph.stages.entities_roles import NAME_SUFFIXES

# Organisations by other names; written for newsgraph, the usual suspects of world news.
ORG_ALIASES: dict[str, str] = {
    "UN": "United Nations",
    "U.N.": "United Nations",
    "EU": "European Union",
    "E.U.": "European Union",
    "UN Security Council": "United Nations Security Council",
    "U.N. Security Council": "United Nations Security Council",
    "North Atlantic Treaty Organization": "NATO",
    "F.B.I.": "FBI",
    "C.I.A.": "CIA",
    "GOP": "Republican Party",
    "G.O.P.": "Republican Party",
    "International Monetary Fund": "IMF",
    "World Health Organization": "WHO",
}
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Z.&]{1,9})\s*\)")
_PLACE_LABELS = frozenset({"GPE", "LOC"})


def resolve(text: str, mentions: list[Mention]) -> dict[str, str]:
    """Set every mention's canonical name; return each person's gender where it is known."""
    for mention in mentions:
        mention.name = _surface_name(text, mention)
    _resolve_acronyms(text, mentions)
    _relabel_surnames(mentions)
    _resolve_people([m for m in mentions if m.label == "PERSON"])
    _vote_labels(mentions)
    return _genders([m for m in mentions if m.label == "PERSON"])


def _surface_name(text: str, mention: Mention) -> str:
    """The mention's own words as a name: brackets and possessives gone, spaces single."""
    surface = text[mention.start : mention.end]
    words = [w for w in re.split(r"\s+", surface.replace("[", " ").replace("]", " ")) if w]
    name = " ".join(words)
    name = re.sub(r"(?:'s|’s|'|’)$", "", name)
    if mention.outlet:
        return mention.name or name
    if mention.label in _PLACE_LABELS or place_label(name):
        return canonical_place(_uncapped(name))
    if mention.label == "PERSON" and name.isupper() and len(name) > 3:
        return name.title()
    if mention.label == "ORG":
        return ORG_ALIASES.get(name, name)
    return name


def _uncapped(name: str) -> str:
    """BELGRADE in a dateline is Belgrade; USA stays USA (four letters or fewer: an acronym)."""
    return name.title() if name.isupper() and len(name) > 4 else name


def _resolve_acronyms(text: str, mentions: list[Mention]) -> None:
    """'Kosovo Security Forces (KSF)': later mentions of KSF are Kosovo Security Forces."""
    defined: dict[str, Mention] = {}
    for mention in mentions:
        match = _ACRONYM_AFTER.match(text, mention.end)
        if match and mention.label != "PERSON" and len(mention.name.split()) > 1:
            defined.setdefault(match.group(1), mention)
    for mention in mentions:
        full = defined.get(mention.name)
        if full is not None and mention is not full:
            mention.name, mention.label = full.name, full.label


def _relabel_surnames(mentions: list[Mention]) -> None:
    """A name spaCy called a place or an organisation is a person's when the article says so."""
    people = {tail for m in mentions if m.label == "PERSON" for tail in _tails(m.name)}
    for mention in mentions:
        if mention.label == "PERSON" or mention.outlet or place_label(mention.name):
            continue
        if len(mention.name.split()) <= 3 and slug(mention.name) in people:
            mention.label = "PERSON"


def _tails(name: str) -> set[str]:
    """A full name and its endings, as slugs: Jean-Yves Le Drian, Le Drian, Drian."""
    words = _core_slugs(name)
    return {"-".join(words[i:]) for i in range(len(words))}


@lru_cache(maxsize=4096)
def _core_slugs(name: str) -> tuple[str, ...]:
    """The words of a person's name that identify it, as slugs, for matching."""
    return tuple(slug(w) for w in _core(name))


def _core(name: str) -> list[str]:
    """A person's name without suffixes (Jr.) or initials, for matching."""
    return [w for w in name.split() if w not in NAME_SUFFIXES and not re.fullmatch(r"\w\.", w)]


def _resolve_people(people: list[Mention]) -> None:
    """Short names take the full name they stand for: nearest before, else first after."""
    full = [m for m in people if len(_core(m.name)) > 1]
    for mention in people:
        target = _full_name_for(mention, full)
        if target is not None:
            mention.name = target


def _full_name_for(mention: Mention, full: list[Mention]) -> str | None:
    words = _core_slugs(mention.name)
    if not words:
        return None
    matches = [f for f in full if f is not mention and _shortens(words, f.name)]
    if not matches:
        return None
    before = [f for f in matches if f.start < mention.start]
    chosen = before[-1] if before else matches[0]
    return _introduced_name(chosen, full)


def _shortens(words: tuple[str, ...], name: str) -> bool:
    """'Vucic', 'Le Drian', 'Aleksandar' or 'Hillary Clinton' shorten a longer full name."""
    theirs = _core_slugs(name)
    if len(words) >= len(theirs):
        return False
    if theirs[-len(words) :] == words or words == theirs[:1]:
        return True
    return len(words) > 1 and words[0] == theirs[0] and words[-1] == theirs[-1]


def _introduced_name(mention: Mention, full: list[Mention]) -> str:
    """A full name resolves further when it shortens a fuller one ('Hillary Clinton')."""
    longer = [f for f in full if _shortens(_core_slugs(mention.name), f.name)]
    return longer[0].name if longer else mention.name


def _vote_labels(mentions: list[Mention]) -> None:
    """One name, one type per article: the most common label wins, the first on a tie."""
    labels: dict[str, Counter[str]] = {}
    for mention in mentions:
        labels.setdefault(slug(mention.name), Counter())[mention.label] += 1
    for mention in mentions:
        votes = labels[slug(mention.name)]
        if len(votes) > 1 and "PERSON" not in votes:
            mention.label = votes.most_common(1)[0][0]


def _genders(people: list[Mention]) -> dict[str, str]:
    """Each person's gender: from an honorific or a gendered title, else the first name."""
    said: dict[str, str] = {}
    for mention in people:
        hint = GENDER_OF_HONORIFIC.get(mention.honorific) or mention.head_gender
        if hint:
            said.setdefault(mention.name, hint)
    genders: dict[str, str] = {}
    for mention in people:
        first = mention.name.split()[0]
        gender = said.get(mention.name) or (
            GENDER_OF_FIRST_NAME.get(first) if len(_core(mention.name)) > 1 else None
        )
        if gender:
            genders[mention.name] = gender
    return genders
