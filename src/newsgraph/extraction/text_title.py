"""The headline of a scraped page: the title line, its repetition above the body, the URL slug."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from newsgraph.extraction.dates import find_dates
from newsgraph.extraction.text_lines import Line

_WORD = re.compile(r"\w+")
_BREADCRUMB = re.compile(r"\s+[>»›]\s+")
# What sites put between a headline and their name in a page title.
_TITLE_SEPARATORS = re.compile(r"\s+[-|–—:»·•/]\s+|\s+::\s+|:\s+")
# "By Ann Lee", "By | May 2", "Posted by: Bo": a capital, a separator or nothing after "by".
_BYLINE = re.compile(
    r"^(?i:(?:posted |written |words |story |text )?(?:by|par|por|di|von|door|oleh))"
    r"(?:\s*[|:]|\s+[^\W\d_a-z]|\s*$)"
)
MAX_BYLINE_WORDS = 16
# Photo credits and captions: "Vucic (AP)", "(Image: © X)", "Getty Images", "Photo: X".
_CREDIT = re.compile(
    r"\((?:ap|afp|reuters|getty|epa|image|photo|foto|credit)\b[^)]*\)$"
    r"|\b(?:getty images|shutterstock|istock)\b|^(?:image|photo|foto|credit|picture)s?\b",
    re.IGNORECASE,
)
# A short line ending in a name in brackets is a caption with its photo credit.
_NAMED_CREDIT = re.compile(r"\((?:[A-Z][\w.&'’-]*\s?){1,4}\)$")
MAX_CAPTION_WORDS = 8
MAX_TITLE_WORDS = 30
MIN_SLUG_WORDS = 3
SLUG_COVER = 0.6
NEAR_BODY_LINES = 12
TITLE_OVERLAP = 0.6
MAX_DATELINE_WORDS = 16
MIN_DATE_SHARE = 0.3
MAX_CRUMB_WORDS = 4
MIN_TITLE_FORM_WORDS = 2
MAX_SITE_WORDS = 5


@dataclass(frozen=True)
class Title:
    """The headline found, the line it sits on and the signal that found it."""

    text: str
    line: int
    signal: str


def normalised(text: str) -> str:
    """Lower-case words joined by single spaces, for comparing lines."""
    return " ".join(_WORD.findall(text.lower()))


def is_byline(line: Line) -> bool:
    """A short "By …" line."""
    return line.words <= MAX_BYLINE_WORDS and _BYLINE.match(line.text) is not None


def is_credit(line: Line) -> bool:
    """A photo credit or caption label: "Vucic (AP)", "The mayor (Northern Post)"."""
    if _CREDIT.search(line.text):
        return True
    return line.words <= MAX_CAPTION_WORDS and _NAMED_CREDIT.search(line.text) is not None


def looks_like_headline(line: Line) -> bool:
    """Short, not a sentence run, chrome, a byline, a date or a credit, with a capital letter."""
    if not 2 <= line.words <= MAX_TITLE_WORDS or line.chrome or line.comments:
        return False
    if line.text.endswith(".") or is_byline(line) or is_credit(line) or is_dateline(line):
        return False
    return (line.text != line.text.lower() or not line.latin) and not breadcrumbs(line.text)


def is_dateline(line: Line) -> bool:
    """A short line that is mostly a date ("Nov. 19, 2019 8:03 am ET | Updated …")."""
    if line.words > MAX_DATELINE_WORDS:
        return False
    covered = sum(found.end - found.start for found in find_dates(line.text))
    return covered >= MIN_DATE_SHARE * len(line.text)


def breadcrumbs(text: str) -> list[str]:
    """The crumbs of a "Home > News > Politics" line, or [] for any other line."""
    crumbs = [c.strip() for c in _BREADCRUMB.split(text)]
    if len(crumbs) < 2 or not all(len(c.split()) <= MAX_CRUMB_WORDS for c in crumbs[:-1]):
        return []
    return crumbs


def title_separators(page_title: str) -> Iterator[re.Match[str]]:
    """Where a page title separates its headline from the site's name."""
    return _TITLE_SEPARATORS.finditer(page_title)


