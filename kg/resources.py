"""Where the project's data directories are: the ontology and the bundled query files."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = Path(os.environ.get("KG_ONTOLOGY_DIR", ROOT / "ontology"))
QUERIES_DIR = Path(os.environ.get("KG_QUERIES_DIR", ROOT / "queries"))
DEFAULT_STORE = "kg-store"
