"""`kg validate`: deliberately broken graphs fail with the right violation; built stores conform."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from kg import api
from kg.cli import cli

from .conftest import EXAMPLES, SHARED

DATA = Path(__file__).parent / "data" / "validate"
_CACHE: dict[Any, Any] = {}


def _cached(load: Any) -> Any:
    """The ontology and shapes parsed once for the property test (they are only read)."""
    if load not in _CACHE:
        _CACHE[load] = load()
    return _CACHE[load]


KG = "https://w3id.org/kg/ontology#"


@pytest.fixture(scope="module")
def full_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of every example article and every shared article (read-only for these tests)."""
    path = tmp_path_factory.mktemp("validate") / "store"
    api.build([EXAMPLES, *sorted((SHARED / "articles").glob("*.txt"))], store=path)
    return path


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "no-speaker.ttl",
            ["[StatementShape] id:statement-t1-34-60  kg:speaker", "A statement has exactly one speaker"],
        ),
        (
            "span-outside-article.ttl",
            [
                "[StatementShape] id:statement-t1-34-60",
                "The content span 34..160 is outside its article id:article-t1 (text length 61)",
            ],
        ),
        (
            "wrong-datatype.ttl",
            [
                "[MentionShape] id:mention-t1-21-28  nif:beginIndex",
                "a non-negative xsd:integer). (value: '21')",
            ],
        ),
        (
            "undeclared-cameo-concept.ttl",
            ["[EventShape] id:event-t1-44-50  kg:eventType", "(value: cameo:999)"],
        ),
        (
            "undeclared-event-type.ttl",
            ["[EventShape] id:event-t1-44-50", "The event has a type kg:Walkout that is not declared"],
        ),
    ],
)
def test_broken_graph_fails_with_the_violation_named(
    runner: CliRunner, name: str, expected: list[str]
) -> None:
    r = runner.invoke(cli, ["validate", str(DATA / name)])
    assert r.exit_code == 1, r.output
    for text in expected:
        assert text in r.output
    assert "    article: t1" in r.output
    assert r.stderr == ""


def test_valid_graph_conforms_and_is_consistent(runner: CliRunner) -> None:
    r = runner.invoke(cli, ["validate", "--reason", str(DATA / "valid.ttl")])
    assert r.exit_code == 0, r.output
    assert r.output == (
        f"{DATA / 'valid.ttl'}: 54 triples, 1 article; SHACL: conforms; OWL 2 (HermiT): consistent\n"
    )


def test_disjoint_types_pass_shacl_but_fail_owl(runner: CliRunner) -> None:
    path = str(DATA / "disjoint-types.ttl")
    assert runner.invoke(cli, ["validate", path]).exit_code == 0
    r = runner.invoke(cli, ["validate", "--reason", path])
    assert r.exit_code == 1
    assert "OWL 2 (HermiT): INCONSISTENT" in r.output
    assert "id:actor-location-valmora is both kg:Organization and kg:Person, which are disjoint." in r.output


def test_unsatisfiable_class_is_reported(tmp_path: Path) -> None:
    from rdflib import Graph

    from kg.validate import check_consistency, load_ontology

    extra = Graph().parse(
        data=f"""
        @prefix kg: <{KG}> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        kg:Centaur a owl:Class ; rdfs:subClassOf kg:Person , kg:Organization .""",
        format="turtle",
    )
    found = check_consistency([load_ontology(), extra])
    assert [(v.focus, v.shape) for v in found] == [("kg:Centaur", "OWL")]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["validate", str(DATA / "unparsable.ttl")], "K051"),
        (["validate", str(DATA / "missing.ttl")], "K160"),
    ],
)
def test_bad_input_exits_2_with_one_line(runner: CliRunner, args: list[str], code: str) -> None:
    r = runner.invoke(cli, args)
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr.startswith(f"Error: [{code}] ") and r.stderr.count("\n") == 1


