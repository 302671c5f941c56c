"""Batch builds (issue 8): resumable after SIGKILL, worker processes, skip/force, lazy imports.

The corpus is generated here from a few template sentences written for these
tests, so each article is short and distinct.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import api
from kg.errors import InputError
from kg.vocab import ACTORS_GRAPH, ONTOLOGY_GRAPH

ROOT = Path(__file__).resolve().parent.parent
KG = str(ROOT / ".venv" / "bin" / "kg") if (ROOT / ".venv" / "bin" / "kg").exists() else "kg"
EPOCH = "1700000000"

PEOPLE = ["Maria Lindqvist", "Tomas Okafor", "Priya Raman", "Jonas Weber", "Elena Sorokina", "Kofi Mensah"]
ORGS = [
    "the Harbour Authority",
    "the Ministry of Energy",
    "the National Grain Board",
    "the Port Workers Union",
]
PLACES = ["Norway", "Ghana", "India", "Germany", "Chile", "Kenya"]


def _article(n: int) -> dict[str, str]:
    person, org, place = PEOPLE[n % len(PEOPLE)], ORGS[n % len(ORGS)], PLACES[(n // 2) % len(PLACES)]
    other = PEOPLE[(n + 3) % len(PEOPLE)]
    text = (
        f"{person}, a spokesperson for {org}, said on Monday that talks with {place} would resume "
        f'within {n + 2} days. "We expect an agreement on shipment number {n}," {person.split()[-1]} told '
        f"reporters in the capital. {other} criticised the delay and said the government of {place} "
        f"had cancelled {n + 10} contracts since March."
    )
    return {"id": f"synthetic-{n:03d}", "date": "2025-03-14", "text": text}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    path.write_text("".join(json.dumps(_article(n)) + "\n" for n in range(60)), encoding="utf-8")
    return path


def _article_graphs(path: Path) -> int:
    db = ox.Store.read_only(str(path))
    return sum(1 for g in db.named_graphs() if g.value not in (str(ONTOLOGY_GRAPH), str(ACTORS_GRAPH)))


def _quads(path: Path) -> set[str]:
    """Every quad of the store as N-Quads, blank nodes canonicalised (the ontology graph has some)."""
    db = ox.Store.read_only(str(path))
    ds = ox.Dataset(db)
    ds.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return {str(q) for q in ds}


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus built in one uninterrupted run, single process."""
    path = tmp_path_factory.mktemp("ref") / "store"
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        summary = api.build([corpus], store=path, jobs=1, batch_size=8)
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH") if old is None else os.environ.update(SOURCE_DATE_EPOCH=old)
    assert summary.articles == 60
    return path


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(c) for c in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_sigkill_then_resume_equals_uninterrupted_build(
    corpus: Path, reference: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    cmd = [KG, "build", str(corpus), "--store", str(store), "--jobs", "2", "--batch-size", "2"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    workers: list[int] = []
    seen = 0
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        workers = _children(proc.pid) or workers
        if store.exists():
            try:
                seen = _article_graphs(store)
            except (OSError, RuntimeError):  # the store is being created
                seen = 0
            if seen >= 1:
                break
        time.sleep(0.05)
    assert proc.poll() is None, "the build finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()  # type: ignore[union-attr]
    proc.stderr.close()  # type: ignore[union-attr]
    partial = _article_graphs(store)
    assert 1 <= partial < 60
    assert len(workers) == 2
    for _ in range(100):  # forked workers die with their parent instead of lingering
        if not any(_alive(w) for w in workers):
            break
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers)

    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, check=True)
    assert f"({partial} unchanged, skipped)" in done.stdout
    assert done.stdout.startswith(f"{60 - partial} articles")
    assert _quads(store) == _quads(reference)


def test_workers_give_the_same_graph_as_one_process(
    corpus: Path, reference: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    calls: list[tuple[int, int]] = []
    summary = api.build(
        [corpus],
        store=tmp_path / "store",
        jobs=2,
        batch_size=8,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert summary.articles == 60
    assert calls[-1] == (60, 60)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert _quads(tmp_path / "store") == _quads(reference)


def test_unchanged_articles_are_skipped_and_changed_ones_rebuilt(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    lines = corpus.read_text(encoding="utf-8").splitlines()[:6]
    small = tmp_path / "small.jsonl"
    small.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = tmp_path / "store"
    assert api.build([small], store=store, jobs=1).articles == 6
    again = api.build([small], store=store, jobs=1)
    assert (again.articles, again.skipped) == (0, 6)

    rec = json.loads(lines[2])
    rec["text"] = rec["text"].replace("Monday", "Friday")
    small.write_text("\n".join([*lines[:2], json.dumps(rec), *lines[3:]]) + "\n", encoding="utf-8")
    changed = api.build([small], store=store, jobs=1)
    assert (changed.articles, changed.skipped) == (1, 5)
    db = ox.Store.read_only(str(store))
    texts = [
        s["t"].value
        for s in db.query(
            "SELECT ?t WHERE { GRAPH <https://w3id.org/kg/id/graph-synthetic-002> "
            "{ ?a <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString> ?t } }"
        )
    ]
    assert len(texts) == 1 and "Friday" in texts[0]
    del db
    forced = api.build([small], store=store, jobs=1, force=True)
    assert (forced.articles, forced.skipped) == (6, 0)


def test_a_bad_record_at_the_end_changes_nothing(corpus: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(corpus.read_text(encoding="utf-8") + '{"id": "x"}\n', encoding="utf-8")
    store = tmp_path / "store"
    with pytest.raises(InputError) as err:
        api.build([bad], store=store, jobs=1)
    assert "[K005]" in str(err.value) and "line 61" in str(err.value)
    assert not store.exists()


HEAVY = ("spacy", "thinc", "torch", "kg.extract", "kg.nlp")
# Commands whose start-up must stay near 0.1 s also leave rdflib (0.12-0.17 s to import) alone.
READ_COMMANDS = [
    (["--help"], HEAVY + ("rdflib",)),
    (["query", "actors"], HEAVY + ("rdflib",)),
    (["stats"], HEAVY + ("rdflib",)),
    (["export", "--format", "nquads"], HEAVY),
    (["queries"], HEAVY),
]


@pytest.mark.parametrize(("args", "heavy"), READ_COMMANDS, ids=[" ".join(a) for a, _ in READ_COMMANDS])
def test_read_commands_do_not_import_spacy(
    args: list[str], heavy: tuple[str, ...], built_store: Path
) -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from kg.cli import cli\n"
        f"r = CliRunner().invoke(cli, {args!r} + ([] if {args!r} in (['--help'], ['queries']) "
        f"else ['--store', {str(built_store)!r}]))\n"
        "assert r.exit_code == 0, r.output\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r} or m in {heavy!r}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "[]"
