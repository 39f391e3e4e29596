"""Attendance statistics per person and per organisation over a body's held meetings,
in numbers and percentages, read in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferboard.meetings.models import AttendanceStatus, MeetingStatus
from saferboard.meetings.participation import body_attendance_statistics
from tests.factories import AttendanceFactory, MeetingFactory

pytestmark = pytest.mark.django_db
P, A, X = AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT


def held_meeting(partnership, board, day, record: dict, status=MeetingStatus.HELD):
    """A held meeting of `board` on `day`; `record` maps seat to status or (status, substitute)."""
    meeting = MeetingFactory(partnership=partnership, bodies=[board], date=day)
    meeting.status = status
    meeting.save()
    for seat, value in record.items():
        status, substitute = value if isinstance(value, tuple) else (value, "")
        AttendanceFactory(
            partnership=partnership,
            meeting=meeting,
            membership=seat,
            status=status,
            substitute_name=substitute,
        )
    return meeting


def by_name(statistics):
    people = {row.person.family_name: row.tally for row in statistics.people}
    organisations = {row.organisation.pk: row for row in statistics.organisations}
    return people, organisations


def test_counts_and_percentages_per_person_and_organisation(partnership_a, the_board, seats):
    chair, police, health = seats["chair"], seats["police"], seats["health"]
    held_meeting(
        partnership_a, the_board, datetime.date(2025, 1, 10), {chair: P, police: P, health: X}
    )
    held_meeting(
        partnership_a,
        the_board,
        datetime.date(2025, 4, 10),
        {chair: P, police: (A, "Insp Sam Deputy"), health: A},
        status=MeetingStatus.MINUTES_APPROVED,
    )
    held_meeting(partnership_a, the_board, datetime.date(2025, 7, 10), {chair: A, police: P})
    # Neither a meeting still to be held nor a cancelled one counts.
    MeetingFactory(partnership=partnership_a, bodies=[the_board], date=datetime.date(2025, 9, 1))

    statistics = body_attendance_statistics(body=the_board)
    people, organisations = by_name(statistics)

    assert len(statistics.meetings) == 3
    assert (people["Chair"].present, people["Chair"].apologies, people["Chair"].expected) == (
        2,
        1,
        3,
    )
    assert people["Chair"].present_percent == 67
    assert (people["Cop"].present, people["Cop"].substituted) == (2, 1)
    assert people["Cop"].represented_percent == 100
    # Hal Nurse was not recorded at the July meeting: that counts as absent.
    assert (people["Nurse"].absent, people["Nurse"].apologies) == (2, 1)
    assert people["Nurse"].present_percent == 0
    assert organisations[police.organisation_id].represented == 3
    assert organisations[health.organisation_id].represented_percent == 0


def test_the_page_shows_the_figures_and_is_linked_from_the_calendar(
    partnership_a, the_board, seats, viewer_a_client
):
    held_meeting(
        partnership_a,
        the_board,
        datetime.date(2025, 1, 10),
        {seats["chair"]: P, seats["police"]: A},
    )
    url = reverse(
        "meetings:body-attendance", kwargs={"partnership": partnership_a.slug, "pk": the_board.pk}
    )
    calendar = reverse(
        "meetings:body-calendar", kwargs={"partnership": partnership_a.slug, "pk": the_board.pk}
    )

    page = viewer_a_client.get(url).content.decode()

    assert url in viewer_a_client.get(calendar).content.decode()
    people = page.split('id="people"')[1]
    chair_row = people.split("Ann Chair")[1].split("</tr>")[0]
    assert ">100%</td>" in chair_row
    cop_row = people.split("Pat Cop")[1].split("</tr>")[0]
    assert ">0%</td>" in cop_row


def test_a_held_meeting_without_attendance_is_left_out_and_listed(
    partnership_a, the_board, seats, viewer_a_client
):
    held_meeting(partnership_a, the_board, datetime.date(2025, 1, 10), {seats["chair"]: P})
    forgotten = held_meeting(partnership_a, the_board, datetime.date(2025, 4, 10), {})

    statistics = body_attendance_statistics(body=the_board)

    assert statistics.unrecorded == [forgotten]
    assert len(statistics.meetings) == 1


def test_a_member_counts_only_at_meetings_while_they_held_the_seat(partnership_a, the_board, seats):
    police = seats["police"]
    police.start_date = datetime.date(2025, 3, 1)
    police.save()
    held_meeting(partnership_a, the_board, datetime.date(2025, 1, 10), {seats["chair"]: P})
    held_meeting(
        partnership_a, the_board, datetime.date(2025, 4, 10), {seats["chair"]: P, police: P}
    )

    people, _ = by_name(body_attendance_statistics(body=the_board))

    assert people["Cop"].expected == 1


def test_the_query_count_does_not_grow_with_the_number_of_meetings(partnership_a, the_board, seats):
    def queries_for(count: int, start: datetime.date) -> int:
        for n in range(count):
            held_meeting(
                partnership_a,
                the_board,
                start + datetime.timedelta(days=30 * n),
                {seats["chair"]: P, seats["police"]: (A, "Insp Sam Deputy"), seats["health"]: X},
            )
        with CaptureQueriesContext(connection) as captured:
            statistics = body_attendance_statistics(body=the_board)
            [str(m) for m in statistics.meetings]  # names need the bodies: prefetched
        return len(captured.captured_queries)

    few = queries_for(2, datetime.date(2023, 1, 1))
    many = queries_for(10, datetime.date(2024, 1, 1))

    assert many == few
