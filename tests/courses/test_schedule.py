import datetime

from parcours.courses import schedule
from parcours.courses.models import Closure, Lesson, Weekday
from tests.courses.factories import CourseFactory


def test_lessons_are_generated_eight_weeks_ahead_skipping_holidays_and_closures(db):
    # Tuesdays from 2026-12-01; 2026-12-22 is closed; 2026-12-29 too (one closure).
    course = CourseFactory(weekday=Weekday.TUESDAY, first_date=datetime.date(2026, 11, 1))
    Closure.objects.create(
        reason="Fêtes", start_date=datetime.date(2026, 12, 21), end_date=datetime.date(2027, 1, 2)
    )
    created = schedule.generate_lessons(course, today=datetime.date(2026, 11, 30))
    dates = list(course.lessons.values_list("date", flat=True))
    assert dates == [
        datetime.date(2026, 12, 1),
        datetime.date(2026, 12, 8),
        datetime.date(2026, 12, 15),
        datetime.date(2027, 1, 5),
        datetime.date(2027, 1, 12),
        datetime.date(2027, 1, 19),
    ]
    assert created == 6


def test_french_public_holidays_are_skipped(db):
    # 2027-11-11 (Armistice) is a Thursday.
    course = CourseFactory(weekday=Weekday.THURSDAY, first_date=datetime.date(2027, 11, 1))
    schedule.generate_lessons(course, today=datetime.date(2027, 11, 1), weeks=3)
    dates = list(course.lessons.values_list("date", flat=True))
    assert datetime.date(2027, 11, 11) not in dates
    assert datetime.date(2027, 11, 4) in dates and datetime.date(2027, 11, 18) in dates


def test_generating_twice_creates_nothing_new_and_keeps_cancellations(db):
    course = CourseFactory(first_date=datetime.date(2026, 11, 1))
    schedule.generate_lessons(course, today=datetime.date(2026, 11, 2))
    first = Lesson.objects.filter(course=course).order_by("date").first()
    first.cancelled = True
    first.save()
    assert schedule.generate_lessons(course, today=datetime.date(2026, 11, 2)) == 0
    assert Lesson.objects.filter(course=course, date=first.date).count() == 1
    assert Lesson.objects.get(pk=first.pk).cancelled


def test_a_course_ends_on_its_last_date(db):
    course = CourseFactory(
        first_date=datetime.date(2026, 11, 1), last_date=datetime.date(2026, 11, 20)
    )
    schedule.generate_lessons(course, today=datetime.date(2026, 11, 1))
    assert course.lessons.count() == 3  # the 3rd, 10th and 17th
