"""JSON Lines export: one DESIGN §2 object per stored document, as `extract` prints them."""

from __future__ import annotations

from newsgraph.export.common import iter_docs, text_output
from newsgraph.jsonform import doc_to_json
from newsgraph.store import Store


def write_jsonl(store: Store, out: str) -> int:
    """Write every document as one line of contract JSON to `out`; return how many."""
    count = 0
    with text_output(out) as stream:
        for doc in iter_docs(store):
            stream.write(doc_to_json(doc) + "\n")
            count += 1
    return count
