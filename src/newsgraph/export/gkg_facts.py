"""GKG fields made from our facts: names, tone, dates, quotations, amounts and counts."""

from __future__ import annotations

import re

from newsgraph.doc import Doc, Span
from newsgraph.export.gkg_text import clean, number, unique
from newsgraph.stages.tone import WORD

# Personal pronouns, GDELT's "self/group references": the share of words that are pronouns.
_PRONOUN_WORDS = """i me my mine myself we us our ours ourselves you your yours yourself yourselves
he him his himself she her hers herself it its itself they them their theirs themselves"""
PRONOUNS = frozenset(_PRONOUN_WORDS.split())
# What a counted event's verb says happened, for GDELT's count types (by word stem).
COUNT_TYPES = (
    ("KILL", ("kill", "die", "dead", "slain", "murder")),
    ("WOUND", ("wound", "injur", "hurt")),
    ("ARREST", ("arrest", "detain", "jail")),
    ("KIDNAP", ("kidnap", "abduct")),
    ("PROTEST", ("protest", "march", "rall", "demonstrat")),
    ("SEIZE", ("seiz", "confiscat")),
    ("AFFECT", ("displac", "evacuat", "strand", "affect", "homeless")),
)
YEAR = re.compile(r"\b\d{4}\b|['’]\d{2}\b")


def names(doc: Doc, labels: tuple[str, ...]) -> tuple[str, str]:
    """A V1 list of canonical names (each once) and a V2 list of name,offset for each mention."""
    spans = sorted((s for s in doc.spans_of("entity") if s.label in labels), key=_start)
    found = [(clean(s.value.get("name") or s.covered(doc.text), ",;#"), s.start) for s in spans]
    found = [(name, start) for name, start in found if name]
    v1 = unique([name for name, _ in found])
    return ";".join(v1), ";".join(f"{name},{start}" for name, start in found)


def all_names(doc: Doc) -> str:
    """V2.1ALLNAMES: every named entity, any type, as name,offset."""
    return names(doc, tuple({s.label for s in doc.spans_of("entity")}))[1]


def tone(doc: Doc) -> str:
    """V1.5TONE: tone, positive, negative, polarity, activity density (not measured: empty),
    self/group reference density and word count, from the document's tone span."""
    span = next((s for s in doc.spans_of("tone") if s.label == "document"), None)
    if span is None:
        return ""
    value = span.value
    words = int(value.get("words") or 0)
    pronouns = sum(w in PRONOUNS for w in WORD.findall(doc.text.lower()))
    density = 100 * pronouns / words if words else 0.0
    shares = [number(value.get(k)) for k in ("tone", "positive", "negative", "polarity")]
    return ",".join([*shares, "", number(round(density, 4)), str(words)])


def gcam(doc: Doc) -> str:
    """V2GCAM: only its word count entry (wc), the one measure we share with GCAM."""
    span = next((s for s in doc.spans_of("tone") if s.label == "document"), None)
    return f"wc:{int(span.value.get('words') or 0)}" if span else ""


def dates(doc: Doc) -> str:
    """V2.1ENHANCEDDATES: written dates as resolution#month#day#year#offset (GDELT's files use
    '#' inside a block); 3 a full date, 4 a day without its year, 2 a month, 1 a year."""
    found = []
    for span in sorted(doc.spans_of("time"), key=_start):
        fields = _date_fields(span)
        if fields:
            found.append("#".join([*fields, str(span.start)]))
    return ";".join(found)


def _date_fields(span: Span) -> list[str] | None:
    start, grain = span.value.get("start"), span.value.get("granularity")
    if span.label not in ("date", "time") or not isinstance(start, str) or len(start) < 10:
        return None
    year, month, day = start[:4], str(int(start[5:7])), str(int(start[8:10]))
    if grain in ("day", "minute"):
        has_year = YEAR.search(str(span.value.get("text") or "")) is not None
        return ["3", month, day, year] if has_year else ["4", month, day, "0"]
    if grain == "month":
        return ["2", month, "0", year]
    return ["1", "0", "0", year] if grain == "year" else None


def quotations(doc: Doc) -> str:
    """V2.1QUOTATIONS: quoted words (not indirect speech) as offset|length|verb|quote, blocks
    separated by '#'."""
    found = []
    for span in sorted(doc.spans_of("quote"), key=_start):
        if span.label == "indirect":
            continue
        cue = span.args.get("cue")
        verb = clean(doc.span(cue).covered(doc.text), "#|") if cue is not None else ""
        words = clean(span.value.get("text") or span.covered(doc.text), "#|")
        found.append(f"{span.start}|{span.end - span.start}|{verb}|{words}")
    return "#".join(found)


def amounts(doc: Doc) -> str:
    """V2.1AMOUNTS: amount,object,offset for amounts of something (percentages left out, as
    GDELT leaves them out)."""
    found = []
    for span in sorted(doc.spans_of("amount"), key=_start):
        thing = _amount_object(span)
        if thing and span.label != "percent":
            found.append(f"{number(span.value.get('low'))},{thing},{span.start}")
    return ";".join(found)


def _amount_object(span: Span) -> str:
    value = span.value
    thing = value.get("object") or value.get("currency") or value.get("unit") or ""
    return clean(thing, ",;#")


def counts(doc: Doc) -> tuple[str, str]:
    """V1COUNTS and V2.1COUNTS: counts of people or things an event verb says were killed,
    wounded, arrested, kidnapped, protesting, seized or affected; no location attached."""
    v1, v2 = [], []
    for span in sorted(doc.spans_of("amount"), key=_start):
        kind = count_type(str(span.value.get("event") or ""))
        thing = clean(span.value.get("object") or "", ",;#")
        if kind and thing and span.label in ("count", "range"):
            block = [kind, number(span.value.get("low")), thing, "0", "", "", "", "", "", ""]
            v1.append("#".join(block))
            v2.append("#".join([*block, str(span.start)]))
    return ";".join(unique(v1)), ";".join(v2)


def count_type(verb: str) -> str:
    """GDELT's count type for an event verb ('killed' is KILL), or '' for any other verb."""
    verb = verb.lower()
    return next((kind for kind, stems in COUNT_TYPES if verb.startswith(stems)), "")


def _start(span: Span) -> int:
    return span.start
