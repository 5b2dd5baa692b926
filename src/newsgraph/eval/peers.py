"""The extractors measured: ours, and the peers people use today, each behind one call.

Every extractor takes a page's content (HTML or scraped text) and URL and returns a
`Prediction`. Peers are imported only when they run, so a missing one is reported, not fatal.
The settings are the ones that reproduce the figures in shared/eval/README.md (docs/eval.md).
"""

from __future__ import annotations

import functools
import importlib
import importlib.metadata
import logging
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from newsgraph.extraction import extract_html, extract_text
from newsgraph.extraction.html_body import extract_body
from newsgraph.extraction.parse import parse_html

BODY, TITLE, AUTHORS, DATE = "body", "title", "authors", "date"
EVERYTHING = frozenset({BODY, TITLE, AUTHORS, DATE})


@dataclass(frozen=True)
class Prediction:
    """What an extractor found; None for a field it does not give or did not find."""

    body: str | None = None
    title: str | None = None
    authors: list[str] | None = None
    date: str | None = None


# content, url, with_metadata -> Prediction; metadata is asked for only when a field is scored,
# so that body-only runs time what those tools spend on the body.
Run = Callable[[str, str | None, bool], Prediction]


@dataclass(frozen=True)
class Extractor:
    """An extractor: its name, the input kind it reads, the fields it gives, how to run it."""

    name: str
    kind: str  # "html" or "text"
    gives: frozenset[str]
    run: Run
    modules: tuple[str, ...] = ()  # imported before the run; a failure skips this extractor
    distribution: str = ""  # the package whose version goes into the label

    def label(self) -> str:
        """The name with the installed version of the package, when there is one."""
        try:
            version = importlib.metadata.version(self.distribution or "-")
        except importlib.metadata.PackageNotFoundError:
            return self.name
        return self.name.replace(self.distribution, f"{self.distribution} {version}", 1)


def _module(name: str) -> ModuleType:
    return importlib.import_module(name)


def missing_module(extractor: Extractor) -> str:
    """Why the extractor cannot run (a module that does not import), or "" when it can."""
    for name in extractor.modules:
        try:
            _module(name)
        except ImportError as exc:
            return f"not installed ({exc})"
    return ""


def _text_or_none(value: Any) -> str | None:
    return str(value) if value else None


def _names(value: Any) -> list[str]:
    """Author names as a flat list of strings (goose3 sometimes nests a list in the list)."""
    if isinstance(value, str):
        return [value]
    return [name for item in value or () for name in _names(item)]


def _ours_html(html: str, url: str | None, with_metadata: bool) -> Prediction:
    if not with_metadata:  # the same work the peers do when only the body is scored
        return Prediction(extract_body(parse_html(html)).text)
    article = extract_html(html, url)
    return Prediction(article.body, article.title, list(article.authors), article.published)


def _ours_text(text: str, url: str | None, with_metadata: bool) -> Prediction:
    article = extract_text(text, url)
    return Prediction(article.body, article.title, list(article.authors), article.published)


def _trafilatura(fast: bool) -> Run:
    def run(html: str, url: str | None, with_metadata: bool) -> Prediction:
        # Comments off: with them on, trafilatura 2.3.1 scores F1 .955/.953, not .962/.960.
        found = _module("trafilatura").bare_extraction(
            html, url=url, fast=fast, include_comments=False, with_metadata=with_metadata
        )
        if found is None:
            return Prediction(body="")
        authors = [a.strip() for a in (found.author or "").split(";") if a.strip()]
        body = (found.text or "").strip()
        return Prediction(body, _text_or_none(found.title), authors, _text_or_none(found.date))

    return run


def _readability(html: str, url: str | None, with_metadata: bool) -> Prediction:
    document = _module("readability").Document(html, url=url)
    body = _module("html_text").extract_text(document.summary(html_partial=True))
    title = document.short_title() if with_metadata else None
    return Prediction(str(body), _text_or_none(title))


def _resiliparse(html: str, url: str | None, with_metadata: bool) -> Prediction:
    html2text = _module("resiliparse.extract.html2text")
    return Prediction(str(html2text.extract_plain_text(html, main_content=True)))


def _whole_page(html: str, url: str | None, with_metadata: bool) -> Prediction:
    return Prediction(str(_module("html_text").extract_text(html)))


def _text_as_is(text: str, url: str | None, with_metadata: bool) -> Prediction:
    return Prediction(text)


def _htmldate(html: str, url: str | None, with_metadata: bool) -> Prediction:
    # htmldate's own benchmark runs extensive search for the original date.
    found = _module("htmldate").find_date(html, url=url, extensive_search=True, original_date=True)
    return Prediction(date=_text_or_none(found))


def _newspaper(html: str, url: str | None, with_metadata: bool) -> Prediction:
    # Without fetch_images=False it downloads every image to choose a top one: offline, each
    # page then waits on network timeouts.
    article = _module("newspaper").Article(url or "https://example.invalid/", fetch_images=False)
    article.download(input_html=html)
    article.parse()
    published = article.publish_date.isoformat() if article.publish_date else None
    return Prediction(article.text, article.title, _names(article.authors), published)


@functools.cache
def _goose_client() -> Any:
    return _module("goose3").Goose()


def _goose(html: str, url: str | None, with_metadata: bool) -> Prediction:
    article = _goose_client().extract(raw_html=html)
    date = _text_or_none(article.publish_date)
    return Prediction(article.cleaned_text, article.title, _names(article.authors), date)


OURS = {
    "html": Extractor("newsgraph", "html", EVERYTHING, _ours_html),
    "text": Extractor("newsgraph", "text", EVERYTHING, _ours_text),
}

_TRAFILATURA = ("trafilatura",)
_BODY_TITLE = frozenset({BODY, TITLE})

PEERS = [
    Extractor(
        "trafilatura fast=True", "html", EVERYTHING, _trafilatura(True), _TRAFILATURA, "trafilatura"
    ),
    Extractor("trafilatura", "html", EVERYTHING, _trafilatura(False), _TRAFILATURA, "trafilatura"),
    Extractor(
        "readability-lxml (+ html-text)",
        "html",
        _BODY_TITLE,
        _readability,
        ("readability", "html_text"),
        "readability-lxml",
    ),
    Extractor("newspaper4k", "html", EVERYTHING, _newspaper, ("newspaper",), "newspaper4k"),
    Extractor(
        "resiliparse main_content=True",
        "html",
        frozenset({BODY}),
        _resiliparse,
        ("resiliparse.extract.html2text",),
        "resiliparse",
    ),
    Extractor("goose3", "html", EVERYTHING, _goose, ("goose3",), "goose3"),
    Extractor(
        "whole-page text (html-text)", "html", frozenset({BODY}), _whole_page, ("html_text",)
    ),
    Extractor(
        "htmldate extensive", "html", frozenset({DATE}), _htmldate, ("htmldate",), "htmldate"
    ),
    Extractor("whole-page text (as is)", "text", frozenset({BODY}), _text_as_is),
]


QUIET_LOGGERS = ("trafilatura", "htmldate", "readability", "goose3", "newspaper")


@contextmanager
def quiet_peers() -> Iterator[None]:
    """Silence the peers' per-page log lines and warnings for the length of a run."""
    loggers = [logging.getLogger(name) for name in QUIET_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
