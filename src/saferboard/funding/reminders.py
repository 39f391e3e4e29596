"""Reminder e-mails about grants being monitored, run once a day by `saferboard
funding-remind` (docs/funding.md, "Reminders").

Only active awards are looked at. Each address gets at most one e-mail a day, listing
everything due for it, overdue first:

- the grantee (the applicant's contact e-mail and the e-mails of the accounts that act for
  it): monitoring reports due within 14 days or overdue, and milestones due within 14 days
  or overdue that have no result yet;
- the funding officers (the partnership's managers): reviews due within 14 days or overdue
  that are not yet decided, planned tranches due within 14 days or overdue, variation
  requests awaiting a decision, and grants ending within 30 days (or past their end) whose
  evaluation has not come in.

Every item listed is recorded in `FundingReminder` (address, item, day) in the same
transaction as the sending, so running the command twice a day sends nothing new; an item
is listed again a week after it was last sent to that address, for as long as it is due.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Exists, OuterRef
from django.urls import reverse

from saferboard.core.models import Partnership, PartnershipRole
from saferboard.core.reminders import reminder_record_and_send
from saferboard.core.roles import Role
from saferboard.funding.models import (
    Applicant,
    Award,
    AwardStatus,
    FundingReminder,
    Milestone,
    MilestoneStatus,
    MonitoringReport,
    ReportKind,
    ReportStatus,
    Tranche,
    TrancheStatus,
    Variation,
    VariationStatus,
)
from saferboard.funding.monitoring import day

DUE_WITHIN_DAYS = 14
ENDING_WITHIN_DAYS = 30
REMIND_AGAIN_AFTER_DAYS = 7


@dataclass
class FundingReminderSummary:
    """What one run did (or, in a dry run, would do)."""

    emails_sent: int = 0
    items_reminded: int = 0
    skipped_already_sent: int = 0
    awards_without_contact: set[str] = field(default_factory=set)

    def add(self, other: "FundingReminderSummary") -> None:
        self.emails_sent += other.emails_sent
        self.items_reminded += other.items_reminded
        self.skipped_already_sent += other.skipped_already_sent
        self.awards_without_contact |= other.awards_without_contact

    def as_dict(self) -> dict:
        return {
            "emails_sent": self.emails_sent,
            "items_reminded": self.items_reminded,
            "skipped_already_sent": self.skipped_already_sent,
            "awards_without_contact": sorted(self.awards_without_contact),
        }


@dataclass(frozen=True)
class Item:
    """One thing an e-mail reminds about. `key` is what `FundingReminder.subject` records."""

    key: str
    what: str
    due_on: datetime.date
    award: Award
    asked: bool = False  # a request waiting since `due_on`, not something due then

    def overdue(self, today: datetime.date) -> bool:
        return not self.asked and self.due_on < today

    def when(self, today: datetime.date) -> str:
        if self.asked:
            return f"asked for on {day(self.due_on)}"
        days = (self.due_on - today).days
        if days < 0:
            late = -days
            return f"overdue: was due {day(self.due_on)}, {late} day{'s' * (late != 1)} ago"
        if days == 0:
            return f"due today, {day(self.due_on)}"
        return f"due in {days} day{'s' * (days != 1)}, on {day(self.due_on)}"


def _applicant_addresses(applicant_ids: set[int]) -> dict[int, set[str]]:
    addresses: dict[int, set[str]] = defaultdict(set)
    for pk, email in Applicant.objects.filter(pk__in=applicant_ids).values_list(
        "pk", "contact_email"
    ):
        if email:
            addresses[pk].add(email.lower())
    for pk, email in Applicant.users.through.objects.filter(
        applicant_id__in=applicant_ids, user__is_active=True
    ).values_list("applicant_id", "user__email"):
        if email:
            addresses[pk].add(email.lower())
    return addresses


def officer_addresses(*, partnership: Partnership) -> set[str]:
    """The e-mail addresses of the partnership's managers (who run the funds)."""
    return {
        email.lower()
        for email in PartnershipRole.objects.filter(
            partnership=partnership, role=Role.MANAGER, user__is_active=True
        ).values_list("user__email", flat=True)
        if email
    }


def grantee_items(*, partnership: Partnership, today: datetime.date) -> list[Item]:
    horizon = today + datetime.timedelta(days=DUE_WITHIN_DAYS)
    items = []
    reports = MonitoringReport.objects.filter(
        partnership=partnership,
        award__status=AwardStatus.ACTIVE,
        status=ReportStatus.DUE,
        due_on__lte=horizon,
    ).select_related("award__bid")
    for report in reports:
        items.append(
            Item(f"report:{report.pk}", report.get_kind_display(), report.due_on, report.award)
        )
    milestones = Milestone.objects.filter(
        partnership=partnership,
        award__status=AwardStatus.ACTIVE,
        status=MilestoneStatus.DUE,
        due_on__lte=horizon,
    ).select_related("award__bid")
    for milestone in milestones:
        items.append(
            Item(
                f"milestone:{milestone.pk}",
                f"Milestone: {milestone.title}",
                milestone.due_on,
                milestone.award,
            )
        )
    return items


