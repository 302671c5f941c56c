"""Event participants and counts from the dependency parse (issue #6).

Participants are actors found by the actors stage: the helpers here only decide
which tokens of the parse name the agent, the target and the place of an event,
and ask the context which actor each token refers to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract.actor_gazetteer import demonym_country
from kg.extract.context import Context, normalise_name
from kg.extract.event_lexicon import EventLexicon
from kg.model import Actor, Quantity, Span

if TYPE_CHECKING:
    from spacy.tokens import Token

RELATIVE_PRONOUNS = {"that", "which", "who", "whom", "whose"}
_PLACE_TYPES = ("Location", "Country")
_PLACE_ENTS = ("GPE", "LOC", "FAC")


@dataclass
class Roles:
    """Actor ids found for one trigger, in the order found."""

    agent: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    location: list[str] = field(default_factory=list)

    def add(self, role: str, ids: list[str]) -> None:
        bucket = getattr(self, role)
        bucket.extend(i for i in ids if i not in bucket)


def conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ('Greece and Turkey')."""
    return [token, *token.conjuncts]


def actor_of(ctx: Context, token: Token) -> str | None:
    """The actor one noun-phrase head refers to: the name itself, a resolved pronoun, or a naming modifier.

    "Kenyan targets" and "the governor's office" name their actor through a modifier.
    """
    aid = ctx.actor_for_span(token)
    if aid:
        return aid
    if token.pos_ == "PRON" and hasattr(ctx, "resolve_reference"):
        aid = ctx.resolve_reference(token)
        if aid:
            return aid
    for c in token.children:
        if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i < token.i:
            aid = ctx.actor_for_span(c) or demonym_actor(ctx, c)
            if aid:
                return aid
    if token.lemma_.lower() in _relation_nouns():
        return None  # "a friend of the suspect", "the lawyer for X" is someone else
    for c in token.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "from"):
            for o in c.children:
                if o.dep_ == "pobj" and (aid := ctx.actor_for_span(o)):
                    return aid
    return None


def _relation_nouns() -> frozenset[str]:
    from kg.extract.event_lexicon import event_lexicon

    return event_lexicon().relation_nouns


def demonym_actor(ctx: Context, token: Token) -> str | None:
    """The country actor a demonym modifier stands for ("Kenyan targets" -> Kenya) if named."""
    if not token.text[:1].isupper() or token.pos_ not in ("ADJ", "PROPN", "NOUN"):
        return None
    country = demonym_country(token.text)
    if country is None:
        return None
    want = normalise_name(country.name)
    return next((a.id for a in ctx.actors if a.type == "Country" and normalise_name(a.name) == want), None)


def related(ctx: Context, a: str, b: str) -> bool:
    """Same actor, or one belongs to the other ("Greek navy" and Greece)."""
    if a == b:
        return True
    for x, y in ((a, b), (b, a)):
        seen: set[str] = set()
        cur = ctx.actor(x)
        while cur is not None and cur.affiliation and cur.affiliation not in seen:
            if cur.affiliation == y:
                return True
            seen.add(cur.affiliation)
            cur = ctx.actor(cur.affiliation)
    return False


