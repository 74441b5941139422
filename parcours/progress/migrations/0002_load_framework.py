from django.db import migrations


def load(apps, schema_editor):
    from parcours.progress.framework import load_framework

    load_framework(
        apps.get_model("progress", "Domain"),
        apps.get_model("progress", "Skill"),
        apps.get_model("progress", "Milestone"),
    )


class Migration(migrations.Migration):
    dependencies = [("progress", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
