"""Events: who did what to whom, where, when and how many (issue #6).

1. Triggers come from the lexicon (``kg/lexicons/events.json``): single lemmas
   with conditions, multi-word triggers ("air strike"), verb + particle/object
   phrases ("open fire", "impose sanctions") and agentive nouns ("critic of").
2. An event noun governed by a light verb ("launched dozens of raids",
   "held talks") takes the verb into its trigger and the verb's subject as agent.
3. Participants come from the parse (``event_args``), modality from the chain of
   heads (``event_modality``), the date from the nearest time expression of the
   trigger's phrase, then its clause, then its sentence; an event with no time
   in its sentence gets no date, because news reports events before the
   publication date and guessing it would be wrong more often than right.
4. A killing or wounding caused by another event ("the war that killed ...",
   "the blast killed five") is folded into that event as a mention with its
   casualty count; then mentions of one event told twice (same or generic type
   with the same CAMEO root, no conflicting participants, places, dates or
   counts, not introduced as "another"/"a new" one) merge into one Event.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from kg.extract.context import Context
from kg.extract.event_args import (
    Roles,
    actors_of,
    clause_places,
    count_of,
    participant_actor,
    prep_roles,
    related,
)
from kg.extract.event_lexicon import EventLexicon, TriggerRule, event_lexicon
from kg.extract.event_modality import detect_modality
from kg.model import Event, Quantity, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SKIP_ENTS = {"ORG", "PERSON", "GPE", "WORK_OF_ART", "LAW", "PRODUCT", "NORP", "FAC", "LOC"}
_NEW_MARKERS = {
    "a",
    "an",
    "another",
    "new",
    "second",
    "third",
    "fresh",
    "further",
    "separate",
    "other",
    "one",
    "each",  # "before each explosion": one of several, not the one told before
    "every",
}
_AGAIN = {"also", "again", "too"}  # on a trigger verb: one more event of the kind
_INDEFINITE = {"a", "an", "one"}  # may still be the lead's event told again, if participants agree
_RESULT_TYPES = {"Killing", "Wounding"}
_PARTICIPLES = {"Killing": "killed", "Wounding": "wounded"}  # "kill four soldiers" counts soldiers killed
_PRECISION_RANK = {"day": 4, "interval": 3, "month": 2, "year": 1}
_SUBJECTS = ("nsubj", "csubj")
_SUBJECT_CONTROL = {"promise", "vow", "pledge", "threaten"}  # "promised voters to cut taxes": subject acts
_CONTEXT_DEPS = ("prep", "agent", "acl", "relcl")


@dataclass
class _Mention:
    """One trigger occurrence before merging."""

    type: str
    head: Token  # the token whose parse gives the arguments
    tokens: list[Token]  # the trigger's tokens (light verb included)
    light: Token | None = None
    roles: Roles = field(default_factory=Roles)
    quantity: Quantity | None = None
    date: str | None = None
    date_strength: int = 0  # 2: in the trigger's phrase or clause, 1: elsewhere in its sentence
    modality: str = "asserted"
    fresh: bool = False  # introduced as a new event ("another attack")

    @property
    def span(self) -> Span:
        start = min(t.idx for t in self.tokens)
        end = max(t.idx + len(t.text) for t in self.tokens)
        return Span(start, end)


@dataclass
class _Group:
    """Mentions merged into one event."""

    type: str
    mentions: list[_Mention]
    roles: Roles
    quantity: Quantity | None
    modality: str

    def dated(self) -> list[_Mention]:
        return [m for m in self.mentions if m.date]


# -- triggers -------------------------------------------------------------------


def _capitalised_word(token: Token) -> bool:
    """A common word the tagger took for a name because a headline or sentence start capitalised it
    ("Shootings in Belfast continued", "Court Convicts ..."): no entity, one capital, not a compound."""
    text = token.text
    if token.pos_ != "PROPN" or token.ent_type_ or not (text[:1].isupper() and text[1:].islower()):
        return False
    doc = token.doc  # not one word of a longer name ("Office of Special Investigations")
    prev = doc[token.i - 1] if token.i > token.sent.start else None
    nxt = doc[token.i + 1] if token.i + 1 < token.sent.end else None
    return not (prev is not None and prev.is_title and prev.pos_ == "PROPN") and not (
        nxt is not None and nxt.is_title and nxt.pos_ == "PROPN"
    )


def _nounish(token: Token) -> bool:
    return token.pos_ == "NOUN" or _capitalised_word(token)


def _key(token: Token) -> tuple[str, ...]:
    """Lexicon keys of a token: its lemma and form; a capitalised common word also without a plural -s."""
    lower = token.lower_
    if token.pos_ == "PROPN" and lower.endswith("s") and _capitalised_word(token):
        return lower, lower[:-1], lower[:-2]
    return token.lemma_.lower(), lower


def _rule_for(token: Token, lex: EventLexicon) -> TriggerRule | None:
    return next((r for k in _key(token) if (r := lex.triggers.get(k))), None)


def _context_lemmas(token: Token) -> set[str]:
    """Lemmas around a trigger that decide its sense: children, grandchildren, the head."""
    out = {token.head.lemma_.lower(), token.head.lower_}
    for c in token.children:
        out |= {c.lemma_.lower(), c.lower_}
        for g in c.children:
            out |= {g.lemma_.lower(), g.lower_}
    if token.dep_ in _SUBJECTS or token.dep_ in ("dobj", "nsubjpass"):
        out |= {c.lemma_.lower() for c in token.head.children}
    return out


def _nearby_lemmas(token: Token) -> set[str]:
    """Lemmas of the trigger's sentence and the sentence before it: the topic a word's sense depends on."""
    sent = token.sent
    start = sent.start
    if start > 0:
        start = token.doc[start - 1].sent.start
    return {t.lemma_.lower() for t in token.doc[start : sent.end]}


def _rule_fires(token: Token, rule: TriggerRule, lex: EventLexicon) -> bool:
    named_event = token.ent_type_ == "EVENT"  # "the Vietnam War", "World War II": a war by its name
    capitalised_noun = _capitalised_word(token) and "NOUN" in rule.pos  # "Bomb" in a name list: no bombing
    if token.pos_ not in rule.pos and not named_event and not capitalised_noun:
        return False
    plural = token.tag_ in ("NNS", "NNPS") or (_capitalised_word(token) and token.lower_.endswith("s"))
    if rule.plural and not plural:
        return False
    if token.ent_type_ in _SKIP_ENTS and not rule.agentive:
        return False
    if (
        token.dep_ == "compound"
        and token.head.pos_ in ("NOUN", "PROPN")
        and not named_event
        and token.head.lemma_.lower() not in lex.event_compound_heads
        and token.head.lemma_.lower() not in lex.aftermath_heads
    ):
        return False  # "war monitor", "attack helicopter"; but "coup attempt", "bombing campaign"
    if token.dep_ == "dobj" and token.head.lemma_.lower() in lex.non_event_governors:
        return False  # "poses a threat"
    if token.pos_ == "VERB" and (token.dep_ == "amod" or any(c.dep_ == "det" for c in token.children)):
        return (
            False  # a participle as adjective or noun: "a banned group", "captured fighters", "the wounded"
        )
    if rule.unless_sentence and rule.unless_sentence & {t.lemma_.lower() for t in token.sent}:
        return False  # "a gas leak led to an explosion"
    if rule.unless or rule.requires:
        around = _context_lemmas(token)
        if rule.unless & around:
            return False
        if rule.requires and not rule.requires & around and not (rule.place_ok and _placed(token)):
            return False
    return True


def _placed(token: Token) -> bool:
    """The noun is set in a named place: "Northern Ireland's conflict", "the conflict in Syria"."""
    for c in token.children:
        if c.dep_ == "poss" and c.ent_type_ in ("GPE", "LOC"):
            return True
        if c.dep_ == "prep" and c.lower_ in ("in", "over"):
            if any(o.dep_ == "pobj" and o.ent_type_ in ("GPE", "LOC") for o in c.children):
                return True
    return False


def _sensed_type(token: Token, rule: TriggerRule) -> str:
    """The rule's type, or its agent sense when the subject is one of its nouns ("protesters clashed")."""
    if rule.agent_sense:
        subjects = [c for c in token.children if c.dep_ in _SUBJECTS]
        if token.dep_ == "conj":
            subjects += [c for c in token.head.children if c.dep_ in _SUBJECTS]
        if any(s.lemma_.lower() in rule.agent_sense[1] for s in subjects):
            return rule.agent_sense[0]
    return rule.type


