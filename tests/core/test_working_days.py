"""Working days before a meeting skip weekends and England's bank holidays (real 2026 dates)."""

import datetime

from saferboard.core.calendar import is_working_day, working_days_before

D = datetime.date


def test_bank_holidays_and_weekends_are_not_working_days():
    assert not is_working_day(D(2026, 4, 3))  # Good Friday
    assert not is_working_day(D(2026, 4, 6))  # Easter Monday
    assert not is_working_day(D(2026, 12, 25))  # Christmas Day, a Friday
    assert not is_working_day(D(2026, 12, 28))  # Boxing Day falls on Saturday: Monday instead
    assert not is_working_day(D(2026, 3, 28))  # a Saturday
    assert is_working_day(D(2026, 4, 7))
    assert is_working_day(D(2026, 12, 24))


def test_an_ordinary_week_counts_back_over_the_weekend():
    # Meeting Thursday 12 March 2026: papers by Thursday 5 March.
    assert working_days_before(D(2026, 3, 12), 5) == D(2026, 3, 5)


def test_five_working_days_before_a_meeting_after_easter():
    # Meeting Thursday 9 April 2026: 8, 7, (Easter Monday 6, weekend, Good Friday 3), 2, 1 April
    # and Tuesday 31 March.
    assert working_days_before(D(2026, 4, 9), 5) == D(2026, 3, 31)


def test_five_working_days_before_a_meeting_after_christmas():
    # Meeting Tuesday 29 December 2026: Boxing Day (observed) 28th, weekend, Christmas Day 25th,
    # then 24, 23, 22, 21 and Friday 18 December.
    assert working_days_before(D(2026, 12, 29), 5) == D(2026, 12, 18)


def test_counting_back_across_new_year():
    # Meeting Monday 4 January 2027: New Year's Day 1st, 31, 30, 29 December, (28th, weekend,
    # 25th), 24 and Wednesday 23 December 2026.
    assert working_days_before(D(2027, 1, 4), 5) == D(2026, 12, 23)


def test_the_meeting_day_itself_is_not_counted():
    assert working_days_before(D(2026, 3, 12), 1) == D(2026, 3, 11)
    assert working_days_before(D(2026, 3, 12), 0) == D(2026, 3, 12)
