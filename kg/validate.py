"""Validate a kg graph: SHACL shapes (pySHACL) and, on request, OWL 2 consistency (HermiT).

The data is the union of the article graphs of a store (or of an exported
file) plus the ontology, so that ``sh:class`` and the SPARQL constraints can
follow ``rdfs:subClassOf``. Each violation names its focus node, path, message
and the article it belongs to, so an analyst can go back to the text.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, XSD

from kg.errors import MESSAGES, OntologyError
from kg.resources import DEFAULT_STORE, ONTOLOGY_DIR
from kg.vocab import KG, NIF, ONTOLOGY_GRAPH

log = logging.getLogger(__name__)

SHAPES_FILE = "shapes.ttl"
SUMMARY_AFTER = 10  # a report with more violations ends with a count per constraint
PREFIXES = {
    "kg": str(KG._NS),
    "id": "https://w3id.org/kg/id/",
    "kgsh": "https://w3id.org/kg/ontology/shapes#",
    "cameo": "https://w3id.org/kg/cameo/",
    "nif": str(NIF),
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "time": "http://www.w3.org/2006/time#",
    "dcterms": str(DCTERMS),
    "rdf": str(RDF),
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
_SUFFIX_FORMATS = {"owl": "rdf", "json": "jsonld"}  # suffixes Oxigraph does not map itself
_UP_LINKS = (KG.inArticle, NIF.referenceContext, URIRef(PREFIXES["prov"] + "used"))


@dataclass(frozen=True)
class Violation:
    """One problem found: by a SHACL shape, or by the OWL reasoner (``shape`` is then ``OWL``)."""

    focus: str
    message: str
    path: str | None = None
    shape: str | None = None
    severity: str = "Violation"  # Violation | Warning | Info
    value: str | None = None
    articles: tuple[str, ...] = ()


@dataclass
class ValidationReport:
    """What ``kg validate`` found; ``conforms`` is False when there is any Violation."""

    source: str
    triples: int
    articles: int
    violations: list[Violation] = field(default_factory=list)
    reasoned: bool = False
    consistent: bool | None = None

    @property
    def conforms(self) -> bool:
        return not any(v.severity == "Violation" for v in self.violations)

    COLUMNS = ("severity", "shape", "focus", "path", "message", "value", "articles")

    def rows(self) -> list[list[str | None]]:
        """One row per violation (``COLUMNS``), for ``--format json|csv|tsv|table``."""
        return [
            [v.severity, v.shape, v.focus, v.path, v.message, v.value, " ".join(v.articles) or None]
            for v in sorted(self.violations, key=lambda v: (v.articles, v.shape or "", v.focus, v.path or ""))
        ]

    def lines(self) -> list[str]:
        """A readable report: one summary line, then each violation with its focus, path and article."""
        shacl = [v for v in self.violations if v.shape != "OWL"]
        errors = sum(v.severity == "Violation" for v in shacl)
        others = len(shacl) - errors
        verdict = "conforms" if not errors else f"{errors} violation{'s' * (errors != 1)}"
        if others:
            verdict += f", {others} warning{'s' * (others != 1)}"
        owl = ""
        if self.reasoned:
            owl = "; OWL 2 (HermiT): " + ("consistent" if self.consistent else "INCONSISTENT")
        articles = f"{self.articles} article{'' if self.articles == 1 else 's'}"
        out = [f"{self.source}: {self.triples} triples, {articles}; SHACL: {verdict}{owl}"]
        for v in sorted(
            self.violations,
            key=lambda v: (v.severity != "Violation", v.articles, v.shape or "", v.focus, v.path or ""),
        ):
            head = f"{v.severity}: [{v.shape or 'shape'}] {v.focus}"
            if v.path:
                head += f"  {v.path}"
            out.append(head)
            out.append(f"    {v.message}" + (f" (value: {v.value})" if v.value else ""))
            if v.articles:
                out.append(f"    article: {', '.join(v.articles)}")
        if len(self.violations) > SUMMARY_AFTER:
            counts = Counter((v.shape or "shape", v.path or "-", v.message) for v in self.violations)
            out.append(f"By constraint ({len(counts)}):")
            out += [
                f"{n:6d}  [{shape}] {path}  {message}" for (shape, path, message), n in counts.most_common()
            ]
        return out


def short(term: Any) -> str:
    """A term with the project's prefixes (``id:statement-...``, ``kg:speaker``)."""
    if isinstance(term, URIRef):
        s = str(term)
        for prefix, ns in PREFIXES.items():
            if s.startswith(ns) and "/" not in s[len(ns) :] and "#" not in s[len(ns) :]:
                return f"{prefix}:{s[len(ns) :]}"
        return f"<{s}>"
    if isinstance(term, Literal):
        text = str(term) if len(str(term)) <= 60 else str(term)[:57] + "..."
        return repr(text) + (f"^^{short(term.datatype)}" if term.datatype else "")
    if isinstance(term, BNode):
        return "_:" + str(term)[:8]
    return str(term)


