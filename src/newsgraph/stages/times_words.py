"""The words English news writes time with, and the regular-expression pieces built from them.

Month and weekday names are matched with their capital letter only, so that "may" the verb and
"march" the noun are never read as months; the other words ignore case.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsgraph.extraction.meta_datewords import FIXED_ZONES, REGION_ZONES


def _numbered(words: str, first: int) -> dict[str, int]:
    return {word: number for number, word in enumerate(words.split(), start=first)}


MONTH_NUMBERS = _numbered(
    "January February March April May June July August September October November December", 1
)
# Abbreviations are read only before a day number ("Aug. 5"): alone they are too often words.
SHORT_MONTHS = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
    "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
WEEKDAYS = _numbered("Monday Tuesday Wednesday Thursday Friday Saturday Sunday", 0)
NUMBER_WORDS = _numbered(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty",
    0,
)
NUMBER_WORDS.update({"a": 1, "an": 1, "thirty": 30, "forty": 40, "fifty": 50, "a hundred": 100})
# Counts that say "some" without a number: the expression is kept, never given a value.
VAGUE_NUMBERS = ("a few", "a couple of", "several", "some", "many")


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


MONTH = rf"(?:{_alternation(MONTH_NUMBERS)})"
MONTH_OR_SHORT = rf"(?:{MONTH}|(?:{_alternation(SHORT_MONTHS)})\.?)"
WEEKDAY = rf"(?:{_alternation(WEEKDAYS)})"
_NUMBER_WORD = _alternation([*NUMBER_WORDS, *VAGUE_NUMBERS]).replace(" ", r"\s+")
NUMBER = rf"(?:\d{{1,3}}|(?i:{_NUMBER_WORD}))"
UNIT = r"(?i:days?|weeks?|weekends?|months?|years?|decades?|century|centuries)"
YEAR = r"(?:1[6-9]\d\d|20\d\d|21\d\d)"
ZONE = rf"(?:{_alternation([*FIXED_ZONES, *REGION_ZONES])})"
# Words before a bare month name or year that make it a time ("in May", "since 2019");
# "early", "last" and the like are part of the expression and matched with it.
LEAD_WORDS = (
    r"(?i:in|since|by|until|till|through|throughout|during|before|after|from|between|and|to|"
    r"of|on|or|around)"
)


def unit_name(word: str) -> str:
    """The unit a word names: "decades" -> "decade", "centuries" -> "century"."""
    word = word.lower()
    return "century" if word.startswith("centur") else word.removesuffix("s")


def count_of(word: str) -> int | None:
    """The number a count word gives ("two", "12", "a"), or None when it is vague ("several")."""
    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def month_number(word: str) -> int:
    """The month a full or abbreviated name gives: "Sept." -> 9."""
    word = word.rstrip(".")
    return MONTH_NUMBERS.get(word) or SHORT_MONTHS[word]
