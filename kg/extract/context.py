"""The working state an article passes through the extractor stages.

Stages read what earlier stages found (actors, times) through this object and
add their own records. It holds spaCy objects, so it never leaves ``kg.extract``:
``freeze()`` turns it into a plain ``Extraction``.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from kg.model import Actor, Article, Event, Extraction, Span, Statement, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


def normalise_name(name: str) -> str:
    """Fold case, accents, possessives, punctuation and a leading article.

    >>> normalise_name("The Associated Press’s")
    'associated press'
    """
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("\u2019s", "").replace("'s", "")
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"^(a|an|the|one)\s+", "", s)


def actor_key(name: str, type_: str) -> str:
    """The cross-article identity of a named actor: type plus normalised name.

    >>> actor_key("Elena Papadaki", "Person")
    'person-elena-papadaki'
    """
    return f"{type_.lower()}-" + "-".join(normalise_name(name).split())


@dataclass
class Context:
    """One article in extraction: the parsed doc and the records found so far."""

    article: Article
    doc: Doc
    actors: list[Actor] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.article.text

    # -- actors ---------------------------------------------------------------
    def actor(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def new_actor_id(self) -> str:
        return f"a{len(self.actors) + 1}"

    def add_actor(self, actor: Actor) -> str:
        """Add an actor built by a stage; returns its id."""
        self.actors.append(actor)
        return actor.id

    def update_actor(self, actor_id: str, **changes: object) -> None:
        """Replace fields of one actor (records are frozen)."""
        for i, a in enumerate(self.actors):
            if a.id == actor_id:
                self.actors[i] = replace(a, **changes)  # type: ignore[arg-type]
                return

    def add_mention(self, actor_id: str, span: Span) -> None:
        """Record one more place where an actor is named or referred to."""
        a = self.actor(actor_id)
        if a is None or span in a.mentions:
            return
        alias = span.text(self.text)
        aliases = a.aliases if alias in a.aliases else (*a.aliases, alias)
        self.update_actor(actor_id, mentions=tuple(sorted((*a.mentions, span))), aliases=aliases)

    def actor_at(self, start: int, end: int) -> str | None:
        """The actor with a mention overlapping ``[start, end)``, preferring the longest overlap."""
        best, best_len = None, 0
        for a in self.actors:
            for m in a.mentions:
                overlap = min(m.end, end) - max(m.start, start)
                if overlap > best_len:
                    best, best_len = a.id, overlap
        return best

    def actor_for_span(self, span: SpacySpan | Token) -> str | None:
        """The actor that a spaCy token or span refers to, by its characters."""
        start = span.idx if hasattr(span, "idx") else span.start_char
        end = start + len(span.text) if hasattr(span, "idx") else span.end_char
        return self.actor_at(start, end)

    def mention_starts(self) -> list[tuple[int, str]]:
        """All actor mentions as (start offset, actor id), sorted."""
        return sorted((m.start, a.id) for a in self.actors for m in a.mentions)

    def last_actor_before(self, offset: int, types: tuple[str, ...] = ("Person",)) -> str | None:
        """The most recently mentioned actor of the given types before ``offset``."""
        starts = [(s, aid) for s, aid in self.mention_starts() if (a := self.actor(aid)) and a.type in types]
        i = bisect.bisect_left(starts, (offset, ""))
        return starts[i - 1][1] if i else None

    def resolve_reference(self, token: SpacySpan | Token) -> str | None:
        """The actor a pronoun or definite description refers to, or None (issue #4).

        "he"/"she" → the last person before it whose gender does not clash (from
        honorifics, gendered titles and given names); "they" → the last group or
        organisation; "it" → the last organisation or country; "the minister" → the
        last person with that role; "the agency", "the ministry", "the group" → the
        last organisation of that kind; "the source" → the last anonymous source.
        A token already inside an actor's mention resolves to that actor. The
        caller decides whether to record it with ``add_mention``.
        """
        from kg.extract.actor_refs import resolve_reference

        return resolve_reference(self, token)

    # -- time -----------------------------------------------------------------
    def time_in(self, start: int, end: int) -> TimeExpression | None:
        """The first time expression inside ``[start, end)``."""
        return next((t for t in self.times if t.span.start >= start and t.span.end <= end), None)

    def freeze(self, *, model: str = "", extractors: tuple[str, ...] = ()) -> Extraction:
        return Extraction(
            article=self.article,
            actors=tuple(self.actors),
            statements=tuple(self.statements),
            events=tuple(self.events),
            times=tuple(self.times),
            model=model,
            extractors=extractors,
        )
