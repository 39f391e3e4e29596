"""Named fixtures for meeting tests: a board with its terms of reference and seats."""

import datetime

import pytest
from django.test import Client

from saferboard.registry.models import BodyRole, Sector
from tests.factories import (
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    TermsOfReferenceFactory,
)


@pytest.fixture
def clerk_a_client(clerk_a):
    client = Client()
    client.force_login(clerk_a)
    return client


@pytest.fixture
def the_board(partnership_a):
    board = BodyFactory(partnership=partnership_a, name="Community Safety Partnership Board")
    TermsOfReferenceFactory(
        partnership=partnership_a,
        body=board,
        min_meetings_per_year=4,
        quorum_requires_chair=True,
        quorum_sectors=[Sector.LOCAL_AUTHORITY, Sector.POLICE, Sector.HEALTH],
    )
    return board


def _seat(partnership, body, *, sector, role=BodyRole.MEMBER, given, family):
    organisation = OrganisationFactory(partnership=partnership, sector=sector)
    return MembershipFactory(
        partnership=partnership,
        body=body,
        organisation=organisation,
        person=PersonFactory(partnership=partnership, given_name=given, family_name=family),
        role=role,
        start_date=datetime.date(2024, 4, 1),
    )


@pytest.fixture
def seats(partnership_a, the_board) -> dict:
    """The chair (council), a police member and a health member of the board."""
    return {
        "chair": _seat(
            partnership_a,
            the_board,
            sector=Sector.LOCAL_AUTHORITY,
            role=BodyRole.CHAIR,
            given="Ann",
            family="Chair",
        ),
        "police": _seat(partnership_a, the_board, sector=Sector.POLICE, given="Pat", family="Cop"),
        "health": _seat(
            partnership_a, the_board, sector=Sector.HEALTH, given="Hal", family="Nurse"
        ),
    }


@pytest.fixture
def a_meeting(partnership_a, the_board):
    return MeetingFactory(
        partnership=partnership_a, bodies=[the_board], date=datetime.date(2025, 6, 12)
    )
