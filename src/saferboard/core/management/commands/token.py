"""`saferboard token NAME`: print the user's API token, creating it the first time."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "Print the API token of the user NAME (created if the user has none yet)."

    def add_arguments(self, parser):
        parser.add_argument("name", help="The user's username.")

    def handle(self, *args, name: str, **options):
        user = get_user_model().objects.filter(username=name).first()
        if user is None:
            raise CommandError(
                f"There is no user called “{name}”. Create one with "
                f"`saferboard createuser {name} --partnership SLUG --role ROLE`."
            )
        if not user.is_active:
            raise CommandError(f"The user “{name}” is inactive, so cannot use the API.")
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
