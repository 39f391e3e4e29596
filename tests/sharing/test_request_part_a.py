"""Part A: a SPOC makes a request through the page. The subjects' details are encrypted
before they are saved, the disclosing party can only be another signed party, the
reference is numbered per year, and invalid input saves nothing."""

import datetime

from django.urls import reverse
from django.utils import timezone

from saferboard.core.roles import Role
from saferboard.registry.models import Sector
from saferboard.sharing import crypto
from saferboard.sharing.models import (
    DisclosureRequest,
    PartyStatus,
    RequestStatus,
    RequestSubject,
)
from tests.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PartyFactory,
    PostFactory,
)
from tests.sharing.conftest import SUBJECTS, signed_in, subject_markers_in


def add_url(partnership):
    return reverse("sharing:request-add", kwargs={"partnership": partnership.slug})


def form_data(requesting, disclosing, **changes):
    data = {
        "subject_slots": "2",
        "requesting_party": str(requesting.pk),
        "disclosing_party": str(disclosing.pk),
        "requester_name": "PC Amy Lee",
        "requester_job_title": "Police constable",
        "information_requested": "Current tenancy status",
        "purpose": "Anti-social behaviour case conference",
        "consent_obtained": "yes",
        "legal_bases": ["cda_s115", "housing_s84"],
    }
    for number, (role, name, address, (year, month, day)) in enumerate(SUBJECTS, start=1):
        data |= {
            f"subject_{number}_name": name,
            f"subject_{number}_address": address,
            f"subject_{number}_date_of_birth_day": str(day),
            f"subject_{number}_date_of_birth_month": str(month),
            f"subject_{number}_date_of_birth_year": str(year),
            f"subject_{number}_role": role,
        }
    return data | changes


def test_a_spoc_sends_a_request_with_encrypted_subjects(partnership_a, police_party, council_party):
    police, spoc = police_party
    client = signed_in(spoc, second_factor=True)

    response = client.post(add_url(partnership_a), form_data(police, council_party[0]))

    request = DisclosureRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/requests/{request.pk}/")
    assert request.reference == f"ISR-{timezone.localdate().year}-001"
    assert request.status == RequestStatus.SUBMITTED and request.submitted_at is not None
    assert request.requester == spoc and request.agreement == police.agreement
    assert request.legal_bases == ["cda_s115", "housing_s84"]
    subjects = list(RequestSubject.objects.order_by("pk"))
    assert [s.role for s in subjects] == ["suspect", "victim"]
    assert crypto.decrypt(subjects[0].name_encrypted) == "Jonquil Marrowbank"
    assert crypto.decrypt(subjects[1].date_of_birth_encrypted) == "2001-05-14"
    stored = repr(list(RequestSubject.objects.values()))
    assert subject_markers_in(stored) == []
    # Sent: the disclosing party's SPOC sees it in their list.
    council_client = signed_in(council_party[1], second_factor=True)
    listing = council_client.get(reverse("sharing:request-list", args=[partnership_a.slug]))
    assert request.reference in listing.content.decode()


def test_references_count_up_within_the_year(partnership_a, police_party, council_party):
    client = signed_in(police_party[1], second_factor=True)
    for _ in range(2):
        client.post(add_url(partnership_a), form_data(police_party[0], council_party[0]))
    year = timezone.localdate().year
    assert sorted(DisclosureRequest.objects.values_list("reference", flat=True)) == [
        f"ISR-{year}-001",
        f"ISR-{year}-002",
    ]


def test_the_destruction_date_defaults_to_twelve_months_on(
    partnership_a, police_party, council_party
):
    client = signed_in(police_party[1], second_factor=True)
    client.post(add_url(partnership_a), form_data(police_party[0], council_party[0]))
    today = timezone.localdate()
    destroy_on = DisclosureRequest.objects.get().destroy_on
    assert destroy_on.year == today.year + 1 and destroy_on.month == today.month
    assert destroy_on.day in {today.day, 28}


def test_only_signed_other_parties_can_be_asked(
    partnership_a, protocol, police_party, council_party
):
    unsigned = PartyFactory(
        partnership=partnership_a,
        agreement=protocol,
        organisation=OrganisationFactory(partnership=partnership_a, name="Homes for Haringey"),
        status=PartyStatus.REQUESTED,
        signed_on=None,
    )
    client = signed_in(police_party[1], second_factor=True)
    page = client.get(add_url(partnership_a)).content.decode()
    assert "Homes for Haringey" not in page
    assert "Haringey Council" in page

    for disclosing in (unsigned, police_party[0]):
        response = client.post(add_url(partnership_a), form_data(police_party[0], disclosing))
        assert response.status_code == 400
    assert not DisclosureRequest.objects.exists()
    assert not RequestSubject.objects.exists()


