"""GDELT Global Knowledge Graph 2.1 export: one tab-separated row of 27 columns per document.

docs/export.md maps every column to our facts and says what is approximated or left empty.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from newsgraph.doc import Doc
from newsgraph.export import gkg_facts as facts
from newsgraph.export.common import iter_docs, text_output
from newsgraph.export.gkg_places import locations
from newsgraph.export.gkg_text import clean, gdelt_date, xml_text
from newsgraph.store import Store

COLUMNS = (
    "GKGRECORDID",
    "V2.1DATE",
    "V2SOURCECOLLECTIONIDENTIFIER",
    "V2SOURCECOMMONNAME",
    "V2DOCUMENTIDENTIFIER",
    "V1COUNTS",
    "V2.1COUNTS",
    "V1THEMES",
    "V2ENHANCEDTHEMES",
    "V1LOCATIONS",
    "V2ENHANCEDLOCATIONS",
    "V1PERSONS",
    "V2ENHANCEDPERSONS",
    "V1ORGANIZATIONS",
    "V2ENHANCEDORGANIZATIONS",
    "V1.5TONE",
    "V2.1ENHANCEDDATES",
    "V2GCAM",
    "V2.1SHARINGIMAGE",
    "V2.1RELATEDIMAGES",
    "V2.1SOCIALIMAGEEMBEDS",
    "V2.1SOCIALVIDEOEMBEDS",
    "V2.1QUOTATIONS",
    "V2.1ALLNAMES",
    "V2.1AMOUNTS",
    "V2.1TRANSLATIONINFO",
    "V2EXTRASXML",
)
WEB, CITATION_ONLY = "1", "2"  # GDELT's source collections: a URL, or a citation of an offline one


def write_gkg(store: Store, out: str, *, header: bool = False) -> int:
    """Write one GKG 2.1 row per document to `out` (no header row unless asked); return how many."""
    count = 0
    with text_output(out) as stream:
        if header:
            stream.write("\t".join(COLUMNS) + "\n")
        for doc in iter_docs(store):
            stream.write("\t".join(gkg_row(doc)) + "\n")
            count += 1
    return count


def gkg_row(doc: Doc) -> list[str]:
    """The document's 27 GKG 2.1 columns, in order; the ones we cannot fill are empty."""
    fields = dict.fromkeys(COLUMNS, "")
    fields.update(source_fields(doc))
    fields["V1COUNTS"], fields["V2.1COUNTS"] = facts.counts(doc)
    fields["V1LOCATIONS"], fields["V2ENHANCEDLOCATIONS"] = locations(doc)
    fields["V1PERSONS"], fields["V2ENHANCEDPERSONS"] = facts.names(doc, ("PERSON",))
    fields["V1ORGANIZATIONS"], fields["V2ENHANCEDORGANIZATIONS"] = facts.names(doc, ("ORG",))
    fields["V1.5TONE"] = facts.tone(doc)
    fields["V2.1ENHANCEDDATES"] = facts.dates(doc)
    fields["V2GCAM"] = facts.gcam(doc)
    fields["V2.1SHARINGIMAGE"] = clean(doc.meta.image or "")
    fields["V2.1QUOTATIONS"] = facts.quotations(doc)
    fields["V2.1ALLNAMES"] = facts.all_names(doc)
    fields["V2.1AMOUNTS"] = facts.amounts(doc)
    fields["V2EXTRASXML"] = extras(doc)
    return [fields[c] for c in COLUMNS]


def source_fields(doc: Doc) -> dict[str, str]:
    """Record id (our document id), date, source collection, source name and identifier."""
    return {
        "GKGRECORDID": clean(doc.id),
        "V2.1DATE": gdelt_date(doc.meta.published) or "0",
        "V2SOURCECOLLECTIONIDENTIFIER": WEB if doc.url else CITATION_ONLY,
        "V2SOURCECOMMONNAME": clean(source_name(doc)),
        "V2DOCUMENTIDENTIFIER": clean(doc.url or doc.source),
    }


def source_name(doc: Doc) -> str:
    """The URL's host without 'www.' (GDELT names web sources by domain), else the site name."""
    host = (urlsplit(doc.url).hostname or "") if doc.url else ""
    return host.removeprefix("www.") or doc.meta.site


def extras(doc: Doc) -> str:
    """V2EXTRASXML with the page's title, authors and precise publication time, as GDELT adds
    them for web articles."""
    parts = [
        ("PAGE_TITLE", doc.meta.title),
        ("PAGE_AUTHORS", ";".join(doc.meta.authors)),
        ("PAGE_PRECISEPUBTIMESTAMP", gdelt_date(doc.meta.published)),
    ]
    return "".join(f"<{tag}>{xml_text(text)}</{tag}>" for tag, text in parts if text)
