"""News outlets and wire services: a short list of well-known ones, and the shape of the rest.

An outlet is an organisation (label ORG, value `outlet: true`). Known outlets are found by name
even where spaCy misses them or calls them something else; others are told by their shape, "The X
Times/Post/Today…", when the shape is plain enough or the context says so ("told The Pavlovic
Today", "The Valley Herald reported"); once an outlet is found, "the Post" refers to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from newsgraph.stages.entities_firstnames import words

# Canonical name: other names it goes by. Written for newsgraph; "The" is optional in the text
# for every name that starts with it.
KNOWN_OUTLETS: dict[str, tuple[str, ...]] = {
    "The Associated Press": ("Associated Press", "AP", "A.P."),
    "Reuters": ("Thomson Reuters",),
    "Agence France-Presse": ("Agence France Presse", "AFP"),
    "Bloomberg News": ("Bloomberg",),
    "CNN": ("Cable News Network",),
    "BBC": ("BBC News", "British Broadcasting Corporation"),
    "NBC News": ("NBC",),
    "CBS News": ("CBS",),
    "ABC News": (),
    "Fox News": ("Fox News Channel",),
    "MSNBC": (),
    "CNBC": (),
    "NPR": ("National Public Radio",),
    "PBS": ("PBS NewsHour",),
    "Al Jazeera": (),
    "Sky News": (),
    "Deutsche Welle": ("DW",),
    "Euronews": (),
    "France 24": (),
    "RT": ("Russia Today",),
    "TASS": (),
    "RIA Novosti": (),
    "Interfax": (),
    "Xinhua": ("Xinhua News Agency",),
    "Kyodo News": ("Kyodo",),
    "Yonhap": ("Yonhap News Agency",),
    "Anadolu Agency": ("Anadolu",),
    "ANSA": (),
    "EFE": (),
    "Tanjug": (),
    "Radio Free Europe/Radio Liberty": ("RFE/RL", "Radio Free Europe"),
    "Voice of America": ("VOA",),
    "The New York Times": ("New York Times", "NYT"),
    "The Washington Post": ("Washington Post",),
    "The Wall Street Journal": ("Wall Street Journal", "WSJ"),
    "USA Today": (),
    "Los Angeles Times": ("LA Times", "L.A. Times"),
    "The New York Post": ("New York Post",),
    "Chicago Tribune": (),
    "The Boston Globe": ("Boston Globe",),
    "The Guardian": (),
    "The Sunday Times": (),
    "The Daily Telegraph": ("The Telegraph",),
    "Financial Times": ("FT",),
    "The Economist": (),
    "The Independent": (),
    "Daily Mail": ("Mail Online",),
    "The Atlantic": (),
    "The New Yorker": (),
    "Politico": ("POLITICO",),
    "Axios": (),
    "The Hill": (),
    "Newsweek": (),
    "Time magazine": (),
    "Newsmax": (),
    "Breitbart News": ("Breitbart",),
    "HuffPost": ("Huffington Post", "The Huffington Post"),
    "BuzzFeed News": (),
    "The Daily Beast": (),
    "The Intercept": (),
    "ProPublica": (),
    "Der Spiegel": ("Spiegel",),
    "Le Monde": (),
    "Le Figaro": (),
    "El País": ("El Pais",),
    "Haaretz": (),
    "The Times of Israel": (),
    "The Times of India": ("Times of India",),
    "The Jerusalem Post": ("Jerusalem Post",),
    "South China Morning Post": (),
    "Global Times": (),
    "Kyiv Independent": ("The Kyiv Independent",),
    "PolitiFact": ("Politifact",),
    "RealClearPolitics": (),
    "FactCheck.org": (),
    "Drudge Report": ("The Drudge Report",),
    "The Daily Caller": ("Daily Caller",),
    "The Daily Wire": ("Daily Wire",),
    "Mother Jones": (),
    "National Review": (),
    "The Federalist": (),
    "Washington Examiner": ("The Washington Examiner",),
    "The Washington Times": ("Washington Times",),
    "Salon": (),
    "Vice News": (),
    "Yahoo News": (),
    "Business Insider": (),
    "Forbes": (),
    "CNS News": ("CNSNews",),
    "Zero Hedge": ("ZeroHedge",),
    "Univision": (),
    "Telemundo": (),
    "C-SPAN": (),
    "The Dallas Morning News": ("Dallas Morning News",),
    "Chicago Sun-Times": (),
    "San Francisco Chronicle": (),
    "Miami Herald": ("The Miami Herald",),
    "The Arizona Republic": ("Arizona Republic",),
    "Sputnik": (),
    "Novaya Gazeta": (),
    "N1": (),
    "Radio Television of Serbia": ("RTS",),
    "Balkan Insight": ("BIRN",),
}

# "The X Times" is a newspaper whatever the context; "The X Today" needs the context to say so.
PLAIN_HEADS = words(
    "Times Post Journal Herald Tribune Gazette Chronicle Telegraph Courier Inquirer Examiner "
    "Dispatch Enquirer Globe Bulletin Sentinel Press"
)
CONTEXT_HEADS = words(
    "Today News Daily Star Sun Mirror Express Standard Review Report Record Register Monitor "
    "Observer Guardian Independent Wire Insider Beast Leader Voice Week Nation Spectator "
    "Mail Reporter Times-Picayune Magazine Online"
)

# Mastheads in other languages ("Le Courrier du Lac", "El Tiempo", "Die Zeit"): outlets when the
# context says so, like the context heads above.
FOREIGN_ARTICLES = "Le|La|Les|El|Il|Lo|Der|Die|Das|De|Het|O|A"
FOREIGN_HEADS = words(
    "Courrier Monde Figaro Temps Matin Soir Journal Quotidien Parisien Libération Croix "
    "Nouvelliste País Mundo Tiempo Nación Universal Comercio Diario Periódico Correo Heraldo "
    "Corriere Repubblica Stampa Messaggero Giornale Gazzetta Zeit Welt Spiegel Presse Tagblatt "
    "Zeitung Kurier Standard Volkskrant Telegraaf Stem Globo Estado Público"
)
_PARTICLE = r"(?:du|de|des|di|del|della|der|do|da|dos|von|van)"

_BEFORE = re.compile(
    r"(?:\btold|\btells|\btelling|\baccording to|\binterview with|\binterviewed by|\bspeaking to"
    r"|\bspoke to|\bspoke with|\bspeaking with|\btalking to|\btalked to|\breported by"
    r"|\bquoted by|\bwrote in|\bwriting in|\bwrote for|\bwriting for|\bpublished by"
    r"|\bpublished in|\breported in|\bop-ed in|\bop-ed for|\bcolumn in|\beditor of|\bwriter for"
    r"|\breporter for|\bcorrespondent for|\bstatement to|\bcomments to|\bremarks to|\bvia)"
    r"[\s,]*$"
)
_AFTER = re.compile(
    r"^\s*(?:reported|reports|has reported|had reported|first reported|has learned|learned"
    r"|revealed|wrote|writes|published|obtained|said in an editorial|editorial)\b"
    r"|^(?:'s|’s)\s+(?:reporter|editor|report|reporting|editorial|interview|correspondent)"
)
_CAPWORD = r"[A-Z][\w'’.&-]*"

# Names that are also an ocean, a hill, a person or a word: outlets only when the context says.
NEEDS_CONTEXT = frozenset(
    {
        "Atlantic",
        "Hill",
        "Guardian",
        "Independent",
        "Economist",
        "Intercept",
        "Bloomberg",
        "Spiegel",
        "Anadolu",
        "Kyodo",
        "Salon",
        "Forbes",
        "Sputnik",
    }
)


@dataclass(frozen=True)
class OutletMatch:
    """A stretch of text naming an outlet, and the outlet's canonical name."""

    start: int
    end: int
    name: str


