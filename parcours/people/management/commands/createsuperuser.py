"""`parcours createsuperuser` creates a coordinator, who signs in with an e-mail address."""

from django.contrib.auth.management.commands import createsuperuser
from django.core import exceptions
from django.core.management.base import CommandError
from django.core.validators import validate_email


class Command(createsuperuser.Command):
    help = "Create a coordinator account (sign-in: e-mail address and password)."

    def get_input_data(self, field, message, default=None):
        value = super().get_input_data(field, message, default)
        if field.name == "username" and value:
            try:
                validate_email(value)
            except exceptions.ValidationError:
                self.stderr.write("Error: enter an e-mail address: coordinators sign in with it.")
                return None
        return value

    def handle(self, *args, **options):
        username = options.get("username")
        if username:  # non-interactive: refuse before creating anything
            try:
                validate_email(username)
            except exceptions.ValidationError as error:
                raise CommandError("Enter an e-mail address as the username.") from error
        return super().handle(*args, **options)
