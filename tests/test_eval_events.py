"""Event extraction against the development gold in ../shared/eval/dev (issue #6).

Thresholds: the sample article (event F1 >= 0.85, strict F1 >= 0.75, argument F1
>= 0.70, date accuracy >= 0.7), WikiEvents dev (event F1 >= 0.57, argument F1
>= 0.475) and RAMS dev (event recall >= 0.61, argument F1 >= 0.375; RAMS annotates one event per
window, so of the events only recall means anything; arguments are scored on matched events). All
621 RAMS windows are scored: they are short, and the whole file takes about half a minute.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kg.api import extract_articles
from kg.jsonview import to_json
from kg.model import Article

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev"


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", DEV.parent / "score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def score_file(scorer: ModuleType, name: str) -> dict[str, Any]:
    """Run the whole pipeline on each gold document's text and date, and score it."""
    path = DEV / name
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        golds = [json.loads(x) for x in text.splitlines() if x.strip()]
    else:
        golds = [json.loads(text)]
    articles = [Article(id=g["id"], text=g["text"], date=g.get("date")) for g in golds]
    preds = [to_json(ex) for ex in extract_articles(articles)]
    return scorer.score(golds, preds)


def test_sample_article(scorer: ModuleType) -> None:
    res = score_file(scorer, "turkey-israel-syria-talks.gold.json")
    assert res["event"]["f1"] >= 0.85, res["event"]
    assert res["event_strict"]["f1"] >= 0.75, res["event_strict"]
    assert res["event_args"]["f1"] >= 0.70, res["event_args"]
    assert res["accuracy"]["event_date"] >= 0.7, res["accuracy"]


def test_wikievents_dev(scorer: ModuleType) -> None:
    res = score_file(scorer, "wikievents-dev.gold.jsonl")
    assert res["event"]["f1"] >= 0.57, res["event"]
    assert res["event_args"]["f1"] >= 0.475, res["event_args"]


def test_rams_dev_recall(scorer: ModuleType) -> None:
    res = score_file(scorer, "rams-dev.gold.jsonl")
    assert res["documents"] == 621
    assert res["event"]["r"] >= 0.61, res["event"]
    assert res["event_args"]["f1"] >= 0.375, res["event_args"]
