"""Helpers for the reminder tests: run `saferboard remind` and raise owned actions."""

import datetime
import io
import json

from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command

from tests.factories import ActionFactory, ActionOwnerFactory

TODAY = datetime.date(2025, 6, 11)  # a Wednesday
MONDAY = datetime.date(2025, 6, 16)


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def remind(*args: str, on: datetime.date = TODAY) -> dict:
    """Run `saferboard remind --date <on> <args>`; the one JSON line it prints, parsed."""
    out = io.StringIO()
    call_command("remind", "--date", on.isoformat(), *args, stdout=out, stderr=io.StringIO())
    lines = out.getvalue().splitlines()
    assert len(lines) == 1, lines
    return json.loads(lines[0])


def action_for(partnership, *, text: str, owners: list[dict], **fields):
    """An action of `partnership` with one owner per dict (person=, post=, organisation=,
    body=)."""
    action = ActionFactory(partnership=partnership, text=text, **fields)
    for owner in owners:
        ActionOwnerFactory(partnership=partnership, action=action, **owner)
    return action


def sent_to(mailoutbox) -> dict[str, str]:
    """Each e-mail's address and its plain text."""
    return {message.to[0]: message.body for message in mailoutbox}


class UnreachableMailServer(BaseEmailBackend):
    """An e-mail backend whose server cannot be reached."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("Connection refused by the mail server")
