"""E-mails to members when the agenda is published and when the minutes are approved."""

import datetime

import pytest
from django.core import mail
from django.db import transaction

from saferboard.core.errors import BusinessRuleError
from saferboard.meetings.models import MeetingStatus
from saferboard.meetings.services import meeting_transition
from tests.factories import BodyFactory, MeetingFactory, MembershipFactory, PersonFactory

S = MeetingStatus


@pytest.fixture
def next_meeting(partnership_a, the_board, seats):
    """A meeting two months away (so publishing now is on time), with a clerk."""
    for name, seat in seats.items():
        seat.person.email = f"{name}@example.org"
        seat.person.save()
    seats["health"].person.email = ""  # no address: cannot be e-mailed
    seats["health"].person.save()
    clerk = PersonFactory(partnership=partnership_a, given_name="Cleo", email="clerk@example.org")
    return MeetingFactory(
        partnership=partnership_a,
        bodies=[the_board],
        title="Board meeting",
        date=datetime.date.today() + datetime.timedelta(days=60),
        clerk=clerk,
    )


def test_publishing_the_agenda_emails_members_and_the_clerk_a_link(
    next_meeting, partnership_a, the_board, django_capture_on_commit_callbacks
):
    other_body = BodyFactory(partnership=partnership_a)
    MembershipFactory(
        partnership=partnership_a,
        body=other_body,
        person=PersonFactory(partnership=partnership_a, email="elsewhere@example.org"),
    )
    MembershipFactory(
        partnership=partnership_a,
        body=the_board,
        person=PersonFactory(partnership=partnership_a, email="former@example.org"),
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2021, 1, 1),
    )

    with django_capture_on_commit_callbacks(execute=True):
        meeting_transition(
            meeting=next_meeting, to=S.AGENDA_PUBLISHED, by=None, expected_version=None
        )

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["chair@example.org", "clerk@example.org", "police@example.org"]
    link = f"/p/{partnership_a.slug}/meetings/{next_meeting.pk}/"
    for message in mail.outbox:
        assert message.subject == f"Agenda published: {next_meeting}"
        assert link in message.body
        assert message.attachments == []
        assert len(message.to) == 1
    assert "Cleo" in mail.outbox[0].body  # the clerk to send apologies to


def test_approving_the_minutes_emails_the_members(next_meeting, django_capture_on_commit_callbacks):
    next_meeting.status = S.DRAFT_MINUTES
    next_meeting.minutes_approved_at = MeetingFactory(
        partnership=next_meeting.partnership,
        bodies=list(next_meeting.bodies.all()),
        date=next_meeting.date + datetime.timedelta(days=90),
    )
    next_meeting.save()

    with django_capture_on_commit_callbacks(execute=True):
        meeting_transition(
            meeting=next_meeting, to=S.MINUTES_APPROVED, by=None, expected_version=None
        )

    assert len(mail.outbox) == 3
    message = mail.outbox[0]
    assert message.subject == f"Minutes approved: {next_meeting}"
    assert "approved as a correct record" in message.body
    assert f"/meetings/{next_meeting.pk}/" in message.body
    assert message.attachments == []


def test_other_changes_send_nothing(next_meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting_transition(meeting=next_meeting, to=S.CANCELLED, by=None, expected_version=None)

    assert mail.outbox == []


def test_a_change_that_is_rolled_back_sends_nothing(
    next_meeting, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(BusinessRuleError),
        transaction.atomic(),
    ):
        meeting_transition(
            meeting=next_meeting, to=S.AGENDA_PUBLISHED, by=None, expected_version=None
        )
        raise BusinessRuleError("Something later in the same action went wrong.")

    assert callbacks == []
    assert mail.outbox == []
