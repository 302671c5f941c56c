"""Scale benchmark (issue 8): build throughput, memory, query latency, export speed, cold start.

Usage: python bench/bench_scale.py [--n 1000] [--sizes 500,5000] [--jobs J] [--out docs/performance.md]

Runs on the first articles of ../shared/eval/reuters21578/reuters21578_bodies.jsonl
and prints, side by side in one run:

1. bare spaCy ``nlp.pipe`` over the N texts, with 1 and J processes (articles/s);
2. ``kg build`` of the same N articles with ``--jobs 1`` and ``--jobs J``, and its
   ratio to (1); plus the alternative design (spaCy's own ``n_process``, extractors
   and mapping in the parent) for comparison;
3. peak RSS of ``kg build`` at two corpus sizes;
4. the median latency of every bundled query on the larger graph, against the same
   query on an rdflib in-memory Dataset of the same quads;
5. ``kg export`` to N-Quads and Turtle against pyoxigraph's own dump of the same store;
6. the cold start of ``kg --help`` and ``kg query``.

The table goes into docs/performance.md between the ``bench:start``/``bench:end``
markers; whatever else that file holds is kept. Every figure is wall-clock time of
a fresh process unless it says otherwise; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REUTERS = SHARED / "eval" / "reuters21578" / "reuters21578_bodies.jsonl"
BIN = Path(sys.executable).parent
KG = str(BIN / "kg") if (BIN / "kg").exists() else "kg"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
EPOCH = "1700000000"

BARE_SPACY = """
import json, sys, time
t0 = time.perf_counter()
import spacy
from kg.nlp import choose_model
path, jobs, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
nlp = spacy.load(choose_model())
t1 = time.perf_counter()
n = sum(1 for _ in nlp.pipe(texts, batch_size=batch, n_process=jobs))
t2 = time.perf_counter()
print(json.dumps({"n": n, "load": t1 - t0, "pipe": t2 - t1}))
"""

# The design not taken, for comparison: spaCy's own worker processes (n_process) parse,
# the parent runs the extractors and the mapping and writes the store.
ALT_BUILD = """
import json, sys, time
from pathlib import Path
from kg.extract import run_extractors
from kg.ingest import iter_articles
from kg.mapping import graph_iri, map_actors, map_article
from kg.nlp import load_nlp, model_id
from kg.store import Store, to_quads
from kg.vocab import ACTORS_GRAPH
path, store, jobs, batch = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
nlp = load_nlp()
name = model_id(nlp)
db = Store(store, create=True)
db.ensure_ontology()
pairs = ((a.text, a) for a in iter_articles([Path(path)]))
pending = {}
for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch, n_process=jobs):
    ex = run_extractors(article, doc, model=name)
    g = str(graph_iri(article))
    pending[g] = to_quads(g, map_article(ex)) + to_quads(str(ACTORS_GRAPH), map_actors(ex))
    if len(pending) >= batch:
        db.replace_graphs(pending)
        pending = {}
db.replace_graphs(pending)
db.flush()
"""

KG_QUERY = """
import json, sys, time
from kg import api
from kg.store import Store
store, name, params, repeat = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), int(sys.argv[4])
t = time.perf_counter()
db = Store(store, read_only=True)  # opened once, as rdflib's graph is loaded once
opened = time.perf_counter() - t
times = []
for _ in range(repeat):
    t = time.perf_counter()
    result = api.query(name, store=db, params=params)
    times.append(time.perf_counter() - t)
    if times[-1] > 5:  # slow enough: one run says it
        break
print(json.dumps({"rows": len(result.rows), "times": times, "open": opened}))
"""

OX_DUMP = """
import sys
import pyoxigraph as ox
db = ox.Store.read_only(sys.argv[1])
with open(sys.argv[2], "wb") as fh:
    db.dump(fh, ox.RdfFormat.N_QUADS if sys.argv[3] == "nquads" else ox.RdfFormat.TRIG)
"""


# -- measuring ------------------------------------------------------------------------------------
def _tree_pss(pid: int) -> int:
    """Proportional set size (KiB) of a process and its descendants: pages shared after fork count once."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return total


