import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from parcours.courses.calendar import new_token
from parcours.courses.models import CalendarFeed
from tests.courses.factories import CourseFactory, EnrolmentFactory, LessonFactory, RoomFactory
from tests.people.factories import TraineeFactory

TODAY = timezone.localdate


def days(n):
    return TODAY() + datetime.timedelta(days=n)


@pytest.fixture
def lessons(course, enrolment):
    """Amina's course: a past, a future and a cancelled lesson in the window, and one
    lesson on each side of it."""
    return {
        "past": LessonFactory(course=course, date=days(-7)),
        "next": LessonFactory(course=course, date=days(7)),
        "cancelled": LessonFactory(course=course, date=days(14), cancelled=True),
        "too_old": LessonFactory(course=course, date=days(-7 * 4 - 1)),
        "too_far": LessonFactory(course=course, date=days(7 * 12 + 1)),
    }


@pytest.fixture
def other_lesson(other_site, other_trainer, other_trainee):
    """Karim's course, at the other site."""
    other_course = CourseFactory(
        title="Atelier du jeudi", room=RoomFactory(site=other_site), trainers=[other_trainer]
    )
    EnrolmentFactory(course=other_course, trainee=other_trainee)
    return LessonFactory(course=other_course, date=days(3))


def feed(client, person):
    user = getattr(person, "user", person)
    return client.get(reverse("courses:calendar_feed", args=[new_token(user)]))


