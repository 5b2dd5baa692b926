"""spaCy's attribute ruler and lemmatizer, same rules and same output, remembered per token kind.

The model's attribute ruler sets each token's "POS", morphology and some lemmas from ~180 token
patterns, and its rule lemmatizer then lemmatises every token one by one. Both are pure
functions of a few token attributes (tag, lower-case form, dependency, whether it is a space;
then form, POS and morphology), yet spaCy runs them token by token through the Matcher: together
a third of the pipeline's time. Here each distinct token kind is worked out once, with the
model's own patterns and lemmatizer, and whole documents are written back as arrays.

Only the pattern operators the model uses are understood; a model whose ruler needs more keeps
spaCy's components (see `supports`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy

TOKEN_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")
OPERATORS = frozenset({"IN", "NOT_IN", "REGEX"})
WRITTEN = ("TAG", "POS", "MORPH", "DEP", "LEMMA")
# Remembered kinds are dropped past this many, so a long ingest cannot grow without bound.
MEMO_LIMIT = 300_000

TokenKey = tuple[str, str, str, bool]
Attrs = dict[str, str]


_POSITION = {name: i for i, name in enumerate(TOKEN_KEYS)}


def _matches(check: dict[str, Any], key: TokenKey) -> bool:
    """Whether one token pattern (a dict of attribute tests) accepts a token of this kind."""
    return all(_accepts(test, key[_POSITION[name]]) for name, test in check.items())


def _accepts(test: Any, value: str | bool) -> bool:
    if not isinstance(test, dict):
        return bool(test == value)
    if "IN" in test and value not in test["IN"]:
        return False
    if "NOT_IN" in test and value in test["NOT_IN"]:
        return False
    return "REGEX" not in test or re.search(test["REGEX"], str(value)) is not None


def _understood(check: dict[str, Any]) -> bool:
    tests = [t for t in check.values() if isinstance(t, dict)]
    return set(check) <= set(TOKEN_KEYS) and all(set(t) <= OPERATORS for t in tests)


def supports(ruler: Any) -> bool:
    """Whether every pattern of this attribute ruler uses only tests this module understands."""
    return all(
        _understood(check)
        for entry in ruler.patterns
        for pattern in entry["patterns"]
        for check in pattern
    )


@dataclass(frozen=True)
class Rule:
    """One ruler pattern: its precedence, its token tests, which token it sets, and to what."""

    order: int
    checks: tuple[dict[str, Any], ...]
    target: int
    attrs: Attrs


def rules_of(ruler: Any) -> list[Rule]:
    """The ruler's patterns in precedence order (a later rule overrides an earlier one)."""
    return [
        Rule(order, tuple(pattern), entry.get("index", 0), _strings(entry["attrs"]))
        for order, entry in enumerate(ruler.patterns)
        for pattern in entry["patterns"]
    ]


def _strings(attrs: dict[str, Any]) -> Attrs:
    unknown = set(attrs) - set(WRITTEN)
    if unknown:
        raise ValueError(f"attribute ruler sets {sorted(unknown)}; only {WRITTEN} are known")
    return {name: str(value) for name, value in attrs.items()}


OTHER = "\x00"  # stands for every word no rule names: no test accepts it by name


def _words(test: Any) -> list[str]:
    if isinstance(test, str):
        return [test]
    if isinstance(test, dict):
        return [*test.get("IN", ()), *test.get("NOT_IN", ())]
    return []


def _index_as_sets(lemmatizer: Any) -> None:
    """The lemmatizer asks its word index only "is this form in it": sets answer that at once."""
    table = lemmatizer.lookups.get_table("lemma_index", {})
    for pos, words in list(table.items()):
        table[pos] = frozenset(words)


def _tests(rule: Rule) -> bool:
    """Whether the rule's TAG test is an operator test (it cannot be told apart by the tag)."""
    return isinstance(rule.checks[0].get("TAG"), dict)


@dataclass(frozen=True)
class Kind:
    """A token kind: its tested attributes, the rules that fire on it, and what they set."""

    key: TokenKey
    fired: tuple[tuple[int, Attrs], ...]
    starts: tuple[Rule, ...]  # rules of several tokens whose first test this kind passes
    values: tuple[int, ...]  # TAG, POS, MORPH, DEP, LEMMA as set by the rules, 0 where not
    given: tuple[bool, ...]  # which of those the rules set


