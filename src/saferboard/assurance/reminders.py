"""Reminder e-mails about assurance returns due soon or overdue, run once a day by
`saferboard assurance-remind` (docs/assurance.md, "Returns").

A return is reminded about while its framework is open, it has never been submitted, and it
is due within 14 days or overdue. The e-mail goes to the return's contact e-mail or, if it has
none, to the organisation's contributors (returns.return_addresses). Each address gets at
most one e-mail a day, listing all its returns, overdue first; a return is listed again a
week after it was last sent to that address, for as long as it is due. Every return listed is
recorded in `AssuranceReminder` in the same transaction as the sending, so a second run on
the same day sends nothing.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse

from saferboard.assurance.models import (
    AssuranceReminder,
    AssuranceReturn,
    FrameworkStatus,
)
from saferboard.assurance.returns import organisation_contributor_emails
from saferboard.core.models import Partnership
from saferboard.core.reminders import reminder_record_and_send

DUE_WITHIN_DAYS = 14
REMIND_AGAIN_AFTER_DAYS = 7


@dataclass
class AssuranceReminderSummary:
    """What one run did (or, in a dry run, would do)."""

    emails_sent: int = 0
    returns_reminded: int = 0
    skipped_already_sent: int = 0
    returns_without_contact: set[str] = field(default_factory=set)

    def add(self, other: "AssuranceReminderSummary") -> None:
        self.emails_sent += other.emails_sent
        self.returns_reminded += other.returns_reminded
        self.skipped_already_sent += other.skipped_already_sent
        self.returns_without_contact |= other.returns_without_contact

    def as_dict(self) -> dict:
        return {
            "emails_sent": self.emails_sent,
            "returns_reminded": self.returns_reminded,
            "skipped_already_sent": self.skipped_already_sent,
            "returns_without_contact": sorted(self.returns_without_contact),
        }


def subject_for(assurance_return: AssuranceReturn) -> str:
    return f"return:{assurance_return.pk}"


def returns_due(*, partnership: Partnership, today: datetime.date) -> list[AssuranceReturn]:
    """Returns never submitted, to open frameworks, due within 14 days or overdue."""
    return list(
        AssuranceReturn.objects.filter(
            partnership=partnership,
            framework__status=FrameworkStatus.OPEN,
            due_date__lte=today + datetime.timedelta(days=DUE_WITHIN_DAYS),
            submissions__isnull=True,
        )
        .select_related("framework", "organisation")
        .order_by("due_date", "organisation__name", "pk")
    )


def reminders_due(*, partnership: Partnership, today: datetime.date):
    """Each address with the returns it is reminded about, and the returns reaching nobody."""
    due = returns_due(partnership=partnership, today=today)
    contributors = organisation_contributor_emails(
        partnership=partnership,
        organisation_ids={r.organisation_id for r in due if not r.contact_email},
        on=today,
    )
    by_address: dict[str, list[AssuranceReturn]] = defaultdict(list)
    unreached: set[str] = set()
    for assurance_return in due:
        if assurance_return.contact_email:
            emails = {assurance_return.contact_email.lower()}
        else:
            emails = contributors.get(assurance_return.organisation_id, set())
        if not emails:
            unreached.add(str(assurance_return))
        for email in emails:
            by_address[email].append(assurance_return)
    return by_address, unreached


def reminders_send(
    *, partnership: Partnership, today: datetime.date, dry_run: bool = False
) -> AssuranceReminderSummary:
    """E-mail everyone with an assurance return due soon or overdue (see the module)."""
    by_address, unreached = reminders_due(partnership=partnership, today=today)
    summary = AssuranceReminderSummary(returns_without_contact=unreached)
    sent = AssuranceReminder.objects.filter(
        partnership=partnership,
        sent_on__gt=today - datetime.timedelta(days=REMIND_AGAIN_AFTER_DAYS),
        sent_on__lte=today,
    ).values_list("email", "subject", "sent_on")
    recent = {(email, subject) for email, subject, _ in sent}
    today_addresses = {email for email, _, on in sent if on == today}
    connection = None if dry_run else get_connection()
    for email, returns in sorted(by_address.items()):
        returns = [r for r in returns if (email, subject_for(r)) not in recent]
        if email in today_addresses or not returns:
            summary.skipped_already_sent += 1
            continue
        message = reminder_message(
            partnership=partnership, email=email, returns=returns, today=today
        )
        if not dry_run and not reminder_record_and_send(
            model=AssuranceReminder,
            partnership=partnership,
            email=email,
            subjects=[subject_for(r) for r in returns],
            today=today,
            message=message,
            connection=connection,
        ):
            summary.skipped_already_sent += 1
            continue
        summary.emails_sent += 1
        summary.returns_reminded += len(returns)
    return summary


def when(due_date: datetime.date, today: datetime.date) -> str:
    days = (due_date - today).days
    on = f"{due_date:%-d %B %Y}"
    if days < 0:
        return f"overdue: was due {on}, {-days} day{'s' * (days != -1)} ago"
    if days == 0:
        return f"due today, {on}"
    return f"due in {days} day{'s' * (days != 1)}, on {on}"


def reminder_message(
    *, partnership: Partnership, email: str, returns: list[AssuranceReturn], today: datetime.date
) -> EmailMessage:
    overdue = sum(r.due_date < today for r in returns)
    count = len(returns)
    subject = f"Self-assessment: {count} return{'s' * (count != 1)} due"
    if overdue:
        subject += f", {overdue} overdue"
    lines = [f"{partnership.name} is waiting for these self-assessment returns.", ""]
    for assurance_return in returns:
        path = reverse(
            "assurance:return-detail",
            kwargs={"partnership": partnership.slug, "pk": assurance_return.pk},
        )
        lines += [
            f"{assurance_return.framework}: {assurance_return.organisation}",
            f"  {when(assurance_return.due_date, today)}",
            f"  {settings.SITE_URL}{path}",
            "",
        ]
    lines.append(
        "You get this e-mail at most once a day, and about each return at most once a week, "
        "until it is submitted."
    )
    return EmailMessage(subject=f"{subject}: {partnership.name}", body="\n".join(lines), to=[email])