def find_outlets(text: str) -> list[OutletMatch]:
    """Every outlet named in the text: known names, shaped names, then short back-references."""
    found = list(_known(text))
    shaped = [m for m in (*_shaped(text), *_foreign_shaped(text)) if not _covered(m, found)]
    found += shaped
    found += _repeats(text, shaped, found)
    found += [m for m in _short_references(text, found) if not _covered(m, found)]
    return sorted(found, key=lambda m: m.start)


def _covered(match: OutletMatch, others: list[OutletMatch]) -> bool:
    return any(o.start < match.end and match.start < o.end for o in others)


def _known(text: str) -> Iterator[OutletMatch]:
    pattern, canonical = _known_pattern()
    for match in pattern.finditer(text):
        alias = match.group("name")
        if alias in NEEDS_CONTEXT and not _context_says_outlet(text, match):
            continue
        name = canonical[alias]
        # "The" belongs to the name only when the outlet's own name has it, and is capitalised.
        with_the = match.group("the") == "The " and name.startswith("The ")
        yield OutletMatch(match.start() if with_the else match.start("name"), match.end(), name)


@lru_cache(maxsize=1)
def _known_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    canonical = {}
    for name, aliases in KNOWN_OUTLETS.items():
        for alias in (name, *aliases):
            canonical[_without_the(alias)] = name
    body = "|".join(re.escape(n) for n in sorted(canonical, key=len, reverse=True))
    # No letter or digit may touch a name: "AP" is not in "APEC", "RT" not in "RTS".
    pattern = re.compile(rf"(?P<the>[Tt]he )?(?<![\w.])(?P<name>{body})(?![\w]|\.\w)")
    return pattern, canonical


