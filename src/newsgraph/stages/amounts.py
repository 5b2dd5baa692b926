"""The amounts stage: numbers, ranges, money, percentages and quantities, and what they count.

Each `amount` span covers the whole expression, its modifier included ("more than 10,000"), and
its value holds the numbers (`low`, `high`), the `unit`, the ISO `currency`, the `modifier`, the
counted noun (`object`, with its characters in `object_start`/`object_end`) and the verb of the
event it takes part in (`event`). amounts_find reads the characters, amounts_parse the parse;
docs/stages.md lists what is and is not an amount.
"""

from __future__ import annotations

from newsgraph.doc import Doc
from newsgraph.errors import PipelineError
from newsgraph.stages.amounts_find import find_amounts
from newsgraph.stages.amounts_parse import attach_object, confirmed


class Amounts:
    """Find amount expressions, normalise their values and link what they count."""

    name = "amounts"
    requires: tuple[str, ...] = ("analysis",)
    produces: tuple[str, ...] = ("amount",)

    def __call__(self, doc: Doc) -> Doc:
        """Mark the amounts of one document."""
        if doc.analysis is None:
            raise PipelineError("the amounts stage needs the nlp stage's analysis of this text")
        for amount in find_amounts(doc.text):
            if not confirmed(amount, doc.analysis):
                continue
            attach_object(amount, doc.analysis)
            doc.add_span(
                "amount",
                amount.start,
                amount.end,
                label=amount.label,
                value=amount.value(),
                stage=self.name,
            )
        return doc
