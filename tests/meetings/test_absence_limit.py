"""Organisations unrepresented at the terms of reference's absence limit of consecutive held
meetings, most recent first, are flagged on the attendance page and the registry's body page."""

import datetime

import pytest
from django.urls import reverse

from saferboard.meetings.models import AttendanceStatus
from saferboard.meetings.participation import body_attendance_statistics
from tests.factories import MembershipFactory, PersonFactory
from tests.meetings.test_attendance_statistics import held_meeting

pytestmark = pytest.mark.django_db
P, A, X = AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT
DAYS = [datetime.date(2025, month, 10) for month in (1, 3, 5, 7)]


def flagged(board):
    return {row.organisation.pk: row for row in body_attendance_statistics(body=board).flagged}


def test_an_organisation_missing_the_last_three_meetings_is_flagged(
    partnership_a, the_board, seats
):
    chair, police, health = seats["chair"], seats["police"], seats["health"]
    meetings = [
        held_meeting(partnership_a, the_board, DAYS[0], {chair: P, police: P, health: P}),
        *(
            held_meeting(partnership_a, the_board, day, {chair: P, police: A, health: P})
            for day in DAYS[1:]
        ),
    ]

    rows = flagged(the_board)

    assert list(rows) == [police.organisation_id]
    assert rows[police.organisation_id].missed == [meetings[3], meetings[2], meetings[1]]


def test_a_substitute_keeps_the_organisation_represented(partnership_a, the_board, seats):
    chair, police, health = seats["chair"], seats["police"], seats["health"]
    sub = (A, "Insp Sam Deputy")
    for day, police_came in zip(DAYS, [A, sub, A, X], strict=True):
        held_meeting(partnership_a, the_board, day, {chair: P, police: police_came, health: P})

    # Three missed in all, but only the last two in a row.
    assert flagged(the_board) == {}


def test_another_seat_of_the_same_organisation_represents_it(partnership_a, the_board, seats):
    second = MembershipFactory(
        partnership=partnership_a,
        body=the_board,
        organisation=seats["police"].organisation,
        person=PersonFactory(partnership=partnership_a),
    )
    for day in DAYS[1:]:
        held_meeting(partnership_a, the_board, day, {seats["police"]: X, second: P})

    assert seats["police"].organisation_id not in flagged(the_board)


def test_the_limit_comes_from_the_terms_of_reference(partnership_a, the_board, seats):
    terms = the_board.terms_of_reference.get()
    terms.absence_limit = 2
    terms.save()
    held_meeting(partnership_a, the_board, DAYS[2], {seats["chair"]: P, seats["police"]: A})
    held_meeting(partnership_a, the_board, DAYS[3], {seats["chair"]: P, seats["police"]: A})

    assert seats["police"].organisation_id in flagged(the_board)


def test_the_body_pages_warn_naming_the_organisation_and_the_meetings_missed(
    partnership_a, the_board, seats, viewer_a_client
):
    police = seats["police"]
    police.organisation.name = "Metropolitan Police Service"
    police.organisation.save()
    for day in DAYS[1:]:
        held_meeting(partnership_a, the_board, day, {seats["chair"]: P, police: X})
    kwargs = {"partnership": partnership_a.slug, "pk": the_board.pk}
    warning = (
        "Metropolitan Police Service was not represented at the last 3 meetings of "
        "Community Safety Partnership Board (10 July 2025, 10 May 2025, 10 March 2025)."
    )

    registry_page = viewer_a_client.get(reverse("registry:body-detail", kwargs=kwargs))
    attendance_page = viewer_a_client.get(reverse("meetings:body-attendance", kwargs=kwargs))

    for page in (registry_page.content.decode(), attendance_page.content.decode()):
        assert "govuk-warning-text" in page
        assert warning in " ".join(page.split())
    assert reverse("meetings:body-attendance", kwargs=kwargs) in registry_page.content.decode()


def test_no_warning_while_everyone_is_represented(partnership_a, the_board, seats, viewer_a_client):
    for day in DAYS:
        held_meeting(partnership_a, the_board, day, {seat: P for seat in seats.values()})

    page = viewer_a_client.get(
        reverse(
            "registry:body-detail", kwargs={"partnership": partnership_a.slug, "pk": the_board.pk}
        )
    ).content.decode()

    assert "govuk-warning-text" not in page
