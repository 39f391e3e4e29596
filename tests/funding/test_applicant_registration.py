"""Applicants: a charity needs its Charity Commission number, a company its Companies House
number, a partner agency its registry organisation; managers name the accounts that act for
an applicant; a contributor may add one for their own organisation."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from saferboard.core.errors import BusinessRuleError
from saferboard.core.roles import Role
from saferboard.funding import bids
from saferboard.funding.models import Applicant, LegalForm
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

DAY = datetime.date(2024, 6, 1)


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"legal_form": LegalForm.CHARITY}, "charity_number", "a registered charity must have"),
        ({"legal_form": LegalForm.CIO, "charity_number": "12AB56"}, "charity_number", "6 to 8"),
        ({"legal_form": LegalForm.CHARITY, "charity_number": "12345"}, "charity_number", "6 to 8"),
        ({"legal_form": LegalForm.CIC}, "company_number", "a community interest company must"),
        (
            {"legal_form": LegalForm.COMPANY, "company_number": "S1234567"},
            "company_number",
            "8 characters",
        ),
        ({"legal_form": LegalForm.PARTNER_AGENCY}, "organisation", "registry's organisations"),
    ],
)
def test_the_legal_form_decides_what_registration_is_needed(
    partnership_a, manager_a, fields, field, words
):
    with pytest.raises(BusinessRuleError, match=words) as caught:
        bids.applicant_create(partnership=partnership_a, by=manager_a, name="Trust", **fields)
    assert caught.value.field == field
    assert not Applicant.objects.exists()


def test_registration_numbers_are_tidied(partnership_a, manager_a):
    charity = bids.applicant_create(
        partnership=partnership_a,
        by=manager_a,
        name="Safer Streets Trust",
        legal_form=LegalForm.CHARITY,
        charity_number=" 1123 456 ",
    )
    company = bids.applicant_create(
        partnership=partnership_a,
        by=manager_a,
        name="Safer Streets CIC",
        legal_form=LegalForm.CIC,
        company_number="1234567",
    )
    scottish = bids.applicant_create(
        partnership=partnership_a,
        by=manager_a,
        name="Safer Glasgow Ltd",
        legal_form=LegalForm.COMPANY,
        company_number="sc123456",
    )
    assert charity.charity_number == "1123456"
    assert company.company_number == "01234567"
    assert scottish.company_number == "SC123456"


def test_accounts_acting_for_an_applicant_must_hold_a_role_here(
    partnership_a, partnership_b, manager_a, make_user
):
    contributor = make_user(partnership_a, Role.CONTRIBUTOR)
    outsider = make_user(partnership_b, Role.CONTRIBUTOR)
    with pytest.raises(BusinessRuleError, match="hold no role in this partnership"):
        bids.applicant_create(
            partnership=partnership_a,
            by=manager_a,
            name="Community group",
            legal_form=LegalForm.COMMUNITY_GROUP,
            users=[contributor, outsider],
        )
    applicant = bids.applicant_create(
        partnership=partnership_a,
        by=manager_a,
        name="Community group",
        legal_form=LegalForm.COMMUNITY_GROUP,
        users=[contributor],
    )
    assert list(applicant.users.all()) == [contributor]


def test_a_contributor_adds_an_applicant_only_for_their_own_organisation(partnership_a, make_user):
    user = make_user(partnership_a, Role.CONTRIBUTOR)
    membership = MembershipFactory(
        partnership=partnership_a, person=PersonFactory(partnership=partnership_a, user=user)
    )
    other = OrganisationFactory(partnership=partnership_a)
    fields = {"name": "Youth service", "legal_form": LegalForm.PARTNER_AGENCY}
    with pytest.raises(BusinessRuleError, match="only for your own organisation"):
        bids.applicant_create(
            partnership=partnership_a, by=user, on=DAY, organisation=other, **fields
        )
    with pytest.raises(BusinessRuleError, match="Only a manager can say which accounts"):
        bids.applicant_create(
            partnership=partnership_a,
            by=user,
            on=DAY,
            organisation=membership.organisation,
            users=[user],
            **fields,
        )
    applicant = bids.applicant_create(
        partnership=partnership_a, by=user, on=DAY, organisation=membership.organisation, **fields
    )
    assert bids.acts_for(applicant=applicant, by=user, on=DAY)


def test_a_viewer_cannot_add_applicants(partnership_a, viewer_a):
    with pytest.raises(BusinessRuleError, match="Only managers and partner contributors"):
        bids.applicant_create(
            partnership=partnership_a,
            by=viewer_a,
            name="Group",
            legal_form=LegalForm.COMMUNITY_GROUP,
        )


def test_the_add_page_names_the_field_in_its_message(manager_a_client):
    url = reverse("funding:applicant-add", kwargs={"partnership": "haringey"})
    response = manager_a_client.post(url, {"name": "Safer Streets Trust", "legal_form": "charity"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_charity_number"' in page
    assert "Enter the Charity Commission number" in page
    response = manager_a_client.post(
        url, {"name": "Safer Streets Trust", "legal_form": "charity", "charity_number": "1123456"}
    )
    applicant = Applicant.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/applicants/{applicant.pk}/")
    listing = manager_a_client.get(
        reverse("funding:applicant-list", kwargs={"partnership": "haringey"})
    )
    assert "Safer Streets Trust" in listing.content.decode()


def test_a_contributor_sees_only_the_applicants_they_act_for(
    applicant, partnership_a, make_contributor
):
    from tests.factories import ApplicantFactory

    other = ApplicantFactory(partnership=partnership_a, name="Other Trust")
    client = Client()
    client.force_login(make_contributor(applicant))
    listing = client.get(reverse("funding:applicant-list", kwargs={"partnership": "haringey"}))
    assert "Safer Streets Trust" in listing.content.decode()
    assert "Other Trust" not in listing.content.decode()
    detail = "funding:applicant-detail"
    assert (
        client.get(reverse(detail, kwargs={"partnership": "haringey", "pk": other.pk})).status_code
        == 404
    )
    assert (
        client.get(
            reverse(detail, kwargs={"partnership": "haringey", "pk": applicant.pk})
        ).status_code
        == 200
    )
