"""A social worker's referral of a person, and its triage by the coordinator.

States: submitted → enrolled (accepted into a course), waiting (on a course's
waiting list, ordered by `waiting_since`), declined (with a reason the referrer
reads), or merged (attached to a trainee already in the programme).
"""

import difflib
import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parcours.courses.models import Course, Weekday
from parcours.people.models import Organisation, Trainee


class ReadingLevel(models.TextChoices):
    NONE = "none", _("ne lit pas le français")
    LITTLE = "little", _("lit un peu le français")
    GOOD = "good", _("lit bien le français")


class TimeOfDay(models.TextChoices):
    MORNING = "morning", _("matin")
    AFTERNOON = "afternoon", _("après-midi")
    EVENING = "evening", _("fin de journée")


class ReferralQuerySet(models.QuerySet):
    def to_triage(self):
        return self.filter(status=Referral.Status.SUBMITTED).order_by("created_at", "pk")

    def waiting_for(self, course):
        return self.filter(status=Referral.Status.WAITING, course=course).order_by(
            "waiting_since", "pk"
        )


class Referral(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("à traiter")
        WAITING = "waiting", _("liste d'attente")
        DECLINED = "declined", _("refusée")
        ENROLLED = "enrolled", _("inscrit·e")
        MERGED = "merged", _("rattachée à un·e stagiaire")

    class ConsentMethod(models.TextChoices):
        ORAL = "oral", _("à l'oral")
        WRITTEN = "written", _("par écrit")

    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="referrals"
    )

    first_name = models.CharField(_("prénom"), max_length=150)
    last_name = models.CharField(_("nom de famille"), max_length=150)
    birth_year = models.PositiveSmallIntegerField(_("année de naissance"), null=True, blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    email = models.EmailField(_("adresse e-mail"), blank=True)
    languages = models.CharField(_("langues parlées"), max_length=200, blank=True)
    reading_level = models.CharField(
        _("lecture du français"), max_length=10, choices=ReadingLevel.choices
    )
    housing_facility = models.CharField(_("lieu d'hébergement"), max_length=200, blank=True)
    needs = models.JSONField(_("besoins"), default=list, blank=True)
    needs_text = models.TextField(_("besoins, avec vos mots"), blank=True)
    available_days = models.JSONField(_("jours possibles"), default=list, blank=True)
    available_times = models.JSONField(_("moments possibles"), default=list, blank=True)
    availability_note = models.CharField(
        _("précisions sur les horaires"), max_length=300, blank=True
    )

    consent_method = models.CharField(
        _("accord recueilli"), max_length=10, choices=ConsentMethod.choices
    )
    consent_at = models.DateTimeField(_("accord recueilli le"), default=timezone.now)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    course = models.ForeignKey(
        Course, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    waiting_since = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("motif"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    trainee = models.ForeignKey(
        Trainee, null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["referrer", "created_at"]),
            models.Index(fields=["course", "status", "waiting_since"]),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def is_open(self):
        """Still in the coordinator's hands: to triage or on a waiting list."""
        return self.status in {self.Status.SUBMITTED, self.Status.WAITING}

    def need_labels(self):
        from parcours.core.reference import need_labels

        labels = need_labels()
        return [labels.get(code, code) for code in self.needs]

    def day_labels(self):
        return [Weekday(day).label for day in self.available_days]

    def time_labels(self):
        return [TimeOfDay(value).label for value in self.available_times]

    # --- possible duplicates ------------------------------------------------------

    def possible_duplicates(self):
        """Trainees and open referrals that may be the same person: same phone, or a
        close name with the same (or unknown) birth year."""
        candidates_q = Q(last_name__istartswith=self.last_name[:2]) | Q(
            first_name__istartswith=self.first_name[:2]
        )
        if self.phone:
            candidates_q |= Q(phone=self.phone)
        trainees = [
            t
            for t in Trainee.objects.filter(candidates_q).select_related("site")[:50]
            if self._looks_like(t)
        ]
        referrals = [
            r
            for r in Referral.objects.filter(candidates_q)
            .filter(status__in=[self.Status.SUBMITTED, self.Status.WAITING])
            .exclude(pk=self.pk)
            .select_related("referrer")[:50]
            if self._looks_like(r)
        ]
        return trainees, referrals

    def _looks_like(self, other):
        if self.phone and other.phone == self.phone:
            return True
        if self.birth_year and other.birth_year and self.birth_year != other.birth_year:
            return False
        return (
            name_similarity(self.full_name, other.full_name) >= 0.85
            or name_similarity(self.full_name, f"{other.last_name} {other.first_name}") >= 0.85
        )


def _plain(text):
    text = unicodedata.normalize("NFKD", text.lower())
    return " ".join("".join(c for c in text if c.isalnum() or c == " ").split())


def name_similarity(a, b):
    return difflib.SequenceMatcher(None, _plain(a), _plain(b)).ratio()
