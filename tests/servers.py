"""Real SPARQL servers on free loopback ports, for the loading tests (issue 7).

``OxigraphServer`` runs the ``oxigraph`` CLI from the venv; ``VirtuosoServer``
runs Debian's ``virtuoso-t`` with a virtuoso.ini written into a temp dir,
listening on 127.0.0.1 only, with the dba password set through isql. Both are
stopped when their fixture ends, also when a test fails. Registered as pytest
fixtures through ``pytest_plugins = ["tests.servers"]`` in conftest.py.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

VIRTUOSO_PASSWORD = "kg-test-Secret-42"


def free_port() -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, proc: subprocess.Popen[bytes], *, timeout: float = 60.0) -> None:
    """Poll ``url`` until it answers (any HTTP status) or the process dies."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"no answer from {url} after {timeout} s")


def _stop(proc: subprocess.Popen[bytes] | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class OxigraphServer:
    """``oxigraph serve`` on a directory; can be stopped and started again on the same port."""

    def __init__(self, directory: Path, port: int | None = None) -> None:
        self.directory = directory
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> OxigraphServer:
        exe = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
        assert exe, "the oxigraph CLI is a dev dependency"
        self.proc = subprocess.Popen(
            [exe, "serve", "--location", str(self.directory), "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_http(self.url + "/query?query=ASK%7B%7D", self.proc, timeout=30)
        return self

    def stop(self) -> None:
        _stop(self.proc)

    def count(self) -> int:
        """Triples in all named graphs."""
        return sparql_count(self.url + "/query")


class VirtuosoServer:
    """Virtuoso 7 in a temp dir: SQL and HTTP ports on 127.0.0.1 only, dba's password changed."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.sql_port = free_port()
        self.http_port = free_port()
        self.url = f"http://127.0.0.1:{self.http_port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> VirtuosoServer:
        d = self.directory
        d.mkdir(parents=True, exist_ok=True)
        ini = d / "virtuoso.ini"
        ini.write_text(
            VIRTUOSO_INI.format(dir=d, sql_port=self.sql_port, http_port=self.http_port), encoding="utf-8"
        )
        self.proc = subprocess.Popen(
            ["virtuoso-t", "+foreground", "+configfile", str(ini)],
            cwd=d,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_http(self.url + "/sparql?query=ASK%7B%7D", self.proc, timeout=90)
        self.isql(f"USER_SET_PASSWORD('dba', '{VIRTUOSO_PASSWORD}');", password="dba")
        return self

    def isql(self, sql: str, *, password: str = VIRTUOSO_PASSWORD) -> str:
        out = subprocess.run(
            ["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", password, f"exec={sql}"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if out.returncode != 0 or "*** Error" in out.stdout + out.stderr:
            raise RuntimeError(f"isql failed: {out.stdout}{out.stderr}")
        return out.stdout

    def stop(self) -> None:
        _stop(self.proc)

    def count(self, graph_prefix: str = "https://w3id.org/kg/") -> int:
        """Triples in kg's graphs (Virtuoso keeps system graphs of its own)."""
        return sparql_count(self.url + "/sparql", graph_prefix)


def sparql_count(query_url: str, graph_prefix: str = "") -> int:
    """Triples in the named graphs whose IRI starts with ``graph_prefix``, by a real HTTP query."""
    import json
    import urllib.parse

    q = (
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{graph_prefix}")) }}'
    )
    data = urllib.parse.urlencode({"query": q}).encode()
    req = urllib.request.Request(query_url, data=data, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return int(json.load(r)["results"]["bindings"][0]["n"]["value"])


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadCleanupInterval = 0
ResourcesCleanupInterval = 0
DirsAllowed = ., {dir}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 5
ServerThreads = 5
MaxKeepAlives = 10
KeepAliveTimeout = 10
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 400
"""


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[OxigraphServer]:
    """A fresh Oxigraph server (read-write) on a free loopback port, for one test."""
    server = OxigraphServer(tmp_path / "oxigraph-db").start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """One Virtuoso per test session (start-up takes seconds); tests use their own graphs or clean up."""
    assert shutil.which("virtuoso-t"), "Virtuoso is a system dependency: run `make system-deps`"
    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso")).start()
    try:
        yield server
    finally:
        server.stop()


if __name__ == "__main__":  # manual use: python -m tests.servers virtuoso DIR
    kind, where = sys.argv[1], Path(sys.argv[2])
    srv: OxigraphServer | VirtuosoServer = (
        VirtuosoServer(where) if kind == "virtuoso" else OxigraphServer(where)
    ).start()
    sys.stdout.write(f"{srv.url} pid {srv.proc.pid if srv.proc else '?'}\n")
    sys.stdout.flush()
    try:
        if srv.proc:
            srv.proc.wait()
    except KeyboardInterrupt:
        srv.stop()
