from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from parcours import access
from parcours.core.http import id_param
from parcours.core.reference import skill_choices, skill_labels
from parcours.courses import actions
from parcours.courses.forms import (
    CancelForm,
    ClosureForm,
    CourseForm,
    ExtraLessonForm,
    NoteForm,
    SiteFilterForm,
)
from parcours.courses.models import Attendance, Closure, Course, Enrolment
from parcours.courses.regularity import regularity_by_trainee
from parcours.rooms.readiness import readiness_for_lessons

# --- today and the roster ---------------------------------------------------------


@access.require(access.may_see_courses)
def today(request):
    """The trainer's page ten minutes before class: today's lessons, one tap away."""
    day = timezone.localdate()
    lessons = (
        access.lessons_for(request.user)
        .on(day)
        .select_related("course__room__site")
        .order_by("start_time")
    )
    upcoming = (
        access.lessons_for(request.user)
        .filter(date__gt=day)
        .held()
        .select_related("course__room__site")
        .order_by("date", "start_time")[:5]
    )
    ctx = {
        "lessons": lessons,
        "upcoming": upcoming,
        "day": day,
        "readiness": readiness_for_lessons(lessons),
    }
    return render(request, "courses/today.html", ctx)


def _roster(lesson):
    """Enrolled trainees on the lesson's date, then walk-ins, each with attendance and regularity."""
    enrolments = (
        Enrolment.objects.filter(course=lesson.course, start_date__lte=lesson.date)
        .exclude(end_date__lt=lesson.date)
        .select_related("trainee__user")
        .order_by("trainee__first_name", "trainee__last_name")
    )
    attendances = {a.trainee_id: a for a in lesson.attendances.select_related("trainee__user")}
    trainees = [e.trainee for e in enrolments]
    enrolled_ids = {t.pk for t in trainees}
    trainees += [a.trainee for a in attendances.values() if a.trainee_id not in enrolled_ids]
    regularity = regularity_by_trainee(lesson.course, [t.pk for t in trainees], until=lesson.date)
    return [
        {"trainee": t, "attendance": attendances.get(t.pk), "regularity": regularity[t.pk]}
        for t in trainees
    ]


def _counts(rows):
    came = sum(1 for row in rows if row["attendance"] and row["attendance"].came)
    return {"present": came, "total": len(rows)}


@never_cache
@vary_on_headers("HX-Request")
def lesson(request, pk):
    lesson = access.get_lesson_for(request.user, pk, attendance=True)
    rows = _roster(lesson)
    enrolled = {row["trainee"].pk for row in rows}
    walk_in_choices = (
        access.trainees_for(request.user)
        .active()
        .filter(site=lesson.course.room.site_id)
        .exclude(pk__in=enrolled)
        .order_by("first_name", "last_name")
    )
    ctx = {
        "uses_htmx": True,
        "lesson": lesson,
        "rows": rows,
        "statuses": Attendance.Status.choices,
        "walk_in_choices": walk_in_choices,
        "cancel_form": CancelForm(),
        "skill_labels": skill_labels(),
        "counts": _counts(rows),
    }
    return render(request, "courses/lesson.html", ctx)


@require_POST
def lesson_attendance(request, pk, trainee_pk):
    lesson = access.get_lesson_for(request.user, pk, attendance=True)
    trainee = get_object_or_404(access.trainees_for(request.user), pk=trainee_pk)
    status = request.POST.get("status")
    if status not in Attendance.Status.values:
        messages.error(request, _("Choisissez présent·e, en retard, excusé·e ou absent·e."))
        return redirect("courses:lesson", pk=lesson.pk)
    if lesson.cancelled:
        messages.error(request, _("Cette séance est annulée."))
        return redirect("courses:lesson", pk=lesson.pk)
    actions.record_attendance(actor=request.user, lesson=lesson, trainee=trainee, status=status)
    if request.htmx:
        rows = _roster(lesson)
        ctx = {
            "lesson": lesson,
            "row": next(row for row in rows if row["trainee"].pk == trainee.pk),
            "statuses": Attendance.Status.choices,
            "skill_labels": skill_labels(),
            "counts": _counts(rows),
            "oob": True,
        }
        # The row, and the "n présent·es" line swapped out of band.
        row_html = render_to_string("courses/lesson.html#row", ctx, request=request)
        count_html = render_to_string("courses/lesson.html#count", ctx, request=request)
        return HttpResponse(row_html + count_html)
    return redirect(reverse("courses:lesson", args=[lesson.pk]) + f"#trainee-{trainee.pk}")


@require_POST
def lesson_walk_in(request, pk):
    lesson = access.get_lesson_for(request.user, pk, attendance=True)
    trainee = get_object_or_404(
        access.trainees_for(request.user), pk=id_param(request.POST, "trainee")
    )
    actions.record_attendance(
        actor=request.user,
        lesson=lesson,
        trainee=trainee,
        status=Attendance.Status.PRESENT,
        walk_in=True,
    )
    messages.success(request, _("%(name)s est ajouté·e à la séance.") % {"name": trainee.full_name})
    return redirect(reverse("courses:lesson", args=[lesson.pk]) + f"#trainee-{trainee.pk}")


