"""Whether an event is told as having happened (issue #6).

An event is ``negated`` ("did not send troops", "no attacks"), ``planned``
("plans to attack", "will meet", "agreed to continue talks") or ``hypothetical``
("to avoid conflicts", "could strike", "fears of war") when a cue sits on the
trigger or on the chain of heads that governs it inside its sentence. The
nearest cue wins. A trigger that is the subject of a verb only takes that
verb's auxiliaries and negation ("talks did not take place"), not its meaning
("the consultation aims to ..." does not make the consultation planned). A
definite event noun ("the debate", "Monday's attack") presupposes that the event
exists, so only its own modifiers ("no", "potential") can change that. Negation
does not reach into a prepositional phrase ("pleaded not guilty to charges",
"denied any role in the attack"): the charges and the attack still happened; nor does any cue
reach into a clause of reason or time ("was not tried, as he had been released").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.event_lexicon import EventLexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

_SUBJECT = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
_CLAUSE_STOP = {"ROOT", "parataxis"}
_DEFINITE = {"the", "this", "that", "these", "those"}


def _own_cue(token: Token, lex: EventLexicon, *, governor: bool) -> str | None:
    """The modality that ``token`` itself (its auxiliaries, negation, marker, lemma) imposes."""
    mod = lex.modality
    for c in token.children:
        if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
            return "negated"
        if c.dep_ == "prt" and lex.negating_phrasal.get(token.lemma_.lower()) == c.lower_:
            return "negated"
    for c in token.children:
        if c.dep_ in ("aux", "auxpass") and c.lower_ in mod["hypothetical_aux"]:
            return "hypothetical"
        if c.dep_ == "mark" and c.lower_ in mod["conditional_marks"]:
            return "hypothetical"
        if c.dep_ in ("amod", "advmod") and c.lower_ in mod["hypothetical_modifiers"]:
            return "hypothetical"
        if c.dep_ == "det" and c.lower_ == "any" and token.pos_ in ("NOUN", "PROPN"):
            return "hypothetical"  # "the chances of any deal", "any attack would be answered"
    for c in token.children:
        if c.dep_ in ("aux", "auxpass") and c.lower_ in mod["future_aux"]:
            return "planned"
        if c.lower_ == "going" and c.dep_ == "aux":
            return "planned"
    if not governor:
        return None
    lemma = token.lemma_.lower()
    if lemma in mod["negating_governors"] or token.lower_ == "without":
        return "negated"
    if lemma in mod["hypothetical_governors"]:
        return "hypothetical"
    if lemma in mod["planned_governors"]:
        return "planned"
    return None


def detect_modality(trigger: Token, lex: EventLexicon) -> str:
    """asserted | negated | planned | hypothetical for the event anchored on ``trigger``."""
    cue = _own_cue(trigger, lex, governor=False)
    if cue:
        return cue
    if trigger.pos_ in ("NOUN", "PROPN") and any(
        (c.dep_ == "det" and c.lower_ in _DEFINITE) or c.dep_ == "poss" for c in trigger.children
    ):
        return "asserted"  # "the debate will harden views", "watch Monday's debate": a definite event exists
    token = trigger
    through_prep = False  # "pleaded not guilty to charges", "denied a role in the attack": the event exists
    for step in range(12):
        head = token.head
        if head.i == token.i:
            return "asserted"
        if token.dep_ in _SUBJECT:
            return _own_cue(head, lex, governor=False) or "asserted"
        if (
            step == 0
            and token.dep_ == "advcl"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        ):
            return "planned"  # a purpose clause: "sent troops to attack"
        if token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in lex.modality.get("factive_marks", ()) for c in token.children
        ):  # "neither was tried, as they were released": a clause of reason or time is told as fact
            return _own_cue(token, lex, governor=False) or "asserted"
        if token.dep_ == "conj":
            cue = _own_cue(head, lex, governor=False)
            if cue == "negated" and not any(c.dep_ in _SUBJECT for c in token.children):
                return cue
            token = head
            continue
        cue = _own_cue(head, lex, governor=True)
        if cue == "negated" and through_prep and head.lower_ != "without":
            cue = None
        if cue:
            return cue
        through_prep = through_prep or token.dep_ == "pobj"
        if head.dep_ in _CLAUSE_STOP:
            return "asserted"
        token = head
    return "asserted"
