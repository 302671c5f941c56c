"""The project's own small vocabulary: frozen records with character offsets.

No RDF and no spaCy objects in here: both the RDF mapping (``kg.mapping``) and
the JSON view (``kg.jsonview``) are views of these records.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

ACTOR_TYPES = ("Person", "Organization", "Country", "Location", "Group")
STATEMENT_KINDS = ("direct", "mixed", "indirect")


@dataclass(frozen=True, order=True)
class Span:
    """A half-open range of character offsets into the article text."""

    start: int
    end: int

    def text(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True)
class Article:
    """One input article, as read from disk or from a JSON Lines record."""

    id: str
    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None  # the file it came from, for error messages

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text and date: what decides whether a rebuild is needed."""
        h = hashlib.sha256()
        h.update(self.text.encode("utf-8"))
        h.update(b"\0" + (self.date or "").encode())
        return h.hexdigest()


@dataclass(frozen=True)
class Actor:
    """A person, organisation, country, place or group, as one article names it.

    ``id`` is local to the article ("a1"); ``key`` is the cross-article identity
    (normalised name + type) from which the actor's IRI is minted.
    """

    id: str
    name: str
    type: str
    key: str
    subtype: str | None = None  # GovernmentBody, MilitaryForce, ArmedGroup, MediaOrganization, ...
    aliases: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    roles: tuple[str, ...] = ()
    affiliation: str | None = None  # another actor's local id
    anonymous: bool = False
    geonames_id: int | None = None
    wikidata_id: str | None = None


@dataclass(frozen=True)
class TimeExpression:
    """A date or interval the text gives, resolved against the publication date.

    ``value`` is ISO 8601 as precise as the text allows (``2025-04-09``,
    ``2024-12``, ``2025``, or ``2024-12-08/2024-12-31``).
    """

    span: Span
    value: str
    precision: str  # day | month | year | interval


@dataclass(frozen=True)
class Statement:
    """Who said what: a speaker, a cue, the content span, its kind and relays."""

    id: str
    speaker: str | None  # actor id
    cue: str
    content: Span
    kind: str  # direct | mixed | indirect
    cue_span: Span | None = None
    speaker_mention: Span | None = None
    reported_by: tuple[str, ...] = ()  # actor ids, nearest relay first
    date: str | None = None
    stance: str = "assert"
    about: tuple[str, ...] = ()  # actor ids the content mentions


@dataclass(frozen=True)
class Quantity:
    """A count the text gives: ``more than 500`` attacks."""

    text: str
    value: int | None = None
    qualifier: str | None = None  # more than | at least | about | hundreds ...
    unit: str | None = None  # what is counted


@dataclass(frozen=True)
class Event:
    """Who did what to whom, where, when and how many."""

    id: str
    type: str  # a class of ontology/event-types (AirStrike, Talks, ...)
    cameo: str  # the CAMEO code (root or finer)
    trigger: Span
    mentions: tuple[Span, ...] = ()  # further trigger spans of the same event
    agent: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    location: tuple[str, ...] = ()
    date: str | None = None
    quantity: Quantity | None = None
    modality: str = "asserted"  # asserted | negated | planned | hypothetical


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    actors: tuple[Actor, ...] = ()
    statements: tuple[Statement, ...] = ()
    events: tuple[Event, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    model: str = ""
    extractors: tuple[str, ...] = field(default=())

    def actor(self, actor_id: str | None) -> Actor | None:
        """The actor with this local id, or None."""
        return next((a for a in self.actors if a.id == actor_id), None)
