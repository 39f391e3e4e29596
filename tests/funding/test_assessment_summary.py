"""The summary paper of a fund's bids for the deciding meeting: page, PDF and pack."""

import datetime
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from saferboard.core.roles import Role
from saferboard.funding import ledger
from saferboard.funding.assessment import assessment_record
from saferboard.funding.models import Recommendation, Stage
from saferboard.meetings.models import Paper
from tests.factories import AgendaItemFactory, MeetingFactory


@pytest.fixture
def assessors(fund, make_user, partnership_a):
    people = [make_user(partnership_a, Role.MEMBER) for _ in range(2)]
    people[1].first_name, people[1].last_name = "Conflicted", "Assessor"
    people[1].save()
    fund.assessors.add(*people)
    return people


def scored_bid(ready_bid, fund, assessors, values, **changes):
    bid = ready_bid(stage=Stage.FULL_APPLICATION, **changes)
    assessment_record(
        bid=bid,
        assessor=assessors[0],
        on=datetime.date(2020, 11, 20),
        conflict_of_interest=False,
        scores={c: (v, "") for c, v in zip(fund.criteria.all(), values, strict=True)},
        recommendation=Recommendation.FUND,
    )
    assessment_record(
        bid=bid,
        assessor=assessors[1],
        on=datetime.date(2020, 11, 20),
        conflict_of_interest=True,
        conflict_details="Chairs the applicant",
    )
    return bid


@pytest.fixture
def bids(ready_bid, fund, assessors, manager_a):
    ledger.income_add(fund=fund, amount="110000", on=datetime.date(2020, 4, 1), by=manager_a)
    return [
        scored_bid(ready_bid, fund, assessors, [4, 3, 5], amount_requested=71800),
        scored_bid(ready_bid, fund, assessors, [2, 2, 2], amount_requested=12500),
    ]


def address(fund, name="funding:assessment-summary"):
    return reverse(name, kwargs={"partnership": fund.partnership.slug, "pk": fund.pk})


def test_the_pdf_lists_the_bids_and_figures(fund, bids, manager_a_client, ready_bid):
    early = ready_bid(stage=Stage.PRESENTATION, project_title="Not ready for decision")

    response = manager_a_client.get(address(fund, "funding:assessment-summary-pdf"))

    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    for bid in bids:
        assert bid.reference in text
        assert bid.applicant.name in text
    assert "£71,800.00" in text and "£12,500.00" in text
    assert "80.0%" in text and "40.0%" in text
    assert "£110,000.00" in text  # available to award
    assert "Conflicted Assessor" in text
    assert "Chairs the applicant" not in text  # names only, not the details
    assert early.project_title not in text


def test_a_manager_puts_the_summary_in_a_meetings_pack(fund, bids, manager_a_client):
    meeting = MeetingFactory(
        partnership=fund.partnership, date=timezone.localdate() + datetime.timedelta(days=14)
    )
    item = AgendaItemFactory(partnership=fund.partnership, meeting=meeting, title="POCA bids")

    response = manager_a_client.post(address(fund, "funding:assessment-to-pack"), {"item": item.pk})

    assert response.status_code == 302
    paper = Paper.objects.get(item=item)
    assert paper.title == f"{fund.name}: bids for decision"
    again = manager_a_client.post(address(fund, "funding:assessment-to-pack"), {"item": item.pk})
    assert again.status_code == 302
    assert Paper.objects.filter(item=item).count() == 1


def test_only_managers_put_it_in_a_pack(fund, bids, make_user, partnership_a):
    meeting = MeetingFactory(
        partnership=partnership_a, date=timezone.localdate() + datetime.timedelta(days=14)
    )
    item = AgendaItemFactory(partnership=partnership_a, meeting=meeting)
    clerk = Client()
    clerk.force_login(make_user(partnership_a, Role.CLERK))
    response = clerk.post(address(fund, "funding:assessment-to-pack"), {"item": item.pk})
    assert response.status_code == 403
    assert not Paper.objects.exists()


def test_assessors_see_the_summary_and_contributors_do_not(fund, bids, assessors, make_contributor):
    assessor = Client()
    assessor.force_login(assessors[0])
    assert "80.0%" in assessor.get(address(fund)).content.decode()
    contributor = Client()
    contributor.force_login(make_contributor(bids[0].applicant))
    assert contributor.get(address(fund)).status_code == 404
    assert contributor.get(address(fund, "funding:assessment-summary-pdf")).status_code == 404


def test_the_summary_page_queries_do_not_grow_with_bids(
    fund, bids, assessors, ready_bid, manager_a_client
):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert manager_a_client.get(address(fund)).status_code == 200
        return len(queries)

    fewer = count()
    for _ in range(3):
        scored_bid(ready_bid, fund, assessors, [1, 2, 3])
    assert count() == fewer
