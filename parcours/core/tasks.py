from datetime import timedelta

from django.contrib.sessions.models import Session
from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult


@task
def clear_sessions():
    """Delete expired sessions (trainees' short sessions pile up otherwise)."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@task
def prune_task_results():
    """Forget finished background tasks after a week."""
    cutoff = timezone.now() - timedelta(days=7)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    return deleted


@task
def forget_rate_limit_hits():
    """Forget the failed tries older than every rate-limit window (core/ratelimit.py)."""
    from parcours.core.ratelimit import forget_old_hits

    return forget_old_hits()
