"""The analyst's JSON view of an extraction (``../shared/eval/FORMAT.md``)."""

from __future__ import annotations

from typing import Any

from kg.model import Extraction, Span


def _span(span: Span | None) -> dict[str, int] | None:
    return {"start": span.start, "end": span.end} if span else None


def to_json(ex: Extraction, *, include_text: bool = False) -> dict[str, Any]:
    """One document in the scored format; events not asserted as happened are left out."""
    doc: dict[str, Any] = {"id": ex.article.id, "date": ex.article.date}
    if include_text:
        doc["text"] = ex.article.text
    doc["actors"] = [
        {
            "id": a.id,
            "name": a.name,
            "type": a.type,
            "aliases": list(a.aliases),
            "roles": list(a.roles),
            "affiliation": a.affiliation,
        }
        for a in ex.actors
    ]
    doc["statements"] = [
        {
            "id": s.id,
            "speaker": s.speaker,
            "cue": s.cue,
            "content": _span(s.content),
            "kind": s.kind,
            "reported_by": list(s.reported_by),
            "date": s.date,
            "speaker_mention": _span(s.speaker_mention),
        }
        for s in ex.statements
    ]
    doc["events"] = [
        {
            "id": e.id,
            "cameo": e.cameo[:2],
            "type": e.type,
            "trigger": _span(e.trigger),
            "mentions": [_span(m) for m in e.mentions],
            "agent": list(e.agent),
            "target": list(e.target),
            "location": list(e.location),
            "date": e.date,
            "quantity": e.quantity.text if e.quantity else None,
        }
        for e in ex.events
        if e.modality == "asserted"
    ]
    return doc
