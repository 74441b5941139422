"""How long a trainee's data is kept: PARCOURS_RETENTION_MONTHS after the last session
they attended (or after their record was created, when they never came).

WARNING_DAYS before that date the coordinators are told (once) that the records will be
anonymised; the worker anonymises them on the date announced, unless a coordinator keeps
one for now (KEEP_MONTHS more, then the warning starts again). A trainee who comes back
to class moves their own date: nothing happens to them.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone

from parcours.courses.regularity import CAME
from parcours.people.models import Trainee

WARNING_DAYS = 30
KEEP_MONTHS = 6


def add_months(day, months):
    """`day` moved by `months` (negative: back), the 31st becoming the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def with_last_activity(trainees):
    """Annotate `last_came`: the date of the last session attended (None: never came)."""
    return trainees.annotate(
        last_came=Max(
            "attendances__lesson__date",
            filter=Q(attendances__status__in=CAME, attendances__lesson__cancelled=False),
        )
    )


def due_on(trainee):
    """The end of the retention period of a trainee annotated by `with_last_activity`."""
    start = trainee.last_came or timezone.localdate(trainee.created_at)
    return add_months(start, settings.PARCOURS_RETENTION_MONTHS)


@dataclass
class Due:
    trainee: Trainee
    due_on: datetime.date
    review: object  # RetentionReview or None

    def planned_on(self, today):
        """The day the worker anonymises the record: the date announced, or, before any
        warning, the earliest a warning sent today would allow."""
        review = self.review
        if review is not None and review.planned_on and review.due_on == self.due_on:
            return review.planned_on
        return max(self.due_on, today + datetime.timedelta(days=WARNING_DAYS))

    @property
    def warned(self):
        review = self.review
        return (
            review is not None and review.planned_on is not None and (review.due_on == self.due_on)
        )

    def kept(self, today):
        return self.review is not None and self.review.is_kept(today)


def due_by(day, today=None, *, include_kept=False):
    """Trainees (not erased) whose retention period ends on or before `day`, with their
    date, soonest first. Those a coordinator keeps for now are left out unless
    `include_kept`."""
    from parcours.privacy.models import Erasure

    today = today or timezone.localdate()
    months = settings.PARCOURS_RETENTION_MONTHS
    # add_months is not exactly invertible at the ends of months: the database picks a
    # few days too many, Python keeps the exact ones.
    threshold = add_months(day, -months) + datetime.timedelta(days=3)
    threshold_start = timezone.make_aware(
        datetime.datetime.combine(threshold + datetime.timedelta(days=1), datetime.time.min)
    )
    candidates = (
        with_last_activity(Trainee.objects.exclude(pk__in=Erasure.objects.trainee_ids()))
        .filter(
            Q(last_came__lte=threshold) | Q(last_came__isnull=True, created_at__lt=threshold_start)
        )
        .select_related("retention_review", "site")
        .order_by("pk")
    )
    result = []
    for trainee in candidates:
        end = due_on(trainee)
        if end > day:
            continue
        review = getattr(trainee, "retention_review", None)
        item = Due(trainee=trainee, due_on=end, review=review)
        if item.kept(today) and not include_kept:
            continue
        result.append(item)
    result.sort(key=lambda item: (item.due_on, item.trainee.pk))
    return result


def audit_cutoff(now=None):
    """Journal entries older than this are deleted (PARCOURS_AUDIT_RETENTION_MONTHS)."""
    now = now or timezone.now()
    day = add_months(timezone.localdate(now), -settings.PARCOURS_AUDIT_RETENTION_MONTHS)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
