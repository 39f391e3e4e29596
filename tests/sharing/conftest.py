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
