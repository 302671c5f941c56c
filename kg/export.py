"""Serialise the store: streamed by pyoxigraph, one format per suffix."""

from __future__ import annotations

from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.errors import KgError
from kg.store import Store

FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}
SUFFIX_FORMAT_MAP = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nq": "nquads",
    ".nt": "ntriples",
    ".jsonld": "jsonld",
    ".json": "jsonld",
}
DATASET_FORMATS = {"trig", "nquads", "jsonld"}
PREFIXES = {
    "kg": "https://w3id.org/kg/ontology#",
    "id": "https://w3id.org/kg/id/",
    "cameo": "https://w3id.org/kg/cameo/",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "time": "http://www.w3.org/2006/time#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
}


def guess_format(path: str | Path | None, fmt: str | None) -> str:
    """The format named, or the one the output suffix implies (Turtle by default)."""
    if fmt:
        if fmt not in FORMATS:
            raise KgError("K010", what="export format", name=fmt, choices=", ".join(FORMATS))
        return fmt
    if path is None or str(path) == "-":
        return "turtle"
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIX_FORMAT_MAP:
        raise KgError(
            "K010",
            what="file suffix",
            name=suffix or str(path),
            choices=", ".join(SUFFIX_FORMAT_MAP) + " (or pass --format)",
        )
    return SUFFIX_FORMAT_MAP[suffix]


def write(store: Store, out: IO[bytes], fmt: str, *, graph: str | None = None) -> None:
    """Stream the store (or one graph) to ``out``.

    Dataset formats keep the named graphs. Triple formats write the union of the
    graphs, each triple once: an actor named in many articles is one node.
    """
    rdf_format = FORMATS[fmt]
    if fmt in DATASET_FORMATS or graph:
        if fmt in DATASET_FORMATS and not graph:
            store.dump(out, rdf_format)
        else:
            store.dump(out, rdf_format, graph=graph)
        return
    triples = store.query(
        "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
    )
    prefixes = PREFIXES if fmt == "turtle" else None
    ox.serialize(triples, out, rdf_format, prefixes=prefixes)
