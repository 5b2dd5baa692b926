"""Field helpers: title suffixes, language tags, URLs, and what a URL's path says."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from newsgraph.extraction.dates import DateValue, parse_date

_SEPARATOR_RE = re.compile(r"(\s+(?:\||-|–|—|::|·|»|•|/|~)\s+|\s*\|\s*|\s+[:–—]\s+)")
_GENERIC_FOLDERS = (
    "article articles story stories post posts p amp www index news item items content "
    "html page pages blog blogs entry view detail details read a id s"
)
_NOT_SECTIONS = frozenset(_GENERIC_FOLDERS.split())


def strip_site_name(title: str, site: str, host: str) -> str:
    """The title without a leading or trailing part that names the site ("Title | Site")."""
    parts = _SEPARATOR_RE.split(" ".join(title.split()))
    if len(parts) < 3:
        return parts[0] if parts else ""
    while len(parts) >= 3 and _names_site(parts[-1], site, host):
        parts = parts[:-2]
    while len(parts) >= 3 and _names_site(parts[0], site, host):
        parts = parts[2:]
    return "".join(parts).strip()


def _names_site(part: str, site: str, host: str) -> bool:
    name = _squash(part)
    if not name:
        return False
    if site and _squash_the(part) == _squash_the(site):
        return True
    labels = [_squash(label) for label in host.lower().removeprefix("www.").split(".")]
    # "Metro Wire" names metrowire.example; "example.com" names itself.
    return name in labels or name == _squash(host.removeprefix("www."))


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


def _squash_the(text: str) -> str:
    """Squashed, without a leading "The": "The Harbour Times" names "Harbour Times"."""
    return _squash(re.sub(r"^\s*the\s+", "", text, flags=re.IGNORECASE))


def trailing_site_name(title: str, other_titles: list[str]) -> str:
    """The site name a title tag appends, found by comparing it with a clean headline."""
    clean = " ".join(title.split())
    for other in other_titles:
        other = " ".join(other.split())
        if other and clean.startswith(other) and clean != other:
            rest = _SEPARATOR_RE.match(clean[len(other) :])
            if rest:
                return clean[len(other) + rest.end() :].strip()
    return ""


def primary_language(tag: str) -> str:
    """ "en-US", "en_GB", "EN" -> "en"; "" for anything that is not a language tag."""
    primary = re.split(r"[-_]", tag.strip().lower(), maxsplit=1)[0]
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else ""


def absolute(url: str, base: str | None) -> str:
    """`url` resolved against the page's address; "" for non-web schemes."""
    url = url.strip()
    if not url:
        return ""
    joined = urljoin(base, url) if base else url
    return joined if urlsplit(joined).scheme in ("http", "https", "") else ""


def host_of(url: str | None) -> str:
    """The URL's host name, lower case, or ""."""
    return (urlsplit(url).hostname or "") if url else ""


_URL_DATE_RE = re.compile(
    r"(?<![\d])(?P<y>(?:19|20)\d\d)(?P<s>[/_.-]?)(?P<m>0[1-9]|1[0-2]|(?<=[/_.-])[1-9](?=[/_.-]))"
    r"(?:(?P=s)(?P<d>0[1-9]|[12]\d|3[01]|(?<=[/_.-])[1-9]))?(?![\d])"
)


def url_date(url: str | None) -> DateValue | None:
    """A date the URL's path gives (/2024/09/18/, -20240918-): a full day before a month."""
    if not url:
        return None
    parts = urlsplit(url)
    months = []
    for match in _URL_DATE_RE.finditer(f"{parts.path}?{parts.query}"):
        if not match["s"] and not match["d"]:
            continue  # six bare digits are more likely an id than a year and a month
        if match["d"]:
            return parse_date(f"{match['y']}-{match['m']}-{match['d']}")
        months.append(f"{match['y']}-{match['m']}")
    return parse_date(months[0]) if months else None


def url_section(url: str | None) -> str:
    """The section the URL's first meaningful path segment names ("/politics/…" -> "politics")."""
    if not url:
        return ""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    for segment in segments[:-1][:2]:
        word = segment.lower()
        if re.fullmatch(r"[a-z]{2}(?:-[a-z]{2})?", word) or word in _NOT_SECTIONS:
            continue  # a language code or a generic folder
        if re.fullmatch(r"[^\W\d_][\w-]{2,24}", word) and not re.search(r"\d", word):
            return word.replace("-", " ").replace("_", " ")
        return ""
    return ""
