"""The main text of an HTML page: paragraphs, headings, lists and quotes, without the chrome.

`extract_body(tree) -> Body` takes the tree `parse.parse_html` gives (it does not change it)
and returns:

- `text`: the article's blocks in reading order, separated by blank lines; the items of one
  list are separated by single line breaks, the cells of a table row by " | ";
- `not_article`: why the page is not an article ("" when it is one): an empty page, a page
  without running text, a listing of links or of headlines with summaries;
- `container`: the element the text was mostly taken from (None when there is none), for
  readers that look for a byline or a date near the article;
- `source`: where the text came from, "html" or "json-ld" (the page's declared
  `articleBody`, used when the markup holds almost none of it, as on script-rendered pages).

How: `body_blocks` flattens the tree into text blocks, setting aside furniture by tag, role
and class words (`body_prune`); `body_title` finds the title heading; `body_score` picks the
container whose running text most outweighs its boilerplate; `body_select` grows it over
cut-off neighbours and keeps its prose and the headings, lists and quotes between;
`body_verdict` tells listings apart; `body_jsonld` checks the result against the declared body.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.extraction.body_blocks import Block, Flat, flatten
from newsgraph.extraction.body_jsonld import agreement, declared_body, words
from newsgraph.extraction.body_score import best_container, container_scores
from newsgraph.extraction.body_select import body_blocks, body_range, mark_furniture
from newsgraph.extraction.body_title import title_index
from newsgraph.extraction.body_verdict import listing_reason
from newsgraph.extraction.parse import Element

DECLARED_MIN_WORDS = 80  # a declared body shorter than this is a teaser: ignore it
DECLARED_MIN_RECALL = 0.5  # below this share of the declared words found, look again
RIVALS = 8  # other candidate containers tried against the declared body
RIVAL_MARGIN = 0.2  # how much better a rival must agree with it to replace the first choice
MARKUP_MISSING = 0.2  # agreement below which the markup is taken not to hold the body


@dataclass
class Body:
    """An article's main text, and why the page is not an article when it is not one."""

    text: str
    not_article: str = ""
    container: Element | None = None
    source: str = "html"


def extract_body(tree: Element) -> Body:
    """The main text of the page `tree` holds."""
    flat = flatten(tree)
    if not flat.blocks:
        return Body("", "an empty page: no text")
    title = title_index(flat.blocks, tree)
    mark_furniture(flat)
    scores = container_scores(flat, title)
    body = _body_of(flat, best_container(scores), title)
    declared = declared_body(tree)
    if declared and len(declared.split()) >= DECLARED_MIN_WORDS:
        body = _check_declared(flat, scores, title, body, declared)
    return body


def _body_of(flat: Flat, container: Element | None, title: int | None) -> Body:
    """The body a container gives, with the listing verdict."""
    if container is None:
        return Body("", "no running text: no paragraph of a sentence or more")
    start, end = body_range(flat, container, title)
    blocks = body_blocks(flat, start, end)
    kept = [b for b in flat.blocks[start:end] if not b.furniture]
    return Body(render(blocks), listing_reason(kept), container)


def _check_declared(
    flat: Flat, scores: dict[Element, float], title: int | None, body: Body, declared: str
) -> Body:
    """Try other containers, then the declared text, when the body misses most of it."""
    target = words(declared)
    found = words(body.text)
    if sum((found & target).values()) >= DECLARED_MIN_RECALL * sum(target.values()):
        return body
    agree = agreement(found, target)
    rivals = sorted((el for el in scores if el is not body.container), key=scores.__getitem__)
    best, best_agree = body, agree
    for el in rivals[-RIVALS:]:
        rival = _body_of(flat, el, title)
        rival_agree = agreement(words(rival.text), target)
        if rival_agree > best_agree:
            best, best_agree = rival, rival_agree
    if best_agree >= agree + RIVAL_MARGIN:
        return best
    if best_agree < MARKUP_MISSING:
        return Body(declared, "", None, "json-ld")
    return body


def render(blocks: list[Block]) -> str:
    """Blocks as text: blank lines between blocks, but a line break between the items of one
    list or the rows of one table, and " | " between the cells of one row."""
    out: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if previous is not None:
            out.append(_separator(previous, block))
        out.append(block.text)
        previous = block
    return "".join(out)


def _separator(previous: Block, block: Block) -> str:
    if block.kind != previous.kind or block.kind not in ("item", "cell"):
        return "\n\n"
    parent, previous_parent = block.owner.getparent(), previous.owner.getparent()
    if parent is previous_parent:
        return "\n" if block.kind == "item" else " | "
    same_table = (
        block.kind == "cell"
        and parent is not None
        and previous_parent is not None
        and parent.getparent() is previous_parent.getparent()
    )
    return "\n" if same_table else "\n\n"
