"""Scraped page text -> Article: small pages written here, and the real seed page."""

from __future__ import annotations

import pytest

from newsgraph.extraction import extract_text

from .conftest import SCRAPED_TEXT, SEED

P1 = (
    "Ferry workers in the harbour town voted on Monday to walk out next week, a union leader "
    "said, after talks over pay broke down for the third time this year."
)
P2 = (
    '"We have waited long enough," said Amara Quist, who chairs the crew committee. "Nobody '
    'wants to strand passengers, but the company left us no choice."'
)
P3 = (
    "The operator said it had offered a raise of four percent and would keep two boats running "
    "during any strike, so that island residents could still reach the mainland hospital."
)

CHROME_PAGE = f"""Skip to main content
Home
News
Sport
Weather

Tags: harbour | ferries | strike

Ferry workers vote to strike

Ferry crew on the quay (Photo: Harbour Gazette)

By Jane Roe | Tuesday, 5 March 2024 10:15 AM EST

{P1}

{P2}

Advertisement

{P3}

Related stories
Council approves new cycle lanes on the seafront road
Library extends its opening hours over the summer

3 Comments
Pat on March 5, 2024 at 11:02 am said:
Good for them, the boats have been late all winter and nobody at the company listens to us.
Reply

Sign up for our newsletter
Privacy Policy | Terms of Use
© 2024 Harbour Gazette. All rights reserved.
"""


def test_chrome_page_gives_title_byline_date_tags_and_clean_body() -> None:
    article = extract_text(CHROME_PAGE)
    assert article.title == "Ferry workers vote to strike"
    assert article.body == f"{P1}\n\n{P2}\n\n{P3}"
    assert article.authors == ["Jane Roe"]
    assert article.published == "2024-03-05T10:15:00-05:00"
    assert article.tags == ["harbour", "ferries", "strike"]
    assert article.site == "Harbour Gazette"
    assert article.not_article == ""
    assert article.language == "en"
    assert article.signals == {
        "title": "headline",
        "language": "function-words",
        "authors": "byline",
        "tags": "tag-line",
        "site": "copyright",
        "published": "byline",
    }


def test_title_repeating_the_first_line_anchors_the_body_and_names_the_site() -> None:
    teaser = "Storm damage closes the old pier: engineers say repairs will take months to finish."
    page = (
        f"Ferry workers vote to strike - Harbour Gazette\n\nMost read\n{teaser}\n{teaser}\n\n"
        f"Ferry workers vote to strike\n\n{P1}\n\n{P2}\n\n{P3}\n"
    )
    article = extract_text(page)
    assert article.title == "Ferry workers vote to strike"
    assert article.signals["title"] == "repeated-title"
    assert article.body == f"{P1}\n\n{P2}\n\n{P3}"
    assert (article.site, article.signals["site"]) == ("Harbour Gazette", "title-tag")


@pytest.mark.parametrize(
    ("first_line", "title", "site"),
    [
        (
            "Ferry workers vote to strike - Harbour Gazette",
            "Ferry workers vote to strike",
            "Harbour Gazette",
        ),
        ("Ukraine - Russia talks resume", "Ukraine - Russia talks resume", ""),
        ("Storm: harbour closed | Daily Wave", "Storm: harbour closed", "Daily Wave"),
    ],
)
def test_first_line_title_loses_only_a_site_name(first_line: str, title: str, site: str) -> None:
    article = extract_text(f"{first_line}\n\n{P1}\n")
    assert (article.title, article.signals["title"]) == (title, "first-line")
    assert article.site == site


def test_url_slug_finds_the_headline() -> None:
    page = f"Menu\n\nWeather\n\nFerry workers vote to strike\n\n{P1}\n\n{P2}\n"
    article = extract_text(page, url="https://gazette.example/2024/03/ferry-workers-vote-strike")
    assert (article.title, article.signals["title"]) == ("Ferry workers vote to strike", "url-slug")
    assert article.site == "gazette.example"
    assert article.url == "https://gazette.example/2024/03/ferry-workers-vote-strike"


def test_clean_article_is_kept_whole() -> None:
    page = f"Lighthouse keeper retires\n\n{P1}\n\nA long career\n\n{P2}\n\nHe left on Friday.\n"
    article = extract_text(page)
    assert article.title == "Lighthouse keeper retires"
    assert article.body == f"{P1}\n\nA long career\n\n{P2}\n\nHe left on Friday."


def test_byline_and_dateline_give_authors_published_and_modified() -> None:
    page = (
        "Ferry workers vote to strike\n\nBy Jane Roe and Li Wu, Harbour Gazette\n"
        "Published March 5, 2024 9:00 AM EST | Updated March 6, 2024 8:30 AM EST\n\n"
        f"{P1}\n"
    )
    article = extract_text(page)
    assert article.body == P1
    assert article.authors == ["Jane Roe", "Li Wu"]
    assert article.published == "2024-03-05T09:00:00-05:00"
    assert article.modified == "2024-03-06T08:30:00-05:00"
    assert article.date_confidence == 0.8
    assert [article.signals[k] for k in ("authors", "published", "modified")] == [
        "byline",
        "dateline",
        "dateline",
    ]


