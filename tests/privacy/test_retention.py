"""Retention: the coordinators are warned WARNING_DAYS before the end of
PARCOURS_RETENTION_MONTHS, then the worker anonymises the record unless one of them keeps
it for now; journal entries older than PARCOURS_AUDIT_RETENTION_MONTHS are purged.

Time moves by passing `now` to the job, or by dates written in the data: nothing of
Parcours is mocked."""

import datetime
import json
import os
import subprocess
import sys

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import formats, timezone

from parcours.audit.models import AppendOnlyError, Entry
from parcours.core.periodic import JOBS, enqueue_due_jobs
from parcours.notifications.models import Notification
from parcours.people.models import Trainee
from parcours.privacy import actions, journal, retention
from parcours.privacy.models import Erasure, RetentionReview
from parcours.privacy.tasks import apply_retention
from tests.people.factories import TraineeFactory
from tests.reports.fixtures import attend

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime.datetime(2027, 6, 15, 10, 0))
TODAY = NOW.date()


def later(days):
    return NOW + datetime.timedelta(days=days)


@pytest.fixture
def amina_last_came(trainee, course):
    """Amina's last session: 24 months before TODAY, plus 10 days (due in 10 days)."""
    day = retention.add_months(TODAY, -24) + datetime.timedelta(days=10)
    attend(course, trainee, day - datetime.timedelta(days=7), status="present")
    attend(course, trainee, day, status="late")
    # An absence afterwards does not count as coming.
    attend(course, trainee, day + datetime.timedelta(days=7), status="absent")
    return day


