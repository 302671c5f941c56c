"""The event taxonomy and trigger lexicon, compiled once from ``kg/lexicons/events.json`` (issue #6).

The JSON file is the reviewed data; this module only turns it into lookup
structures so the extractor does not re-parse dictionaries per token.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

from kg.lexicons import load_lexicon

DEFAULT_POS = ("NOUN", "VERB")


@dataclass(frozen=True)
class TriggerRule:
    """One lemma's trigger entry: the event type and the conditions under which it fires."""

    type: str
    pos: tuple[str, ...] = DEFAULT_POS
    unless: frozenset[str] = frozenset()
    unless_sentence: frozenset[str] = frozenset()
    requires: frozenset[str] = frozenset()
    agentive: bool = False  # the noun names the agent ("critic"), not the event
    plural: bool = False  # only as a plural noun ("talks", not "a talk")
    # another sense, chosen when one of its context lemmas is in the sentence or the one before it:
    # "strike" is an attack, but a labour strike where workers, unions or wages are in view
    sense: tuple[str, frozenset[str]] | None = None
    # another type when the subject is one of these nouns: protesters who clash riot, they do not fight a war
    agent_sense: tuple[str, frozenset[str]] | None = None
    place_ok: bool = False  # also fires when set in a named place ("the conflict in Northern Ireland")


@dataclass(frozen=True)
class EventLexicon:
    """Lookup tables for trigger detection, argument roles and modality."""

    cameo: dict[str, str]  # type -> CAMEO code
    generic: frozenset[str]
    discrete: frozenset[str]  # types told as countable incidents: "attacks" is not the "attack" told before
    triggers: dict[str, TriggerRule]
    phrases: dict[tuple[str, ...], str]  # lemma sequence -> type
    phrasal: dict[str, dict[str, str]]  # verb lemma -> particle/object lemma -> type
    light_verbs: frozenset[str]
    participation: dict[str, frozenset[str]]  # preposition -> governors whose subject took part in the event
    event_compound_heads: frozenset[str]  # nouns an event noun may modify and stay the event ("coup attempt")
    aftermath_heads: frozenset[str]  # nouns that presuppose the event modifying them ("the bombing suspect")
    target_preps: dict[str, frozenset[str]]  # preposition -> types ("*" = any)
    location_preps: frozenset[str]
    non_event_governors: frozenset[str]
    patient_possessor: frozenset[str]
    needs_participant: frozenset[str]
    participant_cues: dict[str, frozenset[str]]  # type -> lemmas that imply a participant ("from custody")
    participant_heads: frozenset[str]  # human nouns that make an unnamed agent or target an actor
    collective_participants: frozenset[str]  # singular nouns naming a group ("police", "crowd")
    qualified_participants: frozenset[str]  # name no one alone ("the government"; "armed groups" do)
    relation_nouns: frozenset[str]  # "a friend of X", "the wife of X": a person related to X, not X
    place_nouns: frozenset[str]  # "the port city of X", "the province of Y": another name of the place
    boundary_nouns: frozenset[str]  # "the border between A and B" is in A and in B
    dual_heads: frozenset[str]  # "both sides", "the two countries": the article's two main countries
    theme_object_types: frozenset[str]  # the object is what is moved or given ("deployed troops"), no target
    modality: dict[str, frozenset[str]]
    negating_phrasal: dict[str, str]
    numbers: dict[str, int]
    scales: dict[str, int]
    vague: frozenset[str]
    collective_heads: frozenset[str]
    qualifiers: tuple[str, ...]

    @cached_property
    def max_phrase(self) -> int:
        return max((len(p) for p in self.phrases), default=1)

    @cached_property
    def phrase_starts(self) -> frozenset[str]:
        """First words of the multi-word triggers: most tokens start none, and are skipped at once."""
        return frozenset(p[0] for p in self.phrases)

    def root(self, type_: str) -> str:
        """The two-digit CAMEO root of an event type."""
        return self.cameo[type_][:2]

    def violent(self, type_: str) -> bool:
        """CAMEO's violent roots: coerce by force (18), fight (19), mass violence (20)."""
        return self.root(type_) in ("18", "19", "20")

    def verbal(self, type_: str) -> bool:
        """CAMEO's verbal quad classes (01-05 cooperation, 10-14 conflict): said or demanded, not done."""
        return self.root(type_) in ("01", "02", "03", "04", "05", "10", "11", "12", "13", "14")


