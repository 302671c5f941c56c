"""Lexicons are data files beside this module, loaded once and cached."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_lexicon(name: str) -> Any:
    """Parse ``kg/lexicons/<name>.json`` once per process."""
    return json.loads(resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8"))
