"""The extractor stages, registered in one ordered table.

Each stage is a plain function ``Context -> list[record]``; its result is stored
on the context under ``output`` so that later stages can read it. Names are
versioned: bump the suffix when a stage's output changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.errors import KgError
from kg.extract.actors import extract_actors
from kg.extract.context import Context
from kg.extract.events import extract_events
from kg.extract.statements import extract_statements
from kg.extract.time import extract_times

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from kg.model import Article, Extraction


@dataclass(frozen=True)
class Extractor:
    func: Callable[[Context], list[Any]]
    output: str  # the Context attribute the result goes to
    requires: tuple[str, ...] = ()  # spaCy pipeline components the stage reads


EXTRACTORS: dict[str, Extractor] = {
    "actors.v4": Extractor(extract_actors, "actors", requires=("ner", "parser")),
    "time.v1": Extractor(extract_times, "times", requires=("parser",)),
    "statements.v6": Extractor(extract_statements, "statements", requires=("parser",)),
    "events.v5": Extractor(extract_events, "events", requires=("parser", "lemmatizer", "ner")),
}


def select(names: tuple[str, ...] | None = None) -> dict[str, Extractor]:
    """The stages to run, in table order; unknown names fail with the choices."""
    if names is None:
        return dict(EXTRACTORS)
    for name in names:
        if name not in EXTRACTORS:
            raise KgError("K010", what="extractor", name=name, choices=", ".join(EXTRACTORS))
    return {k: v for k, v in EXTRACTORS.items() if k in names}


def run_extractors(
    article: Article, doc: Doc, *, model: str = "", names: tuple[str, ...] | None = None
) -> Extraction:
    """Run the registered stages over one parsed article."""
    stages = select(names)
    ctx = Context(article=article, doc=doc)
    for extractor in stages.values():
        setattr(ctx, extractor.output, extractor.func(ctx))
    return ctx.freeze(model=model, extractors=tuple(stages))
