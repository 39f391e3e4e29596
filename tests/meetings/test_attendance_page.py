"""The attendance tab: who was present, who sent apologies (and who came instead), who was
absent, with the quorum verdict; saving attendance leads back to it with a fresh verdict,
and the record page's verdict follows the radios before anything is saved."""

import datetime

import pytest
from django.urls import reverse

from saferboard.meetings.models import Attendance, AttendanceStatus
from tests.factories import AttendanceFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def url(name, partnership, meeting):
    return reverse(name, kwargs={"partnership": partnership.slug, "pk": meeting.pk})


def test_members_are_sorted_into_present_apologies_and_absent(
    partnership_a, a_meeting, seats, viewer_a_client
):
    AttendanceFactory(partnership=partnership_a, meeting=a_meeting, membership=seats["chair"])
    AttendanceFactory(
        partnership=partnership_a,
        meeting=a_meeting,
        membership=seats["police"],
        status=AttendanceStatus.APOLOGIES,
    )
    AttendanceFactory(
        partnership=partnership_a,
        meeting=a_meeting,
        membership=seats["health"],
        status=AttendanceStatus.ABSENT,
    )

    page = viewer_a_client.get(url("meetings:attendance", partnership_a, a_meeting))
    html = page.content.decode()

    present, rest = html.split(">Present</caption>")[1].split(">Apologies</caption>")
    apologies, absent = rest.split(">Absent</caption>")
    assert "Ann Chair (Chair)" in present and "Pat Cop" not in present
    assert "Pat Cop" in apologies and "Nobody came instead" in apologies
    assert "Hal Nurse" in absent
    assert "Record attendance" not in html  # a viewer cannot record it


def test_seats_without_a_choice_show_as_not_recorded(
    partnership_a, a_meeting, seats, viewer_a_client
):
    AttendanceFactory(partnership=partnership_a, meeting=a_meeting, membership=seats["chair"])

    html = viewer_a_client.get(url("meetings:attendance", partnership_a, a_meeting)).content
    html = html.decode()

    not_recorded = html.split("Absent or not recorded</caption>")[1]
    assert "Pat Cop" in not_recorded and "Hal Nurse" in not_recorded
    assert "Not recorded" in not_recorded


def test_the_tab_appears_among_the_meetings_tabs(partnership_a, a_meeting, viewer_a_client):
    html = viewer_a_client.get(url("meetings:meeting-detail", partnership_a, a_meeting)).content

    assert url("meetings:attendance", partnership_a, a_meeting) in html.decode()


def test_saving_attendance_returns_to_the_tab_with_the_new_verdict(
    partnership_a, a_meeting, seats, clerk_a_client
):
    data = {f"status_{seat.pk}": "present" for seat in seats.values()}

    response = clerk_a_client.post(
        url("meetings:meeting-attendance", partnership_a, a_meeting), data
    )

    assert response.status_code == 302
    assert response["Location"] == url("meetings:attendance", partnership_a, a_meeting)
    page = clerk_a_client.get(response["Location"]).content.decode()
    assert '<strong class="govuk-tag govuk-tag--green">Quorate</strong>' in page
    assert "Attendance saved." in page


def test_the_live_verdict_judges_the_choices_without_saving_them(
    partnership_a, a_meeting, seats, clerk_a_client
):
    live = url("meetings:attendance-quorum", partnership_a, a_meeting)
    everyone = {f"status_{seat.pk}": "present" for seat in seats.values()}

    quorate = clerk_a_client.post(live, everyone).content.decode()
    health_away = clerk_a_client.post(
        live, everyone | {f"status_{seats['health'].pk}": "apologies"}
    ).content.decode()

    assert 'id="quorum-verdict"' in quorate and ">Quorate</strong>" in quorate
    assert "Not quorate: no voting representative of health." in health_away
    assert "<html" not in quorate  # a fragment for htmx to swap in, not a page
    assert not Attendance.objects.exists()


def test_the_record_page_asks_htmx_to_refresh_the_verdict(
    partnership_a, a_meeting, seats, clerk_a_client
):
    html = clerk_a_client.get(url("meetings:meeting-attendance", partnership_a, a_meeting))

    assert f'hx-post="{url("meetings:attendance-quorum", partnership_a, a_meeting)}"' in (
        html.content.decode()
    )
    assert 'id="quorum-verdict"' in html.content.decode()


def test_a_viewer_cannot_use_the_live_verdict(partnership_a, a_meeting, viewer_a_client):
    response = viewer_a_client.post(url("meetings:attendance-quorum", partnership_a, a_meeting))

    assert response.status_code == 403


def test_deputy_seats_are_not_listed_for_attendance_of_their_own(
    partnership_a, the_board, a_meeting, seats, clerk_a_client
):
    deputy = MembershipFactory(
        partnership=partnership_a,
        body=the_board,
        organisation=seats["police"].organisation,
        deputy_of=seats["police"],
        person=PersonFactory(partnership=partnership_a, given_name="Dee", family_name="Puty"),
        start_date=datetime.date(2024, 4, 1),
    )

    html = clerk_a_client.get(url("meetings:meeting-attendance", partnership_a, a_meeting))
    html = html.content.decode()

    assert f'name="status_{deputy.pk}"' not in html
    assert f'name="status_{seats["police"].pk}"' in html
    assert "Named deputy: Dee Puty." in html  # offered as the police member's substitute
