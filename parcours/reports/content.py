"""What a report says about each trainee, built from attendance, notes and goals.

`build(report, entries)` computes the content of several entries with a fixed number of
queries (one per kind of data, whatever the number of trainees). The content is plain
JSON, so that sending can freeze it in `ReportEntry.content`; `present(content)` turns
it into what templates show, in the current language (the PDF is rendered in the social
worker's).
"""

import datetime
from collections import defaultdict
from functools import cache

from django.utils import timezone
from django.utils.translation import get_language

from parcours.core.reference import skills_framework
from parcours.courses.models import Attendance
from parcours.courses.regularity import CAME, summarise

MISSED = {Attendance.Status.ABSENT, Attendance.Status.EXCUSED}


def _day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def build(report, entries):
    """{entry pk: content} for `entries` of `report`, as they stand now."""
    entries = list(entries)
    ids = [entry.trainee_id for entry in entries]
    start, end = report.period_start, report.period_end
    sessions = _sessions(ids, start, end)
    overall = _overall_regularity(ids, end)
    moved = _skills_moved(ids, start, end)
    goals = _goals_reached(ids, start, end)
    result = {}
    for entry in entries:
        own = sessions.get(entry.trainee_id, [])
        came = sum(1 for s in own if s["status"] in CAME)
        regularity = overall[entry.trainee_id]
        worked = []
        for session in own:
            worked += [code for code in session["skills"] if code not in worked]
        result[entry.pk] = {
            "period": [start.isoformat(), end.isoformat()],
            "sessions": own,
            "came": came,
            "missed": sum(1 for s in own if s["status"] in MISSED),
            "excused": sum(1 for s in own if s["status"] == Attendance.Status.EXCUSED),
            "rate": round(100 * came / len(own)) if own else None,
            "overall": {
                "recorded": regularity.recorded,
                "came": regularity.came,
                "rate": regularity.rate,
                "absences_in_a_row": regularity.absences_in_a_row,
            },
            "skills_worked": worked,
            "skills_moved": moved.get(entry.trainee_id, []),
            "goals_reached": goals.get(entry.trainee_id, []),
        }
    return result


def _sessions(ids, start, end):
    rows = (
        Attendance.objects.filter(
            trainee_id__in=ids, lesson__date__range=(start, end), lesson__cancelled=False
        )
        .order_by("lesson__date", "lesson__start_time")
        .values_list(
            "trainee_id", "lesson__date", "lesson__course__title", "status", "note", "skills"
        )
    )
    sessions = defaultdict(list)
    for trainee_id, day, course, status, note, skills in rows:
        sessions[trainee_id].append(
            {
                "date": day.isoformat(),
                "course": course,
                "status": status,
                "note": note,
                "skills": list(skills or []),
            }
        )
    return sessions


def _overall_regularity(ids, end):
    """Regularity since the first class, up to the period's end (all courses)."""
    rows = (
        Attendance.objects.filter(trainee_id__in=ids, lesson__cancelled=False)
        .filter(lesson__date__lte=end)
        .order_by("lesson__date", "lesson__start_time")
        .values_list("trainee_id", "status")
    )
    statuses = defaultdict(list)
    for trainee_id, status in rows:
        statuses[trainee_id].append(status)
    return {trainee_id: summarise(statuses.get(trainee_id, [])) for trainee_id in ids}


def _skills_moved(ids, start, end):
    """Skills whose level, as last assessed in the period, differs from before it."""
    from parcours.progress.models import Answer

    rows = (
        Answer.objects.filter(
            diagnostic__trainee_id__in=ids, answered_at__lt=_day_start(end + datetime.timedelta(1))
        )
        .order_by("answered_at", "pk")
        .values_list("diagnostic__trainee_id", "skill__code", "level", "answered_at")
    )
    period_start = _day_start(start)
    before, during = {}, {}
    for trainee_id, code, level, answered_at in rows:
        (during if answered_at >= period_start else before)[(trainee_id, code)] = level
    moved = defaultdict(list)
    for (trainee_id, code), level in during.items():
        previous = before.get((trainee_id, code))
        if previous != level:
            moved[trainee_id].append({"code": code, "from": previous, "to": level})
    return moved


def _goals_reached(ids, start, end):
    from parcours.progress.models import Goal

    goals = (
        Goal.objects.reached()
        .filter(trainee_id__in=ids, reached_on__range=(start, end))
        .select_related("milestone")
        .order_by("reached_on", "pk")
    )
    reached = defaultdict(list)
    for goal in goals:
        milestone = goal.milestone
        french = milestone.label_fr if milestone else ""
        english = (milestone.label_en or french) if milestone else ""
        reached[goal.trainee_id].append(
            {
                "fr": goal.own_words or french,
                "en": goal.own_words or english,
                "reached_on": goal.reached_on.isoformat(),
            }
        )
    return reached


# --- presenting -------------------------------------------------------------------


def _english():
    return (get_language() or "fr").startswith("en")


@cache
def _framework_labels():
    framework = skills_framework()
    skills = {
        skill["code"]: (skill["fr"], skill.get("en") or skill["fr"])
        for domain in framework["domains"]
        for skill in domain["skills"]
    }
    levels = {level["value"]: (level["fr"], level["en"]) for level in framework["levels"]}
    return skills, levels


def skill_label(code):
    skills, _levels = _framework_labels()
    labels = skills.get(code)
    if labels is None:
        return code
    return labels[1] if _english() else labels[0]


def level_label(value):
    _skills, levels = _framework_labels()
    labels = levels.get(value)
    if labels is None:
        return "—"
    return labels[1] if _english() else labels[0]


def present(content):
    """`content` with dates, statuses, skills and levels ready to show."""
    if not content:
        return None
    statuses = dict(Attendance.Status.choices)
    english = _english()
    return {
        **content,
        "sessions": [
            {
                **session,
                "date": datetime.date.fromisoformat(session["date"]),
                "status_label": statuses.get(session["status"], session["status"]),
                "came": session["status"] in CAME,
                "skill_labels": [skill_label(code) for code in session["skills"]],
            }
            for session in content["sessions"]
        ],
        "skills_worked": [skill_label(code) for code in content["skills_worked"]],
        "skills_moved": [
            {
                "skill": skill_label(move["code"]),
                "from": level_label(move["from"]),
                "to": level_label(move["to"]),
            }
            for move in content["skills_moved"]
        ],
        "goals_reached": [
            {
                "label": goal["en"] if english else goal["fr"],
                "reached_on": datetime.date.fromisoformat(goal["reached_on"]),
            }
            for goal in content["goals_reached"]
        ],
    }


def sections(report, entries):
    """(entry, presented content) for each entry: frozen content once sent, else live."""
    entries = list(entries)
    live = build(report, entries) if report.is_draft else {}
    return [
        (entry, present(entry.content if report.is_sent else live[entry.pk])) for entry in entries
    ]
