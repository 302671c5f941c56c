"""An HTML report per article: the text with its actors, statements and events highlighted (issue 9).

Each page is one self-contained file: styles, script and the graph drawing
(SVG) are inline, nothing is fetched, and a Content-Security-Policy allows only
the page's own style and script (by hash). The article text is untrusted: every
piece of it goes through ``html.escape`` and never reaches Graphviz (which only
lays out numbered boxes of a given size; the labels are drawn here).

A report is made either from a fresh extraction (a file) or from the store:
there the records are rebuilt from the article's named graph, so the page
shows what the store holds and every IRI on it exists in the store.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import logging
import math
import re
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg import __version__
from kg.errors import InputError, KgError, StoreError
from kg.mapping import actor_iri, article_iri, event_iri, slug, statement_iri
from kg.model import Actor, Article, Event, Extraction, Quantity, Span, Statement
from kg.store import Store
from kg.vocab import ACTORS_GRAPH, KG, NIF, SCHEMA

log = logging.getLogger(__name__)

ASSETS = Path(__file__).resolve().parent / "report_assets"
DCT_IDENTIFIER = "http://purl.org/dc/terms/identifier"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ACTOR_TYPES = ("Person", "Organization", "Country", "Location", "Group")

# Nesting order when two highlights cover the same characters: outermost first.
LAYERS = ("st", "ev", "actor", "cue", "time")
LEGEND = {
    "actor": "actor mention",
    "st": "statement content",
    "cue": "speech cue",
    "ev": "event trigger",
    "time": "date expression",
}


@dataclass(frozen=True)
class ReportData:
    """An extraction plus the IRIs its records have in the graph (local id -> IRI)."""

    extraction: Extraction
    article_iri: str
    actor_iris: dict[str, str]
    statement_iris: dict[str, str]
    event_iris: dict[str, str]
    origin: str = "extracted"  # "extracted" (from a file) or "store" (rebuilt from the store's graph)

    @property
    def slug(self) -> str:
        return slug(self.extraction.article.id)


def report_data(ex: Extraction) -> ReportData:
    """The IRIs ``kg.mapping`` mints for a fresh extraction."""
    art = ex.article
    return ReportData(
        ex,
        str(article_iri(art)),
        {a.id: str(actor_iri(a)) for a in ex.actors},
        {s.id: str(statement_iri(art, s)) for s in ex.statements},
        {e.id: str(event_iri(art, e)) for e in ex.events},
    )


# ---------------------------------------------------------------------------------------------------------
# Rebuilding the records from the store
# ---------------------------------------------------------------------------------------------------------


def _span_pattern(node: str, prefix: str) -> str:
    return f"{node} <{NIF.beginIndex}> ?{prefix}b ; <{NIF.endIndex}> ?{prefix}e ."


def _rows(db: Store, sparql: str, graph: str) -> list[dict[str, str]]:
    import pyoxigraph as ox

    result = db.query(sparql, substitutions={"g": ox.NamedNode(graph)}, source="kg.report")
    names = [v.value for v in result.variables]
    return [{n: sol[n].value for n in names if sol[n] is not None} for sol in result]


def _span(row: dict[str, str], prefix: str) -> Span | None:
    if f"{prefix}b" not in row:
        return None
    return Span(int(row[f"{prefix}b"]), int(row[f"{prefix}e"]))


def list_articles(db) -> list[tuple[str, str, str]]:
    """(graph IRI, article IRI, article id) of every article in the store, sorted by id."""
    q = (
        f"SELECT ?g ?a ?id WHERE {{ GRAPH ?g {{ ?a a <{KG.Article}> ; <{DCT_IDENTIFIER}> ?id }} }}"
        " ORDER BY ?id"
    )
    return [(s["g"].value, s["a"].value, s["id"].value) for s in db.query(q, source="kg.report")]


def find_article(db: Store, name: str) -> tuple[str, str]:
    """The (graph IRI, article IRI) of an article given by IRI, id or graph IRI; K220 lists some ids."""
    known = list_articles(db)
    for g, a, ident in known:
        if name in (a, g, ident) or slug(name) == slug(ident):
            return g, a
    sample = ", ".join(ident for _, _, ident in known[:5]) + (", ..." if len(known) > 5 else "")
    raise KgError("K220", name=name, store=db.path, count=len(known), sample=sample or "none")


def load_from_store(db: Store, name: str) -> ReportData:
    """Rebuild one article's records from its named graph (no language model needed)."""
    g, a = find_article(db, name)
    return _load(db, g, a, name)


def iter_store(db: Store) -> Iterator[ReportData]:
    """Every article of the store, rebuilt one at a time (for ``--all``)."""
    for g, a, ident in list_articles(db):
        yield _load(db, g, a, ident)


