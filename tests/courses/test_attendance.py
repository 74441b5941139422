import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from parcours.courses.models import AbsenceAlert, Attendance, Lesson
from parcours.notifications.models import Notification
from tests.courses.factories import EnrolmentFactory
from tests.people.factories import TraineeFactory


@pytest.fixture
def lesson(course, enrolment):
    enrolment.start_date = timezone.localdate() - datetime.timedelta(weeks=10)
    enrolment.save()
    return Lesson.objects.create(
        course=course, date=timezone.localdate(), start_time=course.start_time
    )


def without_csrf(html):
    # The CSRF token is masked afresh on every render.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken"', html)


def past_lessons(course, count):
    today = timezone.localdate()
    return [
        Lesson.objects.create(
            course=course,
            date=today - datetime.timedelta(weeks=count - i),
            start_time=course.start_time,
        )
        for i in range(count)
    ]


def test_today_page_lists_the_trainer_lessons_of_the_day(client, trainer, lesson, other_trainer):
    client.force_login(trainer)
    response = client.get(reverse("courses:today"))
    assert lesson.course.title in response.text
    client.force_login(other_trainer)
    assert lesson.course.title not in client.get(reverse("courses:today")).text


def test_one_tap_records_attendance_without_javascript(client, trainer, lesson, trainee):
    client.force_login(trainer)
    url = reverse("courses:lesson_attendance", args=[lesson.pk, trainee.pk])
    response = client.post(url, {"status": "present"})
    assert response.url == reverse("courses:lesson", args=[lesson.pk]) + f"#trainee-{trainee.pk}"
    assert Attendance.objects.get(lesson=lesson, trainee=trainee).status == "present"
    client.post(url, {"status": "late"})
    assert Attendance.objects.get(lesson=lesson, trainee=trainee).status == "late"


def test_with_htmx_the_row_comes_back_as_on_a_fresh_page(client, trainer, lesson, trainee):
    client.force_login(trainer)
    url = reverse("courses:lesson_attendance", args=[lesson.pk, trainee.pk])
    response = without_csrf(
        client.post(url, {"status": "late"}, headers={"HX-Request": "true"}).text
    )
    # The row, then the count of people present, swapped out of band.
    fragment, count = response.split("</li>", 1)
    fragment += "</li>"
    assert 'id="roster-count" class="muted" hx-swap-oob="true">1 présent·e sur 1<' in count
    assert fragment.lstrip().startswith(f'<li class="roster-row" id="trainee-{trainee.pk}">')
    page = without_csrf(client.get(reverse("courses:lesson", args=[lesson.pk])).text)
    start = page.index(f'<li class="roster-row" id="trainee-{trainee.pk}">')
    assert page[start : start + len(fragment.strip())] == fragment.strip()
    assert 'value="late" class="status late" aria-pressed="true"' in fragment


def test_a_walk_in_is_added_in_one_step(client, trainer, lesson, site, social_worker):
    drop_in = TraineeFactory(first_name="Nadia", site=site, referrer=social_worker)
    client.force_login(trainer)
    client.post(reverse("courses:lesson_walk_in", args=[lesson.pk]), {"trainee": drop_in.pk})
    attendance = Attendance.objects.get(lesson=lesson, trainee=drop_in)
    assert attendance.walk_in and attendance.status == "present"
    assert "Nadia" in client.get(reverse("courses:lesson", args=[lesson.pk])).text


def test_a_note_records_what_was_worked_on_with_skills(client, trainer, lesson, trainee):
    client.force_login(trainer)
    client.post(
        reverse("courses:lesson_attendance", args=[lesson.pk, trainee.pk]), {"status": "present"}
    )
    url = reverse("courses:lesson_note", args=[lesson.pk, trainee.pk])
    client.post(
        url,
        {
            "note": "Première adresse e-mail créée",
            "skills_talk": ["talk.email"],
            "skills_web": ["web.forms"],
        },
    )
    attendance = Attendance.objects.get(lesson=lesson, trainee=trainee)
    assert attendance.note == "Première adresse e-mail créée"
    assert sorted(attendance.skills) == ["talk.email", "web.forms"]
    roster = client.get(reverse("courses:lesson", args=[lesson.pk])).text
    assert "Envoyer et recevoir des e-mails" in roster or "e-mail" in roster


