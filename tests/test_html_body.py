from __future__ import annotations

import gzip
import json
import re
from collections import Counter

import lxml.html
import pytest

from newsgraph.extraction.body_prune import class_words, has_junk_name
from newsgraph.extraction.html_body import Body, extract_body
from newsgraph.extraction.parse import parse_html

from .conftest import SHARED

P1 = "The harbour council voted on Monday to close the old ferry pier for a year of repairs."
P2 = "Fishermen said the closure would cost them the spring season, and asked for a new berth."
P3 = "The council promised a temporary landing on the north quay before the work begins in May."


def body(html: str) -> Body:
    return extract_body(parse_html(html))


def page(main: str, head: str = "<title>Pier to close - Harbour Times</title>") -> str:
    return f"""<!doctype html><html><head>{head}</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
{main}
<footer><p>Copyright 2025 Harbour Times. All rights reserved. Terms of use and privacy.</p>
<a href="/about">About us</a> <a href="/contact">Contact</a></footer>
</body></html>"""


def test_nav_article_footer_keeps_only_the_article() -> None:
    html = page(f"<article><h1>Pier to close</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p></article>")
    assert body(html).text == f"{P1}\n\n{P2}\n\n{P3}"
    assert body(html).not_article == ""


def test_headings_lists_and_quotes_keep_their_order() -> None:
    html = page(
        f"<article><h1>Pier to close</h1><p>{P1}</p><h2>What changes</h2>"
        "<ul><li>The pier shuts on 1 May.</li><li>Boats use the north quay.</li></ul>"
        f"<blockquote><p>{P2}</p></blockquote><p>{P3}</p></article>"
    )
    assert body(html).text == (
        f"{P1}\n\nWhat changes\n\n"
        "The pier shuts on 1 May.\nBoats use the north quay.\n\n"
        f"{P2}\n\n{P3}"
    )


def test_comments_share_bar_and_newsletter_box_are_dropped() -> None:
    comment = "I have fished from that pier for thirty years and never seen it in such a state."
    html = page(
        f"<article><h1>Pier to close</h1><p>{P1}</p>"
        '<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>'
        f"<p>{P2}</p>"
        '<div class="newsletter-signup"><p>Get the Harbour Times in your inbox every morning, '
        "free of charge, by signing up to our daily newsletter.</p></div>"
        f"<p>{P3}</p></article>"
        f'<section id="comments"><h3>3 comments</h3><p>{comment}</p><p>{comment}</p></section>'
    )
    assert body(html).text == f"{P1}\n\n{P2}\n\n{P3}"


def test_bylines_ads_cookie_banners_and_read_more_links_are_dropped() -> None:
    html = page(
        '<div id="cookie-consent"><p>We use cookies to give you the best experience on our '
        "site. By continuing to browse you agree to our use of cookies.</p></div>"
        '<article><h1>Pier to close</h1><p class="byline">By Ann Lee and Tom Berg, harbour '
        "reporters, with additional reporting by the news desk</p><p>Updated 3 May 2025</p>"
        f'<p>{P1}</p><div class="ad-slot">Advertisement</div><p>{P2}</p>'
        '<p>Read more: <a href="/s/1">Ferry timetable changes for the summer season</a></p>'
        f"<p>{P3}</p></article>"
    )
    assert body(html).text == f"{P1}\n\n{P2}\n\n{P3}"


def test_figure_captions_and_photo_credits_are_dropped() -> None:
    html = page(
        f"<article><h1>Pier to close</h1><p>{P1}</p>"
        '<figure><img src="pier.jpg"><figcaption>The old ferry pier at low tide on Sunday '
        "morning. Photo: Ann Lee for the Harbour Times</figcaption></figure>"
        f'<p>{P2}</p><p class="wp-caption-text">A fishing boat moored at the pier last '
        f"winter, before the storm damaged it.</p><p>{P3}</p></article>"
    )
    assert body(html).text == f"{P1}\n\n{P2}\n\n{P3}"


def test_line_breaks_split_paragraphs_in_a_bare_div() -> None:
    html = page(f"<h1>Pier to close</h1><div class='post-body'>{P1}<br><br>{P2}<br>{P3}</div>")
    assert body(html).text == f"{P1}\n\n{P2}\n{P3}"


def test_table_rows_are_lines_and_cells_are_separated() -> None:
    html = page(
        f"<article><h1>Pier to close</h1><p>{P1}</p>"
        "<table><tr><th>Boat</th><th>Berth</th></tr><tr><td>Gull</td><td>North 2</td></tr>"
        f"</table><p>{P2}</p></article>"
    )
    assert body(html).text == f"{P1}\n\nBoat | Berth\nGull | North 2\n\n{P2}"


def test_teasers_after_the_article_are_not_body() -> None:
    teasers = "".join(
        f'<div class="card"><h3><a href="/n{i}">Another harbour story number {i}</a></h3>'
        f"<p>A summary of another harbour story, long enough to read like a sentence {i}.</p>"
        "</div>"
        for i in range(6)
    )
    html = page(
        f"<main><article><h1>Pier to close</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p></article>"
        f"<div class='more'>{teasers}</div></main>"
    )
    assert body(html).text == f"{P1}\n\n{P2}\n\n{P3}"


