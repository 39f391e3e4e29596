"""The meeting list, page, add and edit forms as the clerk and a viewer use them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferboard.meetings.models import Meeting, MeetingStatus
from tests.factories import AttendanceFactory, BodyFactory, MeetingFactory, PersonFactory

pytestmark = pytest.mark.django_db


def url(name, partnership, meeting=None):
    kwargs = {"partnership": partnership.slug}
    if meeting is not None:
        kwargs["pk"] = meeting.pk
    return reverse(f"meetings:meeting-{name}", kwargs=kwargs)


def meeting_data(bodies, **changes) -> dict:
    data = {
        "bodies": [str(body.pk) for body in bodies],
        "title": "",
        "date_day": "12",
        "date_month": "6",
        "date_year": "2025",
        "start_time": "14:00",
        "end_time": "16:00",
        "venue": "Civic Centre",
        "virtual_link": "",
        "webcast_link": "",
        "clerk": "",
        "chair": "",
    }
    data.update(changes)
    return data


def test_the_clerk_adds_a_meeting_held_in_common(partnership_a, the_board, clerk_a, clerk_a_client):
    hwb = BodyFactory(partnership=partnership_a, name="Health and Wellbeing Board")
    chair = PersonFactory(partnership=partnership_a)

    response = clerk_a_client.post(
        url("add", partnership_a), meeting_data([the_board, hwb], chair=str(chair.pk))
    )

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert set(meeting.bodies.all()) == {the_board, hwb}
    assert (meeting.date, meeting.start_time) == (datetime.date(2025, 6, 12), datetime.time(14))
    assert (meeting.status, meeting.chair, meeting.partnership) == (
        MeetingStatus.DRAFT,
        chair,
        partnership_a,
    )
    assert meeting.history.first().history_user == clerk_a
    page = clerk_a_client.get(response["Location"]).content.decode()
    assert "Community Safety Partnership Board and Health and Wellbeing Board" in page


def test_another_partnerships_body_cannot_be_chosen(
    partnership_a, partnership_b, the_board, clerk_a_client
):
    theirs = BodyFactory(partnership=partnership_b, name="Their board")

    response = clerk_a_client.post(url("add", partnership_a), meeting_data([theirs]))

    assert response.status_code == 200
    assert "Select the bodies from the list" in response.content.decode()
    assert not Meeting.objects.exists()


def test_bad_input_is_explained_and_nothing_saved(partnership_a, the_board, clerk_a_client):
    response = clerk_a_client.post(
        url("add", partnership_a),
        meeting_data([], start_time="2pm", date_day="31", date_month="2"),
    )

    page = response.content.decode()
    assert "Select the bodies" in page
    assert "Enter a time on the 24-hour clock, for example 14:00" in page
    assert "Enter a real date, for example 27 3 2026" in page
    assert not Meeting.objects.exists()


def test_the_end_must_be_after_the_start(partnership_a, the_board, clerk_a_client):
    response = clerk_a_client.post(
        url("add", partnership_a), meeting_data([the_board], end_time="13:00")
    )

    assert "The expected end time must be after the start time." in response.content.decode()
    assert not Meeting.objects.exists()


def test_an_edit_is_saved_and_shown_in_the_history(
    partnership_a, the_board, a_meeting, clerk_a, clerk_a_client
):
    data = meeting_data([the_board], venue="Town Hall", version=str(a_meeting.version))

    clerk_a_client.post(url("edit", partnership_a, a_meeting), data)

    a_meeting.refresh_from_db()
    assert a_meeting.venue == "Town Hall"
    page = clerk_a_client.get(url("detail", partnership_a, a_meeting)).content.decode()
    assert "Town Hall" in page and str(clerk_a) in page


def test_a_stale_edit_is_refused(partnership_a, the_board, a_meeting, clerk_a_client):
    opened_at = str(a_meeting.version)
    clerk_a_client.post(
        url("edit", partnership_a, a_meeting),
        meeting_data([the_board], venue="First save", version=opened_at),
    )

    response = clerk_a_client.post(
        url("edit", partnership_a, a_meeting),
        meeting_data([the_board], venue="Second save", version=opened_at),
    )

    assert "was changed by someone else after you opened it" in response.content.decode()
    a_meeting.refresh_from_db()
    assert a_meeting.venue == "First save"


def test_a_viewer_reads_but_cannot_add_or_edit(partnership_a, a_meeting, viewer_a_client):
    assert viewer_a_client.get(url("list", partnership_a)).status_code == 200
    detail = viewer_a_client.get(url("detail", partnership_a, a_meeting)).content.decode()
    assert "Publish the agenda" not in detail and "Record attendance" not in detail

    assert viewer_a_client.get(url("add", partnership_a)).status_code == 403
    assert viewer_a_client.get(url("edit", partnership_a, a_meeting)).status_code == 403
    response = viewer_a_client.post(
        url("edit", partnership_a, a_meeting),
        meeting_data(list(a_meeting.bodies.all()), venue="Changed", version="1"),
    )
    assert response.status_code == 403
    a_meeting.refresh_from_db()
    assert a_meeting.venue != "Changed"


def test_the_meeting_list_query_count_does_not_grow_with_data(partnership_a, viewer_a_client):
    def add_meetings(n):
        for _ in range(n):
            body_one = BodyFactory(partnership=partnership_a)
            body_two = BodyFactory(partnership=partnership_a)
            meeting = MeetingFactory(partnership=partnership_a, bodies=[body_one, body_two])
            AttendanceFactory(partnership=partnership_a, meeting=meeting)

    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as context:
            response = viewer_a_client.get(url("list", partnership_a))
        assert response.status_code == 200
        return len(context.captured_queries)

    add_meetings(2)
    few = queries_for_list()
    add_meetings(20)
    many = queries_for_list()

    assert many == few
