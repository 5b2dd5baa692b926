"""The PolNeAR loader and measures on standoff written here, and one run on the real data."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.doc import Doc
from newsgraph.eval.polnear import (
    Attribution,
    Counts,
    count,
    load_polnear,
    matches,
    overlap,
    parse_ann,
    scores,
)
from newsgraph.eval.quotes import (
    evaluate_quotes,
    predicted_attributions,
    quotes_report_table,
)
from tests.conftest import SHARED

STANDOFF = """T1\tSource 0 5\tSmith
T2\tCue 6 10\tsaid
T3\tContent 11 30;35 40\tthe plan is dead now
T4\tAttribution 6 10\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tCue 50 54\tsaid
T6\tContent 55 70\tit was over
T7\tAttribution-no-source 50 54\tsaid
E2\tAttribution-no-source:T7 Content:T6 Cue:T5
T8\tDiscard 80 90\tRead more.
"""


def test_standoff_becomes_attributions_with_broken_spans_kept() -> None:
    assert parse_ann(STANDOFF) == [
        Attribution(((11, 30), (35, 40)), ((6, 10),), ((0, 5),)),
        Attribution(((55, 70),), ((50, 54),), ()),
    ]


def test_a_match_needs_half_of_the_longer_span() -> None:
    gold = [((0, 100),), ((200, 210),)]
    assert matches(gold, [((0, 50),), ((200, 230),)]) == [(0, 0)]
    assert matches(gold, [((0, 49),)]) == []
    assert overlap(((0, 10), (20, 30)), ((5, 25),)) == 10


def test_each_quote_matches_once_largest_overlap_first() -> None:
    gold = [((0, 10),), ((0, 12),)]
    assert matches(gold, [((0, 12),)]) == [(1, 0)]


def test_speakers_count_over_matched_quotes_only() -> None:
    gold = parse_ann(STANDOFF)
    predicted = [
        Attribution(((11, 40),), ((6, 10),), ((0, 5),)),  # matched, speaker right
        Attribution(((55, 70),), ((50, 54),), ((44, 48),)),  # matched, a speaker where none is
        Attribution(((100, 120),), (), ()),  # not in the gold
    ]
    assert count(gold, predicted) == Counts(gold=2, predicted=3, matched=2, speaker_right=1)
    measured = scores(count(gold, predicted))
    assert (measured["precision"], measured["recall"], measured["speaker"]) == (2 / 3, 1.0, 0.5)
    assert measured["f1"] == pytest.approx(0.8)


def test_quote_pieces_sharing_a_cue_are_one_attribution() -> None:
    doc = Doc('"One," he said. "Two."')
    cue = doc.add_span("cue", 8, 12)
    who = doc.add_span("mention", 5, 7)
    doc.add_span("quote", 1, 4, args={"speaker": who.id, "cue": cue.id})
    doc.add_span("quote", 15, 19, args={"speaker": who.id, "cue": cue.id})
    assert predicted_attributions(doc) == [Attribution(((1, 4), (15, 19)), ((8, 12),), ((5, 7),))]


POLNEAR = SHARED / "eval" / "polnear"


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="PolNeAR is not in ../shared/eval")
def test_the_loader_reads_every_annotator() -> None:
    articles = load_polnear(SHARED / "eval", "dev")
    assert len(articles) == 84
    assert sum(len(a.annotations) for a in articles) == 94
    first = articles[0].annotations
    assert all(g.content for gold in first.values() for g in gold)


@pytest.mark.slow
@pytest.mark.skipif(not POLNEAR.is_dir(), reason="PolNeAR is not in ../shared/eval")
def test_a_small_run_scores_both_systems(tmp_path: Path) -> None:
    report = evaluate_quotes(SHARED / "eval", "dev", limit=3)
    names = [row.name.split()[0] for row in report.rows]
    assert names == ["newsgraph", "textacy"] or "textacy" in report.skipped
    ours = report.rows[0]
    assert 0 < ours.speech["f1"] <= 1 and ours.speech["gold"] > 0
    assert set(report.timing) == {"spacy", "entities", "quotes"}
    assert quotes_report_table(report).splitlines()[2].startswith("| system |")
