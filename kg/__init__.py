"""kg: a knowledge graph of actors, statements and events from news articles."""

__version__ = "0.1.0"

from kg.api import build, export, push, query, validate  # noqa: E402
from kg.errors import KgError  # noqa: E402

__all__ = ["build", "query", "export", "push", "validate", "KgError", "__version__"]
