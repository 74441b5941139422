"""What a trainee's path page shows: timeline, diagnostics compared, goals."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from parcours.core.reference import skill_labels
from parcours.courses.models import Attendance
from parcours.progress.models import Answer, Level, Skill


@dataclass
class Event:
    day: date
    kind: str
    text: str
    detail: str = ""


def timeline(trainee, limit=200):
    """Sessions with their notes, diagnostics and goals, newest first (bounded queries)."""
    labels = skill_labels()
    events = []
    attendances = (
        Attendance.objects.filter(trainee=trainee)
        .select_related("lesson__course")
        .order_by("-lesson__date")[:limit]
    )
    for attendance in attendances:
        skills = ", ".join(labels.get(code, code) for code in attendance.skills)
        events.append(
            Event(
                attendance.lesson.date,
                "session",
                f"{attendance.lesson.course.title} — {attendance.get_status_display()}",
                " · ".join(part for part in [attendance.note, skills] if part),
            )
        )
    for diagnostic in trainee.diagnostics.all():
        events.append(
            Event(
                diagnostic.started_at.date(),
                "diagnostic",
                _("Diagnostic terminé") if diagnostic.finished_at else _("Diagnostic commencé"),
            )
        )
    for goal in trainee.goals.select_related("milestone"):
        events.append(
            Event(goal.created_at.date(), "goal", _("Objectif : %(goal)s") % {"goal": goal.label})
        )
        if goal.reached_on:
            events.append(
                Event(goal.reached_on, "success", _("Réussite : %(goal)s") % {"goal": goal.label})
            )
    events.sort(key=lambda event: event.day, reverse=True)
    return events


@dataclass
class Comparison:
    skill: Skill
    first: int | None
    latest: int | None

    @property
    def moved(self):
        return self.first is not None and self.latest is not None and self.latest > self.first


def compare(trainee):
    """First and latest finished diagnostics, skill by skill (None when not answered)."""
    finished = list(trainee.diagnostics.filter(finished_at__isnull=False).order_by("finished_at"))
    if not finished:
        return None
    first, latest = finished[0], finished[-1]
    levels = {}
    for diagnostic_id, skill_id, level in Answer.objects.filter(
        diagnostic__in=[first.pk, latest.pk]
    ).values_list("diagnostic_id", "skill_id", "level"):
        levels[(diagnostic_id, skill_id)] = level
    rows = [
        Comparison(skill, levels.get((first.pk, skill.pk)), levels.get((latest.pk, skill.pk)))
        for skill in Skill.objects.select_related("domain")
    ]
    return {"first": first, "latest": latest, "rows": rows, "same": first.pk == latest.pk}


LEVEL_LABELS = dict(Level.choices)
