"""`saferboard chase-returns [--partnership SLUG ...] [--date YYYY-MM-DD] [--dry-run]`.

E-mails the people answering for overdue missing returns, one e-mail each listing all of
theirs; meant for a daily cron line or task runner (docs/performance.md, "Returns").
Prints one JSON summary line on stdout; running it twice on one day sends nothing new.
"""

from saferboard.core.daily_commands import DailyCommand
from saferboard.performance.returns_chase import ChaseSummary, returns_chase


class Command(DailyCommand):
    help = "E-mail the people answering for overdue returns that have not been sent."
    dry_run_help = "Say what would be sent; send nothing."

    def handle(self, *args, partnership, date, dry_run, **options):
        today = self.run_date(date)
        partnerships = self.partnerships(partnership)
        total = ChaseSummary()
        for each in partnerships:
            total.add(returns_chase(partnership=each, today=today, dry_run=dry_run))
        self.print_summary(
            today=today, dry_run=dry_run, partnerships=partnerships, totals=total.as_dict()
        )
