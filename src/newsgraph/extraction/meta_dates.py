"""Choosing the published and modified dates among a page's signals, and repairing broken ones.

Rules, in order (docs/extraction.md explains them):
1. A value whose parts are impossible (month 13) or implausible (before 1990, after now) is
   refused, with a note.
2. Signals are ranked: JSON-LD, OpenGraph and other meta tags, microdata, `<time>`, URL,
   visible dateline, lead image address, data scripts, text. The highest-ranked valid one
   wins, unless at least two more signals agree on another day. A lone zone-less time
   yields to a visible day that the same moment could have in some zone.
3. A coarse winner ("2023") takes the day of a finer signal that agrees with it; otherwise it
   stays coarse. "YYYY-01-01" counts as a year when another signal gives a different day that year.
4. When a refused signal ranked above the winner, the winner is a repair: it is kept only when
   another signal, or the readable parts of the refused value, confirm it.
5. A modified date before the publication is dropped, with a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from newsgraph.extraction.dates import DateProblem, DateValue, check_date

BASE_CONFIDENCE = {
    "json-ld": 0.9, "og": 0.85, "meta": 0.85, "microdata": 0.85, "time": 0.75, "dateline": 0.7,
    "url": 0.6, "script": 0.5, "image-url": 0.45, "text": 0.4,
}  # fmt: skip
EARLIEST_YEAR = 1990  # no web page was published before this
NO_DATE = "no date in it"


@dataclass
class DateSignal:
    """One date a page gives: where from, the raw text, and its reading (or why refused)."""

    signal: str  # "json-ld", "meta", "microdata", "time", "dateline", "url" or "text"
    name: str  # the field or tag, e.g. "datePublished", "article:published_time"
    raw: str
    value: DateValue | None = None
    problem: str = ""

    @property
    def label(self) -> str:
        """How notes name this signal, e.g. "json-ld datePublished", "article:published_time"."""
        if self.signal in ("og", "meta") and self.name:
            return self.name
        return f"{self.signal} {self.name}".strip()


@dataclass
class DateChoice:
    """The dates chosen, the signal each came from, and what was refused or repaired."""

    published: DateValue | None = None
    published_signal: str = ""
    modified: DateValue | None = None
    modified_signal: str = ""
    confidence: float = 0.0
    notes: list[str] = field(default_factory=list)


def make_signal(signal: str, name: str, raw: str, *, dayfirst: bool | None = None) -> DateSignal:
    """Read `raw` into a DateSignal, keeping the problem when its values are impossible."""
    checked = check_date(raw, dayfirst=dayfirst)
    if isinstance(checked, DateProblem):
        return DateSignal(signal, name, raw, None, checked.reason)
    if checked is None:
        return DateSignal(signal, name, raw, None, NO_DATE)
    return DateSignal(signal, name, raw, checked)


def choose_dates(
    published: list[DateSignal], modified: list[DateSignal], now: datetime
) -> DateChoice:
    """Apply the module's rules to the published and modified signals, best-ranked first."""
    choice = DateChoice()
    _choose_published(published, now, choice)
    _choose_modified(modified, now, choice)
    return choice


def _choose_published(signals: list[DateSignal], now: datetime, choice: DateChoice) -> None:
    valid = _plausible(signals, now, choice.notes)
    _years_standing_in(valid, choice.notes)
    if not valid:
        return
    ranked, support = _winner(valid)
    if len(support) == 1:  # a lone machine time may be in UTC; a visible day may be local
        ranked = _local_day(ranked, valid, choice.notes)
    winner = _refined(ranked, valid, choice.notes)
    position = next(i for i, signal in enumerate(signals) if signal is ranked)
    refused_above = [s for s in signals[:position] if s.value is None and _broken(s)]
    if refused_above and not _confirmed(winner, support, refused_above, choice.notes):
        return
    choice.published, choice.published_signal = winner.value, winner.signal
    base = max(BASE_CONFIDENCE.get(ranked.signal, 0.5), BASE_CONFIDENCE.get(winner.signal, 0.5))
    confidence = base + 0.05 * (len(support) - 1)
    choice.confidence = round(min(0.99, confidence * (0.9 if refused_above else 1.0)), 2)


