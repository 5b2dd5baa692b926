"""The words of amounts: number words, scales, modifiers, currencies and units, and their values.

The lists are short on purpose: each entry is a form news writing uses, and each one that
could also be an ordinary word ("in", "g", "ALL") is left out, because a false amount is worse
than a missed one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation


def words(text: str) -> tuple[str, ...]:
    """The words of a space-separated list (long word lists read better this way)."""
    return tuple(text.split())


NUMBER_WORDS: dict[str, int] = {
    word: value
    for value, word in enumerate(
        words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen"
        )
    )
} | {
    word: 10 * (i + 2)
    for i, word in enumerate(words("twenty thirty forty fifty sixty seventy eighty ninety"))
}

# Words and abbreviations that multiply the number before them ("1.2 billion", "£4.5bn").
SCALES: dict[str, int] = {
    "dozen": 12,
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "k": 1_000,
    "mn": 1_000_000,
    "bn": 1_000_000_000,
    "tn": 1_000_000_000_000,
}
# "m" is a million after a currency ("$5m") and a metre anywhere else ("5 m").
MONEY_ONLY_SCALES: dict[str, int] = {"m": 1_000_000}

# How a text qualifies a number; matched case-insensitively, stored in this spelling.
MODIFIERS = (
    "more than",
    "fewer than",
    "less than",
    "well over",
    "just over",
    "just under",
    "at least",
    "at most",
    "up to",
    "as many as",
    "as much as",
    "as few as",
    "as little as",
    "close to",
    "upwards of",
    "in excess of",
    "an estimated",
    "nearly",
    "almost",
    "about",
    "around",
    "approximately",
    "roughly",
    "some",
    "over",
    "under",
    "above",
    "below",
    "only",
    "just",
    "exactly",
)

CURRENCY_SIGNS: dict[str, str] = {
    "US$": "USD",
    "C$": "CAD",
    "A$": "AUD",
    "HK$": "HKD",
    "NZ$": "NZD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₽": "RUB",
    "₩": "KRW",
    "₺": "TRY",
    "₴": "UAH",
}

# ISO 4217 codes written in capitals before or after a number ("CHF 3 million").
CURRENCY_CODES = frozenset(
    words(
        "USD EUR GBP CHF JPY CNY RUB INR CAD AUD NZD HKD SGD RSD UAH TRY SEK NOK DKK PLN HUF CZK "
        "RON BGN BRL MXN ZAR KRW ILS AED SAR"
    )
)

# Currency names after a number ("4.5 million euros"); a bare "dinars" or "francs" is left
# out because several countries use the name.
CURRENCY_WORDS: dict[str, str] = {
    "u.s. dollars": "USD",
    "us dollars": "USD",
    "canadian dollars": "CAD",
    "australian dollars": "AUD",
    "hong kong dollars": "HKD",
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "swiss francs": "CHF",
    "serbian dinars": "RSD",
    "dinars": "",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rubles": "RUB",
    "roubles": "RUB",
    "rupees": "INR",
    "hryvnias": "UAH",
}

PERCENT_WORDS: dict[str, str] = {
    "%": "percent",
    "percent": "percent",
    "per cent": "percent",
    "pct": "percent",
    "percentage points": "percentage point",
    "percentage point": "percentage point",
}

# Units of measure, each to one canonical spelling.
UNITS: dict[str, str] = {
    "square kilometers": "km2",
    "square kilometres": "km2",
    "sq km": "km2",
    "km2": "km2",
    "square miles": "sq mi",
    "kilometers": "km",
    "kilometres": "km",
    "km": "km",
    "miles": "mi",
    "mile": "mi",
    "meters": "m",
    "metres": "m",
    "m": "m",
    "centimeters": "cm",
    "centimetres": "cm",
    "cm": "cm",
    "millimeters": "mm",
    "millimetres": "mm",
    "mm": "mm",
    "feet": "ft",
    "foot": "ft",
    "ft": "ft",
    "inches": "in",
    "yards": "yd",
    "kilograms": "kg",
    "kilos": "kg",
    "kg": "kg",
    "grams": "g",
    "tonnes": "t",
    "tons": "t",
    "pounds": "lb",
    "lbs": "lb",
    "lb": "lb",
    "ounces": "oz",
    "oz": "oz",
    "liters": "l",
    "litres": "l",
    "gallons": "gal",
    "barrels": "bbl",
    "hectares": "ha",
    "acres": "acre",
    "degrees celsius": "°C",
    "degrees fahrenheit": "°F",
    "°c": "°C",
    "°f": "°F",
    "degrees": "degree",
    "mph": "mph",
    "km/h": "km/h",
    "kph": "km/h",
    "knots": "kn",
    "megawatts": "MW",
    "gigawatts": "GW",
    "kilowatts": "kW",
    "mw": "MW",
    "gw": "GW",
    "kw": "kW",
    "kwh": "kWh",
    "mwh": "MWh",
    "gwh": "GWh",
}

# Time units: a number counting them is a duration, which the time stage reads.
TIME_UNITS = frozenset(
    words(
        "year years month months week weeks day days decade decades century centuries "
        "hour hours minute minutes"
    )
)

MONTHS = frozenset(
    words(
        "january february march april may june july august september october november december "
        "jan feb mar apr jun jul aug sep sept oct nov dec"
    )
)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of words, longest first, spaces matching any white space."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def number_value(numeral: str) -> Decimal | None:
    """The value of a numeral in digits ("10,000", "4.5") or words ("twenty-five", "a dozen")."""
    cleaned = numeral.replace(",", "")
    if numeral.lower().startswith("half"):  # "half a million"
        return Decimal("0.5")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return _words_value(numeral.lower().replace("-", " ").split())


def _words_value(words: list[str]) -> Decimal | None:
    """Add number words, multiplying by each scale word ("two hundred fifty thousand")."""
    total, current = 0, 0
    for word in words:
        if word in ("a", "an", "and"):
            current = current or (1 if word != "and" else 0)
        elif word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        elif word in SCALES and SCALES[word] >= 1_000:
            total, current = total + max(current, 1) * SCALES[word], 0
        elif word in SCALES:
            current = max(current, 1) * SCALES[word]
        else:
            return None
    return Decimal(total + current)


def plain(value: Decimal) -> int | float:
    """A JSON-friendly number: an int when it is whole."""
    return int(value) if value == value.to_integral_value() else float(value)
