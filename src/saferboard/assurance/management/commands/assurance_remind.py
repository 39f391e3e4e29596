"""`saferboard assurance-remind [--partnership SLUG ...] [--date YYYY-MM-DD] [--dry-run]`.

E-mails organisations whose assurance returns are due within 14 days or overdue; meant for a
daily cron line or task runner (docs/assurance.md, "Returns"). Prints one JSON summary line
on stdout; running it twice on one day sends nothing new.
"""

from saferboard.assurance.reminders import AssuranceReminderSummary, reminders_send
from saferboard.core.daily_commands import DailyCommand


class Command(DailyCommand):
    help = "E-mail organisations about assurance returns due soon or overdue."

    def handle(self, *args, partnership, date, dry_run, **options):
        today = self.run_date(date)
        partnerships = self.partnerships(partnership)
        total = AssuranceReminderSummary()
        for each in partnerships:
            total.add(reminders_send(partnership=each, today=today, dry_run=dry_run))
        self.print_summary(
            today=today, dry_run=dry_run, partnerships=partnerships, totals=total.as_dict()
        )
