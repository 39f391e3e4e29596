"""The minutes tab and the page where the clerk writes one item's minute: minute numbers,
resolutions, deferral, matters arising and declarations; one form saved in one transaction."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferboard.meetings.minutes import minutes_number
from saferboard.meetings.models import InterestType, MeetingStatus, Resolution
from saferboard.meetings.participation import declaration_minute_line
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    DeclarationFactory,
    MeetingFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.django_db


def minutes_url(partnership, meeting):
    return reverse("meetings:minutes", kwargs={"partnership": partnership.slug, "pk": meeting.pk})


def item_url(partnership, item):
    return reverse("meetings:minutes-item", kwargs={"partnership": partnership.slug, "pk": item.pk})


@pytest.fixture
def held(partnership_a, a_meeting, seats):
    a_meeting.status = MeetingStatus.HELD
    a_meeting.save()
    for seat in seats.values():
        AttendanceFactory(partnership=partnership_a, meeting=a_meeting, membership=seat)
    return a_meeting


def form_data(item, *rows, minute_text="Discussed.", matters_arising="", version=None):
    """The item's minute form with `rows` as new resolutions (dicts of fields)."""
    data = {
        "version": item.version if version is None else version,
        "minute_text": minute_text,
        "matters_arising": matters_arising,
        "resolutions-TOTAL_FORMS": str(len(rows)),
        "resolutions-INITIAL_FORMS": "0",
        "resolutions-MIN_NUM_FORMS": "0",
        "resolutions-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"resolutions-{index}-{name}"] = value
    return data


def test_the_tab_explains_until_the_meeting_is_held(partnership_a, a_meeting, viewer_a_client):
    AgendaItemFactory(partnership=partnership_a, meeting=a_meeting, title="Strategic assessment")

    page = viewer_a_client.get(minutes_url(partnership_a, a_meeting)).content.decode()

    assert "Minutes can be written once the meeting has been held" in page
    assert "Strategic assessment" not in page


def test_the_tab_shows_each_item_in_agenda_order_with_its_minute(
    partnership_a, held, seats, clerk_a, viewer_a_client
):
    second = AgendaItemFactory(
        partnership=partnership_a, meeting=held, position=2, title="Prevent", is_deferred=True
    )
    first = AgendaItemFactory(
        partnership=partnership_a,
        meeting=held,
        position=1,
        title="Knife crime",
        minute_text="Noted.",
    )
    ResolutionFactory(partnership=partnership_a, item=first, text="That the report be noted.")
    declaration = DeclarationFactory(
        partnership=partnership_a,
        item=first,
        membership=seats["health"],
        interest_type=InterestType.PECUNIARY,
        nature="Is paid by a provider named in the report",
    )
    minutes_number(meeting=held, by=clerk_a)

    page = viewer_a_client.get(minutes_url(partnership_a, held)).content.decode()

    assert page.index("HSP1. Knife crime") < page.index("HSP2. Prevent")
    assert "RESOLVED:</strong> That the report be noted." in page
    assert declaration_minute_line(declaration) in page
    assert "Deferred to a future meeting" in page
    assert "Write the minute" not in page  # a viewer reads only
    assert second.pk


def test_the_clerk_writes_a_minute_with_a_multi_part_resolution(
    partnership_a, held, the_board, clerk_a, clerk_a_client, viewer_a_client
):
    earlier = MeetingFactory(
        partnership=partnership_a,
        bodies=[the_board],
        date=datetime.date(2025, 3, 6),
        status=MeetingStatus.DRAFT_MINUTES,
    )
    AgendaItemFactory(partnership=partnership_a, meeting=earlier, title="Old business")
    minutes_number(meeting=earlier, by=clerk_a)
    item = AgendaItemFactory(partnership=partnership_a, meeting=held, title="Budget")

    response = clerk_a_client.post(
        item_url(partnership_a, item),
        form_data(
            item,
            {"kind": "agreed", "text": "That the budget be agreed.", "votes_for": "2"},
            {
                "kind": "delegated",
                "text": "That spending be approved.",
                "delegated_to": "the Chair",
            },
            matters_arising="hsp1",
        ),
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.minute_text == "Discussed."
    assert [r.kind for r in item.resolutions.order_by("position")] == ["agreed", "delegated"]
    page = viewer_a_client.get(minutes_url(partnership_a, held)).content.decode()
    assert "(a)</span> That the budget be agreed." in page
    assert "(b)</span> That spending be approved." in page
    assert "(Delegated to the Chair.)" in page
    assert "Matters arising from minute HSP1" in page


def test_an_invalid_form_saves_nothing_and_says_what_is_wrong(partnership_a, held, clerk_a_client):
    item = AgendaItemFactory(partnership=partnership_a, meeting=held, title="Budget")

    response = clerk_a_client.post(
        item_url(partnership_a, item),
        form_data(
            item,
            {"kind": "noted", "text": "That the report be noted."},
            {"kind": "delegated", "text": "That spending be approved."},
            minute_text="Should not be saved",
        ),
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Resolution (b): Say who the decision is delegated to." in page
    item.refresh_from_db()
    assert item.minute_text == ""
    assert not Resolution.objects.filter(item=item).exists()


def test_too_many_votes_are_refused_on_the_page(partnership_a, held, clerk_a_client):
    item = AgendaItemFactory(partnership=partnership_a, meeting=held, title="Budget")

    response = clerk_a_client.post(
        item_url(partnership_a, item),
        form_data(
            item, {"kind": "agreed", "text": "Agreed.", "votes_for": "3", "votes_against": "1"}
        ),
    )

    assert response.status_code == 400
    assert (
        "only 3 members may vote on this item: 3 voting members present"
        in response.content.decode()
    )
    assert not Resolution.objects.filter(item=item).exists()


def test_unknown_matters_arising_numbers_are_refused(partnership_a, held, clerk_a_client):
    item = AgendaItemFactory(partnership=partnership_a, meeting=held)

    response = clerk_a_client.post(
        item_url(partnership_a, item), form_data(item, matters_arising="HSP99")
    )

    assert response.status_code == 400
    assert "There is no minute HSP99 in the earlier minutes" in response.content.decode()


def test_a_stale_copy_is_refused(partnership_a, held, clerk_a_client):
    item = AgendaItemFactory(partnership=partnership_a, meeting=held, minute_text="First version")
    stale = item.version
    clerk_a_client.post(item_url(partnership_a, item), form_data(item, minute_text="Second"))

    response = clerk_a_client.post(
        item_url(partnership_a, item), form_data(item, minute_text="Third", version=stale)
    )

    assert response.status_code == 400
    assert "changed by someone else" in response.content.decode()
    item.refresh_from_db()
    assert item.minute_text == "Second"


def test_only_editors_may_write_minutes(partnership_a, held, viewer_a_client):
    item = AgendaItemFactory(partnership=partnership_a, meeting=held)

    assert viewer_a_client.get(item_url(partnership_a, item)).status_code == 403


def test_the_tab_makes_the_same_number_of_queries_however_many_items(
    partnership_a, held, seats, clerk_a, viewer_a_client
):
    def add_items(count):
        for _ in range(count):
            item = AgendaItemFactory(partnership=partnership_a, meeting=held)
            ResolutionFactory(partnership=partnership_a, item=item)
            DeclarationFactory(partnership=partnership_a, item=item, membership=seats["police"])
        minutes_number(meeting=held, by=clerk_a)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert viewer_a_client.get(minutes_url(partnership_a, held)).status_code == 200
        return len(captured)

    add_items(2)
    few = queries()
    add_items(5)

    assert queries() == few