def _phrasal_objects(verb: Token) -> list[Token]:
    """Particles, prepositions and objects just after a verb ('called for', 'opened fire')."""
    deps = ("prt", "prep", "dobj", "acomp", "oprd", "attr", "advmod", "npadvmod")
    out = [c for c in verb.children if c.dep_ in deps]
    out += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return [c for c in out if 0 < c.i - verb.i <= 4]


def find_triggers(doc: Doc, lex: EventLexicon) -> list[tuple[str, Token, list[Token]]]:
    """(type, head token, trigger tokens) for every trigger in the text, longest match first."""
    covered: set[int] = set()
    out: list[tuple[str, Token, list[Token]]] = []
    tokens = list(doc)  # one pass: spaCy builds a new Token object on every access
    words = [t for t in tokens if t.text not in ("-", "–")]
    lemmas = [t.lemma_.lower() for t in words]
    lowers = [t.lower_ for t in words]
    longest = lex.max_phrase
    for j in range(len(words)):
        if lemmas[j] not in lex.phrase_starts and lowers[j] not in lex.phrase_starts:
            continue
        for n in range(min(longest, len(words) - j), 1, -1):
            toks = words[j : j + n]
            if toks[-1].i - toks[0].i >= 2 * n or any(t.i in covered for t in toks):
                continue
            type_ = lex.phrases.get(tuple(lemmas[j : j + n])) or lex.phrases.get(tuple(lowers[j : j + n]))
            if type_ and toks[-1].pos_ in ("NOUN", "VERB", "PROPN"):
                out.append((type_, toks[-1], toks))
                covered.update(t.i for t in toks)
                break
    for token in tokens:
        entry = lex.phrasal.get(token.lemma_.lower())
        if token.pos_ != "VERB" or entry is None or token.i in covered:
            continue
        for c in _phrasal_objects(token):
            if c.i in covered:
                continue
            type_ = entry.get(c.lemma_.lower()) or entry.get(c.lower_)
            if type_:
                out.append((type_, token, [token, c]))
                covered.update((token.i, c.i))
                break
    for token in tokens:
        if token.i in covered:
            continue
        rule = _rule_for(token, lex)
        if rule and rule.sense and rule.sense[1] & _nearby_lemmas(token):
            out.append((rule.sense[0], token, [token]))
            covered.add(token.i)
        elif rule and _rule_fires(token, rule, lex):
            out.append((_sensed_type(token, rule), token, [token]))
            covered.add(token.i)
    return sorted(out, key=lambda x: x[2][0].i)


