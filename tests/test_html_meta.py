from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsgraph.extraction.article import Article
from newsgraph.extraction.html_meta import read_metadata
from newsgraph.extraction.meta_people import clean_authors
from newsgraph.extraction.parse import parse_html

NOW = datetime(2025, 6, 1, tzinfo=UTC)
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "metro-wire-transit-broken-date.html"


def read(html: str, url: str | None = None) -> Article:
    return read_metadata(parse_html(html), url, now=NOW)


GRAPH_PAGE = """<html lang="en-GB"><head><title>Ferry strike called - Harbour Times</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "WebSite", "@id": "https://ht.example/#site", "name": "Harbour Times"},
 {"@type": "Person", "@id": "https://ht.example/#amara", "name": "Amara Quist"},
 {"@type": "NewsArticle", "headline": "Ferry strike called",
  "author": [{"@id": "https://ht.example/#amara"}, {"@type": "Person", "name": "Tom Reyes"}],
  "datePublished": "2025-03-11T08:45:00+01:00", "dateModified": "2025-03-11T13:20:00+01:00",
  "articleSection": "Business", "keywords": "Ports, Labour", "inLanguage": "en-GB",
  "publisher": {"@type": "Organization", "name": "Harbour Times"}}]}</script>
</head><body><h1>Ferry strike called</h1><p>Text.</p></body></html>"""


def test_jsonld_graph_gives_fields_and_resolves_author_references() -> None:
    article = read(GRAPH_PAGE)
    assert article.title == "Ferry strike called"
    assert article.authors == ["Amara Quist", "Tom Reyes"]
    assert article.published == "2025-03-11T08:45:00+01:00"
    assert article.modified == "2025-03-11T13:20:00+01:00"
    assert (article.site, article.section, article.tags) == (
        "Harbour Times",
        "Business",
        ["Ports", "Labour"],
    )
    assert article.language == "en"
    assert article.signals["published"] == "json-ld"
    assert article.signals["authors"] == "json-ld"
    assert article.date_confidence == 0.9
    assert article.notes == []


OG_PAGE = """<html><head>
<meta property="og:title" content="Bridge reopens after repairs">
<meta property="og:site_name" content="Valley Gazette">
<meta property="og:url" content="https://vg.example/2024/05/02/bridge-reopens">
<meta property="og:description" content="The old bridge carries traffic again.">
<meta property="og:image" content="/media/bridge.jpg">
<meta property="og:locale" content="fr_FR">
<meta property="article:published_time" content="2024-05-02T07:00:00+02:00">
<meta property="article:section" content="Local">
<meta property="article:tag" content="Roads"><meta property="article:tag" content="Bridges">
</head><body><p>Text.</p></body></html>"""


def test_opengraph_only_page() -> None:
    article = read(OG_PAGE, "https://vg.example/a")
    assert article.title == "Bridge reopens after repairs"
    assert article.url == "https://vg.example/2024/05/02/bridge-reopens"
    assert article.image == "https://vg.example/media/bridge.jpg"
    assert article.published == "2024-05-02T07:00:00+02:00"
    assert (article.section, article.tags) == ("Local", ["Roads", "Bridges"])
    assert (article.language, article.description) == (
        "fr",
        "The old bridge carries traffic again.",
    )
    assert article.signals["published"] == "og"
    # The URL's date agrees with the meta tag: two signals, more confidence.
    assert article.date_confidence == 0.9


BYLINE_PAGE = """<html><head>
<title>Lighthouse keeper retires after forty years | Northern Post</title></head>
<body><header><h1 class="logo">Northern Post</h1></header>
<article><h1>Lighthouse keeper retires after forty years</h1>
<div class="byline">By Ines Halvorsen and Staff</div>
<div class="dateline">Published March 4, 2025 at 6:12 p.m. ET</div>
<p>The last keeper handed over his keys on Friday.</p></article>
<aside class="related"><div class="byline">By Someone Else</div></aside>
</body></html>"""


