"""The table of the "shared" cache (settings.CACHES): Django's database cache, so that
every server process, and every server of a network, reads the same computed figures."""

from django.core.management import call_command
from django.db import migrations

TABLE = "parcours_cache"


def create(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0002_ratelimithit")]

    operations = [migrations.RunPython(create, drop)]