def _load(db: Store, g: str, a: str, name: str) -> ReportData:
    """The records of article ``a`` from graph ``g``; local ids follow the text order (a1, s1, e1...)."""
    head = _rows(
        db,
        f"""SELECT ?g ?id ?text ?date ?title ?url WHERE {{ GRAPH ?g {{
        <{a}> <{DCT_IDENTIFIER}> ?id ; <{NIF.isString}> ?text .
        OPTIONAL {{ <{a}> <{SCHEMA.datePublished}> ?date }} OPTIONAL {{ <{a}> <{SCHEMA.headline}> ?title }}
        OPTIONAL {{ <{a}> <{SCHEMA.url}> ?url }} }} }}""",
        g,
    )
    if not head:
        raise KgError("K221", name=name, store=db.path)
    h = head[0]
    article = Article(id=h["id"], text=h["text"], date=h.get("date"), title=h.get("title"), url=h.get("url"))

    # actors: every actor this graph refers to, described by the actors graph;
    # its roles, affiliation and mentions from this graph
    actor_rows = _rows(
        db,
        f"""SELECT DISTINCT ?g ?x ?key ?name ?type ?alias ?role ?aff ?mb ?me WHERE {{
        GRAPH ?g {{ {{ ?y0 ?p0 ?x }} UNION {{ ?x ?p0 ?y0 }} }}
        GRAPH <{ACTORS_GRAPH}> {{ ?x <{KG.actorKey}> ?key ; <{KG.name}> ?name .
          OPTIONAL {{ ?x <{RDF_TYPE}> ?type }} OPTIONAL {{ ?x <{KG.alias}> ?alias }} }}
        OPTIONAL {{ GRAPH ?g {{ ?x <{KG.hasRole}>/<{KG.roleName}> ?role }} }}
        OPTIONAL {{ GRAPH ?g {{ ?x <{KG.affiliatedWith}> ?aff }} }}
        OPTIONAL {{ GRAPH ?g {{ ?m <{KG.refersTo}> ?x . {_span_pattern("?m", "m")} }} }} }}""",
        g,
    )
    acc: dict[str, dict] = {}
    for r in actor_rows:
        d = acc.setdefault(
            r["x"],
            {
                "key": r["key"],
                "name": r["name"],
                "types": set(),
                "aliases": set(),
                "roles": set(),
                "aff": None,
                "mentions": set(),
            },
        )
        for k, target in (("type", "types"), ("alias", "aliases"), ("role", "roles")):
            if k in r:
                d[target].add(r[k])
        d["aff"] = r.get("aff", d["aff"])
        if (m := _span(r, "m")) is not None:
            d["mentions"].add(m)
    ns = str(KG._NS)
    order = sorted(acc, key=lambda x: (min(acc[x]["mentions"], default=Span(len(article.text), 0)), x))
    local = {iri: f"a{n}" for n, iri in enumerate(order, 1)}
    actors = []
    for iri in order:
        d = acc[iri]
        types = {t[len(ns) :] for t in d["types"] if t.startswith(ns)}
        type_ = next((t for t in ACTOR_TYPES if t in types), "Group")
        subtype = next(iter(sorted(types - set(ACTOR_TYPES) - {"AnonymousSource", "Actor"})), None)
        actors.append(
            Actor(
                id=local[iri],
                name=d["name"],
                type=type_,
                key=d["key"],
                subtype=subtype,
                aliases=tuple(sorted(d["aliases"])),
                mentions=tuple(sorted(d["mentions"])),
                roles=tuple(sorted(d["roles"])),
                affiliation=local.get(d["aff"] or ""),
                anonymous="AnonymousSource" in types,
            )
        )

    st_rows = _rows(
        db,
        f"""SELECT ?g ?s ?cue ?kind ?stance ?date ?speaker ?cb ?ce ?kb ?ke ?pb ?pe WHERE {{
        GRAPH ?g {{ ?s a <{KG.Statement}> ; <{KG.cue}> ?cue ; <{KG.kind}> ?kind ; <{KG.content}> ?c .
        {_span_pattern("?c", "c")}
        OPTIONAL {{ ?s <{KG.stance}> ?stance }} OPTIONAL {{ ?s <{KG.statementDate}> ?date }}
        OPTIONAL {{ ?s <{KG.speaker}> ?speaker }}
        OPTIONAL {{ ?s <{KG.cueMention}> ?k . {_span_pattern("?k", "k")} }}
        OPTIONAL {{ ?s <{KG.speakerMention}> ?p . {_span_pattern("?p", "p")} }} }} }}""",
        g,
    )
    relays = _rows(
        db,
        f"""SELECT ?g ?s ?x ?n WHERE {{ GRAPH ?g {{ ?s <{KG.relay}> ?r .
        ?r <{KG.relayer}> ?x ; <{KG.position}> ?n }} }} ORDER BY ?s ?n""",
        g,
    )
    abouts = _rows(
        db, f"SELECT ?g ?s ?x WHERE {{ GRAPH ?g {{ ?s a <{KG.Statement}> ; <{KG.about}> ?x }} }}", g
    )
    statements, st_iris = [], {}
    for n, r in enumerate(sorted(st_rows, key=lambda r: (int(r["cb"]), int(r["ce"]), r["s"])), 1):
        sid = f"s{n}"
        st_iris[sid] = r["s"]
        statements.append(
            Statement(
                id=sid,
                speaker=local.get(r.get("speaker", "")),
                cue=r["cue"],
                content=_span(r, "c") or Span(0, 0),
                kind=r["kind"].rsplit("#", 1)[-1].lower(),
                cue_span=_span(r, "k"),
                speaker_mention=_span(r, "p"),
                reported_by=tuple(
                    local[x["x"]]
                    for x in sorted((x for x in relays if x["s"] == r["s"]), key=lambda x: int(x["n"]))
                    if x["x"] in local
                ),
                date=r.get("date"),
                stance=r.get("stance", "assert"),
                about=tuple(sorted(local[x["x"]] for x in abouts if x["s"] == r["s"] and x["x"] in local)),
            )
        )

    ev_rows = _rows(
        db,
        f"""SELECT ?g ?e ?type ?cameo ?modality ?tb ?te ?date ?qtext ?qvalue ?qual ?unit WHERE {{
        GRAPH ?g {{ ?e <{KG.cameoCode}> ?cameo ; <{KG.trigger}> ?t ; <{RDF_TYPE}> ?type .
        {_span_pattern("?t", "t")} FILTER (STRSTARTS(STR(?type), "{ns}"))
        OPTIONAL {{ ?e <{KG.modality}> ?modality }} OPTIONAL {{ ?e <{KG.time}>/<{KG.dateValue}> ?date }}
        OPTIONAL {{ ?e <{KG.quantity}> ?q . ?q <{KG.quantityText}> ?qtext .
          OPTIONAL {{ ?q <{KG.quantityValue}> ?qvalue }} OPTIONAL {{ ?q <{KG.qualifier}> ?qual }}
          OPTIONAL {{ ?q <{KG.counts}> ?unit }} }} }} }}""",
        g,
    )
    roles = _rows(
        db,
        f"""SELECT ?g ?e ?p ?x WHERE {{ GRAPH ?g {{ ?e <{KG.cameoCode}> ?c ; ?p ?x .
        VALUES ?p {{ <{KG.agent}> <{KG.target}> <{KG.location}> }} }} }}""",
        g,
    )
    more = _rows(
        db,
        f"""SELECT ?g ?e ?mb ?me WHERE {{ GRAPH ?g {{ ?e <{KG.cameoCode}> ?c ; <{KG.mention}> ?m .
        {_span_pattern("?m", "m")} }} }}""",
        g,
    )
    by_event: dict[str, dict] = {}
    for r in ev_rows:
        d = by_event.setdefault(r["e"], {"row": r, "types": set()})
        d["types"].add(r["type"][len(ns) :])
    events, ev_iris = [], {}
    ordered = sorted(
        by_event.items(), key=lambda kv: (int(kv[1]["row"]["tb"]), int(kv[1]["row"]["te"]), kv[0])
    )
    for n, (iri, d) in enumerate(ordered, 1):
        r, eid = d["row"], f"e{n}"
        ev_iris[eid] = iri
        trigger = _span(r, "t") or Span(0, 0)

        def ids(prop: str, iri: str = iri) -> tuple[str, ...]:
            return tuple(
                sorted(local[x["x"]] for x in roles if x["e"] == iri and x["p"] == prop and x["x"] in local)
            )

        quantity = None
        if "qtext" in r:
            quantity = Quantity(
                r["qtext"], int(r["qvalue"]) if "qvalue" in r else None, r.get("qual"), r.get("unit")
            )
        events.append(
            Event(
                id=eid,
                type=next(iter(sorted(d["types"] - {"Event"})), "Event"),
                cameo=r["cameo"],
                trigger=trigger,
                mentions=tuple(
                    sorted(
                        {
                            s
                            for x in more
                            if (s := _span(x, "m")) is not None and x["e"] == iri and s != trigger
                        }
                    )
                ),
                agent=ids(str(KG.agent)),
                target=ids(str(KG.target)),
                location=ids(str(KG.location)),
                date=r.get("date"),
                quantity=quantity,
                modality=r.get("modality", "asserted").rsplit("#", 1)[-1].lower(),
            )
        )

    ex = Extraction(article=article, actors=tuple(actors), statements=tuple(statements), events=tuple(events))
    return ReportData(ex, a, {local[i]: i for i in order}, st_iris, ev_iris, origin="store")