def run(
    cmd: list[str], *, env: dict[str, str] | None = None, stdout: Any = subprocess.DEVNULL
) -> dict[str, Any]:
    """Run a command; wall time, the largest single-process peak RSS (wait4) and the tree's peak PSS."""
    errors = tempfile.TemporaryFile()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env={**os.environ, **(env or {})}, stdout=stdout, stderr=errors)
    tree_peak = 0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        tree_peak = max(tree_peak, _tree_pss(proc.pid))
        time.sleep(0.05)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    errors.seek(0)
    err = errors.read().decode(errors="replace")
    errors.close()
    if proc.returncode != 0:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{err[-2000:]}")
    return {"wall": wall, "maxrss_mb": usage.ru_maxrss / 1024, "tree_mb": tree_peak / 1024}


def median_time(func: Callable[[], Any], repeat: int, *, enough: float = 5.0) -> float:
    """Median of ``repeat`` runs; a run slower than ``enough`` seconds is not repeated."""
    times: list[float] = []
    for _ in range(repeat):
        t = time.perf_counter()
        func()
        times.append(time.perf_counter() - t)
        if times[-1] > enough:
            break
    return statistics.median(times)


# -- the corpus -----------------------------------------------------------------------------------
def write_corpus(n: int, path: Path) -> Path:
    """The first ``n`` Reuters articles as kg JSON Lines (the Reuters timestamp becomes an ISO date)."""
    count = 0
    with REUTERS.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as out:
        for line in src:
            if count >= n:
                break
            rec = json.loads(line)
            day = dt.datetime.strptime(rec["date"].split()[0], "%d-%b-%Y").date().isoformat()
            out.write(
                json.dumps({"id": rec["id"], "date": day, "title": rec.get("title"), "text": rec["text"]})
                + "\n"
            )
            count += 1
    if count < n:
        raise SystemExit(f"{REUTERS} has only {count} articles")
    return path


# -- the parts ------------------------------------------------------------------------------------
def bench_throughput(corpus: Path, n: int, jobs: list[int], work: Path, batch: int) -> list[dict[str, Any]]:
    rows = []
    for j in jobs:
        out = subprocess.run(
            [sys.executable, "-c", BARE_SPACY, str(corpus), str(j), str(batch)],
            capture_output=True,
            text=True,
            check=True,
        )
        bare = json.loads(out.stdout.strip().splitlines()[-1])
        bare_wall = bare["load"] + bare["pipe"]
        store = work / f"tp-{j}"
        kg = run(
            [KG, "build", str(corpus), "--store", str(store), "--jobs", str(j), "--batch-size", str(batch)],
            env={"SOURCE_DATE_EPOCH": EPOCH},
        )
        row = {
            "jobs": j,
            "spacy_s": bare_wall,
            "spacy_pipe_s": bare["pipe"],
            "spacy_load_s": bare["load"],
            "kg_s": kg["wall"],
        }
        if j > 1:
            alt = run(
                [sys.executable, "-c", ALT_BUILD, str(corpus), str(work / f"alt-{j}"), str(j), str(batch)]
            )
            row["alt_s"] = alt["wall"]
        rows.append(row)
        print(
            f"  jobs={j}: spaCy {n / bare_wall:.1f} art/s (pipe only {n / bare['pipe']:.1f}), "
            f"kg build {n / kg['wall']:.1f} art/s, ratio {bare_wall / kg['wall']:.2f}"
            + (f"; n_process design {n / row['alt_s']:.1f} art/s" if "alt_s" in row else ""),
            flush=True,
        )
    return rows


def bench_memory(corpora: dict[int, Path], jobs: int, work: Path, batch: int) -> dict[int, dict[str, Any]]:
    out = {}
    for size, corpus in corpora.items():
        store = work / f"mem-{size}"
        m = run(
            [
                KG,
                "build",
                str(corpus),
                "--store",
                str(store),
                "--jobs",
                str(jobs),
                "--batch-size",
                str(batch),
            ],
            env={"SOURCE_DATE_EPOCH": EPOCH},
        )
        m["store"] = store
        out[size] = m
        print(
            f"  {size} articles: {m['wall']:.0f} s ({size / m['wall']:.1f} art/s), largest process "
            f"{m['maxrss_mb']:.0f} MB, whole tree (PSS) {m['tree_mb']:.0f} MB",
            flush=True,
        )
    return out


