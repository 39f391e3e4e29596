"""The demo: two partnerships from the seed packs, idempotent, resettable, a login per role."""

import datetime
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client

from saferboard.core.demo import DEMO_PASSWORD, MULTI_USERNAME, demo_usernames
from saferboard.core.models import Partnership, User
from saferboard.core.roles import Role
from saferboard.registry.models import (
    Body,
    BodyRole,
    Membership,
    MembershipCategory,
    Organisation,
    TermsOfReference,
)
from saferboard.registry.selectors import body_membership_on


def _run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


@pytest.fixture
def demo(db):
    """The demo's registry and logins (its meetings: test_demo_meetings.py); returns what
    `saferboard demo` wrote to stderr."""
    return _run("demo", "--without-meetings")[1]


@pytest.fixture
def haringey(demo):
    return Partnership.objects.get(slug="haringey")


@pytest.fixture
def city(demo):
    return Partnership.objects.get(slug="city-of-london")


@pytest.fixture
def haringey_board(haringey):
    return Body.objects.get(partnership=haringey, short_name="CSP")


def test_demo_builds_haringey_with_co_chairs_sub_groups_and_two_terms_of_reference(
    haringey, haringey_board
):
    assert haringey.local_authority_codes == ["E09000014"]
    assert haringey.police_force_names == ["metropolitan"]
    assert haringey.minute_number_prefix == "HSP"
    assert haringey.publishes_public_pages
    sub_groups = set(haringey_board.sub_groups.values_list("name", flat=True))
    assert {
        "Performance Monitoring Group",
        "Prevent Delivery Group",
        "VAWG Strategy Group",
        "Integrated Offender Management Board",
    } <= sub_groups
    for name in sub_groups:
        assert Membership.objects.filter(body__partnership=haringey, body__name=name).count() >= 3

    seats = body_membership_on(body=haringey_board, on=datetime.date(2018, 7, 25))
    co_chairs = {m.post.title for m in seats if m.role == BodyRole.CO_CHAIR}
    assert co_chairs == {"Cabinet Member for Communities", "Borough Commander"}
    statutory = {m.organisation.name for m in seats if m.category == MembershipCategory.STATUTORY}
    assert {
        "Haringey Council",
        "Metropolitan Police Service",
        "London Fire Brigade",
        "National Probation Service",
        "London Community Rehabilitation Company",
        "Haringey Clinical Commissioning Group",
    } <= statutory
    invited = {m.organisation.name for m in seats if m.category == MembershipCategory.INVITED}
    assert "Barnet, Enfield and Haringey Mental Health NHS Trust" in invited
    assert "Victim Support" in invited
    advisers = {m.post.title for m in seats if m.category == MembershipCategory.SUPPORTING_ADVISER}
    assert {"Community Safety Strategic Manager", "Superintendent, Partnerships"} <= advisers

    terms = {t.version_label: t for t in TermsOfReference.objects.filter(body=haringey_board)}
    assert terms["June 2012"].min_meetings_per_year == 3
    amended = terms["Amended July 2015"]
    assert amended.effective_date == datetime.date(2015, 7, 1)
    assert amended.min_meetings_per_year == 4
    assert sorted(amended.quorum_sectors) == ["health", "local_authority", "police"]
    assert (amended.circulation_working_days, amended.absence_limit) == (5, 3)
    assert amended.substitutes_may_vote


def test_demo_haringey_borough_commander_changes_hands(haringey_board):
    def commander_on(day):
        [seat] = [
            m
            for m in body_membership_on(body=haringey_board, on=day)
            if m.post.title == "Borough Commander"
        ]
        return seat.person

    before, after = commander_on(datetime.date(2018, 4, 8)), commander_on(datetime.date(2018, 4, 9))
    assert before != after
    old_seat = Membership.objects.get(body=haringey_board, person=before)
    assert old_seat.end_date == datetime.date(2018, 4, 8)


