"""`parcours locker verify` and `parcours locker cleanup`.

verify   re-reads every stored object and compares its size and SHA-256 with what was
         recorded at upload; reports missing and different objects (exit status 1), and
         objects no row points to ("orphans": exit status 1 with --strict). It prints
         internal ids and keys only, never a file's name.
cleanup  what the worker does every hour (empties the trash of what has been there
         LOCKER_TRASH_DAYS, removes what interrupted uploads and deletions left), now;
         --older-than 0 also takes uploads in progress: only when the server is stopped.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from parcours.locker import actions, storage
from parcours.locker.models import StoredFile


class Command(BaseCommand):
    help = "The locker's integrity check (verify) and clean-up (cleanup)."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True, metavar="verify|cleanup")
        verify = commands.add_parser("verify", help="re-read every object, check its SHA-256")
        verify.add_argument(
            "--strict", action="store_true", help="objects no row points to are errors too"
        )
        cleanup = commands.add_parser("cleanup", help="run the worker's clean-up now")
        cleanup.add_argument(
            "--older-than",
            type=int,
            default=int(actions.PENDING_MAX_AGE.total_seconds() // 60),
            metavar="MINUTES",
            help="uploads pending for longer than this were interrupted (default: %(default)s)",
        )

    def handle(self, *, action, **options):
        if action == "verify":
            return self.verify(strict=options["strict"])
        return self.cleanup(minutes=options["older_than"])

    def verify(self, *, strict):
        checked = missing = different = 0
        rows = StoredFile.objects.filter(state=StoredFile.State.READY).order_by("pk")
        for pk, key, size, sha256 in rows.values_list("pk", "key", "size", "sha256").iterator():
            checked += 1
            try:
                found = storage.digest(key)
            except FileNotFoundError:
                missing += 1
                self.stderr.write(f"MISSING file {pk}: object {key} is not in the storage")
                continue
            if found != (size, sha256):
                different += 1
                self.stderr.write(
                    f"DIFFERENT file {pk}: object {key} has {found[0]} bytes, SHA-256 "
                    f"{found[1]}; recorded {size} bytes, SHA-256 {sha256}"
                )
        known = set(StoredFile.objects.values_list("key", flat=True))
        orphans = [key for key in storage.all_keys() if key not in known]
        for key in orphans:
            self.stderr.write(f"ORPHAN object {key}: no file points to it")
        pending = StoredFile.objects.exclude(state=StoredFile.State.READY).count()
        self.stdout.write(
            f"{checked} files checked: {missing} missing, {different} different; "
            f"{len(orphans)} orphan objects; {pending} uploads or deletions in progress."
        )
        if missing or different or (strict and orphans):
            raise CommandError("the locker's storage does not match its records")

    def cleanup(self, *, minutes):
        done = actions.clean_up(pending_max_age=timedelta(minutes=minutes))
        self.stdout.write(
            f"{done['trash']} files emptied from the trash, {done['interrupted']} "
            f"interrupted uploads or deletions finished, {done['temporary']} temporary "
            "files removed."
        )
