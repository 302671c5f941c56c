"""Text-level helpers for the statements stage: quotation spans, paragraphs, boilerplate lines.

These work on the raw characters, not on the parse: spaCy's sentence splitter does not
know that a quotation opened in one paragraph continues in the next, nor that a
"Source link" line or a headline is not part of the story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.lexicons import load_lexicon

OPENERS = "\u201c\u00ab"  # “ «
CLOSERS = "\u201d\u00bb"  # ” »
STRAIGHT = '"'
# Characters that count as quotation marks for ``kind`` (double marks only: ’ is also the apostrophe).
QUOTE_CHARS = OPENERS + CLOSERS + STRAIGHT


@dataclass(frozen=True)
class Quote:
    """One run of quoted text inside one paragraph, marks included.

    ``open_end`` is true when the paragraph ended before the quotation was closed (the news
    convention for a quotation that goes on in the next paragraph).
    """

    start: int
    end: int
    para: int
    open_end: bool = False


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line: news paragraphs are lines."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _normalise_marks(text: str) -> str:
    """The text with NYT-style '' and `` quotation marks replaced by a same-length pair of '"'."""
    return text.replace("''", '""').replace("``", '""')


def find_quotes(text: str) -> list[Quote]:
    """Quoted runs: curly or straight double marks, closed at the latest by the paragraph's end."""
    norm = _normalise_marks(text)
    quotes: list[Quote] = []
    for pi, (ps, pe) in enumerate(paragraphs(text)):
        i, start = ps, None
        while i < pe:
            c = norm[i]
            if start is None:
                if c in OPENERS or c == STRAIGHT:
                    start = i
                    if norm[i : i + 2] == '""':
                        i += 1
            elif c in CLOSERS or c == STRAIGHT:
                end = i + 1
                if norm[i : i + 2] == '""':
                    end = i + 2
                    i += 1
                quotes.append(Quote(start, end, pi))
                start = None
            elif c in OPENERS:  # a stray opener inside a quotation restarts it
                start = i
            i += 1
        if start is not None and pe - start > 1:
            quotes.append(Quote(start, pe, pi, open_end=True))
    return quotes


def quote_chains(text: str, quotes: list[Quote]) -> dict[int, int]:
    """For each quote left open at a paragraph's end, the end of the run of paragraphs it continues into.

    A quotation goes on in the next paragraph when that paragraph opens with a quotation mark.
    Keys and values are character offsets: quote start → chain end.
    """
    by_para: dict[int, list[Quote]] = {}
    for q in quotes:
        by_para.setdefault(q.para, []).append(q)
    paras = paragraphs(text)
    out: dict[int, int] = {}
    for q in quotes:
        end, cur = q.end, q
        while cur.open_end and cur.para + 1 < len(paras):
            nxt = by_para.get(cur.para + 1, [])
            if not nxt or nxt[0].start != paras[cur.para + 1][0]:
                break
            cur = nxt[0]
            end = cur.end
        if end != q.end:
            out[q.start] = end
    return out


@cache
def _boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in load_lexicon("boilerplate")["line_patterns"])


def excluded_lines(text: str) -> list[tuple[int, int]]:
    """Lines that are not story text: boilerplate (credits, bylines, links) and the headline.

    The headline is the first line when it does not end like a sentence and a body follows.
    """
    out = []
    paras = paragraphs(text)
    for i, (s, e) in enumerate(paras):
        line = text[s:e]
        if any(p.search(line) for p in _boilerplate_patterns()):
            out.append((s, e))
        elif i == 0 and len(paras) > 1 and not re.search(r"[.!?:\"\u201d\u2019']$", line):
            out.append((s, e))
    return out