# ---------------------------------------------------------------------------------------------------------
# Highlighting: overlapping spans become well-nested elements
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Mark:
    """One highlight: a span of the text, its layer (css class), the record it shows and that record's IRI."""

    start: int
    end: int
    layer: str = field(compare=False)
    ref: str = field(compare=False)
    iri: str = field(compare=False)
    title: str = field(compare=False)


def _sort_key(m: Mark) -> tuple[int, int, int]:
    return (m.start, -m.end, LAYERS.index(m.layer))


def highlight(text: str, marks: Iterable[Mark]) -> str:
    """The escaped text with each mark as ``<span class="hl LAYER">``, split where marks cross.

    Marks nest (an actor inside a statement) or cross (a statement ending inside an event trigger);
    a crossing mark is closed and reopened around the boundary, so the HTML stays well nested and
    every fragment carries its mark's ``data-ref`` and ``data-iri``.

    >>> highlight("a <b> c", [Mark(0, 5, "st", "s1", "urn:x", "t"), Mark(2, 5, "actor", "a1", "urn:y", "u")])
    ... # doctest: +NORMALIZE_WHITESPACE
    '<span class="hl st" data-ref="s1" data-iri="urn:x" title="t" id="hl-s1">a <span class="hl actor"
    data-ref="a1" data-iri="urn:y" title="u" id="hl-a1">&lt;b&gt;</span></span> c'
    """
    n = len(text)
    marks = sorted((m for m in marks if 0 <= m.start < m.end <= n), key=_sort_key)
    cuts = sorted({0, n, *(m.start for m in marks), *(m.end for m in marks)})
    out: list[str] = []
    stack: list[Mark] = []
    used_ids: set[str] = set()
    pending = list(reversed(marks))  # pop() yields marks in start order

    def open_tag(m: Mark) -> str:
        anchor = f"hl-{m.ref}"
        ident = "" if anchor in used_ids else f' id="{anchor}"'
        used_ids.add(anchor)
        iri = f' data-iri="{_e(m.iri)}"' if m.iri else ""
        return f'<span class="hl {m.layer}" data-ref="{_e(m.ref)}"{iri} title="{_e(m.title)}"{ident}>'

    for pos, nxt in zip(cuts, [*cuts[1:], n], strict=True):
        ending = [i for i, m in enumerate(stack) if m.end == pos]
        if ending:
            reopen = [m for m in stack[ending[0] :] if m.end != pos]
            out.append("</span>" * (len(stack) - ending[0]))
            del stack[ending[0] :]
            for m in reopen:
                out.append(open_tag(m))
                stack.append(m)
        while pending and pending[-1].start == pos:
            m = pending.pop()
            out.append(open_tag(m))
            stack.append(m)
        out.append(_e(text[pos:nxt]))
    out.append("</span>" * len(stack))
    return "".join(out)


