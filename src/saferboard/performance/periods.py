"""Reporting periods: months, quarters and financial years (April to March), and the
windows computed from them (financial year to date, rolling 12 months, same period last
year). Nothing here is typed by a user: every period and label comes from these rules.

Quarters follow the financial year: Q1 is April to June, Q4 is January to March.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from saferboard.performance.models import Frequency

MONTH = "month"
QUARTER = "quarter"
YEAR = "year"
YEAR_TO_DATE = "year_to_date"
ROLLING_12_MONTHS = "rolling_12_months"
CUSTOM = "custom"

_KIND_OF_FREQUENCY = {
    Frequency.MONTHLY: MONTH,
    Frequency.QUARTERLY: QUARTER,
    Frequency.ANNUAL: YEAR,
}


@dataclass(frozen=True, order=True)
class Period:
    """A run of whole days, first and last day included, with the label people use for it."""

    start: datetime.date
    end: datetime.date
    label: str = ""
    kind: str = CUSTOM

    def __str__(self) -> str:
        return self.label

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    @property
    def months(self) -> int:
        """How many calendar months the period spans (partial months count as one)."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: datetime.date, months: int) -> datetime.date:
    """The first of the month `months` after (or before) the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def financial_year_start(day: datetime.date) -> int:
    """The calendar year in which the financial year holding `day` begins (1 April)."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def month_of(day: datetime.date) -> Period:
    return Period(
        start=day.replace(day=1),
        end=_month_end(day.year, day.month),
        label=f"{calendar.month_name[day.month]} {day.year}",
        kind=MONTH,
    )


def quarter_of(day: datetime.date) -> Period:
    year = financial_year_start(day)
    number = ((day.month - 4) % 12) // 3 + 1
    start = _add_months(datetime.date(year, 4, 1), (number - 1) * 3)
    last = _add_months(start, 2)
    return Period(
        start=start,
        end=_month_end(last.year, last.month),
        label=f"Q{number} {financial_year_label(year)}",
        kind=QUARTER,
    )


def financial_year_of(day: datetime.date) -> Period:
    year = financial_year_start(day)
    return Period(
        start=datetime.date(year, 4, 1),
        end=datetime.date(year + 1, 3, 31),
        label=financial_year_label(year),
        kind=YEAR,
    )


_OF_KIND = {MONTH: month_of, QUARTER: quarter_of, YEAR: financial_year_of}


def period_for(frequency: str, day: datetime.date) -> Period:
    """The month, quarter or financial year (by an indicator's frequency) holding `day`."""
    return _OF_KIND[_KIND_OF_FREQUENCY[frequency]](day)


def previous(period: Period) -> Period:
    """The period of the same kind just before this one (a month, quarter or year back)."""
    if period.kind in _OF_KIND:
        return _OF_KIND[period.kind](period.start - datetime.timedelta(days=1))
    if period.kind == ROLLING_12_MONTHS:
        return rolling_12_months(_add_months(period.end, -1))
    if period.kind == YEAR_TO_DATE:
        return fytd(_add_months(period.end, -12))
    length = period.end - period.start
    end = period.start - datetime.timedelta(days=1)
    return period_of(end - length, end)


def following(period: Period) -> Period:
    """The period of the same kind just after this one."""
    if period.kind in _OF_KIND:
        return _OF_KIND[period.kind](period.end + datetime.timedelta(days=1))
    length = period.end - period.start
    start = period.end + datetime.timedelta(days=1)
    return period_of(start, start + length)


def same_period_last_year(period: Period) -> Period:
    """The same months one year earlier (29 February falls back to the 28th)."""
    if period.kind in _OF_KIND:
        return _OF_KIND[period.kind](_add_months(period.start, -12))
    if period.kind == YEAR_TO_DATE:
        return fytd(_add_months(period.end, -12))
    if period.kind == ROLLING_12_MONTHS:
        return rolling_12_months(_add_months(period.end, -12))
    start = _add_months(period.start, -12).replace(
        day=min(period.start.day, calendar.monthrange(period.start.year - 1, period.start.month)[1])
    )
    end = _add_months(period.end, -12).replace(
        day=min(period.end.day, calendar.monthrange(period.end.year - 1, period.end.month)[1])
    )
    return period_of(start, end)