def actors_of(ctx: Context, token: Token, lex: EventLexicon | None = None, bare: bool = False) -> list[str]:
    """Actors of a noun phrase and its conjuncts; a relative pronoun stands for its antecedent.

    Given the lexicon, an unnamed participant ("troops", "three civilians", "a man") becomes an actor too
    (``bare``: see ``participant_actor``).
    """
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        token = token.head.head
    out: list[str] = []
    vague: Token | None = None
    if lex is not None and token.lower_ in lex.vague:  # "dozens of activists": the activists
        of = [o for p in token.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
        vague, token = (token, of[0]) if of else (None, token)
    for t in conjuncts(token):
        if lex is not None and (pair := both_parties(ctx, t, lex)):
            out += [a for a in pair if a not in out]
            continue
        aid = ctx.actor_for_span(t) if lex is not None else None
        if lex is not None and aid is None:
            # "Afghan soldiers were killed": the soldiers, not Afghanistan, are the target
            affiliation = actor_of(ctx, t) if t.pos_ == "NOUN" else None
            aid = participant_actor(ctx, t, lex, affiliation=affiliation, bare=bare)
        aid = aid or actor_of(ctx, t)
        if aid and lex is not None:
            head_alias(ctx, t, aid, lex)
            if t.pos_ == "PROPN":
                title_alias(ctx, t, aid)
            if vague is not None and t.i == token.i and getattr(ctx.actor(aid), "type", "") == "Group":
                # "hundreds of protesters" is also a name of the protesters, as a hedged count is
                ctx.add_mention(aid, Span(vague.left_edge.idx, t.idx + len(t.text)))
        if aid and aid not in out:
            out.append(aid)
    return out


def title_alias(ctx: Context, token: Token, aid: str) -> None:
    """A name with the words news puts before it ("GOP presidential nominee Donald Trump", "Senator Robert
    Taft") is also a name of its actor, as the whole phrase the text uses for it."""
    lefts = [c for c in token.lefts if c.dep_ in _NAME_DEPS]
    if not lefts:
        return
    start = min(c.left_edge.i for c in lefts)
    lead = ("det", "predet", "poss", "case")
    while start < token.i and (ctx.doc[start].is_punct or ctx.doc[start].dep_ in lead):
        start += 1
    span = Span(ctx.doc[start].idx, token.idx + len(token.text))
    actor = ctx.actor(aid)
    if actor is None or not any(m.end == span.end for m in actor.mentions):
        return  # the name must end the phrase: not "United Nations High Commissioner" for the UN
    if any(m.start <= span.start and m.end >= span.end for m in actor.mentions):
        return  # already named this way
    ctx.add_mention(aid, span)


def head_alias(ctx: Context, token: Token, aid: str, lex: EventLexicon) -> None:
    """A group named with modifiers ("Russian forces", "opposition politicians") is taken up later by its
    bare head ("the forces", "the politicians"): that head becomes an alias, as for minted participants."""
    actor = ctx.actor(aid)
    if actor is None or actor.type not in ("Group", "Organization") or token.pos_ != "NOUN":
        return
    if token.lemma_.lower() not in lex.participant_heads:  # "forces", not "party" of "the M5S party"
        return
    head = token.text
    if head[:1].isupper() or " " not in actor.name or not actor.name.endswith(" " + head):
        return
    if head not in actor.aliases:
        ctx.update_actor(aid, aliases=(*actor.aliases, head))


def both_parties(ctx: Context, token: Token, lex: EventLexicon) -> list[str]:
    """ "Both sides", "the two countries", "officials from both sides": the two countries the article has
    named most often before this point, when it has named at least two.

    News about a dyad refers to it this way once both are introduced; any other reading needs
    coreference kg does not do, so nothing is resolved otherwise.
    """
    t = token
    if t.lemma_.lower() in lex.participant_heads:  # "officials from both sides"
        of = [o for p in t.children if p.dep_ == "prep" and p.lower_ in ("from", "of") for o in p.children]
        t = next((o for o in of if o.dep_ == "pobj"), t)
    if t.lemma_.lower() not in lex.dual_heads or t.tag_ != "NNS":
        return []
    kids = {c.lower_ for c in t.children if c.dep_ in ("det", "predet", "nummod")}
    if not ("both" in kids or {"the", "two"} <= kids):
        return []
    seen = [
        (-sum(m.start < token.idx for m in a.mentions), min(m.start for m in a.mentions), a.id)
        for a in ctx.actors
        if a.type == "Country" and a.mentions and min(m.start for m in a.mentions) < token.idx
    ]
    return [aid for _, _, aid in sorted(seen)[:2]] if len(seen) >= 2 else []


_NAME_DEPS = ("amod", "compound", "nmod")


def participant_actor(
    ctx: Context, token: Token, lex: EventLexicon, affiliation: str | None = None, bare: bool = False
) -> str | None:
    """An unnamed person or group an event names as its agent or target, made an actor of the article.

    News tells who did what to whom by common nouns as often as by names ("troops opened fire on
    protesters", "a man was stabbed"). Only heads of the lexicon's human nouns count. The name is the
    head with its modifiers, count and possessor ("49 people", "Okafor's attacker"); its bare head is an
    alias. A qualified head ("government", "group") names someone only with a modifier, count or clause,
    or ``bare`` where the word alone tells who acted ("a coalition air strike"). Plurals with the same
    name, hedges on the count aside, are one group (as the actors stage keys groups); each singular
    mention is a person of its own.
    """
    if token.pos_ != "NOUN" or token.lemma_.lower() not in lex.participant_heads:
        return None
    mods = [
        c
        for c in token.lefts
        if c.dep_ in _NAME_DEPS or c.dep_ == "nummod" or (c.dep_ == "poss" and c.pos_ != "PRON")
    ]  # "49 people", "Okafor's attacker", "pro-government militias"
    # "the government" alone is a reference, not an actor; "a group supporting X" or "armed groups" name one
    described = any(c.dep_ in ("acl", "relcl") for c in token.rights)
    if not (mods or bare or described) and token.lemma_.lower() in lex.qualified_participants:
        return None
    start = min((c.left_edge.i for c in mods), default=token.i)
    # a determiner or pronoun possessor is no part of the name; a named one is ("Okafor's attacker")
    while start < token.i and (
        ctx.doc[start].is_punct
        or ctx.doc[start].dep_ in ("det", "predet")
        or (ctx.doc[start].dep_ == "poss" and ctx.doc[start].pos_ == "PRON")
    ):
        start += 1
    phrase = ctx.doc[start : token.i + 1]
    name = phrase.text
    plural = token.tag_ == "NNS" or token.lemma_.lower() in lex.collective_participants
    # "at least four soldiers", "more than 200 people": a hedged count names the same group as the bare one
    hedge = {t.i for c in mods if c.dep_ == "nummod" for t in c.subtree if t.i < c.i}
    keyed = " ".join(t.text for t in phrase if t.i not in hedge)
    article = "-".join(re.findall(r"[a-z0-9]+", normalise_name(ctx.article.id)))
    key = f"group-{article}-{'-'.join(normalise_name(keyed).split())}"
    span = Span(phrase.start_char, phrase.end_char)
    if not plural:
        key = f"person-{article}-{'-'.join(normalise_name(name).split())}-{span.start}"
    same = next((a for a in ctx.actors if a.key == key), None)
    if same is not None:
        ctx.add_mention(same.id, span)
        return same.id
    aliases = (name,) if name == token.text else (name, token.text)
    return ctx.add_actor(
        Actor(
            id=ctx.new_actor_id(),
            name=name,
            type="Group" if plural else "Person",
            key=key,
            aliases=aliases,
            mentions=(span,),
            affiliation=affiliation if affiliation and ctx.actor(affiliation) else None,
            anonymous=True,
        )
    )


def is_place(ctx: Context, token: Token, aid: str) -> bool:
    actor = ctx.actor(aid)
    return (actor is not None and actor.type in _PLACE_TYPES) or token.ent_type_ in _PLACE_ENTS


def place_actors(ctx: Context, token: Token, lex: EventLexicon, depth: int = 2) -> list[str]:
    """Places named by a prepositional object, looking into "the patrol zones around the island of Lesbos".

    A boundary is where both sides are: "the border between Armenia and Azerbaijan", "the frontier with
    Syria" (only for the lexicon's boundary nouns: "talks between Israel and Hamas" name no place).
    """
    for t in conjuncts(token):
        name_place_phrase(ctx, t, lex)
    out = [a for t in conjuncts(token) if (a := actor_of(ctx, t)) and is_place(ctx, t, a)]
    if out or depth == 0:
        return out
    preps = ("in", "of", "near", "at")
    if token.lemma_.lower() in lex.boundary_nouns:
        preps += ("between", "with")
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in preps):
        for o in (c for c in prep.children if c.dep_ == "pobj"):
            out += [a for a in place_actors(ctx, o, lex, depth - 1) if a not in out]
    return out