def _e(value: object) -> str:
    """Escape for text and for double-quoted attributes alike."""
    return html.escape("" if value is None else str(value), quote=True)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _marks(data: ReportData) -> list[Mark]:
    ex, art = data.extraction, data.extraction.article
    text = art.text
    marks: list[Mark] = []
    for a in ex.actors:
        for m in a.mentions:
            marks.append(
                Mark(
                    m.start,
                    m.end,
                    "actor",
                    a.id,
                    data.actor_iris[a.id],
                    f"{a.name} ({a.type}) · {data.actor_iris[a.id]}",
                )
            )
    for s in ex.statements:
        iri = data.statement_iris[s.id]
        who = _name(ex, s.speaker) or "unknown speaker"
        relay = f", relayed by {', '.join(_name(ex, r) or r for r in s.reported_by)}" if s.reported_by else ""
        marks.append(
            Mark(
                s.content.start,
                s.content.end,
                "st",
                s.id,
                iri,
                f"{s.id}: {who} — {s.cue} ({s.kind}){relay} · {iri}",
            )
        )
        if s.cue_span:
            marks.append(
                Mark(
                    s.cue_span.start,
                    s.cue_span.end,
                    "cue",
                    s.id,
                    iri,
                    f"cue of {s.id}: {s.cue_span.text(text)} · {iri}",
                )
            )
    for e in ex.events:
        iri = data.event_iris[e.id]
        for span in (e.trigger, *e.mentions):
            marks.append(
                Mark(span.start, span.end, "ev", e.id, iri, f"{e.id}: {e.type} (CAMEO {e.cameo}) · {iri}")
            )
    for n, t in enumerate(ex.times, 1):
        marks.append(Mark(t.span.start, t.span.end, "time", f"t{n}", "", f"date: {t.value}"))
    return marks


def _name(ex: Extraction, actor_id: str | None) -> str | None:
    a = ex.actor(actor_id)
    return a.name if a else None


# ---------------------------------------------------------------------------------------------------------
# The graph drawing: Graphviz lays out numbered boxes, the SVG is written here
# ---------------------------------------------------------------------------------------------------------

NODE_STYLE = {  # fill, stroke
    "Person": ("#dbe7ff", "#5b82d6"),
    "Organization": ("#e8e0ff", "#7c62c9"),
    "Country": ("#d9f2e4", "#3f9a67"),
    "Location": ("#d9f2e4", "#3f9a67"),
    "Group": ("#fde8cc", "#c98a2e"),
    "st": ("#fff1a8", "#c9a200"),
    "ev": ("#ffd6cf", "#c8402b"),
}
EDGE_STYLE = {
    "said": ("#8a6d00", ""),
    "relayed": ("#8a6d00", "5,3"),
    "about": ("#9aa4ae", "2,3"),
    "agent": ("#b23a24", ""),
    "target": ("#b23a24", ""),
    "in": ("#3f9a67", "5,3"),
}
FONT = 11
GRAPH_LEGEND = "".join(
    f'<li><svg width="30" height="10" aria-hidden="true"><line x1="0" y1="5" x2="30" y2="5" stroke="{c}" '
    f'stroke-width="2"{f" stroke-dasharray={chr(34)}{d}{chr(34)}" if d else ""}/></svg>{label}</li>'
    for label, (c, d) in (
        ("speaker → statement", EDGE_STYLE["said"]),
        ("relayed by", EDGE_STYLE["relayed"]),
        ("statement → actor it is about", EDGE_STYLE["about"]),
        ("agent → event → target", EDGE_STYLE["agent"]),
        ("event → place", EDGE_STYLE["in"]),
    )
)
CHAR_W = 6.6  # average glyph width at FONT px, for box sizes


@dataclass
class _Node:
    key: str
    label: str
    kind: str  # an actor type, "st" or "ev"
    href: str
    tip: str
    w: float = 0.0
    h: float = 22.0
    x: float = 0.0
    y: float = 0.0


@dataclass
class _Edge:
    tail: str
    head: str
    kind: str
    points: list[tuple[float, float]] = field(default_factory=list)
    tip: tuple[float, float] | None = None


