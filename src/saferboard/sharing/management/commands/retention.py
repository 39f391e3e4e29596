"""`saferboard retention [--partnership SLUG ...] [--date YYYY-MM-DD] [--dry-run]`.

Destroys the personal details of information-sharing requests whose destruction date has
come (docs/sharing.md, "Retention"); meant for a daily cron line or task runner. Prints one
JSON summary line on stdout: {"date", "dry_run", "partnerships", "destroyed", "subjects",
"requests": [references]}. Running it twice on one day destroys nothing new.
"""

from saferboard.core.daily_commands import DailyCommand
from saferboard.sharing.retention import RetentionSummary, retention_run


class Command(DailyCommand):
    help = "Destroy the personal details of sharing requests whose destruction date has come."
    dry_run_help = "Say what is due; destroy nothing."

    def handle(self, *args, partnership, date, dry_run, **options):
        today = self.run_date(date)
        partnerships = self.partnerships(partnership)
        total = RetentionSummary()
        for each in partnerships:
            done = retention_run(partnership=each, today=today, dry_run=dry_run)
            total.destroyed += done.destroyed
            total.subjects += done.subjects
            total.requests += done.requests
        self.print_summary(
            today=today, dry_run=dry_run, partnerships=partnerships, totals=total.as_dict()
        )