def test_demo_builds_the_safer_city_partnership(city):
    board = Body.objects.get(partnership=city, name="Safer City Partnership Strategy Group")
    seats = body_membership_on(body=board, on=datetime.date(2021, 6, 1))
    chair = next(m for m in seats if m.role == BodyRole.CHAIR)
    assert chair.post.title == "Chairman of the Community and Children's Services Committee"
    deputy = next(m for m in seats if m.role == BodyRole.DEPUTY_CHAIR)
    assert deputy.post.title == "Police Authority Board Member"
    categories = {m.category for m in seats}
    assert {
        MembershipCategory.STATUTORY,
        MembershipCategory.INVITED,
        MembershipCategory.ADDITIONAL,
    } <= categories
    case_panels = set(board.sub_groups.filter(is_case_panel=True).values_list("name", flat=True))
    assert case_panels == {
        "Domestic Abuse Multi-Agency Risk Assessment Conference",
        "City Community MARAC",
        "Channel Panel",
    }
    assert board.sub_groups.filter(name="Local Licensing Partnership", is_case_panel=False).exists()
    assert board.sub_groups.filter(name="Serious and Organised Crime Board").exists()
    assert TermsOfReference.objects.get(body=board).version_label == "2021"
    responsible = set(
        Organisation.objects.filter(partnership=city, is_responsible_authority=True).values_list(
            "short_name", flat=True
        )
    )
    assert responsible == {"CoL", "CoLP", "LFB", "NPS", "City and Hackney CCG"}


def test_running_demo_twice_creates_nothing_new(demo):
    first = _counts()

    _, err = _run("demo", "--without-meetings")

    assert _counts() == first
    assert "already present, left unchanged" in err


def test_demo_reset_deletes_and_rebuilds_the_same_demo(haringey):
    first = _counts()

    _run("demo", "--reset", "--without-meetings")

    assert _counts() == first
    assert not Partnership.objects.filter(pk=haringey.pk).exists()
    assert Partnership.objects.filter(slug="haringey").exists()


def test_demo_reset_leaves_other_partnerships_and_users_alone(demo, make_user):
    other = Partnership.objects.create(
        name="Enfield Safer Stronger Communities Board", slug="enfield"
    )
    outsider = make_user(other, Role.MANAGER, username="enfield-manager")

    _run("demo", "--reset", "--without-meetings")

    assert Partnership.objects.filter(pk=other.pk).exists()
    assert User.objects.filter(pk=outsider.pk).exists()


def test_every_demo_login_signs_in_through_the_sign_in_form(demo):
    for username in demo_usernames():
        client = Client()
        response = client.post("/sign-in/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        assert client.session["_auth_user_id"] == str(User.objects.get(username=username).pk)
        if username != MULTI_USERNAME:
            slug = username.rsplit("-", 1)[0]
            assert client.get(f"/p/{slug}/").status_code == 200, username


def test_every_role_in_every_demo_partnership_has_a_login(demo):
    for slug in ("haringey", "city-of-london"):
        roles = set(
            User.objects.filter(
                partnership_roles__partnership__slug=slug, username__startswith=f"{slug}-"
            ).values_list("partnership_roles__role", flat=True)
        )
        assert roles == set(Role.values), slug


def test_demo_multi_switches_between_both_partnerships(demo):
    client = Client()
    client.post("/sign-in/", {"username": MULTI_USERNAME, "password": DEMO_PASSWORD})

    assert client.get("/p/haringey/").status_code == 200
    assert client.get("/p/city-of-london/").status_code == 200
    switched = client.post("/switch-partnership/", {"partnership": "city-of-london"})
    assert switched.url.endswith("/p/city-of-london/")


def test_a_wrong_password_does_not_sign_in(demo):
    client = Client()
    response = client.post("/sign-in/", {"username": "haringey-manager", "password": "guess"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_demo_prints_logins_to_stderr_and_demo_logins_to_stdout(demo):
    out, _ = _run("demo_logins")

    for text in (demo, out):
        assert DEMO_PASSWORD in text
        assert "haringey-information_governance" in text
        assert "city-of-london-viewer" in text
        assert MULTI_USERNAME in text


def test_demo_manager_is_linked_to_the_community_safety_manager(haringey):
    manager = User.objects.get(username="haringey-manager")
    person = manager.people.get()
    assert person.memberships.filter(post__title="Community Safety Strategic Manager").exists()
