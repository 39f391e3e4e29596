"""`saferboard remind [--partnership SLUG ...] [--date YYYY-MM-DD] [--dry-run]`.

E-mails the owners of actions overdue or due within 7 days, and the weekly digest;
meant for a daily cron line or task runner (docs/actions.md, "Reminders"). Prints one
JSON summary line on stdout; running it twice on one day sends nothing new.
"""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from saferboard.actions.reminders import WEEKDAYS, ReminderSummary, reminders_send
from saferboard.core.models import Partnership


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--date {text}: give the date as YYYY-MM-DD.") from error


class Command(BaseCommand):
    help = "E-mail owners of actions due within 7 days or overdue, and the weekly digest."

    def add_arguments(self, parser):
        parser.add_argument(
            "--partnership",
            action="append",
            metavar="SLUG",
            help="Only this partnership (repeat for more). Default: every partnership.",
        )
        parser.add_argument("--date", help="Run as if today were YYYY-MM-DD (default: today).")
        parser.add_argument(
            "--digest-day",
            choices=WEEKDAYS,
            help="The weekday the weekly digest goes out (default: settings.ACTIONS_DIGEST_DAY "
            "or monday).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be sent; send and record nothing.",
        )

    def handle(self, *args, partnership, date, digest_day, dry_run, **options):
        today = _date(date) if date else timezone.localdate()
        partnerships = Partnership.objects.order_by("slug")
        if partnership:
            partnerships = partnerships.filter(slug__in=partnership)
            missing = sorted(set(partnership) - {p.slug for p in partnerships})
            if missing:
                raise CommandError(f"No partnership with the slug {', '.join(missing)}.")
        weekday = WEEKDAYS.index(digest_day) if digest_day else None
        total = ReminderSummary()
        for each in partnerships:
            total.add(
                reminders_send(
                    partnership=each, today=today, dry_run=dry_run, digest_weekday=weekday
                )
            )
        summary = {
            "date": today.isoformat(),
            "dry_run": dry_run,
            "partnerships": [each.slug for each in partnerships],
            **total.as_dict(),
        }
        self.stdout.write(json.dumps(summary))
