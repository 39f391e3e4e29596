"""In a real browser: a contributor sends a return that misses the target; the manager sees
the dashboard's colour change and the indicator appear in the exception report.

The police contributor finds Returns in the navigation, sends last quarter's figure for
the police's violence indicator through the web form, and the manager, who had the
dashboard open showing it green, reloads it to find it red, then opens the exception
report for the quarter. axe checks the dashboard, the indicator page, the returns page,
the return form and the exception report.
"""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from saferboard.core.roles import Role
from saferboard.performance import periods
from saferboard.performance.models import IndicatorValue
from tests.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PriorityFactory,
)

pytestmark = pytest.mark.e2e

LAST_QUARTER = periods.previous(periods.quarter_of(datetime.date.today()))


@pytest.fixture
def violence(partnership_a):
    """Violence with injury, led by the police: lower is better, target 100, amber to 105;
    green (92) the quarter before last, and nothing yet for last quarter."""
    police = OrganisationFactory(partnership=partnership_a, name="Metropolitan Police Service")
    indicator = IndicatorFactory(
        partnership=partnership_a,
        priority=PriorityFactory(
            partnership=partnership_a, number="1", title="Reduce serious violence"
        ),
        code="KPI 4",
        name="Violence with injury",
        target_value=100,
        amber_tolerance=5,
        lead_organisation=police,
        lifecycle_since=datetime.date(2020, 4, 1),
    )
    before = periods.previous(LAST_QUARTER)
    IndicatorValueFactory(
        partnership=partnership_a,
        indicator=indicator,
        period_start=before.start,
        period_end=before.end,
        value=92,
        commentary="On target.",
    )
    return indicator


@pytest.fixture
def police_contributor(make_user, partnership_a, violence):
    user = make_user(partnership_a, Role.CONTRIBUTOR)
    person = PersonFactory(partnership=partnership_a, user=user)
    MembershipFactory(
        partnership=partnership_a,
        person=person,
        organisation=violence.lead_organisation,
        start_date=datetime.date(2020, 1, 1),
    )
    return user


def _row(page, indicator):
    return page.locator("tr").filter(has=page.get_by_role("link", name=indicator.code))


def test_a_contributor_return_turns_the_dashboard_red_and_the_manager_sees_the_exception(
    page, sign_in, assert_accessible, make_user, partnership_a, violence, police_contributor
):
    manager = make_user(partnership_a, Role.MANAGER)

    # The manager signs in: the dashboard shows the indicator green, and the exception
    # report for last quarter does not list it.
    sign_in(manager)
    page.goto("/p/haringey/performance/")
    expect(_row(page, violence).locator(".govuk-tag")).to_have_text("Green")
    page.goto("/p/haringey/performance/exceptions/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(LAST_QUARTER.label)
    expect(page.get_by_text("Violence with injury")).to_have_count(0)
    page.context.clear_cookies()

    # The contributor finds Returns in the navigation and sends last quarter's figure.
    sign_in(police_contributor)
    page.goto("/p/haringey/performance/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Returns").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Returns")
    assert_accessible()
    page.get_by_role(
        "link", name=f"Send the return for {violence.code}, {LAST_QUARTER.label}"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Return for {LAST_QUARTER.label}")
    assert_accessible()
    page.get_by_label("Value (optional)", exact=True).fill("131")
    page.get_by_label("Commentary (optional)").fill(
        "A rise after two incidents at the retail park; patrols extended."
    )
    page.get_by_role("button", name="Save return").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    saved = IndicatorValue.objects.get(indicator=violence, period_start=LAST_QUARTER.start)
    assert saved.value == Decimal(131)
    assert saved.submitted_by == police_contributor
    page.context.clear_cookies()

    # The manager signs in again: the dashboard's tag now says red, with the new figure.
    sign_in(manager)
    page.goto("/p/haringey/performance/")
    row = _row(page, violence)
    expect(row.locator(".govuk-tag")).to_have_text("Red")
    expect(row).to_contain_text("131")
    expect(row).to_contain_text(LAST_QUARTER.label)
    assert_accessible()

    # The indicator's page shows who sent the figure and what they said.
    row.get_by_role("link", name=violence.code).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Violence with injury")
    expect(page.get_by_text("A rise after two incidents").first).to_be_visible()
    assert_accessible()

    # The exception report for last quarter now lists it, red, with its lead and the
    # contributor's commentary.
    page.goto("/p/haringey/performance/")
    page.get_by_role("link", name="Exception report").click()
    exception = page.locator("table.sb-exceptions tbody tr").filter(has_text="Violence with injury")
    expect(exception).to_have_count(1)
    expect(exception.locator(".govuk-tag")).to_have_text("Red")
    expect(exception).to_contain_text("Metropolitan Police Service")
    expect(exception).to_contain_text("A rise after two incidents at the retail park")
    assert_accessible()