def _may_be_title(line: Line) -> bool:
    if not 2 <= line.words <= MAX_TITLE_WORDS or line.chrome or line.comments:
        return False
    return not breadcrumbs(line.text)


def title_forms(page_title: str) -> list[str]:
    """The page title and what is left of it with a site's name cut off, longest first.

    The shorter end piece is taken for the site's name ("Headline - Site", "Site | Headline")
    and is never a form on its own: a footer line naming the site is not the headline.
    """
    separators = list(_TITLE_SEPARATORS.finditer(page_title))
    forms = {normalised(page_title)}
    for separator in separators:
        forms.add(normalised(page_title[: separator.start()]))
        forms.add(normalised(page_title[separator.end() :]))
    if separators:
        first = normalised(page_title[: separators[0].start()])
        last = normalised(page_title[separators[-1].end() :])
        forms.discard(min(first, last, key=len))
    long_enough = (f for f in forms if len(f.split()) >= MIN_TITLE_FORM_WORDS)
    return sorted(long_enough, key=len, reverse=True)


def slug_words(url: str | None) -> list[str]:
    """The words of a URL's last meaningful path segment, when it is a readable slug."""
    if not url:
        return []
    segments = [s for s in urlsplit(url).path.split("/") if s]
    for segment in reversed(segments):
        words = [w for w in re.split(r"[-_+.]+", unquote(segment).lower()) if w.isalpha()]
        if len(words) >= MIN_SLUG_WORDS:
            return words
    return []


def slug_cover(line: Line, slug: list[str]) -> float:
    """The share of the slug's words the line has."""
    words = set(normalised(line.text).split())
    return sum(w in words for w in slug) / len(slug) if slug else 0.0


def repeated_title(lines: list[Line], url: str | None) -> Title | None:
    """The line repeating the page's first line (less the site name), or matching the URL."""
    candidates = [line for line in lines[1:] if _may_be_title(line)]
    if lines and _may_be_title(lines[0]):
        texts = [normalised(line.text) for line in candidates]
        for form in title_forms(lines[0].text):
            if form in texts:
                line = candidates[texts.index(form)]
                return Title(line.text, line.index, "repeated-title")
    slug = slug_words(url)
    best = max(candidates, key=lambda line: slug_cover(line, slug), default=None)
    if best is not None and slug_cover(best, slug) >= SLUG_COVER:
        return Title(best.text, best.index, "url-slug")
    return None


def nearest_headline(lines: list[Line], body_start: int) -> Title | None:
    """The headline-like line above the body most like the page title, else the closest."""
    above = lines[max(0, body_start - NEAR_BODY_LINES) : body_start]
    candidates = [line for line in reversed(above) if looks_like_headline(line)]
    if not candidates:
        return None
    like_title = [line for line in candidates if line.index and _title_overlap(line, lines[0])]
    line = like_title[0] if like_title else candidates[0]
    if line.index == 0:
        return page_title(lines)
    return Title(line.text, line.index, "headline")


def page_title(lines: list[Line]) -> Title | None:
    """The first line as the headline, less the site name, when it looks like one."""
    if not lines or not looks_like_headline(lines[0]):
        return None
    return Title(without_site_name(lines[0].text), 0, "first-line")


def without_site_name(page_title: str) -> str:
    """A page title less a site name at its end ("Headline - Site"); else the title as it is."""
    separators = [s for s in _TITLE_SEPARATORS.finditer(page_title) if s.group().strip() != ":"]
    if not separators:
        return page_title
    head = page_title[: separators[-1].start()].strip()
    tail = page_title[separators[-1].end() :]
    # "Ukraine - Russia talks resume" is a headline, not a headline and a site.
    if len(tail.split()) <= MAX_SITE_WORDS and len(tail.split()) < len(head.split()):
        return head
    return page_title


def _title_overlap(line: Line, first: Line) -> bool:
    words = normalised(line.text).split()
    title = set(normalised(first.text).split())
    return sum(w in title for w in words) >= TITLE_OVERLAP * len(words)
