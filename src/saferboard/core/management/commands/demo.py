"""`saferboard demo [--reset]`: load the demo partnerships and users, then print the logins.

Idempotent: running it again changes nothing. `--reset` deletes the demo
partnerships (with all their records and history) and the demo users first.
The meetings (agendas, papers, packs, minutes) take most of the time;
`--without-meetings` leaves them out, and the performance demo (indicators,
returns, delivery plans) with them.
"""

from django.core.management.base import BaseCommand

from saferboard.core.demo import demo_build, demo_logins, demo_logins_table, demo_reset


class Command(BaseCommand):
    help = "Create the demo partnerships and one login per role (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo partnerships, their records and the demo users, then rebuild.",
        )
        parser.add_argument(
            "--without-meetings",
            action="store_true",
            help="Only the registry and logins: quicker, as no papers, packs, indicators, "
            "returns or plans are made.",
        )

    def handle(self, *args, reset: bool, without_meetings: bool, **options):
        if reset:
            demo_reset()
            self.stderr.write("Deleted the demo partnerships and demo users.")
        for line in demo_build(meetings=not without_meetings):
            self.stderr.write(line)
        self.stderr.write("")
        self.stderr.write(demo_logins_table(logins=demo_logins()))
