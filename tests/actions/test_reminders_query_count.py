"""Working out who to remind takes the same number of queries however many actions."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from saferboard.actions.reminders import reminders_send
from saferboard.registry.models import Sector
from tests.actions.remind import TODAY, action_for, days
from tests.factories import (
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PostFactory,
)


def _actions(partnership, *, count: int, the_police) -> None:
    board = BodyFactory(partnership=partnership)
    meeting = MeetingFactory(partnership=partnership, bodies=[board])
    post = PostFactory(partnership=partnership, organisation=the_police)
    for n in range(count):
        holder = PersonFactory(partnership=partnership, email=f"holder{n}@example.org")
        MembershipFactory(
            partnership=partnership, body=board, person=holder, organisation=the_police, post=post
        )
        action_for(
            partnership,
            text=f"Action {n}",
            owners=[
                {"person": PersonFactory(partnership=partnership, email=f"p{n}@example.org")},
                {"post": post},
                {"organisation": the_police},
                {"body": board},
            ],
            meeting=meeting,
            due_date=TODAY - days(n),
        )


def _queries(partnership) -> int:
    with CaptureQueriesContext(connection) as queries:
        summary = reminders_send(partnership=partnership, today=TODAY, dry_run=True)
    assert summary.emails_sent > 0
    return len(queries)


def test_the_dry_run_query_count_does_not_grow_with_actions(partnership_a, partnership_b):
    police_a = OrganisationFactory(partnership=partnership_a, sector=Sector.POLICE)
    police_b = OrganisationFactory(partnership=partnership_b, sector=Sector.POLICE)
    _actions(partnership_a, count=2, the_police=police_a)
    _actions(partnership_b, count=8, the_police=police_b)

    assert _queries(partnership_a) == _queries(partnership_b)
