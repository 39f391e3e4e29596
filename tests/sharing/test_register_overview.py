"""The information sharing overview and navigation: the register at a glance for everyone in
the partnership, the way in to requests only for those who use them, and page query counts
that do not grow with the register."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    DataSetFactory,
    OrganisationFactory,
    PartyFactory,
    SharingAgreementFactory,
)
from tests.sharing.conftest import signed_in

OVERVIEW = "/p/haringey/sharing/"


def test_the_overview_counts_the_register(partnership_a, protocol, police_party, viewer_a):
    SharingAgreementFactory(partnership=partnership_a, status="draft")
    PartyFactory(
        partnership=partnership_a,
        agreement=protocol,
        organisation=OrganisationFactory(partnership=partnership_a),
        status="requested",
        signed_on=None,
    )
    DataSetFactory(
        partnership=partnership_a,
        organisation=police_party[0].organisation,
        data_class="personal",
    )

    page = signed_in(viewer_a, second_factor=False).get(OVERVIEW)

    text = page.content.decode()
    assert page.status_code == 200
    assert "OFFICIAL-SENSITIVE" in text
    assert text.count('<td class="govuk-table__cell govuk-table__cell--numeric">1</td>') >= 4
    assert 'href="/p/haringey/sharing/"' in text and ">Information sharing<" in text  # the nav
    assert 'id="requests-link"' not in text  # a viewer does not use requests


def test_a_spoc_is_shown_the_way_in_to_requests(partnership_a, police_party):
    _, spoc_user = police_party

    text = signed_in(spoc_user, second_factor=False).get(OVERVIEW).content.decode()

    assert 'id="requests-link"' in text
    assert reverse("sharing:request-list", kwargs={"partnership": "haringey"}) in text


def test_governance_and_managers_are_shown_their_pages(
    partnership_a, governance_user, manager_a, viewer_a
):
    governance = signed_in(governance_user, second_factor=False).get(OVERVIEW).content.decode()
    manager = signed_in(manager_a, second_factor=False).get(OVERVIEW).content.decode()
    viewer = signed_in(viewer_a, second_factor=False).get(OVERVIEW).content.decode()

    for link in ("decision-log-link", "access-log-link", "incidents-link", "reports-link"):
        assert f'id="{link}"' in governance
        assert f'id="{link}"' not in viewer
    assert 'id="incidents-link"' in manager and 'id="reports-link"' in manager
    assert 'id="decision-log-link"' not in manager  # the decision log is for governance only


def _queries(client, address) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def _grow(partnership, protocol, start, n):
    for i in range(start, start + n):
        organisation = OrganisationFactory(partnership=partnership, name=f"Grown organisation {i}")
        child = SharingAgreementFactory(
            partnership=partnership, kind="subject_specific", parent=protocol, subject=f"S{i}"
        )
        PartyFactory(partnership=partnership, agreement=protocol, organisation=organisation)
        PartyFactory(partnership=partnership, agreement=child, organisation=organisation)
        DataSetFactory(partnership=partnership, organisation=organisation, agreement=protocol)


def test_register_pages_make_as_many_queries_with_more_records(partnership_a, protocol, viewer_a):
    client = signed_in(viewer_a, second_factor=False)
    pages = [
        OVERVIEW,
        "/p/haringey/sharing/agreements/",
        f"/p/haringey/sharing/agreements/{protocol.pk}/",
        "/p/haringey/sharing/data-sets/",
    ]
    _grow(partnership_a, protocol, 0, 2)
    few = [_queries(client, page) for page in pages]

    _grow(partnership_a, protocol, 2, 6)
    many = [_queries(client, page) for page in pages]

    assert many == few
