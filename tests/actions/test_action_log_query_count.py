"""The log's query count does not grow with the number of actions shown."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    ActionFactory,
    ActionOwnerFactory,
    BodyFactory,
    MeetingFactory,
    PersonFactory,
    PostFactory,
)

LOG = reverse("actions:action-list", kwargs={"partnership": "haringey"})


def add_actions(partnership, organisation, count: int) -> None:
    board = BodyFactory(partnership=partnership)
    meeting = MeetingFactory(partnership=partnership, bodies=[board])
    MeetingFactory(partnership=partnership, bodies=[board], date=datetime.date(2025, 9, 1))
    post = PostFactory(partnership=partnership, organisation=organisation)
    for number in range(count):
        action = ActionFactory(
            partnership=partnership,
            meeting=meeting,
            by_next_meeting=number % 2 == 0,
            due_date=None if number % 2 == 0 else datetime.date(2025, 7, 1),
            owners_to_confirm="CK" if number % 3 == 0 else "",
        )
        ActionOwnerFactory(partnership=partnership, action=action, organisation=organisation)
        ActionOwnerFactory(partnership=partnership, action=action, post=post)
        ActionOwnerFactory(
            partnership=partnership, action=action, person=PersonFactory(partnership=partnership)
        )
        ActionOwnerFactory(partnership=partnership, action=action, body=board)


def queries_for(client, query: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LOG, query)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("query", [{}, {"overdue": "on", "status": "outstanding"}])
def test_the_log_costs_the_same_queries_for_3_or_30_actions(
    partnership_a, clerk_a_client, the_police, query
):
    add_actions(partnership_a, the_police, 3)
    few = queries_for(clerk_a_client, query | {"organisation": the_police.pk})
    add_actions(partnership_a, the_police, 27)
    many = queries_for(clerk_a_client, query | {"organisation": the_police.pk})

    assert many == few
