"""Checking a secret against an account, with the per-account lockout.

Unknown account and wrong secret give the same answer, and cost the same time
(a hash is computed either way), so the sign-in forms reveal nothing about who exists.
A paused or locked account is refused without checking the secret: guessing cannot
go on while it waits.

Staff with an authenticator app (people/two_factor.py) sign in in two steps: a right
password gives CODE_NEEDED, and only `check_code` ends the sign-in. Wrong codes count
toward the same lockout as wrong passwords.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.hashers import make_password
from django.db import transaction

from parcours.audit import journal
from parcours.people import two_factor
from parcours.people.models import User


class Outcome(StrEnum):
    OK = "ok"
    INVALID = "invalid"
    PAUSED = "paused"
    LOCKED = "locked"
    CODE_NEEDED = "code_needed"


@dataclass
class Result:
    outcome: Outcome
    user: User | None = None
    # For a right second-step code: two_factor.Method.APP or RECOVERY.
    method: str = ""


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
        if not user.is_trainee and two_factor.has_device(user):
            # The failure count is not reset yet: someone who knows the password must
            # not be able to clear it between guesses of the code.
            return Result(Outcome.CODE_NEEDED, user)
        user.record_successful_login()
        return Result(Outcome.OK, user)
    return _failed(user, request)


def _failed(user, request):
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


def check_code(user, code, request=None):
    """The second step: the code of `user`'s app, or one of their recovery codes.

    Also asked before turning the second factor off or renewing recovery codes, so that
    a session left open on a shared computer is not enough for either.
    """
    if not user.is_active:
        return Result(Outcome.INVALID)
    if user.is_paused():
        return Result(Outcome.PAUSED, user)
    method = two_factor.verify(user, code, request=request)
    if method:
        user.record_successful_login()
        return Result(Outcome.OK, user, method)
    return _failed(user, request)


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
