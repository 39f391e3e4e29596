"""The demo's information sharing: both partnerships get their agreements, signed parties
with SPOCs, the catalogue, requests in different states with invented subjects (encrypted),
decision log entries, a breach and a barrier, and SPOC logins."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from saferboard.core.demo import DEMO_PASSWORD, demo_build, demo_logins, demo_reset
from saferboard.core.demo.sharing import FICTIONAL_SUBJECTS
from saferboard.core.models import Partnership, User
from saferboard.sharing import crypto, selectors
from saferboard.sharing.models import (
    AgreementStatus,
    DataSet,
    DecisionLogEntry,
    DisclosureRequest,
    Incident,
    Party,
    RequestSubject,
    SharingAgreement,
)


@pytest.fixture
def demo(db):
    demo_build(meetings=False, performance=False)


def test_haringey_has_its_protocol_and_the_city_its_agreement_with_three_beneath(demo):
    haringey = SharingAgreement.objects.filter(partnership__slug="haringey")
    assert list(haringey.values_list("title", "status")) == [
        ("Crime and Disorder Information Sharing Protocol", AgreementStatus.APPROVED)
    ]
    city = SharingAgreement.objects.get(
        partnership__slug="city-of-london", title="SCP Information Sharing Agreement"
    )
    assert set(city.subject_agreements.values_list("subject", flat=True)) == {
        "MARAC",
        "Community MARAC",
        "Channel",
    }


def test_parties_are_signed_with_spocs_and_one_is_still_joining(demo):
    protocol = SharingAgreement.objects.get(partnership__slug="haringey")
    parties = Party.objects.filter(agreement=protocol)
    signed = parties.filter(status="signed")
    assert signed.count() >= 6
    assert all(party.spoc_id and party.principal_signatory_role for party in signed)
    assert parties.exclude(status="signed").count() == 1
    police = signed.get(organisation__name="Metropolitan Police Service")
    assert police.principal_signatory_role == "Borough Commander"
    assert police.spoc.user.username == "haringey-police_spoc"


@pytest.mark.parametrize("slug", ["haringey", "city-of-london"])
def test_requests_in_every_state_with_invented_encrypted_subjects(demo, slug):
    requests = DisclosureRequest.objects.filter(partnership__slug=slug)
    assert set(requests.values_list("status", flat=True)) == {
        "draft",
        "submitted",
        "disclosed",
        "declined",
    }
    assert requests.filter(destroy_on__lt=timezone.localdate()).count() == 1
    names = {
        crypto.decrypt(subject.name_encrypted)
        for subject in RequestSubject.objects.filter(partnership__slug=slug)
    }
    assert {name for name, _, _ in FICTIONAL_SUBJECTS} <= names
    raw = list(RequestSubject.objects.values_list("name_encrypted", flat=True))
    assert not any(name in token for token in raw for name in names)
    assert DecisionLogEntry.objects.filter(partnership__slug=slug).count() == 2
    assert DataSet.objects.filter(partnership__slug=slug).count() >= 10
    assert set(Incident.objects.filter(partnership__slug=slug).values_list("kind", flat=True)) == {
        "breach",
        "barrier",
    }


def test_one_request_is_due_for_destruction_and_retention_destroys_it(demo):
    call_command("retention")

    gone = DisclosureRequest.objects.filter(personal_details_destroyed_at__isnull=False)
    assert gone.count() == 2  # one per partnership
    assert DecisionLogEntry.objects.count() == 4


def test_the_spoc_logins_sign_in_and_are_listed(demo):
    usernames = {login.username for login in demo_logins()}
    for slug in ("haringey", "city-of-london"):
        for who in ("police_spoc", "council_spoc"):
            username = f"{slug}-{who}"
            assert username in usernames
            client = Client()
            client.post("/sign-in/", {"username": username, "password": DEMO_PASSWORD})
            user = client.session["_auth_user_id"]
            assert user
            partnership = Partnership.objects.get(slug=slug)
            assert selectors.is_spoc(partnership=partnership, user=User.objects.get(pk=user))


def test_reset_removes_it_all(demo):
    demo_reset()

    assert not SharingAgreement.objects.exists() and not DisclosureRequest.objects.exists()
    assert not Incident.objects.exists()
