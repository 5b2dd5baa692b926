"""Synthetic news articles for the benchmarks, shaped like what the pipeline stores.

Each article is about 3,500 characters: sentences of ordinary words (Zipf-distributed, so some
words are in every article and others in a handful), about 30 entity mentions drawn from one
shared pool with Zipf-like frequency (the top names come in nearly every article, the tail in a
few), direct quotes with a linked speaker and cue, places with coordinates, dates and amounts,
and a tone span per sentence. Dates spread over two years; a few sites share the articles.
Everything is drawn from one seeded random generator, so a run is repeatable.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from typing import Any

from newsgraph import Doc, Meta


def _split(words: str) -> tuple[str, ...]:
    return tuple(words.split())


FIRST_NAMES = _split(
    "Ada Bruno Carla Dmitri Elena Farid Greta Hugo Irena Jonas Kira Luka Mira Nadia Oskar Petra"
    " Quentin Rosa Stefan Tamara Ugo Vera Wanda Xavier Yara Zoran Aleks Bojana Cyril Dora Emil"
    " Filip Goran Hana Ivo Jana Karlo Lena Marko Nina"
)
SURNAMES = _split(
    "Adler Basic Cerny Dimitrov Engel Ferenc Gashi Horvat Ilic Jovanovic Kovac Lang Marin"
    " Novak Orlov Petrovic Quist Rajic Sokol Tomic Ulrich Vasic Weber Xhaka Yilmaz Zupan Babic"
    " Cole Dukic Eder Fischer Gruber Hadzic Ivanova Jurak Krasniqi Lukic Mazur Nemeth Oberg"
)
ORG_HEADS = _split("Northern Central United Coastal Metro Federal Harbour Valley Eastern Civic")
ORG_TAILS = _split("Rail Bank Council Union Ferries Energy Party Institute Ministry Authority")
# (name, country, latitude, longitude): real towns, so the map has something to draw.
PLACES = (
    ("Belgrade", "RS", 44.80, 20.47), ("Pristina", "XK", 42.67, 21.17),
    ("Lisbon", "PT", 38.72, -9.14), ("Porto", "PT", 41.15, -8.61),
    ("Oslo", "NO", 59.91, 10.75), ("Bergen", "NO", 60.39, 5.32),
    ("Vienna", "AT", 48.21, 16.37), ("Graz", "AT", 47.07, 15.44),
    ("Zagreb", "HR", 45.81, 15.98), ("Split", "HR", 43.51, 16.44),
    ("Warsaw", "PL", 52.23, 21.01), ("Gdansk", "PL", 54.35, 18.65),
    ("Lyon", "FR", 45.76, 4.84), ("Nantes", "FR", 47.22, -1.55),
    ("Leeds", "GB", 53.80, -1.55), ("Cardiff", "GB", 51.48, -3.18),
    ("Turin", "IT", 45.07, 7.69), ("Bari", "IT", 41.12, 16.87),
    ("Ghent", "BE", 51.05, 3.72), ("Utrecht", "NL", 52.09, 5.12),
)  # fmt: skip
SITES = ("The Harbour Ledger", "Valley Gazette", "Metro Wire", "The Northern Post", "Tide Times")
COMMON_WORDS = _split(
    "the of and to in a on for that with was by at from as said has it its be after about"
    " government council minister vote strike ferry budget water bridge mayor election police"
    " report people week month year union talks plan city workers party court market prices"
    " energy schools hospital road border trade deal leaders state region officials board"
    " spending tax rail harbour port housing funds protest support law parliament opposition"
    " agreement crisis health service company jobs power members pay public local national"
)
SYLLABLES = _split("ka lo mi ren tu va sor pel dri ban os en quil mar tho zen ul fa ris gon")
CUES = ("said", "told reporters", "added", "warned", "insisted")


def rare_words(count: int, rng: random.Random) -> list[str]:
    """Made-up words of three or four syllables, distinct, for the long tail of the vocabulary."""
    words: set[str] = set()
    while len(words) < count:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.choice((3, 4)))))
    return sorted(words)


def zipf_weights(count: int, exponent: float) -> list[float]:
    """Cumulative weights of ranks 1..count under Zipf's law, for random.choices."""
    return list(accumulate(1 / rank**exponent for rank in range(1, count + 1)))


@dataclass(frozen=True)
class Entity:
    """One canonical entity of the shared pool."""

    id: str
    name: str
    type: str
    short: str  # how later mentions name it: the surname, or the name itself


