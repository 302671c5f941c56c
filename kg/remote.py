"""Load the local store into an external SPARQL store, and query one (issue 7).

Data goes over the Graph Store HTTP Protocol (plain HTTP through ``requests``):
it is the fast path on every store measured (DESIGN.md). Control statements
(``DROP SILENT GRAPH``) and remote queries go through SPARQLWrapper. Each target
preset knows its server's paths and quirks; ``generic`` needs only a SPARQL 1.1
Update endpoint.

A load is resumable: after each batch the loaded graphs' versions are written to
a manifest beside the store (``<store>.remote.json``), so a re-run skips what is
already there and a run that fails part-way says how far it got. Every batch is
checked by counting the remote triples, because some servers (Virtuoso) answer
200 to bodies they ignore.

Secrets are read from the environment or ``~/.netrc`` only, and never appear in
a log line, a dry-run plan or an error message.
"""

from __future__ import annotations

import html
import io
import json
import logging
import os
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from kg.errors import KgError, RemoteError, StoreError
from kg.resources import DEFAULT_STORE

log = logging.getLogger(__name__)

PROV_ENDED = "http://www.w3.org/ns/prov#endedAtTime"
MANIFEST_SUFFIX = ".remote.json"
NL = b"\n"


@dataclass(frozen=True)
class Target:
    """What one kind of SPARQL store calls its endpoints, and how it likes its data.

    ``style`` is how data is sent: ``dataset`` POSTs N-Quads of many graphs to
    ``data`` after one ``DROP SILENT GRAPH`` update per batch; ``graph`` PUTs
    N-Triples to ``data?graph=IRI`` (one graph per request); ``update`` uses
    SPARQL ``INSERT DATA`` when the store has no Graph Store endpoint.
    """

    name: str
    query: str
    update: str
    data: str | None
    style: str
    batch: int
    suffixes: tuple[str, ...] = ()
    update_auth: str | None = None  # the update path when credentials are given
    data_auth: str | None = None  # the data path when credentials are given
    graph_param: str = "graph"
    scheme: str = "basic"
    union: tuple[str, str] | None = None  # ("param", name) or ("default-graph", IRI)
    data_query: str = ""  # added to data POSTs, e.g. the server's bulk-load switches
    note: str = ""


TARGETS: dict[str, Target] = {
    t.name: t
    for t in (
        # no_transaction + lenient: the server's bulk loader, without re-validating IRIs that came out of
        # Oxigraph; a batch cut short is dropped and sent again by the next run (it is not in the manifest).
        # The bulk loader pays per request, so batches are bigger than the ~10k best for transactions.
        Target(
            "oxigraph",
            "/query",
            "/update",
            "/store",
            "dataset",
            50_000,
            suffixes=("/query", "/update", "/store"),
            union=("param", "union-default-graph"),
            data_query="no_transaction&lenient",
            note="queries need union-default-graph (sent per query)",
        ),
        Target(
            "fuseki",
            "/query",
            "/update",
            "/data",
            "dataset",
            10_000,
            suffixes=("/query", "/sparql", "/update", "/data", "/get"),
            union=("default-graph", "urn:x-arq:UnionGraph"),
            note="the endpoint is the dataset URL, e.g. http://host:3030/ds",
        ),
        Target(
            "virtuoso",
            "/sparql",
            "/sparql",
            "/sparql-graph-crud",
            "graph",
            200_000,
            suffixes=("/sparql-graph-crud-auth", "/sparql-graph-crud", "/sparql-auth", "/sparql"),
            update_auth="/sparql-auth",
            data_auth="/sparql-graph-crud-auth",
            scheme="digest",
            note="one graph per request; a 200 is not proof, so counts are checked",
        ),
        Target(
            "graphdb",
            "",
            "/statements",
            "/statements",
            "dataset",
            10_000,
            suffixes=("/statements", "/rdf-graphs/service"),
            note="the endpoint is the repository URL, e.g. http://host:7200/repositories/news",
        ),
        Target(
            "blazegraph",
            "",
            "",
            "",
            "dataset",
            10_000,
            note="the endpoint is the namespace's SPARQL URL, in quads mode",
        ),
        Target(
            "generic",
            "",
            "",
            None,
            "update",
            1_000,
            note="SPARQL 1.1 Update only, unless --graph-store is given",
        ),
    )
}


