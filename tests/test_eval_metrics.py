"""The benchmark metrics on small hand-made strings, with values worked out by hand."""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from pathlib import Path

import pytest

from newsgraph.eval import evaluate_extraction, peers, report_json, report_table
from newsgraph.eval.metrics import (
    BodyPage,
    PageCounts,
    author_names,
    bag_page,
    bag_scores,
    body_page,
    body_scores,
    bootstrap_sd,
    date_outcome,
    date_scores,
    iso_day,
    same_field,
    shingle_counts,
    shingles,
    tokens,
)


def test_tokens_are_word_runs_with_case_kept() -> None:
    assert tokens("Don't stop-me now!") == ["Don", "t", "stop", "me", "now"]


def test_four_token_shingles() -> None:
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}


def test_repeated_shingles_are_counted() -> None:
    assert shingles("a b c d a b c d")[("a", "b", "c", "d")] == 2
    assert sum(shingles("a b c d a b c d").values()) == 5


def test_fewer_than_four_tokens_make_one_shingle() -> None:
    assert shingles("a, b. c") == {("a", "b", "c"): 1}
    assert shingles("...") == {}


def test_counts_are_divided_by_their_sum() -> None:
    # true: abcd bcde; predicted: abcd bcdx cdxy -> TP 1, FP 2, FN 1, out of 4.
    counts = shingle_counts("a b c d e", "a b c d x y")
    assert counts == PageCounts(0.25, 0.5, 0.25)
    assert counts.precision == pytest.approx(1 / 3)
    assert counts.recall == pytest.approx(1 / 2)


def test_every_page_weighs_the_same() -> None:
    long_and_right = body_page(
        " ".join(f"w{i}" for i in range(1000)), " ".join(f"w{i}" for i in range(1000))
    )
    short_and_half = body_page("a b c d e", "a b c d x y")
    scores = body_scores([long_and_right, short_and_half])
    # Mean P = (1 + 1/3) / 2 = 2/3, mean R = (1 + 1/2) / 2 = 3/4, F1 = 12/17.
    assert scores["precision"] == pytest.approx(2 / 3)
    assert scores["recall"] == pytest.approx(3 / 4)
    assert scores["f1"] == pytest.approx(12 / 17)
    assert scores["accuracy"] == 0.5


def test_an_empty_prediction_counts_for_recall_only() -> None:
    empty = body_page("a b c d e", "")
    assert empty.counts == PageCounts(0.0, 0.0, 1.0)
    assert empty.counts.precision is None and empty.counts.recall == 0.0
    scores = body_scores([empty, body_page("x y z", "x y z")])
    assert scores["precision"] == 1.0  # only the page with a prediction
    assert scores["recall"] == 0.5
    assert scores["f1"] == pytest.approx(2 / 3)


def test_an_empty_reference_counts_for_precision_only() -> None:
    page = body_page("", "a b c d")
    assert page.counts == PageCounts(0.0, 1.0, 0.0)
    assert page.counts.precision == 0.0 and page.counts.recall is None


def test_two_empty_texts_score_one() -> None:
    page = body_page("", " \n ")
    assert page == BodyPage(PageCounts(0.0, 0.0, 0.0), exact=True)
    assert body_scores([page]) == {"f1": 1.0, "precision": 1.0, "recall": 1.0, "accuracy": 1.0}


def test_identical_token_lists_are_exact_whatever_the_spacing() -> None:
    page = body_page("Hello,  world\n\nagain", "Hello world again")
    assert page.exact and page.counts == PageCounts(1.0, 0.0, 0.0)


def test_case_matters_for_shingles() -> None:
    page = body_page("Hello world", "hello world")
    assert not page.exact and page.counts == PageCounts(0.0, 0.5, 0.5)


def test_bootstrap_is_deterministic_with_a_seed() -> None:
    pages = [
        body_page("a b c d e", "a b c d x y"),
        body_page("a b c d", "a b c d"),
        body_page("q", ""),
    ]
    first = bootstrap_sd(pages, body_scores, resamples=200, seed=7)
    assert first == bootstrap_sd(pages, body_scores, resamples=200, seed=7)
    assert first != bootstrap_sd(pages, body_scores, resamples=200, seed=8)
    assert first["recall"] > 0


def test_bootstrap_of_identical_pages_has_no_spread() -> None:
    pages = [body_page("a b c d e", "a b c d x y")] * 5
    assert bootstrap_sd(pages, body_scores, resamples=50) == {
        "f1": 0.0,
        "precision": 0.0,
        "recall": 0.0,
        "accuracy": 0.0,
    }


def test_bag_of_lower_case_tokens() -> None:
    # true: the the cat sat on mat (6); predicted: the the cat dog (4); overlap 3.
    page = bag_page("The cat sat on the mat", "the cat, THE dog")
    assert (page.precision, page.recall) == (0.75, 0.5)
    assert page.f1 == pytest.approx(0.6)


def test_bag_edge_cases() -> None:
    assert bag_page("", "") == bag_page("Same words", "same WORDS")
    assert (bag_page("", "").f1, bag_page("a b", "").f1, bag_page("", "a b").f1) == (1.0, 0.0, 0.0)
    scores = bag_scores([bag_page("a b", "a b"), bag_page("a b", "")])
    assert scores == {"f1": 0.5, "precision": 0.5, "recall": 0.5}


