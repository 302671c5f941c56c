"""Pronouns and definite descriptions → actors (issue #4): ``Context.resolve_reference``.

A small, explicit rule set rather than a coreference model: it looks back from
the reference for the nearest actor of a compatible kind. Wrong answers are
worse than none for attribution, so unknown words resolve to None.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from kg.extract.actor_gazetteer import given_name_gender
from kg.lexicons import load_lexicon
from kg.model import Actor

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from kg.extract.context import Context


@cache
def _pronouns() -> dict[str, str]:
    return {w: cls for cls, words in load_lexicon("actor_refs")["pronouns"].items() for w in words}


@cache
def _gender_words() -> dict[str, str]:
    g = load_lexicon("titles")["gender"]
    return {**{w: "male" for w in g["male"]}, **{w: "female" for w in g["female"]}}


def actor_gender(actor: Actor) -> str | None:
    """ "male", "female" or None, from honorifics, gendered titles and the given name."""
    words = _gender_words()
    for text in (*actor.aliases, *actor.roles):
        for w in text.lower().replace(".", " ").split():
            if w in words:
                return words[w]
    if actor.type == "Person" and len(actor.name.split()) > 1:
        g = given_name_gender(actor.name.split()[0])
        return g if g in ("male", "female") else None
    return None


def _before(ctx: Context, offset: int, ok) -> str | None:  # type: ignore[no-untyped-def]
    """The actor with the latest mention starting before ``offset`` that satisfies ``ok``."""
    best: tuple[int, str] | None = None
    for a in ctx.actors:
        if not ok(a):
            continue
        starts = [m.start for m in a.mentions if m.end <= offset]
        if starts and (best is None or max(starts) > best[0]):
            best = (max(starts), a.id)
    return best[1] if best else None


def resolve_reference(ctx: Context, token: SpacySpan | Token) -> str | None:
    """See ``Context.resolve_reference``."""
    head = token.root if hasattr(token, "root") else token
    start = token.start_char if hasattr(token, "start_char") else token.idx
    own = ctx.actor_for_span(head)
    if own is not None:
        return own
    word = head.lower_
    cls = _pronouns().get(word)
    lex = load_lexicon("actor_refs")
    if cls in ("male", "female"):
        return _before(ctx, start, lambda a: a.type == "Person" and actor_gender(a) in (None, cls))
    if cls == "plural":
        return _before(ctx, start, lambda a: a.type in lex["plural_types"])
    if cls == "neuter":
        return _before(ctx, start, lambda a: a.type in lex["neuter_types"])
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    if not any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") or c.dep_ == "poss" for c in head.children
    ):
        return None
    lemma = head.lemma_.lower()
    compound = next((c.lower_ for c in head.lefts if c.dep_ == "compound"), None)
    desc = lex["descriptions"].get(f"{compound} {lemma}") if compound else None
    desc = desc or lex["descriptions"].get(lemma)
    if desc is not None:
        types, subtypes = desc["types"], desc.get("subtypes")
        anonymous = desc.get("anonymous", False)
        named = _before(
            ctx,
            start,
            lambda a: (
                a.type in types and (lemma in a.name.lower() or any(lemma in r.lower() for r in a.roles))
            ),
        )
        if named is not None:
            return named
        return _before(
            ctx,
            start,
            lambda a: (
                a.type in types
                and (not subtypes or a.subtype in subtypes)
                and (not anonymous or a.anonymous or a.type == "Person")
            ),
        )
    titles = {t.lower() for t in load_lexicon("titles")["heads"]}
    if lemma in titles:  # "the minister", "the president"
        return _before(ctx, start, lambda a: a.type == "Person" and any(lemma in r.lower() for r in a.roles))
    return None
