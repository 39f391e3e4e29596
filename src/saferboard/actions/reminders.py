"""Reminder e-mails to the owners of actions, run once a day by `saferboard remind`.

Each day every person who owns an open action that is overdue or due within 7 days gets
one e-mail listing all such actions, overdue first. Once a week (Mondays unless told
otherwise) each person also gets a digest of every open action they own; on that day
the reminder and the digest are one e-mail. Every e-mail sent is recorded in
`ActionReminder` in the same transaction as the decision to send it, so running the
command twice on one day sends nothing new, and a digest is never sent twice within 7 days.

Who is e-mailed for an owner (docs/actions.md, "Reminders"):

- a person: that person;
- a post: the people holding a seat with that post on the day;
- an organisation: the people holding seats for it on the bodies of the action's meeting
  on the day, or, when it has none there (or the action has no meeting), on any body;
- a body: its chair and co-chairs on the day, or, when it has none, the clerk of the
  action's meeting.
"""

import datetime
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse

from saferboard.actions.models import (
    CLOSED_STATUSES,
    Action,
    ActionOwner,
    ActionReminder,
    ReminderKind,
)
from saferboard.actions.selectors import with_due_on
from saferboard.core.models import Partnership
from saferboard.core.services import record_create
from saferboard.registry.models import BodyRole, Membership, Person
from saferboard.registry.selectors import membership_held_on

logger = logging.getLogger(__name__)

DUE_WITHIN_DAYS = 7
DIGEST_EVERY_DAYS = 7
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# The chairs who answer for an action a whole body owns.
BODY_CHAIRS = (BodyRole.CHAIR, BodyRole.CO_CHAIR)


def digest_weekday_default() -> int:
    """The digest's weekday (0 is Monday): settings.ACTIONS_DIGEST_DAY, a day's name."""
    return WEEKDAYS.index(getattr(settings, "ACTIONS_DIGEST_DAY", "monday").lower())


@dataclass
class ReminderSummary:
    """What one run did (or, in a dry run, would do)."""

    emails_sent: int = 0
    actions_reminded: set[int] = field(default_factory=set)
    digests_sent: int = 0
    skipped_already_sent: int = 0
    emails_failed: int = 0
    owners_without_email: set[str] = field(default_factory=set)
    owners_unreached: set[str] = field(default_factory=set)

    def add(self, other: "ReminderSummary") -> None:
        self.emails_sent += other.emails_sent
        self.actions_reminded |= other.actions_reminded
        self.digests_sent += other.digests_sent
        self.skipped_already_sent += other.skipped_already_sent
        self.emails_failed += other.emails_failed
        self.owners_without_email |= other.owners_without_email
        self.owners_unreached |= other.owners_unreached

    def as_dict(self) -> dict:
        return {
            "emails_sent": self.emails_sent,
            "actions_reminded": len(self.actions_reminded),
            "digests_sent": self.digests_sent,
            "skipped_already_sent": self.skipped_already_sent,
            "emails_failed": self.emails_failed,
            "owners_without_email": sorted(self.owners_without_email),
            "owners_unreached": sorted(self.owners_unreached),
        }


def open_actions(*, partnership: Partnership, due_by: datetime.date | None) -> list[Action]:
    """Open actions of `partnership` (annotated `due_on`), those due by `due_by` if given,
    soonest due first, with what owner resolution needs."""
    owners = ActionOwner.objects.select_related(
        "person", "post__organisation", "organisation", "body"
    )
    queryset = with_due_on(
        Action.objects.filter(partnership=partnership).exclude(status__in=CLOSED_STATUSES)
    )
    if due_by is not None:
        queryset = queryset.filter(due_on__lte=due_by)
    return list(
        queryset.select_related("meeting__clerk", "partnership")
        .prefetch_related(Prefetch("owners", queryset=owners), "meeting__bodies")
        .order_by("due_on", "pk")
    )