# -- loading -----------------------------------------------------------------------
def load_ontology(directory: Path = ONTOLOGY_DIR) -> Graph:
    """The ontology files (every *.ttl but the shapes) as one graph."""
    files = [f for f in sorted(Path(directory).glob("*.ttl")) if f.name != SHAPES_FILE]
    if not files:
        raise OntologyError("K163", path=directory)
    graph = Graph()
    for f in files:
        try:
            graph.parse(f, format="turtle")
        except (SyntaxError, ValueError) as e:  # rdflib BadSyntax is a SyntaxError
            raise OntologyError("K050", path=f, reason=" ".join(str(e).split())[:300]) from e
    return graph


def load_shapes(directory: Path = ONTOLOGY_DIR) -> Graph:
    path = Path(directory) / SHAPES_FILE
    try:
        return Graph().parse(path, format="turtle")
    except FileNotFoundError as e:
        raise OntologyError("K163", path=directory) from e
    except (SyntaxError, ValueError) as e:  # rdflib BadSyntax is a SyntaxError
        raise OntologyError("K050", path=path, reason=" ".join(str(e).split())[:300]) from e


def _from_ox(term: Any) -> Any:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):  # rdflib tells "x" from "x"^^xsd:string; RDF 1.1 does not
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _add_quads(quads: Iterable[Any], data: Graph, where: dict[Any, set[str]]) -> None:
    """pyoxigraph quads into one rdflib graph (the ontology graph left out), noting each subject's graphs."""
    skip = str(ONTOLOGY_GRAPH)
    for q in quads:
        graph = getattr(q.graph_name, "value", "")
        if graph == skip:
            continue
        s = _from_ox(q.subject)
        data.add((s, _from_ox(q.predicate), _from_ox(q.object)))
        if graph:
            where[s].add(graph)


def load_store(store: str | Path) -> tuple[Graph, dict[Any, set[str]]]:
    """The union of a store's article graphs, and which graphs each subject appears in."""
    from kg.store import Store

    db = Store(store, read_only=True)
    data = Graph()
    where: dict[Any, set[str]] = defaultdict(set)
    _add_quads(db.ox.quads_for_pattern(None, None, None, None), data, where)
    db.close()
    return data, where


def load_file(path: str | Path) -> tuple[Graph, dict[Any, set[str]]]:
    """An exported graph in any format Oxigraph reads (by suffix); dataset formats keep their graphs."""
    import pyoxigraph as ox

    path = Path(path)
    if not path.is_file():
        raise OntologyError("K160", path=path)
    ext = path.suffix.lower().lstrip(".")
    fmt = ox.RdfFormat.from_extension(_SUFFIX_FORMATS.get(ext, ext)) if ext else None
    if fmt is None:
        raise OntologyError("K161", path=path, suffix=path.suffix)
    data = Graph()
    where: dict[Any, set[str]] = defaultdict(set)
    try:
        _add_quads(ox.parse(path=str(path), format=fmt), data, where)
    except (SyntaxError, ValueError, OSError) as e:
        raise OntologyError("K051", path=path, reason=" ".join(str(e).split())[:300]) from e
    return data, where


