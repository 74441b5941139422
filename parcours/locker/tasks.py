from django.tasks import task

from parcours.locker import actions


@task
def clean_up_locker():
    """Empty what has been in the trash for LOCKER_TRASH_DAYS; remove what interrupted
    uploads and deletions left (rows, objects, temporary files)."""
    return actions.clean_up()
