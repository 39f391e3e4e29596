"""The meeting page and its attendance tab show the quorum verdict from registry.quorum,
in words as well as colour."""

import pytest
from django.urls import reverse

from saferboard.meetings.models import AttendanceStatus
from tests.factories import AttendanceFactory

pytestmark = pytest.mark.django_db


def meeting_page(client, partnership, meeting, name="meetings:meeting-detail") -> str:
    url = reverse(name, kwargs={"partnership": partnership.slug, "pk": meeting.pk})
    return client.get(url).content.decode()


def attend(partnership, meeting, seat, status=AttendanceStatus.PRESENT, **extra):
    return AttendanceFactory(
        partnership=partnership, meeting=meeting, membership=seat, status=status, **extra
    )


def test_everyone_needed_is_present_so_the_meeting_is_quorate(
    partnership_a, a_meeting, seats, viewer_a_client
):
    for seat in seats.values():
        attend(partnership_a, a_meeting, seat)

    page = meeting_page(viewer_a_client, partnership_a, a_meeting)

    assert '<strong class="govuk-tag govuk-tag--green">Quorate</strong>' in page
    assert "Not quorate" not in page


def test_health_missing_makes_it_inquorate_and_says_so(
    partnership_a, a_meeting, seats, viewer_a_client
):
    attend(partnership_a, a_meeting, seats["chair"])
    attend(partnership_a, a_meeting, seats["police"])
    attend(partnership_a, a_meeting, seats["health"], AttendanceStatus.APOLOGIES)

    page = meeting_page(viewer_a_client, partnership_a, a_meeting)

    assert '<strong class="govuk-tag govuk-tag--red">Not quorate</strong>' in page
    assert "Not quorate: no voting representative of health." in page


def test_a_substitute_for_health_counts_for_health(
    partnership_a, a_meeting, seats, viewer_a_client
):
    attend(partnership_a, a_meeting, seats["chair"])
    attend(partnership_a, a_meeting, seats["police"])
    attend(
        partnership_a,
        a_meeting,
        seats["health"],
        AttendanceStatus.APOLOGIES,
        substitute_name="Dr Sue Stitute",
    )

    page = meeting_page(viewer_a_client, partnership_a, a_meeting, "meetings:attendance")

    assert ">Quorate</strong>" in page
    assert "Dr Sue Stitute" in page


def test_no_attendance_yet_says_quorum_cannot_be_checked(
    partnership_a, a_meeting, seats, viewer_a_client
):
    page = meeting_page(viewer_a_client, partnership_a, a_meeting)

    assert "Attendance has not been recorded yet, so quorum cannot be checked." in page


def test_the_attendance_tab_says_what_is_missing_and_which_terms_it_used(
    partnership_a, a_meeting, seats, viewer_a_client
):
    attend(partnership_a, a_meeting, seats["police"])
    attend(partnership_a, a_meeting, seats["health"])

    page = meeting_page(viewer_a_client, partnership_a, a_meeting, "meetings:attendance")

    assert '<strong class="govuk-tag govuk-tag--red">Not quorate</strong>' in page
    assert "the chair, a co-chair or a vice-chair must be present" in page
    assert "no voting representative of local authority" in page
    assert "Checked against the Community Safety Partnership Board terms of reference" in page
