"""Support staff see funding records in the admin; the ledger is append-only there too: its
entries (and the reminders sent) cannot be added, changed or deleted."""

import datetime

import pytest
from django.test import Client

from saferboard.core.services import user_create
from saferboard.funding import ledger
from saferboard.funding.models import (
    LedgerEntry,
    Milestone,
    MonitoringReport,
    ReportKind,
    Variation,
    VariationKind,
)


@pytest.fixture
def admin_client(db) -> Client:
    admin = user_create(username="root-admin", password=None)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client()
    client.force_login(admin)
    return client


def test_ledger_entries_are_shown_but_never_added_changed_or_deleted(admin_client, fund):
    entry = ledger.income_add(
        fund=fund, amount="110000", on=datetime.date(2020, 12, 1), by=None, note="POCA receipt"
    )
    base = "/admin/funding/ledgerentry/"

    listing = admin_client.get(base)
    change = admin_client.post(f"{base}{entry.pk}/change/", {"amount": "1.00"})
    delete = admin_client.post(f"{base}{entry.pk}/delete/", {"post": "yes"})

    assert listing.status_code == 200 and "POCA receipt" in listing.content.decode()
    assert admin_client.get(f"{base}add/").status_code == 403
    assert change.status_code == 403
    assert delete.status_code == 403
    entry = LedgerEntry.objects.get(pk=entry.pk)
    assert entry.amount == 110000


def test_monitoring_records_are_in_the_admin(admin_client, fund, applicant, make_award):
    ledger.income_add(fund=fund, amount="50000", on=datetime.date(2020, 4, 1), by=None)
    award = make_award(fund, 20000, applicant)
    on = award.starts_on
    milestone = Milestone.objects.create(
        partnership=fund.partnership, award=award, title="30 outreach sessions", due_on=on
    )
    report = MonitoringReport.objects.create(
        partnership=fund.partnership, award=award, kind=ReportKind.PROGRESS, due_on=on
    )
    variation = Variation.objects.create(
        partnership=fund.partnership,
        award=award,
        kind=VariationKind.CHANGE_OF_USE,
        description="Move £500 from venue hire to sessional staff",
        requested_on=on,
    )

    for path, record, text in (
        ("milestone", milestone, "30 outreach sessions"),
        ("monitoringreport", report, "Progress report"),
        ("variation", variation, "Move £500"),
        ("award", award, award.bid.reference),
    ):
        page = admin_client.get(f"/admin/funding/{path}/{record.pk}/change/")
        assert page.status_code == 200, path
        assert text in page.content.decode(), path
    assert admin_client.get("/admin/funding/fundingreminder/add/").status_code == 403
