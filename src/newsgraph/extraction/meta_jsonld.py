"""JSON-LD blocks -> the article's fields: @graph, arrays, @id references, nested authors."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from newsgraph.extraction.parse import Element

# Types that describe the article itself, best first; a page's WebPage node is the fallback.
_ARTICLE_TYPES = (
    "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "reviewnewsarticle", "backgroundnewsarticle", "article", "blogposting", "liveblogposting",
    "report", "techarticle", "scholarlyarticle", "socialmediaposting", "posting",
)  # fmt: skip
_PAGE_TYPES = ("webpage", "itempage", "aboutpage", "collectionpage", "medicalwebpage")
_ORG_TYPES = ("organization", "newsmediaorganization", "corporation", "localbusiness")


@dataclass
class JsonLdPerson:
    """An author as JSON-LD gives it: a name and whether it is typed as an organisation."""

    name: str
    is_org: bool = False
    is_person: bool = False  # typed Person, not merely a name


@dataclass
class JsonLdArticle:
    """The fields newsgraph reads from a page's main JSON-LD node."""

    kind: str = ""  # "article" or "page": which kind of node gave the fields
    headline: str = ""
    authors: list[JsonLdPerson] = field(default_factory=list)
    published: str = ""
    modified: str = ""
    created: str = ""
    publisher: str = ""
    section: str = ""
    keywords: list[str] = field(default_factory=list)
    language: str = ""
    url: str = ""
    description: str = ""
    image: str = ""


def read_jsonld(tree: Element) -> JsonLdArticle | None:
    """The article node's fields (or the web page's when no article is typed), or None."""
    nodes = list(_all_nodes(tree))
    if not nodes:
        return None
    by_id = {str(n["@id"]): n for n in nodes if isinstance(n.get("@id"), str)}
    article = _first_of_types(nodes, _ARTICLE_TYPES)
    page = _first_of_types(nodes, _PAGE_TYPES)
    main = article or page
    if main is None:
        return None
    found = _read_node(main, by_id, "article" if article else "page")
    if article is not None and page is not None:
        _fill_from_page(found, _read_node(page, by_id, "page"))
    return found


def _all_nodes(tree: Element) -> Iterator[dict[str, Any]]:
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        data = _loads(script.text or "")
        yield from _walk(data, depth=0)


def _loads(text: str) -> Any:
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip()
    text = text.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
    try:
        return json.loads(text, strict=False)
    except ValueError:
        pass
    # Hand-written blocks often carry trailing commas; a second try forgives those only.
    try:
        return json.loads(re.sub(r",\s*([}\]])", r"\1", text), strict=False)
    except ValueError:
        return None


def _walk(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    """Every object with a @type, including those in @graph, lists and mainEntity."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        if "@type" in data:
            yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if isinstance(data.get(key), list | dict):
                yield from _walk(data[key], depth + 1)


def _types(node: dict[str, Any]) -> list[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return [k.lower().rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)]


def _first_of_types(nodes: list[dict[str, Any]], wanted: tuple[str, ...]) -> dict[str, Any] | None:
    ranked = [(wanted.index(t), i) for i, n in enumerate(nodes) for t in _types(n) if t in wanted]
    return nodes[min(ranked)[1]] if ranked else None


def _read_node(node: dict[str, Any], by_id: dict[str, Any], kind: str) -> JsonLdArticle:
    return JsonLdArticle(
        kind=kind,
        headline=_text(node.get("headline")) or _text(node.get("name")),
        authors=_people(node.get("author") or node.get("creator"), by_id),
        published=_text(node.get("datePublished")),
        modified=_text(node.get("dateModified")),
        created=_text(node.get("dateCreated")),
        publisher=_name_of(_resolve(node.get("publisher"), by_id)),
        section=_first_text(node.get("articleSection")),
        keywords=_keywords(node.get("keywords")),
        language=_text(node.get("inLanguage")),
        url=_url_of(node.get("url")) or _url_of(node.get("mainEntityOfPage")),
        description=_text(node.get("description")),
        image=_url_of(node.get("image")) or _url_of(node.get("thumbnailUrl")),
    )


def _fill_from_page(found: JsonLdArticle, page: JsonLdArticle) -> None:
    """Fields the article node leaves empty, taken from the page node around it."""
    for name in ("published", "modified", "language", "url", "image", "publisher"):
        if not getattr(found, name):
            setattr(found, name, getattr(page, name))
    if not found.authors:
        found.authors = page.authors


def _resolve(value: Any, by_id: dict[str, Any]) -> Any:
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and "@id" in value:
        return by_id.get(str(value["@id"]), value)
    return value


def _people(value: Any, by_id: dict[str, Any]) -> list[JsonLdPerson]:
    items = value if isinstance(value, list) else [value]
    people = []
    for item in items[:20]:
        item = _resolve(item, by_id)
        name = _name_of(item)
        if name:
            kinds = _types(item) if isinstance(item, dict) else []
            is_org = any(t in _ORG_TYPES for t in kinds)
            people.append(JsonLdPerson(name, is_org, "person" in kinds))
    return people


def _name_of(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return _name_of(value[0]) if value else ""
    if isinstance(value, dict):
        return _text(value.get("name")) or _text(value.get("alternateName"))
    return ""


def _url_of(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return _url_of(value[0]) if value else ""
    if isinstance(value, dict):
        return _url_of(value.get("url") or value.get("@id") or value.get("contentUrl"))
    return ""


def _text(value: Any) -> str:
    if isinstance(value, str):
        # Many sites HTML-escape their JSON-LD strings ("Maria &amp; Katerina").
        return html.unescape(value).strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        return _text(value.get("@value"))
    return ""


def _first_text(value: Any) -> str:
    return _text(value[0]) if isinstance(value, list) and value else _text(value)


def _keywords(value: Any) -> list[str]:
    if isinstance(value, str):
        return [word.strip() for word in value.split(",") if word.strip()]
    if isinstance(value, list):
        return [text for text in map(_text, value) if text]
    return []
