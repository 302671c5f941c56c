"""``kg serve``: the store over the SPARQL 1.1 Protocol, answered to a real HTTP client (issue 7)."""

from __future__ import annotations

import json
import socket
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg import api
from kg.cli import cli
from kg.errors import RemoteError
from kg.serve import is_loopback
from tests.servers import free_port

pytestmark = pytest.mark.server


def test_serve_answers_sparql_over_http_like_the_local_store(built_store: Path, runner) -> None:
    port = free_port()
    with api.serve(store=built_store, port=port) as server:
        assert server.query_url == f"http://127.0.0.1:{port}/query"
        sparql = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a <https://w3id.org/kg/ontology#Article> }"
        body = urllib.parse.urlencode({"query": sparql}).encode()
        req = urllib.request.Request(
            server.query_url, data=body, headers={"Accept": "application/sparql-results+json"}
        )
        with urllib.request.urlopen(req, timeout=30) as r:
            assert r.status == 200
            answer = json.load(r)
        assert answer["results"]["bindings"][0]["n"]["value"] == "3"  # union of the article graphs

        here = runner.invoke(
            cli, ["query", "who-said-what", "--json", "--store", str(built_store), "-p", "actor="]
        )
        there = runner.invoke(
            cli,
            [
                "query",
                "who-said-what",
                "--json",
                "-p",
                "actor=",
                "--endpoint",
                server.url,
                "--target",
                "oxigraph",
            ],
        )
        assert there.exit_code == 0, there.output
        assert json.loads(there.stdout) == json.loads(here.stdout) != []
    assert server.proc.poll() is not None  # stopped with the block


def test_serve_refuses_a_non_loopback_bind(runner, built_store: Path) -> None:
    r = runner.invoke(cli, ["serve", "--host", "0.0.0.0", "--store", str(built_store)])
    assert r.exit_code == 2
    assert r.stderr == (
        "Error: [K064] Refusing to bind 0.0.0.0: not a loopback address. "
        "Pass --allow-remote to expose the store.\n"
    )


def test_serve_reports_a_taken_port_in_one_line(built_store: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(RemoteError, match=r"^\[K186\] The oxigraph server stopped at start-up: "):
            api.serve(store=built_store, port=port)


def test_loopback_names() -> None:
    assert is_loopback("localhost") and is_loopback("127.0.0.2") and is_loopback("[::1]")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.1")
