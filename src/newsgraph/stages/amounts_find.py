"""Amount expressions found in text: numbers, ranges, money, percentages and units.

One regular expression finds the expression ("more than 10,000", "$4.5 million", "between 3 and
5 percent"); each quantity in it is then read apart into currency, numeral, scales and suffix.
Filters on the surrounding characters drop what only looks like an amount: dates, times,
durations, phone numbers, identifiers ("Resolution 1244") and ages after names ("Ann Lee, 62,").
The parse-based checks and the counted object come later (amounts_parse).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from newsgraph.stages.amounts_lexicon import (
    CURRENCY_CODES,
    CURRENCY_SIGNS,
    CURRENCY_WORDS,
    MODIFIERS,
    MONEY_ONLY_SCALES,
    MONTHS,
    NUMBER_WORDS,
    PERCENT_WORDS,
    SCALES,
    TIME_UNITS,
    UNITS,
    alternation,
    number_value,
    plain,
)

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD = alternation(NUMBER_WORDS)
_SPELLED_SCALES = alternation(w for w in SCALES if len(w) > 2)
_SHORT_SCALES = alternation([*(w for w in SCALES if len(w) <= 2), *MONEY_ONLY_SCALES])
_A_SCALE = rf"(?:half\s+)?an?(?=\s+(?:{_SPELLED_SCALES})\b)"  # "a dozen", "half a million"
_NUMBER = rf"(?:{_DIGITS}|{_A_SCALE}|(?:{_WORD})(?:-(?:{_WORD}))?)"
_SCALES = rf"(?:\s+(?:{_SPELLED_SCALES})(?!\w)|(?<=\d)\s?(?:{_SHORT_SCALES})(?!\w))*"
_CODES = alternation(CURRENCY_CODES)
_PREFIX = rf"(?:(?-i:{_CODES})\s?|{alternation(CURRENCY_SIGNS)})"
SUFFIXES: dict[str, tuple[str, str]] = (
    {w: ("unit", u) for w, u in UNITS.items()}
    | {w: ("currency", c) for w, c in CURRENCY_WORDS.items()}
    | {w: ("percent", p) for w, p in PERCENT_WORDS.items() if w != "%"}
)
_SUFFIX = rf"(?:\s?%|\s?(?:{alternation(SUFFIXES)})(?!\w)|\s(?-i:{_CODES})(?!\w))"
_QTY = rf"(?:{_PREFIX})?{_NUMBER}{_SCALES}(?:{_SUFFIX})?"

QUANTITY = re.compile(
    rf"(?P<cur>{_PREFIX})?(?P<num>{_NUMBER})(?P<scales>{_SCALES})(?P<suffix>{_SUFFIX})?",
    re.IGNORECASE,
)
AMOUNT = re.compile(
    rf"""(?<![\w.,/:#+$€£¥-])
    (?P<mod>(?:{alternation(MODIFIERS)})\s+)?
    (?:between\s+(?P<b1>{_QTY})\s+and\s+(?P<b2>{_QTY})
      |(?:from\s+)?(?P<r1>{_QTY})(?:\s+(?:to|through)\s+|\s*[–—]\s*|(?<=\d)-)(?P<r2>{_QTY})
      |(?P<one>{_QTY}))
    (?![\w%]|[.,:/]\d|-\w)""",
    re.IGNORECASE | re.VERBOSE,
)
_SCALE_WORD = re.compile(rf"{_SPELLED_SCALES}|{_SHORT_SCALES}", re.IGNORECASE)

# Phone numbers: three or more digit groups, or a 3-4 group ("555-1234").
PHONE = re.compile(
    r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)\s?)?\d{2,4}(?:[\s.-]\d{2,4}){2,}"
    r"|\(\d{3}\)\s?\d{3}[\s.-]\d{4}|(?<!\d)\d{3}[.-]\d{4}(?!\d)"
)
_TIME_AFTER = re.compile(
    r"\s*(?:[ap]\.m\.|[ap]m\b|o'clock|GMT\b|UTC\b|E[DS]T\b|CES?T\b|BST\b)", re.IGNORECASE
)
_WORD_AFTER = re.compile(r"\s+([A-Za-z]+)")
_WORD_BEFORE = re.compile(r"[^\w.]([A-Za-z][A-Za-z.]*)\s$")
_SENTENCE_END_BEFORE = re.compile(r"[.!?:;\n][\"'“”‘’(]*\s*(?:[A-Za-z][A-Za-z.]*)\s$")
_NAME_COMMA_BEFORE = re.compile(r"[A-Z][\w'’-]*(?:,\s|\s\()$")
_AGE_AFTER = (",", ")", "-", "–", "—", "―")
_YEAR = re.compile(r"1[0-9]{3}|20[0-9]{2}|21[0-9]{2}")


@dataclass
class Quantity:
    """One number of an amount, read apart: its value, where its numeral is, what it counts in."""

    value: Decimal
    span: tuple[int, int]  # the whole quantity ("$4.5 million")
    numeral: tuple[int, int]  # its number alone ("4.5")
    scale: int  # what the numeral was multiplied by ("million": 1,000,000), else 1
    currency: str | None
    unit: str | None
    kind: str  # "count", "money", "percent" or "unit"
    yearlike: bool


@dataclass
class Amount:
    """An amount expression and its normalised value."""

    start: int
    end: int
    label: str
    low: int | float
    high: int | float
    unit: str | None
    currency: str | None
    modifier: str | None
    numerals: list[tuple[int, int]]
    yearlike: bool = False  # a bare four-digit number: a year unless the parse says otherwise
    only_one: bool = False  # the word "one" alone: an amount only before a noun it counts
    object: str | None = None
    object_span: tuple[int, int] | None = None
    event: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def value(self) -> dict[str, Any]:
        """The span value, as docs/facts.md describes it."""
        found: dict[str, Any] = {
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "currency": self.currency,
            "modifier": self.modifier,
            "object": self.object,
            "event": self.event,
        }
        if self.object_span is not None:
            found["object_start"], found["object_end"] = self.object_span
        return found


def find_amounts(text: str) -> list[Amount]:
    """Every amount expression in the text that its surroundings do not rule out."""
    phones = [m.span() for m in PHONE.finditer(text)]
    found: list[Amount] = []
    for match in AMOUNT.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in phones):
            continue
        found.extend(a for a in _read(match) if not _ruled_out(text, a))
    return found


def _read(match: re.Match[str]) -> list[Amount]:
    """Turn one match into its amounts: one, or none when a part has no value."""
    parts = [p for p in ("b1", "b2", "r1", "r2", "one") if match.group(p)]
    quantities = [_quantity(match.group(p), match.start(p), match.end(p)) for p in parts]
    qs = [q for q in quantities if q is not None]
    if len(qs) != len(parts):
        return []
    modifier = match.group("mod")
    mod = " ".join(modifier.lower().split()) if modifier else None
    if len(qs) == 1:
        return [_amount(qs, (match.start(), match.end()), mod, match.group("one"))]
    if _is_range(qs):
        _share(qs[0], qs[1])
        return [_amount(qs, (match.start(), match.end()), mod, "")]
    if match.group("r1") and match.string[qs[0].span[1] : qs[1].span[0]].strip() in ("-", "–", "—"):
        return []  # a tally or a score ("an 80-19 vote", "won 5-4"), not a range
    # Two amounts side by side ("from 46 percent to 42 percent", "by 2030 to 32 percent").
    first = _amount(qs[:1], (match.start(), qs[0].span[1]), mod, "")
    return [first, _amount(qs[1:], qs[1].span, None, "")]


def _is_range(quantities: list[Quantity]) -> bool:
    """Whether two numbers are the ends of a range: rising, and neither of them a year."""
    low, high = quantities
    return low.value < high.value and not (low.yearlike or high.yearlike)


def _amount(qs: list[Quantity], span: tuple[int, int], modifier: str | None, alone: str) -> Amount:
    """An Amount over a span made of one quantity, or of the two ends of a range."""
    return Amount(
        start=span[0],
        end=span[1],
        label=_label(qs),
        low=plain(qs[0].value),
        high=plain(qs[-1].value),
        unit=qs[-1].unit,
        currency=qs[-1].currency,
        modifier=modifier,
        numerals=[q.numeral for q in qs],
        yearlike=any(q.yearlike for q in qs),
        only_one=alone.lower() == "one",
    )


def _quantity(part: str, offset: int, end: int) -> Quantity | None:
    """Read one quantity ("$4.5 million", "5 percent", "seven") into its value and unit."""
    m = QUANTITY.fullmatch(part)
    value = number_value(m.group("num")) if m else None
    if m is None or value is None:
        return None
    currency = _prefix_currency(m.group("cur"))
    scales = [s.lower() for s in _SCALE_WORD.findall(m.group("scales"))]
    kind, unit = _suffix(m.group("suffix"))
    if kind == "currency":
        currency, unit = unit or None, None
    elif "m" in scales and currency is None:  # "5 m" is five metres, not five million
        scales.remove("m")
        kind, unit = "unit", "m"
    factor = 1
    for scale in scales:
        factor *= SCALES.get(scale) or MONEY_ONLY_SCALES[scale]
    kind = "money" if currency is not None or kind == "currency" else kind
    numeral = (offset + m.start("num"), offset + m.end("num"))
    # A bare four-digit whole number reads as a year (1000 to 2199) until the parse says not.
    yearlike = kind == "count" and factor == 1 and bool(_YEAR.fullmatch(m.group("num")))
    return Quantity(value * factor, (offset, end), numeral, factor, currency, unit, kind, yearlike)


def _prefix_currency(prefix: str | None) -> str | None:
    """The ISO code of a currency sign or code written before the number."""
    if not prefix:
        return None
    return CURRENCY_SIGNS.get(prefix.strip()) or prefix.strip().upper()


def _suffix(suffix: str | None) -> tuple[str, str | None]:
    """What a word after the number makes of it: (kind, unit or currency code)."""
    if not suffix:
        return "count", None
    word = " ".join(suffix.lower().split())
    if word == "%":
        return "percent", "percent"
    if word.upper() in CURRENCY_CODES:
        return "currency", word.upper()
    kind, unit = SUFFIXES[word]
    return kind, unit


def _share(low: Quantity, high: Quantity) -> None:
    """A range's ends share what only one of them says ("between 3 and 5 million euros")."""
    if low.scale == 1 and high.value / high.scale > low.value:
        low.value *= high.scale
    for name in ("currency", "unit"):
        if getattr(low, name) is None:
            setattr(low, name, getattr(high, name))
        if getattr(high, name) is None:
            setattr(high, name, getattr(low, name))
    if low.kind == "count":
        low.kind = high.kind
    if high.kind == "count":
        high.kind = low.kind


def _label(quantities: list[Quantity]) -> str:
    """range, money, percent, quantity (with a unit) or count."""
    if len(quantities) == 2:
        return "range"
    kind = quantities[0].kind
    return {"unit": "quantity"}.get(kind, kind)


def _ruled_out(text: str, amount: Amount) -> bool:
    """Whether the characters around an amount show it is a date, time, age or identifier."""
    start = max(0, amount.start - 40)
    # A newline stands for the start of the text, so "at a sentence start" needs no "^".
    before = ("\n" if start == 0 else "") + text[start : amount.start]
    after = text[amount.end : amount.end + 40]
    if _TIME_AFTER.match(after):
        return True
    next_word = _WORD_AFTER.match(after)
    if next_word and _is_date_or_duration_word(next_word.group(1)):
        return True
    return amount.label == "count" and _names_before(before, after, amount)


def _is_date_or_duration_word(word: str) -> bool:
    """A month name (capitalised, so that "may" stays a verb) or a unit of time."""
    return word.lower() in TIME_UNITS or (word[0].isupper() and word.lower() in MONTHS)


def _names_before(before: str, after: str, amount: Amount) -> bool:
    """A number right after a capitalised word ("Resolution 1244", "July 18", "Ann Lee, 62,")."""
    if amount.modifier is not None:
        return False
    word = _WORD_BEFORE.search(before)
    if word and word.group(1)[0].isupper() and not _SENTENCE_END_BEFORE.search(before):
        return True
    if word and word.group(1).lower().rstrip(".") in MONTHS and word.group(1)[0].isupper():
        return True
    is_age = amount.low == amount.high and isinstance(amount.low, int) and amount.low < 125
    return is_age and bool(_NAME_COMMA_BEFORE.search(before)) and after.lstrip()[:1] in _AGE_AFTER
