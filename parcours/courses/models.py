"""Weekly courses and enrolments. The courses issue adds sessions and attendance."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, F, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parcours.people.models import Site, Trainee
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
        """Annotate `enrolled` (current enrolments) and `free_seats`.

        A count per course in a subquery, not a join grouped by course: a page of a
        network's courses then counts the enrolments of its twenty courses, where the
        grouped join counted all 60,000 enrolments before the LIMIT."""
        current = (
            Enrolment.objects.filter(course=OuterRef("pk"), end_date__isnull=True)
            .order_by()
            .values("course")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(enrolled=Coalesce(Subquery(current), 0)).annotate(
            free_seats=F("capacity") - F("enrolled")
        )

    def running(self, today=None):
        today = today or timezone.localdate()
        return self.filter(Q(last_date__isnull=True) | Q(last_date__gte=today))

    def sites(self):
        """The places of these courses, by name (the choices of a "Lieu" filter)."""
        return Site.objects.filter(pk__in=self.values("room__site")).order_by("name")

    def nearest_first(self, *, course_id=None, organisation_id=None):
        """A referral's own course (its waiting list) first, then the courses at the places
        where its organisation's people already go, then the others; by day and hour."""
        known_sites = Trainee.objects.filter(organisation=organisation_id).values("site")
        return self.alias(
            nearness=Case(
                When(pk=course_id or 0, then=0),
                When(room__site__in=known_sites, then=1),
                default=2,
            )
        ).order_by("nearness", "weekday", "start_time", "pk")


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


class Closure(models.Model):
    """Days without classes (summer break…), for one site or the whole programme."""

    site = models.ForeignKey(
        "people.Site",
        verbose_name=_("lieu"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Vide : tout le programme."),
    )
    start_date = models.DateField(_("du"))
    end_date = models.DateField(_("au"))
    reason = models.CharField(_("raison"), max_length=200)

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("fermeture")

    def __str__(self):
        return f"{self.reason} ({self.start_date} – {self.end_date})"


class LessonQuerySet(models.QuerySet):
    def held(self):
        return self.filter(cancelled=False)

    def on(self, day):
        return self.filter(date=day)


class Lesson(models.Model):
    """One dated occurrence of a course (a "séance"). Not `Session`: Django has one."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lessons")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("heure de début"))
    duration_minutes = models.PositiveSmallIntegerField(_("durée (minutes)"), default=60)
    extra = models.BooleanField(_("séance en plus"), default=False)
    cancelled = models.BooleanField(_("annulée"), default=False)
    cancel_reason = models.CharField(_("raison de l'annulation"), max_length=200, blank=True)
    reminders_sent_at = models.DateTimeField(null=True, blank=True)

    objects = LessonQuerySet.as_manager()

    class Meta:
        ordering = ["date", "start_time"]
        verbose_name = _("séance")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "date", "start_time"], name="one_lesson_per_slot"
            )
        ]
        indexes = [models.Index(fields=["date", "course"])]

    def __str__(self):
        return f"{self.course.title} — {self.date:%Y-%m-%d}"

    @property
    def starts_at(self):
        return timezone.make_aware(datetime.datetime.combine(self.date, self.start_time))

    @property
    def ends_at(self):
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("présent·e")
        LATE = "late", _("en retard")
        EXCUSED = "excused", _("excusé·e")
        ABSENT = "absent", _("absent·e")

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="attendances")
    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(_("présence"), max_length=10, choices=Status.choices)
    walk_in = models.BooleanField(_("venu·e sans inscription"), default=False)
    note = models.TextField(_("ce qui a été travaillé"), blank=True)
    skills = models.JSONField(_("compétences travaillées"), default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["lesson__date"]
        constraints = [
            models.UniqueConstraint(fields=["lesson", "trainee"], name="one_attendance_per_lesson")
        ]
        indexes = [models.Index(fields=["trainee", "lesson"])]

    def __str__(self):
        return f"{self.trainee} — {self.lesson}: {self.status}"

    @property
    def came(self):
        return self.status in {self.Status.PRESENT, self.Status.LATE}


class AbsenceAlert(models.Model):
    """Sent once per run of unexcused absences: the run is named by its first lesson."""

    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="absence_alerts")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="absence_alerts")
    first_missed = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["trainee", "course", "first_missed"], name="one_alert_per_absence_run"
            )
        ]

    def __str__(self):
        return f"{self.trainee} — {self.course} ({self.first_missed.date})"


class CalendarFeed(models.Model):
    """A private calendar address (ICS) for one person; revoking makes a new one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"calendar of user {self.user_id}"
