"""The exceptions newsgraph raises, all under one root.

    NewsgraphError
    ├── InputError            an input could not be read as a page
    │   ├── EmptyInput        nothing but white space
    │   ├── BinaryInput       an image, an archive or other non-text bytes
    │   ├── InputTooLarge     over the configured size limit
    │   ├── MalformedInput    broken JSON, HTML nested past the parser's limit, …
    │   ├── UnknownSource     a path or glob that names nothing
    │   └── FetchError        a URL that could not be fetched: network, redirects, …
    │       ├── FetchTimeout      no answer within the connect, read or total time limit
    │       ├── HttpStatusError   the server answered 4xx or 5xx (after the retries)
    │       ├── RobotsDisallowed  robots.txt forbids the URL; it is never requested
    │       └── UnsupportedType   a content type that is not a page (image, PDF, JSON…)
    ├── SpanError             a span outside the text, end before start, a dangling link
    ├── FrozenTextError       changing doc.text after spans were attached
    ├── PipelineError         a pipeline that cannot be built
    │   ├── UnknownStage      a stage name nobody registered
    │   └── MissingRequirement  a stage needs what no earlier stage produces
    ├── StoreError            the database file is unusable or from a newer version
    ├── SearchQueryError      a full-text query SQLite cannot parse
    ├── ExportError           an export that cannot be written as asked (format, output path)
    └── ConfigError           a config file with unknown keys or wrong types

`Skip` is not an error: a stage raises it to drop a document on purpose, with a reason that is
stored like a problem.
"""

from __future__ import annotations


class NewsgraphError(Exception):
    """Root of every error newsgraph raises on purpose."""


class InputError(NewsgraphError):
    """An input could not be turned into a page."""

    kind = "input"


class EmptyInput(InputError):
    """The input holds no text."""

    kind = "empty"


class BinaryInput(InputError):
    """The input is binary data, not a page."""

    kind = "binary"


class InputTooLarge(InputError):
    """The input is over the configured size limit."""

    kind = "too_large"


class MalformedInput(InputError):
    """The input is a page or record that cannot be parsed."""

    kind = "malformed"


class UnknownSource(InputError):
    """A path, folder or glob that names no file."""

    kind = "not_found"


class FetchError(InputError):
    """A URL that could not be fetched."""

    kind = "fetch"


class FetchTimeout(FetchError):
    """The server did not answer within a time limit."""

    kind = "timeout"


class HttpStatusError(FetchError):
    """The server answered with an error status."""

    kind = "http_status"


class RobotsDisallowed(FetchError):
    """The site's robots.txt forbids fetching the URL."""

    kind = "robots"


class UnsupportedType(FetchError):
    """The server sent a content type that is not a page."""

    kind = "content_type"


class SpanError(NewsgraphError, ValueError):
    """A span that does not fit its document."""


class FrozenTextError(NewsgraphError):
    """An attempt to change a document's text once spans point into it."""


class PipelineError(NewsgraphError):
    """A pipeline that cannot be built as asked."""


class UnknownStage(PipelineError):
    """A stage name that is not registered."""


class MissingRequirement(PipelineError):
    """A stage requires something no earlier stage produces."""


class StoreError(NewsgraphError):
    """The store cannot be opened or written."""


class SearchQueryError(NewsgraphError):
    """A full-text query that SQLite's FTS5 cannot parse."""


class ExportError(NewsgraphError):
    """An export that cannot be written as asked (unknown format, unusable output path)."""


class ConfigError(NewsgraphError):
    """A configuration file that does not match the known settings."""


class Skip(Exception):
    """Raised by a stage to drop a document on purpose; the reason is stored."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
