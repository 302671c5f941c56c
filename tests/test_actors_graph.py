"""The shared actors graph: each actor described once, whatever the number of articles (issue 8)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pyoxigraph as ox

from kg import api
from kg.store import ACTORS_GRAPH, Store, best_name
from kg.vocab import KG

ACTORS = ox.NamedNode(ACTORS_GRAPH)
NAME = ox.NamedNode(str(KG.name))
ALIAS = ox.NamedNode(str(KG.alias))
REFERS = ox.NamedNode(str(KG.refersTo))
ID = "https://w3id.org/kg/id/"


def _article(n: int, names: dict[str, str]) -> tuple[str, list[ox.Quad]]:
    """An article graph whose mentions refer to the actors of ``names`` (key -> spelling)."""
    g = ox.NamedNode(f"{ID}graph-a{n}")
    quads = []
    for key, name in names.items():
        actor = ox.NamedNode(f"{ID}actor-{key}")
        quads.append(ox.Quad(ox.NamedNode(f"{ID}mention-a{n}-{key}"), REFERS, actor, g))
        quads.append(ox.Quad(actor, NAME, ox.Literal(name), ACTORS))
        quads.append(ox.Quad(actor, ALIAS, ox.Literal(name), ACTORS))
    return g.value, quads


def _described(db: Store) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for q in db.ox.quads_for_pattern(None, NAME, None, ACTORS):
        out.setdefault(q.subject.value.rsplit("-", 1)[-1], set()).add(q.object.value)
    return out


def test_one_name_per_actor_whatever_the_order_of_articles(tmp_path: Path) -> None:
    spellings = {1: "Harbour Authority>", 2: "HARBOUR AUTHORITY", 3: "Harbour Authority"}
    results = set()
    for order in itertools.permutations(spellings):
        db = Store(tmp_path / "-".join(map(str, order)), create=True)
        for n in order:
            db.replace_graphs(dict([_article(n, {"harbour": spellings[n]})]))
        assert _described(db) == {"harbour": {"Harbour Authority"}}
        aliases = {q.object.value for q in db.ox.quads_for_pattern(None, ALIAS, None, ACTORS)}
        assert aliases == set(spellings.values())  # every spelling stays findable
        results.add(frozenset(str(q) for q in db.ox))
        db.close()
    assert len(results) == 1  # the same quads whichever article came first


def test_the_store_and_the_vocabulary_name_the_same_actors_graph() -> None:
    from kg.vocab import ACTORS_GRAPH as VOCAB_ACTORS  # the store spells it out to keep rdflib lazy

    assert str(VOCAB_ACTORS) == ACTORS_GRAPH


def test_best_name_prefers_plain_mixed_case_then_shortest() -> None:
    assert best_name(["Port Authority>", "Port Authority"]) == "Port Authority"
    assert best_name(["PORT AUTHORITY", "Port Authority of Valmora"]) == "Port Authority of Valmora"
    assert best_name(["Port Authority of Valmora", "Port Authority"]) == "Port Authority"


def test_an_actor_no_article_names_any_more_leaves_the_actors_graph(tmp_path: Path) -> None:
    db = Store(tmp_path / "store", create=True)
    db.replace_graphs(dict([_article(1, {"berg": "Anna Berg", "lind": "Ola Lind"})]))
    db.replace_graphs(dict([_article(2, {"berg": "Anna Berg"})]))
    assert set(_described(db)) == {"berg", "lind"}
    # article 1 rebuilt without either: Lind is named nowhere now, Berg still by article 2
    db.replace_graphs(dict([_article(1, {"vik": "Per Vik"})]))
    assert set(_described(db)) == {"berg", "vik"}
    assert not list(db.ox.quads_for_pattern(ox.NamedNode(f"{ID}actor-lind"), None, None, None))
    db.replace_graphs(dict([_article(2, {})]))
    assert set(_described(db)) == {"vik"}


def test_a_built_store_names_each_actor_once_in_the_union(built_store: Path) -> None:
    db = Store(built_store, read_only=True)
    per_actor = list(
        db.query(
            f"SELECT ?a (COUNT(*) AS ?n) WHERE {{ ?a <{KG.name}> ?name }} GROUP BY ?a HAVING (COUNT(*) > 1)"
        )
    )
    assert per_actor == []
    graphs = {
        g.value for (g,) in db.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?a <{KG.name}> ?n }} }}")
    }
    assert graphs == {ACTORS_GRAPH}
    # and the actors graph is in every export: the Turtle union has the names
    stats = api.stats(store=built_store)
    assert stats["graphs"] == 5 and stats["actors"] > 10
