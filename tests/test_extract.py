from __future__ import annotations

import json

from newsgraph import doc_to_dict, process
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


def test_menu_only_page_is_skipped_with_a_reason() -> None:
    doc = process("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert doc.skipped is not None and doc.skipped.stage == "extract"
    assert doc.skipped.message.startswith("no running text")


def test_listing_page_is_skipped_not_turned_into_an_article() -> None:
    links = "".join(
        f"<li><a href='/a{i}'>Council approves budget item {i}</a></li>" for i in range(30)
    )
    doc = process(f"<html><body><h1>Latest news</h1><ul>{links}</ul></body></html>")
    assert doc.skipped is not None and doc.text == ""


def test_scraped_headline_list_is_skipped() -> None:
    headlines = [
        "Storm closes coastal road near harbour",
        "Mayor opens new library wing downtown",
        "Council delays vote on transit budget",
        "Ferry service resumes after repairs",
        "Schools reopen after winter storm",
        "Police seek witnesses to bridge crash",
    ]
    doc = process("Latest news\n\n" + "\n\n".join(headlines))
    assert doc.skipped is not None and "headline" in doc.skipped.message


def test_given_body_is_never_judged() -> None:
    doc = process(json.dumps({"body": "Short.", "title": "T"}))
    assert doc.skipped is None and doc.body == "Short."


def test_provenance_records_which_signal_won() -> None:
    doc = process(ARTICLE_HTML)
    assert doc.meta.provenance["signals"]["title"]
    assert "provenance" in doc_to_dict(doc)["meta"]


def test_a_field_the_input_carried_is_credited_to_the_input() -> None:
    record = {"html": ARTICLE_HTML, "title": "Given by the feed", "published": "2025-01-02"}
    doc = process(json.dumps(record))
    signals = doc.meta.provenance["signals"]
    assert doc.meta.title == "Given by the feed" and signals["title"] == "input"
    assert signals["published"] == "input"
    assert signals["site"] != "input"  # found in the page, not given


def test_deep_nesting_is_a_problem_not_a_crash() -> None:
    deep = "<html><body>" + "<div>" * 5000 + "<p>x</p>" + "</div>" * 5000 + "</body></html>"
    doc = process(deep)
    first, *later = doc.problems
    assert (first.stage, first.kind) == ("extract", MalformedInput.kind)
    assert later and {p.kind for p in later} == {"not_run"}
    assert "nested deeper" in doc.problems[0].message
