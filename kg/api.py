"""The library functions behind every command; the CLI only parses flags and prints."""

from __future__ import annotations

import logging
import sys
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kg import export as _export
from kg.ingest import iter_articles, read_articles
from kg.model import Article, Extraction
from kg.queries import StoredQuery, bind_params, inject_bindings, list_queries, load_query, page
from kg.resources import DEFAULT_STORE
from kg.store import Store, term_value

log = logging.getLogger(__name__)

BATCH_SIZE = 32


@dataclass
class BuildSummary:
    articles: int = 0
    skipped: int = 0
    actors: int = 0
    statements: int = 0
    events: int = 0
    triples: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[list[str | None]]


def extract_articles(
    articles: Iterable[Article], *, model: str | None = None, jobs: int = 1, batch_size: int = BATCH_SIZE
) -> Iterator[Extraction]:
    """Parse articles in batches of ``nlp.pipe`` and run the extractor stages on each, in input order.

    ``jobs > 1`` spreads the batches over that many worker processes (kg.batch).
    """
    from kg.batch import batched, extract_batch, run_batches

    for extractions in run_batches(extract_batch, batched(articles, batch_size), model=model, jobs=jobs):
        yield from extractions


def extract(
    paths: Iterable[str | Path], *, date: str | None = None, model: str | None = None
) -> list[Extraction]:
    """Extract every article under ``paths``; the store is not touched."""
    articles = read_articles([Path(p) for p in paths], date=date)
    return list(extract_articles(articles, model=model))


def _check_model(model: str | None) -> None:
    """Fail on a model that is neither an installed package nor a directory, without loading it."""
    import importlib.util

    from kg.errors import ModelError
    from kg.nlp import choose_model

    name = choose_model(model)
    if not Path(name).is_dir() and importlib.util.find_spec(name) is None:
        raise ModelError("K042", model=name, reason="no such installed package or directory")


