"""The quotes stage: who said what, to whom, and which outlet the words were given to.

It reads the nlp stage's parse and the entities stage's spans, and writes:

- `quote` spans over the reported words (direct, indirect, mixed or partial), linked to their
  speaker, their cue and, when the text says so, the addressee or the outlet;
- `cue` spans over the verb group that reports them ("has said", "according to");
- `mention` spans for speakers that are not entity names ("he", "who", "the president"),
  linked to the entity they refer back to when one is found;
- `citation` spans over outlets cited as sources ("told The Pavlovic Today", "The Associated
  Press reported", "according to Reuters", wire credits), separate from the people speaking.

The work is split by concern: quotes_marks (quotation marks), quotes_frames (cues in the
parse), quotes_attach (joining the two), quotes_speakers (who a speaker phrase is),
quotes_outlets (news organisations). docs/quotes.md describes the rules.
"""

from __future__ import annotations

from typing import Any

from newsgraph.doc import Doc, Span
from newsgraph.errors import PipelineError
from newsgraph.stages.quotes_attach import Attribution, attribute
from newsgraph.stages.quotes_frames import Frame, find_frames
from newsgraph.stages.quotes_marks import find_quoted
from newsgraph.stages.quotes_outlets import Outlet, Outlets, wire_credits
from newsgraph.stages.quotes_speakers import Resolver, Speaker


class Quotes:
    """Find quotations and reported speech, their speakers, and the outlets cited."""

    name = "quotes"
    requires: tuple[str, ...] = ("analysis", "entity")
    produces: tuple[str, ...] = ("quote", "citation")

    def __call__(self, doc: Doc) -> Doc:
        """Attribute the quotations of one document."""
        if not _analyses(doc.analysis, doc.text):
            raise PipelineError("the quotes stage needs the nlp stage's analysis of this text")
        quoted = find_quoted(doc.text)
        frames = find_frames(doc.analysis, doc.text, [(q.start, q.end) for q in quoted])
        writer = _Writer(doc, self.name, [(q.start, q.end) for q in quoted])
        starts = [s.start for s in doc.spans_of("sentence")]
        for attribution in attribute(doc.text, starts, frames, quoted):
            writer.quote(attribution)
        for frame in frames:
            writer.citation_only(frame)  # outlets cited without words reported ("told CNN")
        writer.credits()
        return doc


def _analyses(analysis: Any, text: str) -> bool:
    """Whether the spaCy Doc covers exactly this text (Doc.text would rebuild the string)."""
    if analysis is None or len(analysis) == 0:
        return analysis is not None and text == ""
    last = analysis[-1]
    return bool(last.idx + len(last.text_with_ws) == len(text))


class _Writer:
    """Adds the spans for one document, each cue, speaker and citation once."""

    def __init__(self, doc: Doc, stage: str, quoted: list[tuple[int, int]]) -> None:
        self.doc, self.stage = doc, stage
        entities = list(doc.spans_of("entity"))
        self.resolver = Resolver(doc.text, entities, quoted)
        self.outlets = Outlets(doc.text, entities)
        self.done: dict[int, dict[str, Span | None]] = {}  # frame cue token -> its spans
        self.cited: dict[int, Span] = {}  # outlet start -> citation span
        self.names: dict[int, str | None] = {}  # speaker span id -> the resolved name

    def quote(self, attribution: Attribution) -> None:
        """Add one quote span per piece of the attribution's words."""
        parts = self.frame(attribution.frame)
        speaker, outlet = parts["speaker"], parts["outlet"]
        args = {role: span.id for role, span in parts.items() if span is not None}
        value: dict[str, Any] = {
            "speaker": self.names.get(speaker.id) if speaker is not None else None,
            "mention": speaker.covered(self.doc.text) if speaker is not None else None,
        }
        if outlet is not None:
            value["outlet"] = outlet.value.get("outlet")
        for start, end in attribution.pieces:
            text = self.doc.text[start:end]
            self.doc.add_span(
                "quote",
                start,
                end,
                label=attribution.label,
                value={"text": text, **value},
                args=args,
                stage=self.stage,
            )

    def frame(self, frame: Frame) -> dict[str, Span | None]:
        """The cue, speaker, addressee and citation spans of a frame, made once."""
        key = frame.cue.i
        if key not in self.done:
            self.done[key] = self._frame_spans(frame)
        return self.done[key]

    def citation_only(self, frame: Frame) -> None:
        """Add the citation of a frame that reported no words, when it cites an outlet."""
        if frame.cue.i in self.done:
            return
        source = self.outlets.at(frame.subject)
        told = None if source else self.outlets.at(frame.recipient)
        if source or told:
            self.frame(frame)

    def _frame_spans(self, frame: Frame) -> dict[str, Span | None]:
        cue = self._cue(frame)
        source = self.outlets.at(frame.subject)
        speaker = None if source else self._speaker(self.resolver.speaker(frame.subject))
        label = "according_to" if frame.according else "reported"
        citation = self._citation(source, label, None) if source else None
        if citation is None:
            told = self.outlets.at(frame.recipient)
            citation = self._citation(told, "told", speaker) if told else None
        addressee = None if citation else self._addressee(frame)
        return {"speaker": speaker, "cue": cue, "outlet": citation, "addressee": addressee}

    def _cue(self, frame: Frame) -> Span:
        start, end = frame.cue_range
        label = "according_to" if frame.according else "verb"
        lemma = frame.cue.lemma_.lower()
        return self._add("cue", start, end, label, {"lemma": lemma})

    def _speaker(self, found: Speaker | None) -> Span | None:
        if found is None:
            return None
        if found.entity is not None:
            span = found.entity
        else:
            value = {"name": found.name}
            args = {"refers": found.antecedent.id} if found.antecedent is not None else {}
            span = self._add("mention", found.start, found.end, found.kind, value, args)
        self.names[span.id] = found.name
        return span

    def _citation(self, outlet: Outlet, label: str, speaker: Span | None) -> Span:
        self.outlets.remember(outlet)
        if outlet.start in self.cited:
            return self.cited[outlet.start]
        args = {"outlet": outlet.entity.id} if outlet.entity is not None else {}
        if speaker is not None:
            args["speaker"] = speaker.id
        span = self._add("citation", outlet.start, outlet.end, label, {"outlet": outlet.name}, args)
        self.cited[outlet.start] = span
        return span

    def _addressee(self, frame: Frame) -> Span | None:
        if frame.recipient is None:
            return None
        found = self.resolver.speaker(frame.recipient, speaking=False)
        if found is None or found.kind == "other":
            return None  # "urged an easing of tensions": a thing, not an addressee
        return self._speaker(found)

    def credits(self) -> None:
        """Add a citation for each wire credit ("(AP)", "— Reuters")."""
        for start, end, name in wire_credits(self.doc.text):
            if start not in self.cited:
                self.cited[start] = self._add("citation", start, end, "credit", {"outlet": name})

    def _add(
        self,
        kind: str,
        start: int,
        end: int,
        label: str,
        value: dict[str, Any],
        args: dict[str, int] | None = None,
    ) -> Span:
        return self.doc.add_span(
            kind, start, end, label=label, value=value, args=args or {}, stage=self.stage
        )
