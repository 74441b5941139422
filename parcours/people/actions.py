"""Operations on people that write several rows, each in one transaction with its journal entry."""

import secrets

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.audit import journal
from parcours.notifications.send import in_language_of, notify
from parcours.people.models import ConsentEvent, Invitation, Sharing, User, generate_pin


def reset_pin(*, actor, trainee, request=None):
    """Give `trainee` a new PIN (shown once to `actor`), unlocking the account too."""
    pin = generate_pin()
    with transaction.atomic():
        trainee.user.set_password(pin)
        trainee.user.failed_logins = 0
        trainee.user.paused_until = None
        trainee.user.locked = False
        trainee.user.save(update_fields=["password", "failed_logins", "paused_until", "locked"])
        journal.log_pin_reset(actor=actor, trainee=trainee, request=request)
    return pin


def unlock_account(*, actor, trainee, request=None):
    """Lift a pause or a lock after the trainee's identity was checked in person."""
    with transaction.atomic():
        trainee.user.unlock()
        journal.log_account_unlocked(actor=actor, trainee=trainee, request=request)


_SHARING_EVENTS = {
    Sharing.CONFIRMED: ConsentEvent.Kind.CONFIRMED,
    Sharing.REFUSED: ConsentEvent.Kind.REFUSED,
    Sharing.WITHDRAWN: ConsentEvent.Kind.WITHDRAWN,
}


def set_sharing(*, actor, trainee, sharing, request=None):
    """Record the person's word on sharing with their referrer (confirm, refuse, withdraw).

    `actor` is the trainee themself or, for a withdrawal, the referrer. Applies on the
    next request: access.py reads `trainee.sharing` every time.
    """
    with transaction.atomic():
        trainee.sharing = sharing
        trainee.save(update_fields=["sharing"])
        event = ConsentEvent.objects.create(
            kind=_SHARING_EVENTS[sharing],
            method=ConsentEvent.Method.ONLINE,
            trainee=trainee,
            recorded_by=actor,
        )
        journal.log_consent_changed(actor=actor, trainee=trainee, request=request, obj=event)
        if trainee.referrer and trainee.referrer != actor:
            _tell_referrer_about_sharing(trainee, sharing)
    return event


def _tell_referrer_about_sharing(trainee, sharing):
    with in_language_of(trainee.referrer):
        texts = {
            Sharing.CONFIRMED: _(
                "%(name)s est d'accord pour partager sa présence et ses progrès avec vous."
            ),
            Sharing.REFUSED: _("%(name)s ne souhaite pas partager sa présence et ses progrès."),
            Sharing.WITHDRAWN: _(
                "%(name)s a retiré son accord : vous ne recevrez plus de détails."
            ),
        }
        notify(
            trainee.referrer,
            text=texts[sharing] % {"name": trainee.full_name},
            url=reverse("people:trainee_detail", args=[trainee.pk]),
            email_text=texts[sharing] % {"name": trainee.first_name},
        )


def invite_social_worker(*, actor, organisation, email, request=None):
    """Create a one-time invitation; returns (invitation, token). Only the token's hash is kept."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            email=email.lower(),
            organisation=organisation,
            invited_by=actor,
            token_hash=Invitation.hash_token(token),
        )
        journal.log_invitation_sent(actor=actor, request=request, obj=invitation)
    return invitation, token


def accept_invitation(*, invitation, first_name, last_name, password):
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_usable():
            raise ValueError("invitation no longer usable")
        user = User.objects.create_staff(
            invitation.email,
            password,
            first_name=first_name,
            last_name=last_name,
            role=User.Role.SOCIAL_WORKER,
            organisation=invitation.organisation,
        )
        invitation.accepted_at = timezone.now()
        invitation.user = user
        invitation.save(update_fields=["accepted_at", "user"])
    return user
