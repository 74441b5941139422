"""Operations on people that write several rows, each in one transaction with its journal entry."""

from django.db import transaction

from parcours.audit import journal
from parcours.people.models import generate_pin


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
