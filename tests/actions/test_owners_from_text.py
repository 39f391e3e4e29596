"""Owners written in the minutes ("CK/EM") are read against the meeting's people."""

import datetime

import pytest

from saferboard.actions.owners import owners_from_text
from saferboard.meetings.models import AttendanceStatus
from saferboard.registry.models import Sector
from tests.factories import (
    AttendanceFactory,
    BodyFactory,
    InAttendanceFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PostFactory,
)

MEETING_DAY = datetime.date(2025, 6, 12)


@pytest.fixture
def board(partnership_a):
    return BodyFactory(partnership=partnership_a, name="Safer Haringey Board", short_name="SHB")


@pytest.fixture
def meeting(partnership_a, board):
    return MeetingFactory(partnership=partnership_a, bodies=[board], date=MEETING_DAY)


def seat(partnership, board, given, family, **kwargs):
    person = PersonFactory(partnership=partnership, given_name=given, family_name=family)
    MembershipFactory(partnership=partnership, body=board, person=person, **kwargs)
    return person


@pytest.fixture
def claire(partnership_a, board):
    return seat(partnership_a, board, "Claire", "Kirby")


@pytest.fixture
def emma(partnership_a, board):
    return seat(partnership_a, board, "Emma", "Marsh")


@pytest.fixture
def the_police(partnership_a):
    return OrganisationFactory(
        partnership=partnership_a,
        name="Metropolitan Police Service",
        short_name="MPS",
        sector=Sector.POLICE,
    )


def test_unambiguous_initials_name_the_members(meeting, claire, emma):
    match = owners_from_text("CK/EM", meeting=meeting)

    assert match.owners == [claire, emma]
    assert match.unresolved == []
    assert match.to_confirm == ""


def test_two_people_with_the_same_initials_are_flagged_with_both(
    partnership_a, meeting, claire, emma
):
    eric = PersonFactory(partnership=partnership_a, given_name="Eric", family_name="Mann")
    InAttendanceFactory(partnership=partnership_a, meeting=meeting, person=eric, name="")

    match = owners_from_text("CK/EM", meeting=meeting)

    assert match.owners == [claire]
    [em] = match.unresolved
    assert em.written == "EM"
    assert set(em.candidates) == {emma, eric}
    assert match.to_confirm == "EM"
    assert "Emma Marsh (EM)" in em.describe() and "Eric Mann (EM)" in em.describe()


def test_unknown_initials_are_flagged_with_no_candidates(meeting, claire):
    match = owners_from_text("CK / ZQ", meeting=meeting)

    assert match.owners == [claire]
    [unknown] = match.unresolved
    assert unknown.candidates == ()
    assert "matches no one" in unknown.describe()
    assert match.to_confirm == "ZQ"


def test_organisation_by_short_name_and_mixed_separators(meeting, claire, emma, the_police):
    match = owners_from_text("ck, Em & mps", meeting=meeting)

    assert match.owners == [claire, emma, the_police]
    assert not match.unresolved


def test_names_joined_by_and_with_the_organisation_named_loosely(
    partnership_a, meeting, claire, the_police
):
    council = OrganisationFactory(
        partnership=partnership_a, name="Haringey Council", sector=Sector.LOCAL_AUTHORITY
    )

    match = owners_from_text("Claire Kirby and the Council", meeting=meeting)

    assert match.owners == [claire, council]


def test_family_name_post_title_body_and_plus_separator(partnership_a, meeting, board, emma):
    post = PostFactory(partnership=partnership_a, title="Community Safety Manager")

    match = owners_from_text("Marsh + community safety manager + SHB", meeting=meeting)

    assert match.owners == [emma, post, board]


def test_an_organisation_with_and_in_its_name_is_one_owner(partnership_a, meeting, claire):
    fire = OrganisationFactory(
        partnership=partnership_a, name="London Fire and Rescue Service", sector=Sector.FIRE
    )

    match = owners_from_text("London Fire and Rescue Service and CK", meeting=meeting)

    assert match.owners == [fire, claire]


def test_a_person_whose_seat_ended_before_the_meeting_is_not_matched(
    partnership_a, meeting, board, claire
):
    seat(partnership_a, board, "Colin", "Kemp", end_date=datetime.date(2025, 3, 31))
    seat(partnership_a, board, "Zara", "Quinn", end_date=datetime.date(2025, 3, 31))

    match = owners_from_text("CK/ZQ", meeting=meeting)

    assert match.owners == [claire]
    assert [token.written for token in match.unresolved] == ["ZQ"]


def test_people_of_another_body_are_not_matched(partnership_a, meeting, claire):
    seat(partnership_a, BodyFactory(partnership=partnership_a), "Carl", "Kane")

    assert owners_from_text("CK", meeting=meeting).owners == [claire]


def test_a_substitute_at_the_meeting_is_matched(partnership_a, meeting, board, claire):
    sub = PersonFactory(partnership=partnership_a, given_name="Sunil", family_name="Bhatt")
    AttendanceFactory(
        partnership=partnership_a,
        meeting=meeting,
        membership=claire.memberships.get(),
        status=AttendanceStatus.APOLOGIES,
        substitute_person=sub,
    )

    assert owners_from_text("SB", meeting=meeting).owners == [sub]


def test_middle_initials_are_ignored_when_nothing_matches_exactly(meeting, claire):
    assert owners_from_text("C.J.K.", meeting=meeting).owners == [claire]


def test_another_partnerships_organisation_is_not_matched(partnership_b, meeting, claire):
    OrganisationFactory(partnership=partnership_b, name="City Police", short_name="COLP")

    match = owners_from_text("COLP", meeting=meeting)

    assert match.owners == []
    assert match.to_confirm == "COLP"
