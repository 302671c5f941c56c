"""Every bundled query file has a complete header and runs on a built store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg import api
from kg.queries import list_queries

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

QUERIES = list_queries()
SAMPLE_VALUES = {"xsd:string": "a", "xsd:date": "2025-03-14", "xsd:integer": "1"}


def test_there_are_bundled_queries() -> None:
    assert {"who-said-what", "events-by-actor", "actors"} <= {q.name for q in QUERIES}


@pytest.mark.parametrize("q", QUERIES, ids=[q.name for q in QUERIES])
def test_header_is_complete(q) -> None:  # type: ignore[no-untyped-def]
    assert q.title and q.description
    assert q.example.startswith(f"kg query {q.name}")
    for p in q.params:
        assert f"?{p.name}" in q.text.split("\n", len(q.params) + 4)[-1] or f"?{p.name}" in q.text


@pytest.mark.parametrize("q", QUERIES, ids=[q.name for q in QUERIES])
def test_runs_on_the_examples(q, built_store: Path) -> None:  # type: ignore[no-untyped-def]
    params = {
        p.name: SAMPLE_VALUES.get(p.datatype, "https://w3id.org/kg/id/x") for p in q.params if not p.optional
    }
    result = api.query(q.name, store=built_store, params=params)
    assert result.columns
    if not q.params or all(p.optional for p in q.params):
        assert result.rows, f"{q.name} returned nothing on the examples"


@pytest.fixture(scope="module")
def doubled_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples twice, under different article ids: every actor is named in two article graphs."""
    folder = tmp_path_factory.mktemp("doubled")
    lines = [
        json.dumps({"id": f"{p.stem}-{copy}", "text": p.read_text(encoding="utf-8"), "date": "2025-03-14"})
        for copy in ("a", "b")
        for p in sorted(EXAMPLES.glob("*.txt"))
    ]
    (folder / "twice.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    api.build([folder / "twice.jsonl"], store=folder / "store")
    return folder / "store"


# Rows are one per statement or event: twice the articles, twice the rows (not four times).
PER_ITEM = ["who-said-what", "events-by-actor", "timeline", "casualties", "relay-chains"]
# Rows are one per actor, dyad or role: the same rows, whatever the number of articles naming them.
PER_ACTOR = ["actors", "most-quoted", "dyads", "actor-roles"]
# Required parameters, given a value that every row matches (an empty name is part of every name).
EVERY = {"who-said-what": {"actor": ""}}


@pytest.mark.parametrize("name", PER_ITEM)
def test_one_row_per_item_when_actors_recur(name: str, built_store: Path, doubled_store: Path) -> None:
    once = api.query(name, store=built_store, params=EVERY.get(name)).rows
    twice = api.query(name, store=doubled_store, params=EVERY.get(name)).rows
    assert once and len(twice) == 2 * len(once)


@pytest.mark.parametrize("name", PER_ACTOR)
def test_one_row_per_actor_when_actors_recur(name: str, built_store: Path, doubled_store: Path) -> None:
    once = api.query(name, store=built_store)
    twice = api.query(name, store=doubled_store)
    assert once.rows and len(twice.rows) == len(once.rows)
    counts = [c for c in ("mentions", "statements", "events") if c in once.columns]
    for col in counts:  # each mention, statement or event is counted once per article that has it
        i = once.columns.index(col)
        assert sorted(2 * int(r[i]) for r in once.rows) == sorted(int(r[i]) for r in twice.rows)


def test_relay_chain_names_each_relay_once(doubled_store: Path) -> None:
    result = api.query("relay-chains", store=doubled_store)
    chain, steps = result.columns.index("chain"), result.columns.index("steps")
    assert all(len(str(r[chain]).split(" < ")) == int(r[steps]) for r in result.rows)


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("actor-mentions", {"actor": "a"}),
        ("statements-about", {"actor": "a"}),
        ("who-said-what", {"actor": "a"}),
        ("events-by-actor", {"actor": "a"}),
    ],
)
def test_name_filters_scale_with_the_articles(
    name: str, params: dict[str, str], built_store: Path, doubled_store: Path
) -> None:
    once = api.query(name, store=built_store, params=params).rows
    twice = api.query(name, store=doubled_store, params=params).rows
    assert once and len(twice) == 2 * len(once)
