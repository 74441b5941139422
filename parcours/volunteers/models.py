"""Volunteers: the public presentation, applications to help, and the commitment that
turns an accepted applicant into a trainer for a period.

Application states: new → contacted → meeting → accepted, or declined (with a reason)
or withdrawn (the applicant gave up) from any open state. Declined and withdrawn
applications are deleted APPLICATION_RETENTION_DAYS after the decision (tasks.py).

An accepted application gets a Commitment (start, end) and a one-time Invitation to
create a trainer account. When the commitment ends the account is deactivated, unless
the coordinator renews it first.
"""

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from parcours.courses.models import Weekday
from parcours.referrals.models import TimeOfDay

STALE_AFTER = datetime.timedelta(days=7)


def add_months(day, months):
    """`day` moved by whole months, kept on the last day of a shorter month (31 Jan → 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def shortest_end(start):
    """The earliest end date of a commitment starting on `start`: one month later."""
    return add_months(start, 1)


class Block(models.Model):
    """One text block of the public presentation, written by the coordinator.

    Shown as plain text: escaped, with line breaks kept. No HTML, no Markdown.
    """

    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(_("texte"))
    position = models.PositiveSmallIntegerField(
        _("ordre"), default=10, help_text=_("Les plus petits nombres viennent en premier.")
    )
    published = models.BooleanField(_("visible sur la page publique"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("bloc de présentation")

    def __str__(self):
        return self.title


class ApplicationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=Application.OPEN)

    def stale(self, now=None):
        """Open applications nobody touched for STALE_AFTER."""
        return self.open().filter(last_activity_at__lt=(now or timezone.now()) - STALE_AFTER)

    def to_purge(self, now=None):
        """Declined and withdrawn ones whose retention period is over."""
        cutoff = (now or timezone.now()) - datetime.timedelta(
            days=settings.APPLICATION_RETENTION_DAYS
        )
        return self.filter(status__in=Application.CLOSED, decided_at__lt=cutoff)


class Application(models.Model):
    """Someone offering to help for a month or more, sent from the public form."""

    class Role(models.TextChoices):
        SOCIAL_WORKER = "social_worker", _("travailleur·se social·e")
        VOLUNTEER = "volunteer", _("bénévole")
        INTERN = "intern", _("en stage (école ou formation)")

    class Status(models.TextChoices):
        NEW = "new", _("nouvelle")
        CONTACTED = "contacted", _("contacté·e")
        MEETING = "meeting", _("rencontre prévue")
        ACCEPTED = "accepted", _("acceptée")
        DECLINED = "declined", _("refusée")
        WITHDRAWN = "withdrawn", _("retirée")

    OPEN = (Status.NEW, Status.CONTACTED, Status.MEETING)
    CLOSED = (Status.DECLINED, Status.WITHDRAWN)

    role = models.CharField(_("je propose de venir"), max_length=20, choices=Role.choices)
    first_name = models.CharField(_("prénom"), max_length=150)
    last_name = models.CharField(_("nom"), max_length=150)
    email = models.EmailField(_("adresse e-mail"))
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    available_days = models.JSONField(_("jours possibles"), default=list, blank=True)
    available_times = models.JSONField(_("moments possibles"), default=list, blank=True)
    availability_note = models.CharField(
        _("précisions sur vos disponibilités"), max_length=300, blank=True
    )
    start_date = models.DateField(_("à partir du"))
    end_date = models.DateField(_("jusqu'au"))
    skills = models.TextField(_("ce que vous savez faire"), blank=True)
    languages = models.CharField(_("langues parlées"), max_length=200, blank=True)
    motivation = models.TextField(_("pourquoi vous voulez participer"))
    privacy_accepted_at = models.DateTimeField()
    # The language the form was filled in: the acknowledgement is written in it.
    language = models.CharField(max_length=10, blank=True)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    decline_reason = models.TextField(_("motif"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Moved by every step and note: an open application left alone for a week is flagged.
    last_activity_at = models.DateTimeField(default=timezone.now)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("candidature")
        indexes = [
            models.Index(fields=["status", "last_activity_at"]),
            models.Index(fields=["status", "decided_at"]),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def is_open(self):
        return self.status in self.OPEN

    def is_stale(self, now=None):
        return self.is_open and self.last_activity_at < (now or timezone.now()) - STALE_AFTER

    def day_labels(self):
        return [Weekday(day).label for day in self.available_days]

    def time_labels(self):
        return [TimeOfDay(value).label for value in self.available_times]

    # --- transitions: each checks the current state ------------------------------

    def _check_open(self):
        if not self.is_open:
            raise ValidationError(gettext("Cette candidature a déjà été traitée."))

    def touch(self, now=None):
        self.last_activity_at = now or timezone.now()

    def mark_contacted(self):
        self._check_open()
        if self.status != self.Status.NEW:
            raise ValidationError(gettext("Seule une nouvelle candidature passe à « contacté·e »."))
        self.status = self.Status.CONTACTED
        self.touch()

    def plan_meeting(self):
        self._check_open()
        if self.status not in {self.Status.NEW, self.Status.CONTACTED}:
            raise ValidationError(
                gettext("Une rencontre est déjà prévue, ou la candidature est close.")
            )
        self.status = self.Status.MEETING
        self.touch()

    def _decide(self, status, actor):
        self._check_open()
        self.status = status
        self.decided_at = timezone.now()
        self.decided_by = actor
        self.touch(self.decided_at)

    def accept(self, actor):
        self._decide(self.Status.ACCEPTED, actor)

    def decline(self, actor, reason):
        if not reason.strip():
            raise ValidationError(gettext("Écrivez le motif du refus."))
        self._decide(self.Status.DECLINED, actor)
        self.decline_reason = reason.strip()

    def withdraw(self, actor):
        self._decide(self.Status.WITHDRAWN, actor)


class Note(models.Model):
    """What the coordinator noted about an application (a call, a meeting)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:50]


