"""Declarations of interest: per member per item, with type and nature; only members
holding a seat on the meeting's bodies on its date, and only items of this meeting;
changed and removed with a version check."""

import datetime

import pytest
from django.urls import reverse

from saferboard.core.errors import BusinessRuleError
from saferboard.meetings.models import Declaration, InterestType
from saferboard.meetings.participation import declaration_create, meeting_declarations
from tests.factories import (
    AgendaItemFactory,
    DeclarationFactory,
    MeetingFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db


def meeting_url(name, partnership, meeting):
    return reverse(name, kwargs={"partnership": partnership.slug, "pk": meeting.pk})


def record_url(name, partnership, declaration):
    return reverse(name, kwargs={"partnership": partnership.slug, "pk": declaration.pk})


@pytest.fixture
def item(partnership_a, a_meeting):
    return AgendaItemFactory(
        partnership=partnership_a, meeting=a_meeting, number=5, title="Grants to local charities"
    )


def test_the_clerk_records_a_declaration_and_the_tab_shows_it(
    partnership_a, a_meeting, seats, item, clerk_a, clerk_a_client
):
    response = clerk_a_client.post(
        meeting_url("meetings:declaration-add", partnership_a, a_meeting),
        {
            "membership": seats["chair"].pk,
            "item": item.pk,
            "interest_type": InterestType.PREJUDICIAL,
            "nature": "is a trustee of Haringey Women's Aid",
        },
    )

    assert response.status_code == 302
    declaration = Declaration.objects.get()
    assert (declaration.membership, declaration.item) == (seats["chair"], item)
    assert declaration.history.first().history_user == clerk_a
    page = clerk_a_client.get(response["Location"]).content.decode()
    assert "5. Grants to local charities" in page
    assert "No part in the discussion or vote" in page
    assert (
        "Ann Chair declared a prejudicial interest (is a trustee of Haringey Women&#x27;s Aid) "
        "and took no part in the discussion or vote." in page
    )


def test_the_form_offers_only_this_meetings_members_and_items(
    partnership_a, the_board, a_meeting, seats, item, clerk_a_client
):
    former = MembershipFactory(
        partnership=partnership_a,
        body=the_board,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2023, 1, 1),
    )
    elsewhere = AgendaItemFactory(partnership=partnership_a, title="Another meeting's item")

    page = clerk_a_client.get(
        meeting_url("meetings:declaration-add", partnership_a, a_meeting)
    ).content.decode()

    for seat in seats.values():
        assert f'value="{seat.pk}"' in page
    assert str(former.person) not in page
    assert "Grants to local charities" in page
    assert "Another meeting&#x27;s item" not in page and elsewhere.title not in page


def test_someone_without_a_seat_on_the_meeting_date_cannot_declare(
    partnership_a, a_meeting, item, clerk_a
):
    stranger = MembershipFactory(partnership=partnership_a)  # a seat on another body

    with pytest.raises(BusinessRuleError, match="did not hold a seat on this meeting's bodies"):
        declaration_create(
            meeting=a_meeting,
            item=item,
            membership=stranger,
            interest_type=InterestType.PERSONAL,
            nature="Lives in the ward",
            by=clerk_a,
        )
    assert not Declaration.objects.exists()


def test_an_item_of_another_meeting_is_refused(partnership_a, the_board, a_meeting, seats, clerk_a):
    other_meeting = MeetingFactory(partnership=partnership_a, bodies=[the_board])
    other_item = AgendaItemFactory(partnership=partnership_a, meeting=other_meeting)

    with pytest.raises(BusinessRuleError, match="is not an item of this meeting"):
        declaration_create(
            meeting=a_meeting,
            item=other_item,
            membership=seats["police"],
            interest_type=InterestType.PERSONAL,
            nature="Lives in the ward",
            by=clerk_a,
        )


def test_a_second_declaration_by_the_same_member_on_the_same_item_is_refused(
    partnership_a, a_meeting, seats, item, clerk_a_client
):
    DeclarationFactory(partnership=partnership_a, item=item, membership=seats["police"])

    response = clerk_a_client.post(
        meeting_url("meetings:declaration-add", partnership_a, a_meeting),
        {
            "membership": seats["police"].pk,
            "item": item.pk,
            "interest_type": InterestType.PERSONAL,
            "nature": "Lives in the ward",
        },
    )

    assert "Pat Cop has already declared an interest in “Grants to local charities”" in (
        response.content.decode()
    )
    assert Declaration.objects.count() == 1


def test_a_declaration_is_changed_with_the_version_it_was_opened_at(
    partnership_a, seats, item, clerk_a_client
):
    declaration = DeclarationFactory(
        partnership=partnership_a, item=item, membership=seats["police"]
    )
    url = record_url("meetings:declaration-edit", partnership_a, declaration)
    form = clerk_a_client.get(url).content.decode()
    data = {
        "membership": seats["police"].pk,
        "item": item.pk,
        "interest_type": InterestType.PECUNIARY,
        "nature": "Owns shares in a supplier",
        "version": declaration.version,
    }

    first = clerk_a_client.post(url, data)
    stale = clerk_a_client.post(url, data | {"nature": "Something else"})

    assert 'name="version"' in form
    assert first.status_code == 302
    declaration.refresh_from_db()
    assert declaration.interest_type == InterestType.PECUNIARY
    assert declaration.nature == "Owns shares in a supplier"
    assert "was changed by someone else after you opened it" in stale.content.decode()


def test_a_declaration_is_removed(partnership_a, seats, item, clerk_a_client):
    declaration = DeclarationFactory(
        partnership=partnership_a, item=item, membership=seats["police"]
    )
    url = record_url("meetings:declaration-remove", partnership_a, declaration)

    confirm = clerk_a_client.get(url).content.decode()
    clerk_a_client.post(url, {"version": declaration.version})

    assert "Remove Pat Cop’s personal interest in “Grants to local charities”?" in confirm
    assert not Declaration.objects.exists()


def test_a_viewer_sees_declarations_but_cannot_record_them(
    partnership_a, a_meeting, seats, item, viewer_a_client
):
    DeclarationFactory(partnership=partnership_a, item=item, membership=seats["police"])

    page = viewer_a_client.get(
        meeting_url("meetings:declarations", partnership_a, a_meeting)
    ).content.decode()
    response = viewer_a_client.get(
        meeting_url("meetings:declaration-add", partnership_a, a_meeting)
    )

    assert "Pat Cop" in page and "Record a declaration" not in page
    assert response.status_code == 403


def test_meeting_declarations_follow_the_agenda_order(partnership_a, a_meeting, seats):
    later = AgendaItemFactory(partnership=partnership_a, meeting=a_meeting, position=20)
    earlier = AgendaItemFactory(partnership=partnership_a, meeting=a_meeting, position=10)
    DeclarationFactory(partnership=partnership_a, item=later, membership=seats["police"])
    DeclarationFactory(partnership=partnership_a, item=earlier, membership=seats["health"])

    rows = meeting_declarations(meeting=a_meeting)

    assert [d.item for d in rows] == [earlier, later]
