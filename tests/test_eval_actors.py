"""Actor figures on the development gold in ../shared/eval/dev (issue #4), so regressions show.

Runs the full pipeline (the statements stage adds speaker actors, so the figures depend
on it too) on the hand-annotated sample article and on the 24 GUM news documents, and
scores the actors with the shared scorer.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from kg.extract import run_extractors
from kg.jsonview import to_json
from kg.model import Article

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev"


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("kg_shared_score", DEV.parent / "score.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def _score(nlp, golds: list[dict[str, Any]]) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    preds = []
    for g in golds:
        article = Article(id=g["id"], text=g["text"], date=g.get("date"))
        preds.append(to_json(run_extractors(article, nlp(article.text))))
    golds = [{**g, "scope": ["actors"]} for g in golds]
    return _scorer().score(golds, preds)


@pytest.fixture(scope="module")
def sample(nlp) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return _score(
        nlp, [json.loads((DEV / "turkey-israel-syria-talks.gold.json").read_text(encoding="utf-8"))]
    )


@pytest.fixture(scope="module")
def gum(nlp) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    lines = (DEV / "gum-news.gold.jsonl").read_text(encoding="utf-8").splitlines()
    return _score(nlp, [json.loads(x) for x in lines if x.strip()])


def test_sample_article_actors(sample: dict[str, Any]) -> None:
    assert sample["actors_typed"]["f1"] >= 0.90, sample["actors_typed"]
    assert sample["accuracy"]["person_role"] >= 0.8
    assert sample["accuracy"]["person_affiliation"] >= 0.8


def test_gum_news_actors(gum: dict[str, Any]) -> None:
    assert gum["actors"]["f1"] >= 0.805, gum["actors"]
    assert gum["actors_typed"]["f1"] >= 0.75, gum["actors_typed"]
