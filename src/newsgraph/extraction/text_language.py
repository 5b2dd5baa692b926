"""The language of a body of text: its script, else the function words it uses most."""

from __future__ import annotations

import re
from collections import Counter

from newsgraph.extraction.text_vocab import FUNCTION_WORDS_BY_LANGUAGE

_WORD = re.compile(r"[^\W\d_]+")
_SCRIPTS = {
    "ko": re.compile(r"[\uac00-\ud7af]"),
    "ja": re.compile(r"[\u3040-\u30ff]"),
    "zh": re.compile(r"[\u4e00-\u9fff]"),
}
# Letters of a script that make a text that language's, as a share of all its letters; kana
# mark Japanese at a lower share because Japanese writes most words in Chinese characters.
SCRIPT_SHARES = {"ko": 0.3, "ja": 0.05, "zh": 0.3}
MIN_HITS = 5
MIN_HIT_SHARE = 0.1
# How many languages list each function word: a word in one list says more than "de".
_LISTED_IN = Counter(word for words in FUNCTION_WORDS_BY_LANGUAGE.values() for word in words)


def guess_language(text: str) -> tuple[str, str]:
    """An ISO 639-1 code for the text's language and the signal that told it, or ("", "")."""
    letters = sum(len(word) for word in _WORD.findall(text))
    for code, script in _SCRIPTS.items():
        if letters and len(script.findall(text)) >= SCRIPT_SHARES[code] * letters:
            return code, "script"
    code = _by_function_words([w.lower() for w in _WORD.findall(text)])
    return code, "function-words" if code else ""


def _by_function_words(words: list[str]) -> str:
    scores: dict[str, float] = {}
    hits = 0
    for word in words:
        if word in _LISTED_IN:
            hits += 1
            for code, listed in FUNCTION_WORDS_BY_LANGUAGE.items():
                if word in listed:
                    scores[code] = scores.get(code, 0.0) + 1 / _LISTED_IN[word]
    if hits < MIN_HITS or hits < MIN_HIT_SHARE * len(words) or not scores:
        return ""
    return max(scores, key=lambda code: scores[code])
