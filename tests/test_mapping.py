"""The mapping: deterministic IRIs, OWL-Time, PROV-O, and output that conforms to the shapes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import rdflib.namespace as rns
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS

from kg.mapping import actor_iri, article_iri, graph_iri, map_extraction, slug
from kg.model import Actor, Article, Event, Extraction, Quantity, Span, Statement
from kg.vocab import ID, KG, NIF, TIME

from .conftest import EXAMPLES as EXAMPLES_DIR

TEXT = (
    "Port officials in Valmora said on Monday that the dock strike had ended.\n"
    '"We reopened all berths," harbour master Ines Carvalho told the Coastal Gazette, according to Reuters.\n'
    "Police arrested more than 30 protesters near the harbour from March 3 to March 5.\n"
)


def span(text: str, nth: int = 0) -> Span:
    """The span of the nth occurrence of ``text`` in TEXT."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return Span(start, start + len(text))


def sample_extraction(article_id: str = "valmora-port") -> Extraction:
    """A hand-built extraction that uses every part of the model (roles, relays, time, quantity)."""
    article = Article(
        id=article_id,
        text=TEXT,
        date="2025-03-10",
        title="Valmora dock strike ends",
        url="https://example.org/valmora",
    )
    actors = (
        Actor(
            "a1", "Valmora", "Location", "location-valmora", aliases=("Valmora",), mentions=(span("Valmora"),)
        ),
        Actor(
            "a2",
            "Port officials",
            "Group",
            "group-port-officials",
            anonymous=True,
            mentions=(span("Port officials"),),
        ),
        Actor(
            "a3",
            "Ines Carvalho",
            "Person",
            "person-ines-carvalho",
            aliases=("Ines Carvalho",),
            mentions=(span("Ines Carvalho"),),
            roles=("harbour master",),
            affiliation="a1",
        ),
        Actor(
            "a4",
            "Coastal Gazette",
            "Organization",
            "organization-coastal-gazette",
            subtype="MediaOrganization",
            mentions=(span("Coastal Gazette"),),
        ),
        Actor(
            "a5",
            "Reuters",
            "Organization",
            "organization-reuters",
            subtype="MediaOrganization",
            mentions=(span("Reuters"),),
        ),
        Actor(
            "a6",
            "Police",
            "Organization",
            "organization-police",
            subtype="GovernmentBody",
            mentions=(span("Police"),),
        ),
    )
    statements = (
        Statement(
            "s1",
            "a2",
            "said",
            span("the dock strike had ended"),
            "indirect",
            cue_span=span("said"),
            speaker_mention=span("Port officials"),
            date="2025-03-10",
        ),
        Statement(
            "s2",
            "a3",
            "told",
            span("We reopened all berths"),
            "direct",
            cue_span=span("told"),
            speaker_mention=span("Ines Carvalho"),
            reported_by=("a4", "a5"),
            date="2025-03",
        ),
    )
    events = (
        Event(
            "e1",
            "Arrest",
            "173",
            span("arrested"),
            agent=("a6",),
            location=("a1",),
            date="2025-03-03/2025-03-05",
            quantity=Quantity("more than 30", 30, "more than", "protesters"),
        ),
        Event("e2", "Strike", "143", span("strike"), location=("a1",), date="2025", modality="asserted"),
    )
    return Extraction(
        article,
        actors,
        statements,
        events,
        model="en_core_web_sm@3.8.0",
        extractors=("actors.v4", "statements.v6", "events.v5"),
    )


SAMPLE_EVENT_TYPES = ("Arrest", "Strike")


def declare_sample_event_types(ontology: Graph) -> Graph:
    """The sample's event classes, when ontology/event-types.ttl does not declare them (its own tests do)."""
    for name in SAMPLE_EVENT_TYPES:
        cls = URIRef(str(KG._NS) + name)
        if (cls, RDF.type, OWL.Class) not in ontology:
            ontology.add((cls, RDF.type, OWL.Class))
            ontology.add((cls, RDFS.subClassOf, KG.Event))
    return ontology


def sample_graph(article_id: str = "valmora-port") -> Graph:
    graph = Graph()
    for t in map_extraction(sample_extraction(article_id)):
        graph.add(t)
    return graph


def test_iris_are_deterministic_and_slash_free() -> None:
    ex = sample_extraction()
    assert article_iri(ex.article) == ID["article-valmora-port"]
    assert graph_iri(ex.article) == ID["graph-valmora-port"]
    assert actor_iri(ex.actors[2]) == ID["actor-person-ines-carvalho"]
    for s, _p, o in map_extraction(ex):
        for term in (s, o):
            if isinstance(term, URIRef) and str(term).startswith(str(ID)):
                assert "/" not in str(term)[len(str(ID)) :]
    assert slug("Erdoğan / Ankara") == "erdogan-ankara"


def test_same_graph_on_every_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1741600000")
    assert map_extraction(sample_extraction()) == map_extraction(sample_extraction())


