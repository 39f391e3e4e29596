"""The meetings API: scoped to the caller's partnerships, members see restricted items,
anonymous callers see nothing, meetings can be added and changed with the version check."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from saferboard.core.roles import Role
from saferboard.meetings.models import Meeting, MeetingStatus, SecurityMarking
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    BodyFactory,
    DeclarationFactory,
    MeetingFactory,
    PaperFactory,
    ResolutionFactory,
)

RESOURCES = ("meetings", "agenda-items", "papers", "attendance", "declarations", "resolutions")


def api_client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def records(partnership_a) -> dict:
    """One of each meeting record in partnership A, around an exempt item."""
    board = BodyFactory(partnership=partnership_a, name="Haringey CSP Board")
    meeting = MeetingFactory(
        partnership=partnership_a,
        bodies=[board],
        title="Haringey board meeting",
        status=MeetingStatus.AGENDA_PUBLISHED,
    )
    exempt = AgendaItemFactory(
        partnership=partnership_a,
        meeting=meeting,
        title="Secret landlord prosecution",
        is_exempt=True,
        exempt_paragraph=3,
    )
    sensitive = AgendaItemFactory(
        partnership=partnership_a,
        meeting=meeting,
        title="Hidden gang mapping",
        security_marking=SecurityMarking.OFFICIAL_SENSITIVE,
    )
    return {
        "board": board,
        "meeting": meeting,
        "exempt": exempt,
        "sensitive": sensitive,
        "paper": PaperFactory(partnership=partnership_a, item=exempt, title="Landlord dossier"),
        "attendance": AttendanceFactory(partnership=partnership_a, meeting=meeting),
        "declaration": DeclarationFactory(
            partnership=partnership_a, item=exempt, nature="Owns the property"
        ),
        "resolution": ResolutionFactory(
            partnership=partnership_a, item=exempt, text="That the landlord be prosecuted"
        ),
    }


SECRETS = (
    "Secret landlord prosecution",
    "Hidden gang mapping",
    "Landlord dossier",
    "Owns the property",
    "That the landlord be prosecuted",
)


@pytest.mark.parametrize("resource", RESOURCES)
def test_anonymous_callers_get_401_and_nothing_else(records, resource):
    client = api_client()

    listing = client.get(f"/api/v1/{resource}/")
    detail = client.get(f"/api/v1/{resource}/{records['meeting'].pk}/")

    for response in (listing, detail):
        assert response.status_code == 401
        for secret in SECRETS:
            assert secret not in response.content.decode()


def test_anonymous_callers_cannot_download_a_paper(records):
    response = api_client().get(f"/api/v1/papers/{records['paper'].pk}/pdf/")

    assert response.status_code == 401


@pytest.mark.parametrize("resource", RESOURCES)
def test_another_partnership_sees_none_of_them(records, manager_b, resource):
    client = api_client(manager_b)

    listing = client.get(f"/api/v1/{resource}/")
    filtered = client.get(f"/api/v1/{resource}/", {"partnership": "haringey"})

    assert listing.status_code == 200 and listing.json()["count"] == 0
    assert filtered.status_code == 200 and filtered.json()["count"] == 0


def test_another_partnership_gets_404_for_each_record(records, manager_b):
    client = api_client(manager_b)
    addresses = {
        "meetings": records["meeting"],
        "agenda-items": records["exempt"],
        "papers": records["paper"],
        "attendance": records["attendance"],
        "declarations": records["declaration"],
        "resolutions": records["resolution"],
    }

    for resource, record in addresses.items():
        assert client.get(f"/api/v1/{resource}/{record.pk}/").status_code == 404, resource
    assert client.get(f"/api/v1/papers/{records['paper'].pk}/pdf/").status_code == 404


def test_members_of_the_partnership_see_exempt_and_sensitive_items(
    records, make_user, partnership_a
):
    member = api_client(make_user(partnership_a, Role.MEMBER))

    items = member.get("/api/v1/agenda-items/", {"meeting": records["meeting"].pk}).json()
    paper = member.get(f"/api/v1/papers/{records['paper'].pk}/").json()
    download = member.get(paper["pdf"])

    by_title = {item["title"]: item for item in items["results"]}
    assert by_title["Secret landlord prosecution"]["is_public"] is False
    assert by_title["Secret landlord prosecution"]["exempt_paragraph"] == 3
    assert by_title["Hidden gang mapping"]["security_marking"] == "official_sensitive"
    assert paper["is_public"] is False and paper["meeting"] == records["meeting"].pk
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_filters_narrow_by_meeting(records, manager_a, partnership_a):
    other = MeetingFactory(partnership=partnership_a, bodies=[records["board"]])
    ResolutionFactory(partnership=partnership_a, item__meeting=other, text="Other meeting's")
    client = api_client(manager_a)

    response = client.get("/api/v1/resolutions/", {"meeting": records["meeting"].pk}).json()

    assert [r["text"] for r in response["results"]] == ["That the landlord be prosecuted"]


def test_the_clerk_adds_a_meeting(clerk_a, records):
    response = api_client(clerk_a).post(
        "/api/v1/meetings/",
        {
            "partnership": "haringey",
            "bodies": [records["board"].pk],
            "date": "2026-01-15",
            "start_time": "18:00",
            "venue": "Civic Centre",
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    meeting = Meeting.objects.get(pk=response.json()["id"])
    assert list(meeting.bodies.all()) == [records["board"]]
    assert meeting.date == datetime.date(2026, 1, 15) and meeting.status == MeetingStatus.DRAFT
    assert meeting.history.earliest().history_user == clerk_a


def test_a_meeting_cannot_take_another_partnerships_body(clerk_a, partnership_b):
    foreign = BodyFactory(partnership=partnership_b)

    response = api_client(clerk_a).post(
        "/api/v1/meetings/",
        {
            "partnership": "haringey",
            "bodies": [foreign.pk],
            "date": "2026-01-15",
            "start_time": "18:00",
        },
        format="json",
    )

    assert response.status_code == 400
    assert f"There is no body with id {foreign.pk} in your partnerships." in str(response.json())
    assert not Meeting.objects.exists()


def test_status_cannot_be_set_through_the_api(clerk_a, records):
    meeting = records["meeting"]

    response = api_client(clerk_a).patch(
        f"/api/v1/meetings/{meeting.pk}/", {"status": "cancelled", "version": 1}, format="json"
    )

    meeting.refresh_from_db()
    assert response.status_code == 200
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED


def test_a_stale_meeting_update_is_refused_with_409(clerk_a, manager_a, records):
    meeting = records["meeting"]
    api_client(manager_a).patch(
        f"/api/v1/meetings/{meeting.pk}/", {"venue": "Town Hall", "version": 1}, format="json"
    )

    response = api_client(clerk_a).patch(
        f"/api/v1/meetings/{meeting.pk}/", {"venue": "Library", "version": 1}, format="json"
    )

    meeting.refresh_from_db()
    assert response.status_code == 409
    assert "now at version 2" in response.json()["detail"]
    assert meeting.venue == "Town Hall"


def test_a_viewer_cannot_change_a_meeting(viewer_a, records):
    meeting = records["meeting"]

    response = api_client(viewer_a).patch(
        f"/api/v1/meetings/{meeting.pk}/", {"venue": "Elsewhere"}, format="json"
    )

    meeting.refresh_from_db()
    assert response.status_code == 403
    assert meeting.venue != "Elsewhere"


@pytest.mark.parametrize("resource", RESOURCES)
def test_list_query_count_does_not_grow_with_the_data(records, manager_a, partnership_a, resource):
    client = api_client(manager_a)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/api/v1/{resource}/").status_code == 200
        return len(captured)

    before = queries()
    meeting = MeetingFactory(partnership=partnership_a, bodies=[records["board"]])
    item = AgendaItemFactory(partnership=partnership_a, meeting=meeting)
    PaperFactory(partnership=partnership_a, item=item)
    AttendanceFactory(partnership=partnership_a, meeting=meeting)
    DeclarationFactory(partnership=partnership_a, item=item)
    ResolutionFactory(partnership=partnership_a, item=item)

    assert queries() == before


def test_the_schema_lists_the_meetings_endpoints(db):
    document = api_client().get("/api/v1/schema/", {"format": "json"}).json()

    for resource in RESOURCES:
        assert f"/api/v1/{resource}/{{id}}/" in document["paths"]
    assert "409" in document["paths"]["/api/v1/meetings/{id}/"]["patch"]["responses"]
    assert "/api/v1/papers/{id}/pdf/" in document["paths"]