# -- article lookup ------------------------------------------------------------------
class _Articles:
    """Finds the article(s) a node belongs to: by its named graph, else by following links up to it."""

    def __init__(self, data: Graph, where: dict[Any, set[str]]) -> None:
        self.data = data
        self.by_graph: dict[str, str] = {}
        for art in data.subjects(RDF.type, KG.Article):
            label = str(data.value(art, DCTERMS.identifier) or short(art))
            for g in where.get(art, ()):
                self.by_graph[g] = label
        self.where = where

    def label(self, art: Any) -> str:
        return str(self.data.value(art, DCTERMS.identifier) or short(art))

    def of(self, node: Any, depth: int = 3) -> tuple[str, ...]:
        graphs = self.where.get(node)
        if graphs:
            return tuple(sorted(self.by_graph.get(g, g) for g in graphs))
        if (node, RDF.type, KG.Article) in self.data:
            return (self.label(node),)
        for link in _UP_LINKS:
            arts = sorted({self.label(a) for a in self.data.objects(node, link)})
            if arts:
                return tuple(arts)
        if depth:
            found: set[str] = set()
            for parent in self.data.subjects(None, node):
                found.update(self.of(parent, depth - 1))
            return tuple(sorted(found))
        return ()


# -- SHACL -----------------------------------------------------------------------------
@dataclass(frozen=True)
class SparqlConstraint:
    """A SHACL-SPARQL constraint of a node shape, run once for all focus nodes."""

    shape: Any
    query: str
    message: str


_TARGETS = (
    (SH.targetClass, "{{ ?this a/rdfs:subClassOf* {0} }}"),
    (SH.targetSubjectsOf, "{{ ?this {0} [] }}"),
    (SH.targetObjectsOf, "{{ [] {0} ?this }}"),
)


def split_shapes(shapes: Graph) -> tuple[Graph, list[SparqlConstraint]]:
    """The shapes without their ``sh:sparql`` constraints, and those constraints as whole-graph queries.

    pySHACL parses a SPARQL constraint's query again for every focus node (~50 ms each: hours on a
    large store), so kg runs each one once, with the shape's targets joined in, on Oxigraph. This
    is equivalent to pre-binding ``$this`` because every kg constraint binds ``$this`` in a pattern.
    """
    core = Graph()
    constraints = []
    for t in shapes:
        if t[1] != SH.sparql:
            core.add(t)
    for shape, node in shapes.subject_objects(SH.sparql):
        prefixes = "".join(
            f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
            for decl in shapes.objects(node, SH.prefixes)
            for d in shapes.objects(decl, SH.declare)
        )
        targets = " UNION ".join(
            pattern.format(f"<{o}>") for pred, pattern in _TARGETS for o in shapes.objects(shape, pred)
        )
        select = str(shapes.value(node, SH.select)).replace("$this", "?this")
        head, brace, body = select.partition("{")
        query = (
            f"PREFIX rdfs: <{RDFS}>\n{prefixes}{head}{brace} "
            f"{{ SELECT DISTINCT ?this WHERE {{ {targets} }} }} {body}"
        )
        message = str(shapes.value(node, SH.message) or "SPARQL constraint not met")
        constraints.append(SparqlConstraint(shape, query, message))
    return core, constraints


def _fill(message: str, solution: Any, names: list[str]) -> str:
    """SHACL message templates: ``{?var}`` becomes the value bound to ``?var``."""
    import pyoxigraph as ox

    for name in names:
        term = solution[name]
        if term is not None:
            text = short(_from_ox(term)) if isinstance(term, ox.NamedNode) else term.value
            message = message.replace(f"{{?{name}}}", text).replace(f"{{${name}}}", text)
    return message


def run_sparql_constraints(
    combined: Graph, constraints: list[SparqlConstraint], shapes: Graph, articles: _Articles
) -> list[Violation]:
    import pyoxigraph as ox

    from kg.store import to_ox

    db = ox.Store()
    db.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph()) for s, p, o in combined)
    found = []
    for c in constraints:
        result: Any = db.query(c.query)
        names = [v.value for v in result.variables]
        for sol in result:
            this = _from_ox(sol["this"])
            found.append(
                Violation(
                    focus=short(this),
                    message=_fill(c.message, sol, names),
                    shape=_shape_name(shapes, c.shape),
                    articles=articles.of(this),
                )
            )
    return found


