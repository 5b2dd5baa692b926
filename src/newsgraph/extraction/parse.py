"""Parse an HTML page once, with lxml, for every reader that needs the tree."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from newsgraph.errors import MalformedInput

# libxml2 drops whatever follows a closing </body> or </html>, and templates often close them
# early (a widget, an ad block) with the article still to come; browsers ignore such closers.
_EARLY_END = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)


def parse_html(html: str) -> lxml.html.HtmlElement:
    """The page's element tree; a page nested past libxml2's depth limit is refused."""
    parser = lxml.html.HTMLParser(recover=True, remove_comments=True, remove_pis=True)
    try:
        tree = lxml.html.document_fromstring(_EARLY_END.sub("", html), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise MalformedInput(f"the HTML cannot be parsed: {exc}") from None
    # libxml2 stops at 256 levels and silently drops the rest; refuse rather than truncate.
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        raise MalformedInput("the HTML is nested deeper than the parser's limit of 256 levels")
    return tree
