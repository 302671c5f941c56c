"""Time expressions resolved against the publication date (issue #6)."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract.time import find_times, month_number, resolve_month, resolve_weekday

PUB = dt.date(2025, 4, 10)  # a Thursday


def values(text: str, pub: dt.date | None = PUB, doc=None) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return [(text[t.span.start : t.span.end], t.value, t.precision) for t in find_times(text, pub, doc)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The strikes ran from December 8th to December 31st.",
            ("from December 8th to December 31st", "2024-12-08/2024-12-31", "interval"),
        ),
        (
            "Fighting lasted from 8 to 31 December.",
            ("from 8 to 31 December", "2024-12-08/2024-12-31", "interval"),
        ),
        (
            "Talks ran from December 20 to January 5.",
            ("from December 20 to January 5", "2024-12-20/2025-01-05", "interval"),
        ),
        ("Prices rose between 2019 and 2021.", ("between 2019 and 2021", "2019/2021", "interval")),
        (
            "Output fell from January to March 2024.",
            ("from January to March 2024", "2024-01/2024-03", "interval"),
        ),
        ("The vote is set for May 5, 2023.", ("May 5, 2023", "2023-05-05", "day")),
        ("He arrived on 12 March 2024.", ("12 March 2024", "2024-03-12", "day")),
        ("The decree is dated 2024-02-29.", ("2024-02-29", "2024-02-29", "day")),
        ("It happened on Sept. 11.", ("Sept. 11", "2024-09-11", "day")),
        ("Troops arrived in December.", ("in December", "2024-12", "month")),
        ("Troops arrived in March.", ("in March", "2025-03", "month")),
        ("The law passed in 2019.", ("2019", "2019", "year")),
        ("They met on Wednesday.", ("Wednesday", "2025-04-09", "day")),
        ("They met on Thursday.", ("Thursday", "2025-04-10", "day")),
        ("They met yesterday.", ("yesterday", "2025-04-09", "day")),
        ("Prices rose last week.", ("last week", "2025-03-31/2025-04-06", "interval")),
        ("Prices rose last month.", ("last month", "2025-03", "month")),
        ("Prices rose earlier this month.", ("earlier this month", "2025-04", "month")),
        ("There were 43 attacks this year.", ("this year", "2025", "year")),
        ("There were 43 attacks last year.", ("last year", "2024", "year")),
        ("The port reopened three days ago.", ("three days ago", "2025-04-07", "day")),
        ("The port reopened two weeks ago.", ("two weeks ago", "2025-03-24/2025-03-30", "interval")),
        ("They will vote next Monday.", ("next Monday", "2025-04-14", "day")),
    ],
)
def test_time_expressions(text: str, expected: tuple[str, str, str]) -> None:
    assert values(text) == [expected]


def test_may_the_modal_verb_is_not_a_month() -> None:
    assert values("Officials may resign. The deal may collapse in May.") == [("in May", "2024-05", "month")]


def test_invalid_calendar_dates_are_dropped() -> None:
    assert values("The file says February 30 and 2023-02-29.") == []


def test_relative_expressions_need_a_publication_date() -> None:
    assert values("They met on Wednesday, last week, in 2019.", pub=None) == [("2019", "2019", "year")]


def test_helpers() -> None:
    assert resolve_weekday("Thursday", PUB) == PUB
    assert resolve_weekday("Thursday", PUB, future=True) == dt.date(2025, 4, 17)
    assert resolve_month(4, PUB) == 2025 and resolve_month(5, PUB) == 2024
    assert resolve_month(5, PUB, future=True) == 2025 and resolve_month(3, PUB, future=True) == 2026
    assert month_number("Dec.") == 12 and month_number("September") == 9


def test_future_tense_moves_weekdays_and_months_forward(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The ministers will meet on Monday and the summit will open in June. They met on Monday."
    got = values(text, doc=nlp(text))
    assert got == [
        ("Monday", "2025-04-14", "day"),
        ("in June", "2025-06", "month"),
        ("Monday", "2025-04-07", "day"),
    ]


def test_time_stage_reads_the_article_date(extract_text) -> None:  # type: ignore[no-untyped-def]
    ex = extract_text("The two leaders met on Tuesday in Geneva.", date="2025-04-10")
    assert [(t.value, t.precision) for t in ex.times] == [("2025-04-08", "day")]
    assert extract_text("The two leaders met on Tuesday.", date=None).times == ()
