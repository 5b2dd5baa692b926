"""An HTML page's metadata: every signal it gives, weighed field by field.

`read_metadata` fills an Article's metadata (the body is left empty) and records in
`Article.signals` which signal won each field; `Article.notes` says what was refused or repaired
and `Article.date_confidence` how sure the published date is. meta_dates.py holds the date rules.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from newsgraph.extraction.article import Article
from newsgraph.extraction.meta_dates import choose_dates
from newsgraph.extraction.meta_fields import (
    absolute,
    host_of,
    primary_language,
    strip_site_name,
    trailing_site_name,
    url_section,
)
from newsgraph.extraction.meta_page import visible_text
from newsgraph.extraction.meta_people import clean_authors
from newsgraph.extraction.meta_signals import Page, date_signals, dayfirst_for
from newsgraph.extraction.meta_tags import PageTags
from newsgraph.extraction.parse import Element

META_AUTHORS = (
    "author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
    "dcterms.creator", "byl", "cxenseparse:author",
)  # fmt: skip
HEADLINE_SHARE = 1 / 3  # of the words, for the visible headline to stand for the meta title


def read_metadata(
    tree: Element,
    url: str | None,
    body_node: Element | None = None,
    *,
    now: datetime | None = None,
) -> Article:
    """The page's metadata fields, the signal each came from, date confidence and notes."""
    page = Page(tree, url, body_node)
    article = Article()
    _fill_identity(page, article)
    _fill_people_and_dates(page, article, now or datetime.now(UTC))
    _fill_topics(page, article)
    return article


def _set(article: Article, name: str, value: object, signal: str) -> None:
    if value:
        setattr(article, name, value)
        article.signals[name] = signal


def _first(*candidates: tuple[str, str]) -> tuple[str, str]:
    """The first (value, signal) pair with a value."""
    return next(((v, s) for v, s in candidates if v), ("", ""))


# ---- identity: address, site, title, language ------------------------------------------------


def _fill_identity(page: Page, article: Article) -> None:
    tags, ld = page.tags, page.ld
    canonical = _first(
        (absolute(next(iter(tags.links.get("canonical", [])), ""), page.url), "link"),
        (absolute(tags.first("og:url")[0], page.url), "og"),
        (absolute(ld.url, page.url) if page.is_article_ld else "", "json-ld"),
        (page.url or "", "url"),
    )
    _set(article, "url", *canonical)
    host = host_of(article.url or page.url)
    site = _first(
        (tags.first("og:site_name")[0], "og"),
        (ld.publisher, "json-ld"),
        (tags.first("application-name", "apple-mobile-web-app-title")[0], "meta"),
    )
    _set(article, "site", *site)
    _fill_title(page, article, host)
    _fill_language(page, article)


def _fill_title(page: Page, article: Article, host: str) -> None:
    tags = page.tags
    title_tag = page.tree.findtext(".//title") or ""
    h1 = page.headline
    headline = visible_text(h1) if h1 is not None else ""
    candidates = [
        (page.ld.headline if page.is_article_ld else "", "json-ld"),
        (tags.first("og:title")[0], "og"),
        (tags.first("twitter:title")[0], "twitter"),
        (headline if len(headline) > 10 else "", "h1"),
        (title_tag, "title-tag"),
    ]
    if not article.site:
        site = trailing_site_name(title_tag, [c for c, _ in candidates[:4] if c])
        _set(article, "site", site if len(site) < 60 else "", "title-tag")
    cleaned = [(strip_site_name(text, article.site, host), signal) for text, signal in candidates]
    title, signal = _first(*cleaned)
    # The visible headline is what readers see; a meta title is often rewritten for search
    # engines. The headline wins when it shares a third of its words with the meta title (so
    # a logo or a section name in an <h1> does not).
    if headline and headline != title and _shares_words(headline, title):
        title, signal = headline, "h1"
    _set(article, "title", title, signal)


def _shares_words(headline: str, title: str) -> bool:
    ours, theirs = set(re.findall(r"\w+", headline.lower())), set(re.findall(r"\w+", title.lower()))
    shared = len(ours & theirs) / max(len(ours), len(theirs), 1)
    return len(headline) <= 300 and shared >= HEADLINE_SHARE


