"""Messages to people: in-app now; e-mail sent by the worker. SMS comes with reminders."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One message to one user, shown in the app and, if asked, announced by e-mail.

    `text` may name a trainee by first name (it is only shown in the app to its
    recipient); the e-mail never carries it (see notifications/tasks.py).
    """

    class EmailStatus(models.TextChoices):
        NONE = "none", _("pas d'e-mail")
        QUEUED = "queued", _("en attente")
        SENT = "sent", _("envoyé")
        FAILED = "failed", _("échec")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email_status = models.CharField(
        max_length=10, choices=EmailStatus.choices, default=EmailStatus.NONE
    )
    email_attempts = models.PositiveSmallIntegerField(default=0)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.text


class OutgoingMessage(models.Model):
    """Every e-mail or SMS sent to a trainee (reminders, cancellations): the log.

    Bodies hold no personal data beyond a first name; the address is kept so that a
    failure can be checked, and is erased with the person.
    """

    class Channel(models.TextChoices):
        SMS = "sms", _("SMS")
        EMAIL = "email", _("e-mail")

    class Status(models.TextChoices):
        QUEUED = "queued", _("en attente")
        SENT = "sent", _("envoyé")
        FAILED = "failed", _("échec")

    channel = models.CharField(max_length=10, choices=Channel.choices)
    trainee = models.ForeignKey(
        "people.Trainee", null=True, on_delete=models.SET_NULL, related_name="messages"
    )
    to = models.CharField(max_length=254)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    kind = models.CharField(max_length=30)  # reminder, cancellation…
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.channel} {self.kind} {self.status}"
