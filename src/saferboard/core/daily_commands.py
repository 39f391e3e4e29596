"""What the daily e-mail commands (`saferboard remind`, `saferboard chase-returns`) share:
the --partnership/--date/--dry-run arguments and the one JSON summary line they print."""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import QuerySet
from django.utils import timezone

from saferboard.core.models import Partnership


class DailyCommand(BaseCommand):
    """A command run once a day per partnership. Subclasses add their own arguments with
    `super().add_arguments(parser)` first, and call `run_date`, `partnerships` and
    `print_summary` from `handle`."""

    dry_run_help = "Say what would be sent; send and record nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--partnership",
            action="append",
            metavar="SLUG",
            help="Only this partnership (repeat for more). Default: every partnership.",
        )
        parser.add_argument("--date", help="Run as if today were YYYY-MM-DD (default: today).")
        parser.add_argument("--dry-run", action="store_true", help=self.dry_run_help)

    def run_date(self, text: str | None) -> datetime.date:
        if not text:
            return timezone.localdate()
        try:
            return datetime.date.fromisoformat(text)
        except ValueError as error:
            raise CommandError(f"--date {text}: give the date as YYYY-MM-DD.") from error

    def partnerships(self, slugs: list[str] | None) -> QuerySet[Partnership]:
        partnerships = Partnership.objects.order_by("slug")
        if slugs:
            partnerships = partnerships.filter(slug__in=slugs)
            missing = sorted(set(slugs) - {p.slug for p in partnerships})
            if missing:
                raise CommandError(f"No partnership with the slug {', '.join(missing)}.")
        return partnerships

    def print_summary(self, *, today, dry_run, partnerships, totals: dict) -> None:
        summary = {
            "date": today.isoformat(),
            "dry_run": dry_run,
            "partnerships": [each.slug for each in partnerships],
            **totals,
        }
        self.stdout.write(json.dumps(summary))
