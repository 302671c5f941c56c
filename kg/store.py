"""The embedded store: Oxigraph on disk, one named graph per article.

Rebuilding an article drops its graph and adds the new one; the add is one
transaction, so a crash never leaves half an article (at worst the article is
absent, and a resumed build adds it again, since its content hash is gone too).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from kg.errors import OntologyError, QueryError, StoreError
from kg.resources import ONTOLOGY_DIR
from kg.vocab import KG, ONTOLOGY_GRAPH

log = logging.getLogger(__name__)

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_ox(term: Any) -> Any:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype and str(term.datatype) != _XSD_STRING:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def term_value(term: Any) -> str | None:
    """The lexical value of a pyoxigraph term, for presentation."""
    if term is None:
        return None
    return term.value if hasattr(term, "value") else str(term)


class Store:
    """A kg store directory, opened for the lifetime of one command."""

    def __init__(self, path: str | Path, *, create: bool = False, read_only: bool = False) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise StoreError("K031", path=self.path)
        try:
            self.ox = ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path))
        except OSError as e:
            raise StoreError("K030", path=self.path, reason=str(e).splitlines()[0]) from e

    # -- writing ----------------------------------------------------------------
    def replace_graph(self, graph: URIRef, triples: Iterable[tuple[Any, Any, Any]]) -> int:
        """Replace one named graph by these triples; returns the number of quads added."""
        g = ox.NamedNode(str(graph))
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in triples]
        self.ox.remove_graph(g) if self.ox.contains_named_graph(g) else None
        self.ox.extend(quads)
        return len(quads)

    def content_hashes(self) -> dict[str, str]:
        """Graph IRI -> content hash of the article it holds, for resumable builds."""
        q = f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?a <{KG.contentHash}> ?h }} }}"
        return {s["g"].value: s["h"].value for s in self.ox.query(q)}

    def ensure_ontology(self, directory: Path = ONTOLOGY_DIR) -> None:
        """Load ontology/*.ttl into its own graph when it is missing or changed."""
        files = sorted(directory.glob("*.ttl"))
        text = "\n".join(f.read_text(encoding="utf-8") for f in files)
        import hashlib

        digest = hashlib.sha256(text.encode()).hexdigest()
        marker = ox.Quad(ox.NamedNode(str(ONTOLOGY_GRAPH)), ox.NamedNode(str(KG.contentHash)),
                         ox.Literal(digest), ox.NamedNode(str(ONTOLOGY_GRAPH)))
        if marker in self.ox:
            return
        g = ox.NamedNode(str(ONTOLOGY_GRAPH))
        quads: list[ox.Quad] = [marker]
        for f in files:
            try:
                quads.extend(ox.Quad(t.subject, t.predicate, t.object, g)
                             for t in ox.parse(path=str(f), format=ox.RdfFormat.TURTLE))
            except SyntaxError as e:
                raise OntologyError("K050", path=f, reason=str(e).splitlines()[0]) from e
        self.ox.remove_graph(g) if self.ox.contains_named_graph(g) else None
        self.ox.extend(quads)

    # -- reading ----------------------------------------------------------------
    def query(self, sparql: str, *, substitutions: dict[str, Any] | None = None, source: str = "query") -> Any:
        """Run SPARQL over the union of all graphs; a syntax error becomes a QueryError."""
        subs = {ox.Variable(k): v for k, v in (substitutions or {}).items()}
        try:
            return self.ox.query(sparql, use_default_graph_as_union=True, substitutions=subs or None)
        except SyntaxError as e:
            raise QueryError("K021", path=source, reason=str(e).splitlines()[0]) from e

    def graphs(self) -> Iterator[str]:
        return (g.value for g in self.ox.named_graphs())

    def __len__(self) -> int:
        return len(self.ox)

    def dump(self, out: IO[bytes], fmt: ox.RdfFormat, *, graph: str | None = None) -> None:
        if graph:
            self.ox.dump(out, fmt, from_graph=ox.NamedNode(graph))
        else:
            self.ox.dump(out, fmt)

    def flush(self) -> None:
        self.ox.flush()

    def close(self) -> None:
        """Release the on-disk lock (pyoxigraph closes when the object is collected)."""
        self.ox = None  # type: ignore[assignment]
