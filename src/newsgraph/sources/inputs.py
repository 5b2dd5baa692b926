"""What a reader yields: an input ready for the pipeline, or the reason it could not be read."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from newsgraph.doc import Doc, Meta, Raw
from newsgraph.errors import InputError
from newsgraph.jsonform import meta_from_dict

KINDS = ("html", "text", "body")


@dataclass
class Input:
    """One page or record, decoded, with what its container said about it."""

    source: str
    kind: str  # one of KINDS
    content: str
    digest: str
    url: str | None = None
    id: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what reading it had to repair

    def to_doc(self) -> Doc:
        """A fresh document carrying this input, for the extraction stage to read."""
        meta: Meta = meta_from_dict(self.meta)
        raw = Raw(self.kind, self.content, self.digest)
        doc = Doc(id=self.id, source=self.source, url=self.url, meta=meta, raw=raw)
        for note in self.notes:
            doc.add_problem("read", "decode", note)
        return doc


@dataclass
class Failure:
    """An input that could not be read, with the reason."""

    source: str
    error: InputError

    @property
    def kind(self) -> str:
        """The short name of what went wrong (empty, binary, too_large, …)."""
        return self.error.kind

    @property
    def message(self) -> str:
        """One line saying what went wrong."""
        return str(self.error)


def digest(data: bytes) -> str:
    """A short stable hash of some bytes."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


_HTML_START = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|\?xml|div|p|article|"
    r"section|main|header|span|table|link|script|style|h[1-6])\b",
    re.IGNORECASE | re.DOTALL,
)
_TAG = re.compile(
    r"</?(?:p|div|br|span|a|li|ul|h[1-6]|article|section|img|table|td|tr)\b[^>]*>", re.I
)


def sniff_kind(text: str) -> str:
    """Tell HTML from plain text by the content, not the file name."""
    head = text[:8192]
    if _HTML_START.match(head) or len(_TAG.findall(head)) >= 8:
        return "html"
    return "text"
