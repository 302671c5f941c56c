"""Loading throughput into an Oxigraph server: ``kg load`` against a raw HTTP POST of the same N-Quads.

Usage: python bench/bench_load.py [--articles 100] [--store DIR] [--min-triples 100000] [--rounds 3] [--json]

Builds a store from the first N Reuters-21578 articles in
``../shared/eval/reuters21578/reuters21578_bodies.jsonl`` (real kg output;
skipped when --store already holds a store). Building is slow on a shared
machine (spaCy), so to reach --min-triples the article graphs are then copied
under new graph names (``<graph>-copy<k>``) into a second store: the triples
are kg's own, only the graph count is synthetic. That store is exported as
N-Quads, then, in each round and each on a fresh ``oxigraph serve`` on a free
loopback port:

* raw: one HTTP POST of the whole N-Quads file to ``/store`` (the floor any
  client pays: parse + write on the server);
* kg: ``kg.api.push(target="oxigraph")`` from the store (reads graph by graph,
  drops each graph first, POSTs ~10k-triple N-Quads batches, counts every batch
  on the server, writes the resume manifest).

It prints triples/s for both (best of the rounds) and the ratio kg/raw.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import api  # noqa: E402
from tests.servers import OxigraphServer, sparql_count  # noqa: E402

REUTERS = ROOT.parent / "shared" / "eval" / "reuters21578" / "reuters21578_bodies.jsonl"


def reuters_jsonl(n: int, out: Path) -> Path:
    """The first ``n`` Reuters bodies as kg JSON Lines (id, text, ISO date, title)."""
    with REUTERS.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= n:
                break
            rec = json.loads(line)
            date = dt.datetime.strptime(rec["date"].split()[0], "%d-%b-%Y").date().isoformat()
            dst.write(
                json.dumps(
                    {"id": rec["id"], "text": rec["text"], "date": date, "title": rec.get("title", "")}
                )
                + "\n"
            )
    return out


def replicate(source: Path, target: Path, min_quads: int) -> int:
    """Copy the article graphs of ``source`` under new names until ``target`` holds ``min_quads``.

    Returns the number of copies (1 = the originals only).
    """
    import pyoxigraph as ox

    src = ox.Store.read_only(str(source))
    onto = "https://w3id.org/kg/id/graph-ontology"
    article_quads = [q for q in src if q.graph_name.value != onto]
    copies = max(1, -(-(min_quads - (len(src) - len(article_quads))) // max(len(article_quads), 1)))
    dst = ox.Store(str(target))
    dst.bulk_extend(q for q in src if q.graph_name.value == onto)
    for k in range(copies):
        suffix = "" if k == 0 else f"-copy{k}"
        dst.bulk_extend(
            ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(q.graph_name.value + suffix))
            for q in article_quads
        )
    dst.flush()
    return copies


def raw_post(url: str, path: Path, query: str = "") -> float:
    """Seconds for one POST of the N-Quads file to the server's Graph Store."""
    data = path.read_bytes()
    started = time.perf_counter()
    req = urllib.request.Request(
        url + "/store" + query, data=data, method="POST", headers={"Content-Type": "application/n-quads"}
    )
    with urllib.request.urlopen(req, timeout=600) as r:
        r.read()
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--min-triples", type=int, default=100_000)
    ap.add_argument("--store", type=Path, help="A store to load (default: build one in a temp dir).")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--batch-size", type=int, help="Triples per kg request (default: the oxigraph preset's).")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="kg-bench-load-") as tmp_name:
        tmp = Path(tmp_name)
        built = args.store or tmp / "built"
        build_s = 0.0
        if not built.exists():
            started = time.perf_counter()
            api.build([reuters_jsonl(args.articles, tmp / "reuters.jsonl")], store=built)
            build_s = time.perf_counter() - started
        source = api.stats(store=built)
        store = tmp / "store"
        copies = replicate(built, store, args.min_triples)
        nq = tmp / "store.nq"
        api.export(store=store, out=nq, fmt="nquads")
        stats = api.stats(store=store)
        quads = stats["quads"]

        raw_times, bulk_times, kg_times, requests = [], [], [], 0
        for r in range(args.rounds):
            for kind in ("raw", "bulk", "kg"):
                server = OxigraphServer(tmp / f"db-{kind}-{r}").start()
                try:
                    if kind == "raw":
                        raw_times.append(raw_post(server.url, nq))
                    elif kind == "bulk":  # the same switches kg's oxigraph preset sends
                        bulk_times.append(raw_post(server.url, nq, "?no_transaction&lenient"))
                    else:
                        (store.parent / (store.name + ".remote.json")).unlink(missing_ok=True)
                        started = time.perf_counter()
                        summary = api.push(
                            store=store, endpoint=server.url, target="oxigraph", batch_size=args.batch_size
                        )
                        kg_times.append(time.perf_counter() - started)
                        requests = summary.requests
                    loaded = sparql_count(server.url + "/query")
                    if loaded != quads:
                        raise SystemExit(f"{kind}: the server holds {loaded} of {quads} quads")
                finally:
                    server.stop()
        (store.parent / (store.name + ".remote.json")).unlink(missing_ok=True)

    raw_best, bulk_best, kg_best = min(raw_times), min(bulk_times), min(kg_times)
    result = {
        "articles": source["articles"],
        "copies": copies,
        "graphs": stats["graphs"],
        "quads": quads,
        "build_s": round(build_s, 1),
        "raw_post_s": [round(t, 3) for t in raw_times],
        "kg_load_s": [round(t, 3) for t in kg_times],
        "raw_triples_per_s": round(quads / raw_best),
        "kg_triples_per_s": round(quads / kg_best),
        "bulk_post_s": [round(t, 3) for t in bulk_times],
        "bulk_triples_per_s": round(quads / bulk_best),
        "kg_requests": requests,
        "ratio": round(raw_best / kg_best, 2),
        "ratio_to_bulk": round(bulk_best / kg_best, 2),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"store: {result['articles']} Reuters-21578 articles built by kg ({source['quads']} quads"
        + (f", in {build_s:.0f} s" if build_s else "")
        + f"), article graphs ×{copies} under new names: "
        f"{result['graphs']} graphs, {quads} quads"
    )
    print(
        f"raw POST of the N-Quads file: {result['raw_triples_per_s']:>8,} triples/s  "
        f"(rounds: {', '.join(f'{t:.2f} s' for t in raw_times)})"
    )
    print(
        f"the same, ?no_transaction&lenient: {result['bulk_triples_per_s']:>8,} triples/s  "
        f"(rounds: {', '.join(f'{t:.2f} s' for t in bulk_times)})"
    )
    print(
        f"kg load --target oxigraph:    {result['kg_triples_per_s']:>8,} triples/s  "
        f"(rounds: {', '.join(f'{t:.2f} s' for t in kg_times)}; {requests} requests)"
    )
    print(
        f"ratio kg / raw POST: {result['ratio']:.2f}; kg / raw POST with the same switches: "
        f"{result['ratio_to_bulk']:.2f}"
    )


if __name__ == "__main__":
    main()