def graph_samples(store: Path) -> dict[str, str]:
    """Values found in the graph: the most-quoted person, the most frequent relay, a statement IRI.

    The most-quoted rather than the most-mentioned person: in wire copy that is a table heading ("Avg"
    tagged as a name), whose empty answers would time less work than an analyst's question does.
    """
    import pyoxigraph as ox

    db = ox.Store.read_only(str(store))
    ns = "https://w3id.org/kg/ontology#"

    def first(sparql: str, default: str) -> str:
        rows = list(db.query(sparql, use_default_graph_as_union=True))
        return rows[0][0].value if rows else default

    top = "SELECT ?name (COUNT(*) AS ?n) WHERE {{ {} }} GROUP BY ?name ORDER BY DESC(?n) LIMIT 1"
    return {
        "person": first(top.format(f"?s <{ns}speaker> ?a . ?a a <{ns}Person> ; <{ns}name> ?name"), "Reagan"),
        "relay": first(top.format(f"?s <{ns}relay>/<{ns}relayer> ?a . ?a <{ns}name> ?name"), "Reuters"),
        "iri": first(f"SELECT ?s WHERE {{ ?s a <{ns}Statement> }} LIMIT 1", "urn:x:none"),
    }


def sample_value(param: Any, samples: dict[str, str]) -> str:
    """A value for one declared parameter: from the graph for names and IRIs, else the header's "e.g."."""
    if param.datatype in ("iri", "IRI"):
        return samples["iri"]
    if param.datatype == "xsd:date":  # the Reuters corpus runs from February to October 1987
        return "1987-04-30" if param.name in ("until", "end", "to", "before") else "1987-03-01"
    if param.name in ("relay", "relayer"):
        return samples["relay"]
    if param.name in ("actor", "speaker", "who", "name", "agent", "target"):
        return samples["person"]
    example = re.search(r"e\.g\.\s*(\S+)", param.description or "")
    return example[1].rstrip(".,;") if example else samples["person"]


def _short(value: str) -> str:
    return "…/" + value.rsplit("/", 1)[-1] if value.startswith("http") else value


def query_cases(store: Path) -> list[tuple[str, str, dict[str, str]]]:
    """(label, query name, params): each bundled query with its required parameters, then with all of them."""
    from kg.queries import list_queries

    samples = graph_samples(store)
    cases = []
    for q in list_queries():
        required = {p.name: sample_value(p, samples) for p in q.params if not p.optional}
        label = q.name + "".join(f" {k}={_short(v)}" for k, v in required.items())
        cases.append((label, q.name, required))
        optional = {p.name: sample_value(p, samples) for p in q.params if p.optional}
        if optional:
            label = q.name + "".join(f" {k}={_short(v)}" for k, v in {**required, **optional}.items())
            cases.append((label, q.name, {**required, **optional}))
    return cases


def bench_queries(store: Path, repeat: int, query_limit: int, rdflib_limit: int) -> list[dict[str, Any]]:
    from kg.queries import bind_params, inject_bindings, load_query

    cases = query_cases(store)
    rows = []
    for label, name, params in cases:
        q = load_query(name)
        row: dict[str, Any] = {"label": label, "text": inject_bindings(q.text, bind_params(q, params))}
        cmd = [sys.executable, "-c", KG_QUERY, str(store), name, json.dumps(params), str(repeat)]
        try:  # in a child process: a query running in Rust cannot be interrupted from Python
            out = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=query_limit)
        except subprocess.TimeoutExpired:
            row.update(ox_s=None, rows=None, ox_note=f"> {query_limit} s")
            print(f"  {label}: > {query_limit} s", flush=True)
            rows.append(row)
            continue
        result = json.loads(out.stdout.strip().splitlines()[-1])
        row.update(ox_s=statistics.median(result["times"]), rows=result["rows"], open_s=result["open"])
        rows.append(row)
        print(f"  {label}: {row['ox_s'] * 1000:.0f} ms, {row['rows']} rows", flush=True)
    if rdflib_limit <= 0:
        return rows
    dump = store.parent / (store.name + ".nq")
    subprocess.run([sys.executable, "-c", OX_DUMP, str(store), str(dump), "nquads"], check=True)
    from rdflib import Dataset

    t = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(str(dump), format="nquads")
    print(f"  rdflib: loaded {len(ds)} quads in {time.perf_counter() - t:.0f} s", flush=True)

    def alarm(signum: int, frame: Any) -> None:
        raise TimeoutError

    signal.signal(signal.SIGALRM, alarm)
    for row in rows:
        times: list[float] = []
        row["rdflib_s"] = None
        for _ in range(repeat):
            signal.alarm(rdflib_limit)
            t = time.perf_counter()
            try:
                row["rdflib_rows"] = sum(1 for _ in ds.query(row["text"]))
            except TimeoutError:
                row["rdflib_note"] = f"> {rdflib_limit} s"
                break
            except Exception as e:  # noqa: BLE001 - rdflib's engine fails on some valid SPARQL; report it
                row["rdflib_note"] = f"fails ({type(e).__name__})"
                break
            finally:
                signal.alarm(0)
            times.append(time.perf_counter() - t)
            if times[-1] > 5:  # slow enough: one run says it
                break
        if times and "rdflib_note" not in row:
            row["rdflib_s"] = statistics.median(times)
        shown = f"{row['rdflib_s'] * 1000:.0f} ms" if row["rdflib_s"] else row.get("rdflib_note")
        print(f"  rdflib {row['label']}: {shown} ({row.get('rdflib_rows')} rows)", flush=True)
    dump.unlink()
    return rows


