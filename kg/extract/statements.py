"""Statements: who said (or believes, or wants) what, relayed by whom, and when.

Cues are data (``kg/lexicons/cues.json``): verbs with a clausal complement ("said that ..."),
with an object ("denied the report"), verb + particle ("called for"), verb + noun
("expressed concern that"), "according to X", quotations attached to a nearby cue, and
"NAME: text" transcript lines. Speakers come from the actors stage; speaker phrases that
name no actor ("a Greek diplomatic source") become actors of their own. Text-level work (quotation
spans, boilerplate lines) is in ``kg.extract.statement_text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kg.extract.context import Context, normalise_name
from kg.extract.statement_text import (
    CLOSERS,
    OPENERS,
    QUOTE_CHARS,
    Quote,
    excluded_lines,
    find_quotes,
    paragraphs,
    quote_chains,
)
from kg.lexicons import load_lexicon
from kg.model import Actor, Span, Statement

if TYPE_CHECKING:
    from spacy.tokens import Token

CIRCUMSTANCE_PREPS = ("during", "after", "before", "since", "until", "at", "on", "while", "via", "through")
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
CONTENT_DEPS = ("ccomp", "xcomp")
SIGNED = re.compile(
    r"\s*[\u2015\u2014\u2013]\s*([A-Z][\w.'\u2019\-]*(?:\s+[A-Z][\w.'\u2019\-]*){0,3})\.?\s*$"
)
NAME_PREFIX = re.compile(r"^(a|an|the|one|two|some|several|many)\s+", re.IGNORECASE)


@dataclass
class _Found:
    """A statement under construction (token-level facts kept until resolution)."""

    cue: str
    cue_span: Span
    content: Span
    stance: str
    speaker_tok: Token | None = None
    speaker: str | None = None
    mention: Span | None = None
    relays: list[str] = field(default_factory=list)
    date: str | None = None
    verb: Token | None = None
    adjacent_quote: bool = False
    speech: bool = True  # a speech cue (not belief, intention or evidence)


class _Stage:
    """One article's statement extraction (holds the lexicons and text indexes)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.text = ctx.text
        lex = load_lexicon("cues")
        classes = {k for k, on in lex["classes"].items() if on}
        self.verbs: dict[str, dict[str, Any]] = {
            k: v for k, v in lex["verbs"].items() if v.get("class", "speech") in classes
        }
        self.particles: dict[str, dict[str, Any]] = {
            k: v for k, v in lex["particles"].items() if v.get("class", "speech") in classes
        }
        self.noun_cues: dict[str, dict[str, Any]] = lex["noun_cues"]
        self.cue_adjectives: dict[str, dict[str, Any]] = {
            k: v for k, v in lex["adjectives"].items() if v.get("class", "speech") in classes
        }
        self.cue_nouns: dict[str, dict[str, Any]] = {
            k: v for k, v in lex["nouns"].items() if v.get("class", "speech") in classes
        }
        self.preps: dict[str, dict[str, Any]] = lex["prepositions"]
        self.relay_verbs = set(lex["relay_verbs"])
        self.content_marks = set(lex["content_marks"])
        self.aside_deps = set(lex["aside_deps"])
        self.aside_marks = set(lex["aside_marks"])
        self.subordinators = set(lex["subordinators"])
        self.light_verbs = set(lex["light_verbs"])
        self.pron = {k: set(v) for k, v in lex["pronouns"].items()}
        self.spk = {k: set(v) if isinstance(v, list) else v for k, v in load_lexicon("cue_speakers").items()}
        self.marks = self.text.replace("''", '""').replace("``", '""')  # NYT-style marks as '"'
        self.quotes: list[Quote] = find_quotes(self.text)
        self.chains = quote_chains(self.text, self.quotes)
        self.paras = paragraphs(self.text)
        self.excluded = excluded_lines(self.text)
        self.in_quote = bytearray(len(self.text) + 1)
        for q in self.quotes:
            self.in_quote[q.start : q.end] = b"\1" * (q.end - q.start)
        groups = load_lexicon("groups")
        self.armed = {w.lower() for w in groups["bare"]} | {
            w.lower() for w in groups["org_nouns"]["MilitaryForce"]
        }  # subjects whose 'attacked' is an act of force
        self.turns = self.interview_turns(lex["turn_markers"])
        self.made: dict[str, str] = {}  # normalised description → actor id made here
        self.cue_starts: list[int] = []
        self.according_relays: list[tuple[int, Token, Token]] = []  # (cue verb, 'according', its object)

    # -- text helpers -----------------------------------------------------------
    def para_of(self, offset: int) -> tuple[int, int]:
        return next(((s, e) for s, e in self.paras if s <= offset < e), (offset, offset))

    def is_excluded(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.excluded)

    def quote_at(self, offset: int) -> Quote | None:
        return next((q for q in self.quotes if q.start <= offset < q.end), None)

    def kind(self, span: Span, cue: Span | None = None) -> str:
        """direct / mixed / indirect by the letters inside quotation marks; the unquoted stretch holding
        the cue inside a split quotation ('“A,” she said, “B”') is not part of what was said."""
        lo = hi = -1
        if cue is not None and span.start <= cue.start < span.end and not self.in_quote[cue.start]:
            lo, hi = cue.start, cue.start
            while lo > span.start and not self.in_quote[lo - 1]:
                lo -= 1
            while hi < span.end and not self.in_quote[hi]:
                hi += 1
            if lo == span.start or hi == span.end:
                lo = hi = -1  # the writer's words open or close it ('which X called "..."'): no split quote
        inside = total = 0
        for i in range(span.start, span.end):
            if lo <= i < hi:
                continue
            if self.text[i].isalnum():
                total += 1
                inside += self.in_quote[i]
        if total and inside == total:
            return "direct"
        return "mixed" if inside else "indirect"

    def tokens_span(self, toks: list[Token]) -> Span | None:
        """The character span of tokens, trimmed of a leading 'that'/punctuation and trailing punctuation."""
        toks = sorted(toks, key=lambda t: t.i)
        while toks and (
            toks[0].is_punct
            and toks[0].text not in QUOTE_CHARS
            or toks[0].is_space
            or (toks[0].lower_ == "that" and toks[0].dep_ == "mark")
        ):
            toks = toks[1:]
        while toks and (toks[-1].is_punct and toks[-1].text not in QUOTE_CHARS + "''" or toks[-1].is_space):
            toks = toks[:-1]
        if not toks:
            return None
        return Span(toks[0].idx, toks[-1].idx + len(toks[-1].text))

    def fit_to_quotes(self, span: Span, cue_at: int) -> Span:
        """Grow a span that starts or ends inside a quotation to its marks; keep it in its paragraph."""
        start, end = span.start, span.end
        q = self.quote_at(start)
        if q and q.start < start:
            start = q.start
        elif start > 0 and self.text[start - 1] in OPENERS + '"' and self.quote_at(start - 1):
            start -= 1
        q = self.quote_at(end - 1)
        if q and q.end > end and not (q.start <= cue_at < q.end):
            end = self.chains.get(q.start, q.end)
        elif q and end < len(self.text) and self.text[end] in CLOSERS + '"' and self.quote_at(end):
            end += 1
        ps, pe = self.para_of(cue_at)
        if not any(q.start <= end - 1 < q.end and q.start < pe <= end for q in self.quotes):
            end = min(end, pe) if start < pe else end
        if start < ps:
            q = self.quote_at(start)
            if not (q and self.chains.get(q.start, q.end) > ps):
                start = ps
        return Span(start, end) if end > start else span

    # -- speakers ---------------------------------------------------------------
    def subject_of(self, verb: Token) -> tuple[Token | None, Token]:
        """The subject token of a cue verb (following conj/participle heads), and the verb it belongs to."""
        v = verb
        for _ in range(4):
            if v is not verb and v.lemma_.lower() in self.relay_verbs:
                passive = next(
                    (
                        c
                        for c in v.children
                        if c.dep_ == "nsubjpass" and self.para_of(c.idx) == self.para_of(verb.idx)
                    ),
                    None,
                )
                if passive is not None:
                    return passive, v  # 'X was quoted (by Y) as saying': X speaks, Y relays
            subjs = [
                c for c in v.children if c.dep_ in SUBJECTS and self.para_of(c.idx) == self.para_of(verb.idx)
            ]
            free = [c for c in subjs if not self.in_quote[c.idx]]
            # 'The surplus, the agency said, will ...': of two subjects the one next to the cue speaks
            # (unless the first is a title and the second a name: 'Norway's minister, Jane Roe said')
            nearest = (
                len(free) > 1 and free[-1].i < v.i and free[0].lemma_.lower() not in self.spk["person_heads"]
            )
            subj = (free[-1] if nearest else free[0]) if free else None
            subj = subj if subj is not None else (subjs[0] if subjs else None)
            agent = next((c for c in v.children if c.dep_ == "agent"), None)
            if agent is not None:
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj, v
            if subj is not None and subj.dep_ == "nsubjpass" and v.lemma_.lower() not in self.relay_verbs:
                # 'people were urged to ...', 'it was reported that ...': the passive subject is the
                # one addressed or nothing at all, never the speaker
                subj = None
            if subj is not None:
                return subj, v
            if v.dep_ == "relcl":
                return v.head, v
            # 'Dean, saying ...' (also parsed as an adverbial clause of the noun)
            if v.dep_ in ("acl", "advcl") and v.tag_ == "VBG" and v.head.pos_ in ("NOUN", "PROPN"):
                head = v.head
                author = self.document_author(head)  # 'Dean, saying ...', 'a statement from X saying ...'
                if author is head and head.lemma_.lower() in self.spk["documents"] | self.spk["occasions"]:
                    # 'X issued a statement calling ...', 'X said at a news conference announcing ...':
                    # the one who issued the document or spoke on the occasion
                    gov = head.head.head if head.dep_ == "pobj" and head.head.dep_ == "prep" else head.head
                    if head.dep_ in ("dobj", "pobj") and gov.pos_ in ("VERB", "AUX") and gov is not v:
                        by, _ = self.subject_of(gov)
                        if by is not None:
                            return by, v
                return author, v
            if v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head.pos_ in ("VERB", "AUX"):
                v = v.head.head  # 'criticised for saying ...': the subject of the governing verb
                continue
            if v.dep_ == "xcomp" and v.head.pos_ in ("VERB", "AUX"):
                obj = next((c for c in v.head.children if c.dep_ == "dobj" and c.i < v.i), None)
                if obj is not None and obj.pos_ in ("PROPN", "PRON", "NOUN"):
                    return obj, v  # 'forced Roe to admit ...', 'let editorials tell them': the object speaks
            if v.dep_ in ("conj", "advcl", "xcomp") and v.head.pos_ in ("VERB", "AUX"):
                v = v.head
                continue
            break
        prev = verb.doc[verb.i - 1] if verb.i else None
        if (
            v is verb
            and prev is not None
            and prev.pos_ in ("PROPN", "NOUN")
            and verb.tag_ in ("VBD", "VBZ", "VBP")
        ):
            return prev, v  # a misparsed subject: 'In a meeting with the board Trump said ...'
        return None, v

    def mention_tokens(self, head: Token) -> list[Token]:
        """The speaker phrase as written: the head's subtree without relative clauses or relay phrases."""
        if head.pos_ == "PRON":
            return [head]
        drop: set[int] = set()
        for c in head.children:
            if c.dep_ in ("relcl", "appos", "acl") or (
                c.dep_ == "prep" and c.i > head.i and c.lower_ in ("by",)
            ):
                drop |= {t.i for t in c.subtree}
            if c.dep_ == "punct" and c.i > head.i:
                drop.add(c.i)
        toks = [t for t in head.subtree if t.i not in drop]
        # keep the contiguous run around the head
        lo = hi = head.i
        ids = {t.i for t in toks}
        while lo - 1 in ids:
            lo -= 1
        while hi + 1 in ids:
            hi += 1
        doc = head.doc
        toks = [doc[i] for i in range(lo, hi + 1) if not doc[i].is_space]
        while toks and "\n" in self.text[toks[0].idx : head.idx]:
            toks = toks[1:]
        while toks and "\n" in self.text[head.idx : toks[-1].idx]:
            toks = toks[:-1]
        while toks and toks[-1].is_punct:
            toks = toks[:-1]
        while toks and toks[0].is_punct:
            toks = toks[1:]
        return toks or [head]

    def appos_actor(self, head: Token) -> str | None:
        for c in head.children:
            if c.dep_ == "appos":
                a = self.ctx.actor_for_span(c)
                if a:
                    return a
        return None

    def is_person(self, aid: str | None) -> bool:
        a = self.ctx.actor(aid)
        return a is not None and a.type == "Person"

    def name_in_phrase(self, toks: list[Token]) -> str | None:
        """A known person named at the end of a title phrase ('Ambassador to Norway Jane Roe').

        The name must follow a noun directly: after a preposition ('a spokesman for Jane Roe') it
        names someone else, and a possessor ('Roe's spokesman') never ends the phrase.
        """
        if len(toks) < 2 or toks[-1].pos_ != "PROPN":
            return None
        aid = self.ctx.actor_for_span(toks[-1])
        if not self.is_person(aid):
            return None
        i = len(toks) - 1
        while i > 0 and self.ctx.actor_for_span(toks[i - 1]) == aid:
            i -= 1
        if i == 0:
            return None
        prev = toks[i - 1]
        return aid if prev.pos_ in ("PROPN", "NOUN") and not prev.is_punct else None

    def name_after_title(self, head: Token, toks: list[Token]) -> str | None:
        """'Norway's Prime Minister, Jane Roe, said': the title and the name are both parsed as subjects."""
        if head.lemma_.lower() not in self.spk["person_heads"] or head.dep_ not in SUBJECTS:
            return None
        doc = head.doc
        j = toks[-1].i + 1
        if j + 1 >= len(doc) or doc[j].text != ",":
            return None
        aid = self.ctx.actor_for_span(doc[j + 1])
        if not self.is_person(aid):
            return None
        name = doc[j + 1]
        while name.dep_ in ("compound", "flat") and name.head.i > name.i:
            name = name.head
        return aid if name.dep_ in SUBJECTS and name.head.i == head.head.i else None

    def named_like(self, head: Token) -> str | None:
        """'the Church', 'the government': the last organisation or country whose name has that head noun."""
        if head.pos_ not in ("NOUN", "PROPN"):
            return None
        word = head.lemma_.lower()
        best: tuple[int, str] | None = None
        for a in self.ctx.actors:
            if a.type not in ("Organization", "Country") or word not in normalise_name(a.name).split():
                continue
            before = [m.start for m in a.mentions if m.start < head.idx]
            if before and (best is None or max(before) > best[0]):
                best = (max(before), a.id)
        return best[1] if best else None

    def names_someone(self, tok: Token) -> bool:
        """A noun phrase that names someone or a place (not a plan, a claim or a record)."""
        return (
            self.ctx.actor_for_span(tok) is not None
            or tok.ent_type_ in ("PERSON", "NORP", "ORG", "GPE", "LOC", "FAC")
            or tok.lemma_.lower() in self.spk["person_heads"]
            or tok.lower_ in self.spk["group_heads"]
            or (tok.tag_ == "NNS" and tok.lower_.endswith(tuple(self.spk["people_suffixes"])))
        )

    def person_subject(self, verb: Token) -> bool:
        """The subject is one person ('the senator attacked X' is words; 'rebels attacked X' is not)."""
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return False
        if subj.lower_ in ("he", "she", "i"):
            return True
        aid = self.ctx.actor_for_span(subj)
        return self.is_person(aid) if aid else subj.ent_type_ == "PERSON"

    def armed_subject(self, verb: Token) -> bool:
        """The verb's subject is a force or an armed group ('militants', 'the army', a named militia)."""
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return False
        a = self.ctx.actor(self.ctx.actor_for_span(subj))
        if a is not None and a.subtype in ("ArmedGroup", "MilitaryForce"):
            return True
        low = subj.lower_
        return subj.lemma_.lower() in self.armed or low in self.armed or low.removesuffix("s") in self.armed

    def resolve_pronoun(self, tok: Token) -> str | None:
        ctx = self.ctx
        if hasattr(ctx, "resolve_reference"):
            got = ctx.resolve_reference(tok)
            if got:
                return got
        low = tok.lower_
        if low in self.pron["person"]:
            return ctx.last_actor_before(tok.idx, ("Person",))
        if low in self.pron["group"]:
            return ctx.last_actor_before(tok.idx, ("Group", "Organization", "Country"))
        if low in self.pron["thing"]:
            return ctx.last_actor_before(tok.idx, ("Organization", "Country"))
        return None

    def speaker_of(self, head: Token, speech: bool = False) -> tuple[str | None, Span]:
        """The actor a speaker phrase refers to, and the phrase as written."""
        ctx = self.ctx
        toks = self.mention_tokens(head)
        mention = Span(toks[0].idx, toks[-1].idx + len(toks[-1].text))
        low = head.lower_
        if head.pos_ == "PRON" or low in self.pron["relative"]:
            if low in self.pron["relative"] and head.dep_ in SUBJECTS and head.head.dep_ == "relcl":
                ant = head.head.head
                aid, _ = self.speaker_of(ant, speech)
                return aid, mention
            return self.resolve_pronoun(head), mention
        aid = ctx.actor_at(head.idx, head.idx + len(head.text))
        if aid:
            return aid, mention
        aid = self.appos_actor(head)
        if aid:
            return aid, mention
        aid = self.name_in_phrase(toks) or self.name_after_title(head, toks)
        if aid:  # the title phrase is a mention of the named person
            ctx.add_mention(aid, mention)
            return aid, mention
        det = next((c.lower_ for c in head.children if c.dep_ in ("det", "nummod", "poss")), "")
        poss = any(c.dep_ == "poss" for c in head.children)
        if hasattr(ctx, "resolve_reference") and (det in ("the", "this", "that", "these", "those") or poss):
            # only definite descriptions refer back: 'a source' / 'one official' is someone new
            got = ctx.resolve_reference(head)
            if got:
                return got, mention
        if det in ("the", "this", "that") or poss:
            aid = self.named_like(head)
            if aid:
                return aid, mention
            role = (  # 'the opposition leader', 'the mayor of Bergen': a singular role names someone
                head.tag_ == "NN"
                and head.lemma_.lower() in self.spk["person_heads"]
                and any(c.dep_ in ("compound", "amod", "prep") for c in head.children)
            )
            if (
                head.pos_ == "NOUN"
                and not role
                and not any(t.pos_ == "PROPN" or ctx.actor_for_span(t) for t in toks)
            ):
                # a definite description refers back; one that finds nothing ('the member',
                # 'her party') makes no new actor: the statement keeps the phrase as written
                return None, mention
        for c in head.children:  # 'the ambassador, Jane Roe, said': the name in apposition
            if c.dep_ == "appos" and c.pos_ == "PROPN":
                ctoks = self.mention_tokens(c)
                span = Span(ctoks[0].idx, ctoks[-1].idx + len(ctoks[-1].text))
                return self.describe(c, ctoks, span, speech) or self.describe(
                    head, toks, mention, speech
                ), mention
        return self.describe(head, toks, mention, speech), mention

    def describe(self, head: Token, toks: list[Token], mention: Span, speech: bool = False) -> str | None:
        """A new actor for a speaker phrase that names none ('a Greek source', 'officials from both sides').

        Two anonymous sources are two actors; a repeated plain description ('Greek officials') is one.
        """
        lemma, low = head.lemma_.lower(), head.lower_
        s = self.spk
        plural = head.tag_ in ("NNS", "NNPS") or low in s["group_heads"]
        titled = any(t.lemma_.lower() in s["person_heads"] for t in toks if t.i <= head.i)
        if head.pos_ == "PROPN" and lemma in s["organization_heads"]:
            type_ = "Organization"
        elif head.pos_ == "PROPN":
            # 'Afghan Ambassador ... Hamdullah Mohib', 'Malaysia's Prime Minister': a titled name is a person
            type_ = "Person" if head.ent_type_ == "PERSON" or titled else "Organization"
        elif low in s["group_heads"] or (plural and lemma in s["person_heads"]):
            type_ = "Group"
        elif lemma in s["organization_heads"]:
            type_ = "Organization"
        elif lemma in s["person_heads"] or lemma in s["anonymous_heads"]:
            type_ = "Person"
        elif head.tag_ == "NNS" and speech and low.endswith(tuple(s["people_suffixes"])):
            type_ = "Group"  # 'port operators warned': plural nouns for people
        else:
            return None
        written = mention.text(self.text)
        det = next((c.lower_ for c in head.children if c.dep_ in ("det", "nummod")), "")
        phrase = self.text[mention.start : max(mention.end, head.idx + len(head.text))]
        anonymous = (
            lemma in s["anonymous_heads"] and det in ("a", "an", "one", "another", "") and not plural
        ) or any(m in phrase.lower() for m in s["anonymous_markers"])
        if anonymous and type_ == "Person":
            type_ = "Group"
        name = NAME_PREFIX.sub("", written).strip() or written
        if head.pos_ == "PROPN" and type_ == "Person" and lemma not in s["person_heads"]:
            lo = head.i  # the name itself, without the title before it: 'Ambassador ... Hamdullah Mohib'
            while (
                lo > 0
                and head.doc[lo - 1].pos_ == "PROPN"
                and head.doc[lo - 1].dep_ == "compound"
                and (head.doc[lo - 1].lemma_.lower() not in s["person_heads"])
            ):
                lo -= 1
            if lo < head.i or head.ent_type_ == "PERSON":
                name = head.doc[lo : head.i + 1].text
        norm = normalise_name(name)
        if not norm:
            return None
        art = self.ctx.article.id
        if not anonymous and norm in self.made:
            self.ctx.add_mention(self.made[norm], mention)
            return self.made[norm]
        slug = "-".join(norm.split())
        key = f"{type_.lower()}-{art}-{slug}" + (f"-{mention.start}" if anonymous else "")
        affil = None
        for t in toks:
            if t.i != head.i:
                affil = self.ctx.actor_for_span(t)
                if affil:
                    break
        aid = self.ctx.new_actor_id()
        aliases = (name,) if name == written else (written, name)
        self.ctx.add_actor(
            Actor(
                id=aid,
                name=name,
                type=type_,
                key=key,
                aliases=aliases,
                mentions=(mention,),
                affiliation=affil,
                anonymous=anonymous,
            )
        )
        if not anonymous:
            self.made[norm] = aid
        return aid

    def relayer(self, tok: Token) -> str | None:
        """The actor a relay phrase names (a news agency, a monitor), made if the actors stage has none."""
        aid = self.ctx.actor_for_span(tok)
        if aid:
            return aid
        toks = self.mention_tokens(tok)
        mention = Span(toks[0].idx, toks[-1].idx + len(toks[-1].text))
        aid = self.ctx.actor_at(mention.start, mention.end)
        if aid:
            return aid
        for c in tok.children:  # 'the news agency Efe': the name in apposition
            if c.dep_ in ("appos", "compound") and (aid := self.ctx.actor_for_span(c)):
                return aid
        for c in tok.children:
            if c.dep_ == "appos" and c.pos_ == "PROPN":
                ctoks = self.mention_tokens(c)
                return self.describe(c, ctoks, Span(ctoks[0].idx, ctoks[-1].idx + len(ctoks[-1].text)))
        return self.describe(tok, toks, mention)

    def relays_in(self, head: Token) -> list[str]:
        """Relays attached to a speaker phrase: 'X, cited by Y, which quoted Z' → [Y, Z]."""
        out: list[str] = []
        for c in head.children:
            if c.dep_ == "acl" and c.lemma_.lower() in self.relay_verbs:
                agent = next((a for a in c.children if a.dep_ == "agent" or a.lower_ == "by"), None)
                pobj = (
                    next((p for p in agent.children if p.dep_ == "pobj"), None) if agent is not None else None
                )
                if pobj is None:
                    continue
                r = self.relayer(pobj)
                if r:
                    out.append(r)
                out.extend(self.relay_tail(pobj))
        return out

    def relay_tail(self, tok: Token) -> list[str]:
        """Further relays hanging off a relay: 'Y, which cited Z' / 'Y, citing Z'."""
        out: list[str] = []
        for c in tok.children:
            if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in self.relay_verbs:
                obj = next((o for o in c.children if o.dep_ in ("dobj", "pobj")), None)
                if obj is None:
                    agent = next((a for a in c.children if a.dep_ == "agent"), None)
                    obj = (
                        next((p for p in agent.children if p.dep_ == "pobj"), None)
                        if agent is not None
                        else None
                    )
                if obj is not None:
                    r = self.relayer(obj)
                    if r:
                        out.append(r)
                        out.extend(self.relay_tail(obj))
        return out

    def is_media(self, aid: str | None) -> bool:
        a = self.ctx.actor(aid)
        return bool(a and a.subtype in ("MediaOrganization", "NewsAgency", "Media"))

    def verb_relays(self, verb: Token, content_root: Token | None) -> list[str]:
        """Relays named beside the cue: 'according to Y' (when a speaker is given), 'as reported by Y',
        'citing Y', and a media organisation the speaker 'told' (an interview is its report)."""
        out: list[str] = []
        head = verb.head.head if verb.dep_ == "pcomp" else verb.head
        if verb.dep_ in ("advcl", "pcomp") and head.lemma_.lower() in self.relay_verbs:
            agent = next((a for a in head.children if a.dep_ == "agent"), None)
            pobj = next((p for p in agent.children if p.dep_ == "pobj"), None) if agent is not None else None
            if pobj is not None and (r := self.relayer(pobj)):
                out.append(r)
        for c in verb.children:
            if c is content_root:
                continue
            low = c.lower_
            if low == "according" and c.dep_ == "prep":
                to = next((t for t in c.children if t.lower_ == "to"), None)
                pobj = next((p for p in to.children if p.dep_ == "pobj"), None) if to is not None else None
                if pobj is not None and (r := self.relayer(pobj)):
                    out.append(r)
            elif c.dep_ == "advcl" and c.lemma_.lower() in self.relay_verbs:
                agent = next((a for a in c.children if a.dep_ == "agent"), None)
                pobj = (
                    next((p for p in agent.children if p.dep_ == "pobj"), None) if agent is not None else None
                )
                if pobj is not None and (r := self.relayer(pobj)):
                    out.append(r)
            elif c.dep_ in ("dative", "dobj") and verb.lemma_.lower() == "tell":
                aid = self.ctx.actor_for_span(c)
                if self.is_media(aid):
                    out.append(aid)  # type: ignore[arg-type]
        return out

    def date_of(self, verb: Token, skip: set[int]) -> str | None:
        """The time expression attached to the cue ('said on Tuesday'), not one inside the content."""
        for c in verb.children:
            if c.i in skip or c.dep_ in (*SUBJECTS, *CONTENT_DEPS, "conj", "cc", "parataxis"):
                continue  # a conjoined cue has its own date
            toks = list(c.subtree)
            if any(t.i in skip for t in toks):
                continue
            t = self.ctx.time_in(toks[0].idx, toks[-1].idx + len(toks[-1].text))
            if t:
                return t.value
        return None

    # -- cues -------------------------------------------------------------------
    def verb_lemma(self, verb: Token) -> str:
        """The verb's lemma, or the lexicon verb its inflected form stands for when the lemmatiser clips
        a final 'e' ('hoped' → 'hop', 'rated' → 'rat') or misses a rare verb ('lambasted', 'tweeting')."""
        lemma = verb.lemma_.lower()
        if lemma in self.verbs or verb.pos_ not in ("VERB", "AUX"):
            return lemma
        w = verb.lower_
        for suffix, stems in (("ing", ("", "e")), ("ed", ("", "e")), ("es", ("", "e")), ("s", ("",))):
            if w.endswith(suffix) and len(w) > len(suffix) + 2:
                for add in stems:
                    cand = w[: -len(suffix)] + add
                    if cand in self.verbs:
                        return cand
        return lemma

    def cue_entry(self, verb: Token) -> tuple[str, dict[str, Any]] | None:
        """The lexicon entry for a cue verb (particle and verb+noun phrases first), and its cue text."""
        lemma = self.verb_lemma(verb)
        for c in verb.children:
            if c.dep_ in ("prt", "prep") and f"{lemma} {c.lower_}" in self.particles:
                if c.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in c.children):
                    continue  # 'called on Friday' is a call, not 'called on X to ...'
                if c.dep_ == "prep" and any(o.dep_ == "dobj" and verb.i < o.i < c.i for o in verb.children):
                    continue  # 'called the race for X': an object between verb and preposition
                return f"{verb.text} {c.text}", {**self.particles[f"{lemma} {c.lower_}"], "_prt": c}
            if c.dep_ == "dobj":
                key = f"{lemma} {c.lemma_.lower()}"
                if key in self.noun_cues:
                    return f"{verb.text} {c.text}", {**self.noun_cues[key], "_noun": c}
        if lemma in self.verbs:
            return verb.text, self.verbs[lemma]
        return None

    def time_of(self, tok: Token) -> str | None:
        toks = list(tok.subtree)
        t = self.ctx.time_in(toks[0].idx, toks[-1].idx + len(toks[-1].text))
        return t.value if t else None

    def is_time(self, tok: Token) -> bool:
        """A phrase that is (or holds) a date: 'on Friday', 'in a ruling released Thursday'."""
        toks = list(tok.subtree)
        return any(t.ent_type_ in ("DATE", "TIME") for t in toks) or bool(
            self.ctx.time_in(toks[0].idx, toks[-1].idx + len(toks[-1].text))
        )

    def is_time_phrase(self, prep: Token) -> bool:
        """'on Thursday', 'in a ruling released Thursday' are times; 'for failing to act earlier Friday' is
        not: only the phrase up to its object's head counts, not a clause inside it."""
        pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if pobj is None:
            return self.is_time(prep)
        if pobj.pos_ in ("VERB", "AUX"):
            return False
        toks = [prep] + [t for t in pobj.subtree if t.i <= pobj.i]
        if any(t.ent_type_ in ("DATE", "TIME") for t in toks):
            return True
        ruling = [t for c in pobj.children if c.dep_ == "acl" and c.i > pobj.i for t in c.subtree]
        if any(t.ent_type_ in ("DATE", "TIME") for t in ruling):
            return True  # 'in a ruling released Thursday'
        return bool(self.ctx.time_in(prep.idx, pobj.idx + len(pobj.text)))

    def right_tail(self, verb: Token, first: Token) -> list[Token]:
        """The verb's dependents after ``first`` that continue an object content ('attacked X for Y as Z')."""
        out: list[Token] = []
        for c in verb.children:
            if c.i <= first.i:
                continue
            if c.dep_ in ("punct", "cc", "conj", "advcl", "parataxis", "mark") or c.dep_ in SUBJECTS:
                break
            if c.dep_ == "prep" and (c.lower_ in CIRCUMSTANCE_PREPS or self.is_time_phrase(c)):
                break  # 'rejected the argument during a hearing on Thursday': circumstances, not content
            if c.dep_ in ("prep", "xcomp", "oprd", "ccomp", "dobj", "dative"):
                out.extend(c.subtree)
        return out

    def relative_content(
        self, verb: Token, entry: dict[str, Any], subj: Token | None, found: list[Token]
    ) -> list[Token]:
        """'a plan (that) critics call reckless', 'which the mayor described as a mistake', 'what she called
        a rant': the cue sits in a relative clause whose relativiser stands for (part of) what was said, so
        the words run from the antecedent (the relativiser after a comma or a free 'what') to the end of
        the content ``found`` after the cue, cue and speaker included."""
        if entry.get("class", "speech") not in ("speech", "belief") or subj is None or subj.head.i != verb.i:
            return []
        if subj.lower_ in self.pron["relative"] | {"what"} or self.in_quote[verb.idx]:
            return []
        doc, left = verb.doc, verb.left_edge
        if left.i >= subj.left_edge.i and verb.dep_ == "relcl" and verb.head.i < verb.i:
            start = verb.head.left_edge  # a zero relative: 'the minimum experts say it costs'
        elif left.lower_ == "what" and left.i < subj.i:
            start = left
        elif verb.dep_ == "relcl" and left.lower_ in self.pron["relative"] and left.i < subj.i:
            comma = left.i > 0 and doc[left.i - 1].text == ","
            start = left if comma else verb.head.left_edge
        else:
            return []
        if start.i < verb.sent.start or "\n" in self.text[start.idx : verb.idx]:
            return []
        end = max(t.i for t in found)
        toks = list(doc[start.i : end + 1])
        return toks if any(t.i > verb.i and not t.is_punct for t in toks) else []

    def content_of(
        self, verb: Token, entry: dict[str, Any], subj: Token | None
    ) -> tuple[list[Token], Token | None]:
        """The tokens of what was said, and the token heading them (None for the inverted order)."""
        skip = {t.i for t in subj.subtree} if subj is not None and subj.head.i == verb.i else set()
        noun = entry.get("_noun")
        if noun is not None:
            comp = next(
                (
                    c
                    for c in noun.children
                    if c.dep_ in ("acl", "ccomp", "relcl") and any(m.lower_ == "that" for m in c.children)
                ),
                None,
            )
            if comp is None:
                comp = next((c for c in verb.children if c.dep_ in ("ccomp",)), None)
            return (list(comp.subtree), comp) if comp is not None else ([], None)
        prt = entry.get("_prt")
        if prt is not None and prt.dep_ == "prt":
            # 'called on police to release ...' parsed with 'on' as a particle holding its own object and
            # the infinitive hung on the verb: the addressee and the infinitive are what was asked
            pobj = next((c for c in prt.children if c.dep_ == "pobj"), None)
            inf = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > prt.i), None)
            if pobj is not None:
                return list(pobj.subtree) + (list(inf.subtree) if inf is not None else []), pobj
        if prt is not None and prt.dep_ == "prep":
            pobj = next((c for c in prt.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return list(pobj.subtree) + self.right_tail(verb, prt), pobj  # 'called on X to do Y'
        if entry.get("class", "speech") == "speech" and (around := self.parenthetical(verb, entry, subj)):
            return around, None
        xcomp_ok = entry.get("xcomp") or entry.get("class") == "intention"
        comps = [
            c
            for c in verb.children
            if c.i not in skip
            and (
                c.dep_ == "ccomp"
                or (c.dep_ == "xcomp" and xcomp_ok)
                # a misparsed complement clause: 'said after the talks he would ...'
                or (
                    c.dep_ == "advcl"
                    and c.i > verb.i
                    and entry.get("class", "speech") in ("speech", "belief")
                    and any(g.dep_ in SUBJECTS for g in c.children)
                    and not any(g.dep_ == "mark" for g in c.children)
                    and not (c.left_edge.lower_ in self.subordinators and c.left_edge.i > verb.i)
                )
            )
        ]
        if not comps and entry.get("class", "speech") in ("speech", "belief"):
            # 'told a meeting of leaders that few people understood ...': the that-clause misparsed as a
            # relative clause of the addressee (a relative 'that' is its subject or object, not a mark)
            comps = [
                r
                for c in verb.children
                if c.dep_ in ("dobj", "dative") and c.i > verb.i
                for r in c.children
                if r.dep_ == "relcl"
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in r.children)
                and any(g.dep_ in SUBJECTS for g in r.children)
            ]
        if entry.get("needs_that"):
            comps = [c for c in comps if any(m.lower_ in ("that",) and m.dep_ == "mark" for m in c.children)]
        if comps:
            comp = min(comps, key=lambda c: (c.i < verb.i, c.i))
            toks = [t for t in comp.subtree if t.i not in skip]
            if comp.i > verb.i:
                toks += self.content_tail(verb, comp, toks, skip)
            nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
            if (
                subj is not None
                and subj.i < verb.i
                and comp.i > verb.i
                and subj.i > 0
                and (verb.doc[subj.i - 1].text == ",")
                and nxt is not None
                and nxt.text == ","
            ):
                # the cue clause set off by commas inside what was said: 'Even if ..., X said, he ...'
                for c in verb.children:
                    if c.i < subj.i and c.dep_ in ("advcl", "ccomp", "prep", "advmod", "conj"):
                        toks = list(c.subtree) + toks
            if comp.dep_ == "xcomp" and comp.i > verb.i:
                obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < comp.i), None)
                if obj is not None:  # 'urged X to ...', 'encouraging supporters to ...': X is part of it
                    toks = list(obj.subtree) + toks
            return toks, comp
        oprd = next((c for c in verb.children if c.dep_ == "oprd"), None)
        if oprd is not None and entry.get("oprd"):
            # 'called the charges unsubstantiated', 'what she called a “rant”'
            obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
            return (list(obj.subtree) if obj is not None else []) + list(oprd.subtree), oprd
        if entry.get("object") or entry.get("prep") or prt is not None:
            obj = next((c for c in verb.children if c.dep_ in ("dobj",) and c.i > verb.i), None)
            if obj is None and entry.get("object") and not entry.get("abstract_object"):
                # 'proposed cutting taxes', 'mentioned refinancing loans': a gerund parsed as a clausal
                # complement is the object
                obj = next(
                    (
                        c
                        for c in verb.children
                        if c.dep_ == "xcomp"
                        and c.tag_ == "VBG"
                        and c.i > verb.i
                        and all(t.pos_ in ("ADV", "PART") for t in verb.doc[verb.i + 1 : c.i])
                    ),
                    None,
                )
            want = entry.get("prep")
            pp = next(
                (c for c in verb.children if c.dep_ == "prep" and c.lower_ == want and c.i > verb.i), None
            )
            if entry.get("needs_prep") and pp is None:
                return [], None
            passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if (
                obj is None
                and passive is not None
                and entry.get("object")
                and any(c.dep_ == "agent" for c in verb.children)
                and not entry.get("abstract_object")  # 'the convoy was attacked by rebels' is an act
                and passive.lower_ not in self.pron["relative"]
            ):
                # 'the plan was first reported by the Post': the passive subject is the object
                return list(passive.subtree), passive
            if obj is not None and entry.get("object"):
                if entry.get("abstract_object") and (
                    self.armed_subject(verb) or self.names_someone(obj) and not self.person_subject(verb)
                ):
                    return [], None  # 'rebels attacked the convoy': an act, not a statement
                return list(obj.subtree) + self.right_tail(verb, obj), obj
            if pp is not None and (want in ("for",) or obj is None or entry.get("needs_prep")):
                if obj is not None and entry.get("needs_prep"):
                    return list(obj.subtree) + list(pp.subtree), obj
                pobj = next((c for c in pp.children if c.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None:
                    return list(pobj.subtree) + self.right_tail(verb, pp), pobj
        # inverted: "X is ongoing, officials say" / "which, Tompkins said, is ..."
        as_by = any(c.dep_ == "agent" for c in verb.children) and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
        )
        if as_by and verb.dep_ == "advcl" and verb.head.i < verb.i:
            own = {t.i for t in verb.subtree}
            return [t for t in verb.head.subtree if t.i not in own], None  # 'Y, as reported by X'
        if (
            entry.get("class", "speech") == "speech"
            and verb.tag_ in ("VBD", "VBZ", "VBP")
            and subj is not None
            and verb.dep_ in ("parataxis", "ccomp", "advcl", "conj")
            and (verb.head.i < verb.i or verb.dep_ == "parataxis")
            and verb.head.pos_ in ("VERB", "AUX", "NOUN", "ADJ", "PROPN")
            and not any(c.dep_ == "mark" for c in verb.children)
        ):
            own = {t.i for t in verb.subtree}
            toks = [t for t in verb.head.subtree if t.i not in own]
            if verb.dep_ == "conj":
                return [], None
            return toks, None
        if verb.dep_ == "ROOT" and subj is not None and subj.i > verb.i:
            return [], None
        return [], None

    def parenthetical(self, verb: Token, entry: dict[str, Any], subj: Token | None) -> list[Token]:
        """'The firm was a giant, Ms. Ortiz said, until it lost the contract': a cue clause set off by commas
        inside the sentence it reports; what was said is the sentence on both sides of it."""
        if subj is None or subj.i > verb.i or verb.tag_ not in ("VBD", "VBZ", "VBP") or subj.head.i != verb.i:
            return []
        # the object of a verb whose object is not what was said is its addressee ('told me')
        runs_on = ("prep", "npadvmod", "advmod", "dative", "agent", "prt") + (
            () if entry.get("object") else ("dobj",)
        )
        doc, sent = verb.doc, verb.sent
        lo = subj.left_edge.i
        if lo <= sent.start or doc[lo - 1].text != ",":
            return []
        # the cue clause runs on through its modifiers and addressee ('told me in a June interview')
        hi = verb.i
        for c in verb.children:
            if c.i > verb.i and c.dep_ in runs_on:
                if c.i != hi + 1:
                    break
                hi = c.right_edge.i
        if hi + 1 >= sent.end or doc[hi + 1].text != ",":
            return []
        left = [t for t in doc[sent.start : lo - 1] if not (t.is_punct or t.is_space)]
        right = [t for t in doc[hi + 2 : sent.end] if not (t.is_punct or t.is_space)]
        if len(left) < 2 or len(right) < 2 or self.in_quote[left[0].idx] or self.in_quote[right[-1].idx]:
            return []
        if any(t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and self.cue_entry(t) for t in right):
            return []  # '..., he said, and warned that ...': a second cue, not the rest of the sentence
        return left + right

    def content_tail(self, verb: Token, comp: Token, toks: list[Token], skip: set[int]) -> list[Token]:
        """What the parser hung on the cue verb after its complement but still belongs to it: a second
        complement clause ('said X has Y and his comment was Z' parsed as two ccomps) and a finite
        subordinate clause ('said X, when it comes to Y', 'said X because Y')."""
        out: list[Token] = []
        last = max((t.i for t in toks), default=comp.i)
        for c in verb.children:
            if c.i <= last or c.i in skip or self.in_quote[c.idx] and not self.in_quote[comp.idx]:
                continue
            if (
                c.dep_ == "ccomp"
                and not self.cue_entry(c)
                and c.left_edge.lower_ not in self.pron["relative"]
            ):
                sub = list(c.subtree)
            elif (
                c.dep_ == "advcl"
                and any(g.dep_ in SUBJECTS for g in c.children)
                and any(g.dep_ in ("mark", "advmod") and g.lower_ in self.content_marks for g in c.children)
            ):
                sub = list(c.subtree)
            else:
                continue
            if any("\n" in t.text for t in sub):
                break
            out += sub
            last = max(t.i for t in sub)
        return out

    def adjacent_quote(self, verb: Token, subj: Token | None) -> Quote | None:
        """A quotation right before the cue clause ('“…,” she said') or right after it ('said: “…”')."""
        sent = verb.sent
        first = min(
            [verb] + ([subj.left_edge] if subj is not None and subj.sent == sent else []), key=lambda t: t.i
        )
        while first.i < verb.i and first.is_punct:
            first = first.doc[first.i + 1]  # a closing mark parsed into the subject phrase
        before = self.marks[: first.idx].rstrip()
        if before and before[-1] in ",:" and len(before) > 1 and before[-2] in CLOSERS + '"':
            before = before[:-1]
        if before and before[-1] in CLOSERS + '"':
            q = self.quote_at(len(before) - 1)
            if (
                q
                and q.end == len(before)
                and not self.in_quote[verb.idx]
                and "\n" not in self.text[q.end : verb.idx]
            ):
                inner = self.marks[: q.end].rstrip(CLOSERS + '"').rstrip()
                if inner[-1:] != "." or not any(c.dep_ in CONTENT_DEPS for c in verb.children):
                    return q
        # after: skip the subject, addressee and a time phrase, then ':' or ','
        after = verb.idx + len(verb.text)
        for c in verb.children:
            if (
                c.i > verb.i
                and c.dep_ in ("nsubj", "dative", "dobj", "npadvmod", "prep", "prt", "advmod")
                and not (self.in_quote[c.idx])
            ):
                toks = list(c.subtree)
                if not any(self.in_quote[t.idx] for t in toks):
                    after = max(after, toks[-1].idx + len(toks[-1].text))
        rest = self.marks[after:]
        m = re.match(r"\s*[,:\u2014\u2015-]?\s*", rest)
        pos = after + (m.end() if m else 0)
        q = self.quote_at(pos)
        if q and q.start == pos:
            return q
        return None

    def block_after(self, verb: Token) -> Span | None:
        """'Limbaugh added:' closing its paragraph: what was said is the next paragraph (a block quote)."""
        end = max(t.idx + len(t.text) for t in verb.subtree if not (t.is_space or t.text == ":"))
        m = re.match(r"[ \t]*:[ \t]*\n\s*", self.text[end:])
        if not m or verb.i != verb.sent.root.i:
            return None
        ps, pe = self.para_of(end + m.end())
        if ps != end + m.end() or pe - ps < 20:
            return None
        q = self.quote_at(ps)
        return Span(ps, self.chains.get(q.start, q.end)) if q is not None and q.start == ps else Span(ps, pe)

    def extend_quotes(self, span: Span, cue: Span) -> Span:
        """A direct quotation goes on through later quotations of its paragraph with no other cue between."""
        end = span.end
        ps, pe = self.para_of(span.start)
        for q in self.quotes:
            if q.start < end or q.start >= pe:
                continue
            gap = self.text[end : q.start]
            if any(
                end <= p < q.start
                and p != cue.start
                and not (self.same_speaker(p, cue) and self.text[: q.start].rstrip()[-1:] in ".!?")
                for p in self.cue_starts
            ):
                break
            if gap.strip() and not (cue.start >= end and cue.end <= q.start):
                break
            if gap.strip() and len(gap) > 300:
                break
            end = self.chains.get(q.start, q.end)
        if end > pe:
            end = max(end, self.chains.get(next((q.start for q in self.quotes if q.end == end), -1), end))
        return Span(span.start, end)

    def same_speaker(self, at: int, cue: Span) -> bool:
        """A participle cue hanging on the cue verb ('“A,” she said, referring to X. “B”') adds to what the
        same speaker says: it does not end the run of her quotations when the next one opens a sentence."""
        span = self.ctx.doc.char_span(at, at + 1, alignment_mode="expand")
        tok = span[0] if span is not None and span[0].idx == at else None
        return (
            tok is not None
            and tok.tag_ == "VBG"
            and tok.dep_ in ("advcl", "xcomp", "conj")
            and tok.head.idx == cue.start
            and not any(c.dep_ in SUBJECTS for c in tok.children)
        )

    @staticmethod
    def drop_leading_time(toks: list[Token]) -> list[Token]:
        """'told them this weekend he would ...', 'said on Monday the plan ...': a time phrase parsed into
        the reported clause before its subject says when it was said, not what."""
        toks = sorted(toks, key=lambda t: t.i)
        n = 0
        while (
            n < len(toks)
            and toks[n].i == toks[0].i + n
            and (
                toks[n].ent_type_ in ("DATE", "TIME")
                or toks[n].pos_ == "ADP"
                and any(c.ent_type_ in ("DATE", "TIME") for c in toks[n].children)
                or n
                and toks[n].text == ","
            )
        ):
            n += 1
        first = toks[n] if 0 < n < len(toks) else None
        if first is not None and any(t.dep_ in SUBJECTS and t.left_edge.i == first.i for t in toks[n:]):
            return toks[n:]
        return toks

    def drop_trailing_aside(self, toks: list[Token]) -> list[Token]:
        """The writer's aside closing a reported clause is not what was said: a non-restrictive relative
        clause, apposition or concession after a comma ('said he would back Roe, who has never run for
        office', 'said the test was its biggest, although that is hard to verify')."""
        if not toks:
            return toks
        ids = {t.i for t in toks}
        last = max(t.i for t in toks if not t.is_punct) if any(not t.is_punct for t in toks) else -1
        for t in sorted(toks, key=lambda t: t.i):
            # a clause opening with 'which'/'who' after a comma is a relative clause however it is parsed
            relative = t.pos_ in ("VERB", "AUX") and t.left_edge.lower_ in self.pron["relative"] - {"that"}
            # '..., although it may take days to tell', '..., where 18 votes are at stake'
            opener = t.pos_ in ("VERB", "AUX") and t.left_edge.lower_ in self.aside_marks
            if not (t.dep_ in self.aside_deps or relative or opener) or t.head.i not in ids or t.head.i > t.i:
                continue
            left = t.left_edge
            if left.i == 0 or t.doc[left.i - 1].text != "," or t.right_edge.i < last:
                continue
            if t.dep_ == "relcl" and left.lower_ not in self.pron["relative"] and not opener:
                continue
            if t.dep_ == "appos" and t.head.pos_ != "PROPN":
                continue  # 'called for fairness, the closure of loopholes and ...': a list, not an aside
            if any(self.in_quote[x.idx] for x in t.subtree) or self.in_quote[t.doc[left.i - 1].idx]:
                continue
            kept = [x for x in toks if x.i < left.i - 1]
            if len(kept) >= 2:
                return kept
        return toks

    def cut_second_cues(self, toks: list[Token], verb: Token) -> list[Token]:
        """Content ends where the speaker's next cue begins ('said X and warned Y', 'said X, arguing Y')."""
        ids = {t.i for t in toks}
        cut = None
        for t in toks:
            own_subject = any(c.dep_ in SUBJECTS for c in t.children)
            contrast = any(
                c.dep_ == "mark" and c.lower_ in ("while", "whereas", "although", "though")
                for c in t.children
            )
            if t.tag_ == "VBN" or (
                not contrast
                and any(c.dep_ in ("mark", "advmod") and c.lower_ in self.subordinators for c in t.children)
            ):
                continue  # 'leaving his car when asked to': a circumstance, not a second cue
            if (
                t.i > verb.i
                and t.dep_ in ("conj", "advcl")
                and t.pos_ in ("VERB", "AUX")
                and t.head.i in ids
                and not self.in_quote[t.idx]
                and self.cue_entry(t)
                and (not own_subject or contrast)
            ):
                left = t.left_edge.i
                cut = left if cut is None else min(cut, left)
        if cut is None:
            return toks
        kept = [t for t in toks if t.i < cut]
        while kept and (kept[-1].is_punct or kept[-1].dep_ == "cc"):
            kept.pop()
        return kept

    def from_verb(self, verb: Token) -> _Found | None:
        if verb.pos_ not in ("VERB", "AUX") and verb.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
            return None
        got = self.cue_entry(verb)
        if got is None:
            return None
        cue_text, entry = got
        if self.in_quote[verb.idx] or self.is_excluded(verb.idx):
            return None
        if verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN":
            return None  # 'a song written by ...'
        if verb.dep_ in ("acl", "relcl") and verb.lemma_.lower() in self.relay_verbs:
            return None  # 'Y, which cited Z': a relay, not a statement
        if any(c.dep_ == "nsubjpass" for c in verb.children) and not any(
            c.dep_ == "agent" for c in verb.children
        ):
            return None  # 'X was told', 'X was accused of': X is not the speaker
        subj, owner = self.subject_of(verb)
        if owner is not verb and owner.lemma_.lower() in self.relay_verbs and verb.dep_ in ("advcl", "pcomp"):
            cue_text = f"{owner.text} as {verb.text}"  # 'quoted as saying'
        toks, root = self.content_of(verb, entry, subj if owner is verb else None)
        toks = self.drop_leading_time(self.drop_trailing_aside(self.cut_second_cues(toks, verb)))
        # only moves the start of content found on the cue's own terms ('the mail they asked for' is none)
        relative = self.relative_content(verb, entry, subj, toks) if owner is verb and toks else []
        if relative:
            toks, root = relative, verb
        cue_span = Span(verb.idx, verb.idx + len(verb.text))
        adjacent = False
        # a participle or conjoined cue borrowing its subject ('she said, adding that ...') does not take
        # the quotation before the main cue
        q = self.adjacent_quote(verb, subj if owner is verb else None)
        if q is not None and owner is not verb and root is not None and owner.idx < q.start < verb.idx:
            q = None  # 'confirmed talks are "constructive", stressing that ...': the quote is confirmed's
        span = self.tokens_span(toks) if toks else None
        if q is not None and (
            span is None
            or root is None
            or (q.start <= span.start + 2 and span.end <= q.end + 2)
            # content opening with a quotation is that quotation unless its head is outside
            # ('said "budget reforms" and cuts would pay for it')
            or (
                q.start <= span.start < q.end
                and (
                    span.end <= self.chains.get(q.start, q.end) + 2
                    or q.start <= root.idx < self.chains.get(q.start, q.end)
                )
            )
            or q.end <= verb.idx
        ):
            span = Span(q.start, self.chains.get(q.start, q.end))
            adjacent = True
            # a quotation that began in an earlier paragraph and is attributed only here
            first = min((k for k, e in self.chains.items() if k < q.start < e), default=q.start)
            span = Span(first, span.end)
        if span is None and root is None:
            span = self.block_after(verb)
            adjacent = span is not None
        if span is None:
            return None
        if entry.get("needs_quote") and not adjacent:
            return None
        inside = bool(toks) and min(t.i for t in toks) < verb.i < max(t.i for t in toks)
        if verb.lemma_.lower() in ("tell", "ask") and root is None and not adjacent and not inside:
            return None  # 'she told me' with nothing told; 'X, she told me, is Y' tells X is Y
        span = self.fit_to_quotes(span, verb.idx)
        if adjacent or self.kind(span) == "direct":
            span = self.extend_quotes(span, cue_span)
        if span.start <= verb.idx < span.end and not adjacent and root is not None and not relative:
            after = [t for t in toks if t.i > verb.i]
            if root.i < verb.i or not after or not (span := self.tokens_span(after)):
                return None
            span = self.fit_to_quotes(span, verb.idx)
        if not adjacent and root is not None and span.start > verb.idx:
            m = re.match(r"\s*:\s*", self.marks[span.end :])
            q = self.quote_at(span.end + m.end()) if m else None
            if (
                q is not None
                and q.start == span.end + m.end()
                and self.para_of(q.start) == self.para_of(span.start)
            ):
                span = Span(span.start, self.chains.get(q.start, q.end))  # 'said X: “Y”' goes on into Y
        found = _Found(
            cue=cue_text,
            cue_span=cue_span,
            content=span,
            stance=entry.get("stance", "assert"),
            verb=verb,
            adjacent_quote=adjacent,
            speech=entry.get("class", "speech") == "speech",
        )
        if subj is not None:
            found.speaker_tok = subj
        skip = {t.i for t in toks}
        found.date = self.date_of(verb, skip | ({root.i} if root is not None else set()))
        if found.date is None and owner is not verb:
            found.date = self.date_of(owner, skip | {verb.i})
        if found.date is None and subj is not None:
            for c in subj.children:
                if c.dep_ == "acl" and c.tag_ == "VBG" and (t := self.time_of(c)):
                    found.date = t  # 'the governor, speaking on Monday, warned ...'
        return found

    def from_according(self, tok: Token, by_verb: dict[int, _Found]) -> _Found | None:
        """'according to X': X said the clause the phrase hangs on, unless that clause has its own cue."""
        to = next((t for t in tok.children if t.lower_ == "to"), None)
        pobj = next((p for p in to.children if p.dep_ in ("pobj", "pcomp")), None) if to is not None else None
        if pobj is not None and pobj.dep_ == "pcomp":  # 'according to show insiders' parsed as a verb phrase
            pobj = next((c for c in pobj.children if c.dep_ == "dobj"), None)
        if pobj is None or self.is_excluded(tok.idx) or self.in_quote[tok.idx]:
            return None
        head = tok.head
        anc = head
        for _ in range(6):
            if anc.i in by_verb and by_verb[anc.i].speaker_tok is not None:
                self.according_relays.append((anc.i, tok, pobj))
                return None  # a relay of the clause's own speaker: 'X said Y, according to Z'
            if anc.head is anc:
                break
            anc = anc.head
        own = {t.i for t in tok.subtree}
        if tok.i == tok.sent.start:
            # 'According to X, ...': the phrase ends at the comma after X, whatever the parser hung on X
            comma = next((t.i for t in tok.doc[pobj.i + 1 : tok.sent.end] if t.text == ","), None)
            if comma is not None:
                own = set(range(tok.i, comma + 1))
        pobj = self.document_author(pobj)
        clause = head if head is not tok else tok
        while (
            clause.dep_ not in ("ROOT", "ccomp", "conj", "parataxis", "advcl") and clause.head is not clause
        ):
            clause = clause.head
        toks = [t for t in clause.subtree if t.i not in own]
        if (
            clause.dep_ == "ROOT"
            or clause.head.pos_ not in ("VERB", "AUX")
            or not self.cue_entry(clause.head)
        ):
            toks = [t for t in tok.sent if t.i not in own]  # the whole sentence is what the source says
        # the phrase sits at one end of what was said: '..., according to X' / 'According to X, ...'
        before = [t for t in toks if t.i < tok.i]
        after = [t for t in toks if t.i > tok.i]
        toks = before if len([t for t in before if not t.is_punct]) > 2 else after
        span = self.tokens_span(toks)
        if span is None:
            return None
        span = self.fit_to_quotes(span, tok.idx)
        f = _Found(
            cue=f"{tok.text} {to.text}",
            cue_span=Span(tok.idx, to.idx + len(to.text)),  # type: ignore[union-attr]
            content=span,
            stance=self.preps.get("according to", {}).get("stance", "assert"),
        )
        f.speaker_tok = pobj
        return f

    def from_noun(self, tok: Token) -> _Found | None:
        """'Trump's claim that ...', 'a Times report that ...', 'his plan to ...': a cue noun whose owner is
        named says (believes, intends) the clause hanging on it; an unowned 'the plan to ...' says nothing."""
        entry = self.cue_nouns.get(tok.lemma_.lower())
        if entry is None or tok.pos_ != "NOUN" or self.in_quote[tok.idx] or self.is_excluded(tok.idx):
            return None
        comp = None
        for c in tok.children:
            if c.i < tok.i or c.dep_ not in ("acl", "relcl", "ccomp"):
                continue
            if any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) and any(
                g.dep_ in (*SUBJECTS, "expl") for g in c.children
            ):
                comp = c
                break
            if (
                entry.get("to")
                and c.tag_ == "VB"
                and any(m.dep_ == "aux" and m.lower_ == "to" for m in c.children)
            ):
                comp = c
                break
        owner = self.noun_owner(tok) if comp is not None else None
        if comp is None or owner is None:
            return None
        span = self.tokens_span(self.drop_trailing_aside(list(comp.subtree)))
        if span is None:
            return None
        return self.one_word_cue(tok, entry, span, owner)

    def from_adjective(self, tok: Token) -> _Found | None:
        """'X is confident that ...', 'X was critical of Y', 'X is willing to ...': a predicative cue
        adjective whose subject holds (or says) its clause, infinitive or prepositional object."""
        entry = self.cue_adjectives.get(tok.lower_)
        if entry is None or tok.dep_ != "acomp" or self.in_quote[tok.idx] or self.is_excluded(tok.idx):
            return None
        subj = next((c for c in tok.head.children if c.dep_ in ("nsubj",) and c.i < tok.i), None)
        if subj is None or self.in_quote[subj.idx]:
            return None
        toks: list[Token] = []
        for c in tok.children:
            if c.i < tok.i:
                continue
            if c.dep_ == "ccomp" and any(g.dep_ in (*SUBJECTS, "expl") for g in c.children):
                toks = list(c.subtree)
            elif c.dep_ == "xcomp" and entry.get("class") == "intention":
                toks = list(c.subtree)
            elif c.dep_ == "prep" and c.lower_ in entry.get("preps", ()):
                pobj = next((p for p in c.children if p.dep_ in ("pobj", "pcomp")), None)
                toks = list(pobj.subtree) if pobj is not None else []
            if toks:
                break
        span = self.tokens_span(self.drop_trailing_aside(toks)) if toks else None
        if span is None:
            return None
        return self.one_word_cue(tok, entry, span, subj)

    def one_word_cue(self, tok: Token, entry: dict[str, Any], span: Span, speaker: Token) -> _Found:
        """A statement cued by one lexicon word (a noun or an adjective), its speaker still a token."""
        f = _Found(
            cue=tok.text,
            cue_span=Span(tok.idx, tok.idx + len(tok.text)),
            content=self.fit_to_quotes(span, tok.idx),
            stance=entry.get("stance", "assert"),
            speech=entry.get("class", "speech") == "speech",
        )
        f.speaker_tok = speaker
        return f

    def noun_owner(self, tok: Token) -> Token | None:
        """Whose claim, report or plan: the possessor, 'by/from X', or a name before it ('a Times report')."""
        for c in tok.children:
            if c.dep_ == "poss":
                return c
        for c in tok.children:
            if c.dep_ == "prep" and c.i > tok.i and c.lower_ in ("by", "from"):
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if pobj is not None and self.names_someone(pobj):
                    return pobj
        named = [
            c
            for c in tok.children
            if c.dep_ == "compound" and (c.pos_ == "PROPN" or self.ctx.actor_for_span(c) is not None)
        ]
        if named:
            return named[-1]
        if tok.dep_ == "dobj" and tok.head.lemma_.lower() in self.light_verbs:
            # 'X made the argument that ...', 'X raised the possibility of ...': X's own claim
            subj, _ = self.subject_of(tok.head)
            return subj
        return None

    def document_author(self, tok: Token) -> Token:
        """'a statement from X', 'X's report', 'a report by X': the author, not the document."""
        if tok.lemma_.lower() not in self.spk["documents"]:
            return tok
        for c in tok.children:
            if c.dep_ == "poss":
                return c
            if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if pobj is not None and pobj.lemma_.lower() not in self.spk["documents"]:
                    return pobj
        return tok

    def from_transcript(self) -> list[_Found]:
        """'NAME: text' at the start of a paragraph (transcripts, Q&A, headlines naming a speaker), and
        a quotation signed at the end of its line ('“…” ― NAME')."""
        out = []
        for ps, pe in self.paras:
            line = self.text[ps:pe]
            m = SIGNED.search(line)
            if m and (q := self.quote_at(ps + m.start() - 1)) is not None:
                ns, ne = ps + m.start(1), ps + m.end(1)
                span = self.ctx.doc.char_span(ns, ne, alignment_mode="expand")
                if span is not None:
                    f = _Found(
                        cue=m.group(0).strip()[:1],
                        cue_span=Span(ps + m.start(), ns),
                        content=Span(q.start, q.end),
                        stance="assert",
                    )
                    f.speaker, f.mention = self.speaker_of(span.root)
                    out.append(f)
                    continue
            m = re.match(
                r"^([\"\u201c]?)\s*([A-Z][\w.'\u2019\-]*(?:\s+[A-Z][\w.'\u2019\-]*){0,3})\s*:\s+(\S.*)$",
                line,
            )
            if not m:
                continue
            ns, ne = ps + m.start(2), ps + m.end(2)
            name = m.group(2)
            aid = self.ctx.actor_at(ns, ne) or self.named_elsewhere(name)
            if not (aid or (name.isupper() and len(name) > 2)):
                continue
            cs = ps + m.start(3)
            f = _Found(
                cue=line[m.end(2) - 0 : m.start(3)].strip() or ":",
                cue_span=Span(ne, cs),
                content=Span(cs, pe),
                stance="assert",
            )
            f.speaker = aid
            f.mention = Span(ns, ne)
            out.append(f)
        return out

    def from_headline(self, found: list[_Found]) -> list[_Found]:
        """'Senator Roe Slams Tax Plan As "Reckless"': a headline in title case, which the parser reads as
        one long name, says who (the words before a present-tense cue verb) said what (the rest of the
        line). Only the first line, and only when the parse found no cue in it."""
        if not self.paras or len(self.paras) < 2:
            return []
        ps, pe = self.paras[0]
        if pe - ps > 200 or any(ps <= f.cue_span.start < pe for f in found):
            return []
        line = self.text[ps:pe]
        words = list(re.finditer(r"[^\s]+", line))
        for k, w in enumerate(words[1:7], start=1):
            low = w.group(0).lower()
            if not (low.endswith("s") and w.group(0)[0].isupper()):
                continue
            lemma = next((c for c in (low[:-1], low[:-2]) if c in self.verbs), None)
            before = line[: w.start()]
            if lemma is None or any(ch in before for ch in QUOTE_CHARS + "\u2018\u2019:;,"):
                continue
            if not all(x.group(0)[0].isupper() or x.group(0).isdigit() for x in words[:k]):
                break  # a sentence-case line is parsed well enough
            end = pe - 1 if line.endswith(".") else pe
            end = min([end] + [ps + i for i, ch in enumerate(line) if ch == ";" and ps + i > ps + w.end()])
            if end - (ps + w.end()) < 3:
                return []
            f = _Found(
                cue=w.group(0),
                cue_span=Span(ps + w.start(), ps + w.end()),
                content=Span(ps + w.end() + 1, end),
                stance=self.verbs[lemma].get("stance", "assert"),
                speech=self.verbs[lemma].get("class", "speech") == "speech",
            )
            f.mention = Span(ps, ps + len(before.rstrip()))
            f.speaker = self.ctx.actor_at(f.mention.start, f.mention.end)
            return [f]
        return []

    def named_elsewhere(self, name: str) -> str | None:
        """A person the article names in full elsewhere ('Sanders: ...' heading a story on Bernie Sanders)."""
        norm = normalise_name(name)
        if not norm:
            return None
        hits = {
            a.id
            for a in self.ctx.actors
            if a.type == "Person"
            and any(n == norm or n.endswith(" " + norm) for n in map(normalise_name, (a.name, *a.aliases)))
        }
        return hits.pop() if len(hits) == 1 else None

    # -- assembly ---------------------------------------------------------------
    def resolve(self, f: _Found) -> None:
        if f.speaker_tok is None or f.mention is not None:
            return
        head = f.speaker_tok
        f.speaker, f.mention = self.speaker_of(head, f.speech)
        f.relays = self.relays_in(head) + f.relays

    def run(self) -> list[Statement]:
        doc = self.ctx.doc
        found: list[_Found] = []
        by_verb: dict[int, _Found] = {}
        self.cue_starts = [
            t.idx
            for t in doc
            if t.pos_ in ("VERB", "AUX")
            and self.cue_entry(t)
            and (
                any(c.dep_ in ("nsubj", "agent") for c in t.children)
                or (t.tag_ == "VBG" and t.dep_ in ("advcl", "conj"))
            )
        ]
        for tok in doc:
            f = self.from_verb(tok)
            if f is not None and f.verb is not None:
                by_verb[f.verb.i] = f
                found.append(f)
        for f in list(found):
            v = f.verb
            if (
                v is not None
                and v.dep_ == "advcl"
                and v.lemma_.lower() in self.relay_verbs
                and v.head.i in by_verb
                # 'citing her record' gives a reason and is said; 'citing Reuters' names a source
                and not any(
                    c.dep_ == "dobj" and c.pos_ == "NOUN" and not self.names_someone(c) for c in v.children
                )
            ):
                found.remove(f)  # 'X said Y, as reported by Z': a relay of X's statement
                del by_verb[v.i]
        for tok in doc:
            if tok.pos_ == "NOUN" and (f := self.from_noun(tok)):
                found.append(f)
            elif tok.dep_ == "acomp" and (f := self.from_adjective(tok)):
                found.append(f)
        for tok in doc:  # after the verbs: 'according to' relays a cued clause or is a cue itself
            if (
                tok.lower_ == "according"
                and (tok.dep_ == "prep" or tok.i == tok.sent.start)
                and (f := self.from_according(tok, by_verb))
            ):
                found.append(f)
        for f in found:
            v = f.verb
            if v is not None:
                self.resolve(f)
                f.relays += [r for r in self.verb_relays(v, None) if r not in f.relays]
                # a participle or conjoined cue without its own subject inherits the main cue's speaker
                if v.dep_ in ("advcl", "conj", "xcomp") and not any(c.dep_ in SUBJECTS for c in v.children):
                    main, h = None, v.head
                    for _ in range(4):
                        main = by_verb.get(h.i)
                        if main is not None or h.head is h or h.sent != v.sent:
                            break
                        h = h.head
                    if main is not None and main is not f:
                        main_found = main
                        self.resolve(main_found)
                        f.speaker, f.mention = main_found.speaker, main_found.mention
                        f.relays = list(main_found.relays)
                        f.date = f.date or main_found.date
            else:
                self.resolve(f)
        for vi, acc, pobj in self.according_relays:
            f = by_verb.get(vi)
            if f is None:
                continue
            r = self.relayer(self.document_author(pobj))
            if r and r not in f.relays and r != f.speaker:
                f.relays.append(r)
            if f.content.start < acc.idx < f.content.end:  # the relay phrase is not what was said
                end = acc.idx
                while end > f.content.start and self.text[end - 1] in " ,;\u2014-":
                    end -= 1
                f.content = Span(f.content.start, end)
        found += self.from_transcript()
        found += self.from_headline(found)
        self.resolve_first_person(found)
        found = [f for f in found if f.mention is not None or f.speaker is not None]
        return self.finish(found)

    def interview_turns(self, patterns: list[str]) -> list[tuple[int, str | None]]:
        """Where each interview turn starts and who speaks in it (paragraphs opening '((Jane Roe))')."""
        regexes = [re.compile(p) for p in patterns]
        turns: list[tuple[int, str | None]] = []
        for ps, pe in self.paras:
            line = self.text[ps:pe]
            m = next((m for r in regexes if (m := r.match(line))), None)
            if m is not None:
                turns.append((ps, self.ctx.actor_at(ps + m.start("name"), ps + m.end("name"))))
        return turns

    def resolve_first_person(self, found: list[_Found]) -> None:
        """'I'/'we' speaking inside a quotation is whoever the quotation is attributed to; outside
        quotations, the speaker of the interview turn ('((Jane Roe)) ... I think ...').

        '"We believe the talks will work," the mayor said': the mayor says that we believe.
        """
        for f in found:
            tok = f.speaker_tok
            if f.speaker is not None or tok is None or tok.lower_ not in self.pron["first_person"]:
                continue
            q = self.quote_at(tok.idx)
            if q is None:
                before = [aid for start, aid in self.turns if start <= tok.idx]
                f.speaker = before[-1] if before else None  # the interviewee answering
                continue
            outer = [
                g
                for g in found
                if g is not f
                and g.speaker is not None
                and g.content.start <= q.start + 1
                and g.content.end >= q.end - 1
                and (g.speaker_tok is None or self.quote_at(g.speaker_tok.idx) is not q)
            ]
            if outer:
                f.speaker = min(outer, key=lambda g: g.content.end - g.content.start).speaker

    @staticmethod
    def embedded(f: _Found, found: list[_Found]) -> bool:
        """A cue inside what someone else is reported to have said ('X said Y plans to ...', '“We believe
        ...,” X said') is part of X's words: the article attributes only the outer statement."""
        c, cue = f.content, f.cue_span
        return any(
            g is not f
            and g.content.start <= c.start
            and c.end <= g.content.end
            and g.content.end - g.content.start > c.end - c.start
            and g.content.start <= cue.start < g.content.end
            for g in found
        )

    def finish(self, found: list[_Found]) -> list[Statement]:
        """Drop duplicates and statements inside excluded lines; number them and add what they are about."""
        found.sort(key=lambda f: (f.content.start, -f.content.end))
        found = [f for f in found if not self.embedded(f, found)]
        seen: set[tuple[int, int]] = set()
        out: list[Statement] = []
        for f in found:
            key = (f.content.start, f.content.end)
            if key in seen or self.is_excluded(f.content.start) and self.is_excluded(f.cue_span.start):
                continue
            if f.content.end - f.content.start < 2:
                continue
            seen.add(key)
            about = []
            for a in self.ctx.actors:
                if a.id != f.speaker and any(
                    f.content.start <= m.start and m.end <= f.content.end for m in a.mentions
                ):
                    about.append(a.id)
            relays = tuple(dict.fromkeys(r for r in f.relays if r and r != f.speaker))
            out.append(
                Statement(
                    id=f"s{len(out) + 1}",
                    speaker=f.speaker,
                    cue=f.cue,
                    content=f.content,
                    kind=self.kind(f.content, f.cue_span),
                    cue_span=f.cue_span,
                    speaker_mention=f.mention,
                    reported_by=relays,
                    date=f.date,
                    stance=f.stance,
                    about=tuple(about),
                )
            )
        return out


def extract_statements(ctx: Context) -> list[Statement]:
    """Every attribution in the article: speaker, cue, content span, kind, relays, date and topics."""
    out = _Stage(ctx).run()
    ctx.statements = out
    return out
