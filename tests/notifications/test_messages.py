"""Messages to trainees (reminders, cancellations) by SMS or e-mail, sent by the worker.

Each channel goes through a real server: a local HTTP server speaking like Brevo's SMS
API, and an SMTP server (aiosmtpd).
"""

import json
import logging
import socket
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from parcours.notifications.models import OutgoingMessage
from parcours.notifications.send import message_trainee

PHONE = "+33612345678"
EMAIL = "amina@example.org"


class SmsProvider(ThreadingHTTPServer):
    """Records each request; answers `status` with a JSON body like Brevo's."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), SmsProviderHandler)
        self.requests = []
        self.status = 201

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}/v3/transactionalSMS/send"


class SmsProviderHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.server.requests.append(
            {
                "path": self.path,
                "headers": dict(self.headers),
                "json": json.loads(self.rfile.read(length)),
            }
        )
        if self.server.status < 300:
            answer = {"messageId": 1511882900176220}
        else:
            answer = {"code": "internal_error", "message": "Internal error"}
        data = json.dumps(answer).encode()
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        pass  # keep the test output clean


@pytest.fixture
def sms_provider(settings, monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)  # 127.0.0.1 must not go through a proxy
    server = SmsProvider()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    settings.SMS_BACKEND = "http"
    settings.SMS_API_URL = server.url
    settings.SMS_API_KEY = "test-key"
    settings.SMS_SENDER = "Tilleuls"
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


class Sink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_sink(settings):
    sink = Sink()
    with socket.socket() as sock:  # aiosmtpd needs a real port to check it is up
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 5},
        }
    }
    yield sink
    controller.stop()


def send_reminder(trainee, capture):
    with capture(execute=True):
        return message_trainee(
            trainee,
            kind="reminder",
            subject="Rappel : atelier demain",
            body="Bonjour Amina, votre atelier a lieu demain à 14 h.",
        )


def run_with_retries(run_tasks, times):
    for _ in range(times):
        run_tasks()
        # The retry waits a few minutes: bring it forward.
        DBTaskResult.objects.filter(status="READY").update(
            run_after=timezone.now() - timedelta(seconds=1)
        )


def test_an_sms_reaches_the_provider_api(
    trainee, sms_provider, django_capture_on_commit_callbacks, run_tasks
):
    trainee.phone = PHONE
    trainee.save()

    message = send_reminder(trainee, django_capture_on_commit_callbacks)
    run_tasks()

    (request,) = sms_provider.requests
    assert request["path"] == "/v3/transactionalSMS/send"
    headers = {name.lower(): value for name, value in request["headers"].items()}
    assert headers["api-key"] == "test-key"
    assert headers["content-type"] == "application/json"
    assert request["json"] == {
        "sender": "Tilleuls",
        "recipient": PHONE,
        "content": "Bonjour Amina, votre atelier a lieu demain à 14 h.",
        "type": "transactional",
    }
    message.refresh_from_db()
    assert message.channel == OutgoingMessage.Channel.SMS
    assert message.status == OutgoingMessage.Status.SENT
    assert message.attempts == 1
    assert message.sent_at is not None
    assert message.error == ""


@pytest.mark.parametrize(
    "body, unicode",
    [("مرحبا Amina، الورشة غدًا", True), ("À demain Amina, fête à la forêt", False)],
)
def test_only_an_sms_brevo_cannot_transliterate_asks_for_unicode(
    body, unicode, trainee, sms_provider, django_capture_on_commit_callbacks, run_tasks
):
    trainee.phone = PHONE
    trainee.save()
    with django_capture_on_commit_callbacks(execute=True):
        message_trainee(trainee, kind="reminder", subject="", body=body)
    run_tasks()
    (request,) = sms_provider.requests
    assert request["json"]["content"] == body
    assert request["json"].get("unicodeEnabled", False) is unicode


def test_a_refused_sms_is_retried_then_marked_failed(
    trainee, sms_provider, django_capture_on_commit_callbacks, run_tasks, caplog
):
    sms_provider.status = 500
    trainee.phone = PHONE
    trainee.save()

    message = send_reminder(trainee, django_capture_on_commit_callbacks)
    with caplog.at_level(logging.WARNING, logger="parcours.notifications"):
        run_with_retries(run_tasks, 4)

    assert len(sms_provider.requests) == 3
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.FAILED
    assert message.attempts == 3
    assert message.sent_at is None
    assert message.error == "SmsError: HTTP 500"
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 3
    assert all(str(message.pk) in line for line in warnings)
    assert not any(PHONE in line or "Amina" in line for line in caplog.messages)


def test_an_unreachable_provider_is_logged_without_personal_data(
    settings, trainee, django_capture_on_commit_callbacks, run_tasks
):
    settings.SMS_BACKEND = "http"
    settings.SMS_API_URL = "http://127.0.0.1:9/send"  # nothing listens there
    settings.SMS_API_KEY = "test-key"
    trainee.phone = PHONE
    trainee.save()

    message = send_reminder(trainee, django_capture_on_commit_callbacks)
    run_tasks()

    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.QUEUED  # a retry is waiting
    assert message.error.startswith("SmsError: ")
    assert PHONE not in message.error


def test_an_email_message_reaches_a_real_smtp_server(
    trainee, smtp_sink, django_capture_on_commit_callbacks, run_tasks
):
    trainee.reminders = "email"
    trainee.email = EMAIL
    trainee.phone = PHONE
    trainee.save()

    message = send_reminder(trainee, django_capture_on_commit_callbacks)
    run_tasks()

    (envelope,) = smtp_sink.messages
    assert envelope.rcpt_tos == [EMAIL]
    content = envelope.content.decode()
    assert "Rappel" in content
    message.refresh_from_db()
    assert message.channel == OutgoingMessage.Channel.EMAIL
    assert message.status == OutgoingMessage.Status.SENT


def test_a_trainee_who_wants_no_reminders_gets_nothing(
    trainee, sms_provider, django_capture_on_commit_callbacks, run_tasks
):
    trainee.reminders = "none"
    trainee.phone = PHONE
    trainee.email = EMAIL
    trainee.save()

    assert send_reminder(trainee, django_capture_on_commit_callbacks) is None
    assert run_tasks() == 0

    assert not OutgoingMessage.objects.exists()
    assert sms_provider.requests == []
    assert mail.outbox == []


def test_a_trainee_choosing_sms_without_a_phone_gets_an_email(
    trainee, sms_provider, django_capture_on_commit_callbacks, run_tasks
):
    trainee.reminders = "sms"
    trainee.phone = ""
    trainee.email = EMAIL
    trainee.save()

    message = send_reminder(trainee, django_capture_on_commit_callbacks)
    run_tasks()

    assert message.channel == OutgoingMessage.Channel.EMAIL
    assert message.to == EMAIL
    (email,) = mail.outbox
    assert email.to == [EMAIL]
    assert email.subject == "Rappel : atelier demain"
    assert sms_provider.requests == []


def test_a_trainee_choosing_email_without_an_address_gets_an_sms(
    trainee, sms_provider, django_capture_on_commit_callbacks, run_tasks
):
    trainee.reminders = "email"
    trainee.phone = PHONE
    trainee.email = ""
    trainee.save()

    message = send_reminder(trainee, django_capture_on_commit_callbacks)
    run_tasks()

    assert message.channel == OutgoingMessage.Channel.SMS
    assert len(sms_provider.requests) == 1
    assert mail.outbox == []


def test_a_trainee_without_phone_or_email_gets_nothing(trainee, django_capture_on_commit_callbacks):
    assert send_reminder(trainee, django_capture_on_commit_callbacks) is None
    assert not OutgoingMessage.objects.exists()


def test_the_file_backend_writes_a_json_line(
    settings, tmp_path, trainee, django_capture_on_commit_callbacks, run_tasks
):
    settings.SMS_BACKEND = "file"
    settings.DATA_DIR = tmp_path
    trainee.phone = PHONE
    trainee.save()

    message = send_reminder(trainee, django_capture_on_commit_callbacks)
    run_tasks()

    (line,) = (tmp_path / "sms" / "sms.log").read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["to"] == PHONE
    assert record["body"] == "Bonjour Amina, votre atelier a lieu demain à 14 h."
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.SENT


def test_the_console_backend_prints_the_sms(
    settings, capsys, trainee, django_capture_on_commit_callbacks, run_tasks
):
    settings.SMS_BACKEND = "console"
    trainee.phone = PHONE
    trainee.save()

    send_reminder(trainee, django_capture_on_commit_callbacks)
    run_tasks()

    assert "votre atelier a lieu demain" in capsys.readouterr().out


def test_an_unknown_backend_fails_the_message_instead_of_dropping_it(
    settings, trainee, django_capture_on_commit_callbacks, run_tasks
):
    settings.SMS_BACKEND = "carrier-pigeon"
    trainee.phone = PHONE
    trainee.save()

    message = send_reminder(trainee, django_capture_on_commit_callbacks)
    run_with_retries(run_tasks, 3)

    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.FAILED
    assert message.error == "ImproperlyConfigured"
