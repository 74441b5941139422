"""Two-factor sign-in for staff: a code from an authenticator app after the password.

pyotp computes the codes (RFC 6238: 30-second steps, 6 digits, SHA-1, what every
authenticator app reads from a QR code). This module decides what is accepted: the
step before and after the current one (a phone's clock drifts, a code takes time to
type), never a step already used (replay), and each recovery code once.

pyotp rather than django-otp: django-otp brings its own device app, middleware and
throttling, while Parcours has its own sign-in (people/signin.py) with a per-account
lockout that wrong codes must feed; what django-otp would add over pyotp is the replay
guard, a conditional UPDATE here.

The sign-in itself is in two steps (views.staff_login, then views.login_code): after a
right password, the person is *pending* in the session, not signed in, until the code
is right too.
"""

import secrets
import time

import pyotp
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from parcours.audit import journal
from parcours.people.card import qr_svg
from parcours.people.models import RecoveryCode, TwoFactorDevice, User

# Steps accepted on either side of the current one.
STEP_WINDOW = 1
RECOVERY_CODE_COUNT = 10
# Crockford's base32, without the letters read as digits (i, l, o) nor u: 12 of them
# make 60 random bits, typed as three groups of four.
RECOVERY_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
RECOVERY_LENGTH = 12

# The session keys: the person between password and code; the secret being set up; the
# recovery codes waiting to be shown once.
PENDING_KEY = "parcours_two_factor_pending"
SETUP_KEY = "parcours_two_factor_setup"
NEW_CODES_KEY = "parcours_two_factor_new_codes"
# How long a right password waits for its code.
PENDING_SECONDS = 5 * 60


def has_device(user):
    return TwoFactorDevice.objects.filter(user=user).exists()


# --- codes ---------------------------------------------------------------------------


def new_secret():
    return pyotp.random_base32()


def provisioning_uri(user, secret):
    """The otpauth:// address the QR code carries: the app shows the programme and the
    person's e-mail beside the codes."""
    return pyotp.TOTP(secret).provisioning_uri(
        name=user.email or user.username, issuer_name=settings.PROGRAMME_NAME
    )


def setup_qr_svg(user, secret):
    return qr_svg(provisioning_uri(user, secret))


def grouped(secret):
    """The secret in groups of four, easier to type into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def matching_step(secret, code, now=None):
    """The step (current ±STEP_WINDOW) whose code `code` is, else None."""
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now or timezone.now())
    for step in range(current - STEP_WINDOW, current + STEP_WINDOW + 1):
        if constant_time_compare(totp.generate_otp(step), code):
            return step
    return None


def normalise_recovery_code(code):
    """Lowercase, without spaces nor dashes, with the letters taken for digits read as
    the digits (Crockford): "ABCD-EFGH-JK0O" and "abcdefghjk00" are the same code."""
    code = code.strip().lower().replace("-", "").replace(" ", "")
    return code.translate(str.maketrans({"o": "0", "i": "1", "l": "1"}))


def looks_like_recovery_code(code):
    code = normalise_recovery_code(code)
    return len(code) == RECOVERY_LENGTH and all(c in RECOVERY_ALPHABET for c in code)


def _new_recovery_code():
    code = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
    return "-".join(code[i : i + 4] for i in range(0, RECOVERY_LENGTH, 4))


def _replace_recovery_codes(user):
    """New recovery codes for `user` (the old ones stop working): returns them in clear,
    to be shown once."""
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.filter(user=user).delete()
    RecoveryCode.objects.bulk_create(
        RecoveryCode(user=user, code_hash=RecoveryCode.hash_code(normalise_recovery_code(c)))
        for c in codes
    )
    return codes


def recovery_codes_left(user):
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


class Method:
    APP = "app"
    RECOVERY = "recovery"


def verify(user, code, *, request=None, now=None):
    """Method.APP or Method.RECOVERY when `code` is right for `user`, else None.

    Either way the code is then spent: an app's code by moving `last_step` forward, a
    recovery code by marking it used, each with a conditional UPDATE so that two
    requests sending the same code at once cannot both succeed.
    """
    now = now or timezone.now()
    code = code.strip().replace(" ", "")
    if len(code) == 6 and code.isdigit():
        device = TwoFactorDevice.objects.filter(user=user).first()
        step = matching_step(device.secret, code, now) if device else None
        if step is None:
            return None
        spent = TwoFactorDevice.objects.filter(pk=device.pk, last_step__lt=step).update(
            last_step=step
        )
        return Method.APP if spent else None
    if not looks_like_recovery_code(code):
        return None
    with transaction.atomic():
        spent = RecoveryCode.objects.filter(
            user=user,
            code_hash=RecoveryCode.hash_code(normalise_recovery_code(code)),
            used_at__isnull=True,
        ).update(used_at=now)
        if spent:
            journal.log_recovery_code_used(actor=user, request=request, obj=user)
    return Method.RECOVERY if spent else None


# --- actions ---------------------------------------------------------------------------


def confirm_device(*, user, secret, code, request=None, now=None):
    """Store `secret` as `user`'s device once `code` shows their app has it. Replaces
    any device they had, and their recovery codes. Returns the new recovery codes (in
    clear, to show once), or None when the code is wrong."""
    step = matching_step(secret, code, now)
    if step is None:
        return None
    with transaction.atomic():
        TwoFactorDevice.objects.update_or_create(
            user=user,
            defaults={"secret": secret, "last_step": step, "confirmed_at": timezone.now()},
        )
        codes = _replace_recovery_codes(user)
        journal.log_two_factor_enabled(actor=user, request=request, obj=user)
    return codes


def renew_recovery_codes(*, user):
    """A new set of recovery codes (the previous ones stop working)."""
    with transaction.atomic():
        return _replace_recovery_codes(user)


def disable(*, user, request=None):
    """`user` turns their own second factor off."""
    with transaction.atomic():
        _remove(user)
        journal.log_two_factor_disabled(actor=user, request=request, obj=user)


def reset(*, actor, user, request=None):
    """A coordinator removes `user`'s device and recovery codes (a lost phone): `user`
    signs in with their password alone, and sets up a new app (coordinators must)."""
    with transaction.atomic():
        _remove(user)
        journal.log_two_factor_reset(actor=actor, request=request, obj=user)


def _remove(user):
    TwoFactorDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()


# --- the person between the two steps of the sign-in --------------------------------------


def start_pending(request, user, next_url):
    """Remember in the session that `user` gave the right password. A new session key:
    whatever session id the browser had before cannot follow the person into it."""
    request.session.cycle_key()
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "since": int(time.time()),
        "next": next_url or "",
    }


def pending(request):
    """(user, next URL) of the person waiting for their code, or (None, "") when
    nobody is, or the wait is over."""
    data = request.session.get(PENDING_KEY)
    if not data:
        return None, ""
    if time.time() - data["since"] > PENDING_SECONDS:
        clear_pending(request)
        return None, ""
    user = User.objects.filter(pk=data["user"], is_active=True).first()
    return user, data["next"]


def clear_pending(request):
    request.session.pop(PENDING_KEY, None)