# -- one mention ----------------------------------------------------------------


def _light_verb(noun: Token, lex: EventLexicon) -> Token | None:
    """The verb that only carries an event noun: 'launched (dozens of) raids', 'talks were held'."""
    t = noun
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lower_ in lex.collective_heads:
        t = t.head.head
    if t.dep_ in ("dobj", "nsubjpass") and t.head.pos_ == "VERB" and t.head.lemma_.lower() in lex.light_verbs:
        return t.head
    return None


def _participation(noun: Token, lex: EventLexicon) -> Token | None:
    """The verb whose subject took part in an event noun: 'claimed responsibility for the attack', 'took
    part in the bombing', 'was involved in the raid', 'played a role in the coup'."""
    if noun.dep_ != "pobj":
        return None
    prep = noun.head
    gov = prep.head
    words = lex.participation.get(prep.lower_, frozenset())
    if gov.lemma_.lower() not in words and not any(
        c.dep_ == "dobj" and c.lemma_.lower() in words for c in gov.children
    ):  # "took part in": the preposition may hang on the verb
        return None
    verb = gov if gov.pos_ in ("VERB", "ADJ") else gov.head
    if verb.pos_ == "AUX" or verb.lemma_.lower() in ("deny", "reject"):
        return None  # "denied responsibility for the attack"
    return verb if verb.pos_ in ("VERB", "ADJ") else None


