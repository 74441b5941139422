from django.apps import AppConfig


class LockerConfig(AppConfig):
    name = "parcours.locker"
    label = "locker"

    def ready(self):
        from django.db.models.signals import post_delete

        from parcours.locker.models import StoredFile

        post_delete.connect(_delete_object, sender=StoredFile, dispatch_uid="locker_object")


def _delete_object(sender, instance, **kwargs):
    """A row deleted by a cascade (a trainee erased) takes its object with it, once the
    deletion is committed. The locker's own deletions delete the object first already;
    deleting it twice is harmless."""
    from django.db import transaction

    from parcours.locker import storage

    key = instance.key
    transaction.on_commit(lambda: _quietly_delete(storage, key))


def _quietly_delete(storage, key):
    import logging

    try:
        storage.delete(key)
    except Exception:  # verify reports it; never fail the deletion that was committed
        logging.getLogger(__name__).exception("could not delete a locker object")
