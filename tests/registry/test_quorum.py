"""The quorum rule (domain R2): a chair or co-chair, plus voting council, health and police reps."""

import pytest

from saferboard.registry.models import BodyRole, MembershipCategory, Sector
from saferboard.registry.quorum import Attendance, quorum_check
from tests.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    TermsOfReferenceFactory,
)


@pytest.fixture
def board(partnership_a):
    return BodyFactory(partnership=partnership_a, name="Community Safety Partnership Board")


@pytest.fixture
def terms(partnership_a, board):
    """The July 2015 terms: one co-chair plus local authority, health and police; subs vote."""
    return TermsOfReferenceFactory(
        partnership=partnership_a,
        body=board,
        quorum_sectors=[Sector.LOCAL_AUTHORITY, Sector.HEALTH, Sector.POLICE],
        substitutes_may_vote=True,
    )


@pytest.fixture
def seat(partnership_a, board):
    """seat(org_name, sector, given_name, family_name, **fields) -> a seat on the board."""

    def _seat(org_name, sector, given_name, family_name, **fields):
        org = OrganisationFactory(partnership=partnership_a, name=org_name, sector=sector)
        person = PersonFactory(
            partnership=partnership_a, given_name=given_name, family_name=family_name
        )
        return MembershipFactory(
            partnership=partnership_a, body=board, organisation=org, person=person, **fields
        )

    return _seat


@pytest.fixture
def cabinet_member(seat):
    return seat(
        "Haringey Council", Sector.LOCAL_AUTHORITY, "Amara", "Okafor", role=BodyRole.CO_CHAIR
    )


@pytest.fixture
def borough_commander(seat):
    return seat(
        "Metropolitan Police Service", Sector.POLICE, "Owen", "Adeyemi", role=BodyRole.CO_CHAIR
    )


@pytest.fixture
def ccg_director(seat):
    return seat("Haringey Clinical Commissioning Group", Sector.HEALTH, "Fiona", "Delaney")


@pytest.fixture
def fire_commander(seat):
    return seat("London Fire Brigade", Sector.FIRE, "Stuart", "Kemble")


def present(*memberships):
    return [Attendance(membership=m) for m in memberships]


def test_a_co_chair_with_council_health_and_police_is_quorate(
    terms, cabinet_member, borough_commander, ccg_director
):
    result = quorum_check(
        terms=terms, attendance=present(cabinet_member, borough_commander, ccg_director)
    )
    assert result.is_quorate
    assert result.missing == []
    assert str(result) == "The meeting is quorate."


def test_one_co_chair_is_enough(terms, seat, cabinet_member, ccg_director):
    police = seat("Metropolitan Police Service", Sector.POLICE, "Graham", "Ellery")

    result = quorum_check(terms=terms, attendance=present(cabinet_member, police, ccg_director))

    assert result.is_quorate


def test_chair_who_sent_a_deputy_with_no_other_chair_present_is_inquorate(
    terms, seat, borough_commander, ccg_director
):
    chair = seat(
        "Haringey Council", Sector.LOCAL_AUTHORITY, "Raymond", "Fenwick", role=BodyRole.CHAIR
    )
    attendance = [
        Attendance(membership=chair, substitute_name="Cllr Tom Whitlock"),
        Attendance(membership=borough_commander, substitute_name="Det Ch Supt Des Fahy"),
        Attendance(membership=ccg_director),
    ]

    result = quorum_check(terms=terms, attendance=attendance)

    assert not result.is_quorate
    [reason] = result.missing
    assert "the chair, a co-chair or a vice-chair must be present" in reason
    assert "Cllr Tom Whitlock for Raymond Fenwick" in reason
    assert "Det Ch Supt Des Fahy for Owen Adeyemi" in reason
    assert str(result).startswith("The meeting is not quorate: the chair")


def test_a_co_chair_present_covers_the_other_co_chair_sending_a_deputy(
    terms, cabinet_member, borough_commander, ccg_director
):
    attendance = [
        Attendance(membership=cabinet_member),
        Attendance(membership=borough_commander, substitute_name="Det Ch Supt Des Fahy"),
        Attendance(membership=ccg_director),
    ]

    assert quorum_check(terms=terms, attendance=attendance).is_quorate


def test_missing_health_is_inquorate_and_says_so(
    terms, cabinet_member, borough_commander, fire_commander
):
    result = quorum_check(
        terms=terms, attendance=present(cabinet_member, borough_commander, fire_commander)
    )

    assert not result.is_quorate
    assert result.missing == ["no voting representative of health"]


def test_a_substitute_counts_for_the_organisation_of_the_seat(
    terms, cabinet_member, borough_commander, ccg_director
):
    attendance = [
        *present(cabinet_member, borough_commander),
        Attendance(membership=ccg_director, substitute_name="Dr Sam Ireland"),
    ]

    assert quorum_check(terms=terms, attendance=attendance).is_quorate


def test_when_substitutes_may_not_vote_a_substitute_does_not_count(
    terms, cabinet_member, borough_commander, ccg_director
):
    terms.substitutes_may_vote = False
    attendance = [
        *present(cabinet_member, borough_commander),
        Attendance(membership=ccg_director, substitute_name="Dr Sam Ireland"),
    ]

    result = quorum_check(terms=terms, attendance=attendance)

    assert not result.is_quorate
    assert result.missing == ["no voting representative of health"]


def test_an_ex_officio_health_adviser_does_not_count(
    terms, seat, cabinet_member, borough_commander
):
    adviser = seat(
        "Barnet, Enfield and Haringey Mental Health NHS Trust",
        Sector.HEALTH,
        "Rahul",
        "Mistry",
        category=MembershipCategory.EX_OFFICIO,
    )

    result = quorum_check(
        terms=terms, attendance=present(cabinet_member, borough_commander, adviser)
    )

    assert not adviser.is_voting
    assert result.missing == ["no voting representative of health"]


def test_voting_override_decides_whether_a_rep_counts(
    terms, seat, cabinet_member, borough_commander
):
    voting_adviser = seat(
        "Barnet, Enfield and Haringey Mental Health NHS Trust",
        Sector.HEALTH,
        "Rahul",
        "Mistry",
        category=MembershipCategory.EX_OFFICIO,
        voting_override=True,
    )
    non_voting_statutory = seat(
        "Haringey Clinical Commissioning Group",
        Sector.HEALTH,
        "Fiona",
        "Delaney",
        voting_override=False,
    )

    with_voter = present(cabinet_member, borough_commander, voting_adviser)
    with_non_voter = present(cabinet_member, borough_commander, non_voting_statutory)

    assert quorum_check(terms=terms, attendance=with_voter).is_quorate
    assert quorum_check(terms=terms, attendance=with_non_voter).missing == [
        "no voting representative of health"
    ]


def test_everything_missing_is_listed(terms, fire_commander):
    result = quorum_check(terms=terms, attendance=present(fire_commander))

    assert result.missing == [
        "the chair, a co-chair or a vice-chair must be present",
        "no voting representative of local authority",
        "no voting representative of health",
        "no voting representative of police",
    ]


def test_terms_that_do_not_require_a_chair(terms, seat, ccg_director):
    terms.quorum_requires_chair = False
    council = seat("Haringey Council", Sector.LOCAL_AUTHORITY, "Rosalind", "Farrow")
    police = seat("Metropolitan Police Service", Sector.POLICE, "Graham", "Ellery")

    assert quorum_check(terms=terms, attendance=present(council, police, ccg_director)).is_quorate
