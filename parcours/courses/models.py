"""Weekly courses and enrolments. The courses issue adds sessions and attendance."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parcours.people.models import Trainee
from parcours.rooms.models import Room


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("lundi")
    TUESDAY = 1, _("mardi")
    WEDNESDAY = 2, _("mercredi")
    THURSDAY = 3, _("jeudi")
    FRIDAY = 4, _("vendredi")
    SATURDAY = 5, _("samedi")
    SUNDAY = 6, _("dimanche")


class CourseQuerySet(models.QuerySet):
    def with_seats(self):
        """Annotate `enrolled` (current enrolments) and `free_seats`."""
        return self.annotate(
            enrolled=Count("enrolments", filter=Q(enrolments__end_date__isnull=True)),
        ).annotate(free_seats=F("capacity") - F("enrolled"))

    def running(self, today=None):
        today = today or timezone.localdate()
        return self.filter(Q(last_date__isnull=True) | Q(last_date__gte=today))


class Course(models.Model):
    """A regular weekly slot: same room, same time."""

    title = models.CharField(_("titre"), max_length=200)
    room = models.ForeignKey(
        Room, verbose_name=_("salle"), on_delete=models.PROTECT, related_name="courses"
    )
    weekday = models.PositiveSmallIntegerField(_("jour"), choices=Weekday.choices)
    start_time = models.TimeField(_("heure de début"))
    duration_minutes = models.PositiveSmallIntegerField(_("durée (minutes)"), default=60)
    capacity = models.PositiveSmallIntegerField(_("places"))
    first_date = models.DateField(_("premier jour"))
    last_date = models.DateField(_("dernier jour"), null=True, blank=True)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("formateur·rices"),
        blank=True,
        related_name="courses",
    )

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["weekday", "start_time"]
        verbose_name = _("atelier")

    def __str__(self):
        return f"{self.title} — {self.slot_label}"

    @property
    def end_time(self):
        start = datetime.datetime.combine(datetime.date.today(), self.start_time)
        return (start + datetime.timedelta(minutes=self.duration_minutes)).time()

    @property
    def slot_label(self):
        from django.utils.formats import time_format

        return f"{self.get_weekday_display()} {time_format(self.start_time)}–{time_format(self.end_time)}"


class EnrolmentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(end_date__isnull=True)


class Enrolment(models.Model):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrolments")
    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="enrolments")
    start_date = models.DateField(default=timezone.localdate)
    end_date = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "trainee"],
                condition=Q(end_date__isnull=True),
                name="one_current_enrolment_per_course",
            )
        ]

    def __str__(self):
        return f"{self.trainee} → {self.course}"
