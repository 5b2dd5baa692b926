"""The registry of stages: each name, how to make it, and the default pipeline."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from newsgraph.errors import UnknownStage
from newsgraph.pipeline import OnError, Pipeline, Stage
from newsgraph.stages.amounts import Amounts
from newsgraph.stages.entities import Entities
from newsgraph.stages.extract import Extract
from newsgraph.stages.nlp import Nlp
from newsgraph.stages.places import Places
from newsgraph.stages.quotes import Quotes
from newsgraph.stages.times import Times
from newsgraph.stages.tone import Tone

StageFactory = Callable[[], Stage]

# Every stage newsgraph ships, in the order a full pipeline runs them.
REGISTRY: dict[str, StageFactory] = {
    "extract": Extract,
    "nlp": Nlp,
    "entities": Entities,
    "quotes": Quotes,
    "times": Times,
    "amounts": Amounts,
    "tone": Tone,
    "places": Places,
}

DEFAULT_STAGES = (
    "extract",
    "nlp",
    "entities",
    "quotes",
    "amounts",
    "times",
    "places",
    "tone",
)


def make_stage(name: str) -> Stage:
    """A fresh stage by name; an unknown name is an error listing the known ones."""
    try:
        return REGISTRY[name]()
    except KeyError:
        known = ", ".join(REGISTRY)
        raise UnknownStage(f"no stage named {name!r}; known stages: {known}") from None


def producers() -> dict[str, str]:
    """For each product, the registered stage that makes it."""
    made: dict[str, str] = {}
    for name, factory in REGISTRY.items():
        for product in factory().produces:
            made.setdefault(product, name)
    return made


def build_pipeline(
    names: Iterable[str] = DEFAULT_STAGES, *, on_error: OnError = "record"
) -> Pipeline:
    """A pipeline of registered stages, checked for missing requirements."""
    stages = [make_stage(n) for n in names]
    return Pipeline(stages, on_error=on_error, producers=producers())
