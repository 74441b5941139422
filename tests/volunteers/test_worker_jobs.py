"""The worker's jobs, run as the worker runs them (the task functions, called directly)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from parcours.audit.models import Entry
from parcours.core.periodic import JOBS
from parcours.notifications.models import Notification
from parcours.volunteers import tasks
from parcours.volunteers.models import Application, Commitment, Note, SubmissionAttempt
from tests.volunteers.factories import ApplicationFactory, CommitmentFactory
from tests.volunteers.fixtures import accept_charter

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2027, 3, 15)


def days(n):
    return datetime.timedelta(days=n)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)
    return TODAY


def test_the_jobs_are_registered_with_the_worker():
    paths = {path for _, _, path in JOBS}
    assert {
        "parcours.volunteers.tasks.remind_commitments",
        "parcours.volunteers.tasks.end_commitments",
        "parcours.volunteers.tasks.purge_applications",
    } <= paths


# --- end of commitment -----------------------------------------------------------------


def test_the_end_of_the_commitment_deactivates_the_account_and_journals_it(
    client, today, coordinator, trainee
):
    commitment = CommitmentFactory(end_date=today - days(1))
    user = commitment.user
    accept_charter(user)
    client.force_login(user)
    assert client.get(reverse("people:home")).status_code == 200

    assert tasks.end_commitments.call() == 1

    user.refresh_from_db()
    commitment.refresh_from_db()
    assert user.is_active is False
    assert commitment.ended_at is not None
    entry = Entry.objects.get(action="volunteer_access_ended")
    assert (entry.actor, entry.object_type, entry.object_id) == (None, "people.user", str(user.pk))
    assert Notification.objects.filter(recipient=coordinator, text__contains="désactivé").exists()
    # The open session ends with the access: the next page asks to sign in.
    response = client.get(reverse("people:home"))
    assert response.status_code == 302 and response.url.startswith(reverse("people:login"))
    # Twice is the same as once.
    assert tasks.end_commitments.call() == 0
    assert Entry.objects.filter(action="volunteer_access_ended").count() == 1


def test_the_last_day_still_belongs_to_the_commitment(today):
    commitment = CommitmentFactory(end_date=today)
    assert tasks.end_commitments.call() == 0
    commitment.user.refresh_from_db()
    assert commitment.user.is_active


def test_a_renewal_keeps_the_account_and_reactivates_one_already_ended(client, today, coordinator):
    running = CommitmentFactory(end_date=today - days(1))
    client.force_login(coordinator)
    client.post(
        reverse("volunteers:commitment_renew", args=[running.pk]),
        {"end_date": (today + days(30)).isoformat()},
    )
    assert tasks.end_commitments.call() == 0
    running.user.refresh_from_db()
    assert running.user.is_active

    ended = CommitmentFactory(end_date=today - days(1))
    tasks.end_commitments.call()
    client.post(
        reverse("volunteers:commitment_renew", args=[ended.pk]),
        {"end_date": (today + days(30)).isoformat()},
    )
    ended.refresh_from_db()
    ended.user.refresh_from_db()
    assert ended.user.is_active and ended.ended_at is None


def test_an_ended_commitment_without_account_closes_its_invitation(today, coordinator):
    from parcours.volunteers.actions import accept_application

    commitment, invitation, _ = accept_application(
        actor=coordinator,
        application=ApplicationFactory(),
        start_date=today - days(60),
        end_date=today - days(1),
        email="tard@example.org",
    )
    assert tasks.end_commitments.call() == 1
    invitation.refresh_from_db()
    assert not invitation.is_usable()
    assert not Entry.objects.filter(action="volunteer_access_ended").exists()


def test_only_volunteer_trainers_are_deactivated(today, coordinator):
    # A commitment mistakenly tied to a coordinator's account never locks them out.
    CommitmentFactory(end_date=today - days(1), user=coordinator)
    tasks.end_commitments.call()
    coordinator.refresh_from_db()
    assert coordinator.is_active


# --- reminder --------------------------------------------------------------------------


def test_coordinators_are_reminded_fourteen_days_before_the_end_once(
    today, coordinator, django_capture_on_commit_callbacks, run_tasks
):
    soon = CommitmentFactory(end_date=today + days(14), application__first_name="Marc")
    CommitmentFactory(end_date=today + days(15))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.remind_commitments.call() == 1
    notification = Notification.objects.get(recipient=coordinator)
    assert "se termine le 29 mars 2027" in notification.text
    assert "renouvelez-le, ou remerciez la personne" in notification.text
    assert notification.url == reverse("volunteers:application", args=[soon.application_id])
    run_tasks()
    (message,) = mail.outbox
    assert "Marc" in message.body and soon.application.last_name not in message.body
    assert tasks.remind_commitments.call() == 0


def test_a_renewal_starts_the_reminder_again(client, today, coordinator):
    commitment = CommitmentFactory(end_date=today + days(10))
    tasks.remind_commitments.call()
    client.force_login(coordinator)
    client.post(
        reverse("volunteers:commitment_renew", args=[commitment.pk]),
        {"end_date": (today + days(40)).isoformat()},
    )
    commitment.refresh_from_db()
    assert commitment.reminder_sent_at is None


# --- retention -------------------------------------------------------------------------


def test_retention_deletes_old_declined_and_withdrawn_applications_only(settings):
    settings.APPLICATION_RETENTION_DAYS = 183
    long_ago = timezone.now() - days(184)
    recently = timezone.now() - days(182)
    old_declined = ApplicationFactory(declined=True, decided_at=long_ago)
    Note.objects.create(application=old_declined, text="Pas assez disponible")
    ApplicationFactory(withdrawn=True, decided_at=long_ago)
    kept = [
        ApplicationFactory(declined=True, decided_at=recently),
        ApplicationFactory(withdrawn=True, decided_at=recently),
        ApplicationFactory(created_at=long_ago, last_activity_at=long_ago),  # still open
        CommitmentFactory(application__decided_at=long_ago).application,  # accepted
    ]
    assert tasks.purge_applications.call() == 2
    assert set(Application.objects.all()) == set(kept)
    assert not Note.objects.exists()
    assert Commitment.objects.count() == 1


def test_retention_follows_the_setting(settings):
    settings.APPLICATION_RETENTION_DAYS = 30
    ApplicationFactory(declined=True, decided_at=timezone.now() - days(31))
    assert tasks.purge_applications.call() == 1


def test_the_rate_limit_forgets_addresses_after_a_day():
    SubmissionAttempt.objects.create(address_hash="a" * 64)
    SubmissionAttempt.objects.create(
        address_hash="b" * 64, created_at=timezone.now() - days(1) - datetime.timedelta(minutes=1)
    )
    tasks.purge_applications.call()
    assert list(SubmissionAttempt.objects.values_list("address_hash", flat=True)) == ["a" * 64]
