"""Recognise boilerplate by tag, ARIA role, visibility and the words of class names and ids.

Two grades. `SKIP_TAGS` never hold body text (scripts, media, form fields): the walk does not
enter them. Everything else that `looks_boilerplate` (a <nav>, a <footer>, role="navigation",
class="share-bar", style="display:none") is only a suspect: names mislead ("has-sidebar" on the
element holding the story) and broken markup can leave the story inside an unclosed <nav>, so
`body_select.mark_furniture` drops a suspect only when it does not hold most of the page's
running text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsgraph.extraction.parse import Element

# Never body text: code, media, form fields, the document head.
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "source", "track", "map", "img", "picture", "select",
    "option", "input", "textarea", "head", "title", "meta", "link",
})  # fmt: skip
# Page furniture and controls: suspects by their tag alone.
FURNITURE_TAGS = frozenset({
    "nav", "header", "footer", "aside", "menu", "figure", "figcaption", "dialog", "button",
    "label",
})  # fmt: skip
# Their classes describe the whole page ("single-post has-sidebar"), never one part of it.
PAGE_TAGS = frozenset({"html", "body"})
FURNITURE_ROLES = frozenset({
    "navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search",
    "menu", "menubar", "toolbar", "tablist",
})  # fmt: skip
# Roots that mark furniture as the first or last word of a name, alone or in a compound
# ("share-bar", "site-footer", "mainNav", "socialicons").
JUNK_ROOTS = (
    "nav", "menu", "breadcrumb", "share", "sharing", "social", "cookie", "consent", "gdpr",
    "newsletter", "subscribe", "signup", "related", "recommend", "comment", "disqus",
    "sidebar", "footer", "advert", "sponsor", "promo", "caption", "credit", "byline",
    "popup", "modal", "outbrain", "taboola", "paywall", "toolbar", "pagination", "pager",
)  # fmt: skip
# Roots telling enough to mark furniture from the middle of a name too ("wp-caption-text").
TELLING_ROOTS = (
    "caption", "cookie", "consent", "newsletter", "disqus", "outbrain", "taboola",
    "breadcrumb", "advert", "sponsor", "paywall",
)  # fmt: skip
# Whole words only: too short or too common to match inside compounds.
JUNK_WORDS = frozenset({
    "ad", "ads", "adv", "adslot", "dfp", "banner", "tags", "author", "authors", "dateline",
    "meta", "print", "rating", "trending", "popular", "more", "also", "masthead",
})  # fmt: skip
# Exact class names that hide an element from sighted readers.
HIDDEN_CLASSES = frozenset({
    "hidden", "hide", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text",
    "screen-reader-only", "element-invisible", "offscreen",
})  # fmt: skip
_NAME_SEPARATOR = re.compile(r"[\W_]+")
_CAMEL_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def class_words(value: str) -> list[str]:
    """Lower-case words of class names and ids: 'mainNav share-bar' -> main, nav, share, bar.

    Parts with digits ("5f18ad9", the "8" of "col-md-8") are generated, not words.
    """
    words: list[str] = []
    for part in _NAME_SEPARATOR.split(value):
        if part.isalpha():
            words.extend(w.lower() for w in _CAMEL_WORD.findall(part))
    return words


def looks_boilerplate(el: Element) -> bool:
    """Whether this element looks like furniture by its tag, role, visibility or names."""
    tag = el.tag
    if tag in FURNITURE_TAGS:
        return True
    if tag in PAGE_TAGS:
        return False
    # One pass over the attributes: this runs for every block-level element that holds text.
    return any(_attribute_says_furniture(str(key), str(value)) for key, value in el.items())


def _attribute_says_furniture(key: str, value: str) -> bool:
    if key == "class":
        return _junk_classes(value)
    if key == "id":
        return _is_junk_name(value)
    if key == "role":
        return value in FURNITURE_ROLES
    if key == "style":
        return _HIDDEN_STYLE.search(value) is not None
    return key == "hidden" or (key == "aria-hidden" and value == "true")


def has_junk_name(el: Element) -> bool:
    """A class name or id that says navigation, sharing, comments, ads, captions, hidden…."""
    return _junk_classes(el.get("class") or "") or _is_junk_name(el.get("id") or "")


@lru_cache(maxsize=16384)
def _junk_classes(value: str) -> bool:
    return any(_is_junk_name(name) for name in value.split())


@lru_cache(maxsize=16384)  # a site repeats the same few hundred class names on every page
def _is_junk_name(name: str) -> bool:
    """Judge a compound name by its first and last words: "share-bar", "site-footer".

    A word in the middle ("content-nav-section") qualifies the name rather than says what
    the element is, unless it is a telling root.
    """
    if name.lower() in HIDDEN_CLASSES:
        return True
    words = class_words(name)
    if not words:
        return False
    if _is_junk_word(words[0]) or _is_junk_word(words[-1]):
        return True
    return any(word.startswith(TELLING_ROOTS) for word in words[1:-1])


def _is_junk_word(word: str) -> bool:
    return word in JUNK_WORDS or word.startswith(JUNK_ROOTS) or word.endswith(JUNK_ROOTS)
