"""Exports parse with an independent strict parser; rebuilding changes nothing."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from rdflib import Dataset

from kg import api

from .conftest import EXAMPLES

RAPPER_SYNTAX = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "ntriples": "ntriples"}


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "ntriples"])
def test_export_parses_with_rapper(fmt: str, built_store: Path, tmp_path: Path) -> None:
    out = tmp_path / f"graph.{fmt}"
    api.export(store=built_store, out=out, fmt=fmt)
    r = subprocess.run(
        ["rapper", "-i", RAPPER_SYNTAX[fmt], "-c", str(out)], capture_output=True, text=True, check=False
    )
    assert r.returncode == 0, r.stderr
    count = int(re.search(r"returned (\d+) (?:triples|statements)", r.stderr)[1])  # type: ignore[index]
    stats = api.stats(store=built_store)
    assert count == (stats["quads"] if fmt in ("trig", "nquads") else stats["triples"])


def test_jsonld_export_parses(built_store: Path, tmp_path: Path) -> None:
    """rapper has no JSON-LD parser: rdflib reads it back, quad for quad."""
    out = tmp_path / "graph.jsonld"
    api.export(store=built_store, out=out)
    json.loads(out.read_text())
    ds = Dataset()
    ds.parse(out, format="json-ld")
    nq = tmp_path / "graph.nq"
    api.export(store=built_store, out=nq)
    assert len(set(ds.quads())) == sum(1 for line in nq.read_text().splitlines() if line.strip())


def test_turtle_is_the_union_without_duplicates(built_store: Path, tmp_path: Path) -> None:
    from rdflib import Graph

    ttl, nq = tmp_path / "g.ttl", tmp_path / "g.nq"
    api.export(store=built_store, out=ttl)
    api.export(store=built_store, out=nq)
    g = Graph().parse(ttl, format="turtle")
    assert len(g) == api.stats(store=built_store)["triples"]
    quads = Dataset().parse(nq, format="nquads")
    assert len(g) == len({(s, p, o) for s, p, o, _ in quads.quads()})


def test_building_twice_leaves_the_quad_count(store_path: Path, tmp_path: Path) -> None:
    api.build([EXAMPLES], store=store_path, date="2025-03-14")
    first = api.stats(store=store_path)
    api.build([EXAMPLES], store=store_path, date="2025-03-14", force=True)
    again = api.stats(store=store_path)
    # 3 articles, the actors, the ontology
    assert again["quads"] == first["quads"] and again["graphs"] == first["graphs"] == 5
    out1, out2 = tmp_path / "1.nq", tmp_path / "2.nq"
    api.export(store=store_path, out=out1)
    api.build([EXAMPLES / "port-strike.txt"], store=store_path, date="2025-03-14", force=True)
    api.export(store=store_path, out=out2)
    assert len(out1.read_text().splitlines()) == len(out2.read_text().splitlines())


def test_unchanged_articles_are_skipped(store_path: Path) -> None:
    api.build([EXAMPLES], store=store_path, date="2025-03-14")
    summary = api.build([EXAMPLES], store=store_path, date="2025-03-14")
    assert summary.articles == 0 and summary.skipped == 3


def test_export_one_graph(built_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "one.ttl"
    api.export(store=built_store, out=out, graph="https://w3id.org/kg/id/graph-port-strike")
    text = out.read_text()
    assert "port-strike" in text and "harbour-talks" not in text


def test_build_creates_missing_parent_directories(tmp_path: Path) -> None:
    store = tmp_path / "new" / "dir" / "store"
    summary = api.build([EXAMPLES / "port-strike.txt"], store=store, date="2025-03-14")
    assert summary.articles == 1 and api.stats(store=store)["articles"] == 1
