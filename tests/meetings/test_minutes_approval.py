"""Minutes are approved "as a correct record" at the body's next meeting, at its "Minutes of
the previous meeting" item, and the chair's signature is recorded."""

import datetime

import pytest
from django.urls import reverse

from saferboard.core.errors import BusinessRuleError
from saferboard.meetings.minutes import approval_resolution_text, minutes_approve
from saferboard.meetings.models import MeetingStatus, StandingKind
from tests.factories import AgendaItemFactory, MeetingFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chair(partnership_a):
    return PersonFactory(partnership=partnership_a, given_name="Mark", family_name="Blake")


@pytest.fixture
def june(partnership_a, the_board):
    return MeetingFactory(
        partnership=partnership_a,
        bodies=[the_board],
        date=datetime.date(2025, 6, 12),
        status=MeetingStatus.DRAFT_MINUTES,
    )


@pytest.fixture
def september(partnership_a, the_board, chair):
    return MeetingFactory(
        partnership=partnership_a,
        bodies=[the_board],
        date=datetime.date(2025, 9, 18),
        status=MeetingStatus.HELD,
        chair=chair,
    )


@pytest.fixture
def minutes_item(partnership_a, september):
    return AgendaItemFactory(
        partnership=partnership_a,
        meeting=september,
        title="Minutes",
        standing_kind=StandingKind.PREVIOUS_MINUTES,
    )


def item_url(partnership, item):
    return reverse("meetings:minutes-item", kwargs={"partnership": partnership.slug, "pk": item.pk})


def test_the_chair_signs_off_at_the_next_meeting(
    partnership_a, june, september, minutes_item, chair, clerk_a_client
):
    page = clerk_a_client.get(item_url(partnership_a, minutes_item)).content.decode()
    assert f"Approve the minutes of {june} as a correct record" in page
    assert f'<option value="{chair.pk}" selected>' in page  # the later meeting's chair

    response = clerk_a_client.post(
        item_url(partnership_a, minutes_item),
        {
            "approve": "1",
            "minutes_of": june.pk,
            "signed_by": chair.pk,
            "signed_on_day": "18",
            "signed_on_month": "9",
            "signed_on_year": "2025",
        },
    )

    assert response.status_code == 302
    june.refresh_from_db()
    assert june.status == MeetingStatus.MINUTES_APPROVED
    assert june.minutes_approved_at == september
    assert june.minutes_signed_by == chair
    assert june.minutes_signed_on == datetime.date(2025, 9, 18)
    assert list(minutes_item.resolutions.values_list("text", flat=True)) == [
        approval_resolution_text(meeting=june)
    ]
    earlier_page = clerk_a_client.get(
        reverse("meetings:minutes", kwargs={"partnership": partnership_a.slug, "pk": june.pk})
    ).content.decode()
    assert (
        "Approved as a correct record on 18 September 2025 at the meeting of 18 September 2025; "
        "signed by Mark Blake" in earlier_page
    )


def test_minutes_not_yet_in_draft_cannot_be_approved(
    partnership_a, june, september, minutes_item, chair, clerk_a, clerk_a_client
):
    june.status = MeetingStatus.HELD
    june.save()

    with pytest.raises(BusinessRuleError, match="only draft minutes can be approved"):
        minutes_approve(
            meeting=june,
            at_meeting=september,
            signed_by=chair,
            signed_on=september.date,
            by=clerk_a,
        )

    page = clerk_a_client.get(item_url(partnership_a, minutes_item)).content.decode()
    assert "There are no draft minutes to approve" in page
    assert "Start its draft minutes first" in page
    june.refresh_from_db()
    assert june.minutes_approved_at is None


def test_minutes_are_approved_at_a_later_meeting_that_has_been_held(
    partnership_a, the_board, june, september, minutes_item, chair, clerk_a
):
    september.status = MeetingStatus.AGENDA_PUBLISHED
    september.save()

    with pytest.raises(BusinessRuleError, match="at a meeting that has been held"):
        minutes_approve(
            meeting=june,
            at_meeting=september,
            signed_by=chair,
            signed_on=september.date,
            by=clerk_a,
        )
    with pytest.raises(BusinessRuleError, match="later meeting of the same body"):
        minutes_approve(
            meeting=june, at_meeting=june, signed_by=chair, signed_on=june.date, by=clerk_a
        )


def test_approval_needs_the_previous_minutes_item(partnership_a, june, september, chair, clerk_a):
    with pytest.raises(BusinessRuleError, match="no “Minutes of the previous meeting” item"):
        minutes_approve(
            meeting=june,
            at_meeting=september,
            signed_by=chair,
            signed_on=september.date,
            by=clerk_a,
        )

    june.refresh_from_db()
    assert june.status == MeetingStatus.DRAFT_MINUTES
