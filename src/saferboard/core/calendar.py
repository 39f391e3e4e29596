"""Working days in England and Wales: weekends and bank holidays don't count.

"Papers circulated five working days before the meeting" must skip Easter
Monday and the Christmas bank holidays, so this uses the `holidays` package.
"""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def working_days_before(day: datetime.date, count: int) -> datetime.date:
    """The date `count` working days before `day` (the day itself not counted)."""
    current = day
    remaining = count
    while remaining > 0:
        current -= datetime.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current