def _subjects(verb: Token) -> list[Token]:
    """Subjects of a verb, borrowed from the verb it is coordinated with or controlled by, or that an
    -ing clause hangs on ("IS launched attacks, killing 130 people": IS killed them)."""
    for _ in range(3):
        subj = [c for c in verb.children if c.dep_ in _SUBJECTS]
        if subj:
            return subj
        participle = verb.dep_ == "advcl" and verb.tag_ == "VBG"
        adjectival = verb.head.pos_ == "ADJ" and verb.head.dep_ in ("acomp", "amod")
        if verb.dep_ == "xcomp" and adjectival:  # "police were able to arrest him", "is ready to strike"
            verb = verb.head.head
            continue
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() not in _SUBJECT_CONTROL:
            objects = [c for c in verb.head.children if c.dep_ == "dobj"]
            if objects:  # "forced France to capitulate", "urged Iran to negotiate": the object acts
                return objects
        if (verb.dep_ in ("conj", "xcomp") or participle) and verb.head.i != verb.i:
            verb = verb.head
            continue
        return []
    return []


def _verb_roles(ctx: Context, verb: Token, m: _Mention, lex: EventLexicon, *, own: bool) -> None:
    """Agent, target and place from a verb: its own (trigger) or a light verb carrying an event noun."""
    minting = None if m.type in lex.theme_object_types else lex  # "deployed troops": what moves is no target
    # "..., with three others injured": the subject of a bare participle under "with" is what it happened to
    absolute = verb.tag_ == "VBN" and (
        (verb.dep_ == "pcomp" and verb.head.lower_ == "with")
        or any(c.dep_ == "mark" and c.lower_ == "with" for c in verb.children)
    )
    for s in _subjects(verb):
        m.roles.add("target" if absolute and own else "agent", actors_of(ctx, s, lex))
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and own:
        m.roles.add("target", actors_of(ctx, verb.head, minting))  # "civilians killed in the strike"
    if verb.dep_ == "advcl" and verb.tag_ == "VBN" and own:  # "..., with two others injured"
        for prep in (c for c in verb.head.children if c.dep_ == "prep" and c.lower_ == "with"):
            for o in (x for x in prep.children if x.dep_ == "pobj" and x.right_edge.i + 1 == verb.i):
                m.roles.add("target", actors_of(ctx, o, minting))
    for c in verb.children:
        if c.dep_ == "nsubjpass" and own:
            m.roles.add("target", actors_of(ctx, c, minting))
        elif c.dep_ in ("dobj", "dative") and own:
            m.roles.add("target", actors_of(ctx, c, minting))
    if own and not any(c.dep_ in ("dobj", "nsubjpass", "prt") for c in verb.children):
        # "shelled and captured Bakhmut": two verbs share the object that follows the second
        for conj in (c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"):
            for o in (x for x in conj.children if x.dep_ == "dobj"):
                m.roles.add("target", actors_of(ctx, o, minting))
    prep_roles(ctx, verb, m.type, lex, m.roles)


def _noun_roles(ctx: Context, noun: Token, m: _Mention, lex: EventLexicon, agentive: bool) -> None:
    patient = m.type in lex.patient_possessor
    violent = lex.violent(m.type)
    for c in noun.children:
        if c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i):
            ids = actors_of(ctx, c)
            if not ids and c.dep_ in ("compound", "nmod") and c.pos_ == "NOUN":
                # "a coalition air strike", "police raids", "prisoner releases": an unnamed participant
                ids = [a for a in [participant_actor(ctx, c, lex, bare=True)] if a]
            # "the Kabul bombing", "the Gaza war": a named place is where; "Russian strikes": a demonym is who
            named_place = (
                c.dep_ != "poss" and c.pos_ == "PROPN" and (violent or c.ent_type_ in ("LOC", "FAC"))
            )
            places = [
                i
                for i in ids
                if (a := ctx.actor(i)) is not None
                and (a.type == "Location" or (named_place and a.type == "Country"))
            ]
            m.roles.add("location", places)
            m.roles.add("target" if patient else "agent", [i for i in ids if i not in places])
        elif c.dep_ == "acl":
            prep_roles(ctx, c, m.type, lex, m.roles)
    prep_roles(ctx, noun, m.type, lex, m.roles)
    if agentive:  # "Papadaki was an outspoken critic of ...", "Papadaki, a critic of ..."
        if noun.dep_ in ("attr", "oprd"):
            for s in _subjects(noun.head):
                m.roles.add("agent", actors_of(ctx, s))
        elif noun.dep_ == "appos":
            m.roles.add("agent", actors_of(ctx, noun.head))


