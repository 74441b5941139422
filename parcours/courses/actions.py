"""Operations on courses, lessons and attendance: one transaction each."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from parcours.courses.models import AbsenceAlert, Attendance, Enrolment, Lesson
from parcours.notifications.send import in_language_of, notify
from parcours.people.models import Sharing, User


def end_enrolment(*, actor, enrolment):
    """Free the seat; if someone waits for this course, prompt the coordinators."""
    from parcours.referrals.models import Referral

    with transaction.atomic():
        enrolment.end_date = timezone.localdate()
        enrolment.save(update_fields=["end_date"])
        referrer = enrolment.trainee.referrer
        if referrer is not None and referrer.is_active:
            with in_language_of(referrer):
                text = _("L'inscription de %(name)s à « %(course)s » est terminée.") % {
                    "name": enrolment.trainee.full_name,
                    "course": enrolment.course.title,
                }
            notify(
                referrer,
                text=text,
                url=reverse("people:trainee_detail", args=[enrolment.trainee_id]),
            )
        next_referral = Referral.objects.waiting_for(enrolment.course).first()
        if next_referral is not None:
            for coordinator in User.objects.filter(role=User.Role.COORDINATOR, is_active=True):
                with in_language_of(coordinator):
                    text = _(
                        "Une place s'est libérée dans « %(course)s ». Prochaine personne : %(name)s."
                    ) % {"course": enrolment.course.title, "name": next_referral.full_name}
                notify(
                    coordinator, text=text, url=reverse("referrals:detail", args=[next_referral.pk])
                )
    return next_referral


# --- attendance ---------------------------------------------------------------


def record_attendance(*, actor, lesson, trainee, status, walk_in=False):
    """Save one trainee's attendance (a tap on the roster); alert on repeated absences."""
    with transaction.atomic():
        attendance, _created = Attendance.objects.update_or_create(
            lesson=lesson,
            trainee=trainee,
            defaults={"status": status, "recorded_by": actor},
            create_defaults={"status": status, "recorded_by": actor, "walk_in": walk_in},
        )
        if status == Attendance.Status.ABSENT:
            _alert_on_absence_run(lesson.course, trainee)
    return attendance


def save_note(*, actor, attendance, note, skills):
    attendance.note = note
    attendance.skills = skills
    attendance.recorded_by = actor
    attendance.save(update_fields=["note", "skills", "recorded_by", "updated_at"])
    return attendance


def absence_run(course, trainee):
    """The lessons of the current run of unexcused absences, oldest first."""
    recent = (
        Attendance.objects.filter(trainee=trainee, lesson__course=course, lesson__cancelled=False)
        .select_related("lesson")
        .order_by("-lesson__date", "-lesson__start_time")[:50]
    )
    run = []
    for attendance in recent:
        if attendance.status != Attendance.Status.ABSENT:
            break
        run.append(attendance.lesson)
    return list(reversed(run))


def _alert_on_absence_run(course, trainee):
    run = absence_run(course, trainee)
    if len(run) < settings.ABSENCE_ALERT_AFTER:
        return None
    alert, created = AbsenceAlert.objects.get_or_create(
        trainee=trainee, course=course, first_missed=run[0]
    )
    if not created:
        return None  # this run was already told about: once is enough
    recipients = list(course.trainers.filter(is_active=True))
    # The referrer hears of attendance only if the person agreed.
    if trainee.referrer and trainee.referrer.is_active and trainee.sharing == Sharing.CONFIRMED:
        recipients.append(trainee.referrer)
    for recipient in recipients:
        with in_language_of(recipient):
            text = _("%(name)s a manqué %(count)s séances de suite de « %(course)s ».") % {
                "name": trainee.full_name,
                "count": len(run),
                "course": course.title,
            }
            email_text = _("%(first_name)s a manqué plusieurs séances de suite.") % {
                "first_name": trainee.first_name
            }
        notify(
            recipient,
            text=text,
            url=reverse("people:trainee_detail", args=[trainee.pk]),
            email_text=email_text,
        )
    return alert


def excuse_in_advance(*, trainee, lesson):
    """ "I can't come": an excused absence, and the trainers are told."""
    if lesson.date < timezone.localdate() or lesson.cancelled:
        raise ValidationError(_("Cette séance est passée ou annulée."))
    with transaction.atomic():
        attendance, _created = Attendance.objects.update_or_create(
            lesson=lesson,
            trainee=trainee,
            defaults={"status": Attendance.Status.EXCUSED, "recorded_by": trainee.user},
        )
        for trainer in lesson.course.trainers.filter(is_active=True):
            with in_language_of(trainer):
                text = _("%(name)s ne peut pas venir le %(date)s (« %(course)s »).") % {
                    "name": trainee.full_name,
                    "date": formats.date_format(lesson.date, "l j F"),
                    "course": lesson.course.title,
                }
            notify(trainer, text=text, url=reverse("courses:lesson", args=[lesson.pk]))
    return attendance


