"""Parties: an organisation is asked to join, endorsed by a head of service, then signs (on
a date) or withdraws; each step is recorded. Until it signs it cannot be chosen in requests.
The party's page says whether its SPOC has an account."""

import datetime

import pytest
from django.urls import reverse

from saferboard.core.errors import BusinessRuleError
from saferboard.sharing import register, selectors
from saferboard.sharing.models import JoiningStep, Party, PartyStatus
from tests.factories import OrganisationFactory, PersonFactory
from tests.sharing.conftest import signed_in


def _url(name, pk):
    return reverse(f"sharing:{name}", kwargs={"partnership": "haringey", "pk": pk})


@pytest.fixture
def fire(partnership_a):
    return OrganisationFactory(partnership=partnership_a, name="London Fire Brigade")


def test_a_manager_adds_a_party_that_has_not_signed(partnership_a, protocol, fire, manager_a):
    response = signed_in(manager_a, second_factor=False).post(
        _url("party-add", protocol.pk),
        {
            "organisation": fire.pk,
            "principal_signatory_role": "Borough Commander",
            "asked_on_day": "3",
            "asked_on_month": "2",
            "asked_on_year": "2026",
            "note": "Asked at the January board",
        },
    )

    party = Party.objects.get(organisation=fire)
    assert response.status_code == 302
    assert party.status == PartyStatus.REQUESTED
    assert list(party.joining_steps.values_list("status", "on", "by")) == [
        ("requested", datetime.date(2026, 2, 3), manager_a.pk)
    ]
    assert party not in selectors.signed_parties(agreement=protocol)


def test_joining_goes_asked_endorsed_signed_and_then_the_party_can_be_chosen(
    partnership_a, protocol, fire, make_user
):
    party = register.party_add(
        agreement=protocol,
        by=None,
        organisation=fire,
        principal_signatory_role="Borough Commander",
        on=datetime.date(2026, 2, 3),
    )
    register.party_step(
        party=party,
        by=None,
        expected_version=party.version,
        status="endorsed",
        on=datetime.date(2026, 2, 10),
        note="Endorsed by the Head of Community Safety, Jo Bloggs",
    )
    party.refresh_from_db()

    register.party_step(
        party=party,
        by=None,
        expected_version=party.version,
        status="signed",
        on=datetime.date(2026, 3, 1),
    )

    party.refresh_from_db()
    assert party.status == PartyStatus.SIGNED
    assert party.signed_on == datetime.date(2026, 3, 1)
    assert [s.status for s in JoiningStep.objects.filter(party=party)] == [
        "requested",
        "endorsed",
        "signed",
    ]
    assert party in selectors.signed_parties(agreement=protocol)


def test_signing_needs_a_date(partnership_a, protocol, fire, manager_a):
    party = register.party_add(
        agreement=protocol,
        by=None,
        organisation=fire,
        principal_signatory_role="Borough Commander",
        on=datetime.date(2026, 2, 3),
    )
    register.party_step(
        party=party,
        by=None,
        expected_version=1,
        status="endorsed",
        on=party.joining_steps.get().on,
        note="Head of service",
    )

    response = signed_in(manager_a, second_factor=False).post(
        _url("party-step", party.pk), {"status": "signed", "version": 2}
    )

    party.refresh_from_db()
    assert response.status_code == 200
    assert "Enter the date" in response.content.decode()
    assert party.status == PartyStatus.ENDORSED
    with pytest.raises(BusinessRuleError, match="date the agreement was signed"):
        register.party_step(party=party, by=None, expected_version=2, status="signed", on=None)


def test_signing_before_endorsement_is_refused(partnership_a, protocol, fire):
    party = register.party_add(
        agreement=protocol,
        by=None,
        organisation=fire,
        principal_signatory_role="Borough Commander",
        on=datetime.date(2026, 2, 3),
    )

    with pytest.raises(BusinessRuleError, match="the next step is"):
        register.party_step(
            party=party, by=None, expected_version=1, status="signed", on=datetime.date(2026, 3, 1)
        )


def test_a_withdrawn_party_is_no_longer_chosen(partnership_a, protocol, police_party):
    party, _ = police_party

    register.party_step(
        party=party,
        by=None,
        expected_version=party.version,
        status="withdrawn",
        on=datetime.date(2026, 5, 1),
    )

    assert party not in selectors.signed_parties(agreement=protocol)


def test_the_party_page_says_whether_the_spoc_has_an_account(partnership_a, police_party, viewer_a):
    party, _ = police_party
    party.deputy_spoc = PersonFactory(partnership=partnership_a, given_name="Nia", user=None)
    party.save()

    page = signed_in(viewer_a, second_factor=False).get(_url("party-detail", party.pk))

    text = page.content.decode()
    assert "Has an account" in text  # the SPOC
    assert "No account" in text and "cannot use requests" in text  # the deputy


def test_a_viewer_cannot_add_parties_or_record_steps(
    partnership_a, protocol, police_party, fire, viewer_a
):
    party, _ = police_party
    client = signed_in(viewer_a, second_factor=False)

    add = client.post(_url("party-add", protocol.pk), {"organisation": fire.pk})
    step = client.post(_url("party-step", party.pk), {"status": "withdrawn", "version": 1})

    assert (add.status_code, step.status_code) == (403, 403)
    assert not Party.objects.filter(organisation=fire).exists()
    assert not JoiningStep.objects.exists()


def test_another_partnerships_manager_gets_404(partnership_a, police_party, manager_b):
    party, _ = police_party
    client = signed_in(manager_b, second_factor=False)

    assert client.get(_url("party-detail", party.pk)).status_code == 404
    assert client.post(_url("party-edit", party.pk), {}).status_code == 404


def test_the_party_forms_open_for_an_editor(partnership_a, protocol, police_party, manager_a):
    party, _ = police_party
    client = signed_in(manager_a, second_factor=False)

    pages = [
        client.get(_url("party-add", protocol.pk)),
        client.get(_url("party-edit", party.pk)),
        client.get(_url("party-step", party.pk)),
        client.get(_url("agreement-status", protocol.pk)),
        client.get(_url("agreement-edit", protocol.pk)),
    ]

    assert [page.status_code for page in pages] == [200] * 5
    assert all("OFFICIAL-SENSITIVE" in page.content.decode() for page in pages)
    assert "Withdrawn" in pages[2].content.decode()  # a signed party's only next step
    assert "(has an account)" in pages[1].content.decode()
