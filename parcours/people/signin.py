"""Checking a secret against an account, with the per-account lockout.

Unknown account and wrong secret give the same answer, and cost the same time
(a hash is computed either way), so the sign-in forms reveal nothing about who exists.
A paused or locked account is refused without checking the secret: guessing cannot
go on while it waits.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.hashers import make_password
from django.db import transaction

from parcours.audit import journal
from parcours.people.models import User


class Outcome(StrEnum):
    OK = "ok"
    INVALID = "invalid"
    PAUSED = "paused"
    LOCKED = "locked"


@dataclass
class Result:
    outcome: Outcome
    user: User | None = None


def _spend_a_hash(secret):
    # Same cost as a real check, so timing does not tell unknown accounts apart.
    make_password(secret)


def _check(user, secret, request):
    if user is None or not user.is_active:
        _spend_a_hash(secret)
        return Result(Outcome.INVALID)
    if user.locked:
        return Result(Outcome.LOCKED, user)
    if user.is_paused():
        return Result(Outcome.PAUSED, user)
    if user.check_password(secret):
        user.record_successful_login()
        return Result(Outcome.OK, user)
    with transaction.atomic():
        # Re-read under the write lock: two wrong PINs at once must both count.
        user = User.objects.select_for_update().get(pk=user.pk)
        user.record_failed_login()
        if user.locked and user.is_trainee:
            journal.log_account_locked(trainee=user.trainee, request=request)
            return Result(Outcome.LOCKED, user)
    if user.is_paused():
        return Result(Outcome.PAUSED, user)
    return Result(Outcome.INVALID)


def check_staff(email, password, request=None):
    user = (
        User.objects.filter(email__iexact=email.strip(), role__in=_staff_roles())
        .exclude(email="")
        .first()
    )
    return _check(user, password, request)


def check_trainee(username, pin, request=None):
    user = (
        User.objects.select_related("trainee")
        .filter(username__iexact=username.strip(), role=User.Role.TRAINEE)
        .first()
    )
    return _check(user, pin, request)


def _staff_roles():
    return [User.Role.COORDINATOR, User.Role.TRAINER, User.Role.SOCIAL_WORKER]