def _quantity(m: _Mention, lex: EventLexicon) -> Quantity | None:
    """The count of an event: of its instances ("40 raids") or of the people hit ("killed 12")."""
    head = m.head
    if head.pos_ == "VERB":
        verb_word = _PARTICIPLES.get(m.type) or (
            head.text.lower() if head.tag_ in ("VBD", "VBN") else head.lemma_.lower()
        )
        victims = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
        if head.dep_ == "acl":
            victims.append(head.head)
        for v in victims:
            noun = v.head.head if v.lower_ in ("that", "which", "who") and v.head.dep_ == "relcl" else v
            unit = (
                f"{'people' if noun.pos_ == 'NUM' or noun.lower_ in lex.vague else noun.lower_} {verb_word}"
            )
            q = count_of(noun, unit, lex)
            if q:
                return q
        return None
    if m.type in _RESULT_TYPES:
        for p in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
            for o in (c for c in p.children if c.dep_ == "pobj"):
                if q := count_of(o, f"{o.lower_} {_PARTICIPLES[m.type]}", lex):
                    return q
    unit = " ".join(t.text for t in m.tokens if t.i >= (m.light.i + 1 if m.light else 0) and t.i <= head.i)
    return count_of(head, unit or head.text, lex)


def _describes_something_else(ctx: Context, start: int, end: int, head: Token) -> bool:
    """A time inside a relative or participle clause the trigger is not in ('the plane, which was
    built in 1977'): it dates that clause's own happening, not the event."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    owner = {head.i, *(a.i for a in head.ancestors)}
    for a in (span.root, *span.root.ancestors):
        if a.i in owner:
            return False
        if a.dep_ in ("relcl", "acl") and a.pos_ in ("VERB", "AUX"):
            return True
    return False


def _date(ctx: Context, m: _Mention) -> tuple[str | None, int]:
    """The time of the trigger's phrase, else of its clause, else of its sentence (nearest first)."""
    head, sent = m.head, m.head.sent
    times = [
        t
        for t in ctx.times
        if t.span.start >= sent.start_char
        and t.span.end <= sent.end_char
        and not _describes_something_else(ctx, t.span.start, t.span.end, m.light or head)
    ]
    if not times:
        return None, 0
    anchor = m.light or head
    clause = anchor
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    scopes = [head, clause] if clause.i != head.i else [head]
    for scope in scopes:
        lo, hi = scope.left_edge.idx, scope.right_edge.idx + len(scope.right_edge.text)
        inside = [t for t in times if t.span.start >= lo and t.span.end <= hi]
        if inside:
            best = min(inside, key=lambda t: abs(t.span.start - head.idx))
            return best.value, 2
    best = min(times, key=lambda t: abs(t.span.start - head.idx))
    return best.value, 1


def _fresh(m: _Mention) -> bool:
    """Introduced as a further event: 'another attack', 'a second round of talks', 'new strikes',
    or a clause told as one more of its kind ('a soldier was also killed', 'they struck again')."""
    if m.head.pos_ == "VERB":
        return any(c.dep_ == "advmod" and c.lower_ in _AGAIN for c in m.head.children)
    return _nounish(m.head) and any(
        (c.dep_ in ("det", "amod", "nummod") and c.lower_ in _NEW_MARKERS - _INDEFINITE)
        or (c.dep_ == "amod" and c.tag_ == "JJS")  # "the worst explosion": one picked out of several
        for c in m.head.children
    )


def _number(m: _Mention) -> str | None:
    """Grammatical number of a noun mention; None for verbs and mass -ing nouns ('the bombing', 'fighting'),
    which may name one event or a series."""
    head = m.head
    if not _nounish(head):
        return None
    plural = head.tag_ == "NNS" or (head.pos_ == "PROPN" and head.lower_.endswith("s"))
    if plural:
        return "plural"  # "the bombings", "warnings": several
    return None if head.lower_.endswith("ing") else "singular"