def _broken(signal: DateSignal) -> bool:
    """A signal whose value was refused, as opposed to one holding no date at all."""
    return bool(signal.problem) and signal.problem != NO_DATE


def _plausible(signals: list[DateSignal], now: datetime, notes: list[str]) -> list[DateSignal]:
    """Signals with a value that could be right; the rest get their problem and a note."""
    kept = []
    for signal in signals:
        if signal.value is not None:
            signal.problem = implausible(signal.value, now)
            signal.value = None if signal.problem else signal.value
        if signal.value is not None:
            kept.append(signal)
        elif _broken(signal):
            notes.append(f"refused {signal.label} {signal.raw!r}: {signal.problem}")
    return kept


def implausible(value: DateValue, now: datetime) -> str:
    """Why `value` cannot be a page's date (before the web, in the future); empty if it can."""
    if value.year < EARLIEST_YEAR:
        return f"year {value.year} is before the web"
    moment = value.to_datetime()
    if moment is not None and moment > now + timedelta(days=1):
        return f"{value.iso} is in the future"
    if moment is None and value.year > now.year:
        return f"{value.iso} is in the future"
    return ""


def _years_standing_in(valid: list[DateSignal], notes: list[str]) -> None:
    """Read "YYYY-01-01" as a year when another signal gives another day in that year."""
    for signal in valid:
        value = signal.value
        if value is None or (value.month, value.day, value.hour or 0, value.minute or 0) != (
            1, 1, 0, 0
        ):  # fmt: skip
            continue
        others = [s.value for s in valid if s.value and s.value.day_iso and s is not signal]
        if any(o.year == value.year and o.day_iso != value.day_iso for o in others):
            signal.value = value.coarsened("year")
            notes.append(f"{signal.label} {signal.raw!r} read as the year {value.year} only")


def _winner(valid: list[DateSignal]) -> tuple[DateSignal, set[str]]:
    """The best-ranked signal unless two more signals agree on another day; its supporters."""
    supports = [{s.signal for s in valid if agree(c.value, s.value)} for c in valid]
    most = max(len(support) for support in supports)
    for candidate, support in zip(valid, supports, strict=True):
        if len(support) >= most - 1:
            return candidate, support
    return valid[0], supports[0]  # unreachable: the best-supported one always qualifies


_VISIBLE = ("dateline", "microdata", "time")


def _local_day(winner: DateSignal, valid: list[DateSignal], notes: list[str]) -> DateSignal:
    """A visible day next to a zone-less time that a time zone could shift it to."""
    value = winner.value
    assert value is not None
    # An explicit offset names its day; a zone-less time could be in any zone.
    if value.hour is None or value.offset is not None or winner.signal in _VISIBLE:
        return winner
    for signal in valid:
        if signal.signal in _VISIBLE and _zone_shifted(value, signal.value):
            assert signal.value is not None
            notes.append(
                f"{winner.label} {value.iso} has no zone; "
                f"{signal.label} gives the local day {signal.value.day_iso}"
            )
            return signal
    return winner


def _zone_shifted(timed: DateValue, local: DateValue | None) -> bool:
    """Whether `local` is the day before or after `timed`, as the same moment in another zone."""
    moment, other = timed.to_datetime(), local.to_datetime() if local else None
    if moment is None or other is None or local is None or local.day_iso is None:
        return False
    days = (other.date() - moment.date()).days
    if local.hour is not None:  # both times: the same moment, up to a zone's offset
        return days != 0 and abs(other - moment) <= timedelta(hours=14)
    # A day alone: only a time near midnight is ambiguous in the common zones (-8h..+9h).
    minutes = (timed.hour or 0) * 60 + (timed.minute or 0)
    return (days == 1 and minutes >= 15 * 60) or (days == -1 and minutes < 8 * 60)