def test_a_spoc_cannot_request_for_a_party_they_are_not_the_spoc_of(
    partnership_a, police_party, council_party
):
    client = signed_in(police_party[1], second_factor=True)
    response = client.post(add_url(partnership_a), form_data(council_party[0], police_party[0]))
    assert response.status_code == 400
    assert not DisclosureRequest.objects.exists()


def test_invalid_input_saves_nothing_and_names_the_problem(
    partnership_a, police_party, council_party
):
    client = signed_in(police_party[1], second_factor=True)
    data = form_data(
        police_party[0],
        council_party[0],
        consent_obtained="no",
        subject_2_role="",
    )

    response = client.post(add_url(partnership_a), data)

    page = response.content.decode()
    assert response.status_code == 400
    assert "Without consent, give the public interest reason for sharing" in page
    assert "Select subject 2&#x27;s part in the matter" in page
    assert not DisclosureRequest.objects.exists() and not RequestSubject.objects.exists()


def test_a_request_needs_a_subject(partnership_a, police_party, council_party):
    client = signed_in(police_party[1], second_factor=True)
    data = form_data(police_party[0], council_party[0])
    data = {key: value for key, value in data.items() if not key.startswith("subject_")}

    response = client.post(add_url(partnership_a), data | {"subject_slots": "1"})

    assert response.status_code == 400
    assert "Enter at least one subject" in response.content.decode()
    assert not DisclosureRequest.objects.exists()


def test_add_another_subject_shows_one_more_and_saves_nothing(
    partnership_a, police_party, council_party
):
    client = signed_in(police_party[1], second_factor=True)
    data = form_data(police_party[0], council_party[0]) | {"add_subject": "1"}

    response = client.post(add_url(partnership_a), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Subject 3" in page and 'name="subject_3_name"' in page
    assert 'name="subject_slots" value="3"' in page
    assert "There is a problem" not in page
    assert not DisclosureRequest.objects.exists()


def test_three_subjects_are_saved(partnership_a, police_party, council_party):
    client = signed_in(police_party[1], second_factor=True)
    data = form_data(police_party[0], council_party[0]) | {
        "subject_slots": "3",
        "subject_3_name": "Third Person",
        "subject_3_role": "witness",
    }
    assert client.post(add_url(partnership_a), data).status_code == 302
    assert sorted(RequestSubject.objects.values_list("role", flat=True)) == [
        "suspect",
        "victim",
        "witness",
    ]


def test_the_requester_is_filled_in_from_the_registry(partnership_a, police_party):
    police, spoc = police_party
    person = police.spoc
    person.email = "amy.lee@met.example"
    person.save()
    post = PostFactory(
        partnership=partnership_a, organisation=police.organisation, title="ASB lead"
    )
    MembershipFactory(
        partnership=partnership_a,
        body=BodyFactory(partnership=partnership_a),
        organisation=police.organisation,
        person=person,
        post=post,
        start_date=datetime.date(2024, 1, 1),
    )
    client = signed_in(spoc, second_factor=True)
    page = client.get(add_url(partnership_a)).content.decode()
    assert f'value="{person}"' in page
    assert 'value="ASB lead"' in page
    assert 'value="amy.lee@met.example"' in page


def test_the_information_box_says_to_leave_out_personal_details(partnership_a, police_party):
    client = signed_in(police_party[1], second_factor=True)
    page = client.get(add_url(partnership_a)).content.decode()
    assert "Describe it without personal details" in page


def test_governance_can_request_for_any_signed_party(
    partnership_a, police_party, council_party, governance_user
):
    client = signed_in(governance_user, second_factor=True)
    response = client.post(add_url(partnership_a), form_data(council_party[0], police_party[0]))
    assert response.status_code == 302
    assert DisclosureRequest.objects.get().requesting_party == council_party[0]


def test_a_party_of_an_unapproved_agreement_cannot_request(partnership_a, make_user):
    from saferboard.sharing.models import AgreementStatus
    from tests.factories import PersonFactory, SharingAgreementFactory

    draft = SharingAgreementFactory(partnership=partnership_a, status=AgreementStatus.DRAFT)
    user = make_user(partnership_a, Role.CONTRIBUTOR)
    PartyFactory(
        partnership=partnership_a,
        agreement=draft,
        organisation=OrganisationFactory(partnership=partnership_a, sector=Sector.POLICE),
        spoc=PersonFactory(partnership=partnership_a, user=user),
    )
    client = signed_in(user, second_factor=True)
    page = client.get(add_url(partnership_a)).content.decode()
    assert "You can make a request only for a party that has signed" in page
    assert "Send the request" not in page
