"""Financial-year arithmetic: months, quarters, years, FYTD, rolling 12 months, last year."""

import datetime

import pytest

from saferboard.performance import periods
from saferboard.performance.models import Frequency

D = datetime.date


@pytest.mark.parametrize(
    "day, start, end, label",
    [
        (D(2025, 4, 1), D(2025, 4, 1), D(2025, 6, 30), "Q1 2025/26"),
        (D(2025, 6, 30), D(2025, 4, 1), D(2025, 6, 30), "Q1 2025/26"),
        (D(2025, 7, 1), D(2025, 7, 1), D(2025, 9, 30), "Q2 2025/26"),
        (D(2025, 12, 31), D(2025, 10, 1), D(2025, 12, 31), "Q3 2025/26"),
        (D(2026, 1, 1), D(2026, 1, 1), D(2026, 3, 31), "Q4 2025/26"),
        (D(2026, 3, 31), D(2026, 1, 1), D(2026, 3, 31), "Q4 2025/26"),
        (D(1999, 2, 10), D(1999, 1, 1), D(1999, 3, 31), "Q4 1998/99"),
    ],
)
def test_quarters_run_april_to_june_first(day, start, end, label):
    quarter = periods.period_for(Frequency.QUARTERLY, day)
    assert (quarter.start, quarter.end, quarter.label) == (start, end, label)


def test_months_know_their_length_and_leap_years():
    assert periods.month_of(D(2024, 2, 10)).end == D(2024, 2, 29)
    assert periods.month_of(D(2025, 2, 10)).end == D(2025, 2, 28)
    april = periods.period_for(Frequency.MONTHLY, D(2025, 4, 17))
    assert (april.start, april.end, april.label) == (D(2025, 4, 1), D(2025, 4, 30), "April 2025")


def test_financial_year_runs_april_to_march():
    for day in (D(2025, 4, 1), D(2025, 12, 25), D(2026, 3, 31)):
        year = periods.financial_year_of(day)
        assert (year.start, year.end, year.label) == (D(2025, 4, 1), D(2026, 3, 31), "2025/26")
    assert periods.financial_year_of(D(2025, 3, 31)).label == "2024/25"
    assert periods.financial_year_of(D(2099, 6, 1)).label == "2099/00"
    assert periods.period_for(Frequency.ANNUAL, D(2025, 5, 5)).label == "2025/26"


def test_financial_year_to_date_before_and_after_the_april_boundary():
    march = periods.fytd(D(2026, 3, 15))
    assert (march.start, march.end) == (D(2025, 4, 1), D(2026, 3, 31))
    assert march.label == "2025/26 to March 2026"
    april = periods.fytd(D(2026, 4, 2))
    assert (april.start, april.end) == (D(2026, 4, 1), D(2026, 4, 30))
    assert april.label == "2026/27 to April 2026"
    january = periods.fytd(D(2026, 1, 31))
    assert (january.start, january.end, january.months) == (D(2025, 4, 1), D(2026, 1, 31), 10)


def test_rolling_12_months_across_a_year_end():
    window = periods.rolling_12_months(D(2026, 2, 14))
    assert (window.start, window.end) == (D(2025, 3, 1), D(2026, 2, 28))
    assert window.months == 12
    assert window.label == "12 months to February 2026"
    december = periods.rolling_12_months(D(2025, 12, 1))
    assert (december.start, december.end) == (D(2025, 1, 1), D(2025, 12, 31))
    assert periods.previous(window) == periods.rolling_12_months(D(2026, 1, 1))


def test_same_period_last_year():
    q3 = periods.quarter_of(D(2025, 11, 1))
    assert periods.same_period_last_year(q3).label == "Q3 2024/25"
    leap = periods.month_of(D(2024, 2, 1))
    assert periods.same_period_last_year(leap) == periods.month_of(D(2023, 2, 1))
    assert periods.same_period_last_year(periods.fytd(D(2026, 1, 5))) == periods.fytd(D(2025, 1, 5))
    assert periods.same_period_last_year(periods.rolling_12_months(D(2026, 2, 1))).end == D(
        2025, 2, 28
    )
    odd = periods.period_of(D(2024, 2, 29), D(2024, 3, 10))
    assert periods.same_period_last_year(odd).start == D(2023, 2, 28)


def test_previous_crosses_year_ends():
    assert periods.previous(periods.quarter_of(D(2025, 4, 1))).label == "Q4 2024/25"
    assert periods.previous(periods.month_of(D(2025, 1, 1))).label == "December 2024"
    assert periods.previous(periods.financial_year_of(D(2025, 4, 1))).label == "2024/25"
    assert periods.following(periods.quarter_of(D(2026, 1, 1))).label == "Q1 2026/27"


def test_periods_between_covers_both_ends():
    quarters = periods.periods_between(Frequency.QUARTERLY, D(2024, 5, 1), D(2025, 4, 1))
    assert [q.label for q in quarters] == [
        "Q1 2024/25",
        "Q2 2024/25",
        "Q3 2024/25",
        "Q4 2024/25",
        "Q1 2025/26",
    ]
    months = periods.periods_between(Frequency.MONTHLY, D(2025, 11, 30), D(2026, 1, 1))
    assert [m.label for m in months] == ["November 2025", "December 2025", "January 2026"]


def test_stored_dates_read_back_as_their_period():
    assert periods.period_of(D(2025, 4, 1), D(2025, 6, 30)).label == "Q1 2025/26"
    assert periods.period_of(D(2025, 4, 1), D(2026, 3, 31)).label == "2025/26"
    assert periods.period_of(D(2025, 5, 1), D(2025, 5, 31)).label == "May 2025"
    assert periods.period_of(D(2025, 5, 1), D(2025, 8, 31)).label == "May 2025 to August 2025"
    assert periods.period_of(D(2025, 5, 3), D(2025, 5, 9)).label == "3 May 2025 to 9 May 2025"


@pytest.mark.parametrize(
    "text, label",
    [
        ("Q1 2025/26", "Q1 2025/26"),
        ("q4 2025-2026", "Q4 2025/26"),
        ("April 2025", "April 2025"),
        ("apr  2025", "April 2025"),
        ("2025-04", "April 2025"),
        ("2025/26", "2025/26"),
    ],
)
def test_periods_read_as_people_write_them(text, label):
    assert periods.parse_period(text).label == label


@pytest.mark.parametrize("text", ["Q5 2025/26", "Q1 2025/27", "2025/27", "Smarch 2025", "", "13"])
def test_unknown_period_text_is_refused_with_help(text):
    with pytest.raises(ValueError, match="Q1 2025/26"):
        periods.parse_period(text)
