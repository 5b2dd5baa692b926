"""A page's signals, read once: tags, JSON-LD, the visible page, and every date it gives.

`Page` gathers what html_meta.py weighs; `date_signals` lists the published and modified
date signals in the rank order meta_dates.py decides by.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from functools import cached_property

from newsgraph.extraction.dates import find_dates
from newsgraph.extraction.meta_dates import (
    EARLIEST_YEAR,
    NO_DATE,
    DateSignal,
    agree,
    implausible,
    make_signal,
)
from newsgraph.extraction.meta_fields import url_date
from newsgraph.extraction.meta_jsonld import JsonLdArticle, read_jsonld
from newsgraph.extraction.meta_page import (
    Visible,
    article_scope,
    find_headline,
    read_visible,
    update_marked,
    visible_text,
)
from newsgraph.extraction.meta_tags import PageTags, itemprop_value, read_tags
from newsgraph.extraction.parse import Element

# Meta names, best first. "og" names come from OpenGraph's article namespace.
OG_PUBLISHED = (
    "article:published_time", "og:article:published_time", "article:published",
    "og:published_time", "article:published_date",
)  # fmt: skip
META_PUBLISHED = (
    "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date",
    "dcterms.date", "dc.date.created", "dcterms.created", "publish-date", "publish_date",
    "publishdate", "publication_date", "publication-date", "pubdate", "date", "article.published",
    "cxenseparse:recs:publishtime", "bt:pubdate", "release:date", "published_at",
    "published-date", "published", "og:pubdate", "date.available", "creation_date", "uploaddate",
)  # fmt: skip
OG_MODIFIED = (
    "article:modified_time", "og:article:modified_time", "article:modified", "og:updated_time",
    "article:updated_time", "article:modified_date",
)  # fmt: skip
META_MODIFIED = (
    "dc.date.modified", "dcterms.modified", "last-modified", "bt:moddate", "last_updated_date",
    "last-updated", "revision_date", "updated", "sailthru.lastmodified",
)  # fmt: skip


class Page:
    """Everything read from the page once: tags, JSON-LD, address, headline; the visible
    bylines and datelines only when asked for (`visible`), since walking every element is
    the costliest step and structured data often settles every field."""

    def __init__(self, tree: Element, url: str | None, body_node: Element | None) -> None:
        self.tree = tree
        self.url = url
        self.tags: PageTags = read_tags(tree)
        ld = read_jsonld(tree)
        self.ld = ld or JsonLdArticle()
        self.is_article_ld = ld is not None and ld.kind == "article"
        hint = self.tags.first("og:title")[0] or tree.findtext(".//title") or ""
        self.headline = find_headline(tree, hint)
        self.body_node = body_node
        self.scope = article_scope(tree, body_node, self.headline)
        self.lang_tag = (tree.get("lang") or "").strip().lower()

    @property
    def walked(self) -> bool:
        """Whether the visible page has been read (for a byline or a date) already."""
        return "visible" in self.__dict__

    @cached_property
    def visible(self) -> Visible:
        """Bylines, datelines, `<time>` values and tag lists of the visible page."""
        return read_visible(self.tree, self.body_node, self.headline)


DAYFIRST_ENGLISH = ("en-gb", "en-au", "en-nz", "en-ie", "en-in", "en-za")


def dayfirst_for(lang: str) -> bool | None:
    """Slash dates are day-first outside US English; None lets the parser decide."""
    if not lang or (lang.startswith("en") and lang not in DAYFIRST_ENGLISH):
        return None
    return True


def date_signals(
    page: Page, dayfirst: bool | None, now: datetime
) -> tuple[list[DateSignal], list[DateSignal]]:
    """Published and modified date signals, each list best-ranked first."""
    return _published_signals(page, dayfirst, now), _modified_signals(page, dayfirst)


def _published_signals(page: Page, dayfirst: bool | None, now: datetime) -> list[DateSignal]:
    ld = page.ld
    structured = _jsonld_date(page, "datePublished", ld.published)
    structured += _metas(page, "og", OG_PUBLISHED, dayfirst)
    structured += _microdata(page, "datepublished", dayfirst)
    structured += _metas(page, "meta", META_PUBLISHED, dayfirst)
    in_url = _url_date_signal(page)
    if _settled(structured + in_url, now):
        return structured + in_url
    visible = page.visible
    signals = structured + _time_signals(visible, False, dayfirst) + in_url
    signals += _dateline_signals(visible, False, dayfirst)
    signals += _jsonld_date(page, "dateCreated", ld.created)
    in_image = _image_url_date(page)
    day_in_image = any(s.value and s.value.day for s in in_image)
    if day_in_image:  # a full day in an upload's address outranks words in the text
        signals += in_image
    if not any(s.signal == "dateline" for s in signals):  # else the same words twice
        signals += _lead_text_date(visible, dayfirst)
    if not any(s.value for s in signals):
        signals += _script_date(page.tree)
    if not any(s.value for s in signals):
        signals += _page_text_date(page.tree, dayfirst)
    if not day_in_image:  # a month alone comes last: it mostly supports other signals
        signals += in_image
    return signals


def _url_date_signal(page: Page) -> list[DateSignal]:
    canonical = next(iter(page.tags.links.get("canonical", [])), None)
    og_url = page.tags.first("og:url")[0]
    in_url = url_date(page.url) or url_date(canonical) or url_date(og_url)
    return [DateSignal("url", "path", in_url.iso, in_url)] if in_url else []


def _settled(signals: list[DateSignal], now: datetime) -> bool:
    """Whether structured signals decide the date alone: at least one gives a day, none is
    broken or implausible, and all agree. Only then is the visible page not read for dates."""
    valid = [s.value for s in signals if s.value is not None]
    if any(s.problem and s.problem != NO_DATE for s in signals):
        return False
    if not any(v.day is not None for v in valid) or any(implausible(v, now) for v in valid):
        return False
    return all(agree(valid[0], other) for other in valid[1:])


def _modified_signals(page: Page, dayfirst: bool | None) -> list[DateSignal]:
    signals = _jsonld_date(page, "dateModified", page.ld.modified)
    signals += _metas(page, "og", OG_MODIFIED, dayfirst)
    signals += _microdata(page, "datemodified", dayfirst)
    signals += _metas(page, "meta", META_MODIFIED, dayfirst)
    if any(s.value for s in signals):  # the visible page adds nothing a tag already says
        return signals
    signals += _time_signals(page.visible, True, dayfirst)
    return signals + _dateline_signals(page.visible, True, dayfirst)


def _image_url_date(page: Page) -> list[DateSignal]:
    """The date in the lead image's address: uploads are often filed by day or month."""
    image = page.tags.first("og:image", "twitter:image")[0] or page.ld.image
    if not image:  # else the article's first picture
        image = next((img.get("src") or "" for img in page.scope.iter("img")), "")
    found = url_date(image)
    return [DateSignal("image-url", "path", found.iso, found)] if found else []


