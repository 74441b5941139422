import datetime

import factory
from django.utils import timezone

from parcours.courses.models import Course, Enrolment, Lesson, Weekday
from parcours.rooms.models import Room
from tests.people.factories import SiteFactory, TraineeFactory


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    site = factory.SubFactory(SiteFactory)
    name = factory.Sequence(lambda n: f"Salle {n}")
    seats = 10


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Atelier {n}")
    room = factory.SubFactory(RoomFactory)
    weekday = Weekday.TUESDAY
    start_time = datetime.time(14, 0)
    capacity = 8
    first_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(weeks=4))

    @factory.post_generation
    def trainers(self, create, extracted, **kwargs):
        if create and extracted:
            self.trainers.set(extracted)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    course = factory.SubFactory(CourseFactory)
    trainee = factory.SubFactory(TraineeFactory)


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    course = factory.SubFactory(CourseFactory)
    date = factory.LazyFunction(timezone.localdate)
    start_time = factory.LazyAttribute(lambda lesson: lesson.course.start_time)
    duration_minutes = factory.LazyAttribute(lambda lesson: lesson.course.duration_minutes)


def courses_at(site, count, prefix="Atelier", **kwargs):
    """`count` courses in one new room of `site`, titled "<prefix> 000"…, on Tuesdays from
    8 o'clock, six to an hour: by day and hour they come in the order made."""
    room = RoomFactory(site=site)
    return [
        CourseFactory(
            title=f"{prefix} {n:03d}",
            room=room,
            start_time=datetime.time(8 + n // 6, 0),
            **kwargs,
        )
        for n in range(count)
    ]
