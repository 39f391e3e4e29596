"""The plan page and the exception report read a plan in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import KeyActionUpdateFactory, OrganisationFactory


def _fill(plan, priorities, count, start):
    from saferboard.plans import services

    for n in range(start, start + count):
        priority = priorities[n % len(priorities)]
        organisation = OrganisationFactory(partnership=plan.partnership, name=f"Org {n}")
        action = services.key_action_create(
            plan=plan,
            by=None,
            number=f"{priority.number}.{n}",
            title=f"Key action {n}",
            priority=priority,
            lead_organisations=[organisation],
            co_operating_organisations=[organisation],
        )
        KeyActionUpdateFactory(partnership=plan.partnership, key_action=action, note=f"Note {n}")


@pytest.mark.parametrize("page", ["", "exceptions/", "key-actions-list"])
def test_queries_do_not_grow_with_key_actions(
    manager_a_client, plan, reduce_violence, tackle_asb, partnership_a, page
):
    if page == "key-actions-list":
        address = f"/p/{partnership_a.slug}/plans/key-actions/"
    else:
        address = f"/p/{partnership_a.slug}/plans/{plan.pk}/{page}"
    priorities = [reduce_violence, tackle_asb]
    _fill(plan, priorities, 2, start=1)
    manager_a_client.get(address)  # warm the session
    with CaptureQueriesContext(connection) as few:
        assert manager_a_client.get(address).status_code == 200
    _fill(plan, priorities, 12, start=3)
    with CaptureQueriesContext(connection) as many:
        assert manager_a_client.get(address).status_code == 200

    assert len(many) == len(few)
