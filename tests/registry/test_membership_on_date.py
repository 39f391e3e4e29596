"""Membership as at a date, across a change of Borough Commander."""

import datetime

import pytest

from saferboard.core.errors import BusinessRuleError
from saferboard.registry.models import BodyRole, Membership, Sector
from saferboard.registry.selectors import body_membership_on
from saferboard.registry.services import membership_change_holder
from tests.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PostFactory,
)

STARTED = datetime.date(2015, 7, 1)
CHANGED = datetime.date(2018, 4, 9)


@pytest.fixture
def board(partnership_a):
    return BodyFactory(partnership=partnership_a, name="Community Safety Partnership Board")


@pytest.fixture
def old_commander(partnership_a):
    return PersonFactory(
        partnership=partnership_a, title="Ch Supt", given_name="Diane", family_name="Marsh"
    )


@pytest.fixture
def new_commander(partnership_a):
    return PersonFactory(
        partnership=partnership_a, title="Ch Supt", given_name="Owen", family_name="Adeyemi"
    )


@pytest.fixture
def commander_seat(partnership_a, board, old_commander):
    police = OrganisationFactory(
        partnership=partnership_a,
        name="Metropolitan Police Service",
        sector=Sector.POLICE,
        is_responsible_authority=True,
    )
    post = PostFactory(partnership=partnership_a, organisation=police, title="Borough Commander")
    return MembershipFactory(
        partnership=partnership_a,
        body=board,
        person=old_commander,
        organisation=police,
        post=post,
        role=BodyRole.CO_CHAIR,
        start_date=STARTED,
    )


@pytest.fixture
def cabinet_member_seat(partnership_a, board):
    return MembershipFactory(
        partnership=partnership_a, body=board, role=BodyRole.CO_CHAIR, start_date=STARTED
    )


@pytest.fixture
def changed(commander_seat, cabinet_member_seat, new_commander):
    """The Borough Commander changes on 9 April 2018; returns the new seat."""
    return membership_change_holder(
        membership=commander_seat, person=new_commander, on=CHANGED, by=None
    )


def _holders(board, day):
    return {m.person for m in body_membership_on(body=board, on=day)}


def test_membership_before_on_and_after_the_change(
    board, changed, old_commander, new_commander, cabinet_member_seat
):
    day_before = CHANGED - datetime.timedelta(days=1)

    assert _holders(board, day_before) == {old_commander, cabinet_member_seat.person}
    assert _holders(board, CHANGED) == {new_commander, cabinet_member_seat.person}
    assert _holders(board, datetime.date(2026, 1, 1)) == {new_commander, cabinet_member_seat.person}
    assert _holders(board, STARTED - datetime.timedelta(days=1)) == set()


def test_the_old_seat_keeps_its_dates_and_the_new_one_copies_the_seat(commander_seat, changed):
    commander_seat.refresh_from_db()

    assert commander_seat.start_date == STARTED
    assert commander_seat.end_date == datetime.date(2018, 4, 8)
    assert (changed.start_date, changed.end_date) == (CHANGED, None)
    assert changed.post == commander_seat.post
    assert changed.organisation == commander_seat.organisation
    assert changed.role == BodyRole.CO_CHAIR
    assert commander_seat.history.first().end_date == datetime.date(2018, 4, 8)


def _body_page(client, partnership, board, day):
    return client.get(
        f"/p/{partnership.slug}/registry/bodies/{board.pk}/",
        {"on_day": day.day, "on_month": day.month, "on_year": day.year},
    ).content.decode()


def test_body_page_shows_the_commander_in_post_on_the_chosen_date(
    manager_a_client, partnership_a, board, changed
):
    before = _body_page(manager_a_client, partnership_a, board, datetime.date(2018, 4, 8))
    after = _body_page(manager_a_client, partnership_a, board, CHANGED)

    assert "Membership on 8 April 2018" in before
    assert "Diane Marsh" in before
    assert "Owen Adeyemi" not in before
    assert "Membership on 9 April 2018" in after
    assert "Owen Adeyemi" in after
    assert "Diane Marsh" not in after


@pytest.mark.parametrize("on", [STARTED, datetime.date(2014, 1, 1)])
def test_a_change_on_or_before_the_holders_start_is_refused(commander_seat, new_commander, on):
    with pytest.raises(BusinessRuleError, match="after the current holder started") as error:
        membership_change_holder(membership=commander_seat, person=new_commander, on=on, by=None)

    assert error.value.field == "on"
    commander_seat.refresh_from_db()
    assert commander_seat.end_date is None
    assert Membership.objects.filter(body=commander_seat.body).count() == 1


def test_a_change_after_the_seat_ended_is_refused(commander_seat, new_commander, changed):
    commander_seat.refresh_from_db()

    with pytest.raises(BusinessRuleError, match="already ended"):
        membership_change_holder(
            membership=commander_seat, person=new_commander, on=datetime.date(2019, 1, 1), by=None
        )


def test_an_ended_seat_cannot_be_handed_on_again_the_day_after_it_ended(
    commander_seat, new_commander, changed
):
    commander_seat.refresh_from_db()

    with pytest.raises(BusinessRuleError, match="already ended"):
        membership_change_holder(
            membership=commander_seat, person=new_commander, on=CHANGED, by=None
        )

    holders = body_membership_on(body=commander_seat.body, on=CHANGED)
    assert [m.person for m in holders if m.post_id == commander_seat.post_id] == [new_commander]
