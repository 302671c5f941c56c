"""Actors: named entities typed and merged within an article (first version)."""

from __future__ import annotations

from kg.extract.context import Context, actor_key, normalise_name
from kg.model import Actor, Span

NER_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Location",
    "LOC": "Location",
    "FAC": "Location",
}


def extract_actors(ctx: Context) -> list[Actor]:
    """Named entities become actors; a surname or repeated name joins its full name."""
    actors: list[Actor] = []
    by_norm: dict[str, int] = {}
    for ent in ctx.doc.ents:
        type_ = NER_TYPES.get(ent.label_)
        if type_ is None:
            continue
        text = ent.text
        if text.lower().startswith("the "):
            text = text[4:]
        norm = normalise_name(text)
        if not norm:
            continue
        span = Span(ent.end_char - len(text), ent.end_char)
        idx = by_norm.get(norm)
        if idx is None and type_ == "Person":
            idx = next(
                (i for i, a in enumerate(actors) if a.type == "Person" and normalise_name(a.name).endswith(" " + norm)),
                None,
            )
        if idx is None:
            actors.append(
                Actor(id=f"a{len(actors) + 1}", name=text, type=type_, key=actor_key(text, type_),
                      aliases=(text,), mentions=(span,))
            )
            by_norm[norm] = len(actors) - 1
        else:
            a = actors[idx]
            aliases = a.aliases if text in a.aliases else (*a.aliases, text)
            actors[idx] = Actor(**{**a.__dict__, "aliases": aliases, "mentions": (*a.mentions, span)})
            by_norm[norm] = idx
    ctx.actors = actors
    return actors
