"""In a real browser: an organisation's contributor completes its assurance return a section
at a time, checks the answers, submits, and downloads the PDF report with its ratings and the
actions they raised. axe checks every page on the way."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from saferboard.actions.models import Action
from saferboard.assurance.models import Submission
from tests.assurance import conftest as assurance
from tests.assurance.overview_helpers import submitted

pytestmark = pytest.mark.e2e

# The assurance fixtures (tests/assurance/conftest.py), which this directory does not see.
framework = assurance.framework
police = assurance.police
council = assurance.council
police_return = assurance.police_return
council_return = assurance.council_return
make_contributor = assurance.make_contributor


def rate(page, number: str, level: str, comment: str, link: str = "") -> None:
    page.get_by_role("group", name=f"Rating for standard {number}").get_by_label(
        level, exact=True
    ).check()
    page.get_by_label(f"How you meet standard {number}, or why not").fill(comment)
    if link:
        page.get_by_label(f"Link to evidence for standard {number}").fill(link)


def test_a_contributor_completes_submits_and_downloads_the_report(
    page,
    sign_in,
    assert_accessible,
    partnership_a,
    framework,
    police,
    police_return,
    make_contributor,
):
    sign_in(make_contributor(police))

    page.goto(f"/p/{partnership_a.slug}/assurance/returns/")
    assert_accessible()
    page.get_by_role("link", name="Metropolitan Police Service").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible()

    page.get_by_role("link", name="Leadership and accountability").click()
    expect(page.get_by_role("heading", name="Leadership and accountability")).to_be_visible()
    assert_accessible()
    rate(
        page,
        "1.1",
        "Partially met",
        "A deputy is named; the board has not confirmed it.",
        "https://intranet.example.org/safeguarding-lead",
    )
    rate(page, "1.2", "Met", "Reviewed in March by the executive.")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", name="Safer recruitment and training")).to_be_visible()
    assert_accessible()
    rate(
        page,
        "2.1",
        "Met",
        "Every post is checked before starting.",
        "https://intranet.example.org/dbs",
    )
    rate(page, "2.2", "Not met", "Training lapsed during the restructure.")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", name="Check your answers before submitting")).to_be_visible()
    assert_accessible()
    page.get_by_role("button", name="Submit the return").click()

    expect(page.get_by_text("Return submitted (submission 1)")).to_be_visible()
    assert_accessible()
    submission = Submission.objects.get(assurance_return=police_return)
    assert submission.number == 1

    link = page.get_by_role("link", name="Download the report (PDF)")
    response = page.request.get(link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "Metropolitan Police Service" in text
    assert "Partially met" in text and "Not met" in text
    assert "Put in place: senior lead for safeguarding is named" in text
    actions = Action.objects.filter(partnership=partnership_a, owners__organisation=police)
    assert actions.count() == 2  # 1.1 partially met and 2.2 not met


def test_the_partnership_view_and_its_heat_map_are_accessible(
    page,
    sign_in,
    assert_accessible,
    partnership_a,
    framework,
    police_return,
    council_return,
    manager_a,
):
    submitted(police_return, {"1.1": "partly", "2.2": "not_met"})
    submitted(council_return, {"2.2": "partly"})
    sign_in(manager_a)

    page.goto(f"/p/{partnership_a.slug}/assurance/")
    expect(page.get_by_text("2 of 2 submitted")).to_be_visible()
    assert_accessible()
    page.get_by_role("link", name="Overview of Section 11 audit (2025)").click()
    expect(page.get_by_role("img", name="Heat map of latest submitted ratings")).to_be_visible()
    table = page.get_by_role("table", name="Latest submitted rating")
    expect(table.get_by_role("row", name="Staff complete safeguarding")).to_contain_text("Not met")
    assert_accessible()
