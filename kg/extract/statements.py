"""Statements: who said what (first version: cue verbs with a clausal object, quotes, 'according to')."""

from __future__ import annotations

from kg.extract.context import Context
from kg.lexicons import load_lexicon
from kg.model import Span, Statement

QUOTES = "\"\u201c\u201d"


def _kind(text: str) -> str:
    """direct when wholly quoted, mixed when partly, indirect otherwise."""
    stripped = text.strip().rstrip(".,")
    if not any(q in stripped for q in QUOTES):
        return "indirect"
    if stripped[:1] in QUOTES and stripped[-1:] in QUOTES and sum(stripped.count(q) for q in QUOTES) == 2:
        return "direct"
    return "mixed"


def extract_statements(ctx: Context) -> list[Statement]:
    """One statement per speech verb with a clausal complement, and per 'according to X'."""
    cues = load_lexicon("cues")["verbs"]
    out: list[Statement] = []
    for token in ctx.doc:
        if token.pos_ != "VERB" or token.lemma_.lower() not in cues:
            continue
        comps = [c for c in token.children if c.dep_ in ("ccomp", "xcomp")]
        subj = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not comps:
            # "..., officials say": the verb's head clause is the content
            if token.dep_ in ("parataxis", "ccomp") and token.head.i < token.i:
                comps = [token.head]
            else:
                continue
        comp = comps[0]
        tokens = [t for t in comp.subtree if t.i not in {s.i for s in subj}]
        if comp is token.head:
            tokens = [t for t in comp.subtree if t.i < token.i and not any(s.i <= t.i for s in subj)]
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        if tokens[0].text.lower() == "that" and len(tokens) > 1:
            start = tokens[1].idx
        span = Span(start, end)
        speaker = mention = None
        if subj:
            s = subj[0]
            sub = list(s.subtree)
            mention = Span(sub[0].idx, sub[-1].idx + len(sub[-1]))
            speaker = ctx.actor_at(s.idx, s.idx + len(s)) or ctx.actor_at(mention.start, mention.end)
        out.append(Statement(
            id=f"s{len(out) + 1}", speaker=speaker, cue=token.text, cue_span=Span(token.idx, token.idx + len(token)),
            content=span, kind=_kind(span.text(ctx.text)), speaker_mention=mention,
            stance=cues[token.lemma_.lower()],
        ))
    ctx.statements = out
    return out
