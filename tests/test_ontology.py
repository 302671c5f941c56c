"""The ontology: OWL 2 DL declarations, labels and comments, loads cleanly, consistent, covers the data."""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from kg.resources import ONTOLOGY_DIR
from kg.validate import SHAPES_FILE, check_consistency, load_ontology
from kg.vocab import KG, ONTOLOGY_GRAPH

from .test_mapping import sample_graph

NS = str(KG._NS)
ONTOLOGY_FILES = [f for f in sorted(ONTOLOGY_DIR.glob("*.ttl")) if f.name != SHAPES_FILE]
BUILTIN = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2002/07/owl#",
    "http://www.w3.org/2001/XMLSchema#",
)
ENTITY_TYPES = {
    OWL.Class: "class",
    OWL.ObjectProperty: "object",
    OWL.DatatypeProperty: "datatype",
    OWL.AnnotationProperty: "annotation",
    RDFS.Datatype: "datatype-def",
}
# Built-in vocabulary the data may use without a declaration (OWL 2 DL reserves these).
BUILTIN_DATA_TERMS = {RDF.type, RDFS.label, RDFS.comment, OWL.sameAs}


def kinds(graph: Graph) -> dict[Any, set[str]]:
    """IRI -> the OWL entity kinds it is declared as."""
    out: dict[Any, set[str]] = {}
    for t, kind in ENTITY_TYPES.items():
        for s in graph.subjects(RDF.type, t):
            if isinstance(s, URIRef):
                out.setdefault(s, set()).add(kind)
    return out


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


def test_ontology_parses_in_rdflib_without_warnings(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING), warnings.catch_warnings():
        warnings.simplefilter("error")
        for f in [*ONTOLOGY_FILES, ONTOLOGY_DIR / SHAPES_FILE]:
            assert len(Graph().parse(f, format="turtle")) > 0
    assert caplog.records == []


def test_ontology_loads_in_owlready2_without_warnings(
    ontology: Graph, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import owlready2

    nt = tmp_path / "ontology.nt"
    ontology.serialize(nt, format="nt", encoding="utf-8")
    world = owlready2.World()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        onto = world.get_ontology(f"file://{nt}").load(format="ntriples")
    assert capsys.readouterr().err == ""
    assert onto.search_one(iri=NS + "Statement") is not None
    assert world[NS + "speaker"] in list(world.object_properties())
    assert world[NS + "contentText"] in list(world.data_properties())


def test_ontology_is_consistent_with_no_unsatisfiable_class(ontology: Graph) -> None:
    assert check_consistency([ontology]) == []


def test_every_kg_term_has_a_label_and_a_comment(ontology: Graph) -> None:
    terms = {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef) and str(s).startswith(NS)}
    assert len(terms) > 60
    missing = sorted(
        f"{t} lacks {p.fragment}"
        for t in terms
        for p in (RDFS.label, RDFS.comment)
        if ontology.value(t, p) is None
    )
    assert missing == []


def test_owl2_dl_declarations(ontology: Graph) -> None:
    """Every IRI the axioms use is declared once, as one kind of entity (no property punning)."""
    declared = kinds(ontology)
    props = {"object", "datatype", "annotation"}
    clashes = sorted(
        f"{iri}: {sorted(k)}"
        for iri, k in declared.items()
        if len(k & props) > 1 or len(k & {"class", "datatype-def"}) > 1
    )
    assert clashes == []
    problems = []
    for s, p, o in ontology:
        if not str(p).startswith(BUILTIN) and not (props & declared.get(p, set())):
            problems.append(f"undeclared property {p}")
        class_refs = []
        if p in (RDFS.subClassOf, OWL.disjointWith, OWL.equivalentClass):
            class_refs = [s, o]
        elif p == RDF.type and not str(o).startswith(BUILTIN):
            class_refs = [o]
        elif p == RDFS.domain:
            class_refs = [o]
        elif p == RDFS.range and "object" in declared.get(s, set()):
            class_refs = [o]
        elif p in (OWL.unionOf, OWL.members) and isinstance(o, BNode):
            class_refs = list(Collection(ontology, o))
        for c in class_refs:
            if isinstance(c, URIRef) and "class" not in declared.get(c, set()):
                problems.append(f"{c} is used as a class (with {p}) but not declared")
    assert sorted(set(problems)) == []


