"""An action due "by the next meeting" falls due on the date of its body's next meeting: once
that date has passed it is overdue in the log, and its due column names that date."""

import datetime

from django.urls import reverse

from saferboard.meetings.models import MeetingStatus
from tests.factories import ActionFactory, ActionOwnerFactory, BodyFactory, MeetingFactory

LOG = reverse("actions:action-list", kwargs={"partnership": "haringey"})
TODAY = datetime.date.today()


def by_next_meeting_action(partnership, board, the_police, *, next_meeting_on):
    raised_at = MeetingFactory(
        partnership=partnership, bodies=[board], date=TODAY - datetime.timedelta(days=90)
    )
    MeetingFactory(partnership=partnership, bodies=[board], date=next_meeting_on)
    action = ActionFactory(
        partnership=partnership, meeting=raised_at, by_next_meeting=True, text="Report back"
    )
    ActionOwnerFactory(partnership=partnership, action=action, organisation=the_police)
    return action


def test_it_is_overdue_once_the_next_meeting_has_passed(partnership_a, clerk_a_client, the_police):
    board = BodyFactory(partnership=partnership_a)
    next_meeting_on = TODAY - datetime.timedelta(days=1)
    by_next_meeting_action(partnership_a, board, the_police, next_meeting_on=next_meeting_on)

    page = clerk_a_client.get(LOG).content.decode()
    overdue_only = clerk_a_client.get(LOG, {"overdue": "on"}).content.decode()

    assert f"By the next meeting ({next_meeting_on:%-d %B %Y})" in page
    assert page.count(">Overdue</strong>") == 1
    assert "Report back" in overdue_only


def test_it_is_not_overdue_before_the_next_meeting(partnership_a, clerk_a_client, the_police):
    board = BodyFactory(partnership=partnership_a)
    next_meeting_on = TODAY + datetime.timedelta(days=14)
    by_next_meeting_action(partnership_a, board, the_police, next_meeting_on=next_meeting_on)

    page = clerk_a_client.get(LOG).content.decode()
    overdue_only = clerk_a_client.get(LOG, {"overdue": "on"}).content.decode()

    assert f"By the next meeting ({next_meeting_on:%-d %B %Y})" in page
    assert ">Overdue</strong>" not in page
    assert "Report back" not in overdue_only


def test_a_cancelled_meeting_is_not_the_next_meeting(partnership_a, clerk_a_client, the_police):
    board = BodyFactory(partnership=partnership_a)
    later = TODAY + datetime.timedelta(days=30)
    action = by_next_meeting_action(partnership_a, board, the_police, next_meeting_on=later)
    MeetingFactory(
        partnership=partnership_a,
        bodies=[board],
        date=TODAY - datetime.timedelta(days=5),
        status=MeetingStatus.CANCELLED,
    )

    page = clerk_a_client.get(LOG).content.decode()

    assert action.text in page
    assert f"By the next meeting ({later:%-d %B %Y})" in page
    assert ">Overdue</strong>" not in page
