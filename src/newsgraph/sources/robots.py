"""robots.txt: what one host lets us fetch, read the way Google documents it."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

from newsgraph.errors import RobotsDisallowed

ROBOTS_MAX_BYTES = 512 * 1024  # Google reads the first 500 KiB of a robots.txt


@dataclass(frozen=True)
class Robots:
    """One host's robots.txt: its rules, or a reason to refuse everything; when it was read."""

    read_at: float
    rules: Protego | None = None  # None with no refusal: everything is allowed
    refusal: str = ""

    def check(self, url: str, user_agent: str) -> None:
        """Raise RobotsDisallowed unless `url` may be fetched by `user_agent`."""
        if self.refusal:
            raise RobotsDisallowed(self.refusal)
        if self.rules is not None and not self.rules.can_fetch(url, robots_token(user_agent)):
            raise RobotsDisallowed(f"disallowed by robots.txt ({robots_url(url)})")

    def crawl_delay(self, user_agent: str) -> float:
        """The Crawl-delay asked of `user_agent`, 0 when none."""
        asked = self.rules.crawl_delay(robots_token(user_agent)) if self.rules else None
        return float(asked or 0)


def robots_from(status: int, body: bytes, url: str, read_at: float) -> Robots:
    """The rules an answer for robots.txt gives: a 4xx allows all, a 5xx or 429 nothing."""
    if status >= 500 or status == 429:
        # As Google does: a server error on robots.txt means "crawl nothing for now".
        return Robots(read_at, refusal=f"{url} answered HTTP {status}; the site is not fetched")
    if status >= 300:
        return Robots(read_at)  # no robots.txt: everything allowed
    if len(body) >= ROBOTS_MAX_BYTES:
        body = body[: body.rfind(b"\n") + 1]  # read up to the limit: a cut line is dropped
    return Robots(read_at, rules=Protego.parse(body.decode("utf-8", "replace")))


def robots_token(user_agent: str) -> str:
    """The product name robots.txt groups are matched against: 'newsgraph' of 'newsgraph/0.1
    (+https://…)'; the whole string would match a group for 'github' through the URL in it."""
    return (user_agent.split() or [""])[0].split("/")[0]


def host_of(url: str) -> str:
    """scheme://host:port of a URL, the unit of robots.txt (RFC 9309)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


def politeness_key(url: str) -> str:
    """The server a delay is kept for: the host name alone, so that http://h and https://h
    (one server behind the commonest redirect there is) share it."""
    return (urlsplit(url).hostname or "").lower()


def robots_url(url: str) -> str:
    """Where the robots.txt that rules `url` lives."""
    return host_of(url) + "/robots.txt"
