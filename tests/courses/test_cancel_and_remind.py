import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from parcours.courses.actions import send_lesson_reminders
from parcours.courses.models import Attendance, Course, Lesson
from parcours.notifications.models import Notification, OutgoingMessage
from tests.courses.factories import EnrolmentFactory, RoomFactory
from tests.people.factories import TraineeFactory


@pytest.fixture
def tomorrow_lesson(course, enrolment):
    enrolment.start_date = timezone.localdate() - datetime.timedelta(weeks=1)
    enrolment.save()
    return Lesson.objects.create(
        course=course,
        date=timezone.localdate() + datetime.timedelta(days=1),
        start_time=course.start_time,
    )


def test_cancelling_tells_enrolled_trainees_by_their_channel_and_the_trainers(
    client,
    coordinator,
    trainer,
    tomorrow_lesson,
    trainee,
    django_capture_on_commit_callbacks,
    run_tasks,
):
    trainee.phone = "+33612345678"
    trainee.reminders = "sms"
    trainee.save()
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("courses:lesson_cancel", args=[tomorrow_lesson.pk]),
            {"reason": "Salle en travaux"},
        )
    tomorrow_lesson.refresh_from_db()
    assert tomorrow_lesson.cancelled
    message = OutgoingMessage.objects.get(kind="cancellation")
    assert (message.channel, message.to, message.trainee) == ("sms", "+33612345678", trainee)
    assert "Amina" in message.body and "Rakoto" not in message.body
    assert Notification.objects.filter(recipient=trainer, text__contains="annulée").exists()
    run_tasks()
    message.refresh_from_db()
    assert message.status == "sent"


def test_cancelling_needs_a_reason(client, trainer, tomorrow_lesson):
    client.force_login(trainer)
    response = client.post(
        reverse("courses:lesson_cancel", args=[tomorrow_lesson.pk]), {"reason": ""}, follow=True
    )
    assert "Indiquez la raison" in response.text
    tomorrow_lesson.refresh_from_db()
    assert not tomorrow_lesson.cancelled


def test_reminders_go_once_to_each_enrolled_trainee_who_wants_them(
    tomorrow_lesson, trainee, course, django_capture_on_commit_callbacks
):
    trainee.email = "amina@example.org"
    trainee.reminders = "email"
    trainee.save()
    silent = TraineeFactory(site=course.room.site, reminders="none", phone="+33611111111")
    EnrolmentFactory(
        course=course, trainee=silent, start_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    excused = TraineeFactory(site=course.room.site, phone="+33622222222")
    EnrolmentFactory(
        course=course, trainee=excused, start_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    Attendance.objects.create(lesson=tomorrow_lesson, trainee=excused, status="excused")
    with django_capture_on_commit_callbacks(execute=True):
        assert send_lesson_reminders(day=tomorrow_lesson.date) == 1
        assert send_lesson_reminders(day=tomorrow_lesson.date) == 0  # claimed already
    message = OutgoingMessage.objects.get(kind="reminder")
    assert (message.channel, message.to) == ("email", "amina@example.org")


def test_no_reminder_for_a_cancelled_lesson(tomorrow_lesson, trainee):
    trainee.phone = "+33612345678"
    trainee.save()
    tomorrow_lesson.cancelled = True
    tomorrow_lesson.save()
    assert send_lesson_reminders(day=tomorrow_lesson.date) == 0
    assert not OutgoingMessage.objects.exists()


def test_coordinator_creates_a_course_within_the_room_seats_and_its_lessons_appear(
    client, coordinator, site, trainer
):
    room = RoomFactory(site=site, seats=6)
    client.force_login(coordinator)
    data = {
        "title": "Atelier du mercredi",
        "room": room.pk,
        "weekday": "2",
        "start_time": "10:00",
        "duration_minutes": "60",
        "capacity": "8",
        "first_date": timezone.localdate().isoformat(),
        "trainers": [trainer.pk],
    }
    response = client.post(reverse("courses:course_create"), data)
    assert "La salle n&#x27;a que 6 places" in response.text
    assert 'value="Atelier du mercredi"' in response.text
    data["capacity"] = "6"
    response = client.post(reverse("courses:course_create"), data)
    course = Course.objects.get(title="Atelier du mercredi")
    assert response.url == reverse("courses:course_detail", args=[course.pk])
    assert 7 <= course.lessons.count() <= 9


def test_an_extra_session_can_be_added_once(client, coordinator, course):
    client.force_login(coordinator)
    day = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    data = {"date": day, "start_time": "16:00", "duration_minutes": "90"}
    client.post(reverse("courses:course_extra_lesson", args=[course.pk]), data)
    lesson = Lesson.objects.get(course=course, extra=True)
    assert lesson.duration_minutes == 90
    response = client.post(
        reverse("courses:course_extra_lesson", args=[course.pk]), data, follow=True
    )
    assert "Il y a déjà une séance" in response.text


def test_a_closure_removes_the_future_lessons_it_covers(client, coordinator, course):
    from parcours.courses import schedule

    schedule.generate_lessons(course)
    before = course.lessons.count()
    start = timezone.localdate() + datetime.timedelta(days=1)
    client.force_login(coordinator)
    client.post(
        reverse("courses:closures"),
        {
            "reason": "Vacances",
            "start_date": start.isoformat(),
            "end_date": (start + datetime.timedelta(days=13)).isoformat(),
        },
    )
    assert course.lessons.count() == before - 2


def test_moving_a_course_moves_its_future_lessons_and_keeps_the_past(
    client, coordinator, course, trainee
):
    from parcours.courses import schedule

    course.first_date = timezone.localdate() - datetime.timedelta(weeks=3)
    course.save()
    schedule.generate_lessons(course, since=course.first_date)
    past = course.lessons.filter(date__lt=timezone.localdate()).first()
    Attendance.objects.create(lesson=past, trainee=trainee, status="present")
    client.force_login(coordinator)
    page = client.get(reverse("courses:course_edit", args=[course.pk])).text
    assert f'value="{course.first_date.isoformat()}"' in page  # the date field keeps its value
    assert 'value="14:00"' in page
    data = {
        "title": course.title,
        "room": course.room_id,
        "weekday": "4",
        "start_time": "10:00",
        "duration_minutes": "60",
        "capacity": "8",
        "first_date": course.first_date.isoformat(),
        "last_date": "",
        "trainers": [t.pk for t in course.trainers.all()],
    }
    client.post(reverse("courses:course_edit", args=[course.pk]), data)
    future = course.lessons.filter(date__gte=timezone.localdate())
    assert {(lesson.date.weekday(), lesson.start_time.hour) for lesson in future} == {(4, 10)}
    assert Lesson.objects.filter(pk=past.pk).exists()
