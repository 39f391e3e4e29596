"""`saferboard retention`: due requests lose their personal details (subjects and what
was disclosed), a DestructionRecord says so and the decision log stays; requests not yet
due are untouched; nothing anywhere in the database can still be decrypted."""

import datetime
import json
from io import StringIO

from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from saferboard.sharing import crypto
from saferboard.sharing.models import (
    DecisionLogEntry,
    DestructionRecord,
    DisclosureRequest,
    RequestSubject,
)
from saferboard.sharing.requests import request_answer
from tests.sharing.conftest import send_request, signed_in

TODAY = datetime.date(2031, 6, 1)


def run(*args) -> dict:
    out = StringIO()
    call_command("retention", "--date", TODAY.isoformat(), *args, stdout=out)
    return json.loads(out.getvalue())


def answered(partnership, police_party, council_party, *, destroy_on):
    request = send_request(partnership, police_party, council_party)
    request_answer(
        request=request,
        by=council_party[1],
        expected_version=request.version,
        received_on=datetime.date(2025, 1, 2),
        disclosure_agreed=True,
        reasons="Necessary for the case conference",
        information_summary="Tenancy status",
        information_type="Tenancy records",
        authorised_by="Jo Bloggs, Head of Housing",
        information_disclosed="Secure tenancy since 2019",
        disclosed_by_name="Sam Patel",
        disclosed_to_name="PC Amy Lee",
        delivery_method="secure_email",
        supplied_on=datetime.date(2025, 1, 3),
    )
    DisclosureRequest.objects.filter(pk=request.pk).update(destroy_on=destroy_on)
    request.refresh_from_db()
    return request


def decryptable_values() -> list[str]:
    """Every value in every table (history tables included) that a configured key opens."""
    found = []
    for model in apps.get_models():
        for row in model._default_manager.values_list():
            for value in row:
                if isinstance(value, str) and value.startswith("gAAAA"):
                    try:
                        crypto.decrypt(value)
                    except crypto.UnreadableError:
                        continue
                    found.append(f"{model._meta.label}: {value[:12]}...")
    return found


def test_due_requests_lose_their_personal_details_and_the_rest_stay(
    partnership_a, police_party, council_party
):
    due = answered(partnership_a, police_party, council_party, destroy_on=TODAY)
    later = answered(
        partnership_a, police_party, council_party, destroy_on=TODAY + datetime.timedelta(days=1)
    )
    assert decryptable_values()  # the test can see tokens when they are there

    summary = run()

    assert summary["destroyed"] == 1 and summary["subjects"] == 2
    assert summary["requests"] == [due.reference]
    assert summary["date"] == TODAY.isoformat() and summary["dry_run"] is False
    due.refresh_from_db()
    assert due.personal_details_destroyed_at is not None
    assert due.information_disclosed_encrypted == ""
    for subject in RequestSubject.objects.filter(request=due):
        assert subject.destroyed
        assert subject.name_encrypted == subject.address_encrypted == ""
        assert subject.date_of_birth_encrypted == ""
    record = DestructionRecord.objects.get()
    assert record.request == due and record.subjects == 2 and record.due_on == TODAY
    assert record.by == "saferboard retention"
    # The decision log stays, for both.
    assert DecisionLogEntry.objects.filter(request=due).count() == 1
    assert DecisionLogEntry.objects.count() == 2
    # Not yet due: untouched.
    later.refresh_from_db()
    assert later.personal_details_destroyed_at is None
    assert crypto.decrypt(later.information_disclosed_encrypted) == "Secure tenancy since 2019"
    names = [crypto.decrypt(s.name_encrypted) for s in later.subjects.order_by("pk")]
    assert names == ["Jonquil Marrowbank", "Tamsin Oyelaran-Vique"]


def test_after_retention_nothing_in_the_database_decrypts(
    partnership_a, police_party, council_party
):
    answered(partnership_a, police_party, council_party, destroy_on=TODAY)

    run()

    assert decryptable_values() == []


def test_running_twice_destroys_nothing_new(partnership_a, police_party, council_party):
    answered(partnership_a, police_party, council_party, destroy_on=TODAY)
    run()
    assert run()["destroyed"] == 0
    assert DestructionRecord.objects.count() == 1


def test_a_dry_run_changes_nothing(partnership_a, police_party, council_party):
    due = answered(partnership_a, police_party, council_party, destroy_on=TODAY)

    summary = run("--dry-run")

    assert summary["dry_run"] is True and summary["requests"] == [due.reference]
    due.refresh_from_db()
    assert due.personal_details_destroyed_at is None
    assert not DestructionRecord.objects.exists()


def test_the_request_says_its_details_were_destroyed(partnership_a, police_party, council_party):
    due = answered(partnership_a, police_party, council_party, destroy_on=TODAY)
    run()
    client = signed_in(police_party[1], second_factor=True)
    kwargs = {"partnership": partnership_a.slug, "pk": due.pk}
    detail = client.get(reverse("sharing:request-detail", kwargs=kwargs)).content.decode()
    assert "The personal details were destroyed on" in detail
    assert "Show personal details" not in detail
    subjects = client.get(reverse("sharing:request-subjects", kwargs=kwargs)).content.decode()
    assert "The personal details were destroyed on" in subjects
    assert "Jonquil" not in subjects


def test_governance_moves_the_destruction_date(partnership_a, submitted_request, governance_user):
    client = signed_in(governance_user, second_factor=True)
    address = reverse(
        "sharing:request-destroy-on",
        kwargs={"partnership": partnership_a.slug, "pk": submitted_request.pk},
    )
    response = client.post(
        address,
        {
            "version": str(submitted_request.version),
            "destroy_on_day": "1",
            "destroy_on_month": "2",
            "destroy_on_year": "2040",
        },
    )
    assert response.status_code == 302
    submitted_request.refresh_from_db()
    assert submitted_request.destroy_on == datetime.date(2040, 2, 1)


def test_only_governance_moves_the_destruction_date(partnership_a, submitted_request, police_party):
    client = signed_in(police_party[1], second_factor=True)
    address = reverse(
        "sharing:request-destroy-on",
        kwargs={"partnership": partnership_a.slug, "pk": submitted_request.pk},
    )
    assert client.get(address).status_code == 404
    before = submitted_request.destroy_on
    data = {"destroy_on_day": "1", "destroy_on_month": "2", "destroy_on_year": "2040"}
    assert client.post(address, data).status_code == 404
    submitted_request.refresh_from_db()
    assert submitted_request.destroy_on == before
