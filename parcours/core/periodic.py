"""The periodic jobs the worker enqueues, each idempotent and safe to run twice.

Apps add theirs to JOBS: (name, interval, dotted path of a Django task).
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone
from django.utils.module_loading import import_string

from parcours.core.models import PeriodicJob

JOBS = [
    ("clear_sessions", timedelta(hours=1), "parcours.core.tasks.clear_sessions"),
    ("prune_task_results", timedelta(days=1), "parcours.core.tasks.prune_task_results"),
    ("forget_rate_limit_hits", timedelta(hours=1), "parcours.core.tasks.forget_rate_limit_hits"),
    ("generate_lessons", timedelta(hours=6), "parcours.courses.tasks.generate_lessons"),
    # Hourly: a reminder goes out in the first hour the worker runs the day before.
    ("send_reminders", timedelta(hours=1), "parcours.courses.tasks.send_reminders"),
    ("prepare_reports", timedelta(hours=1), "parcours.reports.tasks.prepare_reports"),
    # The statistics of the usual periods, computed ahead (STATISTICS_CACHE_SECONDS).
    (
        "refresh_statistics",
        timedelta(seconds=settings.STATISTICS_CACHE_SECONDS),
        "parcours.reports.tasks.refresh_statistics",
    ),
    # Volunteers: reminders 14 days before a commitment ends, then the end of access
    # the day after its last day; retention of declined and withdrawn applications.
    ("remind_commitments", timedelta(hours=6), "parcours.volunteers.tasks.remind_commitments"),
    ("end_commitments", timedelta(hours=1), "parcours.volunteers.tasks.end_commitments"),
    ("purge_applications", timedelta(days=1), "parcours.volunteers.tasks.purge_applications"),
    # Locker: the trash emptied after 30 days; interrupted uploads and deletions cleaned.
    ("clean_up_locker", timedelta(hours=1), "parcours.locker.tasks.clean_up_locker"),
    # Privacy: records warned of, then anonymised, at the end of PARCOURS_RETENTION_MONTHS;
    # journal entries older than PARCOURS_AUDIT_RETENTION_MONTHS deleted.
    ("apply_retention", timedelta(days=1), "parcours.privacy.tasks.apply_retention"),
]


def claim(name, interval, now=None):
    """True when this caller won the run of `name` due now (and moved it forward)."""
    now = now or timezone.now()
    try:
        PeriodicJob.objects.get_or_create(name=name, defaults={"next_run_at": now})
    except IntegrityError:  # another worker created it at the same moment
        pass
    won = PeriodicJob.objects.filter(name=name, next_run_at__lte=now).update(
        next_run_at=now + interval
    )
    return won == 1


def enqueue_due_jobs(now=None):
    """Enqueue every job that is due; returns the names enqueued."""
    enqueued = []
    for name, interval, task_path in JOBS:
        if claim(name, interval, now):
            import_string(task_path).enqueue()
            enqueued.append(name)
    return enqueued
