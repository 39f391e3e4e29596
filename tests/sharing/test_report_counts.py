"""The reports count requests by outcome and partner, how long answers took in working
days, and breaches and barriers by level and status, for a financial year: counts only."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from saferboard.core.roles import Role
from saferboard.performance.periods import financial_year_of
from saferboard.sharing import crypto, incidents, reports
from saferboard.sharing.models import DisclosureRequest, RequestSubject
from tests.factories import OrganisationFactory
from tests.sharing.conftest import signed_in

YEAR = financial_year_of(datetime.date(2025, 4, 1))  # 2025/26
SUBJECT = "Zebedee Quartermaine"
SECRET_ASK = "Kingfisher Lane tenancy file"


def sent(party_from, party_to, status, *, on, received=None, supplied=None, n=[0]):  # noqa: B006
    """A request sent on `on` in `status`, with an encrypted subject."""
    n[0] += 1
    request = DisclosureRequest.objects.create(
        partnership=party_from.partnership,
        agreement=party_from.agreement,
        reference=f"ISR-{n[0]:04d}",
        requesting_party=party_from,
        disclosing_party=party_to,
        status=status,
        requester_name="PC Example",
        requester_job_title="Safer neighbourhoods officer",
        information_requested=SECRET_ASK,
        purpose="To assess risk.",
        consent_obtained=True,
        submitted_at=None
        if on is None
        else timezone.make_aware(datetime.datetime.combine(on, datetime.time(10))),
        received_on=received,
        supplied_on=supplied,
        disclosure_agreed=True
        if status == "disclosed"
        else (False if status == "declined" else None),
        decline_reason="Not necessary." if status == "declined" else "",
        destroy_on=datetime.date(2032, 1, 1),
    )
    RequestSubject.objects.create(
        partnership=request.partnership,
        request=request,
        role="victim",
        name_encrypted=crypto.encrypt(SUBJECT),
    )
    return request


@pytest.fixture
def year_of_requests(police_party, council_party, governance_user):
    police, _ = police_party
    council, _ = council_party
    may = datetime.date(2025, 5, 6)  # a Tuesday
    # Police asked the council four times; the council asked the police once.
    sent(police, council, "disclosed", on=may, received=may, supplied=datetime.date(2025, 5, 13))
    # Received Friday 22 August, supplied Friday 5 September: the bank holiday of 25 August
    # and two weekends don't count, so 9 working days.
    sent(
        police,
        council,
        "disclosed",
        on=datetime.date(2025, 8, 22),
        received=datetime.date(2025, 8, 22),
        supplied=datetime.date(2025, 9, 5),
    )
    # 15 working days: late.
    sent(
        police,
        council,
        "disclosed",
        on=datetime.date(2025, 10, 1),
        received=datetime.date(2025, 10, 1),
        supplied=datetime.date(2025, 10, 22),
    )
    sent(police, council, "declined", on=may, received=may)
    sent(council, police, "submitted", on=datetime.date(2026, 3, 31))
    sent(council, police, "withdrawn", on=datetime.date(2025, 6, 1))
    # Not counted: a draft, and one sent the year before.
    sent(police, council, "draft", on=None)
    sent(police, council, "disclosed", on=datetime.date(2025, 3, 31))
    organisation = police.organisation
    breach = incidents.incident_log(
        partnership=police.partnership,
        by=governance_user,
        kind="breach",
        reported_on=datetime.date(2025, 7, 1),
        summary="Sent to the wrong address.",
        organisations=[organisation],
        reported_to_ico=True,
    )
    incidents.incident_escalate(
        incident=breach, by=governance_user, level=3, on=datetime.date(2025, 7, 2), note="Serious."
    )
    barrier = incidents.incident_log(
        partnership=police.partnership,
        by=governance_user,
        kind="barrier",
        reported_on=datetime.date(2025, 9, 1),
        summary="No reply.",
        organisations=[organisation],
    )
    incidents.incident_resolve(
        incident=barrier,
        by=governance_user,
        resolved_on=datetime.date(2025, 9, 3),
        resolution="Replied.",
    )
    return police, council


def test_working_days_skip_weekends_and_bank_holidays():
    assert reports.working_days_between(datetime.date(2025, 8, 22), datetime.date(2025, 9, 5)) == 9
    assert reports.working_days_between(datetime.date(2025, 5, 6), datetime.date(2025, 5, 6)) == 0


def test_the_counts_of_a_year(partnership_a, year_of_requests):
    police, council = year_of_requests

    report = reports.sharing_report(partnership=partnership_a, period=YEAR)

    assert report.total == 6
    assert report.outcomes == [
        ("Disclosed", 3),
        ("Declined", 1),
        ("Open (awaiting an answer)", 1),
        ("Withdrawn", 1),
    ]
    rows = {row.organisation: row for row in report.partners}
    council_row = rows[council.organisation.name]
    police_row = rows[police.organisation.name]
    assert (police_row.made, police_row.received) == (4, 2)
    assert (council_row.made, council_row.received) == (2, 4)
    assert (council_row.disclosed, council_row.declined) == (3, 1)
    assert (police_row.open, police_row.withdrawn) == (1, 1)
    assert report.turnaround.answered == 3
    assert report.turnaround.median == 9  # 5, 9 and 15 working days
    assert (report.turnaround.within, report.turnaround.within_share) == (2, 67)
    levels = {row.level: row.cells() for row in report.incidents}
    # Columns: breaches open, breaches resolved, barriers open, barriers resolved.
    assert levels[3] == [1, 0, 0, 0]
    assert levels[1] == [0, 0, 0, 1]
    assert levels[2] == levels[4] == [0, 0, 0, 0]
    assert report.incident_totals == [1, 0, 0, 1]
    assert report.reported_to_ico == 1


def test_the_page_shows_counts_and_never_a_subject(
    partnership_a, year_of_requests, governance_user
):
    client = signed_in(governance_user, second_factor=False)

    response = client.get(
        reverse("sharing:reports", kwargs={"partnership": partnership_a.slug}), {"year": "2025"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert '<strong id="requests-total">6</strong>' in page
    assert "OFFICIAL-SENSITIVE" in page and "2025/26" in page
    assert SUBJECT not in page and SECRET_ASK not in page and "ISR-" not in page


def test_the_year_defaults_to_this_financial_year(partnership_a, manager_a):
    client = signed_in(manager_a, second_factor=False)

    page = client.get(
        reverse("sharing:reports", kwargs={"partnership": partnership_a.slug})
    ).content.decode()

    assert f"Reports: {financial_year_of(timezone.localdate()).label}" in page


@pytest.mark.parametrize("role", [Role.CLERK, Role.CONTRIBUTOR, Role.VIEWER, Role.ANALYST])
def test_other_roles_get_404(partnership_a, make_user, role):
    client = signed_in(make_user(partnership_a, role), second_factor=False)
    slug = {"partnership": partnership_a.slug}

    assert client.get(reverse("sharing:reports", kwargs=slug)).status_code == 404
    assert client.get(reverse("sharing:report-pdf", kwargs=slug)).status_code == 404
    assert client.post(reverse("sharing:report-to-pack", kwargs=slug)).status_code == 404


def _queries(client, address) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address, {"year": "2025"}).status_code == 200
    return len(queries)


def test_the_page_takes_the_same_queries_for_more_data(
    partnership_a, police_party, council_party, governance_user
):
    police, _ = police_party
    council, _ = council_party
    client = signed_in(governance_user, second_factor=False)
    address = reverse("sharing:reports", kwargs={"partnership": partnership_a.slug})
    day = datetime.date(2025, 6, 2)
    sent(police, council, "disclosed", on=day, received=day, supplied=day)
    few = _queries(client, address)

    for _ in range(6):
        other = OrganisationFactory(partnership=partnership_a)
        party = type(police).objects.create(
            partnership=partnership_a,
            agreement=police.agreement,
            organisation=other,
            status="signed",
            signed_on=day,
            principal_signatory_role="Director",
        )
        sent(party, council, "declined", on=day, received=day)
        sent(council, party, "disclosed", on=day, received=day, supplied=day)
        incidents.incident_log(
            partnership=partnership_a,
            by=governance_user,
            kind="barrier",
            reported_on=day,
            summary="No reply.",
            organisations=[other],
        )

    assert _queries(client, address) == few
