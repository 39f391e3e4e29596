"""`saferboard sharing-remind [--partnership SLUG ...] [--date YYYY-MM-DD] [--dry-run]`.

E-mails review owners and information-governance users about approved sharing agreements
whose review date is past or within 30 days; meant for a daily cron line (docs/sharing.md,
"Review reminders"). Prints one JSON summary line; a second run on one day sends nothing new.
"""

from saferboard.core.daily_commands import DailyCommand
from saferboard.sharing.reminders import ReviewReminderSummary, review_reminders_send


class Command(DailyCommand):
    help = "E-mail reminders about information sharing agreements due for review."

    def handle(self, *args, partnership, date, dry_run, **options):
        today = self.run_date(date)
        partnerships = self.partnerships(partnership)
        total = ReviewReminderSummary()
        for each in partnerships:
            total.add(review_reminders_send(partnership=each, today=today, dry_run=dry_run))
        self.print_summary(
            today=today, dry_run=dry_run, partnerships=partnerships, totals=total.as_dict()
        )