def lesson_note(request, pk, trainee_pk):
    lesson = access.get_lesson_for(request.user, pk, attendance=True)
    attendance = get_object_or_404(
        lesson.attendances.select_related("trainee"), trainee_id=trainee_pk
    )
    if not access.trainees_for(request.user).filter(pk=attendance.trainee_id).exists():
        raise Http404
    initial = {"note": attendance.note}
    for code, _label, choices in skill_choices():
        initial[f"skills_{code}"] = [
            value for value, _text in choices if value in attendance.skills
        ]
    form = NoteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.save_note(
            actor=request.user,
            attendance=attendance,
            note=form.cleaned_data["note"],
            skills=form.skills(),
        )
        messages.success(request, _("Note enregistrée."))
        return redirect(
            reverse("courses:lesson", args=[lesson.pk]) + f"#trainee-{attendance.trainee_id}"
        )
    return render(
        request, "courses/note.html", {"lesson": lesson, "attendance": attendance, "form": form}
    )


@require_POST
def lesson_cancel(request, pk):
    lesson = access.get_lesson_for(request.user, pk, attendance=True)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["reason"]))
    elif lesson.cancelled:
        messages.info(request, _("Cette séance était déjà annulée."))
    else:
        actions.cancel_lesson(actor=request.user, lesson=lesson, reason=form.cleaned_data["reason"])
        messages.success(request, _("Séance annulée ; les stagiaires sont prévenus."))
    return redirect("courses:lesson", pk=lesson.pk)


# --- courses (coordinator) -------------------------------------------------------------


# A page at a time, and a filter by place: a national network runs 1,800 courses.
COURSES_PER_PAGE = 50


@access.require(access.may_see_courses)
def course_list(request):
    visible = access.courses_for(request.user)
    site_form = SiteFilterForm(request.GET, sites=visible.sites())
    courses = (
        site_form.filter(visible)
        .order_by("weekday", "start_time", "pk")
        .with_seats()
        .select_related("room__site")
        .prefetch_related("trainers")
    )
    ctx = {
        "courses": Paginator(courses, COURSES_PER_PAGE).get_page(request.GET.get("page")),
        "site_form": site_form,
        "may_manage": access.may_manage_courses(request.user),
    }
    return render(request, "courses/course_list.html", ctx)


def course_detail(request, pk):
    if not access.may_see_courses(request.user):
        raise Http404
    course = get_object_or_404(
        access.courses_for(request.user).with_seats().select_related("room__site"), pk=pk
    )
    today = timezone.localdate()
    enrolments = list(
        course.enrolments.current().select_related("trainee").order_by("trainee__first_name")
    )
    regularity = regularity_by_trainee(course, [e.trainee_id for e in enrolments])
    ctx = {
        "course": course,
        "lessons": course.lessons.filter(date__gte=today).order_by("date", "start_time")[:10],
        "past": course.lessons.filter(date__lt=today).order_by("-date", "-start_time")[:5],
        "rows": [{"enrolment": e, "regularity": regularity[e.trainee_id]} for e in enrolments],
        "may_manage": access.may_manage_courses(request.user),
        "extra_form": ExtraLessonForm(),
    }
    return render(request, "courses/course_detail.html", ctx)


@access.require(access.may_manage_courses)
def course_form(request, pk=None):
    course = get_object_or_404(Course, pk=pk) if pk else None
    form = CourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        course = actions.save_course(form=form)
        messages.success(request, _("Atelier enregistré ; ses séances sont prévues."))
        return redirect("courses:course_detail", pk=course.pk)
    return render(request, "courses/course_form.html", {"form": form, "course": course})


@require_POST
@access.require(access.may_manage_courses)
def course_extra_lesson(request, pk):
    course = get_object_or_404(Course, pk=pk)
    form = ExtraLessonForm(request.POST)
    if form.is_valid():
        try:
            lesson = actions.add_extra_lesson(course=course, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Séance ajoutée."))
            return redirect("courses:lesson", pk=lesson.pk)
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("courses:course_detail", pk=course.pk)


@access.require(access.may_manage_courses)
def closures(request):
    form = ClosureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        closure = form.save()
        removed = _drop_lessons_in(closure)
        messages.success(
            request, _("Fermeture enregistrée ; %(n)s séance(s) retirée(s).") % {"n": removed}
        )
        return redirect("courses:closures")
    ctx = {
        "form": form,
        "closures": Closure.objects.select_related("site").order_by("-start_date")[:50],
    }
    return render(request, "courses/closures.html", ctx)


def _drop_lessons_in(closure):
    """Future lessons on closed days, with no attendance yet, are removed."""
    from parcours.courses.models import Lesson

    lessons = Lesson.objects.filter(
        date__gte=max(closure.start_date, timezone.localdate()),
        date__lte=closure.end_date,
        attendances__isnull=True,
    )
    if closure.site_id:
        lessons = lessons.filter(course__room__site=closure.site_id)
    deleted, _detail = lessons.delete()
    return deleted


# --- the trainee's side --------------------------------------------------------------------


@require_POST
def cannot_come(request, pk):
    """ "Je ne peux pas venir": an excused absence, told to the trainer."""
    trainee = access.get_own_trainee(request.user)
    lesson = get_object_or_404(access.lessons_for(request.user), pk=pk)
    try:
        actions.excuse_in_advance(trainee=trainee, lesson=lesson)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("C'est noté. Le formateur ou la formatrice est prévenu·e."))
    return redirect("people:home")
