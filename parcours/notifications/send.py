"""The one way to tell someone something: `notify(...)`.

In-app now; e-mail by the worker after the transaction commits. E-mails carry no
personal data beyond a first name and a link to sign in and read the rest.
"""

from django.db import transaction

from parcours.notifications.models import Notification


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
