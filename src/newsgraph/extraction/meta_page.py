"""The visible page: the article's area, its byline, its dateline and its `<time>` elements."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.etree

from newsgraph.extraction.parse import Element, strings, text_of

_AUTHOR_HINT = re.compile(r"byline|author|writer|reporter|journalist|autor|auteur|signature")
_DATE_HINT = re.compile(
    r"date|time|publish|posted|dateline|timestamp|updated|byline|meta|datum|fecha|data|info"
)
# Areas whose bylines and dates belong to other articles or to readers, not to this one.
_ELSEWHERE = re.compile(
    r"comment|related|recommend|sidebar|widget|popular|trending|most-?read|newsletter|promo"
    r"|teaser|share|social|footer|breadcrumb|menu"
)
_ELSEWHERE_TAGS = frozenset(("nav", "aside", "footer", "form", "select", "button"))
_NEVER_BYLINE = frozenset(("select", "svg", "script", "style", "noscript", "template"))
_UPDATE_WORDS = re.compile(
    r"(?:updated?|modified|edited|revised|last\s+changed|aktualisiert|mis\s+à\s+jour|actualizad[oa]"
    r"|aggiornat[oa]|atualizad[oa]|bijgewerkt|обновлено|оновлено|güncelleme)\W{0,3}[^\d]{0,20}$",
    re.IGNORECASE,
)
_BY_RE = re.compile(r"^\s*(?:by|por|par|von|door|di)(?::\s*|\s+)\S", re.IGNORECASE)
_LABEL_RE = re.compile(
    r"(?:(?:written|posted|article|words|story|text|reviewed|published)\s+)?by:?|authors?:?"
    r"|autor(?:in)?:?|auteur:?",
    re.IGNORECASE,
)
# Links to an author's page name the author ("/author/jane-doe", "/authors/jane-doe/").
_AUTHOR_LINK_RE = re.compile(
    r"/(?:author|authors|writers?|people|profiles?|journalists?)/[\w.-]+/?$"
)
_INVISIBLE = frozenset(("script", "style", "template", "noscript", "svg"))
# Elements whose text stands apart from its neighbours' (spans too: bylines glue them).
_BLOCK_TAGS = (
    "p div li ul ol h1 h2 h3 h4 h5 h6 br td th tr section article header footer aside nav main "
    "figure figcaption time blockquote dd dt table span"
)
_BLOCKS = frozenset(_BLOCK_TAGS.split())
_MAX_TEXT = 250  # a longer element is a paragraph or a bio, not a byline or a dateline


@dataclass
class Visible:
    """Visible signals, in document order, from the article area first."""

    # (text, signal, explicit): explicit when markup says it is the author (rel, itemprop).
    bylines: list[tuple[str, str, bool]] = field(default_factory=list)
    datelines: list[tuple[str, bool]] = field(default_factory=list)  # (text, is an update)
    times: list[tuple[str, bool]] = field(default_factory=list)  # (value, is an update)
    tags: list[str] = field(default_factory=list)  # link texts of a "tags" list, rel="tag"
    lead_text: str = ""  # the first words after the headline, for a last-resort date


def find_headline(tree: Element, title_hint: str = "") -> Element | None:
    """The `<h1>` that holds the article's headline: the one the title names, else the first
    outside the page header (a site's logo is often an `<h1>` too)."""
    headings = list(tree.iter("h1"))
    hint = _squash(title_hint)
    named = [(len(text), h) for h in headings if (text := _squash(visible_text(h)))]
    named = [(size, h) for size, h in named if size >= 10 and hint and _overlaps(h, hint)]
    if named:  # outside the page header, the longest: a logo's name is in "Headline | Site"
        return max(named, key=lambda pair: (not _in_page_header(pair[1]), pair[0]))[1]
    outside = [h for h in headings if not _in_page_header(h)]
    return next(iter(outside or headings), None)


def _overlaps(heading: Element, hint: str) -> bool:
    text = _squash(visible_text(heading))
    return text in hint or hint in text or (len(text) >= 16 and text[:16] == hint[:16])


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


def _in_page_header(element: Element) -> bool:
    return any(node.tag in ("header", "nav") for node in element.iterancestors())


def article_scope(
    tree: Element,
    body_node: Element | None,
    headline: Element | None = None,
) -> Element:
    """The element that holds the article: headline, byline, dateline and body."""
    if body_node is not None:
        return _climb_to_headline(body_node)
    if headline is None:
        headline = find_headline(tree)
    if headline is not None:
        article = next((a for a in headline.iterancestors("article")), None)
        return article if article is not None else _ancestor(headline, 3)
    body = tree.find("body")
    return body if body is not None else tree


def _climb_to_headline(node: Element) -> Element:
    current = node
    for _ in range(5):
        if current.tag == "article" or next(current.iter("h1"), None) is not None:
            return current
        parent = current.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        current = parent
    return _ancestor(node, 2)


def _ancestor(node: Element, levels: int) -> Element:
    for _ in range(levels):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        node = parent
    return node


# Lower-case text, case-sensitive pattern: IGNORECASE makes an alternation several times slower.
_ANY_HINT = re.compile(
    r"byline|author|writer|reporter|journalist|autor|auteur|signature|date|time|publish|posted"
    r"|timestamp|updated|meta|datum|fecha|data|info|tag|keyword|topic"
)
_LABEL_START = re.compile(  # on lower-cased text: faster than IGNORECASE
    r"\s*(?:by|por|par|von|door|di|written|posted|article|words|story|text|reviewed|published"
    r"|authors?|autor|auteur)\b"
)


_TAGS_HINT = re.compile(r"(?:^|[\s_-])(?:tags|tag-?list|tag-?links|keywords|topics)(?:$|[\s_-])")


def read_visible(
    tree: Element,
    body_node: Element | None = None,
    headline: Element | None = None,
) -> Visible:
    """Bylines, datelines and `<time>` values in the order they are trusted: the article area
    around its text first (where bylines sit), then the text itself, then the rest of the page."""
    scope = article_scope(tree, body_node, headline)
    root = tree.find("body")
    root = scope if root is None else root
    areas = [Visible(), Visible(), Visible()]
    walker = lxml.etree.iterwalk(root, events=("start",))
    for _, element in walker:
        if element.tag in _NEVER_BYLINE:  # skip the whole subtree: code, drawings, menus
            walker.skip_subtree()
        elif isinstance(element.tag, str) and _may_hold_byline_or_date(element):
            _read_element(element, areas[_area(element, scope, body_node)])
    found = areas[0]
    for later in areas[1:]:
        found.bylines += later.bylines
        found.datelines += later.datelines
        found.times += later.times
        found.tags += later.tags
    found.lead_text = _lead_text(scope, headline)
    return found


def _area(
    element: Element,
    scope: Element,
    body_node: Element | None,
) -> int:
    """0: the article area outside its text; 1: inside the text; 2: elsewhere on the page."""
    if not _within(element, scope):
        return 2
    return 1 if body_node is not None and _within(element, body_node) else 0


def _may_hold_byline_or_date(element: Element) -> bool:
    """A cheap first test, run on every element: hints in class or id, a `<time>`, an author
    link or property, or text that starts like a byline label."""
    hints = (element.get("class") or "") + " " + (element.get("id") or "")
    if len(hints) > 1 and _ANY_HINT.search(hints.lower()):
        return True
    if element.tag == "time" or "author" in (element.get("itemprop") or "").lower():
        return True
    if element.tag == "a" and (_is_author_link(element) or _is_tag_link(element)):
        return True
    text = element.text
    return text is not None and 0 < len(text) < 100 and _LABEL_START.match(text.lower()) is not None


def _is_tag_link(element: Element) -> bool:
    return "tag" in (element.get("rel") or "").lower().split()


def _read_tags(element: Element, hints: str, found: Visible) -> None:
    """Link texts of a tag list (class "tags", "post-tags") or a rel="tag" link."""
    if element.tag == "a" and _is_tag_link(element):
        links = [element]
    elif _TAGS_HINT.search(hints):
        links = list(element.iter("a"))[:30]
    else:
        return
    texts = (" ".join(text_of(link).split()) for link in links)
    found.tags += [text.lstrip("#") for text in texts if 0 < len(text) <= 40]


def _within(element: Element, scope: Element) -> bool:
    return element is scope or any(a is scope for a in element.iterancestors())


def _read_element(element: Element, found: Visible) -> None:
    hints = f"{element.get('class', '')} {element.get('id', '')}".lower()
    if not _is_elsewhere(element):
        _read_tags(element, hints, found)
    is_time = element.tag == "time"
    is_author = _is_author_element(element, hints)
    is_dated = bool(_DATE_HINT.search(hints))
    label_name = _name_after_label(element)
    if not (is_time or is_author or is_dated or label_name) or _is_elsewhere(element):
        return
    if label_name:
        found.bylines.append((label_name, "byline", False))
    if is_time:
        value = element.get("datetime") or _short_text(element)
        if value:
            found.times.append((value, _is_update_element(element, hints)))
        return
    text = _short_text(element)
    if is_author and text:
        found.bylines.append((text, _author_signal(element), _explicit_author(element)))
    if (is_dated or is_author) and text:
        found.datelines.append((text, _is_update_element(element, hints)))


def _name_after_label(element: Element) -> str:
    """The name a byline label introduces: "By Jane Doe" in one element, or "Written by"
    in one and the name in the next."""
    own = " ".join((element.text or "").split())
    if not own or len(own) > 80:
        return ""
    if _BY_RE.match(own):
        return _short_text(element)
    if not _LABEL_RE.fullmatch(own) or len(element):
        return ""
    following = element.getnext()
    parent = element.getparent()
    if following is None and parent is not None:
        following = parent.getnext()
    return _short_text(following) if following is not None else ""


def _is_author_link(element: Element) -> bool:
    if "author" in (element.get("rel") or "").lower().split():
        return True
    return _AUTHOR_LINK_RE.search(element.get("href") or "") is not None


def _is_author_element(element: Element, hints: str) -> bool:
    if element.tag == "a" and _is_author_link(element):
        return True
    if "author" in (element.get("itemprop") or "").lower():
        return True
    return bool(_AUTHOR_HINT.search(hints)) and "bio" not in hints and "avatar" not in hints


def _explicit_author(element: Element) -> bool:
    rel = (element.get("rel") or "").lower().split()
    return "author" in rel or "author" in (element.get("itemprop") or "").lower()


def _author_signal(element: Element) -> str:
    return "microdata" if "author" in (element.get("itemprop") or "").lower() else "byline"


def _is_update_element(element: Element, hints: str) -> bool:
    prop = (element.get("itemprop") or "").lower()
    return "modif" in prop or (bool(re.search(r"updat|modif", hints)) and "publish" not in hints)


def _short_text(element: Element) -> str:
    """The element's text when it is short; "" for long blocks (cheap to refuse early)."""
    if sum(1 for _ in element.iter()) > 40:
        return ""
    # Words of adjacent inline elements are kept apart ("Jane Doe" + "Published" + "May 3").
    text = " ".join(" ".join(strings(element)).split())
    return text if len(text) <= _MAX_TEXT else ""


def _is_elsewhere(element: Element) -> bool:
    node: Element | None = element
    while node is not None and node.tag not in ("body", "html", "article", "main"):
        if node.tag in _ELSEWHERE_TAGS and not _footer_of_article(node):
            return True
        hints = f"{node.get('class', '')} {node.get('id', '')}".lower()
        if _ELSEWHERE.search(hints):
            return True
        node = node.getparent()
    return False


def _footer_of_article(node: Element) -> bool:
    """An article's own `<footer>` holds its byline and dates; the page's footer does not."""
    return node.tag == "footer" and any(a.tag == "article" for a in node.iterancestors())


def update_marked(text_before: str) -> bool:
    """Whether the words just before a date say it is an update ("Updated:", "aktualisiert")."""
    return bool(_UPDATE_WORDS.search(text_before[-40:]))


def _lead_text(scope: Element, headline: Element | None) -> str:
    """Up to 600 characters of text after the headline: where a dateline usually sits."""
    headline = headline if headline is not None else next(scope.iter("h1"), None)
    if headline is None or not any(a is scope for a in headline.iterancestors()):
        return visible_text(scope, limit=600)[:600]
    return visible_text(scope, after=headline, limit=600)[:600]


def visible_text(
    element: Element,
    *,
    after: Element | None = None,
    limit: int | None = None,
) -> str:
    """The element's text without scripts and styles, blocks kept apart, white space collapsed;
    only what follows `after` when given, and stopping soon past `limit` characters."""
    parts: list[str] = []
    size, hidden = 0, 0  # characters kept; depth inside a script or style
    started = after is None
    for event, node in lxml.etree.iterwalk(element, events=("start", "end")):
        if not isinstance(node.tag, str):
            continue
        if node.tag in _INVISIBLE:
            hidden += 1 if event == "start" else -1
        text = node.text if event == "start" else (node.tail if node is not element else "")
        if started and not hidden:
            parts.append((" " if node.tag in _BLOCKS else "") + (text or ""))
            size += len(text or "")
            if limit is not None and size > 2 * limit:  # white space is collapsed after
                break
        if after is not None and node is after and event == "end":
            started = True
            parts.append(" " + (after.tail or ""))
    return " ".join("".join(parts).split())