def _rule(value: str | dict) -> TriggerRule:
    if isinstance(value, str):
        return TriggerRule(type=value)
    return TriggerRule(
        type=value["type"],
        pos=tuple(value.get("pos", DEFAULT_POS)),
        unless=frozenset(value.get("unless", ())),
        unless_sentence=frozenset(value.get("unless_sentence", ())),
        requires=frozenset(value.get("requires", ())),
        agentive=bool(value.get("agentive", False)),
        plural=bool(value.get("plural", False)),
        sense=(value["sense"]["type"], frozenset(value["sense"]["context"])) if "sense" in value else None,
        agent_sense=(
            (value["agent_sense"]["type"], frozenset(value["agent_sense"]["agents"]))
            if "agent_sense" in value
            else None
        ),
        place_ok=bool(value.get("place_ok", False)),
    )


@cache
def event_lexicon() -> EventLexicon:
    """The compiled lexicon (cached per process)."""
    data = load_lexicon("events")
    qty = load_lexicon("quantities")
    mod = data["modality"]
    return EventLexicon(
        cameo={t: v["cameo"] for t, v in data["types"].items()},
        generic=frozenset(data.get("generic", ())),
        discrete=frozenset(data.get("discrete", ())),
        triggers={k: _rule(v) for k, v in data["triggers"].items()},
        phrases={tuple(k.split()): v for k, v in data["phrases"].items()},
        phrasal=data["phrasal"],
        light_verbs=frozenset(data["light_verbs"]),
        participation={k: frozenset(v) for k, v in data.get("participation", {}).items()},
        event_compound_heads=frozenset(data.get("event_compound_heads", ())),
        aftermath_heads=frozenset(data.get("aftermath_heads", ())),
        target_preps={k: frozenset(v) for k, v in data["target_prepositions"].items()},
        location_preps=frozenset(data["location_prepositions"]),
        non_event_governors=frozenset(data["non_event_governors"]),
        patient_possessor=frozenset(data.get("patient_possessor_types", ())),
        needs_participant=frozenset(data.get("needs_participant", ())),
        participant_cues={k: frozenset(v) for k, v in data.get("participant_cues", {}).items()},
        participant_heads=frozenset(data.get("participant_heads", ())),
        collective_participants=frozenset(data.get("collective_participants", ())),
        qualified_participants=frozenset(data.get("qualified_participants", ())),
        relation_nouns=frozenset(data.get("relation_nouns", ())),
        place_nouns=frozenset(data.get("place_nouns", ())),
        boundary_nouns=frozenset(data.get("boundary_nouns", ())),
        dual_heads=frozenset(data.get("dual_heads", ())),
        theme_object_types=frozenset(data.get("theme_object_types", ())),
        modality={k: frozenset(v) for k, v in mod.items() if isinstance(v, list)},
        negating_phrasal=mod.get("negating_phrasal", {}),
        numbers=qty["number_words"],
        scales=qty["scales"],
        vague=frozenset(qty["vague"]),
        collective_heads=frozenset(qty["collective_heads"]),
        qualifiers=tuple(sorted(qty["qualifiers"], key=len, reverse=True)),
    )


def produced_types() -> set[str]:
    """Every event type the lexicon can produce (each must be declared in ontology/event-types.ttl)."""
    lex = event_lexicon()
    out = {r.type for r in lex.triggers.values()} | set(lex.phrases.values())
    out |= {r.agent_sense[0] for r in lex.triggers.values() if r.agent_sense}
    out |= {r.sense[0] for r in lex.triggers.values() if r.sense}
    out |= {t for entry in lex.phrasal.values() for t in entry.values()}
    return out
