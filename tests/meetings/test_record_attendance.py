"""The clerk records attendance for every seat in one submission: all rows are saved
together, and a submission with any bad row saves nothing."""

import datetime

import pytest
from django.urls import reverse

from saferboard.core.errors import BusinessRuleError
from saferboard.meetings.models import Attendance, AttendanceStatus
from saferboard.meetings.services import AttendanceEntry, meeting_attendance_record
from tests.factories import BodyFactory, MeetingFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def attendance_url(partnership, meeting):
    return reverse(
        "meetings:meeting-attendance", kwargs={"partnership": partnership.slug, "pk": meeting.pk}
    )


def test_the_page_lists_the_seats_held_on_the_meeting_date_for_each_body(
    partnership_a, the_board, seats, clerk_a_client
):
    other = BodyFactory(partnership=partnership_a, name="Health and Wellbeing Board")
    hwb_seat = MembershipFactory(partnership=partnership_a, body=other)
    former = MembershipFactory(
        partnership=partnership_a,
        body=the_board,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2023, 1, 1),
        person=PersonFactory(partnership=partnership_a, given_name="Former", family_name="Member"),
    )
    meeting = MeetingFactory(partnership=partnership_a, bodies=[the_board, other])

    page = clerk_a_client.get(attendance_url(partnership_a, meeting)).content.decode()

    assert "Community Safety Partnership Board: seats held on 12 June 2025" in page
    assert "Health and Wellbeing Board: seats held on 12 June 2025" in page
    for seat in [*seats.values(), hwb_seat]:
        assert f'name="status_{seat.pk}"' in page
    assert f'name="status_{former.pk}"' not in page  # the seat ended before the meeting


def test_one_submission_saves_every_seat(partnership_a, a_meeting, seats, clerk_a, clerk_a_client):
    response = clerk_a_client.post(
        attendance_url(partnership_a, a_meeting),
        {
            f"status_{seats['chair'].pk}": "present",
            f"status_{seats['police'].pk}": "apologies",
            f"substitute_name_{seats['police'].pk}": "Insp Sam Deputy",
            f"status_{seats['health'].pk}": "absent",
        },
    )

    assert response.status_code == 302
    rows = {row.membership_id: row for row in Attendance.objects.filter(meeting=a_meeting)}
    assert rows[seats["chair"].pk].status == AttendanceStatus.PRESENT
    assert rows[seats["police"].pk].substitute == "Insp Sam Deputy"
    assert rows[seats["health"].pk].status == AttendanceStatus.ABSENT
    assert {row.history.first().history_user for row in rows.values()} == {clerk_a}


def test_saving_again_updates_rather_than_duplicates(
    partnership_a, a_meeting, seats, clerk_a_client
):
    url = attendance_url(partnership_a, a_meeting)
    clerk_a_client.post(url, {f"status_{seats['chair'].pk}": "apologies"})

    clerk_a_client.post(url, {f"status_{seats['chair'].pk}": "present"})

    assert list(Attendance.objects.values_list("status", flat=True)) == ["present"]


def test_a_bad_row_saves_nothing_and_says_which_seat(
    partnership_a, a_meeting, seats, clerk_a_client
):
    response = clerk_a_client.post(
        attendance_url(partnership_a, a_meeting),
        {
            f"status_{seats['chair'].pk}": "present",
            # A substitute for someone recorded as present makes no sense.
            f"status_{seats['police'].pk}": "present",
            f"substitute_name_{seats['police'].pk}": "Insp Sam Deputy",
        },
    )

    assert response.status_code == 200
    assert "A substitute came for Pat Cop, so choose apologies for Pat Cop." in (
        response.content.decode()
    )
    assert "govuk-error-summary" in response.content.decode()
    assert not Attendance.objects.exists()


def test_the_service_checks_every_entry_before_writing_any(
    partnership_a, a_meeting, seats, clerk_a
):
    stranger = MembershipFactory(partnership=partnership_a)  # a seat on another body
    entries = [
        AttendanceEntry(membership=seats["chair"], status="present"),
        AttendanceEntry(membership=stranger, status="present"),
    ]

    with pytest.raises(BusinessRuleError, match="did not hold a seat on this meeting's bodies"):
        meeting_attendance_record(meeting=a_meeting, entries=entries, by=clerk_a)

    assert not Attendance.objects.exists()


def test_a_failure_part_way_through_the_writes_rolls_everything_back(
    partnership_a, a_meeting, seats, clerk_a, monkeypatch
):
    from saferboard.meetings import services

    real_create = services.record_create
    calls = {"n": 0}

    def failing_create(**kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("database went away")
        return real_create(**kwargs)

    monkeypatch.setattr(services, "record_create", failing_create)
    entries = [
        AttendanceEntry(membership=seats["chair"], status="present"),
        AttendanceEntry(membership=seats["police"], status="present"),
    ]

    with pytest.raises(RuntimeError):
        meeting_attendance_record(meeting=a_meeting, entries=entries, by=clerk_a)

    assert not Attendance.objects.exists()


def test_a_viewer_cannot_record_attendance(partnership_a, a_meeting, seats, viewer_a_client):
    response = viewer_a_client.post(
        attendance_url(partnership_a, a_meeting), {f"status_{seats['chair'].pk}": "present"}
    )

    assert response.status_code == 403
    assert not Attendance.objects.exists()
