"""Score quote attribution on PolNeAR: newsgraph beside textacy's direct-quotation extractor.

Both systems read the same spaCy parse of the same articles in the same run, so the scores
differ only by what each does with the parse. Measures (shared/eval/README.md): content F1,
where a predicted quote matches a gold content span when their character overlap is at least
half of the longer one, and speaker accuracy over the matched quotes (the predicted speaker
mention overlaps the gold source). Both are given over all attributions and over those whose
cue is a verb of saying. Articles with several annotators are scored against each annotator
and the counts averaged.
"""

from __future__ import annotations

import dataclasses
import importlib.metadata
import json
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.doc import Doc, Span
from newsgraph.errors import NewsgraphError
from newsgraph.eval.polnear import (
    Article,
    Attribution,
    Counts,
    Ranges,
    count,
    load_polnear,
    scores,
)
from newsgraph.pipeline import Stage
from newsgraph.stages.nlp import Nlp
from newsgraph.stages.quotes_frames import verb_lemma
from newsgraph.stages.quotes_lexicon import SPEECH_VERBS

Progress = Callable[[str], None]
SOURCE_CITATIONS = frozenset({"reported", "according_to"})  # the outlet is who speaks


@dataclass
class QuoteRow:
    """One system's scores over all attributions and over speech-verb ones, and its time."""

    name: str
    status: str = "ok"
    reason: str = ""
    all: dict[str, float] = field(default_factory=dict)
    speech: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0  # the system's own work on the parsed articles, spaCy not counted


@dataclass
class QuoteReport:
    """A run over one PolNeAR split: sizes, one row per system, and the stage timings."""

    split: str
    articles: int
    annotations: int
    rows: list[QuoteRow]
    timing: dict[str, float] = field(default_factory=dict)  # seconds: spacy, entities, quotes
    skipped: dict[str, str] = field(default_factory=dict)


def evaluate_quotes(
    data_dir: Path,
    split: str = "dev",
    *,
    limit: int | None = None,
    stages: Sequence[Stage] | None = None,
    progress: Progress | None = None,
) -> QuoteReport:
    """Run and score newsgraph and textacy on one PolNeAR split."""
    articles = load_polnear(data_dir, split, limit)
    if not articles:
        raise NewsgraphError(f"no annotated PolNeAR {split} articles in {data_dir}")
    report = QuoteReport(split, len(articles), sum(len(a.annotations) for a in articles), [])
    _step(progress, "spaCy")
    docs, report.timing["spacy"] = _timed(lambda: _parsed(articles))
    ours = QuoteRow("newsgraph")
    for stage in stages if stages is not None else _our_stages():
        _step(progress, stage.name)
        _, report.timing[stage.name] = _timed(lambda s=stage: [s(d) for d in docs])  # type: ignore[misc]
        ours.seconds += report.timing[stage.name]
    _score(ours, articles, docs, [predicted_attributions(d) for d in docs])
    report.rows.append(ours)
    _step(progress, "textacy")
    _run_textacy(report, articles, docs)
    return report


def _our_stages() -> list[Stage]:
    from newsgraph.stages import REGISTRY, make_stage

    if "entities" not in REGISTRY:
        raise NewsgraphError("the quotes stage needs the entities stage, which is not registered")
    return [make_stage("entities"), make_stage("quotes")]


def _parsed(articles: list[Article]) -> list[Doc]:
    docs = [Doc(a.text, id=a.id, body_start=_body_start(a.text)) for a in articles]
    return list(Nlp().pipe(docs))


def _body_start(text: str) -> int:
    head, sep, _ = text.partition("\n\n")
    return len(head) + len(sep) if sep else 0


