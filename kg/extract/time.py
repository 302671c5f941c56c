"""Time expressions resolved against the publication date (first version)."""

from __future__ import annotations

import datetime as dt
import re

from kg.extract.context import Context
from kg.model import Span, TimeExpression

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"(" + "|".join(m.capitalize() for m in MONTHS) + r")"


def resolve_weekday(name: str, pub: dt.date) -> dt.date:
    """The most recent such weekday on or before the publication date.

    >>> resolve_weekday("Wednesday", dt.date(2025, 4, 10))
    datetime.date(2025, 4, 9)
    """
    back = (pub.weekday() - WEEKDAYS.index(name.lower())) % 7
    return pub - dt.timedelta(days=back)


def resolve_month(month: int, pub: dt.date) -> int:
    """The year of the latest such month not after the publication month."""
    return pub.year if month <= pub.month else pub.year - 1


def _pub_date(ctx: Context) -> dt.date | None:
    try:
        return dt.date.fromisoformat(ctx.article.date) if ctx.article.date else None
    except ValueError:
        return None


def extract_times(ctx: Context) -> list[TimeExpression]:
    """Weekdays, day-month dates, months, intervals and 'this/last year' in the text."""
    pub = _pub_date(ctx)
    text = ctx.text
    out: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: str, precision: str) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        out.append(TimeExpression(Span(start, end), value, precision))

    def ymd(month_name: str, day: str | None) -> tuple[int, int, int | None]:
        month = MONTHS.index(month_name.lower()) + 1
        year = resolve_month(month, pub) if pub else dt.date.today().year
        return year, month, int(day) if day else None

    for m in re.finditer(rf"\bfrom {_MONTH} {_DAY} (?:to|until|through) (?:{_MONTH} )?{_DAY}\b", text):
        y1, m1, d1 = ymd(m[1], m[2])
        y2, m2, d2 = ymd(m[3] or m[1], m[4])
        add(m.start(), m.end(), f"{y1:04d}-{m1:02d}-{d1:02d}/{y2:04d}-{m2:02d}-{d2:02d}", "interval")
    for m in re.finditer(rf"\b{_MONTH} {_DAY}(?:,? (\d{{4}}))?\b", text):
        y, mo, d = ymd(m[1], m[2])
        add(m.start(), m.end(), f"{int(m[3]) if m[3] else y:04d}-{mo:02d}-{d:02d}", "day")
    for m in re.finditer(rf"\b{_MONTH}(?: (\d{{4}}))?\b", text):
        if m[1] == "May" and not m[2]:
            continue  # the modal verb
        y, mo, _ = ymd(m[1], None)
        add(m.start(), m.end(), f"{int(m[2]) if m[2] else y:04d}-{mo:02d}", "month")
    if pub:
        for m in re.finditer(r"\b(" + "|".join(w.capitalize() for w in WEEKDAYS) + r")\b", text):
            add(m.start(), m.end(), resolve_weekday(m[1], pub).isoformat(), "day")
        for m in re.finditer(r"\b(this|last|next) year\b", text, re.I):
            delta = {"this": 0, "last": -1, "next": 1}[m[1].lower()]
            add(m.start(), m.end(), f"{pub.year + delta:04d}", "year")
        for m in re.finditer(r"\b(today|yesterday)\b", text, re.I):
            d = pub - dt.timedelta(days=0 if m[1].lower() == "today" else 1)
            add(m.start(), m.end(), d.isoformat(), "day")
    out.sort(key=lambda t: t.span)
    ctx.times = out
    return out
