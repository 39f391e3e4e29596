"""Officers and guests "in attendance": added from the registry's people or by name with
organisation and role, listed on the attendance tab, removed with a version check."""

import pytest
from django.urls import reverse

from saferboard.core.errors import StaleEditError
from saferboard.meetings.models import InAttendance
from saferboard.meetings.participation import in_attendance_remove
from tests.factories import InAttendanceFactory, PersonFactory

pytestmark = pytest.mark.django_db


def add_url(partnership, meeting):
    return reverse(
        "meetings:in-attendance-add", kwargs={"partnership": partnership.slug, "pk": meeting.pk}
    )


def tab_url(partnership, meeting):
    return reverse(
        "meetings:attendance", kwargs={"partnership": partnership.slug, "pk": meeting.pk}
    )


def remove_url(partnership, guest):
    return reverse(
        "meetings:in-attendance-remove", kwargs={"partnership": partnership.slug, "pk": guest.pk}
    )


def test_an_officer_from_the_registry_is_added_and_listed(
    partnership_a, a_meeting, clerk_a, clerk_a_client
):
    officer = PersonFactory(partnership=partnership_a, given_name="Eubert", family_name="Malcolm")

    response = clerk_a_client.post(
        add_url(partnership_a, a_meeting),
        {"kind": "officer", "person": officer.pk, "role": "Community Safety Manager"},
    )

    assert response.status_code == 302
    row = InAttendance.objects.get()
    assert (row.person, row.role, row.meeting) == (officer, "Community Safety Manager", a_meeting)
    assert row.history.first().history_user == clerk_a
    page = clerk_a_client.get(tab_url(partnership_a, a_meeting)).content.decode()
    in_attendance = page.split('id="in-attendance"')[1]
    assert "Eubert Malcolm" in in_attendance and "Community Safety Manager" in in_attendance


def test_a_guest_is_added_by_name_with_organisation_and_role(
    partnership_a, a_meeting, clerk_a_client
):
    clerk_a_client.post(
        add_url(partnership_a, a_meeting),
        {
            "kind": "guest",
            "name": "Jane Guest",
            "organisation": "Victim Support",
            "role": "Area Manager",
        },
    )

    page = clerk_a_client.get(tab_url(partnership_a, a_meeting)).content.decode()
    assert "Jane Guest" in page
    assert "Victim Support, Area Manager" in page
    assert InAttendance.objects.get().get_kind_display() == "Guest"


@pytest.mark.parametrize(
    "data, message",
    [
        ({"kind": "guest"}, "Choose the person from the list or give their name."),
        (
            {"kind": "guest", "name": "Jane Guest", "person": "PERSON"},
            "Choose the person from the list or give their name, not both.",
        ),
    ],
)
def test_a_person_must_be_named_once(partnership_a, a_meeting, clerk_a_client, data, message):
    someone = PersonFactory(partnership=partnership_a)
    data = {k: (someone.pk if v == "PERSON" else v) for k, v in data.items()}

    response = clerk_a_client.post(add_url(partnership_a, a_meeting), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not InAttendance.objects.exists()


def test_someone_already_listed_is_not_added_twice(partnership_a, a_meeting, clerk_a_client):
    officer = PersonFactory(partnership=partnership_a, given_name="Eubert", family_name="Malcolm")
    InAttendanceFactory(partnership=partnership_a, meeting=a_meeting, person=officer, name="")

    response = clerk_a_client.post(
        add_url(partnership_a, a_meeting), {"kind": "officer", "person": officer.pk}
    )

    assert "Eubert Malcolm is already listed as in attendance." in response.content.decode()
    assert InAttendance.objects.count() == 1


def test_removing_asks_first_then_removes(partnership_a, a_meeting, clerk_a_client):
    guest = InAttendanceFactory(partnership=partnership_a, meeting=a_meeting, name="Jane Guest")

    confirm = clerk_a_client.get(remove_url(partnership_a, guest)).content.decode()
    response = clerk_a_client.post(remove_url(partnership_a, guest), {"version": guest.version})

    assert "Remove Jane Guest as in attendance?" in confirm
    assert response["Location"].endswith("#in-attendance")
    assert not InAttendance.objects.exists()
    assert guest.history.first().history_type == "-"  # the removal is in the history


def test_a_stale_removal_is_refused(partnership_a, a_meeting, clerk_a):
    guest = InAttendanceFactory(partnership=partnership_a, meeting=a_meeting)

    with pytest.raises(StaleEditError):
        in_attendance_remove(in_attendance=guest, by=clerk_a, expected_version=guest.version - 1)

    assert InAttendance.objects.exists()


def test_a_viewer_sees_the_list_but_cannot_change_it(partnership_a, a_meeting, viewer_a_client):
    guest = InAttendanceFactory(partnership=partnership_a, meeting=a_meeting, name="Jane Guest")

    page = viewer_a_client.get(tab_url(partnership_a, a_meeting)).content.decode()
    response = viewer_a_client.post(remove_url(partnership_a, guest), {"version": guest.version})

    assert "Jane Guest" in page and "Add an officer or guest" not in page
    assert response.status_code == 403
    assert InAttendance.objects.exists()