def _last_word(token: Token) -> Token:
    """The last token of a phrase that is not punctuation ("Gao, Mali," ends at "Mali")."""
    last = token.right_edge
    while last.i > token.i and last.is_punct:
        last = last.doc[last.i - 1]
    return last


def name_place_phrase(ctx: Context, token: Token, lex: EventLexicon) -> None:
    """ "The Italian port city of Genoa", "the province of Helmand": the whole phrase is a name of the
    place after "of" when its head is a kind of place; "Dayton, Ohio" is a name of Dayton."""
    appos = [c for c in token.children if c.dep_ == "appos" and c.ent_type_ in _PLACE_ENTS]
    aid = ctx.actor_for_span(token)
    if appos and aid and getattr(ctx.actor(aid), "type", "") in _PLACE_TYPES:  # "Dayton, Ohio"
        first = next(t for t in token.subtree if t.dep_ not in ("det", "predet", "punct") or t.i >= token.i)
        last = _last_word(appos[0])
        ctx.add_mention(aid, Span(first.idx, last.idx + len(last.text)))
    if token.lemma_.lower() not in lex.place_nouns or token.pos_ != "NOUN":
        return
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        for o in (c for c in prep.children if c.dep_ == "pobj"):
            aid = ctx.actor_for_span(o)
            if aid and getattr(ctx.actor(aid), "type", "") in _PLACE_TYPES:
                lead = ("det", "predet", "punct")
                start = next(t for t in token.subtree if t.dep_ not in lead or t.i >= token.i)
                last = _last_word(o)
                ctx.add_mention(aid, Span(start.idx, last.idx + len(last.text)))


