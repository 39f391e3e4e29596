"""`saferboard sharing-remind`: review owners and information-governance users are e-mailed,
at most once a day, about approved agreements whose review is due within 30 days or past."""

import datetime
import io
import json

import pytest
from django.core import mail
from django.core.management import call_command

from saferboard.sharing.models import AgreementStatus, SharingReminder
from tests.factories import PersonFactory, SharingAgreementFactory

TODAY = datetime.date(2026, 3, 10)


def _run(*args) -> dict:
    out = io.StringIO()
    call_command("sharing_remind", "--date", TODAY.isoformat(), *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def owner(partnership_a):
    return PersonFactory(partnership=partnership_a, email="owner@haringey.example")


def test_the_review_owner_and_governance_are_reminded_once_a_day(
    partnership_a, owner, governance_user
):
    due = SharingAgreementFactory(
        partnership=partnership_a,
        title="Crime and Disorder Information Sharing Protocol",
        review_owner=owner,
        review_on=TODAY + datetime.timedelta(days=12),
    )
    overdue = SharingAgreementFactory(
        partnership=partnership_a, title="MARAC agreement", review_on=TODAY - datetime.timedelta(1)
    )

    first = _run()
    second = _run()

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"owner@haringey.example", governance_user.email}
    assert "Review due in 12 days" in by_address["owner@haringey.example"].body
    assert "MARAC" not in by_address["owner@haringey.example"].body
    governance_mail = by_address[governance_user.email].body
    assert "Review overdue" in governance_mail and str(due) in governance_mail
    assert f"/p/haringey/sharing/agreements/{overdue.pk}/" in governance_mail
    assert first["emails_sent"] == 2 and first["agreements_due"] == 2
    assert first["agreements_without_owner_email"] == [str(overdue)]
    assert second["emails_sent"] == 0 and second["skipped_already_sent"] == 2
    assert len(mail.outbox) == 2
    assert SharingReminder.objects.filter(sent_on=TODAY).count() == 2


def test_agreements_not_due_or_not_approved_are_left_alone(partnership_a, owner):
    SharingAgreementFactory(
        partnership=partnership_a, review_owner=owner, review_on=TODAY + datetime.timedelta(31)
    )
    SharingAgreementFactory(
        partnership=partnership_a,
        review_owner=owner,
        review_on=TODAY - datetime.timedelta(5),
        status=AgreementStatus.SUPERSEDED,
    )

    summary = _run()

    assert mail.outbox == []
    assert summary["emails_sent"] == 0 and summary["agreements_due"] == 0


def test_a_dry_run_sends_and_records_nothing(partnership_a, owner):
    SharingAgreementFactory(partnership=partnership_a, review_owner=owner, review_on=TODAY)

    summary = _run("--dry-run")

    assert summary["dry_run"] is True and summary["emails_sent"] == 1
    assert mail.outbox == []
    assert not SharingReminder.objects.exists()
