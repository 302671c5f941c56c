"""Statement extraction measured against the development gold in ../shared/eval/dev (issue #5).

Thresholds: the sample article (attribution F1 >= 0.90, kind >= 0.85, reporter >= 0.8, date >= 0.8) and
PolNeAR's 84 development articles (attribution F1 >= 0.680; 0.683 measured, intentions off), scored by
../shared/eval/score.py.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev"


def _bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score_dev", ROOT / "bench" / "score_dev.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


@pytest.fixture(scope="module")
def bench():  # type: ignore[no-untyped-def]
    return _bench()


def test_sample_article_statements(bench) -> None:  # type: ignore[no-untyped-def]
    golds, preds = bench.run(DEV / "turkey-israel-syria-talks.gold.json")
    res = bench.load_scorer().score(golds, preds)
    assert res["attr"]["f1"] >= 0.90, res["attr"]
    acc = res["accuracy"]
    assert acc["statement_kind"] >= 0.85
    assert acc["statement_reporter"] >= 0.8
    assert acc["statement_date"] >= 0.8


def test_polnear_attribution(bench) -> None:  # type: ignore[no-untyped-def]
    golds, preds = bench.run(DEV / "polnear-dev.gold.jsonl")
    res = bench.load_scorer().score(golds, preds)
    assert res["documents"] == 84
    assert res["attr"]["f1"] >= 0.680, res["attr"]
    assert res["accuracy"]["statement_kind"] >= 0.85
    # every predicted statement carries the speaker as written (PolNeAR matches pronouns only by it)
    assert all(s.get("speaker_mention") for p in preds for s in p["statements"])
