from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from parcours.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Rebuild an empty installation from an archive made by `parcours backup`."

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *, archive, **options):
        try:
            manifest = restore(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        # The archive may come from an older version: bring the schema up to date.
        call_command("migrate", "--noinput", verbosity=0)
        self.stdout.write(f"Restored {archive} ({manifest['created_at']}).")