def periods_between(frequency: str, first: datetime.date, last: datetime.date) -> list[Period]:
    """Every period of the frequency from the one holding `first` to the one holding `last`."""
    periods = []
    period = period_for(frequency, first)
    while period.start <= last:
        periods.append(period)
        period = following(period)
    return periods


def fytd(day: datetime.date) -> Period:
    """Financial year to date: 1 April to the end of the month holding `day`.

    In April, May and June the window starts in the same calendar year; from January to
    March it starts in April of the year before.
    """
    year = financial_year_start(day)
    end = _month_end(day.year, day.month)
    last_month = calendar.month_name[day.month]
    return Period(
        start=datetime.date(year, 4, 1),
        end=end,
        label=f"{financial_year_label(year)} to {last_month} {day.year}",
        kind=YEAR_TO_DATE,
    )


def rolling_12_months(end_month: datetime.date) -> Period:
    """The 12 months ending with the month holding `end_month`."""
    start = _add_months(end_month, -11)
    return Period(
        start=start,
        end=_month_end(end_month.year, end_month.month),
        label=f"12 months to {calendar.month_name[end_month.month]} {end_month.year}",
        kind=ROLLING_12_MONTHS,
    )


def period_of(start: datetime.date, end: datetime.date) -> Period:
    """The Period for stored dates, recognising a month, a quarter or a financial year."""
    for of_kind in (month_of, quarter_of, financial_year_of):
        period = of_kind(start)
        if period.start == start and period.end == end:
            return period
    if start.day == 1 and end == _month_end(end.year, end.month):
        if start.month == end.month and start.year == end.year:
            return month_of(start)
        label = (
            f"{calendar.month_name[start.month]} {start.year} to "
            f"{calendar.month_name[end.month]} {end.year}"
        )
    else:
        label = f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"
    return Period(start=start, end=end, label=label, kind=CUSTOM)


_QUARTER_TEXT = re.compile(r"^q([1-4])\s+(\d{4})\s*[/-]\s*(\d{2}|\d{4})$")
_YEAR_TEXT = re.compile(r"^(?:fy\s*)?(\d{4})\s*[/-]\s*(\d{2}|\d{4})$")
_ISO_MONTH_TEXT = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_NAMES = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}


def _check_year_pair(first: int, second_text: str) -> bool:
    second = int(second_text)
    return second == first + 1 if len(second_text) == 4 else second == (first + 1) % 100


def parse_period(text: str) -> Period:
    """Read a period as people write it: "Q1 2025/26", "April 2025", "Apr 2025", "2025-04",
    "2025/26". Raises ValueError with a message saying what is accepted."""
    cleaned = " ".join(text.strip().lower().split())
    if (match := _QUARTER_TEXT.match(cleaned)) and _check_year_pair(int(match[2]), match[3]):
        return quarter_of(_add_months(datetime.date(int(match[2]), 4, 1), (int(match[1]) - 1) * 3))
    if (match := _ISO_MONTH_TEXT.match(cleaned)) and 1 <= int(match[2]) <= 12:
        return month_of(datetime.date(int(match[1]), int(match[2]), 1))
    if (match := _YEAR_TEXT.match(cleaned)) and _check_year_pair(int(match[1]), match[2]):
        return financial_year_of(datetime.date(int(match[1]), 4, 1))
    parts = cleaned.split(" ")
    if len(parts) == 2 and parts[0] in _MONTH_NAMES and parts[1].isdigit():
        return month_of(datetime.date(int(parts[1]), _MONTH_NAMES[parts[0]], 1))
    raise ValueError(
        f"“{text.strip()}” is not a period we recognise. Write a month (April 2025), "
        "a quarter (Q1 2025/26) or a financial year (2025/26)."
    )


def period_matches_frequency(period: Period, frequency: str) -> bool:
    return period.kind == _KIND_OF_FREQUENCY[frequency]
