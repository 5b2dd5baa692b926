"""GeoWebNews (Gritta et al. 2019): 200 news articles with every toponym typed and resolved.

`GWN.xml` holds, per article, its text and toponyms: character offsets into the text, a type
and, for resolved ones, a GeoNames id and coordinates. The types split literal places from
associative uses (metonymy, demonyms, modifiers) and from non-toponyms (see TOPONYM_TYPES).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

# Literal uses of a place name: the place itself (including "Paris-based"-style modifiers).
LITERAL_TYPES = frozenset({"Literal", "Mixed", "Literal_Modifier", "Embedded_Literal", "Coercion"})
# Associative uses: the name stands for its people, government or culture.
ASSOCIATIVE_TYPES = frozenset(
    {"Metonymic", "Demonym", "Non_Literal_Modifier", "Embedded_Non_Lit", "Language"}
)
# Scored as toponyms; Homonym, Non_Toponym and the common-noun *_Expression types are not.
TOPONYM_TYPES = LITERAL_TYPES | ASSOCIATIVE_TYPES


@dataclass(frozen=True)
class Toponym:
    """One gold toponym: offsets into the article text, its type and its coordinates if any."""

    start: int
    end: int
    name: str
    type: str
    geonames: int | None
    lat: float | None
    lon: float | None

    @property
    def literal(self) -> bool:
        """Whether it names the place itself."""
        return self.type in LITERAL_TYPES


@dataclass(frozen=True)
class GwnArticle:
    """One article: id, text and its scored toponyms."""

    id: str
    title: str
    text: str
    toponyms: tuple[Toponym, ...]


def load_geowebnews(data_dir: Path, limit: int | None = None) -> list[GwnArticle]:
    """The articles of `data_dir/geowebnews/GWN.xml` (or of `data_dir` itself)."""
    folder = data_dir / "geowebnews" if (data_dir / "geowebnews").is_dir() else data_dir
    root = etree.parse(str(folder / "GWN.xml")).getroot()
    articles = [_article(node) for node in root.iter("article")]
    return articles[:limit] if limit else articles


def _article(node: etree._Element) -> GwnArticle:
    text = node.findtext("text") or ""
    toponyms = [_toponym(t) for t in node.iter("toponym")]
    kept = tuple(t for t in toponyms if t.type in TOPONYM_TYPES)
    return GwnArticle(str(node.get("file")), node.findtext("title") or "", text, kept)


def _toponym(node: etree._Element) -> Toponym:
    geonames, lat, lon = (node.findtext(k) for k in ("geonamesID", "latitude", "longitude"))
    return Toponym(
        int(node.findtext("start") or 0),
        int(node.findtext("end") or 0),
        node.findtext("extractedName") or "",
        node.findtext("type") or "",
        int(geonames) if geonames else None,
        float(lat) if lat else None,
        float(lon) if lon else None,
    )
