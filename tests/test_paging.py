"""`kg query --limit/--offset`: pages of rows in the query's own order."""

from __future__ import annotations

import json
from pathlib import Path

from kg.cli import cli


def _rows(runner, store: Path, *args: str) -> list[dict]:
    r = runner.invoke(cli, ["query", "who-said-what", "--json", "--store", str(store), "-p", "actor=", *args])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_pages_follow_one_another_in_the_query_order(runner, built_store: Path) -> None:
    everything = _rows(runner, built_store)
    assert len(everything) > 10
    pages = [
        _rows(runner, built_store, "--limit", "4", "--offset", str(n)) for n in range(0, len(everything), 4)
    ]
    assert all(len(p) == 4 for p in pages[:-1]) and 1 <= len(pages[-1]) <= 4
    assert [row for p in pages for row in p] == everything
    assert _rows(runner, built_store, "--offset", str(len(everything))) == []


def test_a_query_with_its_own_limit_is_not_paged(runner, built_store: Path, tmp_path: Path) -> None:
    rq = tmp_path / "top.rq"
    rq.write_text(
        "# title: Top\n# description: Three statements.\n"
        "SELECT ?s WHERE { ?s a <https://w3id.org/kg/ontology#Statement> } ORDER BY ?s\nLIMIT 3\n"
    )
    own = runner.invoke(cli, ["query", str(rq), "--json", "--store", str(built_store)])
    assert own.exit_code == 0 and len(json.loads(own.stdout)) == 3
    paged = runner.invoke(cli, ["query", str(rq), "--limit", "2", "--store", str(built_store)])
    assert paged.exit_code == 2
    assert paged.stderr.count("\n") == 1 and paged.stderr.startswith("Error: [K027] "), paged.stderr