def test_byline_only_page_reads_visible_byline_and_dateline() -> None:
    article = read(BYLINE_PAGE)
    assert article.title == "Lighthouse keeper retires after forty years"
    assert article.authors == ["Ines Halvorsen"]  # "Staff" is not a person
    assert article.published == "2025-03-04T18:12:00-05:00"
    assert article.signals["authors"] == "byline"
    assert article.signals["published"] == "dateline"
    assert article.site == "Northern Post"  # from the title tag's suffix
    assert article.signals["site"] == "title-tag"


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Ferry strike called - Harbour Times", "Harbour Times", "Ferry strike called"),
        ("Ferry strike called | The Harbour Times", "Harbour Times", "Ferry strike called"),
        ("Harbour Times | Ferry strike called", "Harbour Times", "Ferry strike called"),
        ("Talks fail - again - Harbour Times", "Harbour Times", "Talks fail - again"),
        ("Ferry strike called - ht.example", "", "Ferry strike called"),
        ("Ferry strike called: what next", "Harbour Times", "Ferry strike called: what next"),
    ],
)
def test_title_suffix_naming_the_site_is_removed(title: str, site: str, expected: str) -> None:
    meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    page = f"<html><head><title>{title}</title>{meta}</head><body><p>x</p></body></html>"
    assert read(page, "https://ht.example/story").title == expected


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("By Staff", []),
        ("Staff Reporter", []),
        ("By JANE DOE and John Smith, Staff Writers", ["JANE DOE", "John Smith"]),
        ("Associated Press", []),
        ("Jane Doe, Senior Reporter", ["Jane Doe"]),
        ("By Jane Doe | Updated May 3, 2023", ["Jane Doe"]),
        ("Sara Brown Apr 3, 2024", ["Sara Brown"]),
        ("Tom May", ["Tom May"]),
        ("Harbour Times", []),
        ("Ludwig van Beethoven", ["Ludwig van Beethoven"]),
    ],
)
def test_clean_authors_keeps_people_only(raw: str, names: list[str]) -> None:
    assert clean_authors(raw, site="Harbour Times") == names


def test_staff_author_in_meta_is_dropped_and_byline_used() -> None:
    page = """<html><head><meta name="author" content="Staff"></head><body><article>
    <h1>Council votes on budget</h1><span class="author">By Priya Nair</span><p>x</p>
    </article></body></html>"""
    article = read(page)
    assert article.authors == ["Priya Nair"]
    assert article.signals["authors"] == "byline"


def test_site_name_is_not_an_author() -> None:
    page = """<html><head><meta property="og:site_name" content="Harbour Times">
    <meta name="author" content="Harbour Times"></head><body><p>x</p></body></html>"""
    assert read(page).authors == []


BROKEN_PAGE = """<html><head>
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Buses run on Sundays",
 "datePublished": "2023-40-18T09:30:00-05:00"}</script></head>
<body><article><h1>Buses run on Sundays</h1>
<p class="timestamp">Published Sept. 18, 2023, 9:30 a.m. CDT</p><p>Text.</p>
</article></body></html>"""


def test_broken_date_is_repaired_from_the_dateline_with_a_note() -> None:
    article = read(BROKEN_PAGE, "https://mw.example/news/2023/09/18/buses")
    assert article.published == "2023-09-18T09:30:00-05:00"
    assert article.signals["published"] == "dateline"
    assert article.date_confidence == 0.68
    assert article.notes == [
        "refused json-ld datePublished '2023-40-18T09:30:00-05:00': month 40 does not exist",
        "published repaired from dateline 2023-09-18T09:30:00-05:00, confirmed by url and "
        "the readable parts of json-ld datePublished",
    ]


def test_broken_date_without_confirmation_is_not_repaired() -> None:
    page = BROKEN_PAGE.replace("9:30 a.m. CDT", "11:00 a.m. CDT").replace("2023, 11", "2022, 11")
    article = read(page)
    assert article.published is None
    assert article.notes[-1] == (
        "json-ld datePublished refused; dateline 2022-09-18T11:00:00-05:00 not confirmed, unused"
    )


def test_year_only_value_never_becomes_a_day() -> None:
    page = """<html><head><meta property="article:published_time" content="2023">
    </head><body><p>x</p></body></html>"""
    article = read(page)
    assert article.published == "2023"
    assert article.signals["published"] == "og"


def test_year_only_takes_the_day_of_an_agreeing_signal() -> None:
    page = """<html><head><meta property="article:published_time" content="2023"></head>
    <body><p>x</p></body></html>"""
    article = read(page, "https://x.example/2023/07/18/story")
    assert article.published == "2023-07-18"
    assert article.notes == ["article:published_time gave only 2023; the day comes from url path"]


