"""The person's rights and the retention of their data.

`Erasure` records that a trainee's personal data was erased (on their request, or at the
end of the retention period): the internal id only, so that the record itself says
nothing about who the person was. `RetentionReview` follows a trainee nearing the end of
the retention period: the coordinators were warned of the date planned, or one of them
kept the record for now.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parcours.people.models import Trainee


class ErasureQuerySet(models.QuerySet):
    def trainee_ids(self):
        return self.values("trainee_id")


class Erasure(models.Model):
    class Reason(models.TextChoices):
        REQUEST = "request", _("à la demande de la personne")
        RETENTION = "retention", _("fin de la durée de conservation")

    # A plain id, like the audit journal's: the trainee row stays (statistics count it)
    # but nothing here may point back to who the person was.
    trainee_id = models.BigIntegerField(unique=True)
    erased_at = models.DateTimeField(default=timezone.now)
    # Empty when the worker anonymised the record at the end of the retention period.
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=10, choices=Reason.choices)
    files_deleted = models.PositiveIntegerField(default=0)

    objects = ErasureQuerySet.as_manager()

    class Meta:
        ordering = ["-erased_at", "-pk"]
        verbose_name = _("anonymisation")

    def __str__(self):
        return f"erasure of trainee {self.trainee_id}"


class RetentionReview(models.Model):
    """A trainee whose retention period ends soon.

    `due_on` is the end of the period as computed when the coordinators were warned;
    `planned_on` the day the worker anonymises the record (never less than the warning
    delay after the warning). A coordinator may keep the record until `kept_until`:
    the warning then starts again from scratch.
    """

    trainee = models.OneToOneField(
        Trainee, on_delete=models.CASCADE, related_name="retention_review"
    )
    due_on = models.DateField(null=True, blank=True)
    planned_on = models.DateField(null=True, blank=True)
    warned_at = models.DateTimeField(null=True, blank=True)
    kept_until = models.DateField(null=True, blank=True)
    kept_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kept_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("durée de conservation")

    def __str__(self):
        return f"retention of trainee {self.trainee_id}"

    def is_kept(self, today=None):
        today = today or timezone.localdate()
        return self.kept_until is not None and self.kept_until >= today
