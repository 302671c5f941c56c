"""Run the language model and the extractors over batches of articles, in this process or in workers.

Issue 8. The parent loads the spaCy pipeline once (so a bad ``--model`` fails
with its own error before anything starts), then forks ``jobs`` workers that
inherit it. Each task is one batch of articles: the worker runs one
``nlp.pipe`` over it, the extractor stages and the RDF mapping, and returns
compact results (N-Quads bytes, not Python objects), so the parent only
parses them and writes to the store. At most ``2 * jobs`` batches are in
flight, so memory stays flat however long the input is.

With ``jobs == 1`` the same batch function runs in this process and no
serialisation happens.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import pyoxigraph as ox

if TYPE_CHECKING:
    from kg.model import Article, Extraction

T = TypeVar("T")

_PR_SET_PDEATHSIG = 1  # linux/prctl.h
_MODEL: str | None = None  # the model name the workers' batch functions load (inherited through fork)


@dataclass(frozen=True)
class BuiltArticle:
    """One article mapped to RDF: its graph, its quads (or their N-Quads bytes) and its counts."""

    graph: str
    content_hash: str
    quads: list[ox.Quad] | bytes
    actors: int
    statements: int
    events: int

    def quad_list(self) -> list[ox.Quad]:
        """The quads, parsing the N-Quads bytes a worker sent back."""
        if isinstance(self.quads, bytes):
            return list(ox.parse(self.quads, format=ox.RdfFormat.N_QUADS))
        return self.quads


def _parse(articles: list[Article]) -> Iterator[tuple[Article, Extraction]]:
    from kg.extract import run_extractors
    from kg.nlp import load_nlp, model_id

    nlp = load_nlp(_MODEL)
    name = model_id(nlp)
    docs = nlp.pipe([a.text for a in articles], batch_size=max(1, len(articles)))
    for article, doc in zip(articles, docs, strict=True):
        yield article, run_extractors(article, doc, model=name)


def _warm_up_article() -> Article:
    from kg.model import Article

    text = (
        "The foreign minister of Norway, Anna Berg, said on Monday that Oslo would send 20 trucks of aid "
        'to Kenya. "We will not wait," she told reporters in Geneva, according to the Reuters news agency.'
    )
    return Article(id="kg-warm-up", text=text, date="2025-01-06")


def extract_batch(articles: list[Article]) -> list[Extraction]:
    """The extractions of one batch, in input order."""
    return [ex for _, ex in _parse(articles)]


def article_quads(ex: Extraction) -> tuple[str, list[ox.Quad]]:
    """The article's graph IRI and what a build writes: its graph's quads, then its actors' (actors graph)."""
    from kg.mapping import graph_iri, map_actors, map_article
    from kg.store import to_quads
    from kg.vocab import ACTORS_GRAPH

    graph = str(graph_iri(ex.article))
    return graph, to_quads(graph, map_article(ex)) + to_quads(str(ACTORS_GRAPH), map_actors(ex))


def _build_batch(articles: list[Article], serialise: bool) -> list[BuiltArticle]:
    out = []
    for article, ex in _parse(articles):
        graph, quads = article_quads(ex)
        payload: list[ox.Quad] | bytes = quads
        if serialise:
            payload = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
        out.append(
            BuiltArticle(
                graph, article.content_hash, payload, len(ex.actors), len(ex.statements), len(ex.events)
            )
        )
    return out


def build_batch_local(articles: list[Article]) -> list[BuiltArticle]:
    """Parse, extract and map one batch in this process."""
    return _build_batch(articles, serialise=False)


def build_batch_remote(articles: list[Article]) -> list[BuiltArticle]:
    """Parse, extract and map one batch in a worker; quads travel back as N-Quads bytes."""
    return _build_batch(articles, serialise=True)


def _die_with_parent() -> None:
    """Worker initializer: exit when the parent dies, even by SIGKILL, instead of idling as an orphan."""
    parent = os.getppid()
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) == 0 and os.getppid() == parent:
            return
    except (OSError, AttributeError):
        pass

    def watch() -> None:  # not Linux: poll for re-parenting
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_batches(
    func: Callable[[list[Article]], T],
    batches: Iterable[list[Article]],
    *,
    model: str | None = None,
    jobs: int = 1,
) -> Iterator[T]:
    """``func`` over each batch, results in input order; ``jobs > 1`` forks that many workers."""
    global _MODEL
    from kg.nlp import load_nlp

    todo = iter(batches)
    head = next(todo, None)
    if head is None:  # nothing to do (a resumed build that had finished): no model, no workers
        return
    todo = itertools.chain([head], todo)
    load_nlp(model)  # forked workers inherit the loaded pipeline
    _MODEL = model
    if jobs <= 1 or "fork" not in mp.get_all_start_methods():  # no fork (Windows): one process
        for batch in todo:
            yield func(batch)
        return
    # Extractors load their lexicons and gazetteers on first use, which can take seconds: do it once
    # here, so that every worker inherits them instead of loading its own copy.
    extract_batch([_warm_up_article()])
    ctx = mp.get_context("fork")
    with ctx.Pool(jobs, initializer=_die_with_parent) as pool:
        pending: deque[Any] = deque()
        for batch in todo:
            pending.append(pool.apply_async(func, (batch,)))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
