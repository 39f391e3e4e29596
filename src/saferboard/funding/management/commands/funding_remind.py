"""`saferboard funding-remind [--partnership SLUG ...] [--date YYYY-MM-DD] [--dry-run]`.

E-mails grantees about monitoring reports and milestones due, and funding officers about
reviews, tranches, variation requests and grants ending; meant for a daily cron line or
task runner (docs/funding.md, "Reminders"). Prints one JSON summary line on stdout;
running it twice on one day sends nothing new.
"""

from saferboard.core.daily_commands import DailyCommand
from saferboard.funding.reminders import FundingReminderSummary, reminders_send


class Command(DailyCommand):
    help = "E-mail grantees and funding officers about grant monitoring due or overdue."

    def handle(self, *args, partnership, date, dry_run, **options):
        today = self.run_date(date)
        partnerships = self.partnerships(partnership)
        total = FundingReminderSummary()
        for each in partnerships:
            total.add(reminders_send(partnership=each, today=today, dry_run=dry_run))
        self.print_summary(
            today=today, dry_run=dry_run, partnerships=partnerships, totals=total.as_dict()
        )