def test_day_first_numeric_dates_on_pages_not_in_english() -> None:
    paragraph = (
        "O escritor conheceu a obra da autora por acaso, quando estava na faculdade, e não "
        "sabia nada sobre a vida dela nem sobre o livro que tinha nas mãos."
    )
    article = extract_text(f"Um escritor e a sua autora\n\n10/12/20 - 10h02\n\n{paragraph}\n")
    assert (article.language, article.signals["language"]) == ("pt", "function-words")
    assert article.published == "2020-12-10T10:02:00"
    assert article.body == paragraph


def test_shared_scraped_sample_keeps_its_title_and_both_lines() -> None:
    article = extract_text(SCRAPED_TEXT)
    assert article.title == "Lighthouse keeper retires after forty years"
    assert article.body.startswith("The last keeper of the northern light")
    assert article.body.endswith("looking out at the water.")


def test_list_announced_by_a_colon_stays_in_the_body() -> None:
    dates = "June 9 – Tampa, FL\nJune 12 – Atlanta, GA\nJune 15 – Nashville, TN"
    page = f"Band announces tour\n\n{P1}\n\n{P3}\n\nThe tour dates:\n\n{dates}\n\nShare this:\n"
    article = extract_text(page)
    assert article.body == f"{P1}\n\n{P3}\n\nThe tour dates:\n\n{dates}"


def test_comment_section_is_not_the_body_even_when_longer() -> None:
    comment = (
        "I have taken this ferry every morning for eleven years and it has never once been on "
        "time, so I do not see what difference a strike would make to any of us."
    )
    page = (
        f"Ferry workers vote to strike\n\n{P1}\n\n12 Comments\n\n"
        f"Sam said:\n{comment}\n\nReply\n\nAlex said:\n{comment} Really.\n\nReply\n"
    )
    assert extract_text(page).body == P1


def test_list_of_headlines_is_not_an_article() -> None:
    page = "\n".join(
        [
            "Latest news",
            "Council approves new cycle lanes on the seafront",
            "Library extends its opening hours for summer",
            "Storm damage closes the old pier for months",
            "Ferry workers vote to strike over pay",
            "School choir wins regional music prize",
            "Harbour museum reopens after long repairs",
        ]
    )
    article = extract_text(page)
    assert article.body == ""
    assert article.not_article == "no running text: 6 headline-like lines"


@pytest.mark.parametrize(
    ("page", "title", "body", "reason"),
    [
        ("", "", "", "empty page"),
        ("\n \n\t\n\u200b\n", "", "", "empty page"),
        ("Hello", "", "Hello", "too little running text (1 words)"),
        (
            "Ferry strike\n\nBoats stop.",
            "Ferry strike",
            "Boats stop.",
            "too little running text (2 words)",
        ),
        (f"Ferry strike\n\n{P1}", "Ferry strike", P1, ""),
    ],
)
def test_very_short_pages(page: str, title: str, body: str, reason: str) -> None:
    article = extract_text(page)
    assert (article.title, article.body, article.not_article) == (title, body, reason)


def test_impossible_date_in_a_metadata_block_is_refused_and_noted() -> None:
    page = (
        f"Ferry workers vote to strike\n\n{P1}\n\n{P2}\n\n© 2024 Harbour Gazette\n\n"
        f"Local News\n{P1}\nharbour, ferries, strike\n2024-31-05\n5 March 2024 10:15\n"
    )
    article = extract_text(page)
    assert article.body == f"{P1}\n\n{P2}"
    assert (article.section, article.signals["section"]) == ("Local News", "metadata-block")
    assert article.tags == ["harbour", "ferries", "strike"]
    assert article.published == "2024-03-05T10:15:00"
    assert article.signals["published"] == "metadata-block"
    assert article.description == P1
    assert article.site == "Harbour Gazette"
    assert article.notes == ["refused '2024-31-05' (metadata-block): month 31 does not exist"]


SEED_PAGE = SEED / "newsmax-2023-07-18-vucic-nato.txt"
CHROME_LINES = (
    "Skip to main content",
    "Tags:",
    "Vucic (AP)",
    "By ",
    "© ",
    "Newsfront",
    "Sign up",
    "Privacy",
    "Read and Post Comments",
    "TOP",
    "Interest-Based Advertising",
    "NEWSMAX.COM",
)


@pytest.mark.skipif(not SEED_PAGE.exists(), reason="../shared/seed is absent")
def test_seed_page_gives_every_field() -> None:
    article = extract_text(SEED_PAGE.read_text(encoding="utf-8"))
    assert article.title == "Serbia's Vucic: NATO Has to Help End Kosovo Attacks"
    assert article.published == "2023-07-18T21:40:00-04:00"
    assert article.site == "Newsmax"
    assert article.section == "Newsfront"
    assert article.tags == ["serbia", "kosovo", "nato", "serbs", "albanians", "vucic"]
    assert article.authors == []
    paragraphs = article.body.split("\n\n")
    assert paragraphs[0].startswith("Accusing Kosovo of carrying out")
    assert paragraphs[-1].startswith("U.S. Ambassador to Kosovo Jeff Hovenier said")
    assert len(paragraphs) == 17
    assert not [p for p in paragraphs if p.startswith(CHROME_LINES) or p.isupper()]
    assert article.signals == {
        "title": "headline",
        "language": "function-words",
        "tags": "tag-line",
        "description": "metadata-block",
        "section": "metadata-block",
        "site": "copyright",
        "published": "byline",
    }
    assert article.notes == ["refused '2023-40-18' (metadata-block): month 40 does not exist"]
    assert article.not_article == ""
