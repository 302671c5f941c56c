"""Events: triggers, arguments, counts, dates, modality, merging, taxonomy and event queries (issue #6).

The articles are short inline texts written for these tests.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.extract.event_lexicon import event_lexicon, produced_types
from kg.jsonview import to_json
from kg.model import Event, Extraction

ROOT = Path(__file__).resolve().parent.parent
KG = Namespace("https://w3id.org/kg/ontology#")
CAMEO = "https://w3id.org/kg/cameo/"
PUB = "2025-04-10"  # a Thursday


def run(extract_text: Callable[..., Extraction], text: str) -> tuple[Extraction, list[dict]]:
    """The extraction and its events as readable dicts (actor names instead of ids)."""
    ex = extract_text(text, date=PUB)
    name = {a.id: a.name for a in ex.actors}

    def view(e: Event) -> dict:
        return {
            "type": e.type,
            "cameo": e.cameo,
            "modality": e.modality,
            "trigger": e.trigger.text(text),
            "mentions": [m.text(text) for m in e.mentions],
            "agent": [name[i] for i in e.agent],
            "target": [name[i] for i in e.target],
            "location": [name[i] for i in e.location],
            "date": e.date,
            "quantity": e.quantity,
        }

    return ex, [view(e) for e in ex.events]


def only(events: list[dict], type_: str) -> dict:
    found = [e for e in events if e["type"] == type_]
    assert len(found) == 1, events
    return found[0]


def test_light_verb_with_count_place_and_interval(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(
        extract_text, "Russia carried out more than 200 air strikes in Ukraine from March 3rd to March 9th."
    )
    e = only(events, "AirStrike")
    assert e["cameo"] == "195" and e["modality"] == "asserted"
    assert e["trigger"] == "carried out more than 200 air strikes"
    assert e["agent"] == ["Russia"] and e["location"] == ["Ukraine"]
    assert e["date"] == "2025-03-03/2025-03-09"
    q = e["quantity"]
    assert (q.text, q.value, q.qualifier, q.unit) == ("more than 200", 200, "more than", "air strikes")


def test_vague_count_through_a_collective_noun(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "Israel launched hundreds of drone attacks in Lebanon in December.")
    e = only(events, "DroneStrike")
    assert e["trigger"] == "launched hundreds of drone attacks"
    assert e["quantity"].text == "hundreds" and e["quantity"].value is None
    assert e["agent"] == ["Israel"] and e["date"] == "2024-12"


def test_one_event_told_twice_is_one_event(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Iran and Oman held talks in Muscat on Monday. Diplomats later described the talks as constructive."
    )
    ex, events = run(extract_text, text)
    e = only(events, "Talks")
    assert e["trigger"] == "held talks" and e["mentions"] == ["talks"]
    assert sorted(e["agent"]) == ["Iran", "Oman"] and e["location"] == ["Muscat"]
    assert e["date"] == "2025-04-07"
    assert len(to_json(ex)["events"]) == 1


def test_another_event_is_not_merged(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "Russia attacked Kyiv on Monday. Another attack hit Lviv on Tuesday.")
    attacks = [e for e in events if e["type"] == "Attack"]
    assert [a["date"] for a in attacks] == ["2025-04-07", "2025-04-08"]
    assert attacks[0]["agent"] == ["Russia"] and attacks[0]["target"] == ["Kyiv"]


def test_counts_with_different_values_stay_apart(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "The army carried out 40 raids in March. It carried out 12 raids in April."
    _, events = run(extract_text, text)
    raids = [e for e in events if e["type"] == "Attack"]
    assert [(r["quantity"].value, r["date"]) for r in raids] == [(40, "2025-03"), (12, "2025-04")]


def test_negated_event_is_left_out_of_the_json_view(extract_text) -> None:  # type: ignore[no-untyped-def]
    ex, events = run(extract_text, "Germany did not send troops to Poland.")
    e = only(events, "TroopDeployment")
    assert e["modality"] == "negated" and e["agent"] == ["Germany"]
    assert to_json(ex)["events"] == []


@pytest.mark.parametrize(
    ("text", "type_", "modality"),
    [
        ("Chad plans to attack rebel bases near the border.", "Attack", "planned"),
        ("Japan warned that China could invade Taiwan.", "Invasion", "hypothetical"),
        ("Egypt will host a summit on water next week.", "Meeting", "planned"),
        ("Troops patrol the border to prevent attacks.", "Attack", "hypothetical"),
        ("There were no arrests in the capital.", "Arrest", "negated"),
        ("Officials fear a new war in the region.", "War", "hypothetical"),
        ("Officials hope to hold talks with Iran next week.", "Talks", "planned"),
        ("Ukraine wants to end the war with Russia.", "War", "asserted"),
        ("The attack will be investigated by the police.", "Attack", "asserted"),
        ("Envoys played down the chances of a quick deal on fishing rights.", "Agreement", "hypothetical"),
    ],
)
def test_modality(extract_text, text: str, type_: str, modality: str) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, text)
    assert only(events, type_)["modality"] == modality


def test_speech_acts_are_events(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "Syria accused Israel of aggression. Iran threatened Israel.")
    acc, thr = only(events, "Accusation"), only(events, "Threat")
    assert (acc["cameo"], acc["agent"], acc["target"]) == ("112", ["Syria"], ["Israel"])
    assert (thr["cameo"], thr["agent"], thr["target"]) == ("130", ["Iran"], ["Israel"])


def test_passive_agent_and_target(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "Ukraine was attacked by Russia on Tuesday.")
    e = only(events, "Attack")
    assert (e["agent"], e["target"], e["date"]) == (["Russia"], ["Ukraine"], "2025-04-08")


def test_possessive_agent_and_prepositional_target(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "Russia's attacks on Ukraine continued last week.")
    e = only(events, "Attack")
    assert (e["agent"], e["target"], e["date"]) == (["Russia"], ["Ukraine"], "2025-03-31/2025-04-06")


def test_demonym_target_resolves_to_the_country(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "France and Mali have quarrelled. In January, France launched air strikes on Malian posts."
    _, events = run(extract_text, text)
    e = only(events, "AirStrike")
    assert (e["agent"], e["target"], e["date"]) == (["France"], ["Mali"], "2025-01")


def test_relative_clause_result_is_folded_into_its_cause(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "The bombing that killed 12 people in Kabul on Friday was condemned by Pakistan."
    _, events = run(extract_text, text)
    bombing = only(events, "Bombing")
    assert bombing["mentions"] == ["killed"] and not [e for e in events if e["type"] == "Killing"]
    q = bombing["quantity"]
    assert (q.text, q.value, q.unit) == ("12", 12, "people killed")
    assert bombing["date"] == "2025-04-04"
    assert only(events, "Criticism")["agent"] == ["Pakistan"]


def test_casualties_of_a_nominal_event(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "Hundreds of people were killed and dozens wounded in the shelling of Khartoum last month."
    _, events = run(extract_text, text)
    e = only(events, "Shelling")
    assert e["trigger"] == "shelling" and sorted(e["mentions"]) == ["killed", "wounded"]
    assert e["quantity"].qualifier == "hundreds" and e["date"] == "2025-03"
    assert e["target"] == ["Khartoum", "people"]  # the city shelled and the people killed in it


def test_critic_of_names_the_agent(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "Boris Nemtsov was an outspoken critic of Vladimir Putin.")
    e = only(events, "Criticism")
    assert (e["cameo"], e["agent"], e["target"]) == ("111", ["Boris Nemtsov"], ["Vladimir Putin"])


def test_words_that_are_not_events_here(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Syrian Observatory, a war monitor, said the border poses a threat. "
        "Workers went on strike. An earthquake struck the coast. He suffered a heart attack."
    )
    _, events = run(extract_text, text)
    assert not [e for e in events if e["type"] in ("War", "Threat", "Attack")], events


def test_accidents_are_not_violent_events(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A gas leak caused an explosion in a block of flats. A fire killed five people at a hotel. "
        "Rescuers were visiting the wounded in hospital."
    )
    _, events = run(extract_text, text)
    assert not [e for e in events if e["type"] in ("Bombing", "Killing", "Wounding", "Visit")], events


def test_arrest_count_and_place(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "Police arrested 30 protesters in Nairobi on Wednesday.")
    e = only(events, "Arrest")
    assert (e["cameo"][:2], e["location"], e["date"]) == ("17", ["Nairobi"], "2025-04-09")
    assert (e["quantity"].value, e["quantity"].unit) == (30, "protesters arrested")


def test_json_view_gives_cameo_roots_and_quantity_text(extract_text) -> None:  # type: ignore[no-untyped-def]
    ex = extract_text("Russia carried out more than 200 air strikes in Ukraine in March.", date=PUB)
    (event,) = to_json(ex)["events"]
    assert event["cameo"] == "19" and event["quantity"] == "more than 200" and event["date"] == "2025-03"


# -- the taxonomy ------------------------------------------------------------------


@pytest.fixture(scope="module")
def taxonomy() -> Graph:
    return Graph().parse(ROOT / "ontology" / "event-types.ttl", format="turtle")


def test_every_producible_type_is_declared(taxonomy: Graph) -> None:
    lex = event_lexicon()
    assert produced_types() <= set(lex.cameo), "a trigger names a type missing from 'types'"
    for type_, code in lex.cameo.items():
        cls = KG[type_]
        assert (cls, RDF.type, OWL.Class) in taxonomy, type_
        assert (cls, RDFS.subClassOf, KG.Event) in taxonomy, type_
        assert taxonomy.value(cls, RDFS.label) and taxonomy.value(cls, RDFS.comment), type_
        assert taxonomy.value(cls, KG.cameoConcept) == URIRef(CAMEO + code), type_
    assert set(lex.generic) <= set(lex.cameo) and lex.patient_possessor <= set(lex.cameo)


def test_cameo_scheme(taxonomy: Graph) -> None:
    scheme = URIRef(CAMEO + "scheme")
    assert (scheme, RDF.type, SKOS.ConceptScheme) in taxonomy
    roots = sorted(str(c) for c in taxonomy.subjects(SKOS.topConceptOf, scheme))
    assert roots == [f"{CAMEO}{n:02d}" for n in range(1, 21)]
    for concept in taxonomy.subjects(RDF.type, SKOS.Concept):
        code = str(concept).removeprefix(CAMEO)
        assert str(taxonomy.value(concept, SKOS.notation)) == code
        assert taxonomy.value(concept, SKOS.prefLabel) is not None
        assert (concept, SKOS.inScheme, scheme) in taxonomy
        while len(code) > 2:  # every finer code reaches its root through skos:broader
            parent = taxonomy.value(URIRef(CAMEO + code), SKOS.broader)
            assert (
                parent is not None and str(parent) == CAMEO + code[: len(code) - 1 if len(code) == 4 else 2]
            )
            code = str(parent).removeprefix(CAMEO)
    for code in set(event_lexicon().cameo.values()):
        assert (URIRef(CAMEO + code), RDF.type, SKOS.Concept) in taxonomy, code


def test_taxonomy_is_owl_dl_friendly(taxonomy: Graph) -> None:
    assert (KG.cameoConcept, RDF.type, OWL.AnnotationProperty) in taxonomy
    for prop in set(taxonomy.predicates()) - {RDF.type}:
        declared = {o for o in taxonomy.objects(prop, RDF.type)}
        assert declared & {OWL.AnnotationProperty, OWL.ObjectProperty, OWL.DatatypeProperty} or prop in (
            RDFS.label,
            RDFS.comment,
            RDFS.subClassOf,
        ), prop
    # classes and concepts stay apart: no IRI is both an owl:Class and a skos:Concept
    assert not set(taxonomy.subjects(RDF.type, OWL.Class)) & set(taxonomy.subjects(RDF.type, SKOS.Concept))


def test_lexicon_files_parse() -> None:
    for name in ("events", "quantities"):
        data = json.loads((ROOT / "kg" / "lexicons" / f"{name}.json").read_text(encoding="utf-8"))
        assert data["_comment"]


# -- the event queries on a real store --------------------------------------------


ARTICLE = """Russia carried out more than 200 air strikes on Ukraine from March 3rd to March 9th.
Ukraine was attacked by Russia again on Tuesday.
The shelling of Kharkiv killed 14 people on Wednesday.
Moldova criticised Russia on Wednesday.
Russia did not attack Moldova.
"""


@pytest.fixture(scope="module")
def event_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg import api

    root = tmp_path_factory.mktemp("events")
    (root / "war-report.txt").write_text(ARTICLE, encoding="utf-8")
    store = root / "store"
    api.build([root / "war-report.txt"], store=store, date=PUB)
    return store


def rows(store: Path, name: str, **params: str) -> list[dict[str, str | None]]:
    from kg import api

    result = api.query(name, store=store, params=params)
    return [dict(zip(result.columns, r, strict=True)) for r in result.rows]


def test_timeline_orders_dated_events(event_store: Path) -> None:
    got = rows(event_store, "timeline")
    assert [(r["begin"], r["end"], r["type"]) for r in got] == [
        ("2025-03-03", "2025-03-09", "AirStrike"),
        ("2025-04-08", "2025-04-08", "Attack"),
        ("2025-04-09", "2025-04-09", "Criticism"),  # same day: by article, then trigger text
        ("2025-04-09", "2025-04-09", "Shelling"),
    ]
    assert [r["type"] for r in rows(event_store, "timeline", since="2025-04-09")] == ["Criticism", "Shelling"]
    assert [r["type"] for r in rows(event_store, "timeline", until="2025-03-31")] == ["AirStrike"]


def test_dyads_count_by_cameo_root(event_store: Path) -> None:
    got = rows(event_store, "dyads")
    pairs = {(r["agent"], r["target"], r["root"]): r for r in got}
    assert pairs[("Russia", "Ukraine", "19")]["events"] == "2"
    assert pairs[("Russia", "Ukraine", "19")]["rootLabel"] == "Fight"
    assert pairs[("Moldova", "Russia", "11")]["events"] == "1"
    assert ("Russia", "Moldova", "19") not in pairs  # the negated attack
    assert {(r["agent"], r["target"]) for r in rows(event_store, "dyads", actor="moldova")} == {
        ("Moldova", "Russia")
    }


def test_casualties_lists_killed_counts(event_store: Path) -> None:
    got = rows(event_store, "casualties")
    assert [(r["count"], r["counts"], r["type"], r["places"]) for r in got] == [
        ("14", "people killed", "Shelling", "Kharkiv")
    ]
    assert rows(event_store, "casualties", minimum="20") == []


def test_events_by_actor(event_store: Path) -> None:
    got = rows(event_store, "events-by-actor", actor="ukrain")
    assert {r["type"] for r in got} == {"AirStrike", "Attack"}
    strikes = next(r for r in got if r["type"] == "AirStrike")
    assert (strikes["quantity"], strikes["date"], strikes["rootLabel"]) == (
        "more than 200",
        "2025-03-03/2025-03-09",
        "Fight",
    )
    assert {r["type"] for r in rows(event_store, "events-by-actor", root="11")} == {"Criticism"}


def test_strike_sense_follows_the_topic(extract_text) -> None:  # type: ignore[no-untyped-def]
    """A labour strike (workers, unions, wages in view) is a protest, not an attack (CAMEO 14 vs 19)."""
    labour = extract_text(
        "Bus drivers rejected the wage offer on Monday. The union said the strike would continue."
    )
    assert [
        (e.type, e.cameo[:2]) for e in labour.events if e.trigger.text(labour.article.text) == "strike"
    ] == [("Strike", "143"[:2])]
    war = extract_text("Rebels shelled the town on Monday. A strike on the depot killed three fighters.")
    assert any(
        e.cameo[:2] in ("18", "19") for e in war.events if "strike" in e.trigger.text(war.article.text)
    )


def test_readiness_is_not_an_event_that_happened(extract_text) -> None:  # type: ignore[no-untyped-def]
    ex = extract_text("The government said it was ready to mediate between the two parties.")
    mediations = [e for e in ex.events if e.trigger.text(ex.article.text) == "mediate"]
    assert mediations and all(e.modality == "planned" for e in mediations)


def test_plural_incidents_are_not_the_one_told_before(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "An attack hit a market in Kano on Monday. Attacks on markets have become common in the north."
    _, events = run(extract_text, text)
    assert [e["trigger"] for e in events if e["type"] == "Attack"] == ["attack", "Attacks"]


def test_a_clause_told_with_also_is_one_more_event(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "Two soldiers were killed near the border on Monday. A police officer was also killed."
    _, events = run(extract_text, text)
    assert len([e for e in events if e["type"] == "Killing"]) == 2, events


def test_capitalised_common_word_is_a_trigger(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "Shootings in Lagos continued overnight, the police said.")
    assert only(events, "Shooting")["trigger"] == "Shootings"


def test_negation_does_not_reach_into_a_prepositional_phrase(extract_text) -> None:  # type: ignore[no-untyped-def]
    ex, events = run(extract_text, "The driver pleaded not guilty to a murder charge on Tuesday.")
    assert only(events, "Charge")["modality"] == "asserted"
    assert "17" in [e["cameo"] for e in to_json(ex)["events"]]


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Prosecutors filed charges against the mayor.", "Charge"),
        ("Police launched a manhunt for the gunman.", "Investigation"),
        ("He served in the Vietnam War as a pilot.", "War"),
        ("Rebel officers staged a coup attempt in the capital on Friday.", "Coup"),
    ],
)
def test_more_triggers(extract_text, text: str, type_: str) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, text)
    assert only(events, type_)["modality"] == "asserted"


def test_free_of_charge_is_no_charge(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "The museum offers tours free of charge to students.")
    assert not [e for e in events if e["type"] == "Charge"], events


def test_unnamed_participants_become_actors(extract_text) -> None:  # type: ignore[no-untyped-def]
    ex, events = run(extract_text, "Soldiers opened fire on villagers in Bamako on Sunday.")
    e = only(events, "Shooting")
    assert (e["agent"], e["target"], e["location"]) == (["Soldiers"], ["villagers"], ["Bamako"])
    groups = {a.name: a for a in ex.actors if a.type == "Group"}
    assert set(groups) >= {"Soldiers", "villagers"} and groups["villagers"].anonymous


def test_demonym_on_an_unnamed_participant_is_its_affiliation(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "Afghanistan said that an Afghan soldier was killed in Kandahar on Monday."
    ex, events = run(extract_text, text)
    e = only(events, "Killing")
    assert e["target"] == ["Afghan soldier"], e
    soldier = next(a for a in ex.actors if a.name == "Afghan soldier")
    assert (soldier.type, soldier.aliases) == ("Person", ("Afghan soldier", "soldier"))
    assert ex.actors[[a.id for a in ex.actors].index(soldier.affiliation)].name == "Afghanistan"


def test_deployed_troops_are_no_target(extract_text) -> None:  # type: ignore[no-untyped-def]
    ex, events = run(extract_text, "Chad deployed troops along the border with Sudan on Monday.")
    e = only(events, "TroopDeployment")
    assert e["agent"] == ["Chad"] and e["target"] == []
    assert not [a for a in ex.actors if a.name == "troops"]


def test_place_of_the_clause(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "Fans clashed before the match in Lyon on Saturday.")
    assert only(events, "Fighting")["location"] == ["Lyon"]


def test_protesters_who_clash_riot(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "Protesters clashed with police in Nairobi on Monday.")
    assert only(events, "Riot")["cameo"][:2] == "14"


def test_conflict_set_in_a_place_is_a_war(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "Thousands died during the conflict in Liberia.")
    assert only(events, "War")["cameo"][:2] == "19"


def test_release_from_custody_needs_no_named_person(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "One of the suspects was later released from custody.")
    assert only(events, "Release")["modality"] == "asserted"


def test_an_ing_clause_takes_the_subject_of_its_main_clause(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "Boko Haram stormed a village in Borno on Monday, kidnapping 20 girls.")
    assert only(events, "Kidnapping")["agent"] == ["Boko Haram"]


@pytest.mark.parametrize(
    "text",
    [
        "The Taliban claimed responsibility for the attack on Monday.",
        "The Taliban took part in the raid on the base.",
    ],
)
def test_who_took_part_in_an_event_noun_is_its_agent(extract_text, text: str) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, text)
    assert only(events, "Attack")["agent"] == ["Taliban"]


def test_denied_responsibility_names_no_agent(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "The Taliban denied responsibility for the attack on Monday.")
    assert only(events, "Attack")["agent"] == []


@pytest.mark.parametrize(
    ("text", "type_", "target"),
    [
        ("Police rounded up dozens of activists in Minsk on Sunday.", "Arrest", ["activists"]),
        ("Gunmen gunned down a judge in Kabul.", "Killing", ["judge"]),
        ("Two officers died in a gun battle with smugglers.", "Fighting", ["smugglers"]),
    ],
)
def test_news_vocabulary(extract_text, text: str, type_: str, target: list[str]) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, text)
    assert only(events, type_)["target"] == target


def test_object_control_the_object_acts(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "German troops entered Paris in 1940, forcing France to surrender.")
    assert only(events, "Surrender")["agent"] == ["France"]


def test_troops_marching_is_no_protest(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "Russian troops marched into the town on Monday.")
    assert not [e for e in events if e["type"] == "Protest"], events


def test_a_plural_incident_noun_is_not_a_singular_one_of_another_word(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "Supporters held a rally in Caracas on Monday. The protests have spread across the country."
    _, events = run(extract_text, text)
    assert len([e for e in events if e["type"] == "Protest"]) == 2, events


def test_who_the_police_search_for_is_the_target(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "Police launched a manhunt for the gunman in Lyon.")
    e = only(events, "Investigation")
    assert (e["agent"], e["target"]) == (["Police"], ["gunman"])


def test_a_headline_count_and_its_hedged_retelling_are_one_group(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Clashes on the Peru-Ecuador border kill six rangers\n\n"
        "At least six rangers were killed in fighting on the border between Peru and Ecuador on Sunday."
    )
    ex, events = run(extract_text, text)
    e = only(events, "Fighting")
    assert e["target"] == ["six rangers"]  # one group, not "six rangers" and "At least six rangers"
    rangers = next(a for a in ex.actors if a.name == "six rangers")
    assert "At least six rangers" in rangers.aliases
    assert (e["quantity"].text, e["quantity"].value) == ("At least six", 6)  # the body says more
    assert sorted(e["location"]) == ["Ecuador", "Peru"]  # a border is in both places


def test_talks_between_two_countries_are_not_in_them(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "Diplomats held talks in Geneva between Peru and Ecuador on Sunday.")
    assert only(events, "Talks")["location"] == ["Geneva"]


def test_both_sides_are_the_two_countries_named_before(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Chile and Bolivia resume water dispute talks\n\n"
        "Chile accused Bolivia of diverting a river last year. "
        "Officials from both sides held talks in Lima on Monday, and the two countries will meet again."
    )
    _, events = run(extract_text, text)
    talks = [e for e in events if e["type"] == "Talks" and "held" in e["trigger"]]
    assert len(talks) == 1 and sorted(talks[0]["agent"] + talks[0]["target"]) == ["Bolivia", "Chile"]
    # one country named so far is no pair: nothing is guessed
    _, events = run(extract_text, "Chile said officials from both sides held talks in Lima on Monday.")
    assert only(events, "Talks")["agent"] == ["officials from both sides"]


def test_an_appeal_to_a_country_is_not_made_in_it(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "The Vatican called on Peru to release the detained journalists.")
    e = only(events, "Appeal")
    assert e["target"] == ["Peru"] and e["location"] == []


def test_a_named_possessor_stays_in_the_participant_name(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "Within hours the police were able to arrest Okafor's attacker in Lagos.")
    e = only(events, "Arrest")
    assert e["agent"] == ["police"]  # the subject of "were able to" arrests
    assert e["target"] == ["Okafor's attacker"]  # not "'s attacker"


def test_others_injured_in_a_with_clause_are_targets(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "A bomb exploded in Quetta, killing four people and injuring more than 30 others."
    _, events = run(extract_text, text)
    wounded = [a for e in events for a in e["target"] if "others" in a]
    assert wounded == ["more than 30 others"], events
    _, events = run(extract_text, "Two guards were killed in the raid, with three other guards injured.")
    assert any("three other guards" in e["target"] for e in events), events


def test_a_modified_group_is_also_named_by_its_head(extract_text) -> None:  # type: ignore[no-untyped-def]
    ex, events = run(extract_text, "Ukrainian forces shelled Donetsk on Tuesday.")
    e = only(events, "Shelling")
    forces = next(a for a in ex.actors if a.name == e["agent"][0])
    assert forces.name == "Ukrainian forces" and "forces" in forces.aliases


def test_a_participant_noun_compounded_on_an_event_noun_takes_part(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "A coalition air strike hit a market in Idlib on Friday.")
    assert only(events, "AirStrike")["agent"] == ["coalition"]
    _, events = run(extract_text, "The charity donated food to refugees in Amman.")
    assert only(events, "Aid")["target"] == ["refugees"]


def test_a_clause_of_reason_keeps_its_event_asserted(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "The two men were never tried for the bombing, as they were released from prison in 1990."
    _, events = run(extract_text, text)
    assert only(events, "Release")["modality"] == "asserted"


def test_coercion_and_request_verbs(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "The ministry is pressuring teachers to join the rally.")
    assert only(events, "Threat")["target"] == ["teachers"]
    text = "The mayor asked residents to leave the valley. She asked about the weather."
    _, events = run(extract_text, text)
    assert only(events, "Appeal")["target"] == ["residents"]


def test_two_broad_words_of_different_kinds_are_not_one_event(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Prosecutors opened an inquiry into the murder of a shopkeeper in Nantes. "
        "Separately, the explosion at the port damaged two ships."
    )
    _, events = run(extract_text, text)
    killing = only(events, "Killing")
    assert "explosion" not in killing["mentions"] and killing["trigger"] == "murder"
    assert only(events, "Bombing")["trigger"] == "explosion"


def test_they_opening_the_next_violent_clause_are_the_attackers(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Gunmen and suicide bombers attacked an army base in Kunar Province, Mali. "
        "They killed 12 Malian soldiers."
    )
    _, events = run(extract_text, text)
    killing = only(events, "Killing")
    assert sorted(killing["agent"]) == ["Gunmen", "suicide bombers"], killing  # not Mali


def test_two_verbs_share_the_object_after_the_second(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "Rebel fighters besieged and captured Baghdad in 2012.")
    siege = [e for e in events if e["trigger"] == "besieged"]
    assert siege and "Baghdad" in siege[0]["target"], events


def test_a_bare_government_is_no_new_actor_but_a_described_one_is(extract_text) -> None:  # type: ignore[no-untyped-def]
    ex, events = run(extract_text, "The government arrested 40 students in Minsk on Friday.")
    assert only(events, "Arrest")["agent"] == [] and not [a for a in ex.actors if a.name == "government"]
    _, events = run(extract_text, "The regional government arrested 40 students in Minsk on Friday.")
    assert only(events, "Arrest")["agent"] == ["regional government"]
    _, events = run(extract_text, "Dozens of students were arrested by the government in Minsk.")
    assert only(events, "Arrest")["agent"] == ["government"]  # the by-phrase tells who acted


def test_a_vague_count_of_a_group_is_one_of_its_names(extract_text) -> None:  # type: ignore[no-untyped-def]
    ex, events = run(extract_text, "Hundreds of protesters were arrested in Moscow on Sunday.")
    target = only(events, "Arrest")["target"]
    assert target == ["protesters"]
    assert "Hundreds of protesters" in next(a for a in ex.actors if a.name == "protesters").aliases


def test_an_event_noun_on_a_word_that_presupposes_it_is_an_event(extract_text) -> None:  # type: ignore[no-untyped-def]
    _, events = run(extract_text, "Police questioned two shooting survivors in Dayton on Monday.")
    assert only(events, "Shooting")["trigger"] == "shooting"
    _, events = run(extract_text, "The army bought a new attack helicopter.")
    assert events == []  # a kind of helicopter, not an attack


def test_the_kind_of_place_phrase_is_a_name_of_the_place(extract_text) -> None:  # type: ignore[no-untyped-def]
    ex, events = run(extract_text, "Fans clashed with police in the Italian port city of Genoa on Sunday")
    genoa = next(a for a in ex.actors if a.name == "Genoa")
    assert only(events, "Fighting")["location"] == ["Genoa"]
    assert "Italian port city of Genoa" in genoa.aliases


def test_a_place_with_its_state_is_a_name_of_the_place(extract_text) -> None:  # type: ignore[no-untyped-def]
    ex, events = run(extract_text, "A man was murdered in Dayton, Ohio, in 1989.")
    assert only(events, "Killing")["location"] == ["Dayton"]
    place = next(a for a in ex.actors if a.name == "Dayton")
    assert "Dayton, Ohio" in place.aliases


def test_a_name_with_its_title_words_is_a_name_of_the_actor(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "Republican presidential nominee Donald Trump urged Russia to find the emails."
    ex, events = run(extract_text, text)
    assert only(events, "Appeal")["agent"] == ["Donald Trump"]
    trump = next(a for a in ex.actors if a.name == "Donald Trump")
    assert "Republican presidential nominee Donald Trump" in trump.aliases


def test_a_friend_of_a_suspect_is_not_the_suspect(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "A court in Denver convicted a friend of Timothy McVeigh on Friday."
    _, events = run(extract_text, text)
    assert "Timothy McVeigh" not in only(events, "Conviction")["target"]