def _graph(data: ReportData) -> tuple[list[_Node], list[_Edge]]:
    ex = data.extraction
    nodes: dict[str, _Node] = {}
    edges: list[_Edge] = []

    def actor(aid: str) -> str | None:
        a = ex.actor(aid)
        if a is None:
            return None
        if aid not in nodes:
            nodes[aid] = _Node(aid, _clip(a.name, 30), a.type, f"#actor-{aid}", f"{a.name} ({a.type})")
        return aid

    for s in ex.statements:
        nodes[s.id] = _Node(
            s.id,
            f"{s.id} · {_clip(s.cue, 18)}",
            "st",
            f"#row-{s.id}",
            _clip(s.content.text(ex.article.text), 160),
        )
        for aid, kind in ((s.speaker, "said"), *((r, "relayed") for r in s.reported_by)):
            if aid and actor(aid):
                edges.append(_Edge(aid, s.id, kind))
        edges.extend(_Edge(s.id, aid, "about") for aid in s.about if actor(aid))
    for e in ex.events:
        nodes[e.id] = _Node(
            e.id,
            f"{e.id} · {_clip(e.type, 20)} ({e.cameo})",
            "ev",
            f"#row-{e.id}",
            f"{e.type}: {_clip(e.trigger.text(ex.article.text), 80)}",
        )
        edges.extend(_Edge(aid, e.id, "agent") for aid in e.agent if actor(aid))
        edges.extend(_Edge(e.id, aid, "target") for aid in e.target if actor(aid))
        edges.extend(_Edge(e.id, aid, "in") for aid in e.location if actor(aid))
    for node in nodes.values():
        node.w = len(node.label) * CHAR_W + 18
    return list(nodes.values()), edges


def _layout_dot(nodes: list[_Node], edges: list[_Edge]) -> bool:
    """Place nodes and route edges with Graphviz ``dot``; False when it is missing or fails."""
    exe = shutil.which("dot")
    if not exe:
        return False
    index = {n.key: i for i, n in enumerate(nodes)}
    lines = [
        "digraph G {",
        "rankdir=LR; nodesep=0.18; ranksep=0.55;",
        'node [shape=box, fixedsize=true, label=""];',
    ]
    lines += [f"n{i} [width={n.w / 72:.3f}, height={n.h / 72:.3f}];" for i, n in enumerate(nodes)]
    lines += [f"n{index[e.tail]} -> n{index[e.head]};" for e in edges]
    lines.append("}")
    try:
        proc = subprocess.run(
            [exe, "-Tjson"], input="\n".join(lines), capture_output=True, text=True, timeout=60, check=True
        )
        layout = json.loads(proc.stdout)
    except (OSError, subprocess.SubprocessError, json.JSONDecodeError) as err:
        log.warning("graphviz layout failed (%s); using the simple layout", err)
        return False
    height = float(layout["bb"].split(",")[3])
    by_name = {o["name"]: o for o in layout.get("objects", [])}
    for i, n in enumerate(nodes):
        x, y = (float(v) for v in by_name[f"n{i}"]["pos"].split(","))
        n.x, n.y = x, height - y
    # Graphviz renumbers edges (by tail), so match them back by their (tail, head) node names.
    names = {o["_gvid"]: o["name"] for o in layout.get("objects", [])}
    waiting: dict[tuple[str, str], list[_Edge]] = {}
    for e in edges:
        waiting.setdefault((f"n{index[e.tail]}", f"n{index[e.head]}"), []).append(e)
    for gv in layout.get("edges", []):
        queue = waiting.get((names.get(gv["tail"], ""), names.get(gv["head"], "")))
        if not queue:
            continue
        e = queue.pop(0)
        parts = gv.get("pos", "").split()
        if parts and parts[0].startswith("e,"):
            tx, ty = (float(v) for v in parts.pop(0)[2:].split(","))
            e.tip = (tx, height - ty)
        e.points = [(float(a), height - float(b)) for a, b in (p.split(",")[:2] for p in parts if "," in p)]
    return True


def _layout_simple(nodes: list[_Node], edges: list[_Edge]) -> None:
    """Actors in the left column, statements and events on the right: straight edges (no Graphviz)."""
    left = [n for n in nodes if n.kind not in ("st", "ev")]
    right = [n for n in nodes if n.kind in ("st", "ev")]
    lw = max((n.w for n in left), default=0)
    for col, x0 in ((left, 10), (right, lw + 180)):
        for i, n in enumerate(col):
            n.x, n.y = x0 + n.w / 2, 20 + i * 34
    pos = {n.key: n for n in nodes}
    for e in edges:
        a, b = pos[e.tail], pos[e.head]
        ax = a.x + a.w / 2 if a.x < b.x else a.x - a.w / 2
        bx = b.x - b.w / 2 if a.x < b.x else b.x + b.w / 2
        e.points, e.tip = [(ax, a.y), (bx, b.y)], None