def test_a_wrapper_with_a_furniture_name_is_kept_when_it_holds_the_story() -> None:
    html = page(
        '<div class="layout has-sidebar"><h1>Pier to close</h1>'
        f"<p>{P1}</p><p>{P2}</p><p>{P3}</p></div>"
        "<aside><p>Read our guide to the best walks along the coast this summer.</p></aside>"
    )
    assert body(html).text == f"{P1}\n\n{P2}\n\n{P3}"


def test_the_container_is_returned_and_the_tree_is_not_changed() -> None:
    tree = parse_html(page(f'<article id="story"><h1>Pier</h1><p>{P1}</p><p>{P2}</p></article>'))
    before = lxml.html.tostring(tree)
    result = extract_body(tree)
    assert result.container is not None and result.container.get("id") == "story"
    assert lxml.html.tostring(tree) == before


def test_a_listing_of_headlines_with_summaries_is_not_an_article() -> None:
    cards = "".join(
        f'<li><h2><a href="/story/{i}">Council votes on harbour plan, part {i}</a></h2>'
        f"<p>The harbour council met again to discuss the plans for the pier, item {i}.</p>"
        f'<span class="date">1 May</span></li>'
        for i in range(8)
    )
    result = body(page(f"<h1>News</h1><ul class='stories'>{cards}</ul>"))
    assert result.not_article == "a listing page: 8 linked headlines with short summaries"


def test_a_page_of_links_only_has_no_running_text() -> None:
    links = "".join(f'<li><a href="/s/{i}">Harbour story number {i}</a></li>' for i in range(30))
    result = body(page(f"<h1>Archive</h1><ul>{links}</ul>"))
    assert (result.text, result.not_article) == (
        "",
        "no running text: no paragraph of a sentence or more",
    )


def test_an_empty_page_says_so() -> None:
    assert body("<html><head><title>x</title></head><body> </body></html>").not_article == (
        "an empty page: no text"
    )


def test_declared_body_is_used_when_the_markup_lacks_it() -> None:
    declared = " ".join([P1, P2, P3] * 3)
    ld = json.dumps({"@type": "NewsArticle", "articleBody": f"{declared}\n{P1}"})
    head = f'<title>Pier</title><script type="application/ld+json">{ld}</script>'
    app = '<div id="app"><p>Loading the story, please wait a moment...</p></div>'
    result = body(page(app, head))
    assert (result.text, result.source) == (f"{declared}\n\n{P1}", "json-ld")


def test_declared_body_does_not_replace_a_good_extraction() -> None:
    ld = json.dumps({"articleBody": f"{P1} {P2} {P3} " * 3})
    head = f'<title>Pier</title><script type="application/ld+json">{ld}</script>'
    html = page(f"<article><h1>Pier</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p></article>", head)
    assert (body(html).text, body(html).source) == (f"{P1}\n\n{P2}\n\n{P3}", "html")


@pytest.mark.parametrize(
    ("classes", "junk"),
    [
        ("share-bar", True),
        ("site-footer", True),
        ("mainNav", True),
        ("comments-area", True),
        ("sr-only", True),
        ("content-nav-section", False),  # a middle word only qualifies the name
        ("entry-content", False),
        ("elementor-element-5f18ad9", False),  # "ad" inside a generated id is no word
        ("tag-review category-news", False),
    ],
)
def test_furniture_names(classes: str, junk: bool) -> None:
    assert has_junk_name(lxml.html.fragment_fromstring(f'<div class="{classes}"></div>')) is junk


def test_class_words_split_camel_case_and_separators() -> None:
    words = ["main", "nav", "share", "bar", "col", "md"]
    assert class_words("mainNav share_bar col-md-8 x5f1") == words


# The benchmark's own metric (see ../shared/eval/README.md): 4-word shingles, per-page
# normalised counts, F1 of the mean precision and mean recall.
SCRAPINGHUB = SHARED / "eval" / "scrapinghub"


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text)
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def _page_scores(gold: str, found: str) -> tuple[float | None, float | None]:
    g, f = _shingles(gold), _shingles(found)
    tp, fp, fn = sum((g & f).values()), sum((f - g).values()), sum((g - f).values())
    if tp + fp + fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


@pytest.mark.slow
@pytest.mark.skipif(not SCRAPINGHUB.exists(), reason="the scrapinghub benchmark is not present")
def test_scrapinghub_f1_floor() -> None:
    truth = json.loads((SCRAPINGHUB / "ground-truth.json").read_text())
    precisions, recalls = [], []
    for page_id, item in truth.items():
        html = gzip.decompress((SCRAPINGHUB / "html" / f"{page_id}.html.gz").read_bytes())
        precision, recall = _page_scores(item["articleBody"], body(html.decode("utf-8")).text)
        precisions += [precision] if precision is not None else []
        recalls += [recall] if recall is not None else []
    p, r = sum(precisions) / len(precisions), sum(recalls) / len(recalls)
    assert 2 * p * r / (p + r) >= 0.965
