"""The public form's rate limit: RATE_LIMIT applications per network address per hour.

Counted in the database, not in Django's cache: the default cache lives in each process,
and gunicorn runs several. The address is kept as a keyed hash (SubmissionAttempt), and
forgotten after a day by tasks.purge_applications.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.crypto import salted_hmac

from parcours.core.http import client_address
from parcours.volunteers.models import SubmissionAttempt

RATE_LIMIT = 5
RATE_WINDOW = timedelta(hours=1)
KEPT_FOR = timedelta(days=1)


def address_key(request):
    address = client_address(request) or ""
    return salted_hmac("parcours.volunteers.apply", address, algorithm="sha256").hexdigest()


def is_limited(key, now=None):
    since = (now or timezone.now()) - RATE_WINDOW
    return (
        SubmissionAttempt.objects.filter(address_hash=key, created_at__gte=since).count()
        >= RATE_LIMIT
    )


def record_attempt(key):
    SubmissionAttempt.objects.create(address_hash=key)


def forget_old_attempts(now=None):
    cutoff = (now or timezone.now()) - KEPT_FOR
    deleted, _ = SubmissionAttempt.objects.filter(created_at__lt=cutoff).delete()
    return deleted