def _mention(ctx: Context, type_: str, head: Token, tokens: list[Token], lex: EventLexicon) -> _Mention:
    rule = _rule_for(head, lex)
    agentive = bool(rule and rule.agentive and len(tokens) == 1)
    m = _Mention(type=type_, head=head, tokens=list(tokens))
    if head.pos_ == "VERB":
        _verb_roles(ctx, head, m, lex, own=True)
        for t in tokens[1:]:  # "opened fire on protesters": the phrase's object carries the target
            if t.head.i == head.i and t.pos_ == "NOUN":
                prep_roles(ctx, t, type_, lex, m.roles)
    else:
        m.light = _light_verb(head, lex)
        if m.light is not None:
            m.tokens.append(m.light)
            _verb_roles(ctx, m.light, m, lex, own=False)
        elif (verb := _participation(head, lex)) is not None:
            who = _subjects(verb) if verb.pos_ == "VERB" else []
            who += [c for c in verb.children if c.dep_ == "nsubjpass"]  # "he was involved in the attack"
            if verb.pos_ == "ADJ" and verb.dep_ == "acomp":  # "he is implicated in it"
                who += [c for c in verb.head.children if c.dep_ in _SUBJECTS]
            for w in who:
                m.roles.add("agent", actors_of(ctx, w, lex))
        _noun_roles(ctx, head, m, lex, agentive)
        if head.dep_ == "compound" and head.head.lemma_.lower() in lex.event_compound_heads:
            _noun_roles(ctx, head.head, m, lex, False)  # "the US-led bombing campaign against IS"
    if not m.roles.location:
        m.roles.add("location", clause_places(ctx, m.light or head, lex))
    m.roles.target = [t for t in m.roles.target if t not in m.roles.agent]
    m.quantity = _quantity(m, lex)
    m.date, m.date_strength = _date(ctx, m)
    container = head.dep_ == "compound" and head.head.lemma_.lower() in lex.event_compound_heads
    m.modality = detect_modality(head.head if container else head, lex)  # "a coup attempt" did happen
    m.fresh = _fresh(m)
    return m


# -- merging --------------------------------------------------------------------


def _contains(outer: str, inner: str) -> bool:
    """Whether ISO date/interval ``inner`` lies within ``outer`` (at their precisions)."""
    o1, _, o2 = outer.partition("/")
    i1, _, i2 = inner.partition("/")
    o2, i2 = o2 or o1, i2 or i1
    return i1[: len(o1)] >= o1 and i2[: len(o2)] <= o2 if len(i1) >= len(o1) else False


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Two event dates may describe the same event: equal, or one within the other.

    >>> dates_compatible("2024-12", "2024-12-08/2024-12-31")
    True
    >>> dates_compatible("2025", "2024-12-08/2024-12-31")
    False
    """
    if not a or not b or a == b:
        return True
    return _contains(a, b) or _contains(b, a)


def _disjoint(ctx: Context, a: list[str], b: list[str]) -> bool:
    """Both sides name participants and none of them is the same actor (or part of it)."""
    return bool(a) and bool(b) and not any(related(ctx, x, y) for x in a for y in b)


def _shares(ctx: Context, g: _Group, m: _Mention) -> bool:
    mine = g.roles.agent + g.roles.target + g.roles.location
    theirs = m.roles.agent + m.roles.target + m.roles.location
    return any(related(ctx, x, y) for x in mine for y in theirs)


def _anaphoric(m: _Mention) -> bool:
    """A noun mention that refers back rather than introduces: 'the talks', 'talks', 'the army's raids'."""
    head = m.head
    if not _nounish(head) or m.fresh or (m.quantity is not None and m.quantity.value is not None):
        return False
    return not any(c.dep_ == "det" and c.lower_ in _NEW_MARKERS for c in head.children)


def _types_compatible(a: str, b: str, lex: EventLexicon) -> bool:
    return a == b or (lex.root(a) == lex.root(b) and (a in lex.generic or b in lex.generic))


def _can_merge(ctx: Context, g: _Group, m: _Mention, lex: EventLexicon) -> bool:
    """Same event told again: compatible type, nothing conflicting, and some evidence of identity."""
    if m.fresh or g.modality != m.modality or not _types_compatible(g.type, m.type, lex):
        return False
    numbers = {n for x in g.mentions if x.type in lex.discrete and (n := _number(x))}
    if m.type in lex.discrete and (n := _number(m)) and numbers and n not in numbers:
        return False  # "the attacks" are several events, not the one "attack" or "rally" told before
    r = g.roles
    for role in ("agent", "target", "location"):
        if _disjoint(ctx, getattr(r, role), getattr(m.roles, role)):
            return False
    if any(not dates_compatible(x.date, m.date) for x in g.dated()):
        return False
    q1, q2 = g.quantity, m.quantity
    if q1 and q2 and q1.value is not None and q2.value is not None and q1.value != q2.value:
        return False
    if _shares(ctx, g, m) or (_anaphoric(m) and any(x.type == m.type for x in g.mentions)):
        return True
    # "the negotiations" after "talks": a definite noun may take up a compatible type, one that names the
    # event more or less precisely; two different broad words ("the explosion" after "murder", "the battle"
    # after "operations") are told of different events unless they share a participant
    if m.type != g.type and m.type in lex.generic and g.type in lex.generic:
        return False
    return _anaphoric(m) and any(c.dep_ in ("det", "poss") and c.lower_ != "no" for c in m.head.children)


