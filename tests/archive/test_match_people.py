"""People named in an imported document are matched to the registry: exact (titles,
case and punctuation aside), fuzzy with confirmation, initials against the body's members."""

import datetime

import pytest

from saferboard.archive.matching import names_found, people_match
from saferboard.registry.models import Membership
from tests.factories import BodyFactory, MembershipFactory, PersonFactory

ON = datetime.date(2018, 7, 25)


@pytest.fixture
def board(partnership_a):
    return BodyFactory(partnership=partnership_a, name="Community Safety Partnership")


def seat(board, person, start=datetime.date(2018, 1, 1), end=None) -> Membership:
    return MembershipFactory(
        partnership=board.partnership, body=board, person=person, start_date=start, end_date=end
    )


def test_exact_match_ignores_titles_case_and_punctuation(board, partnership_a):
    kober = PersonFactory(partnership=partnership_a, given_name="Claire", family_name="Kober")
    fahy = PersonFactory(partnership=partnership_a, given_name="Des", family_name="Fahy")
    PersonFactory(partnership=partnership_a, given_name="Claire", family_name="Kirby")

    matches = people_match(
        body=board,
        names=["Cllr. Claire KOBER", "Councillor Claire Kober (Chair)", "Det Ch Supt Des Fahy"],
        on=ON,
    )

    assert [(m.person, m.how, m.needs_confirmation) for m in matches] == [
        (kober, "exact", False),
        (kober, "exact", False),
        (fahy, "exact", False),
    ]


def test_same_name_twice_prefers_the_body_member_that_day(board, partnership_a):
    member = PersonFactory(partnership=partnership_a, given_name="John", family_name="Smith")
    PersonFactory(partnership=partnership_a, given_name="John", family_name="Smith")
    seat(board, member)

    [match] = people_match(body=board, names=["Mr John Smith"], on=ON)

    assert (match.person, match.how, match.needs_confirmation) == (member, "exact", False)


def test_same_name_twice_outside_the_body_asks_which(board, partnership_a):
    first = PersonFactory(partnership=partnership_a, given_name="John", family_name="Smith")
    second = PersonFactory(partnership=partnership_a, given_name="John", family_name="Smith")

    [match] = people_match(body=board, names=["John Smith"], on=ON)

    assert match.person is None
    assert match.needs_confirmation
    assert set(match.candidates) == {first, second}


def test_a_close_spelling_is_offered_for_confirmation(board, partnership_a):
    kober = PersonFactory(partnership=partnership_a, given_name="Claire", family_name="Kober")
    abbey = PersonFactory(partnership=partnership_a, given_name="John", family_name="Abbey")

    clare, jon, nobody = people_match(
        body=board, names=["Clare Kober", "Jon Abbey", "Zebedee Quartermaine"], on=ON
    )

    assert (clare.person, clare.how, clare.needs_confirmation) == (kober, "fuzzy", True)
    assert (jon.person, jon.how, jon.needs_confirmation) == (abbey, "fuzzy", True)
    assert (nobody.person, nobody.how, nobody.candidates) == (None, "none", [])


def test_a_name_written_with_a_rank_around_it_is_offered(board, partnership_a):
    millichap = PersonFactory(
        partnership=partnership_a, given_name="Helen", family_name="Millichap"
    )

    [match] = people_match(body=board, names=["Borough Commander Helen Millichap"], on=ON)

    assert (match.person, match.how, match.needs_confirmation) == (millichap, "exact", False)

    [written_after] = people_match(
        body=board, names=["Helen Millichap Detective Chief Superintendent"], on=ON
    )
    assert (written_after.person, written_after.how) == (millichap, "fuzzy")


def test_a_family_name_alone_needs_confirmation(board, partnership_a):
    christian = PersonFactory(partnership=partnership_a, given_name="Will", family_name="Christian")

    [match] = people_match(body=board, names=["Dr Christian"], on=ON)

    assert (match.person, match.how, match.needs_confirmation) == (christian, "fuzzy", True)


def test_initials_resolve_to_the_one_member_that_fits(board, partnership_a):
    kowalska = PersonFactory(partnership=partnership_a, given_name="Claire", family_name="Kowalska")
    seat(board, kowalska)
    seat(
        board, PersonFactory(partnership=partnership_a, given_name="Eubert", family_name="Malcolm")
    )
    # Not a member of the body that day: initials do not reach them.
    PersonFactory(partnership=partnership_a, given_name="Colin", family_name="Kaye")
    left = PersonFactory(partnership=partnership_a, given_name="Carol", family_name="Knight")
    seat(board, left, start=datetime.date(2016, 1, 1), end=datetime.date(2017, 12, 31))

    [match] = people_match(body=board, names=["C.K."], on=ON)

    assert (match.person, match.how, match.needs_confirmation) == (kowalska, "initials", True)


def test_initials_that_fit_two_members_are_not_guessed(board, partnership_a):
    kowalska = PersonFactory(partnership=partnership_a, given_name="Claire", family_name="Kowalska")
    kirby = PersonFactory(partnership=partnership_a, given_name="Chris", family_name="Kirby")
    seat(board, kowalska)
    seat(board, kirby)

    [match] = people_match(body=board, names=["CK"], on=ON)

    assert match.person is None
    assert match.how == "none"
    assert match.needs_confirmation
    assert set(match.candidates) == {kowalska, kirby}


def test_names_found_lists_each_name_once_with_where_it_appears():
    document = {
        "meetings": [
            {
                "date": "2018-07-25",
                "chair": "Cllr Claire Kober",
                "members": [{"name": "Sharon Grant", "role": None, "organisation": None}],
                "present": [
                    {"name": "Cllr Claire Kober", "role": "Chair", "organisation": None},
                    {"name": "Des  Fahy", "role": None, "organisation": None},
                ],
                "in_attendance": [{"name": "Tim Miller", "role": None, "organisation": None}],
                "apologies": [{"name": "Helen Millichap", "substitute": "Des Fahy"}],
                "declarations": [{"member": "Sharon Grant", "item": "7", "interest": "x"}],
            },
            {"date": None, "present": [{"name": "Tim Miller"}]},
        ]
    }

    found = names_found(document)

    assert [(entry.name, entry.where) for entry in found] == [
        ("Cllr Claire Kober", ["chair at 25 July 2018", "present at 25 July 2018"]),
        (
            "Sharon Grant",
            ["member listed for 25 July 2018", "declared an interest at 25 July 2018"],
        ),
        ("Des Fahy", ["present at 25 July 2018", "substitute for Helen Millichap at 25 July 2018"]),
        ("Tim Miller", ["in attendance at 25 July 2018", "present at meeting 2"]),
        ("Helen Millichap", ["apologies for 25 July 2018"]),
    ]


def test_people_match_reads_the_registry_in_a_fixed_number_of_queries(
    board, partnership_a, django_assert_num_queries
):
    for n in range(3):
        PersonFactory(partnership=partnership_a, given_name=f"Given{n}", family_name=f"Family{n}")
    with django_assert_num_queries(2):
        people_match(body=board, names=["Given0 Family0", "GF"], on=ON)
    for n in range(3, 30):
        PersonFactory(partnership=partnership_a, given_name=f"Given{n}", family_name=f"Family{n}")
    with django_assert_num_queries(2):
        people_match(body=board, names=[f"Given{n} Family{n}" for n in range(30)], on=ON)
