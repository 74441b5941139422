"""The audit journal's entries about the person's rights, one function per event.

Call them inside the action's transaction. Exports use the journal's EXPORT action;
erasure, rectification, "keep for now" and the purge of old entries have their own
actions in audit's Entry.Action.
"""

from parcours.audit.models import Entry
from parcours.core.http import client_address

TRAINEE_ERASED = Entry.Action.TRAINEE_ERASED
TRAINEE_RECTIFIED = Entry.Action.TRAINEE_RECTIFIED
RETENTION_KEPT = Entry.Action.RETENTION_KEPT
AUDIT_PURGED = Entry.Action.AUDIT_PURGED

# Entry.object_type of an export of one person's data.
EXPORT_WHAT = "privacy.trainee_data"


def _write(action, *, actor, trainee=None, request=None, object_type="", object_id=""):
    return Entry.objects.create(
        action=action,
        actor=actor,
        actor_role=getattr(actor, "role", "") or "",
        trainee_id=trainee.pk if trainee is not None else None,
        object_type=object_type,
        object_id=object_id,
        ip_address=client_address(request) if request is not None else None,
    )


def log_trainee_exported(*, actor, trainee, request):
    """A coordinator, or the person themself, downloaded the person's data."""
    return _write(
        Entry.Action.EXPORT, actor=actor, trainee=trainee, request=request, object_type=EXPORT_WHAT
    )


def log_trainee_erased(*, actor, trainee, request, obj):
    """The person's data was erased (obj: the Erasure). No actor: the retention job."""
    return _write(
        TRAINEE_ERASED,
        actor=actor,
        trainee=trainee,
        request=request,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
    )


def log_trainee_rectified(*, actor, trainee, request, fields):
    """Identity or contact details corrected: the names of the fields, never their values."""
    return _write(
        TRAINEE_RECTIFIED,
        actor=actor,
        trainee=trainee,
        request=request,
        object_type="people.trainee",
        object_id=",".join(sorted(fields))[:64],
    )


def log_retention_kept(*, actor, trainee, request, obj):
    """A coordinator postponed the anonymisation (obj: the RetentionReview)."""
    return _write(
        RETENTION_KEPT,
        actor=actor,
        trainee=trainee,
        request=request,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
    )


def log_audit_purged(*, count):
    """The worker deleted `count` entries older than the journal's retention."""
    return _write(AUDIT_PURGED, actor=None, object_id=str(count))