@dataclass
class TokenAttributes:
    """A pipeline component doing the attribute ruler's and then the lemmatizer's work."""

    vocab: Any
    lemmatizer: Any
    single: list[Rule]
    multi: list[Rule]
    _by_tag: dict[str, list[Rule]] = field(default_factory=dict)
    _lowers: dict[int, int] = field(default_factory=dict)
    _kinds: dict[tuple[int, ...], Kind] = field(default_factory=dict)
    _lemmas: dict[tuple[int, int, int], int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        checks = [c.get("LOWER") for r in self.single + self.multi for c in r.checks]
        self._words = {w for c in checks for w in _words(c)}
        regexes = [c["REGEX"] for c in checks if isinstance(c, dict) and "REGEX" in c]
        self._patterns = [re.compile(r) for r in regexes]

    @classmethod
    def from_components(cls, vocab: Any, ruler: Any, lemmatizer: Any) -> TokenAttributes:
        """Built from the model's own attribute ruler and lemmatizer."""
        _index_as_sets(lemmatizer)
        rules = rules_of(ruler)
        single = [r for r in rules if len(r.checks) == 1]
        return cls(vocab, lemmatizer, single, [r for r in rules if len(r.checks) > 1])

    def __call__(self, doc: Any) -> Any:
        """Set tag, "POS", morphology, dependency and lemma on every token of one document."""

        rows = doc.to_array(["TAG", "LOWER", "DEP", "IS_SPACE"]).reshape(-1, 4).tolist()
        kinds = [self._kind(row) for row in rows]
        values = numpy.array([k.values for k in kinds], dtype="uint64").reshape(-1, len(WRITTEN))
        given = numpy.array([k.given for k in kinds], dtype=bool).reshape(-1, len(WRITTEN))
        for position, extra in self._multi_matches(kinds).items():
            fired = sorted([*kinds[position].fired, *extra], key=lambda rule: rule[0])
            values[position], given[position] = self._settings(fired)
        self._write(doc, values, given)
        if max(len(self._kinds), len(self._lemmas), len(self._lowers)) > MEMO_LIMIT:
            self._kinds.clear()
            self._lemmas.clear()
            self._lowers.clear()
        return doc

    def _kind(self, row: list[int]) -> Kind:
        """The kind of a token with these TAG, LOWER, DEP and IS_SPACE values (remembered)."""
        lower = self._lowers.get(row[1])
        if lower is None:
            lower = self._lowers[row[1]] = self._rule_word(row[1])
        kind = self._kinds.get((row[0], lower, row[2], row[3]))
        if kind is None:
            strings = self.vocab.strings
            word = strings[lower] if lower else OTHER
            key = (strings[row[0]], word, strings[row[2]], bool(row[3]))
            rules = self._rules_for(key[0])
            fired = tuple((r.order, r.attrs) for r in rules if _matches(r.checks[0], key))
            starts = tuple(r for r in self.multi if _matches(r.checks[0], key))
            kind = Kind(key, fired, starts, *self._settings(fired))
            self._kinds[(row[0], lower, row[2], row[3])] = kind
        return kind

    def _rule_word(self, lower: int) -> int:
        """The word itself if some rule tests for it, else 0: every other word acts alike."""
        word = self.vocab.strings[lower]
        named = word in self._words or any(p.search(word) for p in self._patterns)
        return lower if named else 0

    def _rules_for(self, tag: str) -> list[Rule]:
        """The single-token rules that can fire on this tag: most test one tag (remembered)."""
        rules = self._by_tag.get(tag)
        if rules is None:
            rules = [r for r in self.single if r.checks[0].get("TAG", tag) == tag or _tests(r)]
            self._by_tag[tag] = rules
        return rules

    def _settings(self, fired: tuple[tuple[int, Attrs], ...] | list[tuple[int, Attrs]]) -> Any:
        """What rules (in precedence order) leave set: values and which were given."""
        merged: Attrs = {}
        for _, attrs in fired:
            merged.update(attrs)
        values = tuple(self._value(name, merged[name]) if name in merged else 0 for name in WRITTEN)
        return values, tuple(name in merged for name in WRITTEN)

    def _value(self, name: str, value: str) -> int:
        if name == "MORPH":
            return int(self.vocab.morphology.add(value))
        return int(self.vocab.strings.add(value))

    def _multi_matches(self, kinds: list[Kind]) -> dict[int, list[tuple[int, Attrs]]]:
        """Rules of several tokens (rare): the tokens they set, with order and attributes."""
        found: dict[int, list[tuple[int, Attrs]]] = {}
        for start, kind in enumerate(kinds):
            for rule in kind.starts:
                window = kinds[start : start + len(rule.checks)]
                if len(window) == len(rule.checks) and all(
                    _matches(c, k.key) for c, k in zip(rule.checks, window, strict=True)
                ):
                    target = start + rule.target % len(rule.checks)
                    found.setdefault(target, []).append((rule.order, rule.attrs))
        return found

    def _write(self, doc: Any, values: Any, given: Any) -> None:

        columns = ["TAG", "POS", "MORPH", "DEP", "LEMMA"]
        current = doc.to_array(columns).reshape(-1, len(columns)).astype("uint64")
        merged = numpy.where(given, values, current)
        doc.from_array(columns[:4], merged[:, :4])
        doc.from_array(["LEMMA"], self._lemmas_of(doc, merged[:, 4]).reshape(-1, 1))

    def _lemmas_of(self, doc: Any, known: Any) -> Any:
        """Lemmas: the ruler's where it gave one, else the lemmatizer's (once per kind)."""

        rows = doc.to_array(["ORTH", "POS", "MORPH"]).tolist()
        lemmas = known.copy()
        for i in numpy.flatnonzero(known == 0).tolist():
            key = tuple(rows[i])
            found = self._lemmas.get(key)
            if found is None:
                found = self.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                self._lemmas[key] = found
            lemmas[i] = found
        return lemmas