def test_january_first_placeholder_reads_as_a_year() -> None:
    page = """<html><head><meta property="article:published_time" content="2023-01-01T00:00:00">
    </head><body><p>x</p></body></html>"""
    article = read(page, "https://x.example/2023/07/18/story")
    assert article.published == "2023-07-18"
    assert (
        article.notes[0]
        == "article:published_time '2023-01-01T00:00:00' read as the year 2023 only"
    )


def test_modified_before_published_is_flagged_and_dropped() -> None:
    page = """<html><head>
    <meta property="article:published_time" content="2024-09-18T09:30:00-05:00">
    <meta property="og:updated_time" content="2024-09-17T22:10:00-05:00">
    </head><body><p>x</p></body></html>"""
    article = read(page)
    assert article.modified is None
    assert article.notes == [
        "og:updated_time 2024-09-17T22:10:00-05:00 is before the publication "
        "2024-09-18T09:30:00-05:00; dropped"
    ]


def test_future_date_is_refused() -> None:
    page = """<html><head><meta property="article:published_time" content="2031-02-03T10:00:00Z">
    </head><body><h1>Snow closes schools again</h1><span class="date">Feb. 3, 2025</span>
    <p>x</p></body></html>"""
    article = read(page, "https://x.example/2025/02/03/story")
    assert article.published == "2025-02-03"
    assert article.notes[0] == (
        "refused article:published_time '2031-02-03T10:00:00Z': "
        "2031-02-03T10:00:00+00:00 is in the future"
    )


@pytest.mark.skipif(not EXAMPLE.exists(), reason="the example page is not in this checkout")
def test_example_page_with_broken_dates() -> None:
    article = read(EXAMPLE.read_text(encoding="utf-8"))
    assert article.published == "2024-09-18T09:30:00-05:00"
    assert article.modified is None
    assert article.authors == ["Renata Oduya"]
    assert article.title.startswith("Transit board approves Sunday service boost")
    assert article.notes == [
        "refused json-ld datePublished '2024-13-45T09:30:00-05:00': month 13 does not exist",
        "published repaired from dateline 2024-09-18T09:30:00-05:00, confirmed by url and "
        "the readable parts of json-ld datePublished",
        "refused json-ld dateModified '2024-00-18': month 0 does not exist",
        "og:updated_time 2024-09-17T22:10:00-05:00 is before the publication "
        "2024-09-18T09:30:00-05:00; dropped",
    ]


def test_visible_headline_wins_over_a_rewritten_meta_title() -> None:
    page = """<html><head><meta property="og:title" content="Ferry Strike 2025: What To Know">
    </head><body><header><h1>Harbour Times</h1></header><article>
    <h1>What to know about the ferry strike</h1><p>x</p></article></body></html>"""
    article = read(page)
    assert article.title == "What to know about the ferry strike"
    assert article.signals["title"] == "h1"


def test_a_logo_heading_does_not_replace_the_meta_title() -> None:
    page = """<html><head><meta property="og:title" content="Ferry strike called off">
    </head><body><h1>Harbour Times Weekly Edition</h1><p>x</p></body></html>"""
    article = read(page)
    assert article.title == "Ferry strike called off"
    assert article.signals["title"] == "og"


def test_visible_tag_list_fills_tags_when_no_meta_gives_them() -> None:
    page = """<html><body><article><h1>Buses run on Sundays again</h1><p>x</p>
    <div class="post-tags">Filed under: <a href="/tag/buses">Buses</a>,
    <a href="/tag/budget">#Budget</a></div></article></body></html>"""
    article = read(page)
    assert article.tags == ["Buses", "Budget"]
    assert article.signals["tags"] == "links"


def test_byline_beside_the_body_beats_a_by_line_inside_it() -> None:
    page = """<html><body><article><h1>Harbour dredging starts next week</h1>
    <div class="meta"><span class="author">Lena Okafor</span></div>
    <div class="story"><p>By Monday Dredge Crews will be on site, the port said.</p>
    <p>More text.</p></div></article></body></html>"""
    tree = parse_html(page)
    body = tree.find(".//div[@class='story']")
    article = read_metadata(tree, None, body, now=NOW)
    assert article.authors == ["Lena Okafor"]
