from __future__ import annotations

import json

from newsgraph import process
from newsgraph.errors import MalformedInput

from .conftest import ARTICLE_HTML, SCRAPED_TEXT


def test_html_gets_title_body_site_and_canonical_url() -> None:
    doc = process(ARTICLE_HTML)
    assert doc.meta.title == "Ferry workers vote to strike"
    assert doc.text.startswith("Ferry workers vote to strike\n\n")
    assert doc.url == "https://tribune.example/2025/ferry-strike"
    assert "Amara Quist" in doc.body and "Copyright" not in doc.body


def test_id_is_a_hash_of_the_canonical_url() -> None:
    moved = ARTICLE_HTML.replace("talks over pay", "negotiations over pay")
    assert process(ARTICLE_HTML).id == process(moved).id


def test_id_without_url_is_a_hash_of_the_body() -> None:
    assert process(SCRAPED_TEXT).id == process("\n\n" + SCRAPED_TEXT + "\n").id
    assert process(SCRAPED_TEXT).id != process(SCRAPED_TEXT.replace("Friday", "Monday")).id


def test_given_url_is_kept() -> None:
    assert process(SCRAPED_TEXT, url="https://x.example/a").url == "https://x.example/a"


def test_scraped_text_first_line_is_the_title() -> None:
    doc = process(SCRAPED_TEXT)
    assert doc.meta.title == "Lighthouse keeper retires after forty years"
    assert doc.body.startswith("The last keeper")


def test_jsonl_metadata_wins_over_extraction() -> None:
    record = {"html": ARTICLE_HTML, "title": "Given title", "authors": ["Ann Lee"], "desk": "x"}
    doc = process(json.dumps(record))
    assert doc.meta.title == "Given title" and doc.meta.authors == ["Ann Lee"]
    assert doc.meta.extra == {"desk": "x"}
    assert doc.text.startswith("Given title\n\n")


def test_page_without_text_is_skipped_with_a_reason() -> None:
    doc = process("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert doc.skipped is not None
    assert doc.skipped.message == "too little text for an article (1 words)"


def test_empty_body_is_skipped() -> None:
    doc = process("<html><body><script>var x = 1;</script></body></html>")
    assert doc.skipped is not None and doc.skipped.message == "no article text found"


def test_deep_nesting_is_a_problem_not_a_crash() -> None:
    deep = "<html><body>" + "<div>" * 5000 + "<p>x</p>" + "</div>" * 5000 + "</body></html>"
    doc = process(deep)
    assert [(p.stage, p.kind) for p in doc.problems] == [("extract", MalformedInput.kind)]
    assert "nested deeper" in doc.problems[0].message
