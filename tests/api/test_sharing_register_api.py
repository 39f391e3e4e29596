"""The information sharing register API: agreements (with their parties) and the data-set
catalogue, read by the partnership's users and written by its register editors through the
register services, with the version check."""

import pytest
from rest_framework.test import APIClient

from saferboard.core.roles import Role
from saferboard.sharing.models import DataSet, SharingAgreement
from tests.factories import (
    DataSetFactory,
    OrganisationFactory,
    PartyFactory,
    SharingAgreementFactory,
)


def api_client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def protocol(partnership_a):
    return SharingAgreementFactory(partnership=partnership_a, title="Information Sharing Protocol")


@pytest.fixture
def police_party(partnership_a, protocol):
    police = OrganisationFactory(partnership=partnership_a, name="Metropolitan Police Service")
    return PartyFactory(partnership=partnership_a, agreement=protocol, organisation=police)


def test_a_viewer_reads_agreements_with_their_parties(
    partnership_a, protocol, police_party, viewer_a
):
    SharingAgreementFactory(partnership=partnership_a, title="Unsigned yet")

    response = api_client(viewer_a).get("/api/v1/sharing-agreements/", {"status": "approved"})

    assert response.status_code == 200
    rows = response.json()["results"]
    listed = next(row for row in rows if row["id"] == protocol.pk)
    assert listed["parties"][0]["organisation_name"] == "Metropolitan Police Service"
    assert listed["parties"][0]["is_signed"] is True
    assert listed["legal_bases"] == ["cda_s115", "gdpr_6_1_e"]


def test_an_information_governance_user_adds_an_agreement_as_a_draft(
    partnership_a, protocol, make_user
):
    governance = make_user(partnership_a, Role.INFORMATION_GOVERNANCE)

    response = api_client(governance).post(
        "/api/v1/sharing-agreements/",
        {
            "partnership": "haringey",
            "title": "Channel information sharing agreement",
            "kind": "subject_specific",
            "parent": protocol.pk,
            "subject": "Channel",
            "version_label": "1.0",
            "legal_bases": ["cda_s115"],
            "status": "approved",
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "draft"  # status is not set through the API
    assert SharingAgreement.objects.get(subject="Channel").parent == protocol


def test_a_stale_update_gets_409_and_changes_nothing(partnership_a, protocol, manager_a):
    client = api_client(manager_a)
    url = f"/api/v1/sharing-agreements/{protocol.pk}/"
    client.patch(url, {"author": "First", "version": protocol.version}, format="json")

    response = client.patch(url, {"author": "Second", "version": protocol.version}, format="json")

    protocol.refresh_from_db()
    assert response.status_code == 409
    assert protocol.author == "First"


def test_a_viewer_gets_403_and_another_partnership_404(
    partnership_a, protocol, viewer_a, manager_b
):
    url = f"/api/v1/sharing-agreements/{protocol.pk}/"
    patch = {"author": "Intruder", "version": protocol.version}

    viewer = api_client(viewer_a).patch(url, patch, format="json")
    viewer_post = api_client(viewer_a).post(
        "/api/v1/data-sets/", {"partnership": "haringey", "title": "x"}, format="json"
    )
    other = api_client(manager_b).patch(url, patch, format="json")
    other_read = api_client(manager_b).get(url)

    protocol.refresh_from_db()
    assert (viewer.status_code, viewer_post.status_code) == (403, 403)
    assert (other.status_code, other_read.status_code) == (404, 404)
    assert protocol.author == ""


def test_the_catalogue_is_read_filtered_and_written(partnership_a, manager_a, viewer_a):
    police = OrganisationFactory(partnership=partnership_a, name="Metropolitan Police Service")
    DataSetFactory(
        partnership=partnership_a, organisation=police, title="CRIS", data_class="personal"
    )
    DataSetFactory(partnership=partnership_a, organisation=police, title="Crime statistics")

    personal = api_client(viewer_a).get("/api/v1/data-sets/", {"data_class": "personal"})
    added = api_client(manager_a).post(
        "/api/v1/data-sets/",
        {
            "partnership": "haringey",
            "organisation": police.pk,
            "title": "CAD calls",
            "data_class": "depersonalised",
            "owner": "Borough Commander",
        },
        format="json",
    )

    assert [row["title"] for row in personal.json()["results"]] == ["CRIS"]
    assert added.status_code == 201, added.json()
    assert DataSet.objects.filter(title="CAD calls", data_class="depersonalised").exists()


def test_anonymous_callers_get_401(partnership_a, protocol):
    for address in ("/api/v1/sharing-agreements/", "/api/v1/data-sets/"):
        assert api_client().get(address).status_code == 401
