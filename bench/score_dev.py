"""Score kg's extraction against a gold file of ../shared/eval/dev (development aid).

Usage: python bench/score_dev.py GOLD.jsonl [--limit N] [--out PRED.jsonl] [--json]

Runs kg's extraction on each gold document's own text and date (through the
library API, so ids and offsets line up) and prints score.py's report.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

from kg.api import extract_articles
from kg.jsonview import to_json
from kg.model import Article

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def load_scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def run(gold_path: Path, *, limit: int | None = None) -> tuple[list[dict], list[dict]]:
    """Gold documents and kg's predictions for them, paired by id."""
    text = gold_path.read_text(encoding="utf-8")
    golds = (
        [json.loads(x) for x in text.splitlines() if x.strip()]
        if gold_path.suffix == ".jsonl"
        else [json.loads(text)]
    )
    golds = golds[:limit] if limit else golds
    articles = [Article(id=g["id"], text=g["text"], date=g.get("date")) for g in golds]
    preds = [to_json(ex) for ex in extract_articles(articles)]
    return golds, preds


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    golds, preds = run(args.gold, limit=args.limit)
    if args.out:
        args.out.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    scorer = load_scorer()
    res = scorer.score(golds, preds)
    print(json.dumps(res, indent=2) if args.json else scorer.report(res))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
