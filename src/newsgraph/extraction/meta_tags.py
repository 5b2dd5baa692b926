"""`<meta>` and `<link>` tags, microdata (itemprop) and `<time>` elements, gathered once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import cast

from newsgraph.extraction.parse import Element, text_of

_MAX_VALUE = 2000  # longer content attributes are page data, not metadata


@dataclass
class PageTags:
    """What a page says about itself in tags: meta names, links and microdata properties."""

    meta: dict[str, list[str]] = field(default_factory=dict)  # lower-cased name -> values
    links: dict[str, list[str]] = field(default_factory=dict)  # lower-cased rel -> hrefs
    itemprops: dict[str, list[Element]] = field(default_factory=dict)

    def first(self, *names: str) -> tuple[str, str]:
        """The first non-empty value among meta `names`, in the order given, and its name."""
        for name in names:
            for value in self.meta.get(name, ()):
                if value:
                    return value, name
        return "", ""

    def all(self, *names: str) -> list[str]:
        """Every non-empty value of the meta `names`, in order, without repeats."""
        values = [v for name in names for v in self.meta.get(name, ()) if v]
        return list(dict.fromkeys(values))


def read_tags(tree: Element) -> PageTags:
    """Meta names (name, property, itemprop, http-equiv), link rels and itemprop elements."""
    meta: dict[str, list[str]] = defaultdict(list)
    links: dict[str, list[str]] = defaultdict(list)
    itemprops: dict[str, list[Element]] = defaultdict(list)
    for element in tree.iter("meta", "link"):
        if element.tag == "meta":
            _add_meta(element, meta)
        else:
            _add_link(element, links)
    for element in cast(list[Element], tree.xpath("//*[@itemprop]")):
        for prop in str(element.get("itemprop") or "").lower().split():
            itemprops[prop].append(element)
    return PageTags(dict(meta), dict(links), dict(itemprops))


def _add_meta(element: Element, meta: dict[str, list[str]]) -> None:
    content = " ".join((element.get("content") or "").split())[:_MAX_VALUE]
    for attribute in ("name", "property", "itemprop", "http-equiv"):
        for name in (element.get(attribute) or "").lower().split():
            meta[name].append(content)


def _add_link(element: Element, links: dict[str, list[str]]) -> None:
    href = (element.get("href") or "").strip()
    for rel in (element.get("rel") or "").lower().split():
        if href:
            links[rel].append(href)


def itemprop_value(element: Element) -> str:
    """A microdata property's value: content, datetime, href/src, else the element's text."""
    for attribute in ("content", "datetime"):
        value = str(element.get(attribute) or "")
        if value:
            return value.strip()
    if element.tag in ("a", "link"):
        return (element.get("href") or "").strip()
    if element.tag in ("img", "meta"):
        return (element.get("src") or "").strip()
    return " ".join(text_of(element).split())


def time_elements(tree: Element) -> list[Element]:
    """Every `<time>` element, in document order."""
    return list(tree.iter("time"))
