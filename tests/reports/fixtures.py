"""Fixtures of the reports tests, also used by the access table (tests/conftest.py loads them)."""

import datetime

import pytest
from django.utils import timezone

from parcours.reports.models import Rhythm
from parcours.reports.periods import last_ended_period


def weeks_ago(n):
    """(Monday, Sunday) of the week `n` weeks before the current one."""
    start, end = last_ended_period(Rhythm.WEEKLY)
    shift = datetime.timedelta(weeks=n - 1)
    return start - shift, end - shift


@pytest.fixture
def last_week():
    return weeks_ago(1)


@pytest.fixture
def amina_since_a_while(enrolment):
    """Amina's enrolment in the trainer's course, started eight weeks ago."""
    enrolment.start_date = timezone.localdate() - datetime.timedelta(weeks=8)
    enrolment.save(update_fields=["start_date"])
    return enrolment


def attend(course, trainee, day, status="present", note="", skills=()):
    from parcours.courses.models import Attendance, Lesson

    lesson, _created = Lesson.objects.get_or_create(
        course=course, date=day, start_time=course.start_time
    )
    return Attendance.objects.create(
        lesson=lesson, trainee=trainee, status=status, note=note, skills=list(skills)
    )


@pytest.fixture
def draft_report(amina_since_a_while, social_worker, trainee):
    """A draft for social_worker, two weeks ago, where Amina came once."""
    from parcours.reports.actions import prepare_report

    start, end = weeks_ago(2)
    attend(amina_since_a_while.course, trainee, start + datetime.timedelta(days=1))
    report, _created = prepare_report(
        social_worker=social_worker, start=start, end=end, rhythm=Rhythm.WEEKLY
    )
    return report


@pytest.fixture
def draft_entry(draft_report, trainee):
    return draft_report.entries.get(trainee=trainee)


@pytest.fixture
def sent_report(amina_since_a_while, social_worker, trainee, trainer):
    """Last week's report to social_worker, sent by the trainer: Amina came on Tuesday
    and missed Thursday."""
    from parcours.reports.actions import deliver_report, prepare_report

    start, end = weeks_ago(1)
    course = amina_since_a_while.course
    attend(
        course,
        trainee,
        start + datetime.timedelta(days=1),
        note="Adresse e-mail créée.",
        skills=["talk.email"],
    )
    attend(course, trainee, start + datetime.timedelta(days=3), status="absent")
    report, _created = prepare_report(
        social_worker=social_worker, start=start, end=end, rhythm=Rhythm.WEEKLY
    )
    deliver_report(report=report, by=trainer)
    report.refresh_from_db()
    return report


@pytest.fixture
def two_courses_report(draft_report, social_worker, other_trainer, site):
    """Nadia, also referred by social_worker, is in another trainer's course."""
    from tests.courses.factories import CourseFactory, EnrolmentFactory, RoomFactory
    from tests.people.factories import TraineeFactory

    course = CourseFactory(room=RoomFactory(site=site), trainers=[other_trainer])
    nadia = TraineeFactory(first_name="Nadia", site=site, referrer=social_worker)
    enrolment = EnrolmentFactory(course=course, trainee=nadia)
    enrolment.start_date = draft_report.period_start
    enrolment.save()
    attend(course, nadia, draft_report.period_start + datetime.timedelta(days=2))
    draft_report.entries.create(trainee=nadia)
    return draft_report
