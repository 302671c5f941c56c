"""Generate docs/ontology.md from the Turtle files, so the documentation cannot drift from the ontology.

Run with ``make docs`` (``python -m kg.ontodoc``); a test regenerates it in memory and fails when the
checked-in file differs. The diagram is Mermaid inside the Markdown: GitHub renders it, and it is
plain text, so it diffs and needs no Graphviz.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from kg.resources import ONTOLOGY_DIR, ROOT

OUTPUT = ROOT / "docs" / "ontology.md"
SHAPES = "shapes.ttl"
PREFIXES = {
    "kg": "https://w3id.org/kg/ontology#",
    "kgsh": "https://w3id.org/kg/ontology/shapes#",
    "cameo": "https://w3id.org/kg/cameo/",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "time": "http://www.w3.org/2006/time#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": str(OWL),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
KG = PREFIXES["kg"]
# The core of the diagram: the classes a reader needs to write queries.
CORE = (
    "Article",
    "Mention",
    "Actor",
    "Person",
    "Organization",
    "Location",
    "Country",
    "Group",
    "Role",
    "Statement",
    "StatementKind",
    "Relay",
    "Event",
    "Modality",
    "Quantity",
    "Extraction",
)


# Reused properties the mapping emits between core classes (their domains are not ours to declare).
REUSED_EDGES = (
    ("Extraction", "Article", "prov used"),
    ("Mention", "Article", "nif referenceContext"),
    ("Statement", "Article", "prov wasQuotedFrom"),
)
NOTES = [
    "## Modelling choices",
    "",
    "- **One node per actor, many articles.** An actor's IRI comes from its type and normalised name, so "
    "every article that names it adds to the same node. What an article says *about* an actor at that "
    "time (a title) is a `kg:Role` node with `kg:inArticle`: titles change, and the article dates them.",
    "- **Named graphs.** Each article's graph holds what the article says: its mentions, roles, "
    "affiliations, statements, events and provenance. What describes an actor whichever article names it "
    "(classes, one `kg:name`, every spelling as `kg:alias`, `kg:actorKey`, `owl:sameAs`) is written once, "
    "in the actors graph `<https://w3id.org/kg/id/graph-actors>`, so the union of graphs holds each "
    "actor's name once, not once per article. The ontology is the graph `<https://w3id.org/kg/id/graph-ontology>`.",
    "- **Statements** are attributed with `kg:speaker` (a subproperty of `prov:wasAttributedTo`) and are "
    "`prov:wasQuotedFrom` their article. The relay chain is ordered: `kg:relay` nodes with `kg:relayer` "
    "and `kg:position` (1 = nearest the article); `kg:relayedBy` is the unordered shortcut, defined as the "
    "property chain `kg:relay` ∘ `kg:relayer`.",
    "- **Events** are typed three ways, for three kinds of query: a class below `kg:Event` "
    "(`ontology/event-types.ttl`), the CAMEO concept (`kg:eventType`, SKOS) and the code as a string "
    "(`kg:cameoCode`). Participants are `kg:agent`/`kg:target` (⊑ `sem:hasActor`), places `kg:location` "
    "(⊑ `sem:hasPlace`).",
    "- **Time** follows OWL-Time: a day, month or year is a `time:Instant` positioned with "
    "`time:inXSDDate`, `time:inXSDgYearMonth` or `time:inXSDgYear` (their domain is Instant), a range is a "
    "`time:ProperInterval` with `time:hasBeginning`/`time:hasEnd`; `kg:datePrecision` and the ISO string "
    "`kg:dateValue` make filtering easy.",
    "- **Provenance.** Every span is a `kg:Mention` (a NIF string: `nif:beginIndex`, `nif:endIndex`, "
    "`nif:anchorOf`, `nif:referenceContext` → the article, whose `nif:isString` is the full text). Each "
    "article graph holds one `kg:Extraction` (a `prov:Activity`) that `prov:used` the article and "
    "`prov:wasAssociatedWith` kg and the spaCy model (`prov:SoftwareAgent`s), with versions and "
    '`prov:endedAtTime`. `kg query provenance --param item=IRI` answers "where does this come from?".',
    "- **Datatypes.** Offsets are `xsd:nonNegativeInteger` as NIF says; Oxigraph stores them as "
    "`xsd:integer`, so the shapes accept either and check the bound.",
    "",
]


def curie(term: object) -> str:
    """``kg:Statement`` for a known namespace, else ``<iri>``."""
    if isinstance(term, URIRef):
        s = str(term)
        for prefix, ns in PREFIXES.items():
            if s.startswith(ns) and s != ns:
                return f"{prefix}:{s[len(ns) :]}"
        return f"<{s}>"
    return str(term)


def _local(term: object) -> str:
    return curie(term).split(":")[-1]


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _class_expr(graph: Graph, node: object) -> str:
    """A class, or a union/oneOf of them, as text."""
    if isinstance(node, BNode):
        for prop, sep in ((OWL.unionOf, " ⊔ "), (OWL.oneOf, ", ")):
            members = graph.value(node, prop)
            if members is not None:
                inner = sep.join(f"`{curie(m)}`" for m in Collection(graph, members))
                return inner if prop == OWL.unionOf else "{" + inner + "}"
        return "(anonymous)"
    return f"`{curie(node)}`"


def _list(graph: Graph, subject: URIRef, prop: URIRef) -> str:
    return ", ".join(sorted(_class_expr(graph, o) for o in graph.objects(subject, prop)))


def _kg_terms(graph: Graph, rdf_type: URIRef) -> list[URIRef]:
    found = (s for s in graph.subjects(RDF.type, rdf_type) if isinstance(s, URIRef) and str(s).startswith(KG))
    return sorted(found, key=str)


def _characteristics(graph: Graph, prop: URIRef) -> str:
    names = {OWL.FunctionalProperty: "functional", OWL.TransitiveProperty: "transitive"}
    out = [n for t, n in names.items() if (prop, RDF.type, t) in graph]
    for inv in graph.objects(prop, OWL.inverseOf):
        out.append(f"inverse of `{curie(inv)}`")
    for chain in graph.objects(prop, OWL.propertyChainAxiom):
        out.append("chain " + " ∘ ".join(f"`{curie(p)}`" for p in Collection(graph, chain)))
    return "; ".join(out)


def _classes_section(graph: Graph, classes: list[URIRef]) -> list[str]:
    out = ["| Class | Label | Subclass of (alignment) | Comment |", "|---|---|---|---|"]
    for c in classes:
        supers = _list(graph, c, RDFS.subClassOf) or "—"
        equiv = _list(graph, c, OWL.equivalentClass)
        if equiv:
            supers += f"; ≡ {equiv}"
        disjoint = _list(graph, c, OWL.disjointWith)
        if disjoint:
            supers += f"; disjoint with {disjoint}"
        out.append(
            f"| `{curie(c)}` | {_cell(graph.value(c, RDFS.label))} | {supers} | "
            f"{_cell(graph.value(c, RDFS.comment))} |"
        )
    return out


def _properties_section(graph: Graph, props: list[URIRef]) -> list[str]:
    out = [
        "| Property | Label | Domain | Range | Subproperty of (alignment) | Characteristics | Comment |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in props:
        out.append(
            f"| `{curie(p)}` | {_cell(graph.value(p, RDFS.label))} | {_list(graph, p, RDFS.domain) or '—'} | "
            f"{_list(graph, p, RDFS.range) or '—'} | {_list(graph, p, RDFS.subPropertyOf) or '—'} | "
            f"{_characteristics(graph, p) or '—'} | {_cell(graph.value(p, RDFS.comment))} |"
        )
    return out


def _mermaid(graph: Graph) -> list[str]:
    """The core classes, their datatype properties, the object properties between them, and subclassing."""
    core = {URIRef(KG + n) for n in CORE}
    name = {c: str(c)[len(KG) :] for c in core}
    extra = {
        URIRef(PREFIXES["time"] + "TemporalEntity"): "TemporalEntity",
        URIRef(PREFIXES["skos"] + "Concept"): "Concept",
    }
    nodes = {**name, **extra}

    def ends(node: Any) -> list[Any]:
        if isinstance(node, BNode):
            members = graph.value(node, OWL.unionOf)
            return list(Collection(graph, members)) if members is not None else []
        return [node] if node in nodes else []

    lines = ["```mermaid", "classDiagram", "    direction LR"]
    for c in sorted(core, key=str):
        attrs = sorted(
            f"        {str(p)[len(KG) :]} : {_local(graph.value(p, RDFS.range) or RDFS.Literal)}"
            for p in _kg_terms(graph, OWL.DatatypeProperty)
            if c in ends(graph.value(p, RDFS.domain))
        )
        lines += [f"    class {name[c]} {{", *attrs, "    }"] if attrs else [f"    class {name[c]}"]
    edges = set()
    for p in _kg_terms(graph, OWL.ObjectProperty):
        for d in ends(graph.value(p, RDFS.domain)):
            for r in ends(graph.value(p, RDFS.range)):
                edges.add(f"    {nodes[d]} --> {nodes[r]} : {str(p)[len(KG) :]}")
    for left, right, label in REUSED_EDGES:
        edges.add(f"    {left} --> {right} : {label}")
    for c in core:
        for sup in graph.objects(c, RDFS.subClassOf):
            if sup in core:
                edges.add(f"    {name[sup]} <|-- {name[c]}")  # type: ignore[index]
    return [*lines, *sorted(edges), "```"]


def _event_classes(graph: Graph, files: list[str]) -> list[str]:
    event = URIRef(KG + "Event")
    classes = sorted((c for c in graph.subjects(RDFS.subClassOf, event) if isinstance(c, URIRef)), key=str)
    if not classes:
        return []
    out = [
        "## Event classes",
        "",
        f"Declared in {', '.join(f'`ontology/{f}`' for f in files if f != 'kg.ttl')}: subclasses of "
        "`kg:Event`, each tied to a CAMEO concept of the SKOS scheme.",
        "",
        "| Class | Label | Related CAMEO concepts | Comment |",
        "|---|---|---|---|",
    ]
    for c in classes:
        related = sorted(
            {
                curie(o)
                for p, o in graph.predicate_objects(c)
                if isinstance(o, URIRef) and str(o).startswith(PREFIXES["cameo"])
            }
        )
        out.append(
            f"| `{curie(c)}` | {_cell(graph.value(c, RDFS.label) or '')} | "
            f"{', '.join(f'`{r}`' for r in related) or '—'} | "
            f"{_cell(graph.value(c, RDFS.comment) or graph.value(c, SKOS.definition) or '')} |"
        )
    concepts = len(set(graph.subjects(RDF.type, SKOS.Concept)))
    if concepts:
        out += ["", f"The SKOS scheme holds {concepts} CAMEO concepts (`cameo:<code>`)."]
    return [*out, ""]


def _shapes_section(shapes: Graph) -> list[str]:
    out = [
        "## SHACL shapes (`ontology/shapes.ttl`)",
        "",
        "`kg validate` checks these over the union of the article graphs plus the ontology.",
        "",
        "| Shape | Targets | Constraints |",
        "|---|---|---|",
    ]
    targets = (
        (SH.targetClass, "class"),
        (SH.targetSubjectsOf, "subjects of"),
        (SH.targetObjectsOf, "objects of"),
    )
    node_shapes = (s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef))
    for shape in sorted(node_shapes, key=str):
        tgt = "; ".join(
            f"{label} " + ", ".join(sorted(f"`{curie(o)}`" for o in shapes.objects(shape, p)))
            for p, label in targets
            if (shape, p, None) in shapes
        )
        rules = []
        for ps in shapes.objects(shape, SH.property):
            rules.append(_cell(shapes.value(ps, SH.message) or curie(shapes.value(ps, SH.path))))
        for node in shapes.objects(shape, SH.sparql):
            rules.append("SPARQL: " + _cell(shapes.value(node, SH.message)))
        msg = shapes.value(shape, SH.message)
        if msg is not None:
            rules.append(_cell(msg))
        out.append(f"| `{curie(shape)}` | {tgt or '—'} | {'<br>'.join(sorted(rules))} |")
    return [*out, ""]


def render_markdown(directory: Path = ONTOLOGY_DIR) -> str:
    """The whole of docs/ontology.md, from the Turtle files in ``directory``."""
    files = sorted(f.name for f in Path(directory).glob("*.ttl") if f.name != SHAPES)
    graph = Graph()
    for f in files:
        graph.parse(Path(directory) / f, format="turtle")
    shapes = Graph().parse(Path(directory) / SHAPES, format="turtle")
    onto = URIRef("https://w3id.org/kg/ontology")
    event_classes = set(graph.subjects(RDFS.subClassOf, URIRef(KG + "Event")))
    classes = [c for c in _kg_terms(graph, OWL.Class) if c not in event_classes]
    individuals = _kg_terms(graph, OWL.NamedIndividual)
    reused = sorted(
        {
            curie(s)
            for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
            for s in graph.subjects(RDF.type, t)
            if isinstance(s, URIRef) and not str(s).startswith(("https://w3id.org/kg/",))
        }
    )
    out = [
        "# The kg ontology",
        "",
        "<!-- Generated from ontology/*.ttl by `make docs` (python -m kg.ontodoc). Do not edit by hand. -->",
        "",
        f"`{onto}` (version {graph.value(onto, OWL.versionInfo)}): {_cell(graph.value(onto, RDFS.comment))}",
        "",
        f"Files: {', '.join(f'`ontology/{f}`' for f in files)} (OWL 2 DL) and `ontology/{SHAPES}` (SHACL). "
        "Instance IRIs live under `https://w3id.org/kg/id/`.",
        "",
        "| Prefix | Namespace |",
        "|---|---|",
        *[f"| `{p}:` | `{ns}` |" for p, ns in PREFIXES.items()],
        "",
        *NOTES,
        "## The core at a glance",
        "",
        *_mermaid(graph),
        "",
        "## Classes",
        "",
        *_classes_section(graph, classes),
        "",
        "## Object properties",
        "",
        *_properties_section(graph, _kg_terms(graph, OWL.ObjectProperty)),
        "",
        "## Datatype properties",
        "",
        *_properties_section(graph, _kg_terms(graph, OWL.DatatypeProperty)),
        "",
        "## Individuals",
        "",
        "| Individual | Type | Label | Comment |",
        "|---|---|---|---|",
        *[
            f"| `{curie(i)}` | {_list(graph, i, RDF.type).replace('`owl:NamedIndividual`, ', '')} | "
            f"{_cell(graph.value(i, RDFS.label))} | {_cell(graph.value(i, RDFS.comment))} |"
            for i in individuals
        ],
        "",
        *_event_classes(graph, files),
        *_shapes_section(shapes),
        "## Reused terms",
        "",
        "Declared (not imported) so that OWL 2 DL tools accept the files: "
        + ", ".join(f"`{r}`" for r in reused)
        + ".",
        "",
    ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Write docs/ontology.md (or the path given)."""
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else OUTPUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_markdown(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