def _timed(work: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def _step(progress: Progress | None, name: str) -> None:
    if progress is not None:
        progress(name)


def predicted_attributions(doc: Doc) -> list[Attribution]:
    """Our quote spans as attributions: the pieces sharing a cue are one attribution."""
    pieces: dict[int, list[Span]] = {}
    for quote in doc.spans_of("quote"):
        pieces.setdefault(quote.args.get("cue", -quote.id), []).append(quote)
    found = []
    for cue_id, quotes in pieces.items():
        content = tuple(sorted((q.start, q.end) for q in quotes))
        cue = ((doc.span(cue_id).start, doc.span(cue_id).end),) if cue_id > 0 else ()
        found.append(Attribution(content, cue, _speaker_range(doc, quotes[0])))
    return found


def _speaker_range(doc: Doc, quote: Span) -> Ranges:
    if "speaker" in quote.args:
        speaker = doc.span(quote.args["speaker"])
        return ((speaker.start, speaker.end),)
    if "outlet" in quote.args:
        citation = doc.span(quote.args["outlet"])
        if citation.label in SOURCE_CITATIONS:
            return ((citation.start, citation.end),)
    return ()


def _score(
    row: QuoteRow, articles: list[Article], docs: list[Doc], predicted: list[list[Attribution]]
) -> None:
    everything, speech = Counts(), Counts()
    for article, doc, guesses in zip(articles, docs, predicted, strict=True):
        said = [p for p in guesses if is_speech_cue(doc.analysis, p.cue)]
        share = 1 / len(article.annotations)
        for gold in article.annotations.values():
            everything += count(gold, guesses).scaled(share)
            speech += count(_speech_gold(doc.analysis, gold), said).scaled(share)
    row.all, row.speech = scores(everything), scores(speech)


def _speech_gold(analysis: Any, gold: list[Attribution]) -> list[Attribution]:
    return [g for g in gold if is_speech_cue(analysis, g.cue)]


def is_speech_cue(analysis: Any, cue: Ranges) -> bool:
    """Whether a cue holds a verb of saying (by the lemma of the parse's tokens)."""
    for start, end in cue:
        piece = analysis.char_span(start, end, alignment_mode="expand")
        if piece is not None and any(_says(t) for t in piece):
            return True
    return False


def _says(token: Any) -> bool:
    if token.pos_ == "VERB" and token.lemma_.lower() in SPEECH_VERBS:
        return True
    return verb_lemma(token) in SPEECH_VERBS


# -- the peer ------------------------------------------------------------------------------


def _run_textacy(report: QuoteReport, articles: list[Article], docs: list[Doc]) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # its dependencies warn on import
            from textacy.extract.triples import direct_quotations
        version = importlib.metadata.version("textacy")
    except ImportError as exc:
        report.skipped["textacy"] = f"not installed ({exc}); pip install textacy==0.13.0"
        return
    row = QuoteRow(f"textacy {version}")
    failures: list[str] = []

    def run(analysis: Any) -> list[Any]:
        try:
            return list(direct_quotations(analysis))
        except Exception as exc:  # it refuses some articles (unbalanced marks): none found
            failures.append(f"{type(exc).__name__}: {exc}")
            return []

    found, row.seconds = _timed(lambda: [run(d.analysis) for d in docs])
    _score(row, articles, docs, [[_from_textacy(q) for q in quotes] for quotes in found])
    if failures:
        row.reason = f"raised on {len(failures)} article(s), scored as none found; first: "
        row.reason += failures[0][:120]
    report.rows.append(row)


def _from_textacy(triple: Any) -> Attribution:
    content = ((triple.content.start_char, triple.content.end_char),)
    return Attribution(content, _token_ranges(triple.cue), _token_ranges(triple.speaker))


def _token_ranges(tokens: Sequence[Any]) -> Ranges:
    return tuple(sorted((t.idx, t.idx + len(t)) for t in tokens))


# -- the report ----------------------------------------------------------------------------

COLUMNS = ("f1", "precision", "recall", "speaker")
HEADINGS = {"f1": "F1", "precision": "P", "recall": "R", "speaker": "speaker"}


def quotes_report_json(report: QuoteReport) -> str:
    """The report as indented JSON."""
    return json.dumps(dataclasses.asdict(report), ensure_ascii=False, indent=2)


def quotes_report_table(report: QuoteReport) -> str:
    """The report as a heading line, a Markdown table, the timings and any notes."""
    header = ["system"]
    header += [f"said {HEADINGS[c]}" for c in COLUMNS] + [f"all {HEADINGS[c]}" for c in COLUMNS]
    header.append("s")
    lines = [_heading(report), "", _cells(header), _cells(["---"] * len(header))]
    lines += [_cells(_row(row)) for row in report.rows]
    lines += ["", _timing(report.timing)]
    lines += [f"- {row.name} {row.reason}" for row in report.rows if row.reason]
    lines += [f"- skipped {name}: {why}" for name, why in report.skipped.items()]
    return "\n".join(lines)


def _heading(report: QuoteReport) -> str:
    speech = next((r.speech for r in report.rows if r.speech), {})
    return (
        f"polnear {report.split}: {report.articles} articles, {report.annotations} annotation "
        f"files ({speech.get('gold', 0):.0f} speech-verb attributions, annotators averaged); "
        "a quote matches when it overlaps the gold content by half the longer span; speaker "
        "= the mention overlaps the gold source; 'said' = cues that are verbs of saying"
    )


def _row(row: QuoteRow) -> list[str]:
    if row.status != "ok":
        return [row.name, f"failed: {row.reason}", *[""] * (2 * len(COLUMNS))]
    values = [_number(row.speech[c]) for c in COLUMNS] + [_number(row.all[c]) for c in COLUMNS]
    return [row.name, *values, f"{row.seconds:.2f}"]


def _timing(timing: dict[str, float]) -> str:
    spacy = timing.get("spacy", 0.0)
    ours = sum(v for k, v in timing.items() if k != "spacy")
    parts = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in timing.items())
    ratio = f"; (spaCy + ours) / spaCy = {(spacy + ours) / spacy:.2f}" if spacy else ""
    return f"time: {parts}{ratio}"


def _number(value: float) -> str:
    text = f"{value:.3f}"
    return text[1:] if text.startswith("0.") else text


def _cells(values: list[str]) -> str:
    return "| " + " | ".join(values) + " |"
