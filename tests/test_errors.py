"""Bad input: one line on stderr naming the problem and the file, exit 2, the store unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import api
from kg.cli import cli
from kg.errors import InputError, KgError, QueryError

from .conftest import EXAMPLES


def _snapshot(store: Path) -> set[str]:
    import pyoxigraph as ox

    s = ox.Store.read_only(str(store))
    return {str(q) for q in s}


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("err") / "store"
    api.build([EXAMPLES / "port-strike.txt"], store=path, date="2025-03-14")
    return path


def _bad_files(tmp: Path) -> dict[str, tuple[Path, str]]:
    (tmp / "empty.txt").write_text("   \n")
    (tmp / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp / "latin1.txt").write_bytes("Caf\xe9 owner said prices rose.".encode("latin-1"))
    (tmp / "bad.jsonl").write_text('{"id": "x", "text": "ok"}\n{"id": 3\n')
    (tmp / "notext.jsonl").write_text('{"id": "x"}\n')
    return {
        "missing": (tmp / "nope.txt", "K001"),
        "empty": (tmp / "empty.txt", "K002"),
        "binary": (tmp / "binary.txt", "K004"),
        "non-utf8": (tmp / "latin1.txt", "K003"),
        "bad-json": (tmp / "bad.jsonl", "K005"),
        "no-text": (tmp / "notext.jsonl", "K005"),
    }


@pytest.mark.parametrize("case", ["missing", "empty", "binary", "non-utf8", "bad-json", "no-text"])
def test_bad_article_exits_2_and_leaves_store(case: str, small_store: Path, tmp_path: Path) -> None:
    path, code = _bad_files(tmp_path)[case]
    before = _snapshot(small_store)
    # a good article first: nothing of it may be written either
    r = CliRunner().invoke(
        cli, ["build", str(EXAMPLES / "harbour-talks.txt"), str(path), "--store", str(small_store)]
    )
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr.count("\n") == 1
    assert r.stderr.startswith(f"Error: [{code}] ")
    assert str(path) in r.stderr
    assert _snapshot(small_store) == before


@pytest.mark.parametrize("case", ["missing", "empty", "binary", "non-utf8"])
def test_bad_article_in_extract(case: str, tmp_path: Path) -> None:
    path, code = _bad_files(tmp_path)[case]
    r = CliRunner().invoke(cli, ["extract", str(path)])
    assert r.exit_code == 2
    assert r.stderr.startswith(f"Error: [{code}] ") and r.stderr.count("\n") == 1


def test_bad_date(small_store: Path) -> None:
    r = CliRunner().invoke(cli, ["build", str(EXAMPLES), "--date", "14/03/2025", "--store", str(small_store)])
    assert r.exit_code == 2
    assert r.stderr == "Error: [K007] Invalid date '14/03/2025': use YYYY-MM-DD.\n"


def test_unknown_query(small_store: Path) -> None:
    r = CliRunner().invoke(cli, ["query", "who-said", "--store", str(small_store)])
    assert r.exit_code == 2
    assert r.stderr.startswith("Error: [K020] Unknown query 'who-said': available: ")
    assert "who-said-what" in r.stderr and r.stderr.count("\n") == 1


def test_malformed_query_file(small_store: Path, tmp_path: Path) -> None:
    rq = tmp_path / "broken.rq"
    rq.write_text("# title: Broken\n# description: a missing brace\nSELECT ?s WHERE { ?s ?p ?o \n")
    r = CliRunner().invoke(cli, ["query", str(rq), "--store", str(small_store)])
    assert r.exit_code == 2
    assert r.stderr.startswith(f"Error: [K021] {rq}: malformed SPARQL: ")
    assert r.stderr.count("\n") == 1


def test_query_file_without_header(small_store: Path, tmp_path: Path) -> None:
    rq = tmp_path / "bare.rq"
    rq.write_text("SELECT ?s WHERE { ?s ?p ?o }\n")
    r = CliRunner().invoke(cli, ["query", str(rq), "--store", str(small_store)])
    assert r.exit_code == 2
    assert r.stderr.startswith("Error: [K025] ")


def test_unknown_param(small_store: Path) -> None:
    r = CliRunner().invoke(cli, ["query", "who-said-what", "-p", "speaker=X", "--store", str(small_store)])
    assert r.exit_code == 2
    assert r.stderr == (
        "Error: [K022] Unknown parameter 'speaker' for query 'who-said-what': it declares actor.\n"
    )


def test_param_without_equals(small_store: Path) -> None:
    r = CliRunner().invoke(cli, ["query", "who-said-what", "-p", "actor", "--store", str(small_store)])
    assert r.exit_code == 2
    assert r.stderr == "Error: [K024] Bad --param 'actor': use name=value.\n"


def test_unknown_export_format(small_store: Path, tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["export", "--store", str(small_store), "-o", str(tmp_path / "g.xyz")])
    assert r.exit_code == 2
    assert r.stderr.startswith("Error: [K010] Unknown file suffix '.xyz': available: .ttl")
    assert not (tmp_path / "g.xyz").exists()


def test_bad_format_flag_is_a_usage_error(small_store: Path) -> None:
    r = CliRunner().invoke(cli, ["export", "--store", str(small_store), "--format", "rdfxml"])
    assert r.exit_code == 2
    assert "Invalid value for '--format'" in r.stderr


def test_missing_store(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["stats", "--store", str(tmp_path / "none")])
    assert r.exit_code == 2
    assert r.stderr.startswith("Error: [K031] ") and str(tmp_path / "none") in r.stderr


def test_library_raises_typed_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError) as e:
        api.extract([tmp_path / "missing.txt"])
    assert e.value.code == "K001"
    with pytest.raises(QueryError):
        api.query("nope", store=tmp_path)
    assert issubclass(InputError, KgError)
