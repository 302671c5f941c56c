"""Records to RDF: a pure function from an ``Extraction`` to triples.

IRIs are deterministic: the article IRI from its id, statement/event/mention
IRIs from the article and character offsets, actor IRIs from the actor's
cross-article key, so rebuilding an article yields the same graph and a
thousand articles share one node per actor.

What an article says goes in the article's own named graph; what describes an
actor (its classes, name, aliases, key, ``owl:sameAs``) goes once in the shared
actors graph. Written per article, an actor named in 2,000 articles had its name
2,000 times in the union of graphs, and every join on it grew with the square of
that (issue 8). The store merges the actors graph (``kg.store``).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD

from kg import __version__
from kg.model import Actor, Article, Event, Extraction, Span, Statement
from kg.vocab import CAMEO, GEONAMES, ID, KG, NIF, SCHEMA, TIME, WD

Triple = tuple[URIRef, URIRef, URIRef | Literal]

ACTOR_CLASSES = {
    "Person": KG.Person,
    "Organization": KG.Organization,
    "Country": KG.Country,
    "Location": KG.Location,
    "Group": KG.Group,
}
KINDS = {"direct": KG.Direct, "mixed": KG.Mixed, "indirect": KG.Indirect}
MODALITIES = {
    "asserted": KG.Asserted,
    "negated": KG.Negated,
    "planned": KG.Planned,
    "hypothetical": KG.Hypothetical,
}
SOFTWARE = ID["software-kg-" + __version__.replace(".", "-")]


def slug(value: str) -> str:
    """A lower-case IRI segment without '/', stable for the same input.

    >>> slug("Turkey/Israel talks, 2025")
    'turkey-israel-talks-2025'
    """
    s = unicodedata.normalize("NFKD", value)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "x"


def article_iri(article: Article) -> URIRef:
    return ID["article-" + slug(article.id)]


def graph_iri(article: Article) -> URIRef:
    """The named graph that holds everything extracted from one article."""
    return ID["graph-" + slug(article.id)]


def actor_iri(actor: Actor) -> URIRef:
    return ID["actor-" + slug(actor.key)]


def span_iri(article: Article, span: Span) -> URIRef:
    return ID[f"mention-{slug(article.id)}-{span.start}-{span.end}"]


def statement_iri(article: Article, st: Statement) -> URIRef:
    return ID[f"statement-{slug(article.id)}-{st.content.start}-{st.content.end}"]


def event_iri(article: Article, ev: Event) -> URIRef:
    return ID[f"event-{slug(article.id)}-{ev.trigger.start}-{ev.trigger.end}"]


def event_class(type_: str) -> URIRef:
    """The ontology class of an event type (declared in ontology/kg.ttl; checked by a test)."""
    return URIRef(str(KG._NS) + type_)


def _now() -> Literal:
    # SOURCE_DATE_EPOCH makes builds reproducible (https://reproducible-builds.org/specs/source-date-epoch/)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return Literal(when.replace(microsecond=0).isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)


def _date_literal(value: str) -> Literal:
    """An ISO date of any precision as the matching XSD type."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD.gYear)
    return Literal(value)


