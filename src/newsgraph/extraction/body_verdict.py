"""Tell a listing page (a section front, an index of links) from an article."""

from __future__ import annotations

from itertools import pairwise

from newsgraph.extraction.body_blocks import Block
from newsgraph.extraction.body_score import is_headline, is_prose

LISTING_LINK_SHARE = 0.5  # a body with this share of its text in links is a list of links
MIN_TEASERS = 5  # linked headlines, each followed by a short summary
TEASER_SHARE = 0.6  # of the running-text blocks
TEASER_LINK_SHARE = 0.2  # and the headlines make up this much of the text
SUMMARY_MAX = 300  # characters


def listing_reason(blocks: list[Block]) -> str:
    """Why these blocks (a body range, furniture dropped) look like a listing, or ""."""
    total = sum(len(b.text) for b in blocks)
    links = sum(b.link_chars for b in blocks)
    if total and links >= LISTING_LINK_SHARE * total:
        return f"a listing page: {round(100 * links / total)}% of its main text is links"
    teasers = sum(1 for before, b in pairwise(blocks) if _is_teaser(before, b))
    prose = sum(1 for b in blocks if is_prose(b))
    if (
        teasers >= MIN_TEASERS
        and teasers >= TEASER_SHARE * prose
        and links >= TEASER_LINK_SHARE * total
    ):
        return f"a listing page: {teasers} linked headlines with short summaries"
    return ""


def _is_teaser(before: Block, block: Block) -> bool:
    """A short summary right after a linked headline."""
    return is_headline(before) and is_prose(block) and len(block.text) < SUMMARY_MAX