def run_job(now, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return actions.run_retention(now=now)


def test_the_job_is_registered_with_the_worker():
    assert (
        "apply_retention",
        datetime.timedelta(days=1),
        "parcours.privacy.tasks.apply_retention",
    ) in JOBS


def test_due_dates_follow_the_last_session_attended_or_the_creation(
    trainee, other_trainee, amina_last_came
):
    Trainee.objects.filter(pk=other_trainee.pk).update(
        created_at=timezone.make_aware(datetime.datetime(2025, 5, 31, 12))
    )
    due = {
        item.trainee.pk: item.due_on
        for item in retention.due_by(TODAY + datetime.timedelta(days=30), TODAY)
    }
    assert due == {
        trainee.pk: TODAY + datetime.timedelta(days=10),
        # Never came: 24 months after the record was made; 31 May + 24 months.
        other_trainee.pk: datetime.date(2027, 5, 31),
    }


def test_coordinators_are_warned_once_without_any_name(
    coordinator, trainee, amina_last_came, run_tasks, django_capture_on_commit_callbacks
):
    assert run_job(NOW, django_capture_on_commit_callbacks)["warned"] == 1
    notification = Notification.objects.get(recipient=coordinator)
    assert notification.url == reverse("privacy:retention")
    assert "1 dossier(s)" in notification.text and "15 juillet 2027" in notification.text
    assert "Rakoto" not in notification.text and "Amina" not in notification.text
    run_tasks()
    (message,) = mail.outbox
    assert message.to == [coordinator.email]
    assert "Rakoto" not in message.body and "Amina" not in message.body
    assert reverse("privacy:retention") in message.body
    review = RetentionReview.objects.get(trainee=trainee)
    assert (review.due_on, review.planned_on) == (
        TODAY + datetime.timedelta(days=10),
        TODAY + datetime.timedelta(days=30),
    )
    # The next days: no second warning.
    assert run_job(later(1), django_capture_on_commit_callbacks)["warned"] == 0
    assert Notification.objects.filter(recipient=coordinator).count() == 1


def test_the_coordinator_page_lists_who_and_when(
    client, coordinator, trainee, course, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    attend(course, trainee, retention.add_months(today, -24) + datetime.timedelta(days=10))
    run_job(timezone.now(), django_capture_on_commit_callbacks)
    client.force_login(coordinator)
    page = client.get(reverse("privacy:retention"))
    assert trainee.full_name in page.text
    planned = today + datetime.timedelta(days=30)
    assert formats.date_format(planned, "j F Y") in page.text
    assert reverse("privacy:retention_keep", args=[trainee.pk]) in page.text


def test_the_record_is_anonymised_on_the_date_announced(
    coordinator, trainee, amina_last_came, django_capture_on_commit_callbacks
):
    run_job(NOW, django_capture_on_commit_callbacks)
    assert run_job(later(29), django_capture_on_commit_callbacks)["anonymised"] == 0
    assert run_job(later(30), django_capture_on_commit_callbacks)["anonymised"] == 1
    trainee.refresh_from_db()
    assert trainee.last_name == "" and trainee.first_name == "Personne anonymisée"
    erasure = Erasure.objects.get(trainee_id=trainee.pk)
    assert (erasure.reason, erasure.erased_by) == (Erasure.Reason.RETENTION, None)
    entry = Entry.objects.get(action=journal.TRAINEE_ERASED)
    assert (entry.actor, entry.trainee_id) == (None, trainee.pk)
    # Twice is the same as once.
    assert run_job(later(31), django_capture_on_commit_callbacks)["anonymised"] == 0


def test_never_without_a_warning_first(
    trainee, amina_last_came, django_capture_on_commit_callbacks
):
    """A record long past its date (Parcours just installed, say) is announced first."""
    result = run_job(later(60), django_capture_on_commit_callbacks)
    assert (result["warned"], result["anonymised"]) == (1, 0)
    assert (
        RetentionReview.objects.get(trainee=trainee).planned_on
        == (later(60) + datetime.timedelta(days=30)).date()
    )


def test_keep_for_now_is_a_coordinator_button_and_is_journalled(
    client, coordinator, trainee, course, django_capture_on_commit_callbacks
):
    attend(course, trainee, retention.add_months(timezone.localdate(), -24))
    run_job(timezone.now(), django_capture_on_commit_callbacks)
    client.force_login(coordinator)
    response = client.post(reverse("privacy:retention_keep", args=[trainee.pk]))
    assert response.status_code == 302
    review = RetentionReview.objects.get(trainee=trainee)
    assert review.kept_until == retention.add_months(timezone.localdate(), retention.KEEP_MONTHS)
    assert review.kept_by == coordinator
    entry = Entry.objects.get(action=journal.RETENTION_KEPT)
    assert (entry.actor, entry.trainee_id) == (coordinator, trainee.pk)
    page = client.get(reverse("privacy:retention"))
    assert "gardé jusqu" in page.text
    assert reverse("privacy:retention_keep", args=[trainee.pk]) not in page.text


def test_keep_for_now_postpones_then_the_warning_starts_again(
    coordinator, trainee, amina_last_came, django_capture_on_commit_callbacks
):
    run_job(NOW, django_capture_on_commit_callbacks)
    review = actions.keep_for_now(actor=coordinator, trainee=trainee, today=TODAY)
    assert review.kept_until == datetime.date(2027, 12, 15)
    # Kept: the announced date passes and nothing happens.
    assert run_job(later(30), django_capture_on_commit_callbacks) == {
        "warned": 0,
        "anonymised": 0,
        "audit_purged": 0,
    }
    assert not Erasure.objects.exists()
    # Once the delay is over, the warning starts again, then the anonymisation.
    after = timezone.make_aware(datetime.datetime(2027, 12, 16, 10))
    assert run_job(after, django_capture_on_commit_callbacks)["warned"] == 1
    assert (
        run_job(after + datetime.timedelta(days=29), django_capture_on_commit_callbacks)[
            "anonymised"
        ]
        == 0
    )
    assert (
        run_job(after + datetime.timedelta(days=30), django_capture_on_commit_callbacks)[
            "anonymised"
        ]
        == 1
    )


def test_a_trainee_who_comes_back_is_not_anonymised(
    trainee, course, amina_last_came, django_capture_on_commit_callbacks
):
    run_job(NOW, django_capture_on_commit_callbacks)
    attend(course, trainee, TODAY + datetime.timedelta(days=5))
    assert run_job(later(30), django_capture_on_commit_callbacks)["anonymised"] == 0
    trainee.refresh_from_db()
    assert trainee.last_name == "Rakoto"


def test_the_real_task_warns_then_anonymises(
    coordinator, trainee, course, run_tasks, django_capture_on_commit_callbacks
):
    """Through the worker's queue, with dates written in the data: Amina last came 25
    months ago; the first run warns, and with the announced date already past (as if the
    warning was sent a month ago) the next run anonymises."""
    attend(course, trainee, retention.add_months(timezone.localdate(), -25))
    with django_capture_on_commit_callbacks(execute=True):
        assert "apply_retention" in enqueue_due_jobs()
    with django_capture_on_commit_callbacks(execute=True):
        run_tasks()  # every periodic job, this one among them
    assert Notification.objects.filter(
        recipient=coordinator, url=reverse("privacy:retention")
    ).exists()
    RetentionReview.objects.filter(trainee=trainee).update(
        planned_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        apply_retention.enqueue()
    with django_capture_on_commit_callbacks(execute=True):
        run_tasks()
    assert Erasure.objects.filter(trainee_id=trainee.pk, reason="retention").exists()


# --- the audit journal's retention --------------------------------------------------------


def test_old_journal_entries_are_purged_and_the_rest_stays_untouchable(
    client, coordinator, trainee, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    for _ in range(3):
        client.get(reverse("people:trainee_detail", args=[trainee.pk]))
    old, recent, newest = Entry.objects.order_by("pk")
    Entry.objects.filter(pk=old.pk).update(created_at=NOW - datetime.timedelta(days=370))
    Entry.objects.filter(pk=recent.pk).update(created_at=NOW - datetime.timedelta(days=360))

    assert run_job(NOW, django_capture_on_commit_callbacks)["audit_purged"] == 1

    assert set(Entry.objects.exclude(action=journal.AUDIT_PURGED).values_list("pk", flat=True)) == {
        recent.pk,
        newest.pk,
    }
    assert Entry.objects.get(action=journal.AUDIT_PURGED).object_id == "1"
    # The application itself still cannot change or delete an entry.
    entry = Entry.objects.get(pk=recent.pk)
    entry.action = "pin_reset"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    assert Entry.objects.filter(pk=recent.pk, action="trainee_viewed").exists()


def test_nothing_to_purge_writes_nothing(coordinator, django_capture_on_commit_callbacks):
    assert run_job(NOW, django_capture_on_commit_callbacks)["audit_purged"] == 0
    assert not Entry.objects.filter(action=journal.AUDIT_PURGED).exists()


# --- settings ---------------------------------------------------------------------------------

PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.PARCOURS_RETENTION_MONTHS, s.PARCOURS_AUDIT_RETENTION_MONTHS]))"
)


