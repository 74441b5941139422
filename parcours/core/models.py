from django.db import models
from django.utils import timezone


class PeriodicJob(models.Model):
    """When each periodic job is next due. Workers claim a run with a conditional
    UPDATE on `next_run_at`, so two workers never enqueue the same run twice."""

    name = models.CharField(max_length=100, primary_key=True)
    next_run_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.name


class RateLimitHit(models.Model):
    """One failed try (a wrong sign-in, an unknown token) from one network address, for
    parcours/core/ratelimit.py. In the database so that every gunicorn worker and every
    app server counts the same tries; the address is kept only as a keyed hash."""

    scope = models.CharField(max_length=20)
    address_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["scope", "address_hash", "created_at"])]

    def __str__(self):
        return f"{self.scope} {self.created_at:%Y-%m-%d %H:%M}"
