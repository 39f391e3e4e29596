"""The decision log: information governance users read every decision, filter it by
date, decision and party, and download it as CSV; nobody else sees it."""

import csv
import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from saferboard.registry.models import Sector
from saferboard.sharing.models import DecisionLogEntry
from saferboard.sharing.requests import request_answer
from tests.factories import OrganisationFactory, PartyFactory, PersonFactory
from tests.sharing.conftest import send_request, signed_in, subject_markers_in


def decide(partnership, requesting, disclosing, *, agreed=True, when=None):
    request = send_request(partnership, requesting, disclosing)
    return request_answer(
        request=request,
        by=disclosing[1],
        expected_version=request.version,
        received_on=datetime.date(2025, 1, 2),
        disclosure_agreed=agreed,
        reasons="Necessary" if agreed else "Not proportionate",
        information_summary="Tenancy status",
        information_type="Tenancy records",
        authorised_by="Jo Bloggs",
        information_disclosed="Secure tenancy" if agreed else "",
        disclosed_by_name="Sam Patel",
        disclosed_to_name="PC Amy Lee",
        delivery_method="secure_email" if agreed else "",
        supplied_on=datetime.date(2025, 1, 3) if agreed else None,
        now=when,
    )


def log_url(partnership, name="decision-log"):
    return reverse(f"sharing:{name}", kwargs={"partnership": partnership.slug})


def test_governance_reads_and_filters_the_decision_log(
    partnership_a, police_party, council_party, governance_user, make_user
):
    old = timezone.make_aware(datetime.datetime(2025, 2, 3, 10, 30))
    shared = decide(partnership_a, police_party, council_party, when=old)
    refused = decide(partnership_a, council_party, police_party, agreed=False)
    client = signed_in(governance_user, second_factor=True)

    page = client.get(log_url(partnership_a)).content.decode()
    assert shared.request.reference in page and refused.request.reference in page
    assert "Not proportionate" in page and "Jo Bloggs" in page
    assert subject_markers_in(page) == []

    only_refused = client.get(log_url(partnership_a), {"decision": "not_share"}).content.decode()
    assert refused.request.reference in only_refused
    assert shared.request.reference not in only_refused

    since = {"decided_from_day": "1", "decided_from_month": "3", "decided_from_year": "2025"}
    recent = client.get(log_url(partnership_a), since).content.decode()
    assert refused.request.reference in recent and shared.request.reference not in recent

    fire = OrganisationFactory(partnership=partnership_a, name="Fire Brigade", sector=Sector.FIRE)
    fire_spoc = make_user(partnership_a)
    fire_party = PartyFactory(
        partnership=partnership_a,
        agreement=police_party[0].agreement,
        organisation=fire,
        spoc=PersonFactory(partnership=partnership_a, user=fire_spoc),
    )
    third = decide(partnership_a, (fire_party, fire_spoc), council_party)
    by_fire = client.get(log_url(partnership_a), {"organisation": str(fire.pk)}).content.decode()
    assert third.request.reference in by_fire
    assert shared.request.reference not in by_fire


def test_the_csv_export_has_every_field_and_no_subject_details(
    partnership_a, police_party, council_party, governance_user
):
    decide(partnership_a, police_party, council_party)
    client = signed_in(governance_user, second_factor=True)

    response = client.get(log_url(partnership_a, "decision-log-csv"))

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["Date and time", "Request", "Requesting party", "Disclosing party"]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Decision"] == "Share" and row["Requester"] == "PC Amy Lee"
    assert row["Requester organisation"] == "Metropolitan Police Service"
    assert row["With consent"] == "Yes" and row["How shared"] == "Secure e-mail"
    assert row["Consented or authorised by"] == "Jo Bloggs"
    assert subject_markers_in(text) == []
    assert "Secure tenancy" not in text  # what was disclosed stays with the personal details


def test_the_csv_cannot_carry_a_formula(
    partnership_a, police_party, council_party, governance_user
):
    entry = decide(partnership_a, police_party, council_party)
    DecisionLogEntry.objects.filter(pk=entry.pk).update(reasons='=HYPERLINK("x")')
    client = signed_in(governance_user, second_factor=True)
    response = client.get(log_url(partnership_a, "decision-log-csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_spocs_and_managers_do_not_see_the_decision_log(
    partnership_a, police_party, council_party, manager_a
):
    decide(partnership_a, police_party, council_party)
    for user in (police_party[1], manager_a):
        client = signed_in(user, second_factor=True)
        for name in ("decision-log", "decision-log-csv", "access-log"):
            assert client.get(log_url(partnership_a, name)).status_code == 404


def test_the_decision_log_page_makes_the_same_queries_for_more_entries(
    partnership_a, police_party, council_party, governance_user
):
    client = signed_in(governance_user, second_factor=True)
    decide(partnership_a, police_party, council_party)
    client.get(log_url(partnership_a))
    with CaptureQueriesContext(connection) as one:
        client.get(log_url(partnership_a))
    for _ in range(4):
        decide(partnership_a, council_party, police_party)
    with CaptureQueriesContext(connection) as five:
        client.get(log_url(partnership_a))
    assert len(five) == len(one)