class _Mapper:
    def __init__(self, ex: Extraction) -> None:
        self.ex = ex
        self.article = ex.article
        self.a_iri = article_iri(ex.article)
        self.actor_iris = {a.id: actor_iri(a) for a in ex.actors}
        self.seen_spans: set[Span] = set()

    def span(self, span: Span) -> Iterator[Triple]:
        iri = span_iri(self.article, span)
        if span in self.seen_spans:
            return
        self.seen_spans.add(span)
        yield iri, RDF.type, KG.Mention
        yield iri, NIF.referenceContext, self.a_iri
        yield iri, NIF.beginIndex, Literal(span.start, datatype=XSD.nonNegativeInteger)
        yield iri, NIF.endIndex, Literal(span.end, datatype=XSD.nonNegativeInteger)
        yield iri, NIF.anchorOf, Literal(span.text(self.article.text))

    def article_triples(self) -> Iterator[Triple]:
        art, a = self.a_iri, self.article
        yield art, RDF.type, KG.Article
        yield art, DCTERMS.identifier, Literal(a.id)
        yield art, NIF.isString, Literal(a.text)
        yield art, KG.contentHash, Literal(a.content_hash)
        if a.date:
            yield art, SCHEMA.datePublished, Literal(a.date, datatype=XSD.date)
        if a.title:
            yield art, SCHEMA.headline, Literal(a.title)
        if a.url:
            yield art, SCHEMA.url, Literal(a.url, datatype=XSD.anyURI)
        act = ID[f"extraction-{slug(a.id)}"]
        graph = graph_iri(a)
        yield graph, RDF.type, PROV.Entity
        yield graph, PROV.wasGeneratedBy, act
        yield act, RDF.type, KG.Extraction
        yield act, PROV.used, art
        yield act, PROV.wasAssociatedWith, SOFTWARE
        yield act, PROV.endedAtTime, _now()
        yield act, KG.kgVersion, Literal(__version__)
        if self.ex.model:
            name, _, version = self.ex.model.partition("@")
            yield act, KG.modelName, Literal(name)
            if version:
                yield act, KG.modelVersion, Literal(version)
            model = ID["software-" + slug(self.ex.model)]
            yield act, PROV.wasAssociatedWith, model
            yield model, RDF.type, PROV.SoftwareAgent
            yield model, RDFS.label, Literal(self.ex.model.replace("@", " "))
        for name in self.ex.extractors:
            yield act, KG.extractor, Literal(name)
        yield SOFTWARE, RDF.type, PROV.SoftwareAgent
        yield SOFTWARE, RDFS.label, Literal(f"kg {__version__}")

    def actor_description(self, actor: Actor) -> Iterator[Triple]:
        """What describes the actor whichever article names it: for the shared actors graph."""
        iri = self.actor_iris[actor.id]
        yield iri, RDF.type, ACTOR_CLASSES[actor.type]
        if actor.subtype:
            yield iri, RDF.type, URIRef(str(KG._NS) + actor.subtype)
        if actor.anonymous:
            yield iri, RDF.type, KG.AnonymousSource
        yield iri, KG.name, Literal(actor.name)
        yield iri, RDFS.label, Literal(actor.name)
        yield iri, KG.actorKey, Literal(actor.key)
        for alias in dict.fromkeys((actor.name, *actor.aliases)):  # the name too: it may lose to another
            yield iri, KG.alias, Literal(alias)
        if actor.geonames_id:
            yield iri, OWL.sameAs, GEONAMES[f"{actor.geonames_id}/"]
        if actor.wikidata_id:
            yield iri, OWL.sameAs, WD[actor.wikidata_id]

    def actor_triples(self, actor: Actor) -> Iterator[Triple]:
        """What this article says about the actor: affiliation, roles, mentions."""
        iri = self.actor_iris[actor.id]
        aff = self.actor_iris.get(actor.affiliation or "")
        if aff is not None:
            yield iri, KG.affiliatedWith, aff
        for n, role in enumerate(actor.roles, 1):
            r = ID[f"role-{slug(self.article.id)}-{slug(actor.key)}-{n}"]
            yield iri, KG.hasRole, r
            yield r, RDF.type, KG.Role
            yield r, KG.roleName, Literal(role)
            yield r, RDFS.label, Literal(role)
            if aff is not None:
                yield r, KG.roleIn, aff
            yield r, KG.inArticle, self.a_iri
        for span in actor.mentions:
            yield from self.span(span)
            yield span_iri(self.article, span), KG.refersTo, iri

    def statement_triples(self, st: Statement) -> Iterator[Triple]:
        iri = statement_iri(self.article, st)
        yield iri, RDF.type, KG.Statement
        yield iri, KG.inArticle, self.a_iri
        yield iri, KG.kind, KINDS[st.kind]
        yield iri, KG.cue, Literal(st.cue)
        yield iri, KG.stance, Literal(st.stance)
        yield from self.span(st.content)
        yield iri, KG.content, span_iri(self.article, st.content)
        yield iri, KG.contentText, Literal(st.content.text(self.article.text))
        yield iri, PROV.wasQuotedFrom, self.a_iri
        if st.speaker in self.actor_iris:
            yield iri, KG.speaker, self.actor_iris[st.speaker]
        if st.speaker_mention:
            yield from self.span(st.speaker_mention)
            yield iri, KG.speakerMention, span_iri(self.article, st.speaker_mention)
        if st.cue_span:
            yield from self.span(st.cue_span)
            yield iri, KG.cueMention, span_iri(self.article, st.cue_span)
        for n, relayer in enumerate(st.reported_by, 1):
            if relayer not in self.actor_iris:
                continue
            r = URIRef(f"{iri}-relay-{n}")
            yield iri, KG.relay, r
            yield iri, KG.relayedBy, self.actor_iris[relayer]
            yield r, RDF.type, KG.Relay
            yield r, KG.relayer, self.actor_iris[relayer]
            yield r, KG.position, Literal(n, datatype=XSD.positiveInteger)
        for aid in st.about:
            if aid in self.actor_iris:
                yield iri, KG.about, self.actor_iris[aid]
        if st.date:
            yield iri, KG.statementDate, _date_literal(st.date)

    def event_triples(self, ev: Event) -> Iterator[Triple]:
        iri = event_iri(self.article, ev)
        yield iri, RDF.type, event_class(ev.type)
        yield iri, KG.inArticle, self.a_iri
        yield iri, KG.cameoCode, Literal(ev.cameo)
        yield iri, KG.eventType, CAMEO[ev.cameo]
        yield iri, KG.modality, MODALITIES[ev.modality]
        yield from self.span(ev.trigger)
        yield iri, KG.trigger, span_iri(self.article, ev.trigger)
        for span in (ev.trigger, *ev.mentions):
            yield from self.span(span)
            yield iri, KG.mention, span_iri(self.article, span)
        for prop, ids in ((KG.agent, ev.agent), (KG.target, ev.target), (KG.location, ev.location)):
            for aid in ids:
                if aid in self.actor_iris:
                    yield iri, prop, self.actor_iris[aid]
        if ev.date:
            yield from self.time_triples(iri, ev.date)
        if ev.quantity:
            q = URIRef(f"{iri}-quantity")
            yield iri, KG.quantity, q
            yield q, RDF.type, KG.Quantity
            yield q, KG.quantityText, Literal(ev.quantity.text)
            if ev.quantity.value is not None:
                yield q, KG.quantityValue, Literal(ev.quantity.value, datatype=XSD.integer)
            if ev.quantity.qualifier:
                yield q, KG.qualifier, Literal(ev.quantity.qualifier)
            if ev.quantity.unit:
                yield q, KG.counts, Literal(ev.quantity.unit)

    def time_triples(self, event: URIRef, value: str) -> Iterator[Triple]:
        """OWL-Time: a day, month or year is an Instant positioned at that precision; a range is a
        ProperInterval with two Instants. ``time:inXSD*`` have domain Instant, hence no month intervals."""
        t = URIRef(f"{event}-time")
        yield event, KG.time, t
        yield t, KG.dateValue, Literal(value)
        if "/" in value:
            begin, end = value.split("/", 1)
            yield t, RDF.type, TIME.ProperInterval
            yield t, KG.datePrecision, Literal("interval")
            for prop, v, suffix in ((TIME.hasBeginning, begin, "begin"), (TIME.hasEnd, end, "end")):
                inst = URIRef(f"{t}-{suffix}")
                yield t, prop, inst
                yield from _instant(inst, v)
            return
        yield from _instant(t, value)
        precision = _PRECISION.get(_date_literal(value).datatype or XSD.string)
        if precision:
            yield t, KG.datePrecision, Literal(precision)


