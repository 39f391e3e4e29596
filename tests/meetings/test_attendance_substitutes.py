"""Substitutes are checked against the registry and the terms of reference: the holder of
a deputy seat for the member is their named deputy; someone who represents another
organisation, or already sits on the body, is refused and nothing is saved."""

import datetime

import pytest
from django.urls import reverse

from saferboard.core.errors import BusinessRuleError
from saferboard.meetings.models import Attendance
from saferboard.meetings.services import AttendanceEntry, meeting_attendance_record
from saferboard.registry.models import Person, Sector
from tests.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def record_url(partnership, meeting):
    return reverse(
        "meetings:meeting-attendance", kwargs={"partnership": partnership.slug, "pk": meeting.pk}
    )


def person(partnership, given, family):
    return PersonFactory(partnership=partnership, given_name=given, family_name=family)


@pytest.fixture
def police_deputy(partnership_a, the_board, seats):
    """Insp Dee Puty holds the deputy seat for the police member."""
    return MembershipFactory(
        partnership=partnership_a,
        body=the_board,
        organisation=seats["police"].organisation,
        deputy_of=seats["police"],
        person=person(partnership_a, "Dee", "Puty"),
        start_date=datetime.date(2024, 4, 1),
    )


def send_substitute(client, partnership, meeting, seat, substitute):
    return client.post(
        record_url(partnership, meeting),
        {
            f"status_{seat.pk}": "apologies",
            f"substitute_person_{seat.pk}": str(substitute.pk),
        },
    )


def test_the_named_deputy_is_recognised_on_the_attendance_page(
    partnership_a, a_meeting, seats, police_deputy, clerk_a_client
):
    response = send_substitute(
        clerk_a_client, partnership_a, a_meeting, seats["police"], police_deputy.person
    )

    assert response.status_code == 302
    page = clerk_a_client.get(response["Location"]).content.decode()
    assert "Dee Puty" in page
    assert "Named deputy</strong>" in page


def test_a_substitute_from_another_organisation_is_refused(
    partnership_a, a_meeting, seats, clerk_a_client
):
    # Dr Jo Other sits on another body for a health trust, not for the police.
    MembershipFactory(
        partnership=partnership_a,
        body=BodyFactory(partnership=partnership_a, name="Health and Wellbeing Board"),
        organisation=OrganisationFactory(
            partnership=partnership_a, name="Whittington Health", sector=Sector.HEALTH
        ),
        person=person(partnership_a, "Jo", "Other"),
    )
    jo = Person.objects.get(family_name="Other")

    response = send_substitute(clerk_a_client, partnership_a, a_meeting, seats["police"], jo)

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        f"Jo Other cannot substitute for Pat Cop: they represent Whittington Health, not "
        f"{seats['police'].organisation}." in html
    )
    assert "govuk-error-summary" in html
    assert not Attendance.objects.exists()


def test_a_member_cannot_also_substitute_for_another_seat_on_the_same_body(
    partnership_a, a_meeting, seats, clerk_a_client
):
    response = send_substitute(
        clerk_a_client, partnership_a, a_meeting, seats["health"], seats["police"].person
    )

    assert "Pat Cop cannot substitute for Hal Nurse: they hold their own seat on" in (
        response.content.decode()
    )
    assert not Attendance.objects.exists()


def test_a_substitute_from_the_seats_own_organisation_is_accepted(
    partnership_a, a_meeting, seats, clerk_a_client
):
    colleague = person(partnership_a, "Sam", "Colleague")
    MembershipFactory(  # sits on a sub-group for the same police organisation
        partnership=partnership_a, organisation=seats["police"].organisation, person=colleague
    )

    response = send_substitute(clerk_a_client, partnership_a, a_meeting, seats["police"], colleague)

    assert response.status_code == 302
    row = Attendance.objects.get()
    assert row.substitute_person == colleague
    page = clerk_a_client.get(response["Location"]).content.decode()
    assert "Sam Colleague" in page and "Named deputy</strong>" not in page


def test_someone_the_registry_holds_no_seat_for_is_accepted(
    partnership_a, a_meeting, seats, clerk_a_client
):
    newcomer = person(partnership_a, "New", "Comer")

    response = send_substitute(clerk_a_client, partnership_a, a_meeting, seats["police"], newcomer)

    assert response.status_code == 302
    assert Attendance.objects.get().substitute_person == newcomer


def test_a_deputy_seat_cannot_be_recorded_as_a_seat_of_its_own(
    partnership_a, a_meeting, seats, police_deputy, clerk_a
):
    with pytest.raises(BusinessRuleError, match="Dee Puty holds a deputy seat: record them as"):
        meeting_attendance_record(
            meeting=a_meeting,
            entries=[AttendanceEntry(membership=police_deputy, status="present")],
            by=clerk_a,
        )
