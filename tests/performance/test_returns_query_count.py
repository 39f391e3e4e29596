"""The returns page and the template run the same number of queries whatever the number
of indicators and returns."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from saferboard.core.roles import Role
from saferboard.performance.models import Frequency
from saferboard.performance.periods import period_for, previous
from tests.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    MembershipFactory,
    PersonFactory,
)


def add_indicators(partnership, organisation, count: int) -> None:
    period = previous(period_for(Frequency.QUARTERLY, timezone.localdate()))
    for _ in range(count):
        for frequency in (Frequency.MONTHLY, Frequency.QUARTERLY):
            indicator = IndicatorFactory(
                partnership=partnership, frequency=frequency, lead_organisation=organisation
            )
        IndicatorValueFactory(
            partnership=partnership,
            indicator=indicator,
            period_start=period.start,
            period_end=period.end,
        )


def queries_for(client, address: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", [Role.MANAGER, Role.CONTRIBUTOR])
def test_returns_pages_do_not_grow_with_the_data(partnership_a, make_user, role):
    user = make_user(partnership_a, role)
    person = PersonFactory(partnership=partnership_a, user=user)
    seat = MembershipFactory(partnership=partnership_a, person=person)
    client = Client()
    client.force_login(user)
    pages = [
        reverse(f"performance:{name}", kwargs={"partnership": partnership_a.slug})
        for name in ("returns", "returns-template-csv", "returns-export-xlsx")
    ]
    add_indicators(partnership_a, seat.organisation, 1)
    few = [queries_for(client, page) for page in pages]

    add_indicators(partnership_a, seat.organisation, 6)
    many = [queries_for(client, page) for page in pages]

    assert many == few
