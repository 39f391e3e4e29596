"""`saferboard remind [--partnership SLUG ...] [--date YYYY-MM-DD] [--dry-run]`.

E-mails the owners of actions overdue or due within 7 days, and the weekly digest;
meant for a daily cron line or task runner (docs/actions.md, "Reminders"). Prints one
JSON summary line on stdout; running it twice on one day sends nothing new.
"""

from saferboard.actions.reminders import WEEKDAYS, ReminderSummary, reminders_send
from saferboard.core.daily_commands import DailyCommand


class Command(DailyCommand):
    help = "E-mail owners of actions due within 7 days or overdue, and the weekly digest."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--digest-day",
            choices=WEEKDAYS,
            help="The weekday the weekly digest goes out (default: settings.ACTIONS_DIGEST_DAY "
            "or monday).",
        )

    def handle(self, *args, partnership, date, digest_day, dry_run, **options):
        today = self.run_date(date)
        partnerships = self.partnerships(partnership)
        weekday = WEEKDAYS.index(digest_day) if digest_day else None
        total = ReminderSummary()
        for each in partnerships:
            total.add(
                reminders_send(
                    partnership=each, today=today, dry_run=dry_run, digest_weekday=weekday
                )
            )
        self.print_summary(
            today=today, dry_run=dry_run, partnerships=partnerships, totals=total.as_dict()
        )
