"""Query files: find them by name, read their headers, bind parameters as RDF terms."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError
from kg.resources import QUERIES_DIR

XSD = "http://www.w3.org/2001/XMLSchema#"
_PARAM = re.compile(r"^\?(\w+)\s+(\S+)(?:\s+(optional))?(?:\s+[—-]+\s*(.*))?$")


@dataclass(frozen=True)
class Param:
    name: str
    datatype: str  # xsd:string | xsd:date | xsd:integer | iri
    optional: bool = False
    description: str = ""


@dataclass(frozen=True)
class StoredQuery:
    name: str
    path: Path
    text: str
    title: str
    description: str
    params: tuple[Param, ...] = ()
    example: str = ""


def parse_query_file(path: Path) -> StoredQuery:
    """Read a .rq file and its header (``# title:``, ``# description:``, ``# param:``, ``# example:``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise QueryError("K020", name=str(path), choices=", ".join(q.name for q in list_queries())) from e
    except (OSError, UnicodeDecodeError) as e:
        raise QueryError("K021", path=path, reason=str(e)) from e
    header: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = re.match(r"#\s*(\w+):\s*(.*)", line)
        if m:
            header.setdefault(m[1].lower(), []).append(m[2].strip())
    for field in ("title", "description"):
        if not header.get(field):
            raise QueryError("K025", path=path, field=f"`# {field}:`")
    params = []
    for raw in header.get("param", []):
        m = _PARAM.match(raw)
        if not m:
            raise QueryError("K021", path=path, reason=f"bad `# param:` line {raw!r}; use `?name xsd:string`")
        params.append(Param(m[1], m[2], bool(m[3]), m[4] or ""))
    return StoredQuery(
        path.stem,
        path,
        text,
        header["title"][0],
        " ".join(header["description"]),
        tuple(params),
        (header.get("example") or [""])[0],
    )


def list_queries(directory: Path = QUERIES_DIR) -> list[StoredQuery]:
    """The bundled query files, sorted by name."""
    return [parse_query_file(p) for p in sorted(directory.glob("*.rq"))]


def load_query(name_or_path: str, directory: Path = QUERIES_DIR) -> StoredQuery:
    """A bundled query by name, or any .rq file by path."""
    path = Path(name_or_path)
    if path.suffix == ".rq" or path.exists():
        if not path.is_file():
            raise QueryError(
                "K020", name=name_or_path, choices=", ".join(q.name for q in list_queries(directory))
            )
        return parse_query_file(path)
    candidate = directory / f"{name_or_path}.rq"
    if not candidate.is_file():
        raise QueryError(
            "K020", name=name_or_path, choices=", ".join(q.name for q in list_queries(directory))
        )
    return parse_query_file(candidate)


def to_term(param: Param, value: str) -> ox.NamedNode | ox.Literal:
    """A parameter value as the RDF term its header declares."""
    dtype = param.datatype.replace("xsd:", XSD)
    try:
        if param.datatype in ("iri", "IRI"):
            return ox.NamedNode(value)
        if dtype == XSD + "date":
            dt.date.fromisoformat(value)
        elif dtype == XSD + "integer":
            int(value)
        if dtype == XSD + "string":
            return ox.Literal(value)
        return ox.Literal(value, datatype=ox.NamedNode(dtype))
    except ValueError as e:
        raise QueryError("K026", name=param.name, value=value, datatype=param.datatype) from e


def inject_bindings(text: str, bindings: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """Bind parameters with ``BIND (term AS ?name)`` at the start of the outer WHERE group.

    The terms are serialised by pyoxigraph (N-Triples syntax, escaped), so a value
    can never change the query's structure. (pyoxigraph's own ``substitutions``
    only accepts projected variables, which optional filter parameters are not.)
    BIND rather than a one-row ``VALUES`` block: the same solutions, as fast on
    Oxigraph, and Virtuoso 7.2 hangs on some queries that join a ``VALUES`` block
    with several OPTIONALs (docs/loading.md).

    >>> print(inject_bindings("SELECT ?s WHERE { ?s ?p ?o }", {"o": ox.Literal('a "b"')}))
    SELECT ?s WHERE { BIND ("a \\"b\\"" AS ?o)  ?s ?p ?o }
    """
    if not bindings:
        return text
    block = "".join(f"BIND ({term} AS ?{name}) " for name, term in bindings.items())
    body = re.sub(r"(?m)^\s*#.*$", lambda m: " " * len(m[0]), text)  # same offsets, no comments
    m = re.search(r"\bWHERE\s*\{", body, re.I) or re.search(r"\{", body)
    if m is None:
        return text
    return text[: m.end()] + " " + block + text[m.end() :]


_TRAILING_LIMIT = re.compile(r"\b(LIMIT|OFFSET)\s+\d+\s*$", re.I)


def page(text: str, limit: int | None, offset: int = 0, *, source: str = "query") -> str:
    """The query with ``LIMIT``/``OFFSET`` appended: one page of its rows, in the query's own order.

    A page is cut after the query's ORDER BY, so pages follow one another. A
    query that already ends with a LIMIT or OFFSET is refused (K027) rather
    than paged in a way it does not say.

    >>> print(page("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s", 10, 20))
    SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s
    LIMIT 10 OFFSET 20
    """
    if not limit and not offset:
        return text
    body = re.sub(r"(?m)#.*$", "", text).rstrip()
    if _TRAILING_LIMIT.search(body):
        raise QueryError("K027", path=source)
    parts = [f"LIMIT {limit}" if limit else "", f"OFFSET {offset}" if offset else ""]
    return text.rstrip() + "\n" + " ".join(p for p in parts if p)


def bind_params(query: StoredQuery, values: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """Check given values against the declared parameters and turn them into RDF terms."""
    declared = {p.name: p for p in query.params}
    for name in values:
        if name not in declared:
            choices = ", ".join(declared) or "no parameters"
            raise QueryError("K022", name=name, query=query.name, choices=choices)
    out = {}
    for p in query.params:
        if p.name in values:
            out[p.name] = to_term(p, values[p.name])
        elif not p.optional:
            raise QueryError("K023", name=p.name, query=query.name)
    return out