class SubmissionAttempt(models.Model):
    """One application (or bot's try) sent from a network address, for the rate limit.

    The address is kept as a keyed hash only, and for a day (tasks.purge_applications).
    """

    address_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["address_hash", "created_at"])]

    def __str__(self):
        return f"{self.address_hash[:8]} {self.created_at:%Y-%m-%d %H:%M}"


class CommitmentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_at__isnull=True)

    def ending_soon(self, today, days):
        """Running commitments ending within `days` whose reminder has not gone out."""
        return self.current().filter(
            end_date__lte=today + datetime.timedelta(days=days),
            end_date__gte=today,
            reminder_sent_at__isnull=True,
        )

    def over(self, today):
        """Commitments whose last day has passed and whose access has not been ended yet."""
        return self.current().filter(end_date__lt=today)


class Commitment(models.Model):
    """The period an accepted applicant gives: their trainer access lasts as long."""

    REMINDER_DAYS = 14

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="commitment"
    )
    # Set when the person creates their account from the invitation.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
    )
    start_date = models.DateField(_("début"))
    end_date = models.DateField(_("fin"))
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # When the worker ended the access (or the date the period was closed without account).
    ended_at = models.DateTimeField(null=True, blank=True)
    renewals = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["end_date", "pk"]
        verbose_name = _("engagement")

    def __str__(self):
        return f"{self.application} ({self.start_date} → {self.end_date})"

    @property
    def is_over(self):
        return self.ended_at is not None

    def days_left(self, today=None):
        return (self.end_date - (today or timezone.localdate())).days


class Invitation(models.Model):
    """A one-time link for an accepted applicant to create their trainer account (7 days).

    Like people.Invitation, only the token's hash is stored.
    """

    VALIDITY = datetime.timedelta(days=7)

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("adresse e-mail"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    @property
    def expires_at(self):
        return self.created_at + self.VALIDITY

    def is_usable(self, now=None):
        return (
            self.accepted_at is None
            and (now or timezone.now()) < self.expires_at
            and self.commitment.ended_at is None
            and self.commitment.user_id is None
        )

    @staticmethod
    def hash_token(token):
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def find(cls, token):
        return (
            cls.objects.select_related("commitment__application")
            .filter(token_hash=cls.hash_token(token))
            .first()
        )


class CharterAcceptance(models.Model):
    """A trainer accepted the confidentiality charter of `version` (settings.CHARTER_VERSION)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="charter_acceptances"
    )
    version = models.CharField(max_length=20)
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="one_acceptance_per_version")
        ]

    def __str__(self):
        return f"{self.user_id} {self.version}"
