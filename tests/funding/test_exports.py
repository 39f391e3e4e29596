"""Downloads of bids and awards (CSV and XLSX, read back), the 360Giving file's exact columns
and values, and that each holds only what its user may see."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from saferboard.core.roles import Role
from saferboard.funding import ledger
from saferboard.funding.models import Decision, Outcome, Stage
from tests.factories import ApplicantFactory, BidFactory

GIVING_HEADINGS = [
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Award Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Recipient Org:Charity Number",
    "Recipient Org:Company Number",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Grant Programme:Title",
    "Planned Dates:Start Date",
    "Planned Dates:End Date",
    "Planned Dates:Duration (months)",
    "Last modified",
]


def url(name, partnership):
    return reverse(f"funding:{name}", kwargs={"partnership": partnership.slug})


def read_csv(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def read_xlsx(response) -> list[dict]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.fixture
def grants(fund, applicant, make_award, manager_a):
    """£181,800 in; an approved award of £71,800 to a charity, £20,000 to a company, and an
    open bid and a rejected one."""
    ledger.income_add(fund=fund, amount="181800", on=datetime.date(2020, 4, 1), by=manager_a)
    charity = make_award(fund, "71800", applicant)
    charity.bid.priority_areas = ["Reduce violence", "Protect the vulnerable"]
    charity.bid.project_title = '=HYPERLINK("http://evil")'
    charity.bid.summary = "Two youth workers"
    charity.bid.save()
    applicant.contact_email = "secret.contact@example.org"
    applicant.contact_name = "Secret Contact"
    applicant.save()
    company = ApplicantFactory(
        partnership=fund.partnership,
        name="Safe Homes CIC",
        charity_number="",
        company_number="09876543",
    )
    second = make_award(fund, "20000", company)
    second.bid.priority_areas = ["Reduce violence"]
    second.bid.save()
    open_bid = BidFactory(partnership=fund.partnership, fund=fund, applicant=company)
    rejected = BidFactory(
        partnership=fund.partnership, fund=fund, applicant=company, stage=Stage.DECISION
    )
    Decision.objects.create(
        partnership=fund.partnership,
        bid=rejected,
        outcome=Outcome.REJECTED,
        reason="Outside the partnership's objectives",
        decided_on=datetime.date(2020, 12, 10),
    )
    return {"charity": charity, "company": second, "open": open_bid, "rejected": rejected}


def test_the_bids_csv_has_every_bid_and_text_is_never_a_formula(
    grants, manager_a_client, partnership_a
):
    rows = read_csv(manager_a_client.get(url("export-bids-csv", partnership_a)))

    by_reference = {row["Reference"]: row for row in rows}
    assert len(rows) == 4
    charity = by_reference[grants["charity"].bid.reference]
    assert charity["Project"] == '\'=HYPERLINK("http://evil")'
    assert charity["Amount awarded"] == "71800.00"
    assert charity["Priority areas"] == "Reduce violence; Protect the vulnerable"
    assert charity["Decision"] == "Approved"
    assert by_reference[grants["rejected"].reference]["Decision"] == "Rejected"
    assert by_reference[grants["open"].reference]["Decision"] == ""


def test_the_awards_xlsx_has_numbers_dates_and_the_ledger_figures(
    grants, manager_a, manager_a_client, partnership_a
):
    ledger.award_reduce(
        award=grants["company"], amount="5000", on=datetime.date(2021, 1, 5), by=manager_a
    )

    rows = read_xlsx(manager_a_client.get(url("export-awards-xlsx", partnership_a)))

    company = next(r for r in rows if r["Applicant"] == "Safe Homes CIC")
    assert len(rows) == 2
    assert company["Total awarded"] == 20000
    assert company["Unreleased money back to the fund"] == 5000
    assert company["Still committed"] == 15000
    assert company["Decided on"] == datetime.datetime(2020, 12, 10)


def test_the_360giving_file_has_the_standards_columns_and_only_approved_grants(
    grants, manager_a_client, partnership_a
):
    response = manager_a_client.get(url("export-360giving-csv", partnership_a))
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))

    assert next(csv.reader(io.StringIO(text.removeprefix("\ufeff")))) == GIVING_HEADINGS
    assert len(rows) == 2
    charity = next(r for r in rows if r["Recipient Org:Name"] == "Safer Streets Trust")
    applicant = grants["charity"].bid.applicant
    assert charity["Identifier"] == f"360G-saferboard-haringey-{grants['charity'].bid.reference}"
    assert charity["Currency"] == "GBP"
    assert Decimal(charity["Amount Awarded"]) == Decimal("71800")
    assert charity["Award Date"] == "2020-12-10"
    assert charity["Recipient Org:Identifier"] == f"GB-CHC-{applicant.charity_number}"
    assert charity["Funding Org:Identifier"] == "360G-saferboard-haringey"
    assert charity["Funding Org:Name"] == "Haringey Community Safety Partnership"
    assert charity["Grant Programme:Title"] == "POCA grants 2020/21"
    assert charity["Planned Dates:Duration (months)"] == "24"
    company = next(r for r in rows if r["Recipient Org:Name"] == "Safe Homes CIC")
    assert company["Recipient Org:Identifier"] == "GB-COH-09876543"
    assert "secret.contact" not in text and "Secret Contact" not in text


def test_the_360giving_prefix_comes_from_the_setting(
    grants, manager_a_client, partnership_a, settings
):
    settings.SAFERBOARD_360GIVING_PREFIX = "360G-hcsp-{partnership}"

    rows = read_xlsx(manager_a_client.get(url("export-360giving-xlsx", partnership_a)))

    assert list(rows[0]) == GIVING_HEADINGS
    assert {row["Funding Org:Identifier"] for row in rows} == {"360G-hcsp-haringey"}
    assert all(row["Identifier"].startswith("360G-hcsp-haringey-") for row in rows)


def test_a_contributor_downloads_only_their_own_organisations_bids(
    grants, make_user, partnership_a
):
    contributor = make_user(partnership_a, Role.CONTRIBUTOR)
    grants["company"].bid.applicant.users.add(contributor)
    client = Client()
    client.force_login(contributor)

    bids = read_csv(client.get(url("export-bids-csv", partnership_a)))
    giving = read_xlsx(client.get(url("export-360giving-xlsx", partnership_a)))

    assert {row["Applicant"] for row in bids} == {"Safe Homes CIC"}
    assert len(bids) == 3
    assert [row["Recipient Org:Name"] for row in giving] == ["Safe Homes CIC"]


def test_another_partnership_gets_no_download(grants, manager_b_client, partnership_a):
    response = manager_b_client.get(url("export-bids-csv", partnership_a))

    assert response.status_code == 404


def test_awards_by_priority_area_and_by_organisation(grants, viewer_a_client, partnership_a):
    text = viewer_a_client.get(url("awards-by", partnership_a)).content.decode()

    assert "<svg" in text
    assert "Reduce violence" in text and "£91,800.00" in text
    assert "Protect the vulnerable" in text and "£71,800.00" in text

    text = viewer_a_client.get(url("awards-by-organisation", partnership_a)).content.decode()
    assert "Safe Homes CIC" in text and "£20,000.00" in text
    assert "Safer Streets Trust" in text


def test_the_exports_page_lists_the_downloads(viewer_a_client, partnership_a):
    text = viewer_a_client.get(url("exports", partnership_a)).content.decode()

    assert url("export-360giving-csv", partnership_a) in text
    assert "360G-saferboard-haringey" in text
