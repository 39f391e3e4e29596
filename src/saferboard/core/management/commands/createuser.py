"""`saferboard createuser NAME --partnership SLUG --role ROLE`: add a user or give them a role.

Running it again for an existing user adds the role (and changes the password or
e-mail if given), so scripts can call it safely more than once.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from saferboard.core.models import Partnership
from saferboard.core.roles import Role
from saferboard.core.services import partnership_role_grant, user_create


class Command(BaseCommand):
    help = "Create a user (or update an existing one) and grant a role in a partnership."

    def add_arguments(self, parser):
        parser.add_argument("name", help="The username to sign in with.")
        parser.add_argument("--partnership", required=True, help="The partnership's slug.")
        parser.add_argument("--role", required=True, help=f"One of: {', '.join(Role.values)}.")
        parser.add_argument(
            "--password",
            help="Without one, a new user cannot sign in with a password until it is reset.",
        )
        parser.add_argument("--email", help="Where password reset e-mails go.")

    def handle(
        self,
        *args,
        name: str,
        partnership: str,
        role: str,
        password: str | None,
        email: str | None,
        **options,
    ):
        if role not in Role.values:
            raise CommandError(
                f"There is no role “{role}”. Choose one of: {', '.join(Role.values)}."
            )
        found = Partnership.objects.filter(slug=partnership).first()
        if found is None:
            known = ", ".join(Partnership.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(
                f"There is no partnership with the slug “{partnership}” "
                f"(known partnerships: {known})."
            )
        with transaction.atomic():
            user = get_user_model().objects.filter(username=name).first()
            created = user is None
            if created:
                try:
                    user = user_create(username=name, password=password, email=email or "")
                except Exception as error:  # a ValidationError naming the username problem
                    messages = getattr(error, "messages", [str(error)])
                    raise CommandError(f"Cannot create “{name}”: {' '.join(messages)}") from error
            elif password or email:
                if password:
                    user.set_password(password)
                if email:
                    user.email = email
                user.save()
            partnership_role_grant(user=user, partnership=found, role=role)
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} user {name} with the role {role} in {found.slug}.")