def bench_export(store: Path, work: Path, repeat: int) -> list[dict[str, Any]]:
    rows = []
    for fmt, suffix, ox_fmt in (("nquads", "nq", "nquads"), ("turtle", "ttl", "trig")):
        out = work / f"export.{suffix}"
        kg = statistics.median(
            run([KG, "export", "--store", str(store), "-o", str(out)])["wall"] for _ in range(repeat)
        )
        size = out.stat().st_size
        ref = work / f"oxdump.{ox_fmt}"
        ox_s = statistics.median(
            run([sys.executable, "-c", OX_DUMP, str(store), str(ref), ox_fmt])["wall"] for _ in range(repeat)
        )
        rows.append(
            {
                "fmt": fmt,
                "kg_s": kg,
                "mb": size / 1e6,
                "ox_fmt": ox_fmt,
                "ox_s": ox_s,
                "ox_mb": ref.stat().st_size / 1e6,
            }
        )
        print(
            f"  kg export {fmt}: {kg:.1f} s ({size / 1e6:.0f} MB); pyoxigraph dump {ox_fmt}: {ox_s:.1f} s",
            flush=True,
        )
        out.unlink()
        ref.unlink()
    return rows


def bench_cold_start(work: Path, repeat: int) -> dict[str, float]:
    """Start-up cost: the commands run on the small store of examples/, so the query itself costs little."""
    from kg.queries import list_queries

    store = work / "examples-store"
    run([KG, "build", str(ROOT / "examples"), "--store", str(store), "--date", "2025-03-14"])
    first = next(q.name for q in list_queries() if all(p.optional for p in q.params))
    cases = {
        "kg --help": [KG, "--help"],
        f"kg query {first}": [KG, "query", first, "--store", str(store)],
        "kg stats": [KG, "stats", "--store", str(store)],
        "kg export (examples, Turtle)": [
            KG,
            "export",
            "--store",
            str(store),
            "-o",
            str(work / "examples.ttl"),
        ],
    }
    out = {}
    for label, cmd in cases.items():
        out[label] = statistics.median(run(cmd)["wall"] for _ in range(repeat))
        print(f"  {label}: {out[label]:.2f} s", flush=True)
    code = "import sys, kg.cli; print(int('spacy' in sys.modules))"
    out["spacy imported"] = float(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.strip()
    )
    return out


# -- the report -----------------------------------------------------------------------------------
def machine() -> str:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = next(
        (
            int(x.split()[1])
            for x in Path("/proc/meminfo").read_text().splitlines()
            if x.startswith("MemTotal")
        ),
        0,
    )
    import pyoxigraph
    import spacy

    from kg.nlp import choose_model

    return (
        f"{cpu}, {os.cpu_count()} cores, {mem / 1024 / 1024:.0f} GB RAM; {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}, spaCy {spacy.__version__} "
        f"({choose_model()}), pyoxigraph {pyoxigraph.__version__}"
    )


