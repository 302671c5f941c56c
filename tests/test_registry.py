"""The extractor table: a golden snapshot stops silent removals; lookups fail helpfully."""

from __future__ import annotations

import json

import pytest

from kg.errors import KgError
from kg.extract import EXTRACTORS, select

from .conftest import ROOT


def test_registered_extractors_match_snapshot() -> None:
    snapshot = json.loads((ROOT / "tests" / "data" / "extractors.json").read_text())
    assert list(EXTRACTORS) == snapshot


def test_unknown_extractor_lists_choices() -> None:
    with pytest.raises(KgError) as e:
        select(("actors.v0",))
    assert str(e.value).startswith(
        f"[K010] Unknown extractor 'actors.v0': available: {', '.join(EXTRACTORS)}"
    )


def test_pipeline_has_what_extractors_require(nlp) -> None:  # type: ignore[no-untyped-def]
    for ext in EXTRACTORS.values():
        assert set(ext.requires) <= set(nlp.pipe_names)