def check_shapes(data: Graph, ontology: Graph, shapes: Graph, articles: _Articles) -> list[Violation]:
    """Run pySHACL (core constraints) and the SPARQL constraints over data + ontology."""
    import pyshacl

    combined = Graph()
    for t in data:
        combined.add(t)
    for t in ontology:
        combined.add(t)
    core, constraints = split_shapes(shapes)
    _conforms, results, _text = pyshacl.validate(
        combined,
        shacl_graph=core,
        inference="none",
        allow_warnings=True,
        abort_on_first=False,
    )
    found = run_sparql_constraints(combined, constraints, shapes, articles)
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        value = results.value(r, SH.value)
        severity = results.value(r, SH.resultSeverity)
        messages = sorted(str(m) for m in results.objects(r, SH.resultMessage))
        found.append(
            Violation(
                focus=short(focus),
                message=messages[0] if messages else "constraint not met",
                path=short(path) if path is not None else None,
                shape=_shape_name(shapes, results.value(r, SH.sourceShape)),
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
                value=short(value) if value is not None and value != focus else None,
                articles=articles.of(focus),
            )
        )
    return sorted(set(found), key=lambda v: (v.articles, v.focus, v.path or "", v.message))


def _shape_name(shapes: Graph, shape: Any) -> str | None:
    """The node shape a result comes from (property shapes are blank nodes inside one)."""
    if isinstance(shape, URIRef):
        return short(shape).removeprefix("kgsh:")
    parent = next(iter(shapes.subjects(SH.property, shape)), None)
    if parent is None:
        parent = next(iter(shapes.subjects(SH.sparql, shape)), None)
    return short(parent).removeprefix("kgsh:") if isinstance(parent, URIRef) else None


# -- OWL ------------------------------------------------------------------------------
def _run_hermit(graph: Graph, action: str) -> str:
    """Run HermiT as bundled with owlready2 (``-k`` consistency, ``-c`` classification); its output.

    Called directly rather than through ``owlready2.sync_reasoner_hermit``, which also classifies
    object and data properties over the individuals: ~4-10x slower on article data, and it says
    nothing more about consistency.
    """
    import subprocess

    import owlready2
    import owlready2.reasoning as reasoning

    with tempfile.NamedTemporaryFile(suffix=".nt") as tmp:
        graph.serialize(tmp.name, format="nt", encoding="utf-8")
        command = [
            owlready2.JAVA_EXE,
            f"-Xmx{owlready2.JAVA_MEMORY}M",
            "-cp",
            reasoning._HERMIT_CLASSPATH,
            "org.semanticweb.HermiT.cli.CommandLine",
            action,
            "--ignoreUnsupportedDatatypes",
            "file://" + tmp.name,
        ]
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
    output = proc.stdout + proc.stderr
    if proc.returncode != 0 and "Inconsistent ontology" not in output:
        lines = [ln for ln in output.splitlines() if ln.strip()]
        raise OntologyError("K162", reason=(lines[0] if lines else f"exit status {proc.returncode}")[:300])
    return output


def _tbox(graph: Graph) -> Graph:
    """The graph without its individuals (anything typed with a class outside RDF/RDFS/OWL)."""
    builtin = (str(RDF), str(RDFS), str(OWL))
    individuals = {s for s, o in graph.subject_objects(RDF.type) if not str(o).startswith(builtin)}
    tbox = Graph()
    for t in graph:
        if t[0] not in individuals:
            tbox.add(t)
    return tbox