_PRECISION = {XSD.date: "day", XSD.gYearMonth: "month", XSD.gYear: "year"}
_POSITION = {XSD.date: TIME.inXSDDate, XSD.gYearMonth: TIME.inXSDgYearMonth, XSD.gYear: TIME.inXSDgYear}


def _instant(iri: URIRef, value: str) -> Iterator[Triple]:
    """An OWL-Time instant at the precision of an ISO date (a value kg cannot parse keeps only its type)."""
    yield iri, RDF.type, TIME.Instant
    lit = _date_literal(value)
    if lit.datatype in _POSITION:
        yield iri, _POSITION[lit.datatype], lit


def map_extraction(ex: Extraction) -> list[Triple]:
    """All triples of one article, in a stable order: its graph's, then its actors' descriptions."""
    return map_article(ex) + map_actors(ex)


def map_actors(ex: Extraction) -> list[Triple]:
    """The descriptions of the article's actors, for the shared actors graph."""
    m = _Mapper(ex)
    return [t for actor in ex.actors for t in m.actor_description(actor)]


def map_article(ex: Extraction) -> list[Triple]:
    """The triples of the article's own named graph, in a stable order."""
    m = _Mapper(ex)
    triples: list[Triple] = list(m.article_triples())
    for actor in ex.actors:
        triples.extend(m.actor_triples(actor))
    for st in ex.statements:
        triples.extend(m.statement_triples(st))
    for ev in ex.events:
        triples.extend(m.event_triples(ev))
    return triples


__all__ = ["map_extraction", "map_article", "map_actors", "article_iri", "graph_iri", "actor_iri", "slug"]
