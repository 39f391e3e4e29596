"""In a real browser: a clerk uploads an old pack, checks what was found beside the source,
corrects an item's title, says who a person is, imports it, and finds the meeting among the
body's meetings. Every page passes axe's WCAG 2.2 AA rules."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from saferboard.archive.models import ImportFile, ImportStatus
from saferboard.meetings.models import Meeting
from tests.archive.conftest import PACK_2018
from tests.factories import BodyFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.e2e


def test_a_clerk_imports_a_pack_after_checking_and_correcting_it(
    page, sign_in, clerk_a, partnership_a, assert_accessible
):
    board = BodyFactory(partnership=partnership_a, name="Community Safety Partnership")
    rohan = PersonFactory(partnership=partnership_a, given_name="Jon", family_name="Rohan")
    MembershipFactory(
        partnership=partnership_a, body=board, person=rohan, start_date=datetime.date(2017, 1, 1)
    )
    # Reading and committing a 2,000-line pack takes longer than a click on a busy machine.
    page.set_default_timeout(60_000)
    sign_in(clerk_a)

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Archive").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Archive imports")
    assert_accessible()
    page.get_by_role("link", name="Upload files").click()
    page.get_by_label("Body").select_option(label="Community Safety Partnership")
    page.get_by_label("Files").set_input_files(str(PACK_2018))
    assert_accessible()
    page.get_by_role("button", name="Upload and read").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(PACK_2018.name)
    source = page.get_by_role("region", name="Source text with line numbers")
    expect(source).to_contain_text("COMMUNITY SAFETY PARTNERSHIP")
    expect(
        page.get_by_role("heading", name="Meeting 2 (minutes of 26 February 2018)")
    ).to_be_visible()
    assert_accessible()
    warning = page.locator("#warnings a").first
    target = warning.get_attribute("href")
    warning.click()
    expect(page.locator(target)).to_be_in_viewport()

    page.get_by_role("link", name="Correct meeting 2 (minutes of 26 february 2018)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Correct meeting 2 (minutes of 26 february 2018)"
    )
    assert_accessible()
    title = page.locator("#id_items-0-title")
    title.fill("Filming at meetings (corrected)")
    page.get_by_role("button", name="Save corrections").click()
    expect(page.get_by_text("Filming at meetings (corrected)")).to_be_visible()
    expect(page.locator("h1 .govuk-tag")).to_have_text("Corrected, waiting for import")

    page.get_by_role("link", name="3. Say who the people are").click()
    question = page.get_by_role("group", name="Is “John Rohan” Jon Rohan?")
    expect(question).to_be_visible()
    assert_accessible()
    question.get_by_label("Jon Rohan").check()
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Import into Community Safety Partnership"
    )
    assert_accessible()
    page.get_by_role("button", name="Import into Community Safety Partnership").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"{PACK_2018.name} is imported")
    assert_accessible()
    import_file = ImportFile.objects.get()
    assert import_file.status == ImportStatus.COMMITTED
    minutes = Meeting.objects.get(bodies=board, date=datetime.date(2018, 2, 26))
    assert minutes.items.filter(title="Filming at meetings (corrected)").exists()

    page.get_by_role("link", name="See the meetings").click()
    expect(page).to_have_url(re.compile(r"/p/haringey/meetings/"))
    expect(page.get_by_role("link", name=str(minutes), exact=True)).to_be_visible()
