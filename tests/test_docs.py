"""Every command has help ending with an example, and is documented in the README."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import cli

from .conftest import ROOT

COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_with_example(name: str) -> None:
    r = CliRunner().invoke(cli, [name, "--help"])
    assert r.exit_code == 0
    assert "Example:" in r.output
    assert f"kg {name}" in r.output.split("Example:")[1]


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_readme(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"kg {name}" in readme


def test_readme_documents_exit_codes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Exit codes" in readme and "`2`" in readme


def test_ci_runs_make_test() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text()
