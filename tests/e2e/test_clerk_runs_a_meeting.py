"""In a real browser: a clerk takes a meeting from scheduling to minutes; a member gets the pack.

The clerk creates the meeting, builds its agenda from the standing items and one
item of business, uploads a PDF paper, builds the packs, publishes the agenda,
marks the meeting held, records attendance, starts the draft minutes and writes
a minute with a resolution. A member then signs in and downloads the pack.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from saferboard.core.roles import Role
from saferboard.meetings.models import Meeting
from saferboard.registry.models import BodyRole, Sector
from tests.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    TermsOfReferenceFactory,
    pdf_bytes,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def board(partnership_a):
    board = BodyFactory(partnership=partnership_a, name="Safer Haringey Board")
    TermsOfReferenceFactory(
        partnership=partnership_a,
        body=board,
        effective_date=datetime.date(2024, 4, 1),
        quorum_requires_chair=True,
        quorum_sectors=[Sector.POLICE],
        circulation_working_days=5,
    )
    for given, sector, role in (
        ("Amara", Sector.LOCAL_AUTHORITY, BodyRole.CHAIR),
        ("Owen", Sector.POLICE, BodyRole.MEMBER),
    ):
        MembershipFactory(
            partnership=partnership_a,
            body=board,
            organisation=OrganisationFactory(partnership=partnership_a, sector=sector),
            person=PersonFactory(partnership=partnership_a, given_name=given, family_name="Test"),
            role=role,
            start_date=datetime.date(2024, 4, 1),
        )
    return board


def test_a_clerk_runs_a_meeting_and_a_member_downloads_the_pack(
    page, sign_in, browser, live_server, make_user, partnership_a, board, tmp_path
):
    clerk = make_user(partnership_a, Role.CLERK)
    member = make_user(partnership_a, Role.MEMBER)
    day = datetime.date.today() + datetime.timedelta(days=35)
    paper = tmp_path / "strategic-assessment.pdf"
    paper.write_bytes(pdf_bytes(3))

    sign_in(clerk)
    # Schedule the meeting.
    page.goto("/p/haringey/meetings/add/")
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))
    page.get_by_label("Start time").fill("14:00")
    page.get_by_label("Safer Haringey Board").check()
    page.get_by_label("Venue").fill("Civic Centre, Committee Room 1")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    meeting = Meeting.objects.get(partnership=partnership_a)

    # Build the agenda: standing items, then one item of business.
    page.get_by_role("navigation", name="This meeting").get_by_role("link", name="Agenda").click()
    page.get_by_role("button", name="Add the standing items").click()
    expect(page.get_by_text("Apologies for absence").first).to_be_visible()
    page.get_by_role("link", name="Add an item").click()
    page.get_by_label("Title").first.fill("Strategic assessment 2026")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Strategic assessment 2026").first).to_be_visible()

    # Upload the item's paper and build the packs.
    tabs = page.get_by_role("navigation", name="This meeting")
    tabs.get_by_role("link", name="Papers and packs").click()
    page.get_by_role("link", name=re.compile("Add or change papers for item .*Strategic")).click()
    page.get_by_label("Title of the paper").fill("Strategic assessment report")
    page.get_by_label("Paper", exact=True).set_input_files(str(paper))
    page.get_by_role("button", name="Upload the paper").click()
    tabs.get_by_role("link", name="Papers and packs").click()
    expect(page.get_by_role("link", name="Strategic assessment report")).to_be_visible()
    page.get_by_role("button", name="Build the packs").click()
    expect(page.locator("#packs").get_by_role("link").first).to_be_visible()

    # Publish the agenda (on time: the meeting is five weeks away), then hold the meeting.
    tabs.get_by_role("link", name="Overview").click()
    page.get_by_role("button", name="Publish the agenda").click()
    expect(page.get_by_text("Published on time")).to_be_visible()
    page.get_by_role("button", name="Mark as held").click()

    # Record attendance: the chair and the police member were present.
    tabs.get_by_role("link", name="Attendance").click()
    page.get_by_role("link", name="Record attendance").first.click()
    for radio in page.get_by_role("radio", name="Present").all():
        radio.check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Quorate", exact=True).first).to_be_visible()

    # Minutes: numbered from the standing items on; a minute with a resolution.
    tabs.get_by_role("link", name="Minutes").click()
    page.get_by_role("button", name="Start the draft minutes").click()
    page.get_by_role("link", name="Write the minute of Strategic assessment 2026").click()
    page.get_by_label("Minute").first.fill("The analyst presented the assessment.")
    page.locator("select[name$='kind']").first.select_option("noted")
    page.locator("textarea[name$='text']").first.fill("That the strategic assessment be noted.")
    page.get_by_role("button", name="Save the minute").click()
    expect(page.get_by_text("That the strategic assessment be noted.")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.status == "draft_minutes"
    assert meeting.items.get(title="Strategic assessment 2026").minute_number

    # A member signs in and downloads the members' pack: a real PDF.
    context = browser.new_context(base_url=live_server.url)
    other = context.new_page()
    other.goto("/sign-in/")
    other.get_by_label("Username").fill(member.username)
    other.get_by_label("Password").fill("correct-horse-battery")
    other.get_by_role("button", name="Sign in").click()
    other.goto(f"/p/haringey/meetings/{meeting.pk}/packs/")
    link = other.locator("#packs").get_by_role("link").first
    response = other.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    context.close()
