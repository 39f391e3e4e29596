"""Contributors see only their own applicants' bids (404 otherwise), another partnership's
users see none, and other roles see bids once they are decided."""

import pytest
from django.test import Client
from django.urls import reverse

from saferboard.core.roles import Role
from saferboard.funding import bids
from saferboard.funding.models import Stage
from tests.factories import ApplicantFactory, BidFactory, labelled_pdf

BID_PAGES = ("funding:bid-detail", "funding:bid-documents", "funding:bid-edit")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def two_bids(fund, applicant, partnership_a):
    other = ApplicantFactory(partnership=partnership_a, name="Other Trust")
    mine = BidFactory(partnership=partnership_a, fund=fund, applicant=applicant, stage=Stage.DRAFT)
    theirs = BidFactory(partnership=partnership_a, fund=fund, applicant=other, stage=Stage.DRAFT)
    document = bids.bid_document_add(
        bid=theirs,
        kind="budget",
        title="Their budget",
        name="budget.pdf",
        data=labelled_pdf("Budget"),
        by=None,
    )
    return mine, theirs, document


def _url(name, bid):
    return reverse(name, kwargs={"partnership": bid.partnership.slug, "pk": bid.pk})


def test_a_contributor_sees_only_their_applicants_bids(two_bids, applicant, make_contributor):
    mine, theirs, document = two_bids
    client = _client(make_contributor(applicant))
    listing = client.get(reverse("funding:bid-list", kwargs={"partnership": "haringey"}))
    assert mine.reference in listing.content.decode()
    assert theirs.reference not in listing.content.decode()
    assert "My bids" in listing.content.decode()
    for name in BID_PAGES:
        assert client.get(_url(name, mine)).status_code == 200, name
        assert client.get(_url(name, theirs)).status_code == 404, name
    assert client.get(_url("funding:bid-document-file", document)).status_code == 404
    pipeline = client.get(reverse("funding:pipeline", kwargs={"partnership": "haringey"}))
    assert theirs.reference not in pipeline.content.decode()


def test_working_for_the_applicants_organisation_is_acting_for_it(
    two_bids, partnership_a, make_user
):
    from tests.factories import MembershipFactory, PersonFactory

    mine, theirs, _ = two_bids
    user = make_user(partnership_a, Role.CONTRIBUTOR)
    membership = MembershipFactory(
        partnership=partnership_a, person=PersonFactory(partnership=partnership_a, user=user)
    )
    theirs.applicant.organisation = membership.organisation
    theirs.applicant.save()
    client = _client(user)
    assert client.get(_url("funding:bid-detail", theirs)).status_code == 200
    assert client.get(_url("funding:bid-detail", mine)).status_code == 404


def test_a_manager_sees_every_bid_and_its_documents(two_bids, manager_a_client):
    mine, theirs, document = two_bids
    listing = manager_a_client.get(reverse("funding:bid-list", kwargs={"partnership": "haringey"}))
    assert mine.reference in listing.content.decode()
    assert theirs.reference in listing.content.decode()
    download = manager_a_client.get(_url("funding:bid-document-file", document))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_another_partnerships_manager_sees_none(two_bids, manager_b_client):
    mine, theirs, document = two_bids
    for bid in (mine, theirs):
        for name in BID_PAGES:
            assert manager_b_client.get(_url(name, bid)).status_code == 404
    assert manager_b_client.get(_url("funding:bid-document-file", document)).status_code == 404


def test_a_viewer_sees_only_decided_bids(two_bids, fund, applicant, partnership_a, viewer_a):
    mine, theirs, _ = two_bids
    decided = BidFactory(
        partnership=partnership_a, fund=fund, applicant=applicant, stage=Stage.DECISION
    )
    client = _client(viewer_a)
    listing = client.get(reverse("funding:bid-list", kwargs={"partnership": "haringey"}))
    text = listing.content.decode()
    assert decided.reference in text
    assert mine.reference not in text and theirs.reference not in text
    assert client.get(_url("funding:bid-detail", decided)).status_code == 200
    assert client.get(_url("funding:bid-detail", mine)).status_code == 404
