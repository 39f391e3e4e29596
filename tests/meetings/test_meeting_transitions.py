"""A meeting moves draft -> agenda published -> held -> draft minutes -> minutes approved,
or is cancelled before it is held; every move is audited with who made it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.meetings.models import MeetingStatus as S
from saferboard.meetings.services import meeting_transition
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db
# A month before the meeting on 12 June 2025: well before its circulation deadline.
IN_GOOD_TIME = datetime.datetime(2025, 5, 12, 9, 0, tzinfo=datetime.UTC)


def test_the_whole_life_cycle_is_allowed_and_audited_with_the_user(
    a_meeting, clerk_a, partnership_a, the_board
):
    # Minutes are approved at a later meeting, which the meeting records first.
    a_meeting.minutes_approved_at = MeetingFactory(
        partnership=partnership_a, bodies=[the_board], date=datetime.date(2025, 9, 11)
    )
    a_meeting.save()
    for status in (S.AGENDA_PUBLISHED, S.HELD, S.DRAFT_MINUTES, S.MINUTES_APPROVED):
        meeting_transition(
            meeting=a_meeting,
            to=status,
            by=clerk_a,
            expected_version=a_meeting.version,
            now=IN_GOOD_TIME,
        )

    a_meeting.refresh_from_db()
    assert a_meeting.status == S.MINUTES_APPROVED
    rows = list(a_meeting.history.order_by("history_date"))
    statuses = [row.status for row in rows if row.history_type == "~" and row.history_user]
    assert statuses[-4:] == [S.AGENDA_PUBLISHED, S.HELD, S.DRAFT_MINUTES, S.MINUTES_APPROVED]
    assert all(row.history_user == clerk_a for row in rows if row.status != S.DRAFT)


@pytest.mark.parametrize("start", [S.DRAFT, S.AGENDA_PUBLISHED])
def test_a_meeting_not_yet_held_can_be_cancelled(a_meeting, clerk_a, start):
    a_meeting.status = start
    a_meeting.save()

    meeting_transition(meeting=a_meeting, to=S.CANCELLED, by=clerk_a, expected_version=None)

    assert a_meeting.status == S.CANCELLED


@pytest.mark.parametrize(
    ("start", "to", "message"),
    [
        (S.HELD, S.CANCELLED, "A meeting that has been held cannot be cancelled."),
        (S.DRAFT, S.HELD, "cannot move to “Held”. It can move to: “Agenda published”"),
        (S.CANCELLED, S.AGENDA_PUBLISHED, "The meeting is cancelled, so its status can no"),
        (S.MINUTES_APPROVED, S.DRAFT, "The meeting is minutes approved, so its status"),
        (S.DRAFT, "adjourned", "“adjourned” is not a meeting status."),
    ],
)
def test_illegal_moves_are_refused_in_plain_english(a_meeting, clerk_a, start, to, message):
    a_meeting.status = start
    a_meeting.save()
    version = a_meeting.version

    with pytest.raises(BusinessRuleError, match=message):
        meeting_transition(meeting=a_meeting, to=to, by=clerk_a, expected_version=None)

    a_meeting.refresh_from_db()
    assert (a_meeting.status, a_meeting.version) == (start, version)


def test_a_stale_status_change_is_refused(a_meeting, clerk_a):
    opened_at = a_meeting.version
    meeting_transition(
        meeting=a_meeting,
        to=S.AGENDA_PUBLISHED,
        by=clerk_a,
        expected_version=None,
        now=IN_GOOD_TIME,
    )

    with pytest.raises(StaleEditError):
        meeting_transition(
            meeting=a_meeting, to=S.CANCELLED, by=clerk_a, expected_version=opened_at
        )


def test_the_clerk_uses_the_button_on_the_meeting_page(a_meeting, clerk_a_client, partnership_a):
    a_meeting.date = timezone.localdate() + datetime.timedelta(days=60)  # papers not yet late
    a_meeting.save()
    kwargs = {"partnership": partnership_a.slug, "pk": a_meeting.pk}
    page = clerk_a_client.get(reverse("meetings:meeting-detail", kwargs=kwargs)).content.decode()
    assert "Publish the agenda" in page and "Cancel the meeting" in page

    response = clerk_a_client.post(
        reverse("meetings:meeting-transition", kwargs=kwargs),
        {"to": S.AGENDA_PUBLISHED, "version": a_meeting.version},
        follow=True,
    )

    a_meeting.refresh_from_db()
    assert a_meeting.status == S.AGENDA_PUBLISHED
    assert "The meeting is now “Agenda published”." in response.content.decode()


def test_an_illegal_button_press_shows_the_reason(a_meeting, clerk_a_client, partnership_a):
    kwargs = {"partnership": partnership_a.slug, "pk": a_meeting.pk}

    response = clerk_a_client.post(
        reverse("meetings:meeting-transition", kwargs=kwargs),
        {"to": S.MINUTES_APPROVED, "version": a_meeting.version},
        follow=True,
    )

    a_meeting.refresh_from_db()
    assert a_meeting.status == S.DRAFT
    assert "cannot move to “Minutes approved”" in response.content.decode()


def test_minutes_cannot_be_approved_without_the_approval_at_a_later_meeting(a_meeting, clerk_a):
    a_meeting.status = S.DRAFT_MINUTES
    a_meeting.save()

    with pytest.raises(BusinessRuleError, match="record the approval and the chair's signature"):
        meeting_transition(
            meeting=a_meeting, to=S.MINUTES_APPROVED, by=clerk_a, expected_version=None
        )

    a_meeting.refresh_from_db()
    assert a_meeting.status == S.DRAFT_MINUTES


def test_the_overview_offers_no_approve_button_for_draft_minutes(
    a_meeting, clerk_a_client, partnership_a
):
    a_meeting.status = S.DRAFT_MINUTES
    a_meeting.save()
    kwargs = {"partnership": partnership_a.slug, "pk": a_meeting.pk}

    page = clerk_a_client.get(reverse("meetings:meeting-detail", kwargs=kwargs)).content.decode()

    assert f'value="{S.MINUTES_APPROVED}"' not in page


def test_a_viewer_cannot_change_the_status(a_meeting, viewer_a_client, partnership_a):
    kwargs = {"partnership": partnership_a.slug, "pk": a_meeting.pk}

    response = viewer_a_client.post(
        reverse("meetings:meeting-transition", kwargs=kwargs),
        {"to": S.AGENDA_PUBLISHED, "version": a_meeting.version},
    )

    assert response.status_code == 403
    a_meeting.refresh_from_db()
    assert a_meeting.status == S.DRAFT
