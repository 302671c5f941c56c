"""Shared fixtures: the real English pipeline (loaded once), extraction of inline text, stores, the CLI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.model import Article, Extraction

pytest_plugins = ["tests.servers"]  # oxigraph_server, virtuoso_server: real SPARQL servers on loopback

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The installed English pipeline, loaded once per test run."""
    from kg.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def extract_text(nlp) -> Callable[..., Extraction]:  # type: ignore[no-untyped-def]
    """Run every extractor stage on a text: ``extract_text("...", date="2025-03-14")``."""
    from kg.extract import run_extractors

    def run(text: str, *, date: str | None = "2025-03-14", id: str = "test") -> Extraction:
        return run_extractors(Article(id=id, text=text, date=date), nlp(text))

    return run


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once from examples/ (read-only for the tests that use it)."""
    from kg import api

    path = tmp_path_factory.mktemp("built") / "store"
    api.build([EXAMPLES], store=path, date="2025-03-14")
    return path
