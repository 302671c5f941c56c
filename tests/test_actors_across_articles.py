"""Actor identity across articles (issue #4): keys decide IRIs, built into a real Oxigraph store.

The articles are written for the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import api

ARTICLES = {
    "first.txt": "Norwegian Foreign Minister Anna Berg met officials in Torkiye on Monday. "
    "Berg said the talks were useful. A senior official said the mood was calm.\n",
    "second.txt": "Anna Berg, Norway's foreign minister, visited Turkey on Friday. "
    "Her colleague Erik Berg, a trade adviser, stayed in Oslo. "
    "A senior official said the visit was a success.\n",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("actors")
    src = root / "articles"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    path = root / "store"
    api.build([src], store=path, date="2025-03-14")
    return path


def mentions(store: Path, needle: str) -> list[dict[str, str]]:
    res = api.query("actor-mentions", store=store, params={"actor": needle})
    return [dict(zip(res.columns, row, strict=True)) for row in res.rows]


def test_same_person_in_two_articles_is_one_iri(store: Path) -> None:
    rows = [r for r in mentions(store, "Anna Berg")]
    assert {r["article"] for r in rows} == {"first", "second"}
    assert {r["iri"] for r in rows} == {"https://w3id.org/kg/id/actor-person-anna-berg"}
    # "Berg" alone in the first article is Anna Berg there, not a third person
    assert any(r["text"] == "Berg" and r["article"] == "first" for r in rows)


def test_two_people_sharing_a_surname_stay_two(store: Path) -> None:
    iris = {r["iri"] for r in mentions(store, "Berg")}
    assert "https://w3id.org/kg/id/actor-person-anna-berg" in iris
    assert "https://w3id.org/kg/id/actor-person-erik-berg" in iris


def test_typo_country_merges_with_the_country(store: Path) -> None:
    rows = mentions(store, "Turk")
    assert {r["iri"] for r in rows} == {"https://w3id.org/kg/id/actor-country-tr"}
    assert {r["text"] for r in rows} == {"Torkiye", "Turkey"}
    assert {r["article"] for r in rows} == {"first", "second"}


def test_anonymous_sources_never_merge(store: Path) -> None:
    rows = mentions(store, "senior official")
    iris = {r["iri"] for r in rows}
    assert len(iris) == 2  # one per article: the same words are not the same person
    assert all("/actor-group-" in iri for iri in iris)
    assert not iris & {r["iri"] for r in mentions(store, "Berg")}


def test_roles_and_affiliations_query(store: Path) -> None:
    res = api.query("actor-roles", store=store, params={"actor": "Anna Berg"})
    rows = [dict(zip(res.columns, row, strict=True)) for row in res.rows]
    assert rows == [
        {
            "name": "Anna Berg",
            "actorType": "Person",
            "role": "Foreign Minister",
            "affiliation": "Norway",
            "articles": rows[0]["articles"],
        }
    ]
    assert set(rows[0]["articles"].split(", ")) == {"first", "second"}