# --- lessons -------------------------------------------------------------------------


def cancel_lesson(*, actor, lesson, reason):
    """Cancel a lesson; tell the enrolled trainees (their channel) and the trainers."""
    from parcours.notifications.send import message_trainee

    with transaction.atomic():
        lesson.cancelled = True
        lesson.cancel_reason = reason
        lesson.save(update_fields=["cancelled", "cancel_reason"])
        for enrolment in _enrolled_on(lesson).select_related("trainee__user"):
            trainee = enrolment.trainee
            with in_language_of(trainee.user):
                body = _(
                    "Bonjour %(first_name)s. L'atelier du %(date)s est annulé. À la semaine suivante !"
                ) % {
                    "first_name": trainee.first_name,
                    "date": formats.date_format(lesson.date, "l j F"),
                }
                subject = _("Atelier annulé")
            message_trainee(trainee, kind="cancellation", subject=subject, body=body)
        for trainer in lesson.course.trainers.filter(is_active=True).exclude(pk=actor.pk):
            with in_language_of(trainer):
                text = _("La séance du %(date)s de « %(course)s » est annulée.") % {
                    "date": formats.date_format(lesson.date, "l j F"),
                    "course": lesson.course.title,
                }
            notify(trainer, text=text, url=reverse("courses:lesson", args=[lesson.pk]))
    return lesson


def save_course(*, form):
    """Save a course; when its slot moved, re-plan the future lessons that nothing
    recorded yet (no attendance), so the old slot does not stay beside the new one."""
    from parcours.courses import schedule

    slot_fields = {"weekday", "start_time", "duration_minutes", "first_date", "last_date", "room"}
    moved = form.instance.pk is not None and bool(slot_fields & set(form.changed_data))
    with transaction.atomic():
        course = form.save()
        if moved:
            Lesson.objects.filter(
                course=course, date__gte=timezone.localdate(), extra=False, attendances__isnull=True
            ).delete()
        schedule.generate_lessons(course)
    return course


def add_extra_lesson(*, course, date, start_time, duration_minutes):
    lesson, created = Lesson.objects.get_or_create(
        course=course,
        date=date,
        start_time=start_time,
        defaults={"duration_minutes": duration_minutes, "extra": True},
    )
    if not created:
        raise ValidationError(_("Il y a déjà une séance à cette date et à cette heure."))
    return lesson


def _enrolled_on(lesson):
    return Enrolment.objects.filter(course=lesson.course, start_date__lte=lesson.date).exclude(
        end_date__lt=lesson.date
    )


def send_lesson_reminders(*, day):
    """Remind the trainees of each lesson on `day`; each lesson is claimed once."""
    from parcours.notifications.send import message_trainee

    sent = 0
    for lesson in Lesson.objects.held().on(day).select_related("course__room__site"):
        claimed = Lesson.objects.filter(pk=lesson.pk, reminders_sent_at__isnull=True).update(
            reminders_sent_at=timezone.now()
        )
        if not claimed:
            continue  # another worker, or an earlier run, took it
        excused = set(
            lesson.attendances.filter(status=Attendance.Status.EXCUSED).values_list(
                "trainee_id", flat=True
            )
        )
        for enrolment in _enrolled_on(lesson).select_related("trainee__user"):
            trainee = enrolment.trainee
            if trainee.pk in excused:
                continue
            with in_language_of(trainee.user):
                body = _(
                    "Bonjour %(first_name)s. Atelier demain %(day)s à %(time)s, %(place)s. À demain !"
                ) % {
                    "first_name": trainee.first_name,
                    "day": formats.date_format(lesson.date, "l j F"),
                    "time": formats.time_format(lesson.start_time),
                    "place": lesson.course.room.site.name,
                }
                subject = _("Rappel : atelier demain")
            if message_trainee(trainee, kind="reminder", subject=subject, body=body):
                sent += 1
    return sent


def next_lesson_for(trainee, today=None):
    today = today or timezone.localdate()
    return (
        Lesson.objects.held()
        .filter(
            course__enrolments__trainee=trainee,
            course__enrolments__end_date__isnull=True,
            date__gte=today,
        )
        .select_related("course__room__site")
        .order_by("date", "start_time")
        .first()
    )