def report(args: argparse.Namespace, info: dict[str, Any]) -> str:
    lines = [
        f"Generated by `python bench/bench_scale.py {' '.join(sys.argv[1:])}` (`make bench` runs it with "
        f"N and SIZES) on {info['when']}, with --jobs {args.jobs}, query time limits {args.query_limit} s "
        f"(kg) and {args.rdflib_limit} s (rdflib).",
        "",
        f"**Machine:** {info['machine']}. Load average when the run started: {info['load']} "
        "(other processes were sharing the CPUs; compare ratios, not absolute speeds).",
        "",
    ]
    if "throughput" in info:
        lines += _build_section(args, info)
    big = args.sizes[1] if "memory" in info else f"{info['articles']:,}"
    lines += [
        "",
        f"### Query latency on the {big}-article graph ({info['quads']:,} quads)",
        "",
        f"Median of {args.repeat} runs through `kg.api.query` (parse the file, bind, run, read every row) "
        "on the store opened once, against the same SPARQL on an rdflib in-memory "
        "`Dataset(default_union=True)` holding the same quads (loaded once). Opening the store, which "
        "`kg query` does once per process, took "
        f"{min(r.get('open_s') or 9 for r in info['queries']) * 1000:.0f}–"
        f"{max(r.get('open_s') or 0 for r in info['queries']) * 1000:.0f} ms.",
        "",
        "| query | rows | kg (pyoxigraph) | rdflib in memory | speed-up |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in info["queries"]:
        rd, ox_s = r.get("rdflib_s"), r.get("ox_s")
        ox_text = f"{ox_s * 1000:,.0f} ms" if ox_s else r.get("ox_note", "?")
        rd_text = f"{rd * 1000:,.0f} ms" if rd else r.get("rdflib_note", "not run")
        if rd and ox_s:
            speed = f"{rd / ox_s:.0f}x"
        elif ox_s and r.get("rdflib_note", "").startswith(">"):
            speed = f"> {args.rdflib_limit / ox_s:.0f}x"
        else:
            speed = "—"
        rows = r["rows"] if r.get("rows") is not None else "?"
        lines.append(f"| `{r['label']}` | {rows} | {ox_text} | {rd_text} | {speed} |")
    lines += [
        "",
        f"### Export of the {big}-article graph",
        "",
        "| format | `kg export` | pyoxigraph's own dump | ratio |",
        "|---|---:|---:|---:|",
    ]
    for r in info["export"]:
        lines.append(
            f"| {r['fmt']} ({r['mb']:.0f} MB) | {r['kg_s']:.1f} s | {r['ox_s']:.1f} s ({r['ox_fmt']}, "
            f"{r['ox_mb']:.0f} MB) | {r['kg_s'] / r['ox_s']:.2f} |"
        )
    lines += [
        "",
        "Turtle has no named graphs: `kg export` writes the union of all graphs, each triple once "
        "(a `SELECT DISTINCT` over all graphs), so it is compared with pyoxigraph's TriG dump.",
    ]
    cold = info["cold"]
    lines += [
        "",
        "### Cold start (median of 5 fresh processes, on the 3-article store of `examples/`)",
        "",
        "| command | time |",
        "|---|---:|",
    ]
    lines += [f"| `{k}` | {v:.2f} s |" for k, v in cold.items() if k != "spacy imported"]
    lines += ["", f"`import kg.cli` loads spaCy: {'yes' if cold['spacy imported'] else 'no'}."]
    return "\n".join(lines) + "\n"


def _build_section(args: argparse.Namespace, info: dict[str, Any]) -> list[str]:
    """Throughput and memory: the figures of a run that built the corpora."""
    n = args.n
    lines = [
        f"Corpus: the first articles of Reuters-21578 (`reuters21578_bodies.jsonl`, ~{info['chars']:.0f} "
        "characters each). All times are wall-clock times of a fresh process, model loading included.",
        "",
        f"### Build throughput ({n} articles)",
        "",
        "| processes | bare spaCy `nlp.pipe` | `kg build` | kg / spaCy |",
        "|---:|---:|---:|---:|",
    ]
    for r in info["throughput"]:
        lines.append(
            f"| {r['jobs']} | {n / r['spacy_s']:.1f} art/s ({r['spacy_s']:.0f} s; pipe alone "
            f"{n / r['spacy_pipe_s']:.1f} art/s) | {n / r['kg_s']:.1f} art/s ({r['kg_s']:.0f} s) "
            f"| {r['spacy_s'] / r['kg_s']:.2f} |"
        )
    tp = {r["jobs"]: r for r in info["throughput"]}
    if 1 in tp and args.jobs in tp and args.jobs > 1:
        lines += [
            "",
            f"`kg build --jobs {args.jobs}` is **{tp[1]['kg_s'] / tp[args.jobs]['kg_s']:.2f}x** "
            f"as fast as `--jobs 1` (bare spaCy: {tp[1]['spacy_s'] / tp[args.jobs]['spacy_s']:.2f}x).",
        ]
        alt = tp[args.jobs].get("alt_s")
        if alt:
            lines += [
                "",
                f"The design not taken — spaCy's own `n_process={args.jobs}` parsing, extractors and "
                f"mapping in the parent — ran at {n / alt:.1f} art/s against kg's "
                f"{n / tp[args.jobs]['kg_s']:.1f} (forked workers that parse, extract and map a whole "
                "batch and send back N-Quads).",
            ]
    small, big = args.sizes
    mem = info["memory"]
    lines += [
        "",
        f"### Peak memory of `kg build --jobs {args.jobs}`",
        "",
        "| articles | time | largest process (peak RSS) | whole tree (peak PSS, sampled) |",
        "|---:|---:|---:|---:|",
    ]
    for size in (small, big):
        m = mem[size]
        lines.append(
            f"| {size} | {m['wall']:.0f} s ({size / m['wall']:.1f} art/s) | {m['maxrss_mb']:.0f} MB "
            f"| {m['tree_mb']:.0f} MB |"
        )
    lines += [
        "",
        f"{big} / {small} articles: largest process "
        f"**{mem[big]['maxrss_mb'] / mem[small]['maxrss_mb']:.2f}x**,"
        f" whole tree {mem[big]['tree_mb'] / mem[small]['tree_mb']:.2f}x.",
    ]
    return lines


def write_doc(path: Path, body: str) -> None:
    """Put the generated block between the markers; everything else in the file is kept."""
    block = f"{START}\n{body}{END}\n"
    if path.exists():
        text = path.read_text(encoding="utf-8")
        if START in text and END in text:
            head, rest = text.split(START, 1)
            tail = rest.split(END, 1)[1].lstrip("\n")
            text = head + block + ("\n" + tail if tail else "")
        else:
            text = text.rstrip("\n") + "\n\n## Benchmarks\n\n" + block
    else:
        text = (
            "# Performance\n\nHow fast `kg` builds, queries and exports, measured by `make bench` "
            "(bench/bench_scale.py).\n\n## Benchmarks\n\n" + block
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="articles for the throughput runs")
    parser.add_argument(
        "--sizes", default="500,5000", help="two corpus sizes for memory, the larger for queries"
    )
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=5, help="runs per query / cold start (median)")
    parser.add_argument("--query-limit", type=int, default=30, help="seconds per kg query before giving up")
    parser.add_argument(
        "--rdflib-limit", type=int, default=30, help="seconds per rdflib query (0: skip rdflib)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--work", type=Path, help="scratch directory (default: a temporary one)")
    parser.add_argument(
        "--store",
        type=Path,
        help="measure (4)-(6) only, on this built store (e.g. after changing a query); no build figures",
    )
    args = parser.parse_args()
    args.sizes = sorted(int(s) for s in args.sizes.split(","))
    if len(args.sizes) != 2:
        parser.error("--sizes takes two sizes, e.g. 500,5000")
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    info: dict[str, Any] = {
        "when": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "load": " / ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
    print(f"machine: {info['machine']}\nload average: {info['load']}\nscratch: {work}", flush=True)
    if args.store:
        big_store = args.store
    else:
        corpus = write_corpus(args.n, work / f"reuters-{args.n}.jsonl")
        info["chars"] = statistics.mean(
            len(json.loads(line)["text"]) for line in corpus.open(encoding="utf-8")
        )
        print(f"(1, 2) build throughput on {args.n} articles", flush=True)
        info["throughput"] = bench_throughput(corpus, args.n, sorted({1, args.jobs}), work, args.batch_size)
        print(f"(3) peak RSS of kg build --jobs {args.jobs}", flush=True)
        corpora = {size: write_corpus(size, work / f"reuters-{size}.jsonl") for size in args.sizes}
        info["memory"] = bench_memory(corpora, args.jobs, work, args.batch_size)
        big_store = info["memory"][args.sizes[1]]["store"]
    import pyoxigraph as ox

    db = ox.Store.read_only(str(big_store))
    info["quads"] = len(db)
    articles = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a a <https://w3id.org/kg/ontology#Article> } }"
    info["articles"] = int(next(iter(db.query(articles)))[0].value)
    del db
    print("(6) cold start", flush=True)
    info["cold"] = bench_cold_start(work, 5)
    print(f"(5) export of {args.sizes[1]} articles", flush=True)
    info["export"] = bench_export(big_store, work, 3)
    print(f"(4) queries on {args.sizes[1]} articles ({info['quads']} quads)", flush=True)
    info["queries"] = bench_queries(big_store, args.repeat, args.query_limit, args.rdflib_limit)
    body = report(args, info)
    write_doc(args.out, body)
    print("\n" + body)
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
