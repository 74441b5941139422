from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from parcours.core.models import PeriodicJob
from parcours.core.periodic import JOBS, claim


def test_a_periodic_run_is_claimed_once_even_by_two_workers(db):
    now = timezone.now()
    assert claim("job", timedelta(minutes=5), now)
    assert not claim("job", timedelta(minutes=5), now)
    assert claim("job", timedelta(minutes=5), now + timedelta(minutes=5))


# The worker closes stale connections between tasks, as a long-running process must:
# that needs real transactions, not the test's wrapping one.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_once_runs_the_due_jobs_and_clears_expired_sessions():
    expired = SessionStore()
    expired.set_expiry(-10)
    expired.create()
    alive = SessionStore()
    alive.create()
    call_command("worker", "--once")
    assert not Session.objects.filter(session_key=expired.session_key).exists()
    assert Session.objects.filter(session_key=alive.session_key).exists()
    names = {name for name, _interval, _task in JOBS}
    assert {"clear_sessions", "generate_lessons", "send_reminders"} <= names
    assert set(PeriodicJob.objects.values_list("name", flat=True)) == names
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == len(JOBS)
    # Run again at once: nothing is due, nothing new is enqueued.
    call_command("worker", "--once")
    assert DBTaskResult.objects.count() == len(JOBS)
