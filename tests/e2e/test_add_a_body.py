"""In a real browser: sign in, find the bodies, add one, get an error, fix it, save."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_the_manager_signs_in_and_adds_a_body_after_fixing_an_error(
    page, sign_in, manager_a, partnership_a
):
    sign_in(manager_a)
    expect(page).to_have_url(re.compile(r"/p/haringey/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(partnership_a.name)

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Registry").click()
    page.get_by_role("navigation", name="Registry").get_by_role("link", name="Bodies").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bodies")
    page.get_by_role("button", name="Add body").click()
    page.get_by_role("button", name="Save").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_be_focused()  # GOV.UK Frontend moves focus to the summary
    summary.get_by_role("link", name="Enter the name").click()
    expect(page.locator("#id_name")).to_be_focused()

    page.locator("#id_name").fill("Performance Monitoring Group")
    page.get_by_role("button", name="Save").click()

    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Performance Monitoring Group added.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Performance Monitoring Group")
