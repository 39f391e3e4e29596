"""`saferboard assurance-remind` e-mails returns due soon or overdue, at most once a day per
address, to the contact e-mail or the organisation's contributors."""

import datetime
import io
import json

from django.core import mail
from django.core.management import call_command

from saferboard.assurance.models import AssuranceReminder, FrameworkStatus


def remind(on: str, *extra) -> dict:
    out = io.StringIO()
    call_command("assurance-remind".replace("-", "_"), "--date", on, *extra, stdout=out)
    return json.loads(out.getvalue())


def test_due_soon_and_overdue_returns_are_reminded_once_a_day(
    police_return, council_return, make_contributor, police, council
):
    police_user = make_contributor(police)
    council_return.contact_email = "Safeguarding@Council.example"
    council_return.due_date = datetime.date(2025, 10, 20)  # due in 20 days: not yet
    council_return.save()

    summary = remind("2025-09-30")
    assert summary["emails_sent"] == 1
    assert [m.to for m in mail.outbox] == [[police_user.email]]
    assert "due today, 30 September 2025" in mail.outbox[0].body
    assert f"/returns/{police_return.pk}/" in mail.outbox[0].body

    again = remind("2025-09-30")
    assert again["emails_sent"] == 0
    assert len(mail.outbox) == 1

    # Ten days on both are in the window: the council's contact e-mail hears about its own.
    later = remind("2025-10-10")
    assert later["emails_sent"] == 2
    council_mail = next(m for m in mail.outbox[1:] if m.to == ["safeguarding@council.example"])
    assert "due in 10 days" in council_mail.body
    police_mail = next(m for m in mail.outbox[1:] if m.to == [police_user.email])
    assert "overdue: was due 30 September 2025, 10 days ago" in police_mail.body
    assert AssuranceReminder.objects.count() == 3


def test_submitted_returns_and_closed_frameworks_are_left_alone(
    police_return, framework, make_contributor, police
):
    make_contributor(police)
    framework.status = FrameworkStatus.CLOSED
    framework.save()
    assert remind("2025-09-30")["emails_sent"] == 0
    framework.status = FrameworkStatus.OPEN
    framework.save()
    police_return.submissions.create(
        partnership=police_return.partnership,
        number=1,
        submitted_at=datetime.datetime(2025, 9, 1, 12, tzinfo=datetime.UTC),
    )
    assert remind("2025-09-30")["emails_sent"] == 0
    assert mail.outbox == []


def test_a_return_nobody_can_be_told_about_is_named(police_return):
    summary = remind("2025-09-30", "--dry-run")
    assert summary["returns_without_contact"] == [str(police_return)]
    assert mail.outbox == []