@dataclass(frozen=True)
class Credentials:
    """Who to authenticate as; the secret never shows in ``repr``."""

    user: str | None = None
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)
    scheme: str = "basic"
    source: str = ""  # where the secret came from, for the dry-run plan ("$VAR", "~/.netrc")

    def describe(self) -> str:
        if self.token:
            return f"bearer token from {self.source}"
        if self.user:
            return f"{self.scheme} auth as {self.user} (password from {self.source})"
        return "no authentication"


def read_credentials(
    url: str,
    *,
    user: str | None = None,
    password_env: str | None = None,
    token_env: str | None = None,
    scheme: str | None = None,
    default_scheme: str = "basic",
) -> Credentials | None:
    """Credentials from environment variables, else from ``~/.netrc`` (or ``$NETRC``), else none."""
    if token_env:
        token = os.environ.get(token_env)
        if not token:
            raise RemoteError("K063", name=token_env)
        return Credentials(token=token, source=f"${token_env}")
    if password_env:
        password = os.environ.get(password_env)
        if password is None:
            raise RemoteError("K063", name=password_env)
        if not user:
            raise RemoteError("K187", host=_host(url))
        return Credentials(user, password, scheme=scheme or default_scheme, source=f"${password_env}")
    found = _from_netrc(url)
    if found and (user is None or found[0] == user):
        return Credentials(found[0], found[1], scheme=scheme or default_scheme, source="~/.netrc")
    if user:
        raise RemoteError("K187", host=_host(url))
    return None


def _from_netrc(url: str) -> tuple[str, str] | None:
    import netrc

    path = Path(os.environ.get("NETRC") or Path.home() / ".netrc")
    if not path.is_file():
        return None
    try:
        entry = netrc.netrc(str(path)).authenticators(_host(url))
    except (netrc.NetrcParseError, OSError) as e:
        reason = getattr(e, "msg", None) or type(e).__name__
        raise RemoteError("K183", path=path, reason=reason) from e
    if not entry or not entry[0] or entry[2] is None:
        return None
    return entry[0], entry[2]


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


def public_url(url: str) -> str:
    """The URL without any ``user:password@`` part, for messages and logs."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def _server_message(body: bytes | str | None) -> str:
    """The server's own error text as one short line (HTML tags and whitespace removed)."""
    if body is None:
        return ""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    text = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", text)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = " ".join(text.split())
    return text[:300] + ("…" if len(text) > 300 else "")


