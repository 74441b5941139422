"""Per-address limits on the public forms: failed sign-ins, and tries of token links.

The per-account lockout (people/signin.py) stops anyone guessing one account's secret;
it cannot stop one machine trying a few passwords on many accounts, or trying token
links at random. These limits can, per network address. They are generous on purpose:
every computer of a class room shares one address, and a class of trainees mistyping
their PINs must never be locked out together. So the numbers (settings, see
docs/deploy.md) are far above what a room does, and far below what a script needs.

Tries are counted in the database (core.RateLimitHit), not in Django's cache: the
default cache lives in each process, and gunicorn runs several. Addresses are kept as a
keyed hash, and forgotten once older than the window (tasks.forget_rate_limit_hits).
Two requests at the same instant may both pass at the threshold: a limit of 50 may
let 51 through, which is harmless here.
"""

import math
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.crypto import salted_hmac

from parcours.core.http import client_address
from parcours.core.models import RateLimitHit


@dataclass(frozen=True)
class Limit:
    """`count_setting` failed tries per address within `minutes_setting` minutes."""

    scope: str
    count_setting: str
    minutes_setting: str

    @property
    def count(self):
        return getattr(settings, self.count_setting)

    @property
    def window(self):
        return timedelta(minutes=getattr(settings, self.minutes_setting))


# Wrong passwords, PINs and second-step codes, whichever form they were typed in.
SIGN_IN = Limit("sign_in", "SIGN_IN_LIMIT_PER_ADDRESS", "SIGN_IN_LIMIT_WINDOW_MINUTES")
# Unknown, used or expired tokens: invitation links, download links.
TOKENS = Limit("token", "TOKEN_LIMIT_PER_ADDRESS", "TOKEN_LIMIT_WINDOW_MINUTES")
LIMITS = [SIGN_IN, TOKENS]


def address_hash(request):
    address = client_address(request) or ""
    return salted_hmac("parcours.core.ratelimit", address, algorithm="sha256").hexdigest()


def wait_seconds(limit, request, now=None):
    """0 while the address may still try; else the seconds until its oldest counted try
    leaves the window."""
    now = now or timezone.now()
    recent = list(
        RateLimitHit.objects.filter(
            scope=limit.scope,
            address_hash=address_hash(request),
            created_at__gt=now - limit.window,
        )
        .order_by("-created_at")
        .values_list("created_at", flat=True)[: limit.count]
    )
    if len(recent) < limit.count:
        return 0
    return max(1, math.ceil((recent[-1] + limit.window - now).total_seconds()))


def record_failure(limit, request, now=None):
    RateLimitHit.objects.create(
        scope=limit.scope, address_hash=address_hash(request), created_at=now or timezone.now()
    )


def too_many_tries(request, wait):
    """The 429 page: says in words when to try again."""
    response = render(request, "429.html", {"minutes": max(1, math.ceil(wait / 60))}, status=429)
    response["Retry-After"] = str(wait)
    return response


def counts_failed_tokens(view):
    """For public views whose URL carries a token: a 404 (unknown, used or expired
    token) counts as a failed try of the address; past TOKENS, the address gets a 429
    before any look-up."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if wait := wait_seconds(TOKENS, request):
            return too_many_tries(request, wait)
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            record_failure(TOKENS, request)
            raise
        if response.status_code == 404:
            record_failure(TOKENS, request)
        return response

    return wrapped


def forget_old_hits(now=None):
    """Delete the tries no window counts any more; returns how many."""
    now = now or timezone.now()
    longest = max(limit.window for limit in LIMITS)
    deleted, _ = RateLimitHit.objects.filter(created_at__lte=now - longest).delete()
    return deleted
