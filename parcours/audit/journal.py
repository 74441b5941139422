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


def log_charter_accepted(*, actor, request, obj):
    """A trainer accepted the confidentiality charter (obj: the CharterAcceptance)."""
    return _log(Entry.Action.CHARTER_ACCEPTED, actor=actor, request=request, obj=obj)


def log_commitment_renewed(*, actor, request, obj):
    """A coordinator extended a volunteer's commitment (obj: the Commitment); an account
    deactivated at its end is active again."""
    return _log(Entry.Action.COMMITMENT_RENEWED, actor=actor, request=request, obj=obj)


def log_volunteer_access_ended(*, user):
    """The worker deactivated `user`'s account at the end of their commitment (no actor)."""
    return _log(Entry.Action.VOLUNTEER_ACCESS_ENDED, actor=None, obj=user)


def log_locker_file_opened(*, actor, trainee, request, obj):
    """Someone other than the trainee opened (or downloaded) one of their files (obj:
    the StoredFile). The trainee sees these entries in "Qui a ouvert mes documents"."""
    return _log(
        Entry.Action.LOCKER_FILE_OPENED, actor=actor, trainee=trainee, request=request, obj=obj
    )


def log_locker_link_used(*, trainee, request, obj):
    """A file was downloaded through an expiring link, by whoever held it (no actor;
    obj: the StoredFile)."""
    return _log(
        Entry.Action.LOCKER_LINK_USED, actor=None, trainee=trainee, request=request, obj=obj
    )


def log_locker_shared(*, actor, trainee, request, obj):
    """The trainee shared a file or folder with a professional (obj: the Share)."""
    return _log(Entry.Action.LOCKER_SHARED, actor=actor, trainee=trainee, request=request, obj=obj)


def log_locker_share_revoked(*, actor, trainee, request, obj):
    return _log(
        Entry.Action.LOCKER_SHARE_REVOKED, actor=actor, trainee=trainee, request=request, obj=obj
    )


def log_locker_link_created(*, actor, trainee, request, obj):
    """The trainee made an expiring download link (obj: the Link)."""
    return _log(
        Entry.Action.LOCKER_LINK_CREATED, actor=actor, trainee=trainee, request=request, obj=obj
    )


def log_locker_link_revoked(*, actor, trainee, request, obj):
    return _log(
        Entry.Action.LOCKER_LINK_REVOKED, actor=actor, trainee=trainee, request=request, obj=obj
    )


def log_locker_quota_changed(*, actor, trainee, request, obj):
    """A coordinator changed a trainee's space (obj: the Locker)."""
    return _log(
        Entry.Action.LOCKER_QUOTA_CHANGED, actor=actor, trainee=trainee, request=request, obj=obj
    )


def log_two_factor_enabled(*, actor, request, obj):
    """A staff member set up (or replaced) their authenticator app (obj: the User)."""
    return _log(Entry.Action.TWO_FACTOR_ENABLED, actor=actor, request=request, obj=obj)


def log_two_factor_disabled(*, actor, request, obj):
    """A staff member turned their own second factor off (obj: the User)."""
    return _log(Entry.Action.TWO_FACTOR_DISABLED, actor=actor, request=request, obj=obj)


def log_two_factor_reset(*, actor, request, obj):
    """A coordinator removed someone's second factor, e.g. after a lost phone (obj: the
    User whose app and recovery codes were removed)."""
    return _log(Entry.Action.TWO_FACTOR_RESET, actor=actor, request=request, obj=obj)


def log_recovery_code_used(*, actor, request, obj):
    """A staff member signed in (or confirmed an action) with a recovery code instead of
    their app's code (obj: the User)."""
    return _log(Entry.Action.RECOVERY_CODE_USED, actor=actor, request=request, obj=obj)
