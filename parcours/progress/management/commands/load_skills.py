from django.core.management.base import BaseCommand

from parcours.progress.framework import load_framework
from parcours.progress.models import Domain, Milestone, Skill


class Command(BaseCommand):
    help = "Load or refresh the skills framework (reference data); safe to run again."

    def handle(self, **options):
        created = load_framework(Domain, Skill, Milestone)
        self.stdout.write(f"Skills framework loaded ({created} new entries).")
