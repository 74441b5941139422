"""Dated lessons generated ahead from each weekly course.

A rolling horizon (eight weeks) is kept filled by the worker every day. French public
holidays and the closures the coordinator entered are skipped. Generation is
idempotent: running it twice creates nothing new, and it never re-creates a lesson
that was cancelled (the cancelled row stays and blocks the slot).
"""

import datetime

import holidays
from django.db.models import Q
from django.utils import timezone

from parcours.courses.models import Closure, Course, Lesson

HORIZON_WEEKS = 8


def french_holidays(years):
    return holidays.France(years=years)


def closed_days(course, start, end):
    closures = Closure.objects.filter(
        Q(site__isnull=True) | Q(site=course.room.site_id), start_date__lte=end, end_date__gte=start
    )
    days = set()
    for closure in closures:
        day = max(closure.start_date, start)
        while day <= min(closure.end_date, end):
            days.add(day)
            day += datetime.timedelta(days=1)
    return days


def planned_dates(course, start, end):
    """The course's weekdays between start and end, without holidays and closures."""
    start = max(start, course.first_date)
    if course.last_date:
        end = min(end, course.last_date)
    if end < start:
        return []
    first = start + datetime.timedelta(days=(course.weekday - start.weekday()) % 7)
    public = french_holidays(range(start.year, end.year + 1))
    closed = closed_days(course, start, end)
    dates = []
    day = first
    while day <= end:
        if day not in public and day not in closed:
            dates.append(day)
        day += datetime.timedelta(weeks=1)
    return dates


def generate_lessons(course, *, today=None, weeks=HORIZON_WEEKS, since=None):
    """Create the missing lessons of `course` up to `weeks` ahead; returns how many."""
    today = today or timezone.localdate()
    start = since or today
    wanted = planned_dates(course, start, today + datetime.timedelta(weeks=weeks))
    existing = set(
        course.lessons.filter(date__gte=start, start_time=course.start_time).values_list(
            "date", flat=True
        )
    )
    new = [
        Lesson(
            course=course,
            date=day,
            start_time=course.start_time,
            duration_minutes=course.duration_minutes,
        )
        for day in wanted
        if day not in existing
    ]
    Lesson.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def generate_all(today=None):
    total = 0
    for course in Course.objects.running(today).select_related("room"):
        total += generate_lessons(course, today=today)
    return total
