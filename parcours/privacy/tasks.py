from django.tasks import task


@task
def apply_retention():
    """The daily retention job: warn the coordinators of the records nearing the end of
    PARCOURS_RETENTION_MONTHS, anonymise those whose announced date has come (unless
    kept for now), and delete journal entries older than PARCOURS_AUDIT_RETENTION_MONTHS."""
    from parcours.privacy.actions import run_retention

    return run_retention()
