"""Part B: the disclosing party's SPOC answers, and the decision log entry the protocol
requires is written in the same transaction; nobody else can answer, and a refused or
stale answer changes nothing."""

import datetime

from django.urls import reverse
from django.utils import timezone

from saferboard.sharing import crypto
from saferboard.sharing.models import (
    Decision,
    DecisionLogEntry,
    DisclosureRequest,
    RequestStatus,
    SubjectTold,
)
from tests.sharing.conftest import send_request, signed_in


def part_b_url(request):
    return reverse(
        "sharing:request-part-b", kwargs={"partnership": request.partnership.slug, "pk": request.pk}
    )


def answer(request, **changes):
    today = timezone.localdate()
    data = {
        "version": str(request.version),
        "received_on_day": str(today.day),
        "received_on_month": str(today.month),
        "received_on_year": str(today.year),
        "disclosure_agreed": "yes",
        "reasons": "Necessary and proportionate for the case conference",
        "information_summary": "Tenancy status of the suspect",
        "information_type": "Tenancy records",
        "authorised_by": "Jo Bloggs, Head of Housing",
        "information_disclosed": "Secure tenancy since 2019; two noise complaints in 2024",
        "disclosed_by_name": "Sam Patel",
        "disclosed_by_job_title": "Tenancy manager",
        "disclosed_to_name": "PC Amy Lee",
        "delivery_method": "secure_email",
        "supplied_on_day": str(today.day),
        "supplied_on_month": str(today.month),
        "supplied_on_year": str(today.year),
    }
    return data | changes


def test_the_disclosing_spoc_agrees_and_the_decision_is_logged(
    partnership_a, submitted_request, council_party
):
    client = signed_in(council_party[1], second_factor=True)

    response = client.post(part_b_url(submitted_request), answer(submitted_request))

    assert response.status_code == 302
    request = DisclosureRequest.objects.get()
    assert request.status == RequestStatus.DISCLOSED and request.disclosure_agreed
    assert request.received_on == timezone.localdate()
    assert request.delivery_method == "secure_email" and request.disclosed_by == council_party[1]
    assert crypto.decrypt(request.information_disclosed_encrypted).startswith("Secure tenancy")
    assert "Secure tenancy" not in request.information_disclosed_encrypted
    entry = DecisionLogEntry.objects.get()
    assert entry.request == request
    assert entry.decision == Decision.SHARE
    assert entry.requester_name == "PC Amy Lee"
    assert entry.requester_job_title == "Police constable"
    assert entry.requester_organisation == "Metropolitan Police Service"
    assert entry.reasons == "Necessary and proportionate for the case conference"
    assert entry.information_summary == "Tenancy status of the suspect"
    assert entry.information_type == "Tenancy records"
    assert entry.with_consent is True
    assert entry.subject_told == SubjectTold.NOT_APPLICABLE
    assert entry.authorised_by == "Jo Bloggs, Head of Housing"
    assert entry.how_shared == "secure_email"
    assert entry.recorded_by == council_party[1]
    assert abs(entry.decided_at - timezone.now()) < datetime.timedelta(minutes=5)


def test_declining_needs_a_reason_and_logs_not_to_share(partnership_a, police_party, council_party):
    request = send_request(partnership_a, police_party, council_party, consent=False)
    client = signed_in(council_party[1], second_factor=True)
    data = answer(request, disclosure_agreed="no", subject_told="no")

    refused = client.post(part_b_url(request), data | {"not_told_reason": ""})
    assert refused.status_code == 400
    assert "Say why the person was not told" in refused.content.decode()
    assert not DecisionLogEntry.objects.exists()
    request.refresh_from_db()
    assert request.status == RequestStatus.SUBMITTED

    ok = client.post(
        part_b_url(request), data | {"not_told_reason": "Telling them would prejudice an inquiry"}
    )

    assert ok.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED
    assert request.decline_reason == data["reasons"]
    assert request.information_disclosed_encrypted == "" and request.delivery_method == ""
    entry = DecisionLogEntry.objects.get()
    assert entry.decision == Decision.NOT_SHARE and entry.with_consent is False
    assert entry.subject_told == SubjectTold.NO
    assert entry.not_told_reason == "Telling them would prejudice an inquiry"


def test_without_consent_the_form_asks_whether_the_person_was_told(
    partnership_a, police_party, council_party
):
    request = send_request(partnership_a, police_party, council_party, consent=False)
    client = signed_in(council_party[1], second_factor=True)
    response = client.post(part_b_url(request), answer(request))
    assert response.status_code == 400
    assert "Say whether the person was told" in response.content.decode()
    assert not DecisionLogEntry.objects.exists()


def test_agreeing_needs_what_was_disclosed_and_how(partnership_a, submitted_request, council_party):
    client = signed_in(council_party[1], second_factor=True)
    response = client.post(
        part_b_url(submitted_request), answer(submitted_request, information_disclosed="")
    )
    assert response.status_code == 400
    assert "Enter what was disclosed" in response.content.decode()
    assert not DecisionLogEntry.objects.exists()


def test_the_requesting_spoc_and_governance_cannot_answer(
    partnership_a, submitted_request, police_party, governance_user
):
    for user in (police_party[1], governance_user):
        client = signed_in(user, second_factor=True)
        assert client.get(part_b_url(submitted_request)).status_code == 404
        response = client.post(part_b_url(submitted_request), answer(submitted_request))
        assert response.status_code == 404
    assert not DecisionLogEntry.objects.exists()


def test_a_request_is_answered_once(partnership_a, submitted_request, council_party):
    client = signed_in(council_party[1], second_factor=True)
    client.post(part_b_url(submitted_request), answer(submitted_request))
    again = client.post(part_b_url(submitted_request), answer(submitted_request))
    assert again.status_code == 404
    assert DecisionLogEntry.objects.count() == 1


def test_a_stale_answer_is_refused(partnership_a, submitted_request, council_party):
    client = signed_in(council_party[1], second_factor=True)
    stale = answer(submitted_request, version=str(submitted_request.version - 1))
    response = client.post(part_b_url(submitted_request), stale)
    assert response.status_code == 400
    assert "changed by someone else" in response.content.decode()
    assert not DecisionLogEntry.objects.exists()


def test_the_destruction_date_runs_from_the_decision(
    partnership_a, submitted_request, council_party
):
    DisclosureRequest.objects.filter(pk=submitted_request.pk).update(
        destroy_on=datetime.date(2000, 1, 1)
    )
    client = signed_in(council_party[1], second_factor=True)
    client.post(part_b_url(submitted_request), answer(submitted_request))
    submitted_request.refresh_from_db()
    assert submitted_request.destroy_on > timezone.localdate() + datetime.timedelta(days=360)