def check_consistency(graphs: Iterable[Graph]) -> list[Violation]:
    """OWL 2 consistency of the given graphs together (HermiT ``-k``), then the unsatisfiable classes of
    their class axioms (``-c`` without the individuals, which classification does not need).

    Raises:
        OntologyError: K052 without Java, K162 when HermiT fails for another reason.
    """
    import owlready2

    if shutil.which(owlready2.JAVA_EXE) is None:
        raise OntologyError("K052")
    merged = Graph()
    for g in graphs:
        for t in g:
            merged.add(t)
    output = _run_hermit(merged, "-k")
    if "Inconsistent ontology" in output or "is not satisfiable" in output:
        return [
            Violation(
                focus="(the whole graph)",
                shape="OWL",
                message=MESSAGES["K053"].format(reason=explain_inconsistency(merged)),
            )
        ]
    nothing = "<http://www.w3.org/2002/07/owl#Nothing>"
    unsat = sorted(
        {
            iri
            for line in _run_hermit(_tbox(merged), "-c").splitlines()
            if line.startswith("EquivalentClasses(") and nothing in line
            for iri in re.findall(r"<([^>]+)>", line)
            if iri != nothing[1:-1]
        }
    )
    message = "This class is unsatisfiable: no individual can belong to it."
    return [Violation(focus=short(URIRef(iri)), shape="OWL", message=message) for iri in unsat]


def explain_inconsistency(graph: Graph) -> str:
    """A likely cause HermiT does not report: an individual in two disjoint classes (asserted types + told
    superclasses), or a functional property with two distinct values. Otherwise a generic hint."""
    supers: dict[Any, set[Any]] = defaultdict(set)
    for c, d in graph.subject_objects(RDFS.subClassOf):
        supers[c].add(d)

    def closure(c: Any) -> set[Any]:
        seen, todo = {c}, [c]
        while todo:
            for d in supers.get(todo.pop(), ()):
                if d not in seen:
                    seen.add(d)
                    todo.append(d)
        return seen

    disjoint: set[frozenset[Any]] = {frozenset(p) for p in graph.subject_objects(OWL.disjointWith)}
    for group in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        first = graph.value(group, OWL.members)
        members = list(Collection(graph, first)) if first is not None else []
        disjoint.update(frozenset((a, b)) for i, a in enumerate(members) for b in members[i + 1 :])
    for node in set(graph.subjects(RDF.type, None)):
        if (node, RDF.type, OWL.Class) in graph or not isinstance(node, URIRef):
            continue
        types: set[Any] = set()
        for t in graph.objects(node, RDF.type):
            types |= closure(t)
        for pair in disjoint:
            if pair <= types:
                a, b = sorted(pair)
                return f"{short(node)} is both {short(a)} and {short(b)}, which are disjoint."
    for prop in graph.subjects(RDF.type, OWL.FunctionalProperty):
        for node in set(graph.subjects(prop, None)):
            values = set(graph.objects(node, prop))
            if len(values) > 1:
                shown = ", ".join(sorted(short(v) for v in values))
                return (
                    f"{short(node)} has {len(values)} values for the functional property "
                    f"{short(prop)}: {shown}."
                )
    return "HermiT names no culprit; look for disjoint types or functional properties with two values."


# -- entry point -----------------------------------------------------------------------
def validate(
    path: str | Path | None = None,
    *,
    store: str | Path = DEFAULT_STORE,
    reason: bool = False,
    ontology_dir: str | Path = ONTOLOGY_DIR,
) -> ValidationReport:
    """Validate an exported graph file, or else the store, against ontology/shapes.ttl (and OWL with reason).

    Raises:
        OntologyError: a missing or unparsable input, or (with ``reason``) no Java.
        StoreError: the store does not exist.
    """
    directory = Path(ontology_dir)
    ontology = load_ontology(directory)
    shapes = load_shapes(directory)
    data, where = load_file(path) if path is not None else load_store(store)
    articles = _Articles(data, where)
    report = ValidationReport(
        source=str(path if path is not None else store),
        triples=len(data),
        articles=sum(1 for _ in data.subjects(RDF.type, KG.Article)),
    )
    report.violations = check_shapes(data, ontology, shapes, articles)
    if reason:
        owl = check_consistency([ontology, data])
        report.reasoned = True
        report.consistent = not any(v.message.startswith(MESSAGES["K053"][:20]) for v in owl)
        report.violations.extend(owl)
    return report
