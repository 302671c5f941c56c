"""The embedded store: Oxigraph on disk, one named graph per article.

Rebuilding an article drops its graph and adds the new one; the add is one
transaction, so a crash never leaves half an article (at worst the article is
absent, and a resumed build adds it again, since its content hash is gone too).
Batch builds write many articles per transaction (``replace_graphs``).

Neither rdflib nor the ontology vocabulary is imported at module level: ``kg
query`` and ``kg export`` open the store and should start fast (issue 8).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from kg.errors import OntologyError, QueryError, StoreError
from kg.resources import ONTOLOGY_DIR

log = logging.getLogger(__name__)

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_KG = "https://w3id.org/kg/ontology#"  # spelt out to keep rdflib lazy
_CONTENT_HASH = _KG + "contentHash"
_NAME, _LABEL = ox.NamedNode(_KG + "name"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
ACTORS_GRAPH = "https://w3id.org/kg/id/graph-actors"  # kg.vocab.ACTORS_GRAPH
# RocksDB keeps writes in memory tables (per column family) until they fill up: without regular
# flushes a batch build's memory grows with the corpus; every 100k quads bounds it (issue 8).
FLUSH_EVERY = 100_000
_VALUES_CHUNK = 500  # graph IRIs per VALUES block when looking up content hashes


def to_ox(term: Any) -> Any:
    """An rdflib term as a pyoxigraph term."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype and str(term.datatype) != XSD_STRING:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_quads(graph: str, triples: Iterable[tuple[Any, Any, Any]]) -> list[ox.Quad]:
    """rdflib triples as pyoxigraph quads in ``graph``; IRIs repeat a lot, so each is converted once."""
    from rdflib import URIRef

    g = ox.NamedNode(str(graph))
    iris: dict[str, ox.NamedNode] = {}

    def conv(term: Any) -> Any:
        if type(term) is URIRef:
            node = iris.get(term)
            if node is None:
                node = iris[term] = ox.NamedNode(str(term))
            return node
        return to_ox(term)

    return [ox.Quad(conv(s), conv(p), conv(o), g) for s, p, o in triples]


