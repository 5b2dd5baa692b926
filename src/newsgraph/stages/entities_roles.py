"""Titles and roles written before a name, split from it.

"Serbian President Aleksandar Vucic" is the person Aleksandar Vucic with the role "Serbian
President"; "Secretary of State Antony Blinken" has the role "Secretary of State". A role is read
with a small grammar over spaCy tokens: modifiers (Serbian, former, NATO, Kosovo's), one or more
title words (Prime Minister, Secretary-General), then optionally "of/to/for" and what the title is
of (State, Kosovo, the Federal Reserve). Honorifics (Mr., Mrs.) are not roles but say the gender.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from newsgraph.stages.entities_firstnames import GENDER_OF_FIRST_NAME, GENDER_OF_HONORIFIC, words
from newsgraph.stages.entities_gazetteer import place_label
from newsgraph.stages.entities_mentions import Mention, make_mention

TITLE_WORDS = words(
    """president vice prime minister premier secretary secretary-general general ambassador envoy
    senator congressman congresswoman representative governor mayor chancellor chairman
    chairwoman chair chairperson ceo cfo coo chief executive director spokesman spokeswoman
    spokesperson judge justice attorney prosecutor counsel king queen prince princess emperor
    pope cardinal archbishop bishop reverend rabbi imam ayatollah sheikh emir sultan crown speaker
    leader whip commissioner commander admiral colonel captain sergeant lieutenant corporal marshal
    sheriff detective inspector superintendent professor coach manager founder president-elect
    treasurer adviser advisor aide deputy assistant undersecretary head dean editor reporter
    correspondent columnist anchor host commentator strategist pollster economist analyst lawyer
    activist journalist actor actress singer rapper author writer historian businessman
    businesswoman billionaire entrepreneur investor scientist researcher physician candidate
    nominee challenger incumbent lawmaker legislator diplomat official officer minister-president
    foreign defense defence interior finance press assemblyman assemblywoman councilman
    councilwoman councillor councilor alderman chancellor-elect prime-minister"""
)
# Capitalised titles that are followed by a person's name, never by an organisation's.
NAME_TITLES = words(
    "President Senator Governor Mayor Chancellor Minister Secretary Ambassador King Queen Prince "
    "Princess Pope Sheikh Emir Sultan Congressman Congresswoman Judge Rabbi Imam Ayatollah "
    "Speaker Archbishop Cardinal Councillor Councilor Councilman Councilwoman Alderman"
)
ABBREVIATED_TITLES = words(
    "Sen. Rep. Gov. Lt. Gen. Col. Adm. Sgt. Capt. Maj. Cpl. Dr. Prof. Rev. Pres. Atty. Supt. "
    "Insp. Det. Cmdr. Amb. Sec. Gov.-elect Coun. Cllr."
)
# Words that qualify a title without being one: "former President", "acting Minister".
MODIFIERS = words(
    "former then then- acting interim late outgoing incoming sitting current ex ex- retired "
    "longtime veteran top senior newly elected designated deputy"
)
CONNECTORS = frozenset({"of", "to", "for"})
# What a title is of, when it is not a place or an organisation spaCy found.
_COMPLEMENT_LIST = (
    "Health and Human Services|Housing and Urban Development|Homeland Security|"
    "Foreign Affairs|Internal Affairs|European Affairs|Veterans Affairs|the Treasury|"
    "the Interior|the Joint Chiefs of Staff|the Army|the Navy|the Air Force|the Economy|"
    "State|Defense|Defence|Treasury|Interior|Justice|Health|Labor|Commerce|Energy|"
    "Education|Agriculture|Transportation|Finance|Trade|Staff|Economy"
)
COMPLEMENTS = tuple(tuple(phrase.split(" ")) for phrase in _COMPLEMENT_LIST.split("|"))
COMPLEMENT_WORDS = frozenset(" ".join(c) for c in COMPLEMENTS)
GENDER_OF_TITLE = {
    **dict.fromkeys(
        words(
            "congresswoman chairwoman spokeswoman businesswoman queen princess actress "
            "assemblywoman councilwoman"
        ),
        "f",
    ),
    **dict.fromkeys(
        words(
            "congressman chairman spokesman businessman king prince emperor sultan emir pope "
            "assemblyman councilman"
        ),
        "m",
    ),
}
# Words that make a name an organisation's, not a person's.
ORG_WORDS = words(
    """office department ministry committee council party agency government administration house
    senate university court bank company corporation inc. group forces army police association
    foundation institute commission union league board center centre school church news
    network times post journal motors airlines"""
)
NAME_PARTICLES = words("de del della der den di da du la le van von bin ibn al el dos das")
NAME_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})
_CONTEXT_LABELS = frozenset({"NORP", "GPE", "ORG", "LOC", "FAC"})
_MOST_ROLE_TOKENS = 9
_MOST_NAME_TOKENS = 5


@dataclass(frozen=True)
class Role:
    """Where a role starts and where the name after it starts (token indices)."""

    start: int
    name_start: int
    honorific: str
    gender: str
    formal: bool  # a capitalised title or an honorific, as before a name ("President", "Mr.")


def split_roles(analysis: Any, mentions: list[Mention]) -> list[Mention]:
    """Give each person its role and narrow it to the name; names after titles become people."""
    starts = {m.first: m for m in mentions if m.label != "PERSON"}
    covered = {i for m in mentions for i in range(m.first, m.last)}
    titled = list(_titled_names(analysis, covered))  # kept only when a role really precedes
    roles: list[tuple[int, int]] = []
    kept: list[Mention] = []
    for n, mention in enumerate([*mentions, *titled]):
        role = find_role(analysis, mention, starts)
        applied = role is not None and _apply(analysis, mention, role)
        if role is not None and applied:
            roles.append((role.start, role.name_start))
        if applied or n < len(mentions):
            kept.append(mention)
    kept = [m for m in kept if not _title_fragment(analysis, m, roles)]
    return sorted(kept, key=lambda m: m.start)


def _apply(analysis: Any, mention: Mention, role: Role) -> bool:
    """Narrow the mention to its name and record the role; False when it is no person."""
    if mention.label != "PERSON" and not _makes_person(analysis, mention, role):
        return False
    if not _looks_like_person(analysis, role.name_start, mention.last):
        return False
    narrowed = make_mention(analysis, role.name_start, mention.last, "PERSON")
    mention.first, mention.start, mention.label = narrowed.first, narrowed.start, "PERSON"
    if role.name_start > role.start:
        head_end = role.name_start - (1 if role.honorific else 0)
        mention.role = _text(analysis, role.start, head_end)
    mention.honorific, mention.head_gender = role.honorific, role.gender
    return True


def _makes_person(analysis: Any, mention: Mention, role: Role) -> bool:
    """A formal title before a name spaCy typed otherwise makes it a person's (not 'Serbian').

    The title must stand outside the mention ('President Vucic'), or end where a first name
    starts ('State Antony Blinken'): when spaCy read a title and all as one organisation ('the
    Federal Reserve' after 'Chairman of'), it is one.
    """
    if not role.formal or mention.label == "NORP" or role.start >= mention.first:
        return False
    first_name = analysis[role.name_start].text in GENDER_OF_FIRST_NAME
    return role.name_start == mention.first or first_name


def _title_fragment(analysis: Any, mention: Mention, roles: list[tuple[int, int]]) -> bool:
    """A mention inside a role that is only what a title is of ('State' in Secretary of State)."""
    inside = any(s <= mention.first and mention.last <= e for s, e in roles)
    return inside and _text(analysis, mention.first, mention.last) in COMPLEMENT_WORDS


def _titled_names(analysis: Any, covered: set[int]) -> Iterator[Mention]:
    """Proper nouns after a title or an honorific that spaCy did not call anything."""
    for i in range(len(analysis) - 1):
        token = analysis[i]
        if not (_abbreviation_or_honorific(token) or token.text in NAME_TITLES):
            continue
        last = i + 1
        while last < len(analysis) and last - i <= 3 and _proper(analysis[last], covered, last):
            last += 1
        if last > i + 1:
            yield make_mention(analysis, i + 1, last, "PERSON")


def _proper(token: Any, covered: set[int], index: int) -> bool:
    return index not in covered and token.pos_ == "PROPN" and token.is_title and not _title(token)


def find_role(analysis: Any, mention: Mention, starts: dict[int, Mention]) -> Role | None:
    """The role before (or at the start of) a mention, read leftmost first."""
    low = _walk_left(analysis, mention.first)
    for start in range(low, mention.first + 1):
        role = _parse(analysis, start, mention, starts)
        if role is not None:
            return role
    return None


def _walk_left(analysis: Any, first: int) -> int:
    """The leftmost token that could belong to a role ending at `first`, on the same line."""
    low = first
    while low > 0 and first - low < _MOST_ROLE_TOKENS:
        token = analysis[low - 1]
        if "\n" in token.whitespace_ or token.is_space or not _role_material(token):
            break
        low -= 1
    return low


def _role_material(token: Any) -> bool:
    text = token.text
    if token.is_punct:
        return text in ("-", "–") or token.tag_ == "POS"
    return (
        text[:1].isupper()
        or token.lower_ in TITLE_WORDS
        or token.lower_ in MODIFIERS
        or token.lower_ in CONNECTORS
        or token.lower_ in ("the", "and")
        or token.tag_ == "POS"
        or token.pos_ == "ADJ"
        or _compound_noun(token)
    )


def _parse(analysis: Any, start: int, mention: Mention, starts: dict[int, Mention]) -> Role | None:
    """Read modifiers, title words and a complement from `start`; None unless it ends at a name."""
    limit = _limit(analysis, mention)
    heads = _skip_modifiers(analysis, start, limit, starts)
    i = _skip_titles(analysis, heads, limit)
    if i == heads and not _honorific(analysis[i]):
        return None
    formal = any(analysis[t].is_title for t in range(heads, i))
    gender = _title_gender(analysis, heads, i)
    while i < limit and analysis[i].lower_ in CONNECTORS:
        end = _complement_end(analysis, i + 1, limit, starts)
        if end == i + 1:
            return None  # "Ambassador to" needs what it is ambassador to
        i = _skip_titles(analysis, end, limit)
    honorific = ""
    if i < limit and _honorific(analysis[i]):
        honorific, i = analysis[i].text, i + 1
    if i < mention.first or i >= mention.last:
        return None
    gender = gender or GENDER_OF_HONORIFIC.get(honorific, "")
    return Role(start, i, honorific, gender, formal or bool(honorific))


def _limit(analysis: Any, mention: Mention) -> int:
    """How far a role may reach: not into a person's first name, and never the last token."""
    if mention.label == "PERSON" and not _role_word(analysis[mention.first]):
        return mention.first
    for i in range(mention.first, mention.last - 1):
        if analysis[i].text in GENDER_OF_FIRST_NAME:
            return i
    return mention.last - 1


def _skip_modifiers(analysis: Any, i: int, limit: int, starts: dict[int, Mention]) -> int:
    while i < limit:
        token = analysis[i]
        if i in starts and starts[i].label in _CONTEXT_LABELS and starts[i].last <= limit:
            i = starts[i].last
        elif _modifier(token):
            i += 1
        else:
            return i
    return i


def _modifier(token: Any) -> bool:
    """'former', 'presidential', 'campaign' (in 'campaign manager'), a possessive 's."""
    if token.lower_ in MODIFIERS or token.tag_ == "POS" or token.text == "U.S.":
        return True
    return not _title(token) and (token.pos_ == "ADJ" or _compound_noun(token))


def _compound_noun(token: Any) -> bool:
    return bool(token.pos_ == "NOUN" and token.dep_ == "compound" and token.text.islower())


def _skip_titles(analysis: Any, i: int, limit: int) -> int:
    while i < limit and (_title(analysis[i]) or _hyphen_between_titles(analysis, i, limit)):
        i += 1
    return i


def _hyphen_between_titles(analysis: Any, i: int, limit: int) -> bool:
    return (
        analysis[i].text in ("-", "–")
        and i > 0
        and i + 1 < limit
        and _title(analysis[i - 1])
        and _title(analysis[i + 1])
    )


def _complement_end(analysis: Any, i: int, limit: int, starts: dict[int, Mention]) -> int:
    """Past what a title is of: a known phrase, a place or organisation, or one proper noun."""
    for phrase in COMPLEMENTS:
        end = i + len(phrase)
        if end <= limit and tuple(t.text for t in analysis[i:end]) == phrase:
            return end
    if i < limit and analysis[i].lower_ == "the":
        i += 1
    if i in starts and starts[i].last <= limit:
        return starts[i].last
    return i + 1 if i < limit and analysis[i].text[:1].isupper() else i


def _title(token: Any) -> bool:
    return token.lower_ in TITLE_WORDS or token.text in ABBREVIATED_TITLES


def _role_word(token: Any) -> bool:
    return _title(token) or _honorific(token) or token.lower_ in MODIFIERS


def _honorific(token: Any) -> bool:
    return token.text in GENDER_OF_HONORIFIC


def _abbreviation_or_honorific(token: Any) -> bool:
    return token.text in ABBREVIATED_TITLES or _honorific(token)


def _title_gender(analysis: Any, first: int, last: int) -> str:
    genders = {GENDER_OF_TITLE.get(analysis[i].lower_, "") for i in range(first, last)} - {""}
    return genders.pop() if len(genders) == 1 else ""


def _looks_like_person(analysis: Any, first: int, last: int) -> bool:
    """A short run of capitalised words, initials and particles, not a place or an office."""
    tokens = list(analysis[first:last])
    if not tokens or len(tokens) > _MOST_NAME_TOKENS or not tokens[0].text[:1].isupper():
        return False
    if place_label(analysis[first:last].text) or any(t.lower_ in ORG_WORDS for t in tokens):
        return False
    return all(_name_token(t) for t in tokens)


def _name_token(token: Any) -> bool:
    text = token.text
    return (
        text[:1].isupper()
        or text.lower() in NAME_PARTICLES
        or text in ("-", "[", "]", "'", "’")
        or text in NAME_SUFFIXES
    )


def _text(analysis: Any, first: int, last: int) -> str:
    return str(analysis[first:last].text)
