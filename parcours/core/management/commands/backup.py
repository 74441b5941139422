from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from parcours.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write one archive with a consistent snapshot of the database and all stored files."

    def add_arguments(self, parser):
        parser.add_argument(
            "archive", nargs="?", help="where to write (default: parcours-<date>.tar.gz)"
        )

    def handle(self, *, archive, **options):
        archive = archive or f"parcours-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
        try:
            manifest = backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{archive}: database and {len(manifest['sha256']) - 1} files, with checksums."
        )
