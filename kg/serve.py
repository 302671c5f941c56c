"""Serve the local store over the SPARQL 1.1 Protocol, read-only, with Oxigraph's own server (issue 7).

The ``oxigraph`` program (``pip install oxigraph``) opens the same store
directory read-only, with the union of the named graphs as default graph, so
the bundled queries give the same rows over HTTP as ``kg query``. Its root page
is YASGUI. Binding anything but a loopback address needs ``allow_remote``: the
store has no access control of its own.
"""

from __future__ import annotations

import http.client
import ipaddress
import logging
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.errors import KgError, RemoteError, StoreError
from kg.resources import DEFAULT_STORE

log = logging.getLogger(__name__)


def is_loopback(host: str) -> bool:
    """Whether every address ``host`` resolves to is a loopback one.

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(str(i[4][0]).split("%")[0]).is_loopback for i in infos)


def oxigraph_program() -> str:
    """The ``oxigraph`` executable: beside this Python first (the venv), then on PATH."""
    found = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if not found:
        raise KgError("K184")
    return found


class Server:
    """A running ``oxigraph serve-read-only``; stop it with ``stop()`` or a ``with`` block."""

    def __init__(self, proc: subprocess.Popen[bytes], url: str, store: Path) -> None:
        self.proc = proc
        self.url = url
        self.store = store

    @property
    def query_url(self) -> str:
        return self.url + "/query"

    def wait(self) -> int:
        """Block until the server exits; returns its exit status."""
        return self.proc.wait()

    def serve_forever(self) -> int:
        """Wait for the server; Ctrl-C or SIGTERM to this process stops it too (no orphaned server)."""
        import signal

        # only signal the child here: waiting inside the handler would deadlock with the wait below
        previous = signal.signal(signal.SIGTERM, lambda *_: self.proc.terminate())
        try:
            return self.proc.wait()
        except KeyboardInterrupt:
            self.stop()
            return 0
        finally:
            signal.signal(signal.SIGTERM, previous)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve(
    *,
    store: str | Path = DEFAULT_STORE,
    host: str = "127.0.0.1",
    port: int = 7878,
    allow_remote: bool = False,
    cors: bool = False,
    timeout_s: int | None = None,
    ready_timeout: float = 30.0,
) -> Server:
    """Start serving the store and return once the server accepts connections.

    Raises:
        RemoteError: ``host`` is not a loopback address and ``allow_remote`` is off (K064),
            or the server stopped at start-up (K186), e.g. because the port is taken.
    """
    if not allow_remote and not is_loopback(host):
        raise RemoteError("K064", host=host)
    path = Path(store)
    if not path.is_dir():
        raise StoreError("K031", path=path)
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    args = [
        oxigraph_program(),
        "serve-read-only",
        "--location",
        str(path),
        "--bind",
        bind,
        "--union-default-graph",
    ]
    if cors:
        args.append("--cors")
    if timeout_s:
        args += ["--timeout-s", str(timeout_s)]
    errors = tempfile.TemporaryFile()  # a file, not a pipe: nobody reads the server's log once it runs
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors)
    url = f"http://{bind}"
    deadline = time.monotonic() + ready_timeout
    while True:
        if proc.poll() is not None:
            errors.seek(0)
            err = errors.read().decode("utf-8", "replace").strip()
            raise RemoteError("K186", reason=(err.splitlines() or [f"exit status {proc.returncode}"])[-1])
        try:  # an HTTP answer, not just an open port: something else may hold the port
            conn = http.client.HTTPConnection(host.strip("[]"), port, timeout=0.5)
            conn.request("GET", "/query?query=ASK%7B%7D")
            conn.getresponse().read()
            conn.close()
            break
        except (OSError, http.client.HTTPException):
            if time.monotonic() > deadline:
                proc.terminate()
                raise RemoteError("K186", reason=f"no answer on {bind} after {ready_timeout:.0f} s") from None
            time.sleep(0.05)
    log.info("serving %s at %s", path, url)
    return Server(proc, url, path)