def _refined(winner: DateSignal, valid: list[DateSignal], notes: list[str]) -> DateSignal:
    """The finest signal that agrees with the winner: a day for a year, a time for a day."""
    assert winner.value is not None
    rank = {name: i for i, name in enumerate(("year", "month", "day", "minute", "second"))}
    best = winner
    for signal in valid:
        assert signal.value is not None and best.value is not None
        finer = rank[signal.value.granularity] > rank[best.value.granularity]
        if finer and agree(signal.value, winner.value) and _same_day_or_coarse(signal, winner):
            best = signal
    if winner.value.granularity in ("year", "month") and best is not winner:
        notes.append(
            f"{winner.label} gave only {winner.value.iso}; the day comes from {best.label}"
        )
    return best


def _same_day_or_coarse(signal: DateSignal, winner: DateSignal) -> bool:
    assert signal.value is not None and winner.value is not None
    return winner.value.day_iso is None or signal.value.day_iso == winner.value.day_iso


def _confirmed(
    winner: DateSignal, support: set[str], refused: list[DateSignal], notes: list[str]
) -> bool:
    """A repair stands only when another signal or the refused values' readable parts agree."""
    assert winner.value is not None
    others = sorted(support - {winner.signal})
    salvaged = [s.label for s in refused if _readable_parts_agree(s.raw, winner.value)]
    names = ", ".join(s.label for s in refused)
    if not others and not salvaged:
        notes.append(f"{names} refused; {winner.label} {winner.value.iso} not confirmed, unused")
        return False
    by = " and ".join([*others, *(f"the readable parts of {label}" for label in salvaged)])
    notes.append(f"published repaired from {winner.label} {winner.value.iso}, confirmed by {by}")
    return True


_YEAR_RE = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_CLOCK_RE = re.compile(r"[T ](\d{1,2}):(\d{2})")


def _readable_parts_agree(raw: str, value: DateValue) -> bool:
    """Whether a refused value's year, and its time of day when both have one, match `value`."""
    year = _YEAR_RE.search(raw)
    clock = _CLOCK_RE.search(raw)
    if year is None or int(year[1]) != value.year:
        return False
    if clock is None or value.hour is None:
        return False
    return (int(clock[1]), int(clock[2])) == (value.hour, value.minute)


def agree(a: DateValue | None, b: DateValue | None) -> bool:
    """Same day (at the coarser one's granularity), or the same moment written in two zones."""
    if a is None or b is None:
        return False
    if a.day_iso is None or b.day_iso is None:
        coarse = min((a, b), key=lambda v: len(v.iso))
        return a.iso[: len(coarse.iso)] == b.iso[: len(coarse.iso)]
    if a.day_iso == b.day_iso:
        return True
    if a.offset is None or b.offset is None or a.hour is None or b.hour is None:
        return False
    moment_a, moment_b = a.to_datetime(), b.to_datetime()
    assert moment_a is not None and moment_b is not None
    return abs(moment_a - moment_b) <= timedelta(hours=12)


def _choose_modified(signals: list[DateSignal], now: datetime, choice: DateChoice) -> None:
    for signal in _plausible(signals, now, choice.notes):
        assert signal.value is not None
        if choice.published is not None and is_before(signal.value, choice.published):
            choice.notes.append(
                f"{signal.label} {signal.value.iso} is before the publication "
                f"{choice.published.iso}; dropped"
            )
            continue
        choice.modified, choice.modified_signal = signal.value, signal.signal
        return


def is_before(a: DateValue, b: DateValue) -> bool:
    """Whether `a` is surely earlier than `b`, at the precision both share."""
    moment_a, moment_b = a.to_datetime(), b.to_datetime()
    timed = a.hour is not None and b.hour is not None
    if timed and a.offset is not None and b.offset is not None:
        assert moment_a is not None and moment_b is not None
        return moment_a < moment_b
    shared = min(len(a.iso), len(b.iso), 10)
    return a.iso[:shared] < b.iso[:shared]
