"""Sending a reminder e-mail once: what the daily reminder commands that record their
e-mails as `ReminderSent` rows (funding, sharing, assurance) share."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from saferboard.core.models import Partnership, ReminderSent
from saferboard.core.services import record_create


def reminder_record_and_send(
    *,
    model: type[ReminderSent],
    partnership: Partnership,
    email: str,
    subjects: Iterable[str],
    today: datetime.date,
    message,
    connection,
) -> bool:
    """Record each subject as sent to `email` today and send `message`, in one transaction:
    if sending fails nothing is recorded (tomorrow's run tries again); if another run
    recorded them first today, the unique constraint refuses the rows, nothing is sent and
    the answer is False."""
    try:
        with transaction.atomic():
            for subject in subjects:
                record_create(
                    model=model,
                    partnership=partnership,
                    by=None,
                    email=email,
                    subject=subject,
                    sent_on=today,
                )
            connection.send_messages([message])
    except (IntegrityError, ValidationError):
        return False
    return True
