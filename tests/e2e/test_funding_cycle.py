"""In a real browser, the whole funding cycle: a partner submits an expression of interest, the
funding officer moves it through presentation and full application (completing the
eligibility checklist on the way), records the meeting's approval with a first tranche
released now and a second later, and the fund's page shows the balance changed: available
money down by the award, cash down by the first tranche. axe checks every page visited."""

import datetime
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from saferboard.core.roles import Role
from saferboard.funding import ledger
from saferboard.funding.models import Bid, RuleKind, Stage, Tranche, TrancheStatus
from saferboard.meetings.models import ResolutionKind
from tests.e2e.conftest import PASSWORD
from tests.factories import (
    AgendaItemFactory,
    ApplicantFactory,
    EligibilityRuleFactory,
    FundFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.e2e

TODAY = datetime.date.today()
LATER = TODAY + datetime.timedelta(days=270)


@pytest.fixture
def fund(partnership_a):
    fund = FundFactory(
        partnership=partnership_a,
        name="POCA grants",
        reference_prefix="POCA",
        priority_areas=["People are safe and feel safe from violence"],
        key_themes=["Violence and domestic abuse", "Hate crime"],
    )
    EligibilityRuleFactory(partnership=partnership_a, fund=fund, wording="An equality policy")
    EligibilityRuleFactory(
        partnership=partnership_a, fund=fund, wording="Retrospective costs", kind=RuleKind.EXCLUSION
    )
    ledger.income_add(fund=fund, amount="110000", on=TODAY, by=None, note="POCA receipts")
    return fund


@pytest.fixture
def partner(make_user, partnership_a):
    """A contributor who acts for a women's charity."""
    user = make_user(partnership_a, Role.CONTRIBUTOR)
    applicant = ApplicantFactory(partnership=partnership_a, name="Nour Women's Support Network")
    applicant.users.add(user)
    return user


@pytest.fixture
def approval(partnership_a):
    """The meeting's item on the grants, and its resolution approving the bid."""
    item = AgendaItemFactory(
        partnership=partnership_a, title="Proceeds of Crime Act grants: applications"
    )
    resolution = ResolutionFactory(
        partnership=partnership_a,
        item=item,
        kind=ResolutionKind.APPROVED,
        text="That the DA/VAWG support worker post be funded.",
    )
    return item, resolution


def _sign_in(page, user):
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def _date(page, name: str, day: datetime.date) -> None:
    page.locator(f'[name="{name}_day"]').fill(str(day.day))
    page.locator(f'[name="{name}_month"]').fill(str(day.month))
    page.locator(f'[name="{name}_year"]').fill(str(day.year))


def _figures(page) -> tuple[str, str, str]:
    return (
        page.locator("#available").inner_text(),
        page.locator("#cash").inner_text(),
        page.locator("#committed").inner_text(),
    )


def test_a_partners_bid_goes_through_the_stages_to_an_award_and_the_balance_changes(
    page, assert_accessible, partnership_a, fund, partner, manager_a, approval
):
    slug = partnership_a.slug
    item, resolution = approval

    # The partner starts a bid from "Bids" and submits it as an expression of interest.
    _sign_in(page, partner)
    page.goto(f"/p/{slug}/funding/bids/")
    assert_accessible()
    page.get_by_role("link", name="Start a bid to POCA grants").click()
    assert_accessible()
    page.get_by_label("Project title").fill("DA/VAWG support worker")
    page.get_by_label("Amount requested (£)").fill("20000")
    page.get_by_label("Term in months").fill("12")
    page.get_by_label("People are safe and feel safe from violence").check()
    page.get_by_label("Violence and domestic abuse").check()
    page.locator('[name="need"]').fill("Women facing language barriers seldom report.")
    page.locator('[name="means"]').fill("A support worker.")
    page.locator('[name="evaluation_plan"]').fill("Women supported, quarter by quarter.")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_role("heading", name="DA/VAWG support worker")).to_be_visible()
    assert_accessible()
    page.get_by_role("link", name="Submit as an expression of interest").click()
    assert_accessible()
    page.get_by_role("button", name="Submit the bid").click()
    expect(page.locator(".govuk-tag").first).to_have_text("Expression of interest")
    assert_accessible()
    bid = Bid.objects.get(fund=fund)
    assert bid.stage == Stage.EXPRESSION_OF_INTEREST

    # The officer sees £110,000 available, then moves the bid on.
    page.context.clear_cookies()
    officer = page
    _sign_in(officer, manager_a)
    officer.goto(f"/p/{slug}/funding/funds/{fund.pk}/")
    assert_accessible()
    assert _figures(officer) == ("£110,000.00", "£110,000.00", "£0.00")
    officer.goto(f"/p/{slug}/funding/bids/{bid.pk}/")
    assert_accessible()
    officer.get_by_role("link", name="Move to presentation").click()
    assert_accessible()
    officer.get_by_role("button", name="Move to presentation").click()
    expect(officer.locator(".govuk-tag").first).to_have_text("Presentation")
    assert_accessible()

    # Full application needs the eligibility checklist first.
    officer.get_by_role("link", name="Eligibility").click()
    assert_accessible()
    for rule in fund.rules.all():
        officer.locator(f'[name="result_{rule.pk}"][value="met"]').check()
    officer.get_by_role("button", name="Save the checklist").click()
    expect(officer.get_by_text("Every rule is checked and none is not met.")).to_be_visible()
    assert_accessible()
    officer.goto(f"/p/{slug}/funding/bids/{bid.pk}/")
    assert_accessible()
    officer.get_by_role("link", name="Move to full application").click()
    assert_accessible()
    officer.get_by_role("button", name="Move to full application").click()
    expect(officer.locator(".govuk-tag").first).to_have_text("Full application")
    assert_accessible()

    # The meeting approves it: £20,000, half now, half after the review.
    officer.get_by_role("link", name="Decision").click()
    assert_accessible()
    officer.get_by_label("Approved", exact=True).check()
    _date(officer, "decided_on", TODAY)
    officer.locator('[name="item"]').select_option(str(item.pk))
    officer.locator('[name="resolution"]').select_option(str(resolution.pk))
    officer.get_by_label("Total awarded (£)").fill("20000")
    _date(officer, "starts_on", TODAY)
    _date(officer, "review_on", LATER)
    officer.locator('[name="tranche_1_amount"]').fill("10000")
    _date(officer, "tranche_1_due_on", TODAY)
    officer.locator('[name="tranche_2_amount"]').fill("10000")
    _date(officer, "tranche_2_due_on", LATER)
    officer.locator('[name="tranche_2_condition"]').fill("After a successful review")
    officer.get_by_label("Release the first tranche now").check()
    officer.get_by_role("button", name="Record the decision").click()
    expect(officer.get_by_text(resolution.text)).to_be_visible()
    expect(officer.locator(".govuk-tag").first).to_have_text("Decided")
    assert_accessible()

    tranches = Tranche.objects.filter(award__bid=bid).order_by("number")
    assert [(t.amount, t.status) for t in tranches] == [
        (Decimal("10000.00"), TrancheStatus.RELEASED),
        (Decimal("10000.00"), TrancheStatus.PLANNED),
    ]

    # The fund's page: £20,000 less to award, £10,000 less cash, £10,000 still committed.
    officer.goto(f"/p/{slug}/funding/funds/{fund.pk}/")
    assert_accessible()
    assert _figures(officer) == ("£90,000.00", "£100,000.00", "£10,000.00")
    expect(officer.get_by_text(re.compile(bid.reference)).first).to_be_visible()
