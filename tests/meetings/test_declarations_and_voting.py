"""A prejudicial or disclosable pecuniary interest takes the member out of the item's
vote, and the minutes say so; a personal interest is minuted but does not."""

import pytest

from saferboard.meetings.models import InterestType
from saferboard.meetings.participation import declaration_minute_lines
from saferboard.meetings.selectors import item_voters
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    BodyFactory,
    DeclarationFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def everyone_present(partnership_a, a_meeting, seats):
    for seat in seats.values():
        AttendanceFactory(partnership=partnership_a, meeting=a_meeting, membership=seat)


@pytest.fixture
def item(partnership_a, a_meeting):
    return AgendaItemFactory(partnership=partnership_a, meeting=a_meeting)


def declare(partnership, item, seat, interest_type, nature="is a trustee of Victim Support."):
    return DeclarationFactory(
        partnership=partnership,
        item=item,
        membership=seat,
        interest_type=interest_type,
        nature=nature,
    )


@pytest.mark.parametrize("interest", [InterestType.PREJUDICIAL, InterestType.PECUNIARY])
def test_a_disqualifying_interest_removes_the_member_from_the_vote(
    partnership_a, seats, item, everyone_present, interest
):
    declaration = declare(partnership_a, item, seats["police"], interest)

    voters = item_voters(item=item)

    assert voters.count == 2
    assert seats["police"] not in [row.membership for row in voters.voters]
    assert voters.excluded == [declaration]


def test_a_personal_interest_leaves_the_member_in_the_vote(
    partnership_a, seats, item, everyone_present
):
    declare(partnership_a, item, seats["police"], InterestType.PERSONAL)

    voters = item_voters(item=item)

    assert voters.count == 3
    assert voters.excluded == []


def test_an_interest_in_one_item_does_not_touch_another(
    partnership_a, a_meeting, seats, item, everyone_present
):
    declare(partnership_a, item, seats["police"], InterestType.PREJUDICIAL)
    other = AgendaItemFactory(partnership=partnership_a, meeting=a_meeting)

    assert item_voters(item=other).count == 3


def test_the_minutes_say_who_declared_what_and_whether_they_took_part(partnership_a, seats, item):
    declare(partnership_a, item, seats["police"], InterestType.PREJUDICIAL)
    declare(partnership_a, item, seats["chair"], InterestType.PERSONAL, "lives in the ward")
    declare(partnership_a, item, seats["health"], InterestType.PECUNIARY, "owns a pharmacy")

    lines = declaration_minute_lines(item=item)

    assert lines == [
        "Ann Chair declared a personal interest (lives in the ward) and remained in the meeting.",
        "Pat Cop declared a prejudicial interest (is a trustee of Victim Support) and took no "
        "part in the discussion or vote.",
        "Hal Nurse declared a disclosable pecuniary interest (owns a pharmacy) and took no "
        "part in the discussion or vote.",
    ]


def test_an_item_without_declarations_has_no_lines(item):
    assert declaration_minute_lines(item=item) == []


def test_at_a_meeting_in_common_only_the_first_bodys_members_count(
    partnership_a, a_meeting, seats, item, everyone_present
):
    # The board's name sorts first, so its terms of reference and members govern.
    other = BodyFactory(partnership=partnership_a, name="Health and Wellbeing Board")
    a_meeting.bodies.add(other)
    AttendanceFactory(
        partnership=partnership_a,
        meeting=a_meeting,
        membership=MembershipFactory(partnership=partnership_a, body=other),
    )

    voters = item_voters(item=item)

    assert voters.count == 3
    assert {row.membership.body for row in voters.voters} == {seats["chair"].body}