def _jsonld_date(page: Page, name: str, raw: str) -> list[DateSignal]:
    prefix = "" if page.is_article_ld else "WebPage "
    return [make_signal("json-ld", prefix + name, raw)] if raw else []


def _metas(
    page: Page, signal: str, names: tuple[str, ...], dayfirst: bool | None
) -> list[DateSignal]:
    found = ((name, page.tags.all(name)) for name in names)
    return [
        make_signal(signal, name, values[0], dayfirst=dayfirst) for name, values in found if values
    ]


def _microdata(page: Page, prop: str, dayfirst: bool | None) -> list[DateSignal]:
    values = [itemprop_value(e) for e in page.tags.itemprops.get(prop, [])]
    value = next((v for v in values if v), "")
    return [make_signal("microdata", prop, value, dayfirst=dayfirst)] if value else []


def _time_signals(visible: Visible, update: bool, dayfirst: bool | None) -> list[DateSignal]:
    """The first `<time>` element of the kind asked (a publication or an update)."""
    for value, is_update in visible.times[:4]:
        if is_update == update:
            return [make_signal("time", "element", value, dayfirst=dayfirst)]
    return []


def _dateline_signals(visible: Visible, update: bool, dayfirst: bool | None) -> list[DateSignal]:
    """The first date of the kind asked in the byline and dateline elements, "Posted …" first."""
    cued = [line for line in visible.datelines[:20] if _PUBLISH_CUE_RE.search(line[0])]
    for text, is_update in cued + visible.datelines[:20]:
        for found in find_dates(text, dayfirst=dayfirst):
            if (is_update or update_marked(text[: found.start])) == update:
                raw = text[found.start : found.end]
                return [DateSignal("dateline", "", raw, found.value)]
    return []


_PUBLISH_CUE_RE = re.compile(
    r"\b(?:posted|published|publié|veröffentlicht|publicado|pubblicato|gepubliceerd|opublikowano"
    r"|опубликовано|yayınlanma)\b",
    re.IGNORECASE,
)


def _lead_text_date(visible: Visible, dayfirst: bool | None) -> list[DateSignal]:
    for found in find_dates(visible.lead_text, dayfirst=dayfirst):
        if not update_marked(visible.lead_text[: found.start]):
            raw = visible.lead_text[found.start : found.end]
            return [DateSignal("text", "after the headline", raw, found.value)]
    return []


# Keys that app-state scripts (not JSON-LD) give the publication date under.
_SCRIPT_DATE_RE = re.compile(
    r"""["'](?:datePublished|date_published|publishDate|publish_date|publishedAt|published_at|"""
    r"""pubDate|firstPublished|first_published_at|first_publication_date)["']\s*:\s*["']([^"']{4,40})["']"""
)


def _script_date(tree: Element) -> list[DateSignal]:
    """Fallback: a publication date that a page's own data script gives under a known key."""
    for script in tree.iter("script"):
        found = _SCRIPT_DATE_RE.search(script.text or "")
        if found:
            return [make_signal("script", "data", found[1])]
    return []


def _page_text_date(tree: Element, dayfirst: bool | None) -> list[DateSignal]:
    """Last resort: the day the page's text names most often (the first of equals)."""
    body = tree.find("body")
    text = visible_text(body if body is not None else tree)[:100_000]
    found = [f for f in find_dates(text, dayfirst=dayfirst) if f.value.year >= EARLIEST_YEAR]
    if not found:
        return []
    counts = Counter(f.value.day_iso for f in found)
    best = max(found, key=lambda f: counts[f.value.day_iso])  # max keeps the first of equals
    raw = text[best.start : best.end]
    return [DateSignal("text", f"page ({counts[best.value.day_iso]}x)", raw, best.value)]
