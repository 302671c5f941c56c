"""Events: trigger words from the lexicon with participants from the parse (first version)."""

from __future__ import annotations

from kg.extract.context import Context
from kg.lexicons import load_lexicon
from kg.model import Event, Span


def extract_events(ctx: Context) -> list[Event]:
    """One event per trigger token; agent from the subject, target from the object."""
    triggers = load_lexicon("events")["triggers"]
    out: list[Event] = []
    for token in ctx.doc:
        entry = triggers.get(token.lemma_.lower())
        if entry is None or token.pos_ not in ("VERB", "NOUN"):
            continue
        type_, cameo = entry
        agent, target, location = [], [], []
        for child in token.children:
            aid = ctx.actor_for_span(child)
            if aid is None:
                continue
            if child.dep_ in ("nsubj", "poss", "agent"):
                agent.append(aid)
            elif child.dep_ in ("dobj", "nsubjpass"):
                target.append(aid)
        for prep in (c for c in token.children if c.dep_ == "prep"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                aid = ctx.actor_for_span(pobj)
                if aid is None:
                    continue
                (location if prep.lower_ == "in" else target).append(aid)
        sent = token.sent
        when = ctx.time_in(sent.start_char, sent.end_char)
        out.append(Event(
            id=f"e{len(out) + 1}", type=type_, cameo=cameo, trigger=Span(token.idx, token.idx + len(token)),
            agent=tuple(agent), target=tuple(target), location=tuple(location),
            date=when.value if when else None,
        ))
    ctx.events = out
    return out
