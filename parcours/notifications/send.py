"""The one way to tell someone something: `notify(...)`.

In-app now; e-mail by the worker after the transaction commits. E-mails carry no
personal data beyond a first name and a link to sign in and read the rest.
"""

from contextlib import contextmanager

from django.conf import settings
from django.db import transaction
from django.utils import translation

from parcours.notifications.models import Notification


@contextmanager
def in_language_of(recipient):
    """Write what `recipient` will read in their language, not the actor's."""
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        yield


def notify(recipient, *, text, url="", email_text=""):
    """Tell `recipient` something in the app; with `email_text`, announce it by e-mail too.

    `email_text` must hold no personal data beyond a first name.
    """
    wants_email = bool(email_text and recipient.email and recipient.is_active)
    notification = Notification.objects.create(
        recipient=recipient,
        text=text[:300],
        url=url,
        email_status=(
            Notification.EmailStatus.QUEUED if wants_email else Notification.EmailStatus.NONE
        ),
    )
    if wants_email:
        from parcours.notifications.tasks import send_notification_email

        transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk, email_text))
    return notification
