"""Already-scraped page text -> Article: find title, byline, dateline and body; drop chrome.

A scraper that kept every block gives one block per line, blank lines between blocks, with the
site's menus, sign-up boxes, related links and footers still in. We read it in steps:

1. lines with their features (`text_lines`): length, sentences, function words, chrome words;
2. the headline (`text_title`): the line repeating the page title or matching the URL slug;
3. the body (`text_body`, `text_extend`): the densest run of prose below the headline, grown
   over the lists and short lines that belong to it, chrome lines inside it dropped;
4. bylines and datelines around the body's top (`text_byline`); tag lines, a CMS block of bare
   field values, the copyright line (`text_meta`).

Every field filled names its signal in `Article.signals`; refused values go to `Article.notes`.
"""

from __future__ import annotations

from newsgraph.extraction.article import Article
from newsgraph.extraction.text_body import body_lines, body_range, join_paragraphs
from newsgraph.extraction.text_byline import (
    Byline,
    Dated,
    best_dates,
    confidence,
    read_byline,
    read_footer,
)
from newsgraph.extraction.text_extend import stops
from newsgraph.extraction.text_language import guess_language
from newsgraph.extraction.text_lines import Line, split_lines
from newsgraph.extraction.text_meta import (
    MetadataBlock,
    read_breadcrumb,
    read_metadata_block,
    read_tags,
    site_from_copyright,
    site_from_title,
    site_from_url,
)
from newsgraph.extraction.text_title import (
    Title,
    nearest_headline,
    page_title,
    repeated_title,
)

MIN_ARTICLE_WORDS = 25
MIN_BODY_WORDS = 8
MIN_LISTED_HEADLINES = 5
# A page with no chrome at all is an article already cleaned: all of it below the title is kept.
MAX_CLEAN_BLOCK_LINES = 3


def extract_text(text: str, url: str | None = None) -> Article:
    """Extract the article a scraped plain-text page holds."""
    lines = split_lines(text)
    title, start, end = _locate(lines, url)
    core = body_lines(lines, start, end)
    language, language_signal = guess_language(" ".join(line.text for line in core))
    # Numeric dates are day first ("10/12/20" is 10 December) except on English pages.
    dayfirst = True if language not in ("", "en") else None
    byline = read_byline(lines, title.line if title else None, start, dayfirst)
    footer = read_footer(lines, end, dayfirst)
    body = [line for line in core if line.index not in {*byline.lines, *footer.lines}]
    article = Article(body=join_paragraphs(body), url=url)
    _set(article, "language", language, language_signal)
    _fill_title(article, title)
    _fill_byline(article, byline)
    block = _fill_meta(article, lines, body, title, dayfirst)
    _fill_dates(article, byline.dates + (block.dates if block else []) + footer.dates)
    article.notes += footer.problems
    article.not_article = not_article_reason(lines, body)
    return article


def _locate(lines: list[Line], url: str | None) -> tuple[Title | None, int, int]:
    """The headline and the body's [start, end) in lines."""
    anchor = repeated_title(lines, url)
    start, end = body_range(lines, anchor.line if anchor else None)
    title = anchor or nearest_headline(lines, start) or page_title(lines)
    if _is_clean(lines):
        return title, _below(title), len(lines)
    return title, start, end


def not_article_reason(lines: list[Line], body: list[Line]) -> str:
    """Why the page is not an article ("" when it is one)."""
    words = sum(line.words for line in body)
    listed = sum(1 for line in lines if 3 <= line.words <= 20 and not line.sentences)
    if not lines:
        return "empty page"
    if words == 0:
        return f"no running text: {listed} headline-like lines" if listed else "no running text"
    if words < MIN_ARTICLE_WORDS and listed >= MIN_LISTED_HEADLINES:
        return f"a list of {listed} headlines with {words} words of running text"
    if words < MIN_BODY_WORDS:
        return f"too little running text ({words} words)"
    return ""


def _is_clean(lines: list[Line]) -> bool:
    if any(stops(line) for line in lines):
        return False
    return all(line.block_size <= MAX_CLEAN_BLOCK_LINES for line in lines)


def _below(title: Title | None) -> int:
    return title.line + 1 if title is not None else 0


def _fill_title(article: Article, title: Title | None) -> None:
    if title is not None:
        article.title = title.text
        article.signals["title"] = title.signal


def _fill_byline(article: Article, byline: Byline) -> None:
    if byline.authors:
        article.authors = byline.authors
        article.signals["authors"] = "byline"
    article.notes += byline.problems


def _fill_meta(
    article: Article,
    lines: list[Line],
    body: list[Line],
    title: Title | None,
    dayfirst: bool | None,
) -> MetadataBlock | None:
    """Tags, a metadata block, the site and the section; the block, for its dates."""
    span = range(body[0].index, body[-1].index + 1) if body else range(0)
    block = read_metadata_block(lines, body[0].text, span, dayfirst) if body else None
    _set(article, "tags", read_tags(lines), "tag-line")
    if block is not None:
        _fill_from_block(article, block)
    _fill_site(article, lines, title, span.start)
    if block is not None:
        _set(article, "site", block.publisher, "metadata-block")
    _set(article, "site", site_from_url(article.url), "url")
    if not article.section and title is not None:
        _set(article, "section", read_breadcrumb(lines, title.line), "breadcrumb")
    return block


def _fill_from_block(article: Article, block: MetadataBlock) -> None:
    _set(article, "description", block.description, "metadata-block")
    _set(article, "section", block.section, "metadata-block")
    _set(article, "tags", block.keywords, "metadata-block")
    article.notes += block.problems


def _fill_site(article: Article, lines: list[Line], title: Title | None, after: int) -> None:
    if title is not None:
        _set(article, "site", site_from_title(lines[0].text, title.text), "title-tag")
    _set(article, "site", site_from_copyright(lines, after), "copyright")


def _fill_dates(article: Article, dates: list[Dated]) -> None:
    """Published and modified: the first dates found, in the order of the signals' trust."""
    published, modified = best_dates(dates)
    if published is not None:
        article.published = published.value.iso
        article.signals["published"] = published.signal
        article.date_confidence = confidence(published)
    if modified is not None:
        article.modified = modified.value.iso
        article.signals["modified"] = modified.signal


def _set(article: Article, name: str, value: str | list[str], signal: str) -> None:
    """Fill a field the page left empty so far, and say where the value came from."""
    if value and not getattr(article, name):
        setattr(article, name, value)
        article.signals[name] = signal
