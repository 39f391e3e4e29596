"""An action's life in a browser: the clerk captures it while minuting, the police contributor
updates it from "My actions", and it appears in the next meeting's outstanding-actions
report. axe-core checks every page on the way."""

import datetime

import pytest
from playwright.sync_api import expect

from saferboard.actions.models import Action, ActionStatus
from saferboard.core.roles import Role
from saferboard.meetings.models import MeetingStatus, StandingKind
from saferboard.registry.models import BodyRole, Sector
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def the_story(partnership_a, make_user):
    """A board with a council chair and a police member (Cara Kent, "CK", a contributor);
    a meeting in draft minutes and the next meeting with an outstanding-actions item."""
    board = BodyFactory(partnership=partnership_a, name="Safer Haringey Board")
    council = OrganisationFactory(
        partnership=partnership_a, name="Haringey Council", sector=Sector.LOCAL_AUTHORITY
    )
    police = OrganisationFactory(
        partnership=partnership_a, name="Metropolitan Police Service", sector=Sector.POLICE
    )
    contributor = make_user(partnership_a, Role.CONTRIBUTOR)
    cara = PersonFactory(
        partnership=partnership_a, given_name="Cara", family_name="Kent", user=contributor
    )
    for person, organisation, role in (
        (
            PersonFactory(partnership=partnership_a, given_name="Eve", family_name="Moss"),
            council,
            BodyRole.CHAIR,
        ),
        (cara, police, BodyRole.MEMBER),
    ):
        MembershipFactory(
            partnership=partnership_a,
            body=board,
            person=person,
            organisation=organisation,
            role=role,
            start_date=datetime.date(2024, 4, 1),
        )
    first = MeetingFactory(
        partnership=partnership_a,
        bodies=[board],
        date=datetime.date(2025, 6, 12),
        status=MeetingStatus.DRAFT_MINUTES,
    )
    item = AgendaItemFactory(
        partnership=partnership_a,
        meeting=first,
        number=5,
        minute_number="HSP5",
        title="Hate crime",
    )
    second = MeetingFactory(
        partnership=partnership_a, bodies=[board], date=datetime.date(2025, 9, 18)
    )
    AgendaItemFactory(
        partnership=partnership_a,
        meeting=second,
        number=3,
        title="Outstanding actions",
        standing_kind=StandingKind.OUTSTANDING_ACTIONS,
    )
    return {"item": item, "second": second, "contributor": contributor}


def test_an_action_from_minute_to_outstanding_report(
    page, sign_in, clerk_a, the_story, assert_accessible, browser, live_server
):
    item, second = the_story["item"], the_story["second"]

    # The clerk minutes the item and adds an action for "CK" in place.
    sign_in(clerk_a)
    page.goto(f"/p/haringey/meetings/items/{item.pk}/minute/")
    assert_accessible()
    page.get_by_label("Action", exact=True).fill("Circulate the hate crime figures to partners.")
    page.get_by_label("Owners", exact=True).fill("CK")
    page.get_by_label("Due by the next meeting").check()
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_text("Cara Kent").first).to_be_visible()
    action = Action.objects.get(agenda_item=item)
    assert action.reference == "12.06.25 Item 5"
    assert action.owners.get().person.family_name == "Kent"

    # Cara Kent, a police contributor, finds it in "My actions" and updates it.
    context = browser.new_context(base_url=live_server.url)
    cara = context.new_page()
    cara.goto("/sign-in/")
    cara.get_by_label("Username").fill(the_story["contributor"].username)
    cara.get_by_label("Password").fill("correct-horse-battery")
    cara.get_by_role("button", name="Sign in").click()
    cara.goto("/p/haringey/actions/mine/")
    cara.get_by_role("link", name="12.06.25 Item 5").click()
    cara.get_by_role("link", name="Add an update").click()
    cara.get_by_label("Day").fill("1")
    cara.get_by_label("Month").fill("7")
    cara.get_by_label("Year").fill("2025")
    cara.get_by_label("In progress").check()
    cara.get_by_label("Update", exact=True).fill("Figures drafted; going to partners next week.")
    cara.get_by_role("button", name="Save").click()
    expect(cara.get_by_text("Figures drafted; going to partners next week.").first).to_be_visible()
    context.close()
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS

    # The next meeting's outstanding-actions report shows it with the latest note.
    page.goto(f"/p/haringey/actions/meetings/{second.pk}/outstanding-actions/")
    report = page.get_by_role("table")
    expect(report).to_contain_text("Circulate the hate crime figures to partners.")
    expect(report).to_contain_text("Figures drafted; going to partners next week.")
    expect(report).to_contain_text("12.06.25 Item 5")
    assert_accessible()

    # The log and its summary by organisation pass axe too.
    page.goto("/p/haringey/actions/")
    expect(page.get_by_text("Circulate the hate crime figures").first).to_be_visible()
    assert_accessible()
    page.goto("/p/haringey/actions/summary/")
    expect(page.get_by_role("table").first).to_contain_text("Metropolitan Police Service")
    assert_accessible()
