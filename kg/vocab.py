# ruff: noqa: N815  (ontology terms keep their RDF camelCase names)
"""Closed namespaces: a misspelt ontology term fails at first use, not silently in the output."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/kg/"
ID = Namespace(BASE + "id/")  # instance data
CAMEO = Namespace(BASE + "cameo/")  # the SKOS concepts of ontology/event-types.ttl
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
TIME = Namespace("http://www.w3.org/2006/time#")
GEONAMES = Namespace("https://sws.geonames.org/")
WD = Namespace("http://www.wikidata.org/entity/")
ONTOLOGY_GRAPH = URIRef(BASE + "id/graph-ontology")
# Each actor's description (types, name, aliases, key, sameAs), once for all articles: see kg/mapping.py.
ACTORS_GRAPH = URIRef(BASE + "id/graph-actors")


class KG(DefinedNamespace):
    """Terms of ``ontology/kg.ttl``."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    # classes
    Article: URIRef
    Mention: URIRef
    Actor: URIRef
    Person: URIRef
    Organization: URIRef
    GovernmentBody: URIRef
    MilitaryForce: URIRef
    ArmedGroup: URIRef
    MediaOrganization: URIRef
    InternationalOrganization: URIRef
    Country: URIRef
    Location: URIRef
    Group: URIRef
    AnonymousSource: URIRef
    Role: URIRef
    Statement: URIRef
    StatementKind: URIRef
    Relay: URIRef
    Event: URIRef
    Quantity: URIRef
    Extraction: URIRef
    Modality: URIRef
    # individuals
    Direct: URIRef
    Mixed: URIRef
    Indirect: URIRef
    Asserted: URIRef
    Negated: URIRef
    Planned: URIRef
    Hypothetical: URIRef
    # actor properties
    name: URIRef
    alias: URIRef
    actorKey: URIRef
    hasRole: URIRef
    roleName: URIRef
    roleIn: URIRef
    affiliatedWith: URIRef
    partOf: URIRef
    roleOf: URIRef
    refersTo: URIRef
    inArticle: URIRef
    # statement properties
    speaker: URIRef
    speakerMention: URIRef
    cue: URIRef
    cueMention: URIRef
    stance: URIRef
    kind: URIRef
    content: URIRef
    contentText: URIRef
    relay: URIRef
    relayedBy: URIRef
    relayer: URIRef
    position: URIRef
    about: URIRef
    statementDate: URIRef
    # event properties
    eventType: URIRef
    cameoCode: URIRef
    trigger: URIRef
    mention: URIRef
    agent: URIRef
    target: URIRef
    location: URIRef
    time: URIRef
    datePrecision: URIRef
    dateValue: URIRef
    quantity: URIRef
    quantityText: URIRef
    quantityValue: URIRef
    qualifier: URIRef
    counts: URIRef
    modality: URIRef
    # provenance
    contentHash: URIRef
    modelName: URIRef
    modelVersion: URIRef
    kgVersion: URIRef
    extractor: URIRef