def _without_the(name: str) -> str:
    return name[4:] if name.startswith("The ") else name


def _shaped(text: str) -> Iterator[OutletMatch]:
    heads = "|".join(sorted(PLAIN_HEADS | CONTEXT_HEADS, key=len, reverse=True))
    pattern = rf"\b(?P<the>[Tt]he) (?P<words>(?:{_CAPWORD} ){{1,3}})(?P<head>{heads})\b"
    for match in re.finditer(pattern, text):
        if match.group("head") in PLAIN_HEADS or _context_says_outlet(text, match):
            start = match.start() if match.group("the") == "The" else match.start("words")
            name = f"The {match.group('words')}{match.group('head')}"
            yield OutletMatch(start, match.end(), name)


def _foreign_shaped(text: str) -> Iterator[OutletMatch]:
    """Mastheads in other languages, where the context says an outlet is meant."""
    heads = "|".join(sorted(FOREIGN_HEADS, key=len, reverse=True))
    tail = rf"(?: {_PARTICLE} {_CAPWORD}| {_CAPWORD}){{0,2}}"
    pattern = rf"\b(?:{FOREIGN_ARTICLES}) (?:{heads})\b{tail}"
    for match in re.finditer(pattern, text):
        if _context_says_outlet(text, match):
            yield OutletMatch(match.start(), match.end(), match.group(0))


def _context_says_outlet(text: str, match: re.Match[str]) -> bool:
    before = text[max(0, match.start() - 40) : match.start()]
    after = text[match.end() : match.end() + 40]
    return bool(_BEFORE.search(before) or _AFTER.search(after))


def _repeats(text: str, shaped: list[OutletMatch], found: list[OutletMatch]) -> list[OutletMatch]:
    """Once a shaped name is an outlet, its other mentions in the article are too."""
    more: list[OutletMatch] = []
    for surface, name in {text[m.start : m.end]: m.name for m in shaped}.items():
        for match in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            candidate = OutletMatch(match.start(), match.end(), name)
            if not _covered(candidate, found + more):
                more.append(candidate)
    return more


def _short_references(text: str, found: list[OutletMatch]) -> Iterator[OutletMatch]:
    """'the Post' or 'The Times' stands for the one outlet of the article ending so."""
    by_head: dict[str, set[str]] = {}
    for outlet in found:
        head = outlet.name.split()[-1]
        if head in PLAIN_HEADS or head in CONTEXT_HEADS:
            by_head.setdefault(head, set()).add(outlet.name)
    for head, names in by_head.items():
        if len(names) > 1:
            continue  # the Post of two Posts is no one's
        for short in re.finditer(rf"\b(?P<the>[Tt]he) (?P<head>{re.escape(head)})\b", text):
            start = short.start() if short.group("the") == "The" else short.start("head")
            yield OutletMatch(start, short.end(), next(iter(names)))