class _TransientError(Exception):
    """A failure worth retrying: no connection, a timeout, or a 5xx answer."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


class Endpoint:
    """One remote store: its query, update and data URLs, credentials and retry policy."""

    def __init__(
        self,
        url: str,
        *,
        target: str = "generic",
        graph_store: str | None = None,
        credentials: Credentials | None = None,
        retries: int = 3,
        backoff: float = 0.5,
        timeout: float = 120.0,
    ) -> None:
        if target not in TARGETS:
            raise KgError("K010", what="target", name=target, choices=", ".join(TARGETS))
        for u in (url, graph_store):
            if u is not None and urlsplit(u).scheme not in ("http", "https"):
                raise RemoteError("K185", url=public_url(u))
        self.target = TARGETS[target]
        self.credentials = credentials
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        t = self.target
        base = url.rstrip("/")
        for suffix in t.suffixes:
            if base.endswith(suffix):
                base = base[: -len(suffix)]
                break
        authed = credentials is not None
        self.query_url = base + t.query
        self.update_url = base + (t.update_auth if authed and t.update_auth else t.update)
        data = t.data_auth if authed and t.data_auth else t.data
        self.data_url = graph_store or (None if data is None else base + data)
        self.style = "graph" if (graph_store and t.style == "update") else t.style
        if self.style != "update" and self.data_url is None:  # pragma: no cover - table invariant
            self.style = "update"
        self._session: Any = None
        self._opener: Any = None

    @property
    def name(self) -> str:
        """The key of this endpoint in the manifest: where its data goes, without credentials."""
        return public_url(self.data_url or self.update_url)

    # -- HTTP plumbing ----------------------------------------------------------
    def _retry(self, url: str, call: Callable[[], Any]) -> Any:
        """Run ``call``, retrying with exponential backoff on connection errors and 5xx."""
        for attempt in range(self.retries + 1):
            try:
                return call()
            except _TransientError as e:
                if attempt == self.retries:
                    if e.status is None:
                        raise RemoteError("K062", url=public_url(url), reason=e.reason) from None
                    raise RemoteError("K060", url=public_url(url), reason=e.reason) from None
                delay = self.backoff * 2**attempt
                log.debug("%s: %s; retrying in %.1f s", public_url(url), e.reason, delay)
                time.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _fail(self, url: str, status: int, body: bytes | str | None) -> None:
        """Raise the error a non-2xx answer means (5xx ones as retryable)."""
        message = _server_message(body)
        if status >= 500:
            raise _TransientError(f"HTTP {status}: {message}" if message else f"HTTP {status}", status)
        if status in (401, 403):
            c = self.credentials
            hint = (
                f"the credentials from {c.source}"
                if c
                else "--user with --password-env, --token-env or ~/.netrc"
            )
            raise RemoteError("K061", url=public_url(url), status=status, hint=hint)
        reason = f"HTTP {status}: {message}" if message else f"HTTP {status}"
        raise RemoteError("K060", url=public_url(url), reason=reason)

    def _requests(self) -> Any:
        if self._session is None:
            import requests
            from requests.auth import HTTPBasicAuth, HTTPDigestAuth

            s = requests.Session()
            s.trust_env = False  # credentials come from us only (no implicit netrc, no proxies on loopback)
            c = self.credentials
            if c and c.token:
                s.headers["Authorization"] = f"Bearer {c.token}"
            elif c and c.user:
                s.auth = (
                    HTTPDigestAuth(c.user, c.password or "")
                    if c.scheme == "digest"
                    else HTTPBasicAuth(c.user, c.password or "")
                )
            self._session = s
        return self._session

    def send(
        self, method: str, url: str, body: bytes, content_type: str, params: dict[str, str] | None = None
    ) -> None:
        """One Graph Store request (PUT or POST of RDF), retried on transient failures."""
        import requests

        session = self._requests()

        def call() -> None:
            try:
                r = session.request(
                    method,
                    url,
                    params=params,
                    data=body,
                    timeout=self.timeout,
                    headers={"Content-Type": content_type},
                )
            except (requests.ConnectionError, requests.Timeout) as e:
                raise _TransientError(_reason(e)) from None
            if r.status_code >= 300:
                self._fail(url, r.status_code, r.content)

        self._retry(url, call)

    def _wrapper(self, url: str) -> Any:
        """A SPARQLWrapper whose HTTP goes through our own opener (no global state, no secret in logs)."""
        from SPARQLWrapper import POST, SPARQLWrapper

        if self._opener is None:
            handlers: list[Any] = []
            c = self.credentials
            if c and c.user and not c.token and c.scheme == "digest":
                mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
                mgr.add_password(None, url, c.user, c.password or "")
                mgr.add_password(None, self.update_url, c.user, c.password or "")
                mgr.add_password(None, self.query_url, c.user, c.password or "")
                handlers.append(urllib.request.HTTPDigestAuthHandler(mgr))
            self._opener = urllib.request.build_opener(*handlers)
        opener = self._opener
        timeout = self.timeout

        class Wrapper(SPARQLWrapper):
            def _query(self) -> Any:  # the one method that opens the connection
                return opener.open(self._createRequest(), timeout=timeout), self.returnFormat

        sw = Wrapper(url, updateEndpoint=url)
        sw.setMethod(POST)
        c = self.credentials
        if c and c.token:
            sw.addCustomHttpHeader("Authorization", f"Bearer {c.token}")
        elif c and c.user and c.scheme == "basic":
            import base64

            pair = base64.b64encode(f"{c.user}:{c.password or ''}".encode()).decode()
            sw.addCustomHttpHeader("Authorization", f"Basic {pair}")
        return sw

    def _sparql(self, url: str, text: str, *, fmt: str | None = None, union: bool = False) -> bytes:
        """Send one SPARQL query or update through SPARQLWrapper; returns the raw response body."""
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        def call() -> bytes:
            sw = self._wrapper(url)
            sw.setQuery(text)
            if fmt:  # SPARQLWrapper sets both Accept and the format=... parameter Virtuoso reads
                sw.setReturnFormat(fmt)
            if union and self.target.union:
                kind, value = self.target.union
                if kind == "param":
                    sw.addParameter(value, "true")
                else:
                    sw.addDefaultGraph(value)
            try:
                response = sw.query().response
                return response.read()
            except urllib.error.HTTPError as e:
                self._fail(url, e.code, _read(e))
            except SPARQLWrapperException as e:
                status = {
                    "QueryBadFormed": 400,
                    "Unauthorized": 401,
                    "EndPointNotFound": 404,
                    "URITooLong": 414,
                    "EndPointInternalError": 500,
                }.get(type(e).__name__, 500)
                self._fail(url, status, getattr(e, "response", None))
            except (urllib.error.URLError, OSError) as e:
                raise _TransientError(_reason(e)) from None
            raise AssertionError("unreachable")  # pragma: no cover

        return self._retry(url, call)

    def update(self, text: str) -> None:
        """A SPARQL 1.1 Update request."""
        self._sparql(self.update_url, text)

    def select(self, text: str, *, union: bool = False) -> tuple[list[str], list[dict[str, Any]]]:
        """A SELECT query: its variables and its JSON bindings."""
        body = self._sparql(self.query_url, text, fmt="json", union=union)
        try:
            data = json.loads(body)
            return list(data["head"].get("vars", [])), list(data["results"]["bindings"])
        except (ValueError, KeyError, TypeError) as e:
            raise RemoteError(
                "K189", url=public_url(self.query_url), reason=_server_message(body)[:120]
            ) from e

    def ask(self, text: str, *, union: bool = False) -> bool:
        body = self._sparql(self.query_url, text, fmt="json", union=union)
        try:
            return bool(json.loads(body)["boolean"])
        except (ValueError, KeyError, TypeError) as e:
            raise RemoteError(
                "K189", url=public_url(self.query_url), reason=_server_message(body)[:120]
            ) from e

    def construct(self, text: str, *, union: bool = False) -> list[list[str | None]]:
        import pyoxigraph as ox

        body = self._sparql(self.query_url, text, fmt="turtle", union=union)
        try:
            triples = list(ox.parse(body, format=ox.RdfFormat.TURTLE))
        except SyntaxError as e:
            raise RemoteError("K189", url=public_url(self.query_url), reason=str(e).splitlines()[0]) from e
        return [[t.subject.value, t.predicate.value, t.object.value] for t in triples]

    def count_graphs(self, graphs: list[str]) -> dict[str, int]:
        """Remote triple count of each graph (0 when absent)."""
        values = " ".join(f"<{g}>" for g in graphs)
        _, rows = self.select(
            f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} "
            f"GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
        )
        counts = dict.fromkeys(graphs, 0)
        for row in rows:
            counts[row["g"]["value"]] = int(row["n"]["value"])
        return counts


def _reason(e: BaseException) -> str:
    """A short, secret-free reason for a connection failure."""
    inner: BaseException | None = e
    while inner is not None:
        if isinstance(inner, ConnectionRefusedError):
            return "connection refused"
        if isinstance(inner, TimeoutError):
            return "timed out"
        if isinstance(inner, ConnectionResetError):
            return "connection reset by the server"
        inner = inner.__cause__ or inner.__context__ or getattr(inner, "reason", None)
        if not isinstance(inner, BaseException):
            break
    text = str(getattr(e, "reason", e))
    return re.sub(r"//[^/@\s]+@", "//", text).splitlines()[0][:160] if text else type(e).__name__


def _read(e: urllib.error.HTTPError) -> bytes:
    try:
        return e.read()
    except OSError:
        return b""


# -- loading ----------------------------------------------------------------------


@dataclass
class LoadSummary:
    """What a load did (or, with ``dry_run``, would do)."""

    endpoint: str
    graphs: int = 0
    skipped: int = 0
    triples: int = 0
    requests: int = 0
    seconds: float = 0.0
    manifest: Path | None = None
    plan: list[str] = field(default_factory=list)


@dataclass
class _Graph:
    iri: str
    version: str | None
    body: bytes  # N-Triples
    count: int


class Manifest:
    """Which graph versions each endpoint holds, in a JSON file beside the store."""

    def __init__(self, path: Path, endpoint: str) -> None:
        self.path = path
        self.endpoint = endpoint
        self.data: dict[str, Any] = {"version": 1, "endpoints": {}}
        if path.is_file():
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(loaded, dict) and isinstance(loaded.get("endpoints"), dict):
                    self.data = loaded
            except (OSError, ValueError):
                log.warning("%s: unreadable load manifest; every graph will be sent again", path)
        self.graphs: dict[str, str] = self.data["endpoints"].setdefault(endpoint, {}).setdefault("graphs", {})

    def record(self, graphs: list[_Graph]) -> None:
        for g in graphs:
            if g.version is not None:
                self.graphs[g.iri] = g.version
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            tmp.write_text(json.dumps(self.data, indent=1, sort_keys=True), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as e:
            raise StoreError("K188", path=self.path, reason=e.strerror) from e


def manifest_path(store: str | Path) -> Path:
    """The manifest of a store: ``kg-store`` → ``kg-store.remote.json`` beside it."""
    p = Path(store)
    return p.with_name(p.name + MANIFEST_SUFFIX)


def graph_versions(db: Any) -> dict[str, str | None]:
    """Graph IRI → version: the content hash @ build time, or a digest of the quads for the actors graph."""
    from kg.vocab import KG

    q = (
        f"SELECT ?g (SAMPLE(?h) AS ?hash) (MAX(STR(?t)) AS ?built) WHERE {{ GRAPH ?g {{ "
        f"?a <{KG.contentHash}> ?h OPTIONAL {{ ?x <{PROV_ENDED}> ?t }} }} }} GROUP BY ?g"
    )
    found = {}
    for row in db.ox.query(q):
        built = row["built"].value if row["built"] is not None else ""
        found[row["g"].value] = f"{row['hash'].value}@{built}" if built else row["hash"].value
    return {g: found.get(g) or _digest(db, g) for g in db.graphs()}


def _digest(db: Any, graph: str) -> str:
    """A graph without a content hash (the actors graph, merged from every article) is versioned by its quads.

    Oxigraph lists a graph's quads in index order, the same for the same content.
    """
    import hashlib

    import pyoxigraph as ox

    quads = db.ox.quads_for_pattern(None, None, None, ox.NamedNode(graph))
    body = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    return "sha256-" + hashlib.sha256(body or b"").hexdigest()


def _batches(
    db: Any, todo: list[str], versions: dict[str, str | None], limit: int, *, nquads: bool
) -> Iterator[list[_Graph]]:
    """Graphs read one at a time (N-Quads or N-Triples), grouped up to ``limit`` triples.

    A graph bigger than ``limit`` goes alone (and is sent in pieces).
    """
    import pyoxigraph as ox

    batch: list[_Graph] = []
    size = 0
    for iri in todo:
        if nquads:
            # no local name for the iterator: pyoxigraph's iterators must die on the thread that made them
            body = (
                ox.serialize(
                    db.ox.quads_for_pattern(None, None, None, ox.NamedNode(iri)), format=ox.RdfFormat.N_QUADS
                )
                or b""
            )
        else:
            buf = io.BytesIO()
            db.dump(buf, ox.RdfFormat.N_TRIPLES, graph=iri)
            body = buf.getvalue()
        graph = _Graph(iri, versions.get(iri), body, body.count(b"\n"))
        if batch and size + graph.count > limit:
            yield batch
            batch, size = [], 0
        batch.append(graph)
        size += graph.count
    if batch:
        yield batch


def _prefetch(items: Iterator[list[_Graph]]) -> Iterator[list[_Graph]]:
    """Read the next batch from the store while the server digests the current one (at most one ahead)."""
    import queue
    import threading

    slots: queue.Queue[Any] = queue.Queue(maxsize=1)
    done = object()
    stop = threading.Event()

    def put(item: Any) -> bool:
        while not stop.is_set():  # the consumer may have given up: never block for good
            try:
                slots.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(item):
                    return
            put(done)
        except BaseException as e:  # handed to the consumer, which re-raises it
            put(e)

    worker = threading.Thread(target=produce, name="kg-load-reader", daemon=True)
    worker.start()
    try:
        while True:
            item = slots.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        worker.join()


_OBJECT_BNODE = re.compile(rb" (_:\S+) (?:<[^>]*> )?\.\r?\n?$")


def _chunks(body: bytes, limit: int) -> Iterator[bytes]:
    """N-Triples (or N-Quads) split at line ends into pieces of at most ``limit`` triples.

    A blank-node label means one node only within one request, so the triples
    linked through blank nodes (an OWL restriction, an RDF list) stay in one piece.
    """
    lines = body.splitlines(keepends=True)
    if b"_:" not in body:
        for i in range(0, max(len(lines), 1), limit):
            yield b"".join(lines[i : i + limit])
        return
    parent: dict[bytes, bytes] = {}

    def find(x: bytes) -> bytes:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    labels: list[list[bytes]] = []
    for line in lines:
        found = [line.split(b" ", 1)[0]] if line.startswith(b"_:") else []
        m = _OBJECT_BNODE.search(line)
        if m:
            found.append(m.group(1))
        for other in found[1:]:
            parent[find(other)] = find(found[0])
        labels.append(found)
    groups: dict[bytes | int, list[bytes]] = {}
    for i, (line, found) in enumerate(zip(lines, labels, strict=True)):
        groups.setdefault(find(found[0]) if found else i, []).append(line)
    piece: list[bytes] = []
    for group in groups.values():
        if piece and len(piece) + len(group) > limit:
            yield b"".join(piece)
            piece = []
        piece.extend(group)
    if piece:
        yield b"".join(piece)


class _Loader:
    """Sends batches of graphs to one endpoint in its preferred style."""

    def __init__(self, endpoint: Endpoint, *, dry_run: bool, limit: int) -> None:
        self.ep = endpoint
        self.dry_run = dry_run
        self.limit = limit
        self.requests = 0
        self.plan: list[str] = []

    def _do(self, line: str, action: Callable[[], None]) -> None:
        self.requests += 1
        if self.dry_run:
            self.plan.append(line)
        else:
            action()

    def send(self, batch: list[_Graph]) -> None:
        ep = self.ep
        if ep.style == "dataset":
            drops = " ;\n".join(f"DROP SILENT GRAPH <{g.iri}>" for g in batch)
            self._do(
                f"POST {public_url(ep.update_url)}  SPARQL Update: DROP SILENT GRAPH × {len(batch)}",
                lambda: ep.update(drops),
            )
            for g in batch:
                if g.count > self.limit:  # a graph bigger than a batch: in pieces (see _chunks)
                    for piece in _chunks(g.body, self.limit):
                        part = _Graph(g.iri, g.version, piece, piece.count(b"\n"))
                        self._post_quads([part])
            small = [g for g in batch if g.count <= self.limit]
            if small:
                self._post_quads(small)
        elif ep.style == "graph":
            for g in batch:
                for i, piece in enumerate(_chunks(g.body, self.limit)):
                    method = "PUT" if i == 0 else "POST"
                    n = piece.count(b"\n")
                    self._do(
                        f"{method} {public_url(ep.data_url or '')}?{ep.target.graph_param}=<{g.iri}>  "
                        f"N-Triples, {n} triples",
                        lambda m=method, p=piece, iri=g.iri: ep.send(  # type: ignore[misc]
                            m, ep.data_url or "", p, "application/n-triples", {ep.target.graph_param: iri}
                        ),
                    )
        else:
            for g in batch:
                for i, piece in enumerate(_chunks(g.body, self.limit)):
                    drop = f"DROP SILENT GRAPH <{g.iri}> ;\n" if i == 0 else ""
                    data = piece.decode("utf-8")
                    # Virtuoso refuses blank nodes in INSERT DATA; INSERT {...} WHERE {} takes them anywhere.
                    text = (
                        f"{drop}INSERT {{ GRAPH <{g.iri}> {{\n{data}}} }} WHERE {{}}"
                        if "_:" in data
                        else f"{drop}INSERT DATA {{ GRAPH <{g.iri}> {{\n{data}}} }}"
                    )
                    what = ("DROP SILENT GRAPH + " if drop else "") + f"INSERT DATA <{g.iri}>"
                    self._do(
                        f"POST {public_url(ep.update_url)}  SPARQL Update: {what}, {piece.count(NL)} triples",
                        lambda t=text: ep.update(t),
                    )  # type: ignore[misc]

    def _post_quads(self, graphs: list[_Graph]) -> None:
        body = b"".join(g.body for g in graphs)  # already N-Quads (see _batches)
        n = sum(g.count for g in graphs)
        url = self.ep.data_url or ""
        if self.ep.target.data_query:
            url += ("&" if "?" in url else "?") + self.ep.target.data_query
        self._do(
            f"POST {public_url(url)}  N-Quads, {len(graphs)} graphs, {n} triples",
            lambda: self.ep.send("POST", url, body, "application/n-quads"),
        )

    def verify(self, batch: list[_Graph]) -> None:
        """Check that the remote store now holds exactly the triples sent, graph by graph."""
        self.requests += 1
        if self.dry_run:
            url = public_url(self.ep.query_url)
            self.plan.append(f"POST {url}  SELECT: triple count of {len(batch)} graphs")
            return
        counts = self.ep.count_graphs([g.iri for g in batch])
        for g in batch:
            if counts.get(g.iri, 0) != g.count:
                raise RemoteError(
                    "K181",
                    url=public_url(self.ep.data_url or self.ep.update_url),
                    graph=g.iri,
                    remote=counts.get(g.iri, 0),
                    local=g.count,
                )


def push(
    *,
    endpoint: str,
    store: str | Path = DEFAULT_STORE,
    target: str = "generic",
    graph_store: str | None = None,
    user: str | None = None,
    password_env: str | None = None,
    token_env: str | None = None,
    auth: str | None = None,
    force: bool = False,
    dry_run: bool = False,
    batch_size: int | None = None,
    retries: int = 3,
    backoff: float = 0.5,
    timeout: float = 120.0,
    progress: Callable[[int], None] | None = None,
) -> LoadSummary:
    """Load every named graph of the store (articles and the ontology) into a remote SPARQL store.

    Each graph replaces its remote namesake, so loading twice changes nothing.
    Graphs whose version the manifest already records for this endpoint are
    skipped unless ``force``. Memory stays bounded by one batch.

    Args:
        endpoint: the server's SPARQL endpoint or base URL (the ``target`` preset derives the rest).
        graph_store: the Graph Store endpoint, where it is not the preset's.
        user, password_env, token_env, auth: credentials (secrets only from the environment or ~/.netrc).
        batch_size: triples per request (default: the target's).
        progress: called with the number of graphs done after each batch.

    Raises:
        RemoteError: the server refused a request or stayed unreachable after ``retries``;
            when some graphs were loaded first, the message says how many (K180).
    """
    from kg.store import Store
    from kg.vocab import ONTOLOGY_GRAPH

    started = time.perf_counter()
    preset = TARGETS.get(target)
    if preset is None:
        raise KgError("K010", what="target", name=target, choices=", ".join(TARGETS))
    credentials = read_credentials(
        graph_store or endpoint,
        user=user,
        password_env=password_env,
        token_env=token_env,
        scheme=auth,
        default_scheme=preset.scheme,
    )
    ep = Endpoint(
        endpoint,
        target=target,
        graph_store=graph_store,
        credentials=credentials,
        retries=retries,
        backoff=backoff,
        timeout=timeout,
    )
    db = Store(store, read_only=True)
    versions = graph_versions(db)
    onto = str(ONTOLOGY_GRAPH)
    order = sorted(versions, key=lambda g: (g != onto, g))
    manifest = Manifest(manifest_path(store), ep.name)
    todo = [g for g in order if force or versions[g] is None or manifest.graphs.get(g) != versions[g]]
    summary = LoadSummary(public_url(endpoint), skipped=len(order) - len(todo), manifest=manifest.path)
    loader = _Loader(ep, dry_run=dry_run, limit=batch_size or preset.batch)
    if dry_run:
        who = credentials.describe() if credentials else "no authentication"
        loader.plan.append(
            f"# {ep.target.name}: {ep.style} style, {who}; {len(todo)} graphs to send, "
            f"{summary.skipped} unchanged"
        )
    batches = _batches(db, todo, versions, loader.limit, nquads=ep.style == "dataset")
    for batch in _prefetch(batches):
        try:
            loader.send(batch)
            loader.verify(batch)
        except RemoteError as e:
            if summary.graphs:
                raise RemoteError(
                    "K180",
                    reason=_plain_message(e),
                    loaded=summary.graphs,
                    total=len(todo),
                    manifest=manifest.path,
                ) from e
            raise
        if not dry_run:
            manifest.record(batch)
        summary.graphs += len(batch)
        summary.triples += sum(g.count for g in batch)
        if progress:
            progress(len(batch))
    summary.requests = loader.requests
    summary.plan = loader.plan
    summary.seconds = time.perf_counter() - started
    log.info("loaded %d graphs (%d triples) into %s", summary.graphs, summary.triples, summary.endpoint)
    return summary


def _plain_message(e: KgError) -> str:
    """A KgError's message without its ``[Kxxx]`` prefix, to nest it in another one."""
    from kg.errors import MESSAGES

    return MESSAGES[e.code].format(**e.fields)


# -- remote queries -----------------------------------------------------------------

# Tokens that matter to find the query form: IRIs, strings and comments are skipped whole.
_TOKEN = re.compile(
    r'(?P<iri><[^<>"{}|^`\\\s]*>)|(?P<str>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')|(?P<comment>#[^\n]*)|(?P<var>[?$]\w+)|(?P<word>[A-Za-z_][\w-]*(?::[\w.-]*)?)|(?P<brace>\{)|.',
    re.S,
)


def query(
    sparql: str,
    bindings: dict[str, Any],
    *,
    endpoint: str,
    target: str = "generic",
    user: str | None = None,
    password_env: str | None = None,
    token_env: str | None = None,
    auth: str | None = None,
    retries: int = 3,
    timeout: float = 120.0,
) -> tuple[list[str], list[list[str | None]]]:
    """Run a query on a remote endpoint, with parameters bound as RDF terms; returns columns and rows.

    Queries see the union of the named graphs, as they do locally: the target
    preset asks for it where the server needs asking (Oxigraph, Fuseki).
    """
    preset = TARGETS.get(target)
    if preset is None:
        raise KgError("K010", what="target", name=target, choices=", ".join(TARGETS))
    credentials = read_credentials(
        endpoint,
        user=user,
        password_env=password_env,
        token_env=token_env,
        scheme=auth,
        default_scheme=preset.scheme,
    )
    ep = Endpoint(endpoint, target=target, credentials=credentials, retries=retries, timeout=timeout)
    from kg.queries import inject_bindings

    text = inject_bindings(sparql, bindings)  # the same BIND clauses as a local query gets
    form = _query_form(text)
    if form == "ASK":
        return ["answer"], [[str(ep.ask(text, union=True)).lower()]]
    if form in ("CONSTRUCT", "DESCRIBE"):
        return ["subject", "predicate", "object"], ep.construct(text, union=True)
    columns, rows = ep.select(text, union=True)
    # Engines disagree on GROUP_CONCAT over no values: Oxigraph leaves it unbound, Virtuoso gives "".
    # Present it as the local store does, so a query gives the same rows wherever it runs.
    concat = {m[1] for m in _GROUP_CONCAT.finditer(text)}
    return columns, [
        [
            (row[c]["value"] if c in row and not (c in concat and row[c]["value"] == "") else None)
            for c in columns
        ]
        for row in rows
    ]


_GROUP_CONCAT = re.compile(r"GROUP_CONCAT\s*\((?:[^()]|\([^()]*\))*\)\s*AS\s+[?$](\w+)", re.I)


def _query_form(sparql: str) -> str:
    for m in _TOKEN.finditer(sparql):
        if m.lastgroup == "word" and m.group().upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return m.group().upper()
    return "SELECT"
