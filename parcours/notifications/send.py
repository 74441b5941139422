"""The one way to tell someone something: `notify(...)` for staff, `message_trainee(...)`
for trainees.

In-app now; e-mail (and, for trainees, SMS) by the worker after the transaction commits.
Messages carry no personal data beyond a first name and a link to sign in and read the rest.
"""

from contextlib import contextmanager

from django.conf import settings
from django.db import transaction
from django.utils import translation

from parcours.notifications.models import Notification, OutgoingMessage


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


def message_trainee(trainee, *, kind, subject, body):
    """Send `body` to `trainee` by SMS or e-mail, as they chose; None if nothing is sent.

    `trainee.reminders` picks the channel. SMS needs a phone number and e-mail an
    address; when the chosen one is missing the other is used if present. "none" is the
    person's opt-out: nothing is sent and nothing is logged. A trainee with neither
    address gets nothing either.

    `subject` (e-mail only) and `body` must hold no personal data beyond a first name:
    they travel through the SMS provider or mail servers and stay in the log. Write them
    in the trainee's language (`in_language_of(trainee.user)`). `kind` names what the
    message is about ("reminder", "cancellation"…).

    The message is logged as queued now and sent by the worker once the transaction
    commits (retried, then marked failed: see `send_outgoing_message`).
    """
    Channel = OutgoingMessage.Channel
    addresses = {Channel.SMS: trainee.phone.strip(), Channel.EMAIL: trainee.email.strip()}
    if trainee.reminders == Channel.SMS:
        order = [Channel.SMS, Channel.EMAIL]
    elif trainee.reminders == Channel.EMAIL:
        order = [Channel.EMAIL, Channel.SMS]
    else:
        return None
    channel = next((channel for channel in order if addresses[channel]), None)
    if channel is None:
        return None
    message = OutgoingMessage.objects.create(
        channel=channel,
        trainee=trainee,
        to=addresses[channel],
        subject=subject[:200] if channel == Channel.EMAIL else "",
        body=body,
        kind=kind,
    )
    from parcours.notifications.tasks import send_outgoing_message

    transaction.on_commit(lambda: send_outgoing_message.enqueue(message.pk))
    return message