def _fill_language(page: Page, article: Article) -> None:
    tags = page.tags
    language = _first(
        (primary_language(page.lang_tag), "html-lang"),
        (primary_language(page.ld.language), "json-ld"),
        (primary_language(tags.first("og:locale")[0]), "og"),
        (primary_language(tags.first("content-language", "dc.language", "language")[0]), "meta"),
    )
    _set(article, "language", *language)


# ---- people and dates ------------------------------------------------------------------------


def _fill_people_and_dates(page: Page, article: Article, now: datetime) -> None:
    _set(article, "authors", *_authors(page, article.site))
    dayfirst = dayfirst_for(page.lang_tag or article.language)
    published, modified = date_signals(page, dayfirst, now)
    choice = choose_dates(published, modified, now)
    if choice.published is not None:
        _set(article, "published", choice.published.iso, choice.published_signal)
    if choice.modified is not None:
        _set(article, "modified", choice.modified.iso, choice.modified_signal)
    article.date_confidence = choice.confidence
    article.notes.extend(choice.notes)


def _authors(page: Page, site: str) -> tuple[list[str], str]:
    """The first signal that names people: JSON-LD, meta tags, then the visible byline."""
    if page.is_article_ld:
        people = [p for p in page.ld.authors if not p.is_org]
        names = [n for p in people for n in clean_authors(p.name, site=site, explicit=True)]
        if names:
            return list(dict.fromkeys(names)), "json-ld"
    for name in META_AUTHORS:
        values = [v for v in page.tags.all(name) if "://" not in v]
        names = [n for value in values for n in clean_authors(value, site=site, explicit=True)]
        if names:
            return list(dict.fromkeys(names)), "og" if name.startswith("article:") else "meta"
    written_by = _twitter_written_by(page.tags)
    if written_by:
        return clean_authors(written_by, site=site, explicit=True), "meta"
    for text, signal, explicit in page.visible.bylines[:8]:
        names = clean_authors(text, site=site, explicit=explicit)
        if names:
            return names, signal
    return [], ""


def _twitter_written_by(tags: PageTags) -> str:
    """The author that a "Written by" twitter label gives (as WordPress SEO plugins write)."""
    for number in ("1", "2"):
        if tags.first(f"twitter:label{number}")[0].lower() == "written by":
            return tags.first(f"twitter:data{number}")[0]
    return ""


# ---- topics: section, tags, description, image -----------------------------------------------


def _fill_topics(page: Page, article: Article) -> None:
    tags, ld = page.tags, page.ld
    section = _first(
        (ld.section if page.is_article_ld else "", "json-ld"),
        (tags.first("article:section")[0], "og"),
        (tags.first("parsely-section", "sailthru.section", "section", "category")[0], "meta"),
        (url_section(article.url or page.url), "url"),
    )
    _set(article, "section", *section)
    keywords = _first_list(
        (tags.all("article:tag"), "og"),
        (ld.keywords if page.is_article_ld else [], "json-ld"),
        (_split_keywords(tags.all("news_keywords", "keywords", "parsely-tags")), "meta"),
        # A visible tag list only when the page was walked for a byline or a date anyway:
        # walking it for tags alone would double the cost of most pages.
        (page.visible.tags if page.walked else [], "links"),
    )
    _set(article, "tags", *keywords)
    description = _first(
        (tags.first("og:description")[0], "og"),
        (tags.first("description")[0], "meta"),
        (tags.first("twitter:description")[0], "twitter"),
        (ld.description, "json-ld"),
    )
    _set(article, "description", *description)
    image = _first(
        (absolute(tags.first("og:image", "og:image:url")[0], page.url), "og"),
        (absolute(tags.first("twitter:image", "twitter:image:src")[0], page.url), "twitter"),
        (absolute(ld.image, page.url), "json-ld"),
        (absolute(next(iter(tags.links.get("image_src", [])), ""), page.url), "link"),
    )
    _set(article, "image", *image)


def _first_list(*candidates: tuple[list[str], str]) -> tuple[list[str], str]:
    for values, signal in candidates:
        cleaned = list(dict.fromkeys(v.strip() for v in values if v.strip()))[:30]
        if cleaned:
            return cleaned, signal
    return [], ""


def _split_keywords(values: list[str]) -> list[str]:
    return [word for value in values for word in value.split(",")]
