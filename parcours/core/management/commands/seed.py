"""`parcours seed --scale small|city|national [--seed N]`: synthetic data for benchmarks and
manual tests (parcours/core/seed.py). Use a database of its own: every seeded account
shares one password, and every seeded trainee one PIN."""

import functools
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

# Imported under another name: `seed` is also the option's name.
from parcours.core import seed as seeding


class Command(BaseCommand):
    help = "Generate realistic synthetic data (benchmarks, manual tests). Refuses to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(seeding.SCALES), default="small")
        parser.add_argument(
            "--seed",
            type=int,
            default=0,
            help="the random generator's seed: the same seed gives the same data",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *, scale, seed, no_progress, **options):
        chosen = seeding.SCALES[scale]
        progress = None
        if not no_progress:
            from tqdm import tqdm

            progress = functools.partial(tqdm, file=self.stderr._out, dynamic_ncols=True)
        began = time.monotonic()
        try:
            counts = seeding.generate(chosen, seed=seed, progress=progress)
        except seeding.AlreadySeeded as error:
            raise CommandError(
                f"This database already holds seeded data ({error} exists): nothing was "
                "added. Seed an empty database (see docs/deploy.md)."
            ) from error
        elapsed = time.monotonic() - began
        self.stdout.write(
            f"Seeded scale {scale!r} (seed {seed}) on {connection.vendor} in {elapsed:.0f} s:"
        )
        for label, count in sorted(counts.items()):
            self.stdout.write(f"  {label:<32} {count:>10,}")
        self.stdout.write(f"  {'total':<32} {sum(counts.values()):>10,}")
        self.stdout.write("")
        self.stdout.write(f"  {'role':<44} {'sign in':<32} secret")
        for role, login, secret in seeding.ACCOUNTS:
            self.stdout.write(f"  {role:<44} {login:<32} {secret}")
        self.stdout.write(
            f"  TOTP_SECRET {seeding.SEED_TOTP_SECRET}: add it to an authenticator app, or\n"
            '  uv run python -c "import pyotp; print(pyotp.TOTP('
            f"'{seeding.SEED_TOTP_SECRET}').now())\""
        )
