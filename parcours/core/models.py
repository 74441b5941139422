from django.db import models
from django.utils import timezone


class PeriodicJob(models.Model):
    """When each periodic job is next due. Workers claim a run with a conditional
    UPDATE on `next_run_at`, so two workers never enqueue the same run twice."""

    name = models.CharField(max_length=100, primary_key=True)
    next_run_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.name
