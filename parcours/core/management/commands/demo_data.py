from django.core.management.base import BaseCommand

from parcours.core import demo


class Command(BaseCommand):
    help = "Load the demo data once (running it again keeps existing data)."

    def handle(self, **options):
        if demo.load():
            self.stdout.write("Demo data loaded.")
        else:
            self.stdout.write("Demo data already present: kept as it is.")