def best_name(names: Iterable[str]) -> str:
    """The name to show for an actor spelt several ways: the same whatever order the spellings came in.

    Plain punctuation before odd marks, mixed case before all-caps, then the
    shortest, then the first in code-point order.

    >>> best_name(["Harbour Authority>", "HARBOUR AUTHORITY", "Harbour Authority", "Harbour authority"])
    'Harbour Authority'
    """

    def rank(name: str) -> tuple[bool, bool, int, str]:
        odd = any(c in "<>[]{}()|\\" for c in name)
        return odd, name.isupper() or name.islower(), len(name), name

    return min(names, key=rank)


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
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.ox = ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path))
        except OSError as e:
            raise StoreError("K030", path=self.path, reason=str(e).splitlines()[0]) from e
        self._unflushed = 0  # quads written since the last flush

    # -- writing ----------------------------------------------------------------
    def replace_graphs(self, graphs: dict[str, list[ox.Quad]]) -> int:
        """Replace several article graphs at once, and merge their actors' descriptions into the actors graph.

        ``graphs`` maps each article graph to its quads; quads addressed to the
        actors graph are merged, not replaced (other articles describe the same
        actors): each actor keeps one ``kg:name``, and actors no article names
        any more leave. Everything is settled before one last transaction adds
        all new quads: a crash before it leaves some articles absent (with their
        content hashes), never half an article, and a resumed build adds them
        again, which puts back all they gave. Returns the number of quads added.
        """
        old = [g for g in graphs if g != ACTORS_GRAPH and self.ox.contains_named_graph(ox.NamedNode(g))]
        terms: set[ox.NamedNode] = set()
        for g in old:
            for q in self.ox.quads_for_pattern(None, None, None, ox.NamedNode(g)):
                terms.update(t for t in (q.subject, q.object) if isinstance(t, ox.NamedNode))
        orphans = {t for t in terms if self._described(t)}  # actors the old graphs named: maybe no one now
        quads = self._one_name_each([q for qs in graphs.values() for q in qs])
        if old:
            self.ox.update(" ; ".join(f"DROP SILENT GRAPH <{g}>" for g in old))
        for q in quads:
            orphans.discard(q.subject)
            orphans.discard(q.object)
        self._forget(orphans)
        self.ox.extend(quads)
        self._unflushed += len(quads)
        if self._unflushed >= FLUSH_EVERY:
            self.flush()
        return len(quads)

    def _described(self, term: ox.NamedNode) -> bool:
        """Whether the actors graph describes this IRI."""
        found = self.ox.quads_for_pattern(term, _NAME, None, ox.NamedNode(ACTORS_GRAPH))
        return next(iter(found), None) is not None

    def _one_name_each(self, quads: list[ox.Quad]) -> list[ox.Quad]:
        """One ``kg:name`` (and label) per actor: articles spell one actor differently.

        The name kept is the best of all the spellings seen, in the store and in
        ``quads``, whatever order the articles came in (``best_name``); every
        spelling stays a ``kg:alias``. Stored names that lose are removed here;
        the returned quads are ``quads`` without the names that lose.
        """
        graph = ox.NamedNode(ACTORS_GRAPH)
        new: dict[ox.NamedNode, set[str]] = {}
        for q in quads:
            if q.predicate == _NAME and q.graph_name == graph:
                new.setdefault(q.subject, set()).add(q.object.value)
        losers: set[tuple[ox.NamedNode, str]] = set()
        for actor, names in new.items():
            stored = {q.object.value for q in self.ox.quads_for_pattern(actor, _NAME, None, graph)}
            if len(names | stored) < 2:
                continue
            keep = best_name(names | stored)
            for name in stored - {keep}:
                self.ox.remove(ox.Quad(actor, _NAME, ox.Literal(name), graph))
                self.ox.remove(ox.Quad(actor, _LABEL, ox.Literal(name), graph))
            losers.update((actor, n) for n in names - {keep})
        if not losers:
            return quads
        return [
            q
            for q in quads
            if not (
                q.graph_name == graph
                and q.predicate in (_NAME, _LABEL)
                and (q.subject, q.object.value) in losers
            )
        ]

    def _forget(self, actors: Iterable[ox.NamedNode]) -> None:
        """Drop the descriptions of actors that no article graph mentions any more."""
        graph = ox.NamedNode(ACTORS_GRAPH)
        for actor in actors:
            used = (
                q
                for pattern in ((actor, None, None, None), (None, None, actor, None))
                for q in self.ox.quads_for_pattern(*pattern)
                if q.graph_name != graph
            )
            if next(used, None) is None:
                for q in list(self.ox.quads_for_pattern(actor, None, None, graph)):
                    self.ox.remove(q)

    def content_hashes(self, graphs: Iterable[str] | None = None) -> dict[str, str]:
        """Graph IRI -> content hash of the article it holds, for resumable builds.

        With ``graphs``, only those are looked up (a batch at a time, so memory
        stays flat in the store's size); without, every graph is.
        """
        if graphs is None:
            q = f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?a <{_CONTENT_HASH}> ?h }} }}"
            return {s["g"].value: s["h"].value for s in self.ox.query(q)}
        wanted = list(dict.fromkeys(graphs))
        out: dict[str, str] = {}
        for i in range(0, len(wanted), _VALUES_CHUNK):
            values = " ".join(f"<{g}>" for g in wanted[i : i + _VALUES_CHUNK])
            q = f"SELECT ?g ?h WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?a <{_CONTENT_HASH}> ?h }} }}"
            out.update((s["g"].value, s["h"].value) for s in self.ox.query(q))
        return out

    def ensure_ontology(self, directory: Path = ONTOLOGY_DIR) -> None:
        """Load ontology/*.ttl into its own graph when it is missing or changed."""
        from kg.vocab import KG, ONTOLOGY_GRAPH

        files = sorted(directory.glob("*.ttl"))
        text = "\n".join(f.read_text(encoding="utf-8") for f in files)
        import hashlib

        digest = hashlib.sha256(text.encode()).hexdigest()
        marker = ox.Quad(
            ox.NamedNode(str(ONTOLOGY_GRAPH)),
            ox.NamedNode(str(KG.contentHash)),
            ox.Literal(digest),
            ox.NamedNode(str(ONTOLOGY_GRAPH)),
        )
        if marker in self.ox:
            return
        g = ox.NamedNode(str(ONTOLOGY_GRAPH))
        quads: list[ox.Quad] = [marker]
        for f in files:
            try:
                quads.extend(
                    ox.Quad(t.subject, t.predicate, t.object, g)
                    for t in ox.parse(path=str(f), format=ox.RdfFormat.TURTLE)
                )
            except SyntaxError as e:
                raise OntologyError("K050", path=f, reason=str(e).splitlines()[0]) from e
        self.ox.remove_graph(g) if self.ox.contains_named_graph(g) else None
        self.ox.extend(quads)

    # -- reading ----------------------------------------------------------------
    def query(
        self, sparql: str, *, substitutions: dict[str, Any] | None = None, source: str = "query"
    ) -> Any:
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
        """Write RocksDB's in-memory tables to disk, which also frees them."""
        self.ox.flush()
        self._unflushed = 0

    def optimize(self) -> None:
        """Compact RocksDB's files after a build: index lookups, what queries do most, get ~2x faster."""
        self.ox.optimize()

    def close(self) -> None:
        """Release the on-disk lock (pyoxigraph closes when the object is collected)."""
        self.ox = None  # type: ignore[assignment]
