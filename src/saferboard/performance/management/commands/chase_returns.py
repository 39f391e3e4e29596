"""`saferboard chase-returns [--partnership SLUG ...] [--date YYYY-MM-DD] [--dry-run]`.

E-mails the people answering for overdue missing returns, one e-mail each listing all of
theirs; meant for a daily cron line or task runner (docs/performance.md, "Returns").
Prints one JSON summary line on stdout; running it twice on one day sends nothing new.
"""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from saferboard.core.models import Partnership
from saferboard.performance.returns_chase import ChaseSummary, returns_chase


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--date {text}: give the date as YYYY-MM-DD.") from error


class Command(BaseCommand):
    help = "E-mail the people answering for overdue returns that have not been sent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--partnership",
            action="append",
            metavar="SLUG",
            help="Only this partnership (repeat for more). Default: every partnership.",
        )
        parser.add_argument("--date", help="Run as if today were YYYY-MM-DD (default: today).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be sent; send nothing."
        )

    def handle(self, *args, partnership, date, dry_run, **options):
        today = _date(date) if date else timezone.localdate()
        partnerships = Partnership.objects.order_by("slug")
        if partnership:
            partnerships = partnerships.filter(slug__in=partnership)
            missing = sorted(set(partnership) - {p.slug for p in partnerships})
            if missing:
                raise CommandError(f"No partnership with the slug {', '.join(missing)}.")
        total = ChaseSummary()
        for each in partnerships:
            total.add(returns_chase(partnership=each, today=today, dry_run=dry_run))
        summary = {
            "date": today.isoformat(),
            "dry_run": dry_run,
            "partnerships": [each.slug for each in partnerships],
            **total.as_dict(),
        }
        self.stdout.write(json.dumps(summary))
