"""Named fixtures for performance tests: a priority, and quarterly values made easy."""

import datetime

import pytest
from django.test import Client

from saferboard.performance import periods
from tests.factories import IndicatorValueFactory, PriorityFactory


@pytest.fixture
def manager_a_client(manager_a):
    client = Client()
    client.force_login(manager_a)
    return client


@pytest.fixture
def violence_priority(partnership_a):
    return PriorityFactory(partnership=partnership_a, number="1", title="Reduce violence")


def quarterly_values(indicator, values, *, first=datetime.date(2023, 4, 1), **fields):
    """One IndicatorValue per quarter from `first`, in order; None is "no information"."""
    period = periods.quarter_of(first)
    rows = []
    for value in values:
        rows.append(
            IndicatorValueFactory(
                partnership=indicator.partnership,
                indicator=indicator,
                period_start=period.start,
                period_end=period.end,
                value=value,
                **fields,
            )
        )
        period = periods.following(period)
    return rows