def action_recipients(
    *, partnership: Partnership, actions: list[Action], today: datetime.date
) -> tuple[dict[Person, list[Action]], set[str]]:
    """Who is e-mailed about which of `actions` on `today`: each person once per action.

    Returns the people with their actions (in the order given) and the owners that
    reach nobody (a vacant post, an organisation or body without seat holders).
    """
    owners = [owner for action in actions for owner in action.owners.all()]
    held = Membership.objects.filter(
        membership_held_on(today), partnership=partnership, person__isnull=False
    )
    held = held.select_related("person")
    by_post = defaultdict(list)
    for seat in held.filter(post__in={o.post_id for o in owners if o.post_id}):
        by_post[seat.post_id].append(seat.person)
    by_organisation = defaultdict(list)
    for seat in held.filter(organisation__in={o.organisation_id for o in owners}):
        by_organisation[seat.organisation_id].append(seat)
    chairs = defaultdict(list)
    body_ids = {o.body_id for o in owners if o.body_id}
    for seat in held.filter(body__in=body_ids, role__in=BODY_CHAIRS):
        chairs[seat.body_id].append(seat.person)

    reached: dict[Person, list[Action]] = {}
    unreached: set[str] = set()
    for action in actions:
        people: list[Person] = []
        for owner in action.owners.all():
            if owner.person_id:
                found = [owner.person]
            elif owner.post_id:
                found = by_post[owner.post_id]
            elif owner.organisation_id:
                seats = by_organisation[owner.organisation_id]
                bodies = {body.pk for body in action.meeting.bodies.all()} if action.meeting else ()
                found = [s.person for s in seats if s.body_id in bodies]
                found = found or [s.person for s in seats]
            else:
                clerk = action.meeting.clerk if action.meeting else None
                found = chairs[owner.body_id] or ([clerk] if clerk else [])
            if not found:
                unreached.add(str(owner))
            people += [person for person in found if person not in people]
        for person in people:
            reached.setdefault(person, []).append(action)
    return reached, unreached


def reminders_send(
    *,
    partnership: Partnership,
    today: datetime.date,
    dry_run: bool = False,
    digest_weekday: int | None = None,
) -> ReminderSummary:
    """E-mail `partnership`'s action owners for `today`: reminders, and the weekly digest on
    `digest_weekday` (0 is Monday; default settings.ACTIONS_DIGEST_DAY or Monday).

    A person already e-mailed today is skipped. A dry run sends and records nothing.
    """
    if digest_weekday is None:
        digest_weekday = digest_weekday_default()
    digest_day = today.weekday() == digest_weekday
    due_by = today + datetime.timedelta(days=DUE_WITHIN_DAYS)
    actions = open_actions(partnership=partnership, due_by=None if digest_day else due_by)
    reached, unreached = action_recipients(partnership=partnership, actions=actions, today=today)
    summary = ReminderSummary(owners_unreached=unreached)
    sent = ActionReminder.objects.filter(partnership=partnership)
    sent_today = set(sent.filter(sent_on=today).values_list("person", flat=True))
    window = datetime.timedelta(days=DIGEST_EVERY_DAYS)
    recent_digests = set(
        sent.filter(
            kind=ReminderKind.DIGEST, sent_on__gt=today - window, sent_on__lt=today + window
        ).values_list("person", flat=True)
    )
    connection = None if dry_run else get_connection()
    for person, owned in sorted(reached.items(), key=lambda pair: str(pair[0])):
        due = [action for action in owned if action.due is not None and action.due <= due_by]
        digest = digest_day and person.pk not in recent_digests
        if not (due or digest):
            continue
        if person.pk in sent_today:
            summary.skipped_already_sent += 1
            continue
        if not person.email:
            summary.owners_without_email.add(str(person))
            continue
        others = [action for action in owned if action not in due] if digest else []
        message = reminder_message(
            partnership=partnership,
            person=person,
            due=due,
            others=others,
            digest=digest,
            today=today,
        )
        if not dry_run:
            try:
                recorded = _record_and_send(
                    partnership=partnership,
                    person=person,
                    due=due,
                    digest=digest,
                    today=today,
                    message=message,
                    connection=connection,
                )
            except OSError as error:  # the mail server refused or was unreachable
                summary.emails_failed += 1
                logger.warning("Reminder to %s not sent: %s", person.email, error)
                continue
            if not recorded:
                summary.skipped_already_sent += 1
                continue
        summary.emails_sent += 1
        summary.digests_sent += int(digest)
        summary.actions_reminded |= {action.pk for action in due}
    return summary


