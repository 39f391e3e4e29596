"""The half-year report and a quarterly sheet run the same number of queries however many
indicators, priorities and values there are."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import IndicatorFactory, PriorityFactory
from tests.performance.conftest import quarterly_values


def add_indicators(partnership, priority, count):
    for _ in range(count):
        indicator = IndicatorFactory(partnership=partnership, priority=priority)
        quarterly_values(indicator, [90, 130, 101, 95], commentary="Noted")


def queries(client, url, data) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, data).status_code == 200
    return len(captured)


def test_report_and_sheet_queries_do_not_grow(manager_a_client, partnership_a):
    first = PriorityFactory(partnership=partnership_a)
    add_indicators(partnership_a, first, 1)
    report = reverse("performance:performance-report", kwargs={"partnership": partnership_a.slug})
    sheet = reverse(
        "performance:quarterly-sheet", kwargs={"partnership": partnership_a.slug, "pk": first.pk}
    )
    window = {"year": "2023/24", "part": "year"}
    quarter = {"quarter": "Q4 2023/24"}
    small = (queries(manager_a_client, report, window), queries(manager_a_client, sheet, quarter))

    add_indicators(partnership_a, first, 4)
    for _ in range(3):
        add_indicators(partnership_a, PriorityFactory(partnership=partnership_a), 2)
    large = (queries(manager_a_client, report, window), queries(manager_a_client, sheet, quarter))
    assert large == small
