"""Parse an HTML page once, with lxml, for every reader that needs the tree."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import cast

import lxml.etree

from newsgraph.errors import MalformedInput

# Plain lxml elements: lxml.html's element classes cost a Python call for every node touched,
# a tenth of the extractor's time, and we use none of their extra methods.
Element = lxml.etree._Element

# libxml2 drops whatever follows a closing </body> or </html>, and templates often close them
# early (a widget, an ad block) with the article still to come; browsers ignore such closers.
_EARLY_END = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)


def parse_html(html: str) -> Element:
    """The page's element tree; a page nested past libxml2's depth limit is refused."""
    parser = lxml.etree.HTMLParser(recover=True, remove_comments=True, remove_pis=True)
    try:
        tree = lxml.etree.fromstring(_EARLY_END.sub("", html), parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as exc:
        raise MalformedInput(f"the HTML cannot be parsed: {exc}") from None
    if tree is None:
        raise MalformedInput("the HTML holds no elements")
    # libxml2 stops at 256 levels and silently drops the rest; refuse rather than truncate.
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        raise MalformedInput("the HTML is nested deeper than the parser's limit of 256 levels")
    return tree


def text_of(element: Element) -> str:
    """All the text inside an element (not its tail)."""
    return "".join(strings(element))


def strings(element: Element) -> Iterator[str]:
    """The text pieces inside an element; an HTML parse only ever gives str."""
    return cast(Iterator[str], element.itertext())
