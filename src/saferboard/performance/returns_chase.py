"""Chasing missing returns by e-mail, run once a day by `saferboard chase-returns`.

A return is chased once it is overdue (past its due date) with nothing returned; a
return of "no information" with a reason is a return and is not chased. Who is e-mailed
(docs/performance.md, "Returns"):

- the indicator's lead person, when it has one;
- otherwise the people holding seats for the lead organisation on the day;
- an indicator with neither reaches nobody, and the summary says so.

Each person gets one e-mail listing all their missing returns. Every return listed is
recorded in `ReturnReminder` in the same transaction as the sending, so running the
command twice a day sends nothing new; a return is chased again a week after it was
last chased, for as long as it is missing.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from saferboard.core.models import Partnership
from saferboard.core.services import record_create
from saferboard.performance.models import ReturnReminder
from saferboard.performance.returns import DueReturn, indicators_taking_returns, returns_missing
from saferboard.registry.models import Membership, Person
from saferboard.registry.selectors import membership_held_on

CHASE_AGAIN_AFTER_DAYS = 7


@dataclass
class ChaseSummary:
    """What one run did (or, in a dry run, would do)."""

    emails_sent: int = 0
    returns_chased: int = 0
    skipped_recently_chased: int = 0
    people_without_email: set[str] = field(default_factory=set)
    indicators_unreached: set[str] = field(default_factory=set)

    def add(self, other: "ChaseSummary") -> None:
        self.emails_sent += other.emails_sent
        self.returns_chased += other.returns_chased
        self.skipped_recently_chased += other.skipped_recently_chased
        self.people_without_email |= other.people_without_email
        self.indicators_unreached |= other.indicators_unreached

    def as_dict(self) -> dict:
        return {
            "emails_sent": self.emails_sent,
            "returns_chased": self.returns_chased,
            "skipped_recently_chased": self.skipped_recently_chased,
            "people_without_email": sorted(self.people_without_email),
            "indicators_unreached": sorted(self.indicators_unreached),
        }


def return_chasers(
    *, partnership: Partnership, missing: list[DueReturn], today: datetime.date
) -> tuple[dict[Person, list[DueReturn]], set[str]]:
    """Who is e-mailed about which missing returns, and the indicators that reach nobody."""
    organisations = {
        each.indicator.lead_organisation_id
        for each in missing
        if not each.indicator.lead_person_id and each.indicator.lead_organisation_id
    }
    seated = defaultdict(list)
    if organisations:
        seats = (
            Membership.objects.filter(
                membership_held_on(today),
                Q(organisation__in=organisations) | Q(post__organisation__in=organisations),
                partnership=partnership,
                person__isnull=False,
            )
            .select_related("person", "post")
            .order_by("person__family_name", "person__given_name", "pk")
        )
        for seat in seats:
            for organisation in {seat.organisation_id, seat.post and seat.post.organisation_id}:
                if organisation in organisations and seat.person not in seated[organisation]:
                    seated[organisation].append(seat.person)
    reached: dict[Person, list[DueReturn]] = {}
    unreached: set[str] = set()
    for each in missing:
        indicator = each.indicator
        if indicator.lead_person_id:
            people = [indicator.lead_person]
        else:
            people = seated.get(indicator.lead_organisation_id, [])
        if not people:
            unreached.add(indicator.code)
        for person in people:
            reached.setdefault(person, []).append(each)
    return reached, unreached


def returns_chase(
    *, partnership: Partnership, today: datetime.date, dry_run: bool = False
) -> ChaseSummary:
    """E-mail the people answering for `partnership`'s missing returns (see the module)."""
    indicators = indicators_taking_returns(partnership=partnership)
    missing = returns_missing(indicators=indicators, today=today)
    reached, unreached = return_chasers(partnership=partnership, missing=missing, today=today)
    summary = ChaseSummary(indicators_unreached=unreached)
    last_chased = {}
    for indicator, period_start, person, sent_on in ReturnReminder.objects.filter(
        partnership=partnership,
        sent_on__gt=today - datetime.timedelta(days=CHASE_AGAIN_AFTER_DAYS),
        sent_on__lte=today,
    ).values_list("indicator", "period_start", "person", "sent_on"):
        key = (indicator, period_start, person)
        last_chased[key] = max(sent_on, last_chased.get(key, sent_on))
    connection = None if dry_run else get_connection()
    for person, returns in sorted(reached.items(), key=lambda pair: str(pair[0])):
        fresh = [
            each
            for each in returns
            if (each.indicator.pk, each.period.start, person.pk) not in last_chased
        ]
        if not fresh:
            summary.skipped_recently_chased += 1
            continue
        if not person.email:
            summary.people_without_email.add(str(person))
            continue
        message = chase_message(
            partnership=partnership, person=person, returns=returns, today=today
        )
        if not dry_run and not _record_and_send(
            person=person, returns=returns, today=today, message=message, connection=connection
        ):
            summary.skipped_recently_chased += 1
            continue
        summary.emails_sent += 1
        summary.returns_chased += len(returns)
    return summary


def _record_and_send(*, person, returns, today, message, connection) -> bool:
    """Record the chase and send the e-mail in one transaction: if sending fails nothing is
    recorded (tomorrow's run tries again); if another run recorded it first, the unique
    constraint refuses the rows and nothing is sent. Returns whether it was sent."""
    try:
        with transaction.atomic():
            for each in returns:
                record_create(
                    model=ReturnReminder,
                    partnership=person.partnership,
                    by=None,
                    indicator=each.indicator,
                    period_start=each.period.start,
                    person=person,
                    sent_on=today,
                    email=person.email,
                )
            connection.send_messages([message])
    except (IntegrityError, ValidationError):
        return False
    return True


@dataclass(frozen=True)
class ChaseLine:
    """One missing return as the e-mail shows it."""

    code: str
    name: str
    period: str
    due: str
    url: str


def _line(*, partnership: Partnership, each: DueReturn, today: datetime.date) -> ChaseLine:
    path = reverse(
        "performance:returns-submit",
        kwargs={"partnership": partnership.slug, "pk": each.indicator.pk},
    )
    days = (today - each.due_on).days
    return ChaseLine(
        code=each.indicator.code,
        name=each.indicator.name,
        period=each.period.label,
        due=f"was due {each.due_on.day} {each.due_on:%B %Y}, {days} day{'s' * (days != 1)} ago",
        url=f"{settings.SITE_URL}{path}?period={each.period.start.isoformat()}",
    )


def chase_message(
    *, partnership: Partnership, person: Person, returns: list[DueReturn], today: datetime.date
) -> EmailMultiAlternatives:
    """The e-mail to `person` listing their missing returns, oldest first: plain text with
    an HTML alternative."""
    returns = sorted(returns, key=lambda each: (each.due_on, each.indicator.code))

    def link(name: str) -> str:
        return settings.SITE_URL + reverse(
            f"performance:{name}", kwargs={"partnership": partnership.slug}
        )

    context = {
        "person": person,
        "partnership": partnership,
        "lines": [_line(partnership=partnership, each=each, today=today) for each in returns],
        "returns_url": link("returns"),
        "upload_url": link("returns-upload"),
        "template_url": link("returns-template-xlsx"),
    }
    count = len(returns)
    message = EmailMultiAlternatives(
        subject=f"{count} overdue return{'s' * (count != 1)}: {partnership.name}",
        body=render_to_string("performance/returns_chase_email.txt", context),
        to=[person.email],
    )
    message.attach_alternative(
        render_to_string("performance/returns_chase_email.html", context), "text/html"
    )
    return message