def _better_quantity(old: Quantity | None, new: Quantity | None) -> Quantity | None:
    """The count an event keeps: the first one given, unless a later one tells more of the same number
    ("at least four" after the headline's "four") or gives a number where there was none."""
    if old is None or new is None:
        return old or new
    if old.value is None and new.value is not None:
        return new
    if old.value == new.value and old.qualifier is None and new.qualifier is not None:
        return new
    return old


def _absorb(g: _Group, m: _Mention, lex: EventLexicon) -> None:
    g.mentions.append(m)
    for role in ("agent", "target", "location"):
        g.roles.add(role, getattr(m.roles, role))
    g.quantity = _better_quantity(g.quantity, m.quantity)
    if g.type in lex.generic and m.type not in lex.generic and lex.root(g.type) == lex.root(m.type):
        g.type = m.type


def _cause(m: _Mention, heads: dict[int, int]) -> int | None:
    """The event that caused a killing or wounding: its subject, relative antecedent or 'killed in X'."""
    verb = m.head
    if m.type not in _RESULT_TYPES or verb.pos_ != "VERB":
        return None
    for c in verb.children:
        if c.dep_ in _SUBJECTS:
            if c.lower_ in ("that", "which") and verb.dep_ == "relcl":
                break
            if c.i in heads:
                return heads[c.i]
        if c.dep_ == "prep" and c.lower_ in ("in", "during", "by"):
            for o in c.children:
                if o.dep_ == "pobj" and o.i in heads:
                    return heads[o.i]
        if c.dep_ == "agent":
            for o in c.children:
                if o.dep_ == "pobj" and o.i in heads:
                    return heads[o.i]
    for other in verb.conjuncts:  # "were killed and dozens wounded in the shelling"
        for c in other.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "during"):
                for o in c.children:
                    if o.dep_ == "pobj" and o.i in heads:
                        return heads[o.i]
    if verb.dep_ == "relcl":
        ante = verb.head
        if ante.i not in heads or _agentive(ante):
            # "critic of the army's war that killed ...": the relative clause belongs to the event noun
            ante = next(
                (
                    o
                    for p in ante.children
                    if p.dep_ == "prep" and p.lower_ == "of"
                    for o in p.children
                    if o.dep_ == "pobj"
                ),
                ante,
            )
        if ante.i in heads:
            return heads[ante.i]
    return None


def _agentive(token: Token) -> bool:
    rule = event_lexicon().triggers.get(token.lemma_.lower())
    return bool(rule and rule.agentive)


def _carry_they(mentions: list[_Mention], lex: EventLexicon) -> None:
    """'Gunmen attacked the camp. They killed 23 soldiers': a 'they' that opens the next violent clause
    goes on telling what the previous violent event's agents did, whatever the pronoun resolver guessed."""
    for prev, m in zip(mentions, mentions[1:], strict=False):
        verb = m.light or m.head
        if not (lex.violent(m.type) and lex.violent(prev.type) and prev.roles.agent):
            continue
        if verb.pos_ != "VERB" or verb.sent.start not in (prev.head.sent.start, prev.head.sent.end):
            continue  # only the same sentence or the next one
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        if len(subj) == 1 and subj[0].lower_ == "they" and subj[0].i == verb.sent.start:
            m.roles.agent = list(prev.roles.agent)
            m.roles.target = [t for t in m.roles.target if t not in m.roles.agent]


def _inherit(mentions: list[_Mention]) -> None:
    """A count given 'with' another event's report shares its participants ('..., with 43 this year')."""
    by_token = {t.i: m for m in mentions for t in m.tokens}
    for m in mentions:
        head = m.head
        if head.dep_ != "pobj" or head.head.lower_ not in ("with", "including") or m.roles.agent:
            continue
        host = by_token.get(head.head.head.i)
        if host is None or host is m:
            continue
        for role in ("agent", "target", "location"):
            if not getattr(m.roles, role):
                m.roles.add(role, getattr(host.roles, role))