def test_times_follow_owl_time() -> None:
    g = sample_graph()
    arrest = next(g.subjects(KG.cameoCode, Literal("173")))
    interval = g.value(arrest, KG.time)
    assert (interval, RDF.type, TIME.ProperInterval) in g
    assert g.value(interval, KG.datePrecision) == Literal("interval")
    begin, end = g.value(interval, TIME.hasBeginning), g.value(interval, TIME.hasEnd)
    assert (begin, RDF.type, TIME.Instant) in g and (end, RDF.type, TIME.Instant) in g
    assert g.value(begin, TIME.inXSDDate) == Literal("2025-03-03", datatype=rns.XSD.date)
    strike = next(g.subjects(KG.cameoCode, Literal("143")))
    year = g.value(strike, KG.time)
    # a year is an Instant positioned with xsd:gYear (time:inXSDgYear has domain time:Instant)
    assert (year, RDF.type, TIME.Instant) in g
    assert g.value(year, TIME.inXSDgYear) == Literal("2025", datatype=rns.XSD.gYear)
    assert g.value(year, KG.datePrecision) == Literal("year")


def test_statement_provenance_and_relays() -> None:
    g = sample_graph()
    told = next(g.subjects(KG.cue, Literal("told")))
    art = ID["article-valmora-port"]
    assert g.value(told, PROV.wasQuotedFrom) == art
    assert g.value(told, KG.inArticle) == art
    assert g.value(told, KG.statementDate) == Literal("2025-03", datatype=rns.XSD.gYearMonth)
    relays = sorted(
        (int(str(g.value(r, KG.position))), g.value(r, KG.relayer)) for r in g.objects(told, KG.relay)
    )
    assert relays == [(1, ID["actor-organization-coastal-gazette"]), (2, ID["actor-organization-reuters"])]
    content = g.value(told, KG.content)
    assert str(g.value(content, NIF.anchorOf)) == "We reopened all berths"
    begin, end = int(str(g.value(content, NIF.beginIndex))), int(str(g.value(content, NIF.endIndex)))
    assert TEXT[begin:end] == "We reopened all berths"


def test_extraction_activity_names_kg_and_the_model() -> None:
    g = sample_graph()
    act = next(g.subjects(RDF.type, KG.Extraction))
    assert g.value(act, PROV.used) == ID["article-valmora-port"]
    assert g.value(ID["graph-valmora-port"], PROV.wasGeneratedBy) == act
    assert g.value(act, KG.modelName) == Literal("en_core_web_sm")
    assert g.value(act, KG.modelVersion) == Literal("3.8.0")
    agents = set(g.objects(act, PROV.wasAssociatedWith))
    assert ID["software-en-core-web-sm-3-8-0"] in agents
    assert all((a, RDF.type, PROV.SoftwareAgent) in g for a in agents)
    ended: Any = g.value(act, PROV.endedAtTime)
    assert ended.datatype == rns.XSD.dateTime


def test_roles_are_scoped_by_article() -> None:
    g = sample_graph()
    person = ID["actor-person-ines-carvalho"]
    role = g.value(person, KG.hasRole)
    assert (role, RDF.type, KG.Role) in g
    assert g.value(role, KG.roleName) == Literal("harbour master")
    assert g.value(role, KG.roleIn) == ID["actor-location-valmora"]
    assert g.value(role, KG.inArticle) == ID["article-valmora-port"]
    assert (ID["actor-organization-reuters"], RDF.type, KG.MediaOrganization) in g
    assert (ID["actor-group-port-officials"], RDF.type, KG.AnonymousSource) in g


def test_full_mapping_output_conforms_and_is_consistent() -> None:
    """Every feature of the model maps to a graph the shapes accept and HermiT finds consistent."""
    from kg.validate import _Articles, check_consistency, check_shapes, load_ontology, load_shapes

    data = sample_graph()
    ontology = declare_sample_event_types(load_ontology())
    violations = check_shapes(data, ontology, load_shapes(), _Articles(data, {}))
    assert [v for v in violations if v.message] == [], violations
    assert check_consistency([ontology, data]) == []


def test_provenance_query_traces_a_statement_and_an_event(built_store: Path) -> None:
    """queries/provenance.rq: article, span, quoted text and the producing activity of any item."""
    import pyoxigraph as ox

    from kg import api
    from kg.model import Article as _Article

    db = ox.Store.read_only(str(built_store))

    def first(s: Any, p: URIRef) -> Any:
        return next(iter(db.quads_for_pattern(s, ox.NamedNode(str(p)), None, None)))

    for prop, kind in ((KG.content, "statement"), (KG.trigger, "event")):
        quad: Any = first(None, prop)
        item, span_node, graph = quad.subject, quad.object, quad.graph_name
        begin = int(first(span_node, NIF.beginIndex).object.value)
        end = int(first(span_node, NIF.endIndex).object.value)
        result = api.query("provenance", store=built_store, params={"item": item.value})
        assert len(result.rows) == 1
        row = dict(zip(result.columns, result.rows[0], strict=True))
        article_id = str(row["article"])
        text = next(p for p in EXAMPLES_DIR.glob("*.txt") if p.stem == article_id).read_text(encoding="utf-8")
        assert row["type"] == kind and row["graph"] == graph.value
        assert (int(str(row["begin"])), int(str(row["end"]))) == (begin, end)
        assert row["text"] == text[begin:end]
        assert row["activity"] == str(ID["extraction-" + slug(_Article(article_id, text).id)])
        assert row["kgVersion"] and row["model"] and row["time"]
