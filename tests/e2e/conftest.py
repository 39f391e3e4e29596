"""Browser tests: Playwright's sync API driving Debian's chromium against a live server.

Playwright runs an event loop in the test thread, so Django's ORM must be allowed
there. The browser is started once per session; each test gets a fresh context
(no cookies carried over).
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "correct-horse-battery"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def sign_in(page):
    """sign_in(user): signs in through the login page, as a person would."""

    def _sign_in(user, password=PASSWORD):
        page.goto("/sign-in/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()

    return _sign_in


@pytest.fixture(scope="session")
def axe_source() -> str:
    path = Path(settings.ASSETS_DIR) / "axe" / "axe.min.js"
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make assets`")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def assert_accessible(page, axe_source):
    """Runs axe-core (WCAG 2.2 AA rules) on the current page and fails on any violation."""

    def _check():
        page.add_script_tag(content=axe_source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA
        )
        violations = result["violations"]
        report = "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']}\n"
            + "\n".join(f"    {node['html'][:200]}" for node in v["nodes"][:5])
            for v in violations
        )
        assert not violations, f"axe found violations on {page.url}:\n{report}"

    return _check
