"""Notification e-mails go through a real SMTP server (aiosmtpd), sent by the worker's task."""

import socket

import pytest
from aiosmtpd.controller import Controller

from parcours.notifications.models import Notification
from parcours.notifications.send import notify


class Sink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server():
    sink = Sink()
    with socket.socket() as sock:  # aiosmtpd needs a real port to check it is up
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    yield controller, sink
    controller.stop()


def test_a_notification_email_reaches_a_real_smtp_server(
    settings, smtp_server, social_worker, django_capture_on_commit_callbacks, run_tasks
):
    controller, sink = smtp_server
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 5},
        }
    }
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(
            social_worker,
            text="Orientation de Samira Belkacem : inscrite.",
            email_text="Samira : inscrite.",
        )
    run_tasks()
    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.SENT
    (envelope,) = sink.messages
    assert envelope.rcpt_tos == [social_worker.email]
    body = envelope.content.decode()
    assert "Samira" in body and "Belkacem" not in body


def test_a_failed_send_is_retried_then_marked_failed(
    settings, social_worker, django_capture_on_commit_callbacks, run_tasks
):
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},  # nothing listens there
        }
    }
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(social_worker, text="x", email_text="Samira : inscrite.")
    for _ in range(3):
        run_tasks()
        # The retry waits a few minutes: bring it forward.
        DBTaskResult.objects.filter(status="READY").update(
            run_after=timezone.now() - timedelta(seconds=1)
        )
    notification.refresh_from_db()
    assert notification.email_attempts == 3
    assert notification.email_status == Notification.EmailStatus.FAILED


def test_the_email_is_written_in_the_recipient_language(
    client,
    coordinator,
    social_worker,
    referral,
    course,
    django_capture_on_commit_callbacks,
    run_tasks,
):
    from django.core import mail
    from django.urls import reverse

    social_worker.language = "en"
    social_worker.save()
    client.force_login(coordinator)  # the coordinator works in French
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("referrals:decline", args=[referral.pk]), {"reason": "Complet"})
    run_tasks()
    (email,) = mail.outbox
    assert "declined" in email.body and "refusée" not in email.body
