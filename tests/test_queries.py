"""Every bundled query file has a complete header and runs on a built store."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import api
from kg.queries import list_queries

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
