"""Review reminders for approved sharing agreements, sent once a day by `saferboard
sharing-remind`.

An approved agreement is due for review when its review date is past or within
`register.REVIEW_DUE_WITHIN_DAYS` (30) days. Its review owner and the partnership's
information-governance users each get one e-mail a day listing the agreements due that they
answer for (IG users: all of them). Each e-mail sent is recorded as a `SharingReminder` in the
same transaction as sending it, so a second run on the same day sends nothing new.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse

from saferboard.core.models import Partnership, PartnershipRole
from saferboard.core.reminders import reminder_record_and_send
from saferboard.sharing.models import SharingAgreement, SharingReminder
from saferboard.sharing.register import review_label, reviews_due
from saferboard.sharing.selectors import GOVERNANCE

# The SharingReminder subject for review reminders: one a day per address.
REVIEW_SUBJECT = "agreement-review"

logger = logging.getLogger(__name__)


@dataclass
class ReviewReminderSummary:
    emails_sent: int = 0
    agreements_due: set[int] = field(default_factory=set)
    skipped_already_sent: int = 0
    emails_failed: int = 0
    agreements_without_owner_email: set[str] = field(default_factory=set)

    def add(self, other: "ReviewReminderSummary") -> None:
        self.emails_sent += other.emails_sent
        self.agreements_due |= other.agreements_due
        self.skipped_already_sent += other.skipped_already_sent
        self.emails_failed += other.emails_failed
        self.agreements_without_owner_email |= other.agreements_without_owner_email

    def as_dict(self) -> dict:
        return {
            "emails_sent": self.emails_sent,
            "agreements_due": len(self.agreements_due),
            "skipped_already_sent": self.skipped_already_sent,
            "emails_failed": self.emails_failed,
            "agreements_without_owner_email": sorted(self.agreements_without_owner_email),
        }


def _owner_email(agreement: SharingAgreement) -> str:
    owner = agreement.review_owner
    if owner is None:
        return ""
    return owner.email or (owner.user.email if owner.user_id else "")


def review_recipients(
    *, partnership: Partnership, agreements: list[SharingAgreement]
) -> tuple[dict[str, list[SharingAgreement]], set[str]]:
    """Who is e-mailed about which agreements: each review owner about theirs, each
    information-governance user about all. Also the agreements whose owner has no e-mail."""
    recipients: dict[str, list[SharingAgreement]] = {}
    unreached: set[str] = set()
    for agreement in agreements:
        email = _owner_email(agreement)
        if email:
            recipients.setdefault(email.lower(), []).append(agreement)
        else:
            unreached.add(str(agreement))
    governance = PartnershipRole.objects.filter(
        partnership=partnership, role__in=GOVERNANCE, user__is_active=True
    ).exclude(user__email="")
    for email in sorted(
        {email.lower() for email in governance.values_list("user__email", flat=True)}
    ):
        mine = recipients.setdefault(email.lower(), [])
        mine += [agreement for agreement in agreements if agreement not in mine]
    return recipients, unreached


def review_message(
    *, partnership: Partnership, email: str, agreements: list[SharingAgreement], today
) -> EmailMessage:
    lines = [
        {
            "agreement": agreement,
            "when": review_label(agreement=agreement, today=today)["text"],
            "url": settings.SITE_URL
            + reverse(
                "sharing:agreement-detail",
                kwargs={"partnership": partnership.slug, "pk": agreement.pk},
            ),
        }
        for agreement in sorted(agreements, key=lambda a: (a.review_on, a.pk))
    ]
    count = len(lines)
    return EmailMessage(
        subject=f"{count} information sharing agreement{'s' * (count != 1)} due for review: "
        f"{partnership.name}",
        body=render_to_string(
            "sharing/email/agreement_review.txt", {"partnership": partnership, "lines": lines}
        ),
        to=[email],
    )


def review_reminders_send(
    *, partnership: Partnership, today: datetime.date, dry_run: bool = False
) -> ReviewReminderSummary:
    """E-mail the review owners and information-governance users of `partnership` about
    approved agreements due for review on `today`; at most one e-mail per address a day."""
    agreements = list(
        reviews_due(partnership=partnership, today=today).select_related("review_owner__user")
    )
    recipients, unreached = review_recipients(partnership=partnership, agreements=agreements)
    summary = ReviewReminderSummary(agreements_without_owner_email=unreached)
    sent_today = set(
        SharingReminder.objects.filter(
            partnership=partnership, subject=REVIEW_SUBJECT, sent_on=today
        ).values_list("email", flat=True)
    )
    connection = None if dry_run else get_connection()
    for email, theirs in sorted(recipients.items()):
        if email in sent_today:
            summary.skipped_already_sent += 1
            continue
        message = review_message(
            partnership=partnership, email=email, agreements=theirs, today=today
        )
        if not dry_run:
            try:
                sent = reminder_record_and_send(
                    model=SharingReminder,
                    partnership=partnership,
                    email=email,
                    subjects=[REVIEW_SUBJECT],
                    today=today,
                    message=message,
                    connection=connection,
                )
            except OSError as error:  # the mail server refused or was unreachable
                summary.emails_failed += 1
                logger.warning("Review reminder to %s not sent: %s", email, error)
                continue
            if not sent:
                summary.skipped_already_sent += 1  # another run recorded it first
                continue
        summary.emails_sent += 1
        summary.agreements_due |= {agreement.pk for agreement in theirs}
    return summary
