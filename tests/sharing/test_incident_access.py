"""Breaches and barriers are for information-governance users and managers; to everyone
else in the partnership (SPOCs included) the pages do not exist: 404, not 403."""

import datetime

import pytest
from django.urls import reverse

from saferboard.core.roles import Role
from saferboard.sharing import incidents
from tests.factories import OrganisationFactory
from tests.sharing.conftest import signed_in


@pytest.fixture
def addresses(partnership_a, governance_user):
    incident = incidents.incident_log(
        partnership=partnership_a,
        by=governance_user,
        kind="breach",
        reported_on=datetime.date(2025, 6, 2),
        summary="Sent to the wrong team.",
        organisations=[OrganisationFactory(partnership=partnership_a)],
    )
    slug = partnership_a.slug
    return [
        reverse("sharing:incident-list", kwargs={"partnership": slug}),
        reverse("sharing:incident-add", kwargs={"partnership": slug}),
        *(
            reverse(f"sharing:incident-{name}", kwargs={"partnership": slug, "pk": incident.pk})
            for name in ("detail", "escalate", "resolve")
        ),
    ]


@pytest.mark.parametrize(
    "role", [Role.CLERK, Role.MEMBER, Role.CONTRIBUTOR, Role.ANALYST, Role.VIEWER]
)
def test_other_roles_get_404(partnership_a, addresses, make_user, role):
    client = signed_in(make_user(partnership_a, role), second_factor=False)

    for address in addresses:
        assert client.get(address).status_code == 404, address
        assert client.post(address, {"level": "4", "resolution": "x"}).status_code == 404


def test_a_spoc_gets_404(partnership_a, addresses, police_party):
    _, spoc = police_party
    client = signed_in(spoc, second_factor=True)

    assert {client.get(address).status_code for address in addresses} == {404}


@pytest.mark.parametrize("role", [Role.MANAGER, Role.INFORMATION_GOVERNANCE])
def test_managers_and_governance_users_open_them(partnership_a, addresses, make_user, role):
    client = signed_in(make_user(partnership_a, role), second_factor=False)

    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        assert "OFFICIAL-SENSITIVE" in response.content.decode()
