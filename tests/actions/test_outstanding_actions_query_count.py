"""The outstanding-actions page and report take the same number of queries however many
actions there are (owners prefetched, latest update by subquery)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferboard.actions.models import ActionStatus
from saferboard.actions.outstanding import outstanding_actions
from saferboard.actions.services import action_add_update, action_create
from tests.actions.outstanding_story import a_year_of_the_board
from tests.factories import PersonFactory, PostFactory


def _add_actions(story, partnership, organisation, count: int) -> None:
    for n in range(count):
        person = PersonFactory(partnership=partnership)
        post = PostFactory(partnership=partnership, organisation=organisation)
        action = action_create(
            partnership=partnership,
            by=None,
            text=f"Extra action {n}",
            owners=[person, post, organisation],
            meeting=story.meeting_1,
        )
        for day in (3, 4):
            action.refresh_from_db()
            action_add_update(
                action=action,
                by=None,
                expected_version=action.version,
                on=datetime.date(2025, 4, day),
                note=f"Update on the {day}th",
                status=ActionStatus.IN_PROGRESS,
            )


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as queries:
        fn()
    return len(queries)


def test_the_page_and_the_report_do_not_query_per_action(
    partnership_a, the_police, viewer_a_client
):
    story = a_year_of_the_board(partnership_a, owner=the_police)
    url = reverse(
        "actions:outstanding", kwargs={"partnership": "haringey", "pk": story.meeting_2.pk}
    )

    def page():
        response = viewer_a_client.get(url)
        assert response.status_code == 200

    _add_actions(story, partnership_a, the_police, 2)
    few = (_count(page), _count(lambda: outstanding_actions(meeting=story.meeting_2)))
    rows_few = len(outstanding_actions(meeting=story.meeting_2))
    _add_actions(story, partnership_a, the_police, 10)
    many = (_count(page), _count(lambda: outstanding_actions(meeting=story.meeting_2)))
    rows_many = len(outstanding_actions(meeting=story.meeting_2))

    assert rows_many == rows_few + 10
    assert many == few
    assert few[1] <= 5
