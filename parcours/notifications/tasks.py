import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from parcours.notifications.models import Notification

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
    except Exception:
        logger.exception(
            "notification e-mail %s failed (attempt %s)",
            notification.pk,
            notification.email_attempts,
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
