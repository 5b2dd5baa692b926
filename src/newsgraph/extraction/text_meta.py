"""Page metadata a scraped text still shows: tag lines, CMS field blocks, the site's name."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from newsgraph.extraction.dates import check_date
from newsgraph.extraction.text_byline import Dated, dates_in
from newsgraph.extraction.text_lines import Line
from newsgraph.extraction.text_title import breadcrumbs, normalised, title_separators

_TAG_LABEL = re.compile(
    r"^(?:related )?(?:tags?|topics?|keywords?|tagged(?: with)?|filed under|etiquetas|"
    r"schlagwörter|étiquettes|argomenti|теги|метки)\s*[:|]?\s*",
    re.IGNORECASE,
)
_TAG_SEPARATORS = re.compile(r"\s*[|,;·•]\s*")
_COPYRIGHT = re.compile(
    r"(?:©|ⓒ|\(c\)|copyright)\s*(?:ⓒ|©)?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?[\s,]*"
    r"(?P<name>[^.,|©]+?)\s*(?:[.,|]|all rights|$)",
    re.IGNORECASE,
)
_ORGANISATION = re.compile(r",?\s*\b(?:inc|llc|ltd|gmbh|corp|plc|s\.a|co)\.?$", re.IGNORECASE)
MAX_TAG_WORDS = 4
MIN_TAGS = 2
MIN_BLOCK_LINES = 3
MAX_SECTION_WORDS = 3
MAX_SITE_WORDS = 6
MIN_DESCRIPTION_WORDS = 8


@dataclass
class MetadataBlock:
    """Fields a CMS printed as bare lines next to a copy of the lead paragraph."""

    description: str = ""
    section: str = ""
    keywords: list[str] = field(default_factory=list)
    publisher: str = ""
    dates: list[Dated] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_tags(lines: list[Line]) -> list[str]:
    """The tags of a "Tags: a | b | c" line, or of the short lines a "Tags:" line heads."""
    for i, line in enumerate(lines):
        label = _TAG_LABEL.match(line.text)
        if not label:
            continue
        rest = line.text[label.end() :]
        tags = _as_list(rest) if rest else _block_after(lines, i)
        if tags:
            return tags
    return []


def _as_list(text: str) -> list[str]:
    items = [item.strip() for item in _TAG_SEPARATORS.split(text) if item.strip()]
    if len(items) < MIN_TAGS or any(len(item.split()) > MAX_TAG_WORDS for item in items):
        return []
    return items


def _block_after(lines: list[Line], i: int) -> list[str]:
    if i + 1 >= len(lines):
        return []
    following = [line for line in lines[i + 1 :] if line.block == lines[i + 1].block]
    items = [line.text for line in following if line.words <= MAX_TAG_WORDS]
    return items if len(items) == len(following) and len(items) >= MIN_TAGS else []


def read_metadata_block(
    lines: list[Line], lead: str, body: range, dayfirst: bool | None = None
) -> MetadataBlock | None:
    """The block outside the body that repeats the lead paragraph among bare field values."""
    wanted = normalised(lead)
    for line in lines:
        if line.index in body or line.block_size < MIN_BLOCK_LINES:
            continue
        text = normalised(line.text)
        if len(text.split()) >= MIN_DESCRIPTION_WORDS and wanted.startswith(text):
            block = [other for other in lines if other.block == line.block]
            return _read_fields(block, line, dayfirst)
    return None


def _read_fields(block: list[Line], description: Line, dayfirst: bool | None) -> MetadataBlock:
    found = MetadataBlock(description=description.text)
    for line in block:
        if line is description or line.text.isdigit():
            continue
        if check_date(line.text, dayfirst=dayfirst) is not None:
            dates, problems = dates_in(line.text, "metadata-block", dayfirst)
            found.dates += dates
            found.problems += problems
        elif _as_list(line.text) and "," in line.text:
            found.keywords = _as_list(line.text)
        elif _ORGANISATION.search(line.text):
            found.publisher = _ORGANISATION.sub("", line.text).strip(" ,")
        elif line.index < description.index and _is_label(line) and not found.section:
            found.section = line.text
    return found


def _is_label(line: Line) -> bool:
    return 1 <= line.words <= MAX_SECTION_WORDS and not any(c.isdigit() for c in line.text)


def site_from_title(page_title: str, headline: str) -> str:
    """The site's name: what the page title adds to the headline ("Headline - Site" -> Site)."""
    wanted = normalised(headline)
    separators = list(title_separators(page_title))
    for separator in separators:
        if normalised(page_title[: separator.start()]) == wanted:
            return _site_name(page_title[separators[-1].end() :])
        if normalised(page_title[separator.end() :]) == wanted:
            return _site_name(page_title[: separators[0].start()])
    return ""


def site_from_copyright(lines: list[Line], after: int) -> str:
    """The name in the first copyright line at or below `after` ("© 2025 Newsmax." -> Newsmax)."""
    for line in lines[after:]:
        found = _COPYRIGHT.search(line.text)
        name = _site_name(found["name"]) if found else ""
        if name:
            return name
    return ""


def site_from_url(url: str | None) -> str:
    """The URL's host name without "www."."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else ""


def read_breadcrumb(lines: list[Line], headline: int) -> str:
    """The last section of a "Home > News > Politics" line just above or below the headline."""
    for line in lines[max(0, headline - 2) : headline + 3]:
        sections = [c for c in breadcrumbs(line.text) if len(c.split()) <= MAX_SECTION_WORDS]
        if len(sections) >= 2 and line.index != headline:
            return sections[-1]
    return ""


def _site_name(text: str) -> str:
    name = text.strip(" .,-|")
    return name if name and len(name.split()) <= MAX_SITE_WORDS else ""
