"""Stable document ids: a hash of the canonical URL, else of the normalised body."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


def normalise_url(url: str) -> str:
    """Lower-case scheme and host, drop the fragment, default ports and tracking parameters."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # a bracket or port out of range: keep the address as it was written
        return url.strip()
    host = (parts.hostname or "").lower()
    if port and (parts.scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING)
    ]
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), host, path, urlencode(query), ""))


def doc_id(url: str | None, body: str) -> str:
    """The id a document gets when its input did not name one."""
    key = "url:" + normalise_url(url) if url else "body:" + " ".join(body.split())
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()
