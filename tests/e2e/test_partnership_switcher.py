"""In a real browser: someone in two partnerships moves from one to the other."""

import re

import pytest
from playwright.sync_api import expect

from saferboard.core.roles import Role
from saferboard.core.services import partnership_role_grant

pytestmark = pytest.mark.e2e


def test_someone_in_two_partnerships_switches_with_the_switcher(
    page, sign_in, make_user, partnership_a, partnership_b
):
    officer = make_user(partnership_a, Role.ANALYST)
    partnership_role_grant(user=officer, partnership=partnership_b, role=Role.VIEWER)
    sign_in(officer)
    expect(page.get_by_role("heading", level=1)).to_have_text(partnership_a.name)

    page.get_by_label("Partnership").select_option(label=partnership_b.name)
    page.get_by_role("button", name="Switch").click()

    expect(page).to_have_url(re.compile(r"/p/city-of-london/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(partnership_b.name)
    expect(page.get_by_label("Partnership")).to_have_value(partnership_b.slug)
