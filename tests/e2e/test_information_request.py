"""A request for information in a browser: the police SPOC signs in with their second factor
and sends Part A about one subject; the council SPOC signs in the same way, opens it, views
the personal details and records Part B, a disclosure; the information-governance user
sees the decision log entry and the access log. axe-core checks every page on the way."""

import datetime

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from saferboard.core.roles import Role
from saferboard.registry.models import Sector
from saferboard.sharing.models import DecisionLogEntry, DisclosureRequest, RequestStatus
from tests.factories import (
    OrganisationFactory,
    PartyFactory,
    PersonFactory,
    SharingAgreementFactory,
)

pytestmark = pytest.mark.e2e

SUBJECT = "Jordan Examplefield"


def _with_authenticator(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def _code(device: TOTPDevice) -> str:
    device.refresh_from_db()
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return str(code).zfill(device.digits)


@pytest.fixture
def protocol_with_two_spocs(partnership_a, make_user):
    protocol = SharingAgreementFactory(
        partnership=partnership_a, title="Crime and Disorder Information Sharing Protocol"
    )
    spocs = {}
    for key, name, sector, given in (
        ("police", "Metropolitan Police Service", Sector.POLICE, "Priya"),
        ("council", "Haringey Council", Sector.LOCAL_AUTHORITY, "Colin"),
    ):
        user = make_user(partnership_a, Role.CONTRIBUTOR, username=f"{key}-spoc")
        person = PersonFactory(
            partnership=partnership_a, given_name=given, family_name="Spoc", user=user
        )
        organisation = OrganisationFactory(partnership=partnership_a, name=name, sector=sector)
        party = PartyFactory(
            partnership=partnership_a, agreement=protocol, organisation=organisation, spoc=person
        )
        spocs[key] = (party, user, _with_authenticator(user))
    governance = make_user(partnership_a, Role.INFORMATION_GOVERNANCE, username="ig-lead")
    spocs["governance"] = (None, governance, _with_authenticator(governance))
    return spocs


def _verify(page, device, assert_accessible):
    """On the second-factor page: check it, then enter the app's current code."""
    expect(
        page.get_by_role("heading", name="Enter the code from your authenticator app")
    ).to_be_visible()
    assert_accessible()
    page.get_by_label("Code from your authenticator app").fill(_code(device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def _date(page, name: str, day: datetime.date) -> None:
    page.locator(f'[name="{name}_day"]').fill(str(day.day))
    page.locator(f'[name="{name}_month"]').fill(str(day.month))
    page.locator(f'[name="{name}_year"]').fill(str(day.year))


def test_a_request_from_part_a_to_the_decision_log(
    page, sign_in, assert_accessible, partnership_a, protocol_with_two_spocs
):
    police_party, police_user, police_device = protocol_with_two_spocs["police"]
    council_party, council_user, council_device = protocol_with_two_spocs["council"]
    _, governance_user, governance_device = protocol_with_two_spocs["governance"]
    base = f"/p/{partnership_a.slug}/sharing"
    today = datetime.date.today()

    # The police SPOC: sign in, the second factor, Part A.
    sign_in(police_user)
    page.goto(f"{base}/requests/add/")
    _verify(page, police_device, assert_accessible)
    expect(page.locator('[name="information_requested"]')).to_be_visible()
    assert_accessible()
    page.locator('[name="requesting_party"]').select_option(str(police_party.pk))
    page.locator('[name="disclosing_party"]').select_option(str(council_party.pk))
    page.locator('[name="requester_name"]').fill("Priya Spoc")
    page.locator('[name="requester_job_title"]').fill("Partnership sergeant")
    page.locator('[name="information_requested"]').fill("Tenancy details for one address.")
    page.locator('[name="purpose"]').fill("Planning a closure order after repeated reports.")
    page.locator('input[name="consent_obtained"][value="no"]').check()
    page.locator('[name="public_interest_reason"]').fill("Preventing crime at the address.")
    page.locator('input[name="legal_bases"][value="cda_s115"]').check()
    page.locator('[name="subject_1_name"]').fill(SUBJECT)
    page.locator('[name="subject_1_address"]').fill("Flat 4, 10 Sample Road, London N99 9ZZ")
    page.locator('input[name="subject_1_role"][value="suspect"]').check()
    page.get_by_role("button", name="Send the request").click()
    page.wait_for_load_state()
    request = DisclosureRequest.objects.get()
    assert request.status == RequestStatus.SUBMITTED
    expect(page.get_by_text(request.reference).first).to_be_visible()
    assert SUBJECT not in page.content()
    assert_accessible()
    page.context.clear_cookies()

    # The council SPOC: sign in, the second factor, the request, its personal details, Part B.
    sign_in(council_user)
    page.goto(f"{base}/requests/")
    _verify(page, council_device, assert_accessible)
    assert page.url.endswith(f"{base}/requests/")
    assert_accessible()
    assert SUBJECT not in page.content()
    page.get_by_role("link", name=request.reference).click()
    page.wait_for_load_state()
    assert_accessible()
    page.get_by_role("link", name="Show personal details").click()
    page.wait_for_load_state()
    expect(page.get_by_text(SUBJECT)).to_be_visible()
    assert_accessible()
    page.goto(f"{base}/requests/{request.pk}/")
    page.get_by_role("link", name="Answer the request (Part B)").click()
    page.wait_for_load_state()
    assert_accessible()
    _date(page, "received_on", today)
    page.locator('input[name="disclosure_agreed"][value="yes"]').check()
    page.locator('[name="reasons"]').fill("Necessary and proportionate to prevent crime.")
    page.locator('[name="information_summary"]').fill("Current tenancy status.")
    page.locator('[name="information_type"]').fill("Tenancy records")
    page.locator('[name="authorised_by"]').fill("Colin Spoc, information sharing lead")
    page.locator('input[name="subject_told"][value="no"]').check()
    page.locator('[name="not_told_reason"]').fill("Telling them would prejudice the case.")
    page.locator('[name="information_disclosed"]').fill("Secure tenancy since 2019.")
    page.locator('[name="disclosed_by_name"]').fill("Colin Spoc")
    page.locator('[name="disclosed_to_name"]').fill("Priya Spoc")
    page.locator('input[name="delivery_method"][value="secure_email"]').check()
    _date(page, "supplied_on", today)
    page.get_by_role("button", name="Record the answer").click()
    page.wait_for_load_state()
    request.refresh_from_db()
    assert request.status == RequestStatus.DISCLOSED
    assert_accessible()
    page.context.clear_cookies()

    # The information-governance user: the decision log entry and the access log.
    entry = DecisionLogEntry.objects.get(request=request)
    sign_in(governance_user)
    page.goto(f"{base}/decision-log/")
    _verify(page, governance_device, assert_accessible)
    assert page.url.endswith(f"{base}/decision-log/")
    expect(page.get_by_text("Current tenancy status.").first).to_be_visible()
    expect(page.get_by_text("Tenancy records").first).to_be_visible()
    assert entry.decision == "share"
    assert SUBJECT not in page.content()
    assert_accessible()
    page.goto(f"{base}/access-log/")
    expect(page.get_by_text(request.reference).first).to_be_visible()
    expect(
        page.get_by_text("council-spoc").or_(page.get_by_text("Colin Spoc")).first
    ).to_be_visible()
    assert SUBJECT not in page.content()
    assert_accessible()