def test_the_alert_fires_exactly_once_after_two_absences_in_a_row(
    client, trainer, course, trainee, social_worker
):
    EnrolmentFactory(course=course, trainee=TraineeFactory(site=course.room.site))
    from parcours.courses.models import Enrolment

    Enrolment.objects.filter(trainee=trainee).delete()
    EnrolmentFactory(
        course=course,
        trainee=trainee,
        start_date=timezone.localdate() - datetime.timedelta(weeks=8),
    )
    first, second, third = past_lessons(course, 3)
    client.force_login(trainer)

    def mark(lesson, status):
        client.post(
            reverse("courses:lesson_attendance", args=[lesson.pk, trainee.pk]), {"status": status}
        )

    def alerts():
        return Notification.objects.filter(text__contains="séances de suite")

    mark(first, "absent")
    assert alerts().count() == 0
    mark(second, "absent")
    assert set(alerts().values_list("recipient", flat=True)) == {trainer.pk, social_worker.pk}
    mark(third, "absent")  # the same run goes on: no new alert
    mark(second, "absent")  # a correction re-saves: still none
    assert alerts().count() == 2
    assert AbsenceAlert.objects.count() == 1
    # She comes back, then misses twice again: a new run, a new alert.
    later = past_lessons(course, 0) or [
        Lesson.objects.create(
            course=course,
            date=timezone.localdate() + datetime.timedelta(days=d),
            start_time=course.start_time,
        )
        for d in (1, 8, 15)
    ]
    mark(later[0], "present")
    mark(later[1], "absent")
    mark(later[2], "absent")
    assert AbsenceAlert.objects.count() == 2


def test_excused_absences_raise_no_alert(client, trainer, course, trainee):
    EnrolmentFactory(course=course, trainee=trainee)
    client.force_login(trainer)
    for lesson in past_lessons(course, 3):
        client.post(
            reverse("courses:lesson_attendance", args=[lesson.pk, trainee.pk]),
            {"status": "excused"},
        )
    assert not AbsenceAlert.objects.exists()


def test_the_referrer_is_not_alerted_without_the_person_consent(
    client, trainer, course, trainee, social_worker
):
    trainee.sharing = "withdrawn"
    trainee.save()
    EnrolmentFactory(course=course, trainee=trainee)
    client.force_login(trainer)
    for lesson in past_lessons(course, 2):
        client.post(
            reverse("courses:lesson_attendance", args=[lesson.pk, trainee.pk]), {"status": "absent"}
        )
    assert Notification.objects.filter(recipient=trainer).exists()
    assert not Notification.objects.filter(recipient=social_worker).exists()


@pytest.mark.parametrize("size", [10, 200])
def test_the_roster_query_count_does_not_depend_on_its_size(
    client, trainer, course, size, django_assert_num_queries, request
):
    trainees = TraineeFactory.create_batch(size, site=course.room.site)
    for trainee in trainees:
        EnrolmentFactory(course=course, trainee=trainee)
    lesson = Lesson.objects.create(
        course=course, date=timezone.localdate(), start_time=course.start_time
    )
    Attendance.objects.bulk_create(
        Attendance(lesson=lesson, trainee=t, status="present") for t in trainees[:5]
    )
    client.force_login(trainer)
    with django_assert_num_queries(ROSTER_QUERIES):
        assert client.get(reverse("courses:lesson", args=[lesson.pk])).status_code == 200


ROSTER_QUERIES = 9


def test_a_trainee_says_in_one_tap_they_cannot_come(client, trainee, lesson, trainer):
    from tests.conftest import PIN

    client.post(reverse("people:trainee_login"), {"username": "amina", "pin": PIN})
    home = client.get(reverse("people:home")).text
    assert "Je ne peux pas venir" in home
    client.post(reverse("courses:cannot_come", args=[lesson.pk]))
    assert Attendance.objects.get(lesson=lesson, trainee=trainee).status == "excused"
    assert Notification.objects.filter(
        recipient=trainer, text__contains="ne peut pas venir"
    ).exists()
    home = client.get(reverse("people:home")).text
    assert "Vous avez dit : je ne peux pas venir." in home
    assert "Je ne peux pas venir</button>" not in home


@pytest.mark.parametrize("page_name", ["courses:today", "courses:course_list", "people:home"])
def test_trainer_pages_cost_the_same_with_10_or_200_trainees(client, trainer, course, page_name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    lesson = Lesson.objects.create(
        course=course, date=timezone.localdate(), start_time=course.start_time
    )
    client.force_login(trainer)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(page_name)).status_code == 200
        return len(queries)

    for trainee in TraineeFactory.create_batch(10, site=course.room.site):
        EnrolmentFactory(course=course, trainee=trainee)
    small = count()
    for trainee in TraineeFactory.create_batch(190, site=course.room.site):
        EnrolmentFactory(course=course, trainee=trainee)
        Attendance.objects.create(lesson=lesson, trainee=trainee, status="present")
    assert count() == small


def test_course_page_costs_the_same_with_10_or_200_trainees(client, coordinator, course):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    lessons = past_lessons(course, 3)
    client.force_login(coordinator)
    url = reverse("courses:course_detail", args=[course.pk])

    def grow(n):
        for trainee in TraineeFactory.create_batch(n, site=course.room.site):
            EnrolmentFactory(course=course, trainee=trainee)
            Attendance.objects.bulk_create(
                Attendance(lesson=each, trainee=trainee, status="present") for each in lessons
            )

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    grow(10)
    small = count()
    grow(190)
    assert count() == small
