"""Information-sharing fixtures: an approved protocol in partnership A with the police and
the council as signed parties, each with a SPOC who has an account, an information
governance user, and clients signed in with (or without) a second factor."""

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from saferboard.core.roles import Role
from saferboard.registry.models import Sector
from tests.factories import (
    OrganisationFactory,
    PartyFactory,
    PersonFactory,
    SharingAgreementFactory,
)


@pytest.fixture
def protocol(partnership_a):
    return SharingAgreementFactory(
        partnership=partnership_a, title="Crime and Disorder Information Sharing Protocol"
    )


def _party_with_spoc(partnership, agreement, make_user, name, sector, role=Role.CONTRIBUTOR):
    organisation = OrganisationFactory(partnership=partnership, name=name, sector=sector)
    user = make_user(partnership, role)
    spoc = PersonFactory(partnership=partnership, user=user)
    party = PartyFactory(
        partnership=partnership, agreement=agreement, organisation=organisation, spoc=spoc
    )
    return party, user


@pytest.fixture
def police_party(partnership_a, protocol, make_user):
    return _party_with_spoc(
        partnership_a, protocol, make_user, "Metropolitan Police Service", Sector.POLICE
    )


@pytest.fixture
def council_party(partnership_a, protocol, make_user):
    return _party_with_spoc(
        partnership_a, protocol, make_user, "Haringey Council", Sector.LOCAL_AUTHORITY
    )


@pytest.fixture
def governance_user(partnership_a, make_user):
    return make_user(partnership_a, Role.INFORMATION_GOVERNANCE)


def signed_in(user, *, second_factor: bool) -> Client:
    """A client signed in as `user`; with `second_factor`, also verified by a confirmed TOTP
    device this session, as django-otp's login would leave it."""
    client = Client()
    client.force_login(user)
    if second_factor:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


# Requests (REQUESTS helper) ---------------------------------------------------------
# Subjects whose details are unusual enough that finding any part of them anywhere is a leak.
SUBJECTS = (
    ("suspect", "Jonquil Marrowbank", "17 Pellucid Mews, London N17 9QX", (1987, 11, 23)),
    ("victim", "Tamsin Oyelaran-Vique", "4 Quoin Terrace, London N15 3ZZ", (2001, 5, 14)),
)
# Every form a subject detail could take in a page, a file or a log line.
SUBJECT_MARKERS = (
    "Jonquil",
    "Marrowbank",
    "Pellucid",
    "N17 9QX",
    "1987-11-23",
    "23/11/1987",
    "23 November 1987",
    "Tamsin",
    "Oyelaran",
    "Quoin",
    "N15 3ZZ",
    "2001-05-14",
    "14/05/2001",
    "14 May 2001",
)


def subject_details():
    import datetime

    from saferboard.sharing.requests import SubjectDetails

    return [
        SubjectDetails(role=role, name=name, address=address, date_of_birth=datetime.date(*born))
        for role, name, address, born in SUBJECTS
    ]


def subject_markers_in(text: str) -> list[str]:
    return [marker for marker in SUBJECT_MARKERS if marker.lower() in text.lower()]


def send_request(partnership, requesting, disclosing, *, consent=True, **changes):
    """A request made through the service by the requesting party's SPOC: (party, user)."""
    from saferboard.sharing import requests

    fields = dict(
        partnership=partnership,
        by=requesting[1],
        roles=frozenset({Role.CONTRIBUTOR}),
        requesting_party=requesting[0],
        disclosing_party=disclosing[0],
        requester_name="PC Amy Lee",
        requester_job_title="Police constable",
        information_requested="Current tenancy status and any recorded nuisance complaints",
        purpose="Anti-social behaviour case conference",
        subjects=subject_details(),
        legal_bases=["cda_s115"],
        consent_obtained=consent,
        public_interest_reason="" if consent else "Preventing serious harm to neighbours",
    )
    return requests.request_create(**(fields | changes))


@pytest.fixture
def submitted_request(partnership_a, police_party, council_party):
    """Sent by the police SPOC to the council, with the two subjects above."""
    return send_request(partnership_a, police_party, council_party)


def totp_code(device) -> str:
    """The code the authenticator app shows now for `device`."""
    from django_otp.oath import totp

    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"
