"""axe-core finds no WCAG 2.2 AA failures on the pages people use most."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PostFactory,
    TermsOfReferenceFactory,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def a_board_with_members(partnership_a):
    board = BodyFactory(
        partnership=partnership_a,
        name="Safer Haringey Board",
        purpose="Sets the community safety strategy.",
    )
    BodyFactory(
        partnership=partnership_a, name="Prevent Delivery Group", kind="sub_group", parent=board
    )
    police = OrganisationFactory(
        partnership=partnership_a,
        name="Metropolitan Police Service",
        sector="police",
        is_responsible_authority=True,
    )
    commander = PostFactory(
        partnership=partnership_a, organisation=police, title="Borough Commander"
    )
    MembershipFactory(
        partnership=partnership_a,
        body=board,
        organisation=police,
        post=commander,
        person=PersonFactory(partnership=partnership_a),
        role="co_chair",
        start_date=datetime.date(2024, 4, 1),
    )
    MembershipFactory(
        partnership=partnership_a,
        body=board,
        status_note="Interim",
        start_date=datetime.date(2024, 4, 1),
    )
    TermsOfReferenceFactory(partnership=partnership_a, body=board)
    return board


def test_the_sign_in_page_is_accessible(page, assert_accessible):
    page.goto("/sign-in/")

    assert_accessible()


def test_the_sign_in_page_with_an_error_is_accessible(page, assert_accessible, manager_a):
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(manager_a.username)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()

    assert_accessible()


def test_the_partnership_overview_is_accessible(
    page, sign_in, manager_a, a_board_with_members, assert_accessible
):
    sign_in(manager_a)
    expect(page.get_by_role("heading", level=2, name="Registry")).to_be_visible()

    assert_accessible()


@pytest.mark.parametrize("section", ["Bodies", "Organisations", "People", "Posts", "Memberships"])
def test_a_list_page_is_accessible(
    section, page, sign_in, manager_a, a_board_with_members, assert_accessible
):
    sign_in(manager_a)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Registry").click()
    page.get_by_role("navigation", name="Registry").get_by_role("link", name=section).click()
    expect(page.get_by_role("table")).to_be_visible()

    assert_accessible()


def test_a_body_page_is_accessible(
    page, sign_in, manager_a, a_board_with_members, assert_accessible
):
    sign_in(manager_a)
    page.goto(f"/p/haringey/registry/bodies/{a_board_with_members.pk}/")
    expect(page.get_by_role("heading", name="Membership on")).to_be_visible()

    assert_accessible()


@pytest.mark.parametrize("record_type", ["bodies", "memberships", "terms-of-reference"])
def test_a_form_with_errors_is_accessible(
    record_type, page, sign_in, manager_a, a_board_with_members, assert_accessible
):
    sign_in(manager_a)
    page.goto(f"/p/haringey/registry/{record_type}/add/")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()

    assert_accessible()