def graph_svg(data: ReportData) -> str:
    """The article's graph as inline SVG: actors, statements and events as boxes, roles as edges."""
    nodes, edges = _graph(data)
    if not nodes:
        return '<p class="empty">No statements or events: nothing to draw.</p>'
    if not _layout_dot(nodes, edges):
        _layout_simple(nodes, edges)
    width = max(n.x + n.w / 2 for n in nodes) + 10
    height = max(n.y + n.h / 2 for n in nodes) + 10
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="graph of the article">'
    ]
    for e in edges:
        colour, dash = EDGE_STYLE[e.kind]
        pts = e.points
        if len(pts) < 2:
            continue
        if len(pts) % 3 == 1:
            d = f"M{pts[0][0]:.1f},{pts[0][1]:.1f} C" + " ".join(f"{x:.1f},{y:.1f}" for x, y in pts[1:])
        else:
            d = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in pts)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<path class="edge {e.kind}" d="{d}" fill="none" stroke="{colour}" stroke-width="1.3"'
            f"{dash_attr}><title>{_e(e.kind)}</title></path>"
        )
        out.append(_arrow(pts[-1], e.tip or pts[-1], pts[-2], colour))
    for n in nodes:
        fill, stroke = NODE_STYLE.get(n.kind, NODE_STYLE["Group"])
        x0, y0 = n.x - n.w / 2, n.y - n.h / 2
        rx = 11 if n.kind not in ("st", "ev") else 3
        out.append(
            f'<a href="{_e(n.href)}" class="node {_e(n.kind)}" data-ref="{_e(n.key)}">'
            f"<title>{_e(n.tip)}</title>"
            f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{n.w:.1f}" height="{n.h:.1f}" rx="{rx}" '
            f'fill="{fill}" stroke="{stroke}"/>'
            f'<text x="{n.x:.1f}" y="{n.y + 4:.1f}" text-anchor="middle" font-size="{FONT}" '
            f'fill="#1f2328">{_e(n.label)}</text></a>'
        )
    out.append("</svg>")
    return "".join(out)


def _arrow(
    end: tuple[float, float], tip: tuple[float, float], before: tuple[float, float], colour: str
) -> str:
    """A small filled arrowhead at ``tip`` (Graphviz's arrow point) or at the end of the edge."""
    if tip == end:
        end = before
    dx, dy = tip[0] - end[0], tip[1] - end[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    bx, by = tip[0] - ux * 8, tip[1] - uy * 8
    left = (bx - uy * 3.5, by + ux * 3.5)
    right = (bx + uy * 3.5, by - ux * 3.5)
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (tip, left, right))
    return f'<polygon points="{pts}" fill="{colour}"/>'


# ---------------------------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------------------------


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def _csp_hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


def _page(title: str, body: str, *, script: bool = True) -> str:
    css = _asset("report.css")
    js = _asset("report.js") if script else ""
    script_src = _csp_hash(js) if script else "'none'"
    csp = (
        f"default-src 'none'; style-src {_csp_hash(css)}; script-src {script_src}; img-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    script_tag = f"<script>{js}</script>" if script else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(csp)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="kg {_e(__version__)}">\n'
        f"<title>{_e(title)}</title>\n<style>{css}</style></head>\n"
        f"<body>\n{body}\n{script_tag}</body></html>\n"
    )


def _link(url: str, label: str, cls: str = "") -> str:
    """A link only for http(s) URLs: a ``javascript:`` or ``data:`` IRI from the input stays text."""
    attr = f' class="{cls}"' if cls else ""
    if re.match(r"https?://", url, flags=re.IGNORECASE):
        return f'<a href="{_e(url)}"{attr} title="{_e(url)}">{_e(label)}</a>'
    return f"<span{attr}>{_e(url)}</span>"


def _iri_link(iri: str) -> str:
    return _link(iri, iri.rsplit("/", 1)[-1], "iri")


def _actor_link(ex: Extraction, aid: str | None) -> str:
    a = ex.actor(aid)
    return f'<a href="#actor-{_e(a.id)}">{_e(a.name)}</a>' if a else ""


def _actor_links(ex: Extraction, ids: Iterable[str]) -> str:
    return ", ".join(x for x in (_actor_link(ex, i) for i in ids) if x)


def _detail(ref: str, heading: str, rows: list[tuple[str, str]], iri: str) -> str:
    """A hidden block the script copies into the side panel when its highlight is pointed at."""
    dl = "".join(f"<dt>{_e(k)}</dt><dd>{v}</dd>" for k, v in rows if v)
    return (
        f'<div class="detail" id="detail-{_e(ref)}" hidden><h3>{_e(heading)}</h3><dl>{dl}'
        f"<dt>IRI</dt><dd>{_iri_link(iri)}</dd></dl>"
        f'<code class="cmd">kg query provenance --param item={_e(iri)}</code></div>'
    )


def _quantity(q: Quantity | None) -> str:
    if q is None:
        return ""
    return _e(" ".join(x for x in (q.text, q.unit or "") if x))


