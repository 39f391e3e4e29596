"""The dashboard: every indicator with its latest value, RAG, direction and trend, by
priority, in a fixed number of queries however many indicators and periods there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferboard.performance import periods
from saferboard.performance.models import Polarity
from tests.factories import IndicatorFactory, PriorityFactory
from tests.performance.conftest import quarterly_values


def dashboard_url(partnership):
    return reverse("performance:dashboard", kwargs={"partnership": partnership.slug})


def quarters_ago(count: int):
    quarter = periods.quarter_of(datetime.date.today())
    for _ in range(count):
        quarter = periods.previous(quarter)
    return quarter


def test_dashboard_shows_rag_direction_and_trend(
    manager_a_client, partnership_a, violence_priority
):
    burglary = IndicatorFactory(
        partnership=partnership_a, priority=violence_priority, code="KPI 4", name="Burglary"
    )
    first = quarters_ago(8)
    # Target 100, lower is better, amber within 5: the latest quarter is 120 (red), up from 90.
    rows = quarterly_values(burglary, [80, 85, 90, 90, 100, 110, 90, 120], first=first.start)
    latest = periods.period_of(rows[-1].period_start, rows[-1].period_end)
    satisfaction = IndicatorFactory(
        partnership=partnership_a,
        code="KPI 9",
        name="Satisfaction",
        polarity=Polarity.HIGHER_IS_BETTER,
    )
    page = manager_a_client.get(dashboard_url(partnership_a)).content.decode()
    assert "Priority 1. Reduce violence" in page
    assert "Other indicators" in page
    assert "KPI 4</a> Burglary" in page
    assert '<strong class="govuk-tag govuk-tag--red">Red</strong>' in page
    assert f'120<br><span class="govuk-hint govuk-!-margin-0">{latest}' in page
    assert f"↑</span> Worsening: up 30 (33.3%) on {periods.previous(latest)}" in page
    assert f"Worsening: up 30 (33.3%) on {periods.same_period_last_year(latest)}" in page
    assert 'class="sb-sparkline"' in page
    # Counts add up over the last 12 months (the four latest quarters against the four before).
    rolling = periods.rolling_12_months(latest.end)
    assert f"{rolling}: 420 (worsening, 345 a year before)" in page
    assert satisfaction.code in page and "No information" in page


def populate(partnership, *, indicators: int, quarters: int):
    priorities = [PriorityFactory(partnership=partnership) for _ in range(2)]
    for number in range(indicators):
        indicator = IndicatorFactory(partnership=partnership, priority=priorities[number % 2])
        quarterly_values(
            indicator,
            [50 + q for q in range(quarters)],
            first=quarters_ago(quarters).start,
            commentary="Note",
        )


@pytest.mark.parametrize("size", [(2, 2), (8, 10)])
def test_dashboard_queries_do_not_grow(manager_a_client, partnership_a, size):
    populate(partnership_a, indicators=1, quarters=1)
    with CaptureQueriesContext(connection) as small:
        assert manager_a_client.get(dashboard_url(partnership_a)).status_code == 200
    populate(partnership_a, indicators=size[0], quarters=size[1])
    with CaptureQueriesContext(connection) as large:
        response = manager_a_client.get(dashboard_url(partnership_a))
    assert response.content.decode().count('class="sb-sparkline"') == size[0]
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]


def test_values_in_the_future_are_not_the_latest(manager_a_client, partnership_a):
    indicator = IndicatorFactory(partnership=partnership_a)
    quarterly_values(indicator, [70], first=datetime.date.today() + datetime.timedelta(days=400))
    page = manager_a_client.get(dashboard_url(partnership_a)).content.decode()
    assert "No information" in page