def officer_items(*, partnership: Partnership, today: datetime.date) -> list[Item]:
    horizon = today + datetime.timedelta(days=DUE_WITHIN_DAYS)
    active = Award.objects.filter(partnership=partnership, status=AwardStatus.ACTIVE)
    items = []

    # Exists, not exclude(reports__kind=..., reports__status=...): across a to-many
    # relation that would match the kind on one report and the status on another.
    def has_report(kind, statuses):
        return Exists(
            MonitoringReport.objects.filter(award=OuterRef("pk"), kind=kind, status__in=statuses)
        )

    reviews = (
        active.filter(review_on__lte=horizon)
        .exclude(has_report(ReportKind.REVIEW, [ReportStatus.ACCEPTED]))
        .select_related("bid")
    )
    for award in reviews:
        items.append(Item(f"review:{award.pk}", "The in-grant review", award.review_on, award))
    tranches = Tranche.objects.filter(
        award__in=active, status=TrancheStatus.PLANNED, due_on__lte=horizon
    ).select_related("award__bid")
    for tranche in tranches:
        items.append(
            Item(
                f"tranche:{tranche.pk}",
                f"Tranche {tranche.number} (£{tranche.amount:,.2f}) to release",
                tranche.due_on,
                tranche.award,
            )
        )
    variations = Variation.objects.filter(
        award__in=active, status=VariationStatus.REQUESTED
    ).select_related("award__bid")
    for variation in variations:
        items.append(
            Item(
                f"variation:{variation.pk}",
                f"{variation.get_kind_display()} awaiting your decision",
                variation.requested_on,
                variation.award,
                asked=True,
            )
        )
    ending = (
        active.filter(ends_on__lte=today + datetime.timedelta(days=ENDING_WITHIN_DAYS))
        .exclude(has_report(ReportKind.EVALUATION, [ReportStatus.SUBMITTED, ReportStatus.ACCEPTED]))
        .select_related("bid")
    )
    for award in ending:
        items.append(
            Item(
                f"ending:{award.pk}",
                "The grant ends with no evaluation in yet",
                award.ends_on,
                award,
            )
        )
    return items


def reminders_due(*, partnership: Partnership, today: datetime.date):
    """Each address with the items it is reminded about, and the awards reaching nobody."""
    by_address: dict[str, list[Item]] = defaultdict(list)
    unreached: set[str] = set()
    grantee = grantee_items(partnership=partnership, today=today)
    addresses = _applicant_addresses({item.award.bid.applicant_id for item in grantee})
    for item in grantee:
        emails = addresses.get(item.award.bid.applicant_id, set())
        if not emails:
            unreached.add(item.award.bid.reference)
        for email in emails:
            by_address[email].append(item)
    officers = officer_addresses(partnership=partnership)
    for item in officer_items(partnership=partnership, today=today):
        if not officers:
            unreached.add(item.award.bid.reference)
        for email in officers:
            by_address[email].append(item)
    return by_address, unreached


def reminders_send(
    *, partnership: Partnership, today: datetime.date, dry_run: bool = False
) -> FundingReminderSummary:
    """E-mail everyone with something due on `partnership`'s grants (see the module)."""
    by_address, unreached = reminders_due(partnership=partnership, today=today)
    summary = FundingReminderSummary(awards_without_contact=unreached)
    recent = set(
        FundingReminder.objects.filter(
            partnership=partnership,
            sent_on__gt=today - datetime.timedelta(days=REMIND_AGAIN_AFTER_DAYS),
            sent_on__lte=today,
        ).values_list("email", "subject")
    )
    connection = None if dry_run else get_connection()
    for email, items in sorted(by_address.items()):
        items = sorted(items, key=lambda item: (item.due_on, item.key))
        if all((email, item.key) in recent for item in items):
            summary.skipped_already_sent += 1
            continue
        message = reminder_message(partnership=partnership, email=email, items=items, today=today)
        if not dry_run and not reminder_record_and_send(
            model=FundingReminder,
            partnership=partnership,
            email=email,
            subjects=[item.key for item in items],
            today=today,
            message=message,
            connection=connection,
        ):
            summary.skipped_already_sent += 1
            continue
        summary.emails_sent += 1
        summary.items_reminded += len(items)
    return summary


def reminder_message(
    *, partnership: Partnership, email: str, items: list[Item], today: datetime.date
) -> EmailMessage:
    overdue = sum(item.overdue(today) for item in items)
    count = len(items)
    subject = f"Grant monitoring: {count} thing{'s' * (count != 1)} due"
    if overdue:
        subject += f", {overdue} overdue"
    lines = [
        f"These grants of {partnership.name} need something from you.",
        "",
    ]
    for item in items:
        award = item.award
        path = reverse(
            "funding:award-detail", kwargs={"partnership": partnership.slug, "pk": award.pk}
        )
        lines += [
            f"{award.bid.reference} {award.bid.project_title}",
            f"  {item.what}: {item.when(today)}",
            f"  {settings.SITE_URL}{path}",
            "",
        ]
    lines.append("You get this e-mail at most once a day while something is due.")
    return EmailMessage(subject=f"{subject}: {partnership.name}", body="\n".join(lines), to=[email])
