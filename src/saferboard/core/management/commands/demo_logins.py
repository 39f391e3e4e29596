"""`saferboard demo-logins`: print the demo logins (partnership, role, username, password)."""

from django.core.management.base import BaseCommand

from saferboard.core.demo import demo_logins, demo_logins_table


class Command(BaseCommand):
    help = "Print the demo logins: partnership, role, username and the shared password."

    def handle(self, *args, **options):
        self.stdout.write(demo_logins_table(logins=demo_logins()))