def render_report(data: ReportData) -> str:
    """One article's report as a self-contained HTML page."""
    ex, art = data.extraction, data.extraction.article
    text = art.text
    title = art.title or _clip(text.strip().split("\n", 1)[0], 120) or art.id
    details: list[str] = []

    st_rows = []
    for s in ex.statements:
        iri = data.statement_iris[s.id]
        relays = _actor_links(ex, s.reported_by)
        speaker = _actor_link(ex, s.speaker) or '<span class="empty">unknown</span>'
        mention = _e(s.speaker_mention.text(text)) if s.speaker_mention else ""
        st_rows.append(
            f'<tr id="row-{_e(s.id)}" data-iri="{_e(iri)}" data-ref="{_e(s.id)}"><td>'
            f'<a href="#hl-{_e(s.id)}">{_e(s.id)}</a></td><td>{speaker}</td><td>{_e(s.cue)}</td>'
            f'<td><span class="tag">{_e(s.kind)}</span></td><td>{_e(s.date or "")}</td><td>{relays}</td>'
            f'<td class="content">{_e(_clip(s.content.text(text), 220))}</td><td>{_iri_link(iri)}</td></tr>'
        )
        details.append(
            _detail(
                s.id,
                f"Statement {s.id} ({s.kind})",
                [
                    ("speaker", speaker + (f" <em>as “{mention}”</em>" if mention else "")),
                    ("cue", _e(s.cue)),
                    ("relayed by", relays),
                    ("date", _e(s.date or "")),
                    ("stance", _e(s.stance if s.stance != "assert" else "")),
                    ("about", _actor_links(ex, s.about)),
                    ("content", _e(_clip(s.content.text(text), 400))),
                ],
                iri,
            )
        )

    ev_rows = []
    for e in ex.events:
        iri = data.event_iris[e.id]
        cells = [
            _e(e.type),
            _e(e.cameo),
            _e(_clip(e.trigger.text(text), 60)),
            _actor_links(ex, e.agent),
            _actor_links(ex, e.target),
            _actor_links(ex, e.location),
            _e(e.date or ""),
            _quantity(e.quantity),
            _e(e.modality),
        ]
        ev_rows.append(
            f'<tr id="row-{_e(e.id)}" data-iri="{_e(iri)}" data-ref="{_e(e.id)}"><td>'
            f'<a href="#hl-{_e(e.id)}">{_e(e.id)}</a></td>'
            + "".join(
                f'<td class="nw">{c}</td>' if i in (1, 8) else f"<td>{c}</td>" for i, c in enumerate(cells)
            )
            + f"<td>{_iri_link(iri)}</td></tr>"
        )
        details.append(
            _detail(
                e.id,
                f"Event {e.id}: {e.type}",
                [
                    ("CAMEO", _e(e.cameo)),
                    ("trigger", _e(e.trigger.text(text))),
                    ("agent", cells[3]),
                    ("target", cells[4]),
                    ("place", cells[5]),
                    ("date", cells[6]),
                    ("quantity", cells[7]),
                    ("modality", _e(e.modality)),
                ],
                iri,
            )
        )

    actor_rows = []
    for a in ex.actors:
        iri = data.actor_iris[a.id]
        kind = a.type + (f" / {a.subtype}" if a.subtype else "") + (" (anonymous)" if a.anonymous else "")
        aliases = ", ".join(sorted({m.text(text) for m in a.mentions} | set(a.aliases)))
        actor_rows.append(
            f'<tr id="actor-{_e(a.id)}" data-iri="{_e(iri)}" data-ref="{_e(a.id)}"><td>'
            f'<a href="#hl-{_e(a.id)}">{_e(a.id)}</a></td><td>{_e(a.name)}</td><td>{_e(kind)}</td>'
            f"<td>{_e(aliases)}</td><td>{_e(', '.join(a.roles))}</td>"
            f"<td>{_actor_link(ex, a.affiliation)}</td><td>{len(a.mentions)}</td>"
            f"<td>{_iri_link(iri)}</td></tr>"
        )
        details.append(
            _detail(
                a.id,
                f"{a.name}",
                [
                    ("type", _e(kind)),
                    ("also written", _e(aliases)),
                    ("roles", _e(", ".join(a.roles))),
                    ("affiliation", _actor_link(ex, a.affiliation)),
                    ("mentions", str(len(a.mentions))),
                ],
                iri,
            )
        )

    def table(head: list[str], rows: list[str], cls: str, what: str) -> str:
        if not rows:
            return f'<p class="empty">No {what} found.</p>'
        ths = "".join(f"<th>{h}</th>" for h in head)
        return (
            f'<div class="tablewrap"><table class="{cls}"><thead><tr>{ths}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )

    origin = (
        "rebuilt from the store"
        if data.origin == "store"
        else f"extracted with kg {__version__}" + (f", {ex.model}" if ex.model else "")
    )
    meta = [
        f"<code>{_e(art.id)}</code>",
        f"published {_e(art.date)}" if art.date else "",
        origin,
        _link(art.url, art.url) if art.url else "",
        _iri_link(data.article_iri),
    ]
    legend = "".join(
        f'<li><span class="sw {k}"></span>{_e(v)}</li>' for k, v in LEGEND.items() if k != "time" or ex.times
    )
    counts = "".join(
        f"<span><b>{n}</b> {w}</span>"
        for n, w in (
            (len(ex.actors), "actors"),
            (len(ex.statements), "statements"),
            (len(ex.events), "events"),
        )
    )
    body = f"""<header><h1>{_e(title)}</h1>
<div class="meta">{" · ".join(m for m in meta if m)}</div><div class="counts">{counts}</div></header>
<main><section>
<h2>Article</h2><ul class="legend">{legend}</ul>
<div class="text" id="article-text">{highlight(text, _marks(data))}</div>
<h2>Statements</h2>
{
        table(
            ["#", "speaker", "cue", "kind", "date", "relayed by", "content", "IRI"],
            st_rows,
            "statements",
            "statements",
        )
    }
<h2>Events</h2>
{
        table(
            [
                "#",
                "type",
                "CAMEO",
                "trigger",
                "agent",
                "target",
                "place",
                "date",
                "quantity",
                "modality",
                "IRI",
            ],
            ev_rows,
            "events",
            "events",
        )
    }
<h2>Graph</h2><ul class="legend">{GRAPH_LEGEND}</ul><div class="graph">{graph_svg(data)}</div>
<h2>Actors</h2>
{
        table(
            ["#", "name", "type", "written as", "roles", "affiliation", "mentions", "IRI"],
            actor_rows,
            "actors",
            "actors",
        )
    }
</section>
<aside><div class="panel" id="panel"><div id="panel-body"></div><p class="hint">Point at a highlight for
its speaker, relays, roles and IRI; click to pin it. Take an IRI to
<code>kg query provenance --param item=IRI</code>.</p></div></aside></main>
<div hidden>{"".join(details)}</div>
<footer>kg {_e(__version__)} · every highlight carries its record's IRI (<code>data-iri</code>).</footer>"""
    return _page(f"{title} — kg report", body)


@dataclass(frozen=True)
class IndexEntry:
    """One row of the index page: what is kept of an article once its page is written."""

    file: str
    id: str
    title: str
    date: str | None
    actors: int
    statements: int
    events: int


def _index_entry(file_name: str, d: ReportData) -> IndexEntry:
    ex, art = d.extraction, d.extraction.article
    title = art.title or _clip(art.text.strip().split("\n", 1)[0], 100)
    return IndexEntry(file_name, art.id, title, art.date, len(ex.actors), len(ex.statements), len(ex.events))


def render_index(entries: list[IndexEntry], *, store: str) -> str:
    """The index page of ``kg report --all``: one row per article, linking to its file."""
    rows = [
        f'<tr><td><a href="{_e(x.file)}">{_e(x.id)}</a></td><td>{_e(x.title)}</td>'
        f'<td class="nw">{_e(x.date or "")}</td>'
        f"<td>{x.actors}</td><td>{x.statements}</td><td>{x.events}</td></tr>"
        for x in entries
    ]
    body = (
        f'<header><h1>kg report</h1><div class="meta">{len(entries)} articles from '
        f'<code>{_e(store)}</code></div></header><main class="wide"><section>'
        '<table class="index"><thead><tr><th>article</th><th>title</th><th>date</th><th>actors</th>'
        f"<th>statements</th><th>events</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        "</section></main>"
    )
    return _page("kg report — index", body, script=False)


# ---------------------------------------------------------------------------------------------------------
# Writing files
# ---------------------------------------------------------------------------------------------------------


def _write(path: Path, page: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
    except OSError as e:
        raise KgError("K222", path=path, reason=e.strerror or e) from e


@dataclass(frozen=True)
class ReportSummary:
    """What ``kg report`` wrote: the files and the totals shown on them."""

    files: tuple[Path, ...]
    articles: int
    statements: int
    events: int


def write_report(data: ReportData, out: Path) -> Path:
    """Write one article's page to ``out``."""
    _write(out, render_report(data))
    return out


def write_reports(datas: Iterable[ReportData], out_dir: Path, *, store: str = "") -> ReportSummary:
    """One page per article plus ``index.html`` in ``out_dir``."""
    if out_dir.exists() and not out_dir.is_dir():
        raise KgError("K223", path=out_dir)
    entries: list[IndexEntry] = []
    files: list[Path] = []
    taken: set[str] = set()
    for d in datas:
        name = f"{d.slug}.html"
        n = 2
        while name in taken or name == "index.html":
            name, n = f"{d.slug}-{n}.html", n + 1
        taken.add(name)
        files.append(write_report(d, out_dir / name))
        entries.append(_index_entry(name, d))
    index = out_dir / "index.html"
    _write(index, render_index(entries, store=store))
    return ReportSummary(
        (index, *files),
        len(entries),
        sum(x.statements for x in entries),
        sum(x.events for x in entries),
    )


def report(
    article: str | None = None,
    *,
    store: str | Path,
    out: str | Path | None = None,
    all_articles: bool = False,
    date: str | None = None,
    model: str | None = None,
) -> ReportSummary:
    """Write the HTML report of an article file, of a stored article (IRI or id), or of every stored article.

    A path that exists is extracted on the fly (``date`` and ``model`` apply); anything else names an
    article in the store, whose records are rebuilt from its graph. Several articles (``all_articles`` or a
    JSON Lines file) go to a directory with an ``index.html``; one article goes to ``out`` (default
    ``<article-id>.html``).

    Raises:
        KgError: K220 unknown article, K222 unwritable output, K223 output is not a directory,
            K224 neither or both of an article and ``all_articles``.
    """
    if (article is None) == (not all_articles):
        raise KgError("K224")
    datas: list[ReportData]
    if all_articles:
        db = Store(store, read_only=True)
        return write_reports(iter_store(db), Path(out or "kg-report"), store=str(store))
    name = str(article)
    path = Path(name)
    if path.exists():
        from kg import api

        datas = [report_data(ex) for ex in api.extract([path], date=date, model=model)]
    else:
        try:
            db = Store(store, read_only=True)
        except StoreError as e:
            if "://" in name:
                raise
            raise InputError("K001", path=path) from e
        datas = [load_from_store(db, name)]
    if len(datas) > 1:
        return write_reports(datas, Path(out or "kg-report"), store=str(path))
    target = Path(out) if out else Path(f"{datas[0].slug}.html")
    if target.is_dir():
        target = target / f"{datas[0].slug}.html"
    write_report(datas[0], target)
    ex = datas[0].extraction
    return ReportSummary((target,), 1, len(ex.statements), len(ex.events))


__all__ = [
    "ReportData",
    "ReportSummary",
    "report",
    "report_data",
    "load_from_store",
    "render_report",
    "render_index",
    "highlight",
    "graph_svg",
    "write_report",
    "write_reports",
]