def _record_and_send(*, partnership, person, due, digest, today, message, connection) -> bool:
    """Record the reminders and send the e-mail in one transaction: if sending fails nothing
    is recorded (the next run tries again); if another run recorded them first, the unique
    constraints refuse the rows and nothing is sent. Returns whether it was sent."""
    rows = [(action, _kind(action, today)) for action in due]
    if digest:
        rows.append((None, ReminderKind.DIGEST))
    try:
        with transaction.atomic():
            for action, kind in rows:
                record_create(
                    model=ActionReminder,
                    partnership=partnership,
                    by=None,
                    person=person,
                    action=action,
                    kind=kind,
                    sent_on=today,
                    email=person.email,
                )
            connection.send_messages([message])
    except (IntegrityError, ValidationError):
        return False
    return True


def _kind(action: Action, today: datetime.date) -> str:
    return ReminderKind.OVERDUE if action.due < today else ReminderKind.DUE_SOON


@dataclass(frozen=True)
class ReminderLine:
    """One action as the e-mail shows it."""

    action: Action
    url: str
    when: str
    overdue: bool


def _line(*, action: Action, today: datetime.date) -> ReminderLine:
    path = reverse(
        "actions:action-detail",
        kwargs={"partnership": action.partnership.slug, "pk": action.pk},
    )
    due = action.due
    if due is None:
        when = "No due date"
    elif due < today:
        days = (today - due).days
        when = f"Overdue: was due {action.due_label()}, {days} day{'s' * (days != 1)} ago"
    elif due == today:
        when = f"Due today ({action.due_label()})"
    else:
        when = f"Due {action.due_label()}"
    overdue = due is not None and due < today
    return ReminderLine(action=action, url=settings.SITE_URL + path, when=when, overdue=overdue)


def reminder_message(
    *,
    partnership: Partnership,
    person: Person,
    due: list[Action],
    others: list[Action],
    digest: bool,
    today: datetime.date,
) -> EmailMultiAlternatives:
    """The e-mail to `person`: `due` (overdue or due soon, overdue first) and, in a weekly
    digest, `others` (their other open actions). Plain text with an HTML alternative."""
    overdue = [a for a in due if a.due < today]
    soon = [a for a in due if a.due >= today]
    mine = reverse("actions:action-mine", kwargs={"partnership": partnership.slug})
    context = {
        "person": person,
        "partnership": partnership,
        "digest": digest,
        "overdue": [_line(action=a, today=today) for a in overdue],
        "soon": [_line(action=a, today=today) for a in soon],
        "others": [_line(action=a, today=today) for a in others],
        "mine_url": settings.SITE_URL + mine,
        "due_within_days": DUE_WITHIN_DAYS,
    }
    count = f"{len(due)} action{'s' * (len(due) != 1)}"
    if digest:
        subject = f"Your open actions this week: {partnership.name}"
    elif overdue:
        subject = f"{count} overdue or due within 7 days: {partnership.name}"
    else:
        subject = f"{count} due within 7 days: {partnership.name}"
    message = EmailMultiAlternatives(
        subject=subject,
        # The template's tags leave runs of blank lines; one blank line between blocks.
        body=re.sub(r"\n{3,}", "\n\n", render_to_string("actions/email/reminder.txt", context)),
        to=[person.email],
    )
    message.attach_alternative(
        render_to_string("actions/email/reminder.html", context), "text/html"
    )
    return message
