"""The entity stage: people, organisations, places and outlets, each with a canonical name.

spaCy's named entities (from the nlp stage's analysis) are the base; our own layer mends what the
model gets wrong in news: known outlets and wire services, and "The X Today"-shaped ones in a
reporting context (ORG with `outlet: true`); a gazetteer pass for places; titles and roles split
from names; and canonical names within the article, so that "Vucic" is Aleksandar Vucic. Each
mention becomes an `entity` span whose value holds the canonical name and a stable entity id.
"""

from __future__ import annotations

from typing import Any

from newsgraph.doc import Doc
from newsgraph.errors import PipelineError
from newsgraph.stages.entities_located import located_people
from newsgraph.stages.entities_mentions import (
    Mention,
    echoed_people,
    make_mention,
    merge,
    model_mentions,
    place_mentions,
)
from newsgraph.stages.entities_outlets import find_outlets
from newsgraph.stages.entities_resolve import resolve
from newsgraph.stages.entities_roles import split_roles


class Entities:
    """Find named entities, split roles from names and give each a canonical entity id."""

    name = "entities"
    requires: tuple[str, ...] = ("analysis",)
    produces: tuple[str, ...] = ("entity",)

    def __call__(self, doc: Doc) -> Doc:
        """Add one `entity` span per name mentioned in the document."""
        if doc.analysis is None:
            raise PipelineError("entities needs the nlp stage's analysis: run 'nlp' before it")
        mentions, genders = find_mentions(doc.text, doc.analysis)
        for mention in mentions:
            doc.add_span(
                "entity",
                mention.start,
                mention.end,
                label=mention.label,
                value=mention.value(genders.get(mention.name)),
                stage=self.name,
            )
        return doc


def find_mentions(text: str, analysis: Any) -> tuple[list[Mention], dict[str, str]]:
    """Every name in the text, resolved; and the gender of each person where it is known."""
    mentions = merge(model_mentions(analysis), outlet_mentions(text, analysis))
    mentions = split_roles(analysis, place_mentions(text, analysis, mentions))
    mentions = located_people(analysis, mentions)
    mentions = _without_overlaps([*mentions, *echoed_people(analysis, mentions)])
    genders = resolve(text, mentions)
    return mentions, genders


def outlet_mentions(text: str, analysis: Any) -> list[Mention]:
    """Outlets as ORG mentions, where their text lines up with spaCy's tokens."""
    found = []
    for match in find_outlets(text):
        span = analysis.char_span(match.start, match.end)
        if span is None:
            continue  # a name glued to other characters ("APnews"): not a mention of it
        mention = make_mention(analysis, span.start, span.end, "ORG")
        mention.outlet, mention.name = True, match.name
        found.append(mention)
    return found


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the first of mentions that share characters (rare, after roles are split off)."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept
