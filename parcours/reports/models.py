"""Reports to social workers (comptes rendus): their rhythm, drafts, delivery, reading
and answer.

A report goes to one social worker for one period and holds one entry per trainee they
referred who agreed to share (Sharing.CONFIRMED). While it is a draft, its content is
computed from attendance, notes and goals each time it is shown (parcours/reports/content.py);
sending freezes it into each entry's `content`, so that what the social worker read stays
what was sent.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parcours.people.models import Organisation, Sharing, Trainee


class Rhythm(models.TextChoices):
    WEEKLY = "weekly", _("chaque semaine")
    FORTNIGHTLY = "fortnightly", _("toutes les deux semaines")


class OrganisationRhythm(models.Model):
    """A partner organisation's default rhythm for its social workers' reports."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="report_rhythm"
    )
    rhythm = models.CharField(_("rythme des comptes rendus"), max_length=12, choices=Rhythm.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rythme de la structure")

    def __str__(self):
        return f"{self.organisation}: {self.rhythm}"


class SocialWorkerRhythm(models.Model):
    """One social worker's own rhythm, overriding their organisation's."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_rhythm"
    )
    rhythm = models.CharField(_("rythme des comptes rendus"), max_length=12, choices=Rhythm.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rythme de la personne référente")

    def __str__(self):
        return f"{self.user_id}: {self.rhythm}"


class ReportQuerySet(models.QuerySet):
    def drafts(self):
        return self.filter(status=Report.Status.DRAFT)

    def sent(self):
        return self.filter(status=Report.Status.SENT)

    def overdue(self, today=None):
        """Drafts whose sending delay has passed (the worker sends them as they are)."""
        from parcours.reports.periods import overdue_before

        return self.drafts().filter(created_at__lt=overdue_before(today))

    def late(self, today=None):
        """What the coordination follows up: drafts past their delay, and reports that
        went out by themselves because nobody sent them in time."""
        from parcours.reports.periods import overdue_before

        return self.filter(
            Q(status=Report.Status.DRAFT, created_at__lt=overdue_before(today))
            | Q(status=Report.Status.SENT, sent_automatically=True)
        )


class Report(models.Model):
    """One report (compte rendu) to one social worker for one period."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("à relire")
        SENT = "sent", _("envoyé")

    class AnswerKind(models.TextChoices):
        COMMENT = "comment", _("un commentaire")
        REQUEST = "request", _("une demande")

    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("référent·e"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    period_start = models.DateField(_("du"))
    period_end = models.DateField(_("au"))
    rhythm = models.CharField(max_length=12, choices=Rhythm.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Sent by the worker once the delay passed, without anyone sending it: a late report.
    sent_automatically = models.BooleanField(default=False)
    read_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer_kind = models.CharField(
        _("votre réponse est"), max_length=10, choices=AnswerKind.choices, blank=True
    )
    answer_text = models.TextField(_("votre message"), blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period_end", "social_worker_id"]
        verbose_name = _("compte rendu")
        constraints = [
            # The worker claims a period by creating its report: a second worker (or a
            # second run) finds it there and does nothing.
            models.UniqueConstraint(
                fields=["social_worker", "period_start"], name="one_report_per_period"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="report_period_order"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["social_worker", "status"]),
            # The follow-up's late list: the reports sent by themselves are a few thousand
            # among a national network's 120,000; without it, the list's count and each of
            # its pages read them all.
            models.Index(
                fields=["period_end"],
                condition=Q(sent_automatically=True),
                name="report_sent_automatically",
            ),
        ]

    def __str__(self):
        return f"report {self.pk} ({self.period_start} – {self.period_end})"

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_sent(self):
        return self.status == self.Status.SENT

    @property
    def due_on(self):
        """The last day for the trainers to send it; after that it goes out as it is."""
        from parcours.reports.periods import due_on

        return due_on(self.created_at)

    @property
    def is_late(self):
        if self.is_sent:
            return self.sent_automatically
        return timezone.localdate() > self.due_on

    # --- transitions: each checks the current state -------------------------------
    # Sending is claimed with a conditional UPDATE in actions.deliver_report, so that a
    # trainer and the worker sending at the same moment send once.

    def mark_read(self, now=None):
        if not self.is_sent:
            raise ValidationError(_("Ce compte rendu n'est pas encore envoyé."))
        if self.read_at is None:
            self.read_at = now or timezone.now()

    def record_answer(self, *, kind, text, now=None):
        if not self.is_sent:
            raise ValidationError(_("Ce compte rendu n'est pas encore envoyé."))
        now = now or timezone.now()
        self.mark_read(now)
        self.answer_kind = kind
        self.answer_text = text
        self.answered_at = now


class ReportEntryQuerySet(models.QuerySet):
    def still_shared(self):
        """Entries whose trainee still agrees to share with the report's social worker
        (and still has them as referrer): only these are sent."""
        return self.filter(
            trainee__sharing=Sharing.CONFIRMED, trainee__referrer=models.F("report__social_worker")
        )


class ReportEntry(models.Model):
    """One trainee's part of a report: the trainer's comment, and once sent, the content."""

    class Rating(models.TextChoices):
        GOOD = "good", _("Ça va bien")
        MIXED = "mixed", _("Ça va moyennement")
        WORRIED = "worried", _("Je suis inquiet·e")
        UNKNOWN = "unknown", _("Je ne sais pas")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="entries")
    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="report_entries")
    comment = models.TextField(_("commentaire de la formatrice ou du formateur"), blank=True)
    comment_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Each trainer sends their part; the report goes out when every part is ready.
    ready_at = models.DateTimeField(null=True, blank=True)
    # Frozen when the report is sent: sessions, regularity, skills, goals (content.py).
    content = models.JSONField(null=True, blank=True)
    rating = models.CharField(_("comment ça va"), max_length=10, choices=Rating.choices, blank=True)

    objects = ReportEntryQuerySet.as_manager()

    class Meta:
        ordering = ["trainee__first_name", "trainee__last_name", "pk"]
        verbose_name = _("partie d'un compte rendu")
        constraints = [
            models.UniqueConstraint(fields=["report", "trainee"], name="one_entry_per_trainee")
        ]

    def __str__(self):
        return f"entry {self.pk} of report {self.report_id}"