def test_dates_as_htmldate_counts_them() -> None:
    outcomes = [
        date_outcome("2020-06-07", "2020-06-07"),
        date_outcome("2020-06-08", "2020-06-08"),
        date_outcome("2020-06-07", "2020-06-06"),
        date_outcome("2020-06-07", None),
    ]
    assert outcomes == ["tp", "tp", "fp", "fn"]
    scores = date_scores(outcomes)
    assert scores["precision"] == pytest.approx(2 / 3)
    assert scores["recall"] == pytest.approx(2 / 3)
    assert scores["accuracy"] == 0.5
    assert scores["f1"] == pytest.approx(4 / 6)


def test_field_normalisation() -> None:
    assert same_field("title", "We’ve  Done – It", " we've done - it\n")
    assert not same_field("title", "Done", "Done | The Site")
    assert not same_field("title", "Done", None)
    assert author_names("Ann Lee, Bo Sand, and Alexander Anderson") == {
        "ann lee",
        "bo sand",
        "alexander anderson",
    }
    assert same_field("authors", "John Doe & Jane Roe", ["By Jane Roe", "JOHN  DOE"])
    assert not same_field("authors", "John Doe & Jane Roe", ["John Doe"])
    assert iso_day("2019-11-19T23:30:00-05:00") == "2019-11-19"
    assert iso_day("19 Nov 2019") is None
    assert same_field("date", "2019-11-19", "2019-11-19T23:30:00-05:00")
    assert not same_field("date", "2019-11-19", "Nov 19")


PAGE = """<html><head><title>Quiet harbour</title></head><body>
<nav>Home News Sport Weather</nav><article><h1>Quiet harbour</h1>
<p>The ferry left at dawn with eleven passengers and a crate of letters for the island.</p>
<p>By noon the wind had turned and the captain said the return would wait a day.</p>
</article><footer>Contact us About us</footer></body></html>"""


@pytest.fixture
def tiny_benchmark(tmp_path: Path) -> Path:
    folder = tmp_path / "scrapinghub"
    (folder / "html").mkdir(parents=True)
    body = (
        "The ferry left at dawn with eleven passengers and a crate of letters for the island.\n\n"
        "By noon the wind had turned and the captain said the return would wait a day."
    )
    truth = {}
    for name in ("p1", "p2"):
        (folder / "html" / f"{name}.html.gz").write_bytes(gzip.compress(PAGE.encode()))
        truth[name] = {"articleBody": body, "url": f"https://harbour.example/{name}"}
    (folder / "ground-truth.json").write_text(json.dumps(truth))
    return tmp_path


def _unfinished(html: str, url: str | None, with_metadata: bool) -> peers.Prediction:
    raise NotImplementedError("being written")


def test_an_unfinished_extractor_fails_its_row_and_the_peers_still_run(
    tiny_benchmark: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(peers.OURS, "html", replace(peers.OURS["html"], run=_unfinished))
    report = evaluate_extraction("scrapinghub", tiny_benchmark, peers=True, passes=1)
    ours, *others = report.rows
    assert (ours.status, ours.reason) == ("failed", "NotImplementedError: being written")
    assert "| newsgraph | failed: NotImplementedError: being written |" in report_table(report)
    whole = next(r for r in others if r.name == "whole-page text (html-text)")
    assert whole.scores["recall"] == 1.0 and whole.scores["precision"] < 1.0
    assert json.loads(report_json(report))["rows"][0]["status"] == "failed"


def test_a_page_that_raises_is_scored_empty(
    tiny_benchmark: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(html: str, url: str | None, with_metadata: bool) -> peers.Prediction:
        raise ValueError("no body")

    def broken_on_p1(html: str, url: str | None, with_metadata: bool) -> peers.Prediction:
        if url and url.endswith("p1"):
            raise ValueError("no body")
        return peers.Prediction(body="The ferry left at dawn")

    monkeypatch.setitem(peers.OURS, "html", replace(peers.OURS["html"], run=broken_on_p1))
    row = evaluate_extraction("scrapinghub", tiny_benchmark, passes=1).rows[0]
    assert (row.status, row.errors, row.first_error) == ("ok", 1, "p1: ValueError: no body")
    # p1 is empty: no precision, recall 0. p2 finds 2 of the body's 29 shingles, no wrong one.
    assert (row.scores["precision"], row.scores["recall"]) == (1.0, pytest.approx((0 + 2 / 29) / 2))
    monkeypatch.setitem(peers.OURS, "html", replace(peers.OURS["html"], run=broken))
    row = evaluate_extraction("scrapinghub", tiny_benchmark, passes=1).rows[0]
    assert (row.status, row.reason) == (
        "failed",
        "raised on every page; first: p1: ValueError: no body",
    )


def test_peer_author_lists_are_flattened() -> None:
    assert peers._names([["Ann Lee | The Desk"], "Bo Sand"]) == ["Ann Lee | The Desk", "Bo Sand"]
    assert peers._names(None) == [] and peers._names("Ann Lee") == ["Ann Lee"]
