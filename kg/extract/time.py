"""Time expressions resolved against the publication date (issue #6).

Dates, weekdays, months without a year, intervals and relative expressions
("last week", "this year", "three days ago") become ISO 8601 values as precise
as the text allows. News is mostly about the past, so a bare weekday or month
is the latest one not after publication, unless its clause is in the future
tense ("will meet on Monday") or it says "next".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from kg.extract.context import Context
from kg.model import Span, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "several": 3,
    "a few": 3,
}

_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_MONTH = (
    r"(January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_YEAR = r"((?:19|20)\d{2})"
_WEEKDAY = r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few)"
_YEAR_PREP = (
    r"(?:in|since|of|by|during|until|till|before|after|from|to|through|early|late|mid-|spring|summer|"
    r"autumn|fall|winter|end of|start of|beginning of)"
)
_FUTURE_AUX = {"will", "shall", "'ll", "wo"}


def month_number(name: str) -> int:
    """1-12 for a month name or abbreviation.

    >>> month_number("Sept.")
    9
    """
    key = name.lower().rstrip(".")
    return MONTHS.index(key) + 1 if key in MONTHS else MONTH_ABBR[key[:4] if key == "sept" else key[:3]]


def resolve_weekday(name: str, pub: dt.date, *, future: bool = False) -> dt.date:
    """The latest such weekday on or before publication (or the next one after it, for the future).

    >>> resolve_weekday("Wednesday", dt.date(2025, 4, 10))
    datetime.date(2025, 4, 9)
    >>> resolve_weekday("Monday", dt.date(2025, 4, 10), future=True)
    datetime.date(2025, 4, 14)
    """
    target = WEEKDAYS.index(name.lower())
    if future:
        return pub + dt.timedelta(days=(target - pub.weekday() - 1) % 7 + 1)
    return pub - dt.timedelta(days=(pub.weekday() - target) % 7)


def resolve_month(month: int, pub: dt.date, *, future: bool = False) -> int:
    """The year of the latest such month not after the publication month (or the next, for the future).

    >>> resolve_month(12, dt.date(2025, 4, 10))
    2024
    """
    if future:
        return pub.year if month >= pub.month else pub.year + 1
    return pub.year if month <= pub.month else pub.year - 1


def _week(pub: dt.date, weeks_back: int) -> str:
    monday = pub - dt.timedelta(days=pub.weekday() + 7 * weeks_back)
    return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}"


def _shift_month(pub: dt.date, delta: int) -> str:
    total = pub.year * 12 + pub.month - 1 + delta
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def _pub_date(ctx: Context) -> dt.date | None:
    date = ctx.article.date
    if not date or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date[:10]):
        return None
    try:
        return dt.date.fromisoformat(date[:10])
    except ValueError:
        return None


def _is_future(doc: Doc | None, start: int, end: int) -> bool:
    """Whether the clause holding ``[start, end)`` is in the future tense ('will meet on Monday')."""
    if doc is None:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    for _ in range(6):
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in token.children):
            return True
        if any(c.lower_ == "going" and any(g.lower_ == "to" for g in c.children) for c in token.children):
            return True
        if token.head.i == token.i or token.dep_ in ("ccomp", "advcl", "relcl"):
            return False
        token = token.head
    return False


def _valid(y: int, m: int, d: int | None = None) -> bool:
    if not 1 <= m <= 12 or not 1000 <= y <= 2999:
        return False
    return d is None or 1 <= d <= calendar.monthrange(y, m)[1]


def find_times(text: str, pub: dt.date | None, doc: Doc | None = None) -> list[TimeExpression]:
    """All time expressions in ``text``, resolved against ``pub`` where they need it, in text order."""
    out: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: str | None, precision: str) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))  # an unresolvable or invalid date still hides its parts ("February 30")
        if value is None:
            return
        out.append(TimeExpression(Span(start, end), value, precision))

    def year_of(month: int, explicit: str | None, start: int, end: int) -> int | None:
        if explicit:
            return int(explicit)
        if pub is None:
            return None
        return resolve_month(month, pub, future=_is_future(doc, start, end))

    def day(month_name: str, d: str, y: str | None, start: int, end: int) -> str | None:
        mo = month_number(month_name)
        year = year_of(mo, y, start, end)
        if year is None or not _valid(year, mo, int(d)):
            return None
        return f"{year:04d}-{mo:02d}-{int(d):02d}"

    def rx(pattern: str, flags: int = 0) -> list[re.Match[str]]:
        return list(re.finditer(pattern, text, flags))

    # intervals: "from May 2nd to May 20th", "between March 3 and 5, 2024", "from 8 to 31 December"
    for m in rx(
        rf"\b(?:from|between) {_MONTH} {_DAY}(?:,? {_YEAR})? (?:to|until|till|through|and|-|–) "
        rf"(?:{_MONTH} )?{_DAY}(?:,? {_YEAR})?\b"
    ):
        y2 = m[6] or m[3]
        a = day(m[1], m[2], m[3] or y2, m.start(), m.end())
        b = day(m[4] or m[1], m[5], y2, m.start(), m.end())
        add(m.start(), m.end(), f"{a}/{b}" if a and b else None, "interval")
    for m in rx(
        rf"\b(?:from|between) {_DAY}(?: {_MONTH})? (?:to|until|till|through|and|-|–) {_DAY} {_MONTH}"
        rf"(?:,? {_YEAR})?\b"
    ):
        a = day(m[2] or m[4], m[1], m[5], m.start(), m.end())
        b = day(m[4], m[3], m[5], m.start(), m.end())
        add(m.start(), m.end(), f"{a}/{b}" if a and b else None, "interval")
    for m in rx(
        rf"\b(?:from|between) {_MONTH}(?: {_YEAR})? (?:to|until|till|through|and) {_MONTH}(?: {_YEAR})?\b"
    ):
        mo1, mo2 = month_number(m[1]), month_number(m[3])
        y2 = int(m[4]) if m[4] else year_of(mo2, None, m.start(), m.end())
        y1 = int(m[2]) if m[2] else (y2 if y2 is not None and mo1 <= mo2 else (y2 - 1 if y2 else None))
        add(m.start(), m.end(), f"{y1:04d}-{mo1:02d}/{y2:04d}-{mo2:02d}" if y1 and y2 else None, "interval")
    for m in rx(rf"\b(?:from|between) {_YEAR} (?:to|until|till|through|and|-|–) {_YEAR}\b"):
        add(m.start(), m.end(), f"{m[1]}/{m[2]}", "interval")
    # calendar dates
    for m in rx(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b"):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        add(m.start(), m.end(), m[0] if _valid(y, mo, d) else None, "day")
    for m in rx(rf"\b{_MONTH} {_DAY}(?:,? {_YEAR})?\b(?!,\d)"):
        add(m.start(), m.end(), day(m[1], m[2], m[3], m.start(), m.end()), "day")
    for m in rx(rf"\b{_DAY} {_MONTH}(?:,? {_YEAR})?\b"):
        add(m.start(), m.end(), day(m[2], m[1], m[3], m.start(), m.end()), "day")
    # months
    for m in rx(rf"\b{_MONTH},? {_YEAR}\b"):
        add(m.start(), m.end(), f"{m[2]}-{month_number(m[1]):02d}", "month")
    for m in rx(
        rf"\b(?:(?:in|since|until|till|by|during|of|early|late|mid|mid-|last|next|this|before|after|"
        rf"from|through|end of|start of|beginning of)\s+)?{_MONTH}\b"
    ):
        lead = m[0].split()[0].lower() if m[0][0].islower() else ""
        name = m[1].rstrip(".")
        if name.lower() not in MONTHS or (name == "May" and not lead):
            continue  # abbreviations only count with a day; bare "May" is the modal verb
        mo = month_number(m[1])
        if lead in ("last", "next", "this") and pub is not None:
            year: int | None = resolve_month(mo, pub, future=lead == "next")
            if lead == "last" and year == pub.year and mo == pub.month:
                year = pub.year - 1
        else:
            year = year_of(mo, None, m.start(), m.end())
        start = m.start(1) if not lead else m.start()
        add(start, m.end(), f"{year:04d}-{mo:02d}" if year else None, "month")
    # years
    for m in rx(rf"\b{_YEAR_PREP}\s+{_YEAR}\b(?![-–/]\d|,\d|\.\d)", re.I):
        add(m.start(1), m.end(1), m[1], "year")
    if pub is None:
        out.sort(key=lambda t: t.span)
        return out
    # weekdays: the most recent one (or the next one, for the future tense / "next")
    for m in rx(rf"\b(?:(next|this coming|last|this) )?{_WEEKDAY}\b", re.I):
        if not m[2][0].isupper():
            continue
        future = (m[1] or "").lower() in ("next", "this coming") or _is_future(doc, m.start(2), m.end(2))
        when = resolve_weekday(m[2], pub, future=future)
        if (m[1] or "").lower() == "last" and when == pub:
            when -= dt.timedelta(days=7)
        add(m.start(), m.end(), when.isoformat(), "day")
    rel: list[tuple[str, Callable[[re.Match[str]], tuple[str, str] | None]]] = [
        (r"\b(today|tonight|this (?:morning|afternoon|evening))\b", lambda m: (pub.isoformat(), "day")),
        (r"\b(yesterday|last night)\b", lambda m: ((pub - dt.timedelta(days=1)).isoformat(), "day")),
        (r"\btomorrow\b", lambda m: ((pub + dt.timedelta(days=1)).isoformat(), "day")),
        (r"\b(?:earlier |later )?this week\b", lambda m: (_week(pub, 0), "interval")),
        (r"\blast week\b", lambda m: (_week(pub, 1), "interval")),
        (r"\bnext week\b", lambda m: (_week(pub, -1), "interval")),
        (r"\blast weekend\b", lambda m: (_weekend(pub), "interval")),
        (r"\b(?:earlier |later )?this month\b", lambda m: (_shift_month(pub, 0), "month")),
        (r"\blast month\b", lambda m: (_shift_month(pub, -1), "month")),
        (r"\bnext month\b", lambda m: (_shift_month(pub, 1), "month")),
        (r"\b(?:earlier |later )?this year\b", lambda m: (f"{pub.year:04d}", "year")),
        (r"\blast year\b", lambda m: (f"{pub.year - 1:04d}", "year")),
        (r"\bnext year\b", lambda m: (f"{pub.year + 1:04d}", "year")),
        (rf"\b{_NUM} (day|week|month|year)s? ago\b", lambda m: _ago(m, pub)),
    ]
    for pattern, resolve in rel:
        for m in rx(pattern, re.I):
            got = resolve(m)
            if got:
                add(m.start(), m.end(), got[0], got[1])
    out.sort(key=lambda t: t.span)
    return out


def _weekend(pub: dt.date) -> str:
    saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7 or 7)
    return f"{saturday.isoformat()}/{(saturday + dt.timedelta(days=1)).isoformat()}"


def _ago(m: re.Match[str], pub: dt.date) -> tuple[str, str] | None:
    raw = m[1].lower()
    n = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw)
    if n is None or n > 400:
        return None
    unit = m[2].lower()
    if unit == "day":
        return (pub - dt.timedelta(days=n)).isoformat(), "day"
    if unit == "week":
        return _week(pub, n), "interval"
    if unit == "month":
        return _shift_month(pub, -n), "month"
    return f"{pub.year - n:04d}", "year"


def extract_times(ctx: Context) -> list[TimeExpression]:
    """The time expressions of one article, resolved against its publication date."""
    out = find_times(ctx.text, _pub_date(ctx), ctx.doc)
    ctx.times = out
    return out