@dataclass
class Pool:
    """The shared vocabulary, entities and their Zipf weights."""

    words: list[str]
    word_weights: list[float]
    entities: list[Entity]
    entity_weights: list[float]


def make_pool(rng: random.Random, orgs: int = 100) -> Pool:
    """A vocabulary and an entity pool (every first name with every surname, some firms, the
    towns); ranks are shuffled across entity types. The exponents put the top words and names
    in nearly every article and leave the tail in two or three of 5,000."""
    words = list(COMMON_WORDS) + rare_words(20_000, rng)
    found = [_person(first, last) for first in FIRST_NAMES for last in SURNAMES]
    found += [_org(n) for n in range(orgs)]
    found += [Entity(f"gpe:{p[0].lower()}", p[0], "GPE", p[0]) for p in PLACES]
    unique = list({e.id: e for e in found}.values())
    rng.shuffle(unique)
    return Pool(words, zipf_weights(len(words), 1.2), unique, zipf_weights(len(unique), 1.2))


def _person(first: str, last: str) -> Entity:
    slug = f"{first}-{last}".lower()
    return Entity(f"person:{slug}", f"{first} {last}", "PERSON", last)


def _org(n: int) -> Entity:
    head, tail = ORG_HEADS[n % len(ORG_HEADS)], ORG_TAILS[n // len(ORG_HEADS) % len(ORG_TAILS)]
    name = f"{head} {tail}"
    return Entity(f"org:{name.lower().replace(' ', '-')}", name, "ORG", name)


@dataclass
class _Body:
    """An article body being written, with the spans found so far (body offsets)."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    spans: list[dict[str, Any]] = field(default_factory=list)

    def add(self, text: str, kind: str = "", **span: Any) -> int:
        """Append text; with a kind, record a span over it; return the span's index or -1."""
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        if not kind:
            return -1
        self.spans.append({"kind": kind, "start": start, "end": self.length, **span})
        return len(self.spans) - 1


class ArticleWriter:
    """Writes synthetic articles over one pool, repeatably from a seed."""

    def __init__(self, seed: int = 7, size: int = 3500) -> None:
        self.rng = random.Random(seed)
        self.pool = make_pool(self.rng)
        self.size = size
        self.first_day = date(2024, 1, 1)

    def article(self, n: int) -> Doc:
        """Article number n: text, meta and spans, ready for Store.put."""
        cast = self._cast()
        body = _Body()
        while body.length < self.size - 40:
            self._sentence(body, cast)
            body.add("\n\n" if self.rng.random() < 0.3 else " ")
        title = " ".join(self._words(6)).capitalize()
        return self._doc(n, title, "".join(body.parts).strip(), body.spans, cast)

    def _cast(self) -> list[Entity]:
        """About a dozen distinct entities for one article, by Zipf weight."""
        chosen = self.rng.choices(self.pool.entities, cum_weights=self.pool.entity_weights, k=18)
        return list({e.id: e for e in chosen}.values())[:12]

    def _words(self, count: int) -> list[str]:
        return self.rng.choices(self.pool.words, cum_weights=self.pool.word_weights, k=count)

    def _sentence(self, body: _Body, cast: list[Entity]) -> None:
        start = body.length
        roll = self.rng.random()
        if roll < 0.18:
            self._quote(body, cast)
        elif roll < 0.35:
            self._place_sentence(body, cast)
        else:
            self._plain(body, cast)
        body.spans.append({"kind": "sentence", "start": start, "end": body.length})
        tone = round(self.rng.uniform(-5, 5), 2)
        body.spans.append({"kind": "tone", "start": start, "end": body.length,
                           "label": "sentence", "value": {"tone": tone}})  # fmt: skip

    def _mention(self, body: _Body, cast: list[Entity], *, full: bool = False) -> int:
        entity = self.rng.choice(cast)
        surface = entity.name if full or self.rng.random() < 0.5 else entity.short
        value = {"name": entity.name, "entity": entity.id}
        return body.add(surface, "entity", label=entity.type, value=value)

    def _plain(self, body: _Body, cast: list[Entity]) -> None:
        words = " ".join(self._words(self.rng.randint(6, 12)))
        if self.rng.random() < 0.8:
            self._mention(body, cast, full=True)
            body.add(f" {words} ")
        else:
            body.add(words.capitalize() + " ")
        if self.rng.random() < 0.4:
            amount = self.rng.randint(2, 900)
            body.add(f"{amount} people", "amount", label="count",
                     value={"low": amount, "high": amount, "object": "people"})  # fmt: skip
            body.add(" ")
        if self.rng.random() < 0.2:
            self._mention(body, cast)
            body.add(" ")
        body.add(" ".join(self._words(self.rng.randint(3, 8))))
        self._date(body)
        body.add(".")

    def _date(self, body: _Body) -> None:
        if self.rng.random() < 0.5:
            day = self.first_day + timedelta(days=self.rng.randrange(730))
            body.add(" on ")
            value = {"start": day.isoformat(), "end": day.isoformat(), "granularity": "day"}
            body.add(f"{day.day} {day:%B} {day.year}", "time", label="date", value=value)

    def _place_sentence(self, body: _Body, cast: list[Entity]) -> None:
        name, country, lat, lon = self.rng.choice(PLACES)
        body.add(" ".join(self._words(self.rng.randint(5, 10))).capitalize() + " in ")
        geonames = 1000 + PLACES.index((name, country, lat, lon))
        value = {"name": name, "country": country, "lat": lat, "lon": lon}
        body.add(name, "place", label="city", value=value | {"geonames": geonames})
        named = {"name": name, "entity": f"gpe:{name.lower()}"}
        body.spans.append(body.spans[-1] | {"kind": "entity", "label": "GPE", "value": named})
        if self.rng.random() < 0.5:
            body.add(", ")
            self._mention(body, cast, full=True)
        body.add(" " + " ".join(self._words(self.rng.randint(4, 9))) + ".")

    def _quote(self, body: _Body, cast: list[Entity]) -> None:
        body.add("\u201c")
        start = body.length
        words = " ".join(self._words(self.rng.randint(8, 16)))
        body.add(words.capitalize() + " ")
        self._mention(body, cast)  # quotes name other entities: "quotes about"
        body.add(" " + " ".join(self._words(self.rng.randint(3, 8))))
        quoted = "".join(body.parts)[start:]
        body.add(",\u201d ")
        cue = body.add(self.rng.choice(CUES), "cue", label="verb", value={"lemma": "say"})
        body.add(" ")
        speaker = self._mention(body, [e for e in cast if e.type == "PERSON"] or cast, full=True)
        body.add(".")
        said = body.spans[speaker]
        mention = "".join(body.parts)[said["start"] : said["end"]]
        value = {"text": quoted, "speaker": said["value"]["name"], "mention": mention}
        body.spans.append({"kind": "quote", "start": start, "end": start + len(quoted),
                           "label": "direct", "value": value,
                           "links": {"speaker": speaker, "cue": cue}})  # fmt: skip

    def _doc(
        self, n: int, title: str, body: str, spans: list[dict[str, Any]], cast: list[Entity]
    ) -> Doc:
        site = self.rng.choice(SITES)
        day = self.first_day + timedelta(days=self.rng.randrange(730))
        url = f"https://{site.lower().replace(' ', '-')}.example/{day:%Y/%m}/{n}"
        doc = Doc(id=hashlib.sha1(url.encode()).hexdigest()[:16], source=f"bench:{n}", url=url)
        published = f"{day.isoformat()}T{self.rng.randrange(24):02d}:00:00+00:00"
        doc.meta = Meta(title=title, site=site, language="en", published=published)
        doc.set_text(title, body)
        _attach(doc, spans)
        _, country, lat, lon = self.rng.choice(PLACES)  # the focus: a whole-text span
        focus = {"name": country, "country": country, "lat": lat, "lon": lon, "weight": 0.5}
        doc.add_span("place", 0, len(doc.text), label="focus", value=focus, stage="synthetic")
        return doc


def _attach(doc: Doc, spans: list[dict[str, Any]]) -> None:
    """Add the body's spans to the doc: linked ones after their targets, offsets shifted."""
    ids: dict[int, int] = {}
    for index in sorted(range(len(spans)), key=lambda i: "links" in spans[i]):
        span = spans[index]
        links = {role: ids[target] for role, target in span.get("links", {}).items()}
        start, end = span["start"] + doc.body_start, span["end"] + doc.body_start
        made = doc.add_span(span["kind"], start, end, label=span.get("label", ""),
                            value=span.get("value"), args=links, stage="synthetic")  # fmt: skip
        ids[index] = made.id


def articles(count: int, seed: int = 7) -> list[Doc]:
    """`count` synthetic articles from one seed."""
    writer = ArticleWriter(seed)
    return [writer.article(n) for n in range(count)]