def test_closed_namespace_matches_the_ontology(ontology: Graph) -> None:
    """kg.vocab.KG and ontology/kg.ttl declare the same terms (misspellings fail at import, not in output)."""
    in_ttl = {
        str(s)[len(NS) :]
        for s in Graph().parse(ONTOLOGY_DIR / "kg.ttl").subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(NS)
    }
    in_vocab = set(KG.__annotations__)
    assert in_vocab - in_ttl == set(), "in kg/vocab.py but not declared in ontology/kg.ttl"
    assert in_ttl - in_vocab == set(), "declared in ontology/kg.ttl but missing from kg/vocab.py"


def used_terms(graph: Graph) -> tuple[set[Any], set[Any]]:
    """The predicates and the classes (objects of rdf:type) a data graph uses."""
    return {p for p in graph.predicates()}, {o for o in graph.objects(None, RDF.type)}


def undeclared(ontology: Graph, predicates: set[URIRef], classes: set[URIRef]) -> list[str]:
    declared = kinds(ontology)
    out = [
        f"property {p}"
        for p in predicates - BUILTIN_DATA_TERMS
        if not ({"object", "datatype", "annotation"} & declared.get(p, set()))
    ]
    out += [f"class {c}" for c in classes if "class" not in declared.get(c, set())]
    return sorted(out)


def test_terms_of_a_built_store_are_declared(ontology: Graph, built_store: Path) -> None:
    """Derived from the data, not a list: every predicate and class in the built article graphs."""
    db = ox.Store.read_only(str(built_store))
    skip = ox.NamedNode(str(ONTOLOGY_GRAPH))
    predicates, classes = set(), set()
    q: Any
    for q in db.quads_for_pattern(None, None, None, None):
        if q.graph_name == skip:
            continue
        predicates.add(URIRef(q.predicate.value))
        if q.predicate.value == str(RDF.type):
            classes.add(URIRef(q.object.value))
    assert len(predicates) > 30
    assert undeclared(ontology, predicates, classes) == []


def test_terms_of_the_full_mapping_are_declared(ontology: Graph) -> None:
    """The hand-built sample uses every part of the model; its event types come from event-types.ttl."""
    predicates, classes = used_terms(sample_graph())
    event_classes = {c for c in classes if str(c) in (NS + "Arrest", NS + "Strike")}
    assert undeclared(ontology, predicates, classes - event_classes) == []


def test_docs_are_generated_from_the_current_ontology() -> None:
    """docs/ontology.md must be what `make docs` writes now; regenerate it when the Turtle changes."""
    from kg.ontodoc import OUTPUT, render_markdown

    current = render_markdown()
    assert OUTPUT.read_text(encoding="utf-8") == current, "docs/ontology.md is stale: run `make docs`"
    for term in ("kg:Statement", "kg:speaker", "kg:contentText", "kgsh:StatementShape", "```mermaid"):
        assert term in current


def test_shapes_are_valid_shacl() -> None:
    """The shapes graph itself conforms to SHACL's own shapes (pySHACL's meta-SHACL check)."""
    import pyshacl

    from kg.validate import load_shapes, split_shapes

    shapes = load_shapes()
    conforms, _graph, text = pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text
    _core, constraints = split_shapes(shapes)
    assert len(constraints) >= 5  # each runs once over the whole graph: see kg.validate.split_shapes
    for c in constraints:
        assert "?this" in c.query and "$this" not in c.query


def test_shapes_only_name_declared_terms(ontology: Graph) -> None:
    """A typo in shapes.ttl (a path or class the ontology lacks) would make a shape silently vacuous."""
    from rdflib.namespace import SH

    from kg.validate import load_shapes

    shapes = load_shapes()
    declared = kinds(ontology)
    props = {p for p in shapes.objects(None, SH.path)} | set(shapes.objects(None, SH.targetSubjectsOf))
    props |= set(shapes.objects(None, SH.targetObjectsOf))
    classes = set(shapes.objects(None, SH.targetClass)) | set(shapes.objects(None, SH["class"]))
    assert len(props) > 40 and len(classes) > 10
    bad = [f"property {p}" for p in props if not str(p).startswith(BUILTIN[:2]) and not declared.get(p)]
    bad += [f"class {c}" for c in classes if "class" not in declared.get(c, set())]
    assert sorted(bad) == []