def prep_roles(ctx: Context, head: Token, type_: str, lex: EventLexicon, roles: Roles) -> None:
    """Prepositional arguments of a trigger or its light verb: by X agent, on/against X target, in X place."""
    violent = lex.violent(type_)  # "the shelling of Kharkiv": the city attacked is the place
    verbal = lex.verbal(type_)  # "called on Armenia" is said to a country, not done in it
    for prep in (c for c in head.children if c.dep_ in ("prep", "agent")):
        p = prep.lower_
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            ids = actors_of(ctx, obj)
            if prep.dep_ == "agent" or p == "by":
                ids = ids or actors_of(ctx, obj, lex, bare=True)  # "strikes by the coalition"
                roles.add("agent", [i for i in ids if (a := ctx.actor(i)) is None or a.type != "Location"])
                continue
            allowed = lex.target_preps.get(p, frozenset())
            if ("*" in allowed or type_ in allowed) and not ids:  # "gave aid to refugees" too
                ids = actors_of(ctx, obj, lex)  # "fired on protesters": an unnamed target
            if ("*" in allowed or type_ in allowed) and ids:
                roles.add("target", ids)  # "attacks on Gaza": the place attacked is the target and the place
                roles.add(
                    "location",
                    [
                        i
                        for i in ids
                        if not verbal
                        and is_place(ctx, obj, i)
                        and (
                            p in lex.location_preps
                            or (violent and getattr(ctx.actor(i), "type", "") == "Location")
                        )
                    ],
                )
                continue
            if p in lex.location_preps:
                roles.add("location", place_actors(ctx, obj, lex))


_SUBCLAUSES = ("ccomp", "relcl", "advcl", "xcomp", "parataxis", "csubj", "acl", "conj")


def clause_places(ctx: Context, anchor: Token, lex: EventLexicon) -> list[str]:
    """Where the clause of a trigger happened, when the trigger itself names no place.

    News puts the place of an event on its clause as often as on the trigger ("supporters fought before
    the match in Lyon", "was shot on May 2 in Dayton"): the places of location
    prepositions under the trigger's clause verb, not inside a clause of their own.
    """
    verb = anchor
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and verb.dep_ not in _SUBCLAUSES:
        verb = verb.head
    out: list[str] = []
    todo = [verb]
    while todo:
        t = todo.pop()
        for c in t.children:
            if c.dep_ in _SUBCLAUSES or c.dep_ in ("nsubj", "nsubjpass"):
                continue
            if c.dep_ == "prep" and c.lower_ in lex.location_preps and c.lower_ != "on":
                for o in (x for x in c.children if x.dep_ == "pobj"):
                    out += [a for a in place_actors(ctx, o, lex) if a not in out]
            else:
                todo.append(c)
    return out


def quantity_from_number(num: Token, unit: str | None, lex: EventLexicon) -> Quantity:
    """A Quantity for a number token with its qualifiers ('more than 500', 'at least 43')."""
    left = num.left_edge
    tokens = [t for t in num.doc[left.i : num.i + 1] if not t.is_punct or t.text == ","]
    text = num.doc[tokens[0].i : num.i + 1].text if tokens else num.text
    lower = text.lower()
    qualifier = next((q for q in lex.qualifiers if lower.startswith(q + " ")), None)
    return Quantity(text=text, value=parse_number(num, lex), qualifier=qualifier, unit=unit)


def parse_number(num: Token, lex: EventLexicon) -> int | None:
    """The integer value of a number token (with a following scale word: '1.5 million'), if clear."""
    raw = num.text.lower().replace(",", "")
    value: float | None
    if re.fullmatch(r"\d+(\.\d+)?", raw):
        value = float(raw)
    else:
        value = lex.numbers.get(raw)
        if value is None and raw in lex.scales:
            value = lex.scales[raw]
    if value is None:
        return None
    nxt = num.doc[num.i + 1] if num.i + 1 < len(num.doc) else None
    if nxt is not None and nxt.lower_ in lex.scales and nxt.head.i in (num.i, num.head.i):
        value *= lex.scales[nxt.lower_]
    return int(value)


def count_of(noun: Token, unit: str | None, lex: EventLexicon) -> Quantity | None:
    """The count on a noun: a numeral ('43 attacks') or a vague head ('hundreds of attacks')."""
    for c in noun.children:
        if c.dep_ == "nummod" and c.pos_ == "NUM":
            return quantity_from_number(c, unit, lex)
    if noun.pos_ == "NUM":
        return quantity_from_number(noun, unit, lex)
    if noun.lower_ in lex.vague:  # "hundreds (of people) were killed"
        return Quantity(
            text=noun.doc[noun.left_edge.i : noun.i + 1].text, value=None, qualifier=noun.lower_, unit=unit
        )
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in lex.vague:
        q = head.head
        text = q.doc[q.left_edge.i : q.i + 1].text
        nums = [c for c in q.children if c.dep_ == "nummod"]
        if nums:
            return quantity_from_number(nums[0], unit, lex)
        return Quantity(text=text, value=None, qualifier=q.lower_, unit=unit)
    return None
