import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from parcours.notifications.models import Notification, OutgoingMessage
from parcours.notifications.sms import SmsError, get_sms_backend

logger = logging.getLogger("parcours.notifications")
MAX_ATTEMPTS = 3


@task
def send_notification_email(notification_id, email_text):
    """Send one notification's e-mail; retried twice, then marked failed (never lost silently)."""
    claimed = Notification.objects.filter(
        pk=notification_id, email_status=Notification.EmailStatus.QUEUED
    ).update(email_attempts=F("email_attempts") + 1)
    if not claimed:
        return "already handled"
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    recipient = notification.recipient
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        subject = _("%(programme)s : du nouveau pour vous") % {"programme": settings.PROGRAMME_NAME}
        body = _("Bonjour,\n\n%(text)s\n\nPour lire la suite, connectez-vous : %(link)s\n") % {
            "text": email_text,
            "link": settings.SITE_URL + (notification.url or "/"),
        }
    try:
        send_mail(subject, body, None, [recipient.email])
    except Exception as error:
        logger.warning(
            "notification e-mail %s failed (attempt %s): %s",
            notification.pk,
            notification.email_attempts,
            _short_error(error),
        )
        if notification.email_attempts >= MAX_ATTEMPTS:
            Notification.objects.filter(pk=notification.pk).update(
                email_status=Notification.EmailStatus.FAILED
            )
            return "failed"
        delay = timedelta(minutes=2**notification.email_attempts)
        send_notification_email.using(run_after=timezone.now() + delay).enqueue(
            notification.pk, email_text
        )
        return "retry"
    Notification.objects.filter(pk=notification.pk).update(
        email_status=Notification.EmailStatus.SENT
    )
    return "sent"


def _short_error(error):
    """What may be stored and logged about a failed send: never the exception's text,
    which can hold the address (SMTPRecipientsRefused does)."""
    name = type(error).__name__
    if isinstance(error, SmsError):
        if error.status:
            return f"{name}: HTTP {error.status}"
        if error.cause:
            return f"{name}: {error.cause}"
    return name


@task
def send_outgoing_message(message_id):
    """Send one logged e-mail or SMS to a trainee; retried twice, then marked failed.

    The conditional UPDATE claims the message: a copy of this task enqueued twice, or
    run after the message was sent or given up, does nothing.
    """
    claimed = OutgoingMessage.objects.filter(
        pk=message_id, status=OutgoingMessage.Status.QUEUED, attempts__lt=MAX_ATTEMPTS
    ).update(attempts=F("attempts") + 1)
    if not claimed:
        return "already handled"
    message = OutgoingMessage.objects.get(pk=message_id)
    try:
        if message.channel == OutgoingMessage.Channel.EMAIL:
            send_mail(message.subject, message.body, None, [message.to])
        else:
            get_sms_backend().send(message.to, message.body)
    except Exception as error:
        # Caught whatever it is (misconfiguration included): an exception escaping the
        # task would leave the message queued for ever, and its text in the task result.
        short = _short_error(error)
        if message.attempts >= MAX_ATTEMPTS:
            OutgoingMessage.objects.filter(pk=message.pk).update(
                status=OutgoingMessage.Status.FAILED, error=short
            )
            logger.warning(
                "outgoing message %s failed for good after %s attempts: %s",
                message.pk,
                message.attempts,
                short,
            )
            return "failed"
        OutgoingMessage.objects.filter(pk=message.pk).update(error=short)
        logger.warning(
            "outgoing message %s failed (attempt %s), will retry: %s",
            message.pk,
            message.attempts,
            short,
        )
        delay = timedelta(minutes=2**message.attempts)
        send_outgoing_message.using(run_after=timezone.now() + delay).enqueue(message.pk)
        return "retry"
    OutgoingMessage.objects.filter(pk=message.pk).update(
        status=OutgoingMessage.Status.SENT, sent_at=timezone.now(), error=""
    )
    return "sent"
