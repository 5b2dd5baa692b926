"""Author strings -> people's names: "By" and roles cut, staff, desks and organisations dropped."""

from __future__ import annotations

import re

# Words that make an author string an organisation, a desk or a role rather than a person.
_NOT_PERSON_TEXT = """
    staff admin administrator editor editors editorial redaction rédaction redaktion redacción
    redazione redactie desk team newsroom news press agency agencies media group service
    services wire inc ltd llc gmbh corp company associated reuters afp ap dpa ansa efe upi
    bureau correspondent correspondents contributor contributors reporters writers online
    digital magazine times post daily journal tribune herald gazette network channel radio tv
    television foundation institute university society association office department ministry
    guest anonymous unknown webmaster www http https
"""
_NOT_PERSON_WORDS = frozenset(_NOT_PERSON_TEXT.split())
# A credential after a name ("Jane Doe, MD") or a role after a comma is not another person.
_CREDENTIAL_RE = re.compile(r"^(?:[A-Z]{2,6}|Ph\.?D\.?|M\.?D\.?|Jr\.?|Sr\.?|I{1,3}|IV)$")
_ROLE_RE = re.compile(
    r"\b(?:reporter|writer|editor|correspondent|columnist|contributor|producer|photographer"
    r"|journalist|author|analyst|director|manager|chief|head|senior|staff|special to)\b",
    re.IGNORECASE,
)
_PREFIX_RE = re.compile(
    r"^\s*(?:(?:written|posted|reported|published|words|text|story|photos?)\s+by|by|from|about|"
    r"por|par|von|door|di|da|av|af|autor(?:in)?|author|auteur|texto|text|publicado por)"
    r"\s*[:\-–]?\s+",
    re.IGNORECASE,
)
_SPLIT_RE = re.compile(r"\s*(?:,|;|\||/|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bu\b)\s*")
_NOISE_RE = re.compile(
    r"\S+@\S+|https?://\S+|@\w+|\(.*?\)|\d.*$"
    r"|\b(?:updated|published|posted|on|last|sponsored|min(?:ute)?s?\s+read|read\s+more)\b.*$",
    re.IGNORECASE,
)
# Month names end a name when a date follows it ("Jane Doe Apr 3"); a first name may be one.
# A date after a name ends it: "Jane Doe Apr 3, 2024", "Jane DoeDecember 17".
_MONTH_TEXT = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_MONTHS_ALT = "|".join(_MONTH_TEXT.split())
_MONTH_DATE_RE = re.compile(
    rf"\s*\b(?i:{_MONTHS_ALT})\b\.?\s*\d.*$"  # "… Apr 3, 2024"
    rf"|(?<=[a-z])(?:{'|'.join(m.title() for m in _MONTH_TEXT.split())})\b.*$"  # "DoeDecember"
)
_NAME_WORD_RE = re.compile(r"^[^\W\d_][^\W\d_'’.\-]*(?:[.'’\-][^\W\d_]*)*\.?$")
_PARTICLE_TEXT = "van von der den de del della da das dos di du la le bin al el ten ter"
_PARTICLES = frozenset(_PARTICLE_TEXT.split())


def clean_authors(raw: str, *, site: str = "", explicit: bool = False) -> list[str]:
    """The people an author string names, in order, without roles, desks or the site's name.

    `explicit` is for fields that surely hold authors (a meta author, rel="author", "By …"):
    they may give a one-word or lower-case name ("Susan", "jdoe"), and a person's name equal to
    the site's (a personal site's owner).
    """
    text = " ".join(raw.split())
    labelled = bool(_PREFIX_RE.match(text))  # "By Jane": a one-word name is still a name
    text = _MONTH_DATE_RE.sub("", _PREFIX_RE.sub("", text))
    text = _NOISE_RE.sub("", text).strip(" ,;:-–|")
    names = []
    for piece in _SPLIT_RE.split(text):
        name = _trim_name(_PREFIX_RE.sub("", piece).strip(" .,:;-–"))
        if name and name not in names and _acceptable(name, site, explicit, labelled):
            names.append(name)
    return names


def _acceptable(name: str, site: str, explicit: bool, labelled: bool) -> bool:
    if not explicit:
        return is_person_name(name, site=site, single=labelled)
    if _same_as_site(name, site) and not is_person_name(name):
        return False
    return is_person_name(name, single=True, any_case=True)


def _trim_name(name: str) -> str:
    """Drop an avatar's initials before a name ("JD Jane Doe")."""
    words = name.split()
    if len(words) >= 3 and re.fullmatch(r"[A-Z]{1,3}", words[0]):
        words = words[1:]
    return " ".join(words)


def is_person_name(
    name: str, *, site: str = "", single: bool = False, any_case: bool = False
) -> bool:
    """Whether `name` looks like a person's name: a few capitalised words, no org or desk word."""
    words = name.split()
    if not 1 <= len(words) <= 5 or len(name) > 60 or _CREDENTIAL_RE.match(name):
        return False
    if _ROLE_RE.search(name) or _same_as_site(name, site):
        return False
    lowered = [w.lower().strip(".,") for w in words]
    if any(w in _NOT_PERSON_WORDS for w in lowered):
        return False
    if not all(_NAME_WORD_RE.match(w) for w in words):
        return False
    if len(words) == 1:
        return single or not name.isascii()
    return any_case or _capitalised(words)


def _capitalised(words: list[str]) -> bool:
    """Each word starts with a capital (or has no case, as in many scripts), bar particles."""
    return all(w[0].isupper() or not w[0].isalpha() or w.lower() in _PARTICLES or not _cased(w)
               for w in words)  # fmt: skip


def _cased(word: str) -> bool:
    return word.lower() != word.upper()


def _same_as_site(name: str, site: str) -> bool:
    if not site:
        return False

    def simple(text: str) -> str:
        return re.sub(r"\W+", "", text.lower().removeprefix("the "))

    return simple(name) == simple(site)
