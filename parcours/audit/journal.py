"""One function per sensitive event. Call them inside the action's transaction."""

from parcours.audit.models import Entry
from parcours.core.http import client_address


def _source_address(request):
    return client_address(request) if request is not None else None


def _log(action, *, actor, trainee=None, request=None, obj=None):
    return Entry.objects.create(
        action=action,
        actor=actor,
        actor_role=getattr(actor, "role", "") or "",
        trainee_id=trainee.pk if trainee is not None else None,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        ip_address=_source_address(request),
    )


def log_trainee_viewed(*, actor, trainee, request):
    return _log(Entry.Action.TRAINEE_VIEWED, actor=actor, trainee=trainee, request=request)


def log_pin_reset(*, actor, trainee, request):
    return _log(Entry.Action.PIN_RESET, actor=actor, trainee=trainee, request=request)


def log_account_unlocked(*, actor, trainee, request):
    return _log(Entry.Action.ACCOUNT_UNLOCKED, actor=actor, trainee=trainee, request=request)


def log_account_locked(*, trainee, request):
    return _log(Entry.Action.ACCOUNT_LOCKED, actor=None, trainee=trainee, request=request)


def log_referral_accepted(*, actor, trainee, request, obj):
    return _log(
        Entry.Action.REFERRAL_ACCEPTED, actor=actor, trainee=trainee, request=request, obj=obj
    )


def log_referral_merged(*, actor, trainee, request, obj):
    return _log(
        Entry.Action.REFERRAL_MERGED, actor=actor, trainee=trainee, request=request, obj=obj
    )


def log_consent_changed(*, actor, trainee, request, obj):
    return _log(
        Entry.Action.CONSENT_CHANGED, actor=actor, trainee=trainee, request=request, obj=obj
    )


def log_login_card_printed(*, actor, trainee, request):
    return _log(Entry.Action.LOGIN_CARD_PRINTED, actor=actor, trainee=trainee, request=request)


def log_invitation_sent(*, actor, request, obj):
    return _log(Entry.Action.INVITATION_SENT, actor=actor, request=request, obj=obj)


def log_export(*, actor, request, what):
    return Entry.objects.create(
        action=Entry.Action.EXPORT,
        actor=actor,
        actor_role=actor.role,
        object_type=what,
        ip_address=_source_address(request),
    )