def test_unknown_suffix_and_missing_store(runner: CliRunner, tmp_path: Path) -> None:
    odd = tmp_path / "graph.xyz"
    odd.write_text("<a> <b> <c> .\n")
    r = runner.invoke(cli, ["validate", str(odd)])
    assert r.exit_code == 2 and r.stderr.startswith("Error: [K161] ")
    r = runner.invoke(cli, ["validate", "--store", str(tmp_path / "nostore")])
    assert r.exit_code == 2 and r.stderr.startswith("Error: [K031] ")


def test_reason_without_java_is_a_clear_error(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    import owlready2

    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/java")
    r = runner.invoke(cli, ["validate", "--reason", str(DATA / "valid.ttl")])
    assert r.exit_code == 2
    assert r.stderr.startswith("Error: [K052] OWL reasoning needs Java")


def test_built_store_conforms_and_is_consistent(runner: CliRunner, full_store: Path) -> None:
    """Done-when of issue 3: every example and shared article validates, SHACL and OWL."""
    r = runner.invoke(cli, ["validate", "--reason", "--store", str(full_store)])
    assert r.exit_code == 0, r.output
    first = r.output.splitlines()[0]
    assert "SHACL: conforms" in first and first.endswith("OWL 2 (HermiT): consistent")
    assert "Violation:" not in r.output  # warnings (events without participants) may be listed


def test_event_without_participants_is_a_warning_not_a_violation(tmp_path: Path) -> None:
    """An event the text gives no participant for is incomplete, not broken: exit 0 with a warning."""
    from kg.batch import article_quads
    from kg.model import Article, Event, Extraction, Span
    from kg.store import Store

    text = "The ceasefire held overnight."
    ex = Extraction(
        article=Article(id="w1", text=text, date="2025-01-01"),
        events=(Event(id="e1", type="Ceasefire", cameo="0871", trigger=Span(4, 13)),),
    )
    store = Store(tmp_path / "s", create=True)
    store.ensure_ontology()
    graph, quads = article_quads(ex)
    store.replace_graphs({graph: quads})
    store.close()
    del store
    report = api.validate(store=tmp_path / "s")
    assert report.conforms
    assert [v.shape for v in report.violations if v.severity == "Warning"] == ["EventParticipantShape"]


def test_exported_dataset_validates_like_the_store(full_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.trig"
    api.export(store=full_store, out=out)
    from_store = api.validate(store=full_store)
    from_file = api.validate(out)
    assert from_file.triples == from_store.triples > 0
    assert (
        from_file.articles
        == from_store.articles
        == len(list(EXAMPLES.glob("*.txt"))) + len(list((SHARED / "articles").glob("*.txt")))
    )
    assert from_file.violations == from_store.violations


def test_store_violation_names_its_article(full_store: Path, tmp_path: Path) -> None:
    """Remove one statement's speaker from a copy of a built store: the report names that article."""
    import shutil

    copy = tmp_path / "store"
    shutil.copytree(full_store, copy)
    db = ox.Store(str(copy))
    speaker = ox.NamedNode(KG + "speaker")
    quad: Any = next(q for q in db.quads_for_pattern(None, speaker, None, None))
    db.remove(quad)
    graph = quad.graph_name.value
    article = graph.rsplit("graph-", 1)[1]
    del db
    report = api.validate(store=copy)
    focus = "id:" + quad.subject.value.rsplit("/", 1)[1]
    hits = [v for v in report.violations if v.focus == focus]
    assert [(v.path, v.shape, v.articles) for v in hits] == [("kg:speaker", "StatementShape", (article,))]
    assert f"    article: {article}" in "\n".join(report.lines())


def test_long_report_ends_with_counts_per_constraint() -> None:
    from kg.validate import SUMMARY_AFTER, ValidationReport, Violation

    many = [
        Violation(f"id:statement-{n}", "A statement has exactly one speaker", "kg:speaker", "StatementShape")
        for n in range(SUMMARY_AFTER + 1)
    ]
    lines = ValidationReport("x.ttl", 100, 1, many).lines()
    assert lines[0] == f"x.ttl: 100 triples, 1 article; SHACL: {SUMMARY_AFTER + 1} violations"
    assert lines[-2:] == [
        "By constraint (1):",
        f"{SUMMARY_AFTER + 1:6d}  [StatementShape] kg:speaker  A statement has exactly one speaker",
    ]
    assert ValidationReport("x.ttl", 100, 1, many[:1]).lines()[-1].startswith("    A statement")


@settings(max_examples=25, deadline=None)
@given(
    text=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40),
    data=st.data(),
)
def test_any_span_of_any_text_passes_the_span_checks(text: str, data: st.DataObject) -> None:
    """NIF offsets are code points in Python and in SPARQL (STRLEN/SUBSTR on Oxigraph), emoji included."""
    from rdflib import Graph

    from kg.mapping import map_extraction
    from kg.model import Actor, Article, Extraction, Span, Statement
    from kg.validate import _Articles, check_shapes, load_ontology, load_shapes

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    article = Article(id="prop", text=text)
    ex = Extraction(
        article,
        actors=(Actor("a1", "Someone", "Person", "person-someone", mentions=(Span(start, end),)),),
        statements=(Statement("s1", "a1", "said", Span(start, end), "indirect"),),
    )
    graph = Graph()
    for t in map_extraction(ex):
        graph.add(t)
    found = check_shapes(graph, _cached(load_ontology), _cached(load_shapes), _Articles(graph, {}))
    assert [v for v in found if "span" in v.message or "text" in v.message] == []
    # the same span with its anchor text off by one character is caught
    from rdflib import Literal

    from kg.vocab import NIF

    mention = next(graph.subjects(NIF.beginIndex, None))
    anchor = str(graph.value(mention, NIF.anchorOf))
    graph.set((mention, NIF.anchorOf, Literal(anchor + "x")))
    found = check_shapes(graph, _cached(load_ontology), _cached(load_shapes), _Articles(graph, {}))
    assert any("is not the article's text" in v.message for v in found)


def test_json_format_gives_one_row_per_violation(runner: CliRunner) -> None:
    import json

    r = runner.invoke(cli, ["validate", str(DATA / "no-speaker.ttl"), "--format", "json"])
    assert r.exit_code == 1
    assert json.loads(r.stdout) == [
        {
            "severity": "Violation",
            "shape": "StatementShape",
            "focus": "id:statement-t1-34-60",
            "path": "kg:speaker",
            "message": "A statement has exactly one speaker (kg:speaker, an actor).",
            "value": None,
            "articles": "t1",
        }
    ]
    r = runner.invoke(cli, ["validate", str(DATA / "valid.ttl"), "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.stdout) == []


def test_broken_or_missing_ontology_is_a_coded_error(tmp_path: Path) -> None:
    import shutil

    from kg.errors import OntologyError
    from kg.resources import ONTOLOGY_DIR
    from kg.validate import validate

    with pytest.raises(OntologyError) as e:
        validate(DATA / "valid.ttl", ontology_dir=tmp_path)
    assert e.value.code == "K163"
    for f in ONTOLOGY_DIR.glob("*.ttl"):
        shutil.copy(f, tmp_path / f.name)
    with (tmp_path / "kg.ttl").open("a", encoding="utf-8") as fh:
        fh.write("\nkg:Broken kg:dangling .\n")
    with pytest.raises(OntologyError) as e:
        validate(DATA / "valid.ttl", ontology_dir=tmp_path)
    assert e.value.code == "K050" and "kg.ttl" in str(e.value) and "objectList expected" in str(e.value)


def test_inconsistency_from_a_functional_property_is_explained() -> None:
    from rdflib import Graph

    from kg.validate import check_consistency, load_ontology

    data = Graph().parse(
        data=f"""@prefix kg: <{KG}> . @prefix id: <https://w3id.org/kg/id/> .
        id:r1 a kg:Relay ; kg:position 1 , 2 ; kg:relayer id:x . id:x a kg:Person .""",
        format="turtle",
    )
    [found] = check_consistency([load_ontology(), data])
    assert found.shape == "OWL" and found.message.startswith(
        "The ontology and data are inconsistent under HermiT"
    )
    assert "id:r1 has 2 values for the functional property kg:position" in found.message