def merge_mentions(ctx: Context, mentions: list[_Mention], lex: EventLexicon) -> list[_Group]:
    """Fold results into their causes, then merge mentions of one event told twice (nearest group first)."""
    _inherit(mentions)
    heads = {m.head.i: n for n, m in enumerate(mentions)}
    groups: list[_Group] = []
    owner: dict[int, _Group] = {}
    causes = {n: c for n, m in enumerate(mentions) if (c := _cause(m, heads)) is not None and c != n}
    for n, m in enumerate(mentions):
        if n in causes:
            continue
        target = next((g for g in reversed(groups) if _can_merge(ctx, g, m, lex)), None)
        if target is None:
            target = _Group(type=m.type, mentions=[], roles=Roles(), quantity=None, modality=m.modality)
            groups.append(target)
        _absorb(target, m, lex)
        owner[n] = target
    for n, c in causes.items():
        g = owner.get(c)
        m = mentions[n]
        if g is None:  # its cause was folded too: keep the result as an event of its own
            groups.append(
                _Group(type=m.type, mentions=[m], roles=m.roles, quantity=m.quantity, modality=m.modality)
            )
            continue
        g.mentions.append(m)
        g.roles.add("target", [t for t in m.roles.target if t not in g.roles.agent])
        g.roles.add("location", m.roles.location)
        g.quantity = _better_quantity(g.quantity, m.quantity)
    return groups


def _implied_participant(g: _Group, lex: EventLexicon) -> bool:
    """Someone the text does not name takes part: "was released from custody", "they were freed"."""
    cues = lex.participant_cues.get(g.type, frozenset())
    for m in g.mentions:
        if cues & _context_lemmas(m.head):
            return True
        if any(c.dep_ in ("nsubjpass", "dobj") and c.pos_ == "PRON" for c in m.head.children):
            return True
    return False


def _best_date(g: _Group) -> str | None:
    dated = g.dated()
    if not dated:
        return None
    best = max(dated, key=lambda m: (m.date_strength, _PRECISION_RANK.get(_precision(m.date or ""), 0)))
    return best.date


def _precision(value: str) -> str:
    if "/" in value:
        return "interval"
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "day")


def extract_events(ctx: Context) -> list[Event]:
    """Events of one article, each told once, with participants, place, date, count and modality."""
    lex = event_lexicon()
    named = len(ctx.actors)  # actors after this index are unnamed participants minted here
    mentions = [_mention(ctx, t, h, toks, lex) for t, h, toks in find_triggers(ctx.doc, lex)]
    _carry_they(mentions, lex)
    groups = [
        g
        for g in merge_mentions(ctx, mentions, lex)
        if g.type not in lex.needs_participant
        or g.roles.agent
        or g.roles.target
        or _implied_participant(g, lex)
    ]
    out: list[Event] = []
    for g in sorted(groups, key=lambda g: g.mentions[0].span):
        trigger = g.mentions[0].span  # the first telling (a folded result may come earlier in the text)
        spans = sorted({m.span for m in g.mentions} - {trigger})
        agent = tuple(g.roles.agent)
        out.append(
            Event(
                id=f"e{len(out) + 1}",
                type=g.type,
                cameo=lex.cameo[g.type],
                trigger=trigger,
                mentions=tuple(spans),
                agent=agent,
                target=tuple(t for t in g.roles.target if t not in agent),
                location=tuple(g.roles.location),
                date=_best_date(g),
                quantity=g.quantity,
                modality=g.modality,
            )
        )
    ctx.events = out = _drop_unused_participants(ctx, out, named)
    return out


def _drop_unused_participants(ctx: Context, events: list[Event], named: int) -> list[Event]:
    """Keep the minted participants that a kept event names (a mention merged away or dropped may have
    minted one), renumbered after the named actors so that ids stay dense."""
    used = {i for e in events for i in (*e.agent, *e.target)}
    kept = [a for a in ctx.actors[named:] if a.id in used]
    renamed = {a.id: f"a{named + n + 1}" for n, a in enumerate(kept)}
    ctx.actors[named:] = [replace(a, id=renamed[a.id]) for a in kept]

    def ids(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(renamed.get(i, i) for i in values)

    return [replace(e, agent=ids(e.agent), target=ids(e.target)) for e in events]