def probe(tmp_path, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PARCOURS_")}
    environment.update(
        DJANGO_SETTINGS_MODULE="parcours.settings", PARCOURS_DATA_DIR=str(tmp_path), **env
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_the_durations_come_from_the_environment(tmp_path):
    assert probe(tmp_path) == [24, 12]
    assert probe(tmp_path, PARCOURS_RETENTION_MONTHS="36", PARCOURS_AUDIT_RETENTION_MONTHS="6") == [
        36,
        6,
    ]


def test_a_shorter_retention_setting_moves_the_dates(settings, trainee, amina_last_came):
    settings.PARCOURS_RETENTION_MONTHS = 12
    (item,) = retention.due_by(TODAY, TODAY)
    assert item.due_on == retention.add_months(amina_last_came, 12)


def test_other_trainees_of_a_coordinators_list_are_not_touched(
    trainee, other_trainee, amina_last_came, django_capture_on_commit_callbacks
):
    TraineeFactory(first_name="Nouvelle")  # created today: years to go
    run_job(NOW, django_capture_on_commit_callbacks)
    run_job(later(30), django_capture_on_commit_callbacks)
    assert set(Erasure.objects.values_list("trainee_id", flat=True)) == {trainee.pk}
    other_trainee.refresh_from_db()
    assert other_trainee.last_name == "Haddad"