def default_jobs() -> int:
    """Worker processes by default: the CPUs this process may run on."""
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def build(
    paths: Iterable[str | Path],
    *,
    store: str | Path = DEFAULT_STORE,
    date: str | None = None,
    model: str | None = None,
    force: bool = False,
    jobs: int | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int, int], None] | None = None,
) -> BuildSummary:
    """Extract articles and replace each one's named graph in the store.

    Every input is read and checked (streaming) before the store is opened, so
    a bad file changes nothing. Articles then stream through in batches: each
    batch is parsed with one ``nlp.pipe`` (in ``jobs`` worker processes; default
    one per CPU) and written in one transaction, so a crash never leaves half an
    article. Articles whose content hash is already in the store are skipped
    unless ``force``, which makes an interrupted build resumable.

    Args:
        progress: called after each batch with (articles done, total articles).
    """
    from kg.batch import batched, build_batch_local, build_batch_remote, run_batches
    from kg.mapping import graph_iri

    started = time.perf_counter()
    paths = [Path(p) for p in paths]
    total = sum(1 for _ in iter_articles(paths, date=date))  # validates every input first
    jobs = default_jobs() if jobs is None else max(1, jobs)
    # Worker processes pay off only with several batches per worker (spaCy hands out whole batches).
    use_jobs = min(jobs, -(-total // batch_size)) if total >= 2 * batch_size else 1
    summary = BuildSummary()
    done = 0
    skips: deque[int] = deque()  # articles skipped alongside each batch in flight, reported when it lands

    def todo(db: Store) -> Iterator[list[Article]]:
        nonlocal done
        for batch in batched(iter_articles(paths, date=date), batch_size):
            known = {} if force else db.content_hashes(str(graph_iri(a)) for a in batch)
            fresh = [a for a in batch if known.get(str(graph_iri(a))) != a.content_hash]
            summary.skipped += len(batch) - len(fresh)
            if fresh:
                skips.append(len(batch) - len(fresh))
                yield fresh
            else:
                done += len(batch)
                if progress:
                    progress(done, total)

    _check_model(model)  # before the store is opened, so a bad model changes nothing (loaded if needed)
    db = Store(store, create=True)
    db.ensure_ontology()
    func = build_batch_remote if use_jobs > 1 else build_batch_local
    for built in run_batches(func, todo(db), model=model, jobs=use_jobs):
        graphs = {b.graph: b for b in built}  # a repeated id within a batch: the last one wins
        summary.triples += db.replace_graphs({g: b.quad_list() for g, b in graphs.items()})
        for b in graphs.values():
            summary.articles += 1
            summary.actors += b.actors
            summary.statements += b.statements
            summary.events += b.events
        done += len(built) + skips.popleft()
        if progress:
            progress(done, total)
    db.flush()
    if summary.articles:
        db.optimize()
    if summary.articles and not summary.statements:
        warnings.warn(f"extracted 0 statements from {summary.articles} articles", stacklevel=2)
    summary.seconds = time.perf_counter() - started
    return summary


def queries() -> list[StoredQuery]:
    """The bundled query files."""
    return list_queries()


def query(
    name: str,
    *,
    store: str | Path | Store = DEFAULT_STORE,
    params: dict[str, str] | None = None,
    endpoint: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    **remote: Any,
) -> QueryResult:
    """Run a bundled or given query file against the local store, or a remote ``endpoint``.

    ``store`` may be a path or an open ``Store`` (to run many queries without reopening it).
    ``limit`` and ``offset`` return one page of the rows, in the query's order.
    ``remote`` holds the endpoint's options (target, user, password_env, token_env, auth):
    see kg.remote.query.
    """
    q = load_query(name)
    bindings = bind_params(q, params or {})
    text = page(q.text, limit, offset, source=str(q.path))
    if endpoint:
        from kg.remote import query as _remote_query

        return QueryResult(*_remote_query(text, bindings, endpoint=endpoint, **remote))
    db = store if isinstance(store, Store) else Store(store, read_only=True)
    result = db.query(inject_bindings(text, bindings), source=str(q.path))
    if isinstance(result, bool) or type(result).__name__ == "QueryBoolean":
        return QueryResult(["answer"], [[str(bool(result)).lower()]])
    if type(result).__name__ == "QueryTriples":
        rows = [[term_value(t.subject), term_value(t.predicate), term_value(t.object)] for t in result]
        return QueryResult(["subject", "predicate", "object"], rows)
    columns = [v.value for v in result.variables]
    # a solution iterates its terms in the order of the variables; inlined, this is ~20% of a big answer
    rows = [[x.value if hasattr(x, "value") else term_value(x) for x in sol] for sol in result]
    return QueryResult(columns, rows)


def export(
    *,
    store: str | Path = DEFAULT_STORE,
    out: str | Path | IO[bytes] | None = None,
    fmt: str | None = None,
    graph: str | None = None,
) -> str:
    """Write the store in an RDF format (chosen by ``fmt`` or the suffix of ``out``); returns the format."""
    name = None if out is None or hasattr(out, "write") else str(out)
    chosen = _export.guess_format(name, fmt)
    db = Store(store, read_only=True)
    if out is None or name == "-":
        _export.write(db, sys.stdout.buffer, chosen, graph=graph)
    elif hasattr(out, "write"):
        _export.write(db, out, chosen, graph=graph)  # type: ignore[arg-type]
    else:
        from kg.errors import KgError

        try:
            with open(str(out), "wb") as fh:
                _export.write(db, fh, chosen, graph=graph)
        except OSError as e:
            raise KgError("K070", path=out, reason=e.strerror) from e
    return chosen


def stats(*, store: str | Path = DEFAULT_STORE) -> dict[str, int]:
    """Counts of articles, actors, statements, events, quads and triples in the store."""
    db = Store(store, read_only=True)
    ns = "https://w3id.org/kg/ontology#"

    def count(pattern: str) -> int:
        rows = list(db.query(f"PREFIX kg: <{ns}> SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}"))
        return int(rows[0]["n"].value)

    triples = list(
        db.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
    )
    return {
        "articles": count("?x a kg:Article"),
        "actors": count("?m kg:refersTo ?x"),
        "statements": count("?x a kg:Statement"),
        "events": count("?x kg:cameoCode ?c"),
        "graphs": sum(1 for _ in db.graphs()),
        "quads": len(db),
        "triples": int(triples[0]["n"].value),
    }


def validate(*args: Any, **kwargs: Any) -> Any:
    """SHACL and OWL validation (see kg.validate)."""
    from kg.validate import validate as _validate

    return _validate(*args, **kwargs)


def serve(*args: Any, **kwargs: Any) -> Any:
    """Serve the store read-only over the SPARQL 1.1 Protocol (see kg.serve)."""
    from kg.serve import serve as _serve

    return _serve(*args, **kwargs)


def push(*args: Any, **kwargs: Any) -> Any:
    """Load the store into a remote SPARQL store (see kg.remote)."""
    from kg.remote import push as _push

    return _push(*args, **kwargs)


def report(*args: Any, **kwargs: Any) -> Any:
    """Write HTML reports of articles (see kg.report.report)."""
    from kg.report import report as _report

    return _report(*args, **kwargs)