def events(response):
    assert response.status_code == 200
    return {str(e["UID"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def uids(*lessons):
    return {f"lesson-{lesson.pk}@parcours" for lesson in lessons}


def test_feed_is_a_private_inline_calendar(client, trainer, lessons):
    response = feed(client, trainer)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="parcours.ics"'
    assert response["Cache-Control"] == "private, max-age=300"
    cal = Calendar.from_ical(response.content)
    assert cal["PRODID"] == "-//Parcours//FR"
    assert cal["VERSION"] == "2.0"
    assert cal["METHOD"] == "PUBLISH"
    assert "X-WR-CALNAME" in cal


def test_trainer_feed_holds_the_lessons_of_their_courses_in_the_window(
    client, trainer, lessons, other_lesson
):
    found = events(feed(client, trainer))

    assert set(found) == uids(lessons["past"], lessons["next"], lessons["cancelled"])


def test_coordinator_feed_holds_every_course(client, coordinator, lessons, other_lesson):
    found = events(feed(client, coordinator))

    assert set(found) == uids(lessons["past"], lessons["next"], lessons["cancelled"], other_lesson)


def test_trainee_feed_holds_their_own_lessons(client, trainee, lessons, other_lesson):
    found = events(feed(client, trainee))

    assert set(found) == uids(lessons["past"], lessons["next"], lessons["cancelled"])


def test_other_trainee_feed_holds_only_their_course(client, other_trainee, lessons, other_lesson):
    assert set(events(feed(client, other_trainee))) == uids(other_lesson)


def test_event_has_title_place_and_paris_times(client, trainer, course, lessons):
    site = course.room.site
    site.address, site.postcode, site.city = "3 rue des Lilas", "75020", "Paris"
    site.save()

    event = events(feed(client, trainer))[f"lesson-{lessons['next'].pk}@parcours"]

    assert str(event["SUMMARY"]) == "Atelier du mardi"
    assert str(event["LOCATION"]) == (
        f"{course.room.name}, Lieu des Tilleuls, 3 rue des Lilas, 75020 Paris"
    )
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start.tzinfo is not None
    assert str(start.tzinfo) == "Europe/Paris"
    assert (start.date(), start.time()) == (lessons["next"].date, datetime.time(14, 0))
    assert end - start == datetime.timedelta(minutes=60)
    assert "STATUS:CONFIRMED" in event.to_ical().decode()


def test_cancelled_lesson_is_marked_cancelled(client, trainee, lessons):
    found = events(feed(client, trainee))

    assert str(found[f"lesson-{lessons['cancelled'].pk}@parcours"]["STATUS"]) == "CANCELLED"
    assert str(found[f"lesson-{lessons['next'].pk}@parcours"]["STATUS"]) == "CONFIRMED"


def test_social_worker_feed_names_only_their_trainee_by_first_name(
    client, social_worker, trainee, other_trainee, course, lessons, other_lesson
):
    # Karim (another social worker's) is in Amina's course too: he must not show.
    EnrolmentFactory(course=course, trainee=other_trainee)

    response = feed(client, social_worker)
    found = events(response)

    expected = {
        f"lesson-{lessons[name].pk}-trainee-{trainee.pk}@parcours"
        for name in ("past", "next", "cancelled")
    }
    assert set(found) == expected
    assert {str(e["SUMMARY"]) for e in found.values()} == {"Atelier du mardi — Amina"}
    text = response.content.decode()
    assert "Rakoto" not in text
    assert "Karim" not in text
    assert "Haddad" not in text


def test_social_worker_feed_has_one_event_per_trainee_of_theirs(
    client, social_worker, site, course, lessons
):
    sara = TraineeFactory(first_name="Sara", last_name="Benali", site=site, referrer=social_worker)
    EnrolmentFactory(course=course, trainee=sara)

    found = events(feed(client, social_worker))

    next_lesson = [
        e for e in found.values() if str(e["UID"]).startswith(f"lesson-{lessons['next'].pk}-")
    ]
    assert sorted(str(e["SUMMARY"]) for e in next_lesson) == [
        "Atelier du mardi — Amina",
        "Atelier du mardi — Sara",
    ]
    assert "Benali" not in b"".join(e.to_ical() for e in found.values()).decode()


def test_social_worker_feed_leaves_out_ended_enrolments(client, social_worker, enrolment, lessons):
    enrolment.end_date = TODAY()
    enrolment.save()

    assert events(feed(client, social_worker)) == {}


def test_other_social_worker_sees_only_karim(
    client, other_social_worker, other_trainee, lessons, other_lesson
):
    found = events(feed(client, other_social_worker))

    assert set(found) == {f"lesson-{other_lesson.pk}-trainee-{other_trainee.pk}@parcours"}
    assert str(found.popitem()[1]["SUMMARY"]) == "Atelier du jeudi — Karim"


def test_renewing_the_address_makes_the_old_one_404(client, trainer, lessons):
    old = new_token(trainer)
    new = new_token(trainer)

    assert client.get(reverse("courses:calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("courses:calendar_feed", args=[new])).status_code == 200
    assert CalendarFeed.objects.filter(user=trainer).count() == 1


def test_unknown_token_is_404(client, trainer):
    new_token(trainer)

    assert client.get(reverse("courses:calendar_feed", args=["nope"])).status_code == 404


def test_feed_of_a_deactivated_account_is_404(client, trainer):
    token = new_token(trainer)
    trainer.is_active = False
    trainer.save()

    assert client.get(reverse("courses:calendar_feed", args=[token])).status_code == 404


def test_only_the_token_hash_is_stored(trainer):
    token = new_token(trainer)

    stored = CalendarFeed.objects.get(user=trainer).token_hash
    assert token not in stored
    assert len(stored) == 64


@pytest.mark.parametrize("persona", ["trainer", "coordinator", "trainee", "social_worker"])
def test_feed_query_count_does_not_grow_with_lessons(request, client, persona, course, enrolment):
    person = request.getfixturevalue(persona)

    def count():
        url = reverse("courses:calendar_feed", args=[new_token(getattr(person, "user", person))])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for n in range(2):
        LessonFactory(course=course, date=days(n))
    with_two = count()
    for n in range(2, 30):
        LessonFactory(course=course, date=days(n))
    with_thirty = count()

    assert with_two == with_thirty


# --- the settings page -----------------------------------------------------------


def test_page_offers_to_create_an_address(client, trainer):
    client.force_login(trainer)

    response = client.get(reverse("courses:calendar"))

    assert response.status_code == 200
    assert "Créer mon adresse d'agenda" in response.content.decode()
    assert response.context["feed_url"] is None


def test_creating_an_address_shows_it_once(client, trainer, lessons):
    client.force_login(trainer)

    response = client.post(reverse("courses:calendar"))

    url = response.context["feed_url"]
    assert url.startswith("http://testserver/calendrier/") and url.endswith(".ics")
    assert url in response.content.decode()
    assert client.get(url).status_code == 200
    again = client.get(reverse("courses:calendar"))
    assert again.context["feed_url"] is None
    assert url not in again.content.decode()
    assert "Créer une nouvelle adresse" in again.content.decode()


def test_renewing_from_the_page_stops_the_old_address(client, trainee):
    client.force_login(trainee.user)
    old = client.post(reverse("courses:calendar")).context["feed_url"]

    new = client.post(reverse("courses:calendar")).context["feed_url"]

    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_anonymous_visitor_is_sent_to_sign_in(db, client):
    response = client.post(reverse("courses:calendar"))

    assert response.status_code == 302
    assert not CalendarFeed.objects.exists()
