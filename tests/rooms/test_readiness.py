"""The room's state on the trainer's "today" page, and the capacity warning."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from parcours.courses.models import Lesson
from parcours.rooms.models import ChecklistRun
from parcours.rooms.readiness import readiness_for_lessons
from tests.courses.factories import CourseFactory, LessonFactory
from tests.rooms.factories import EquipmentFactory, RoomFactory


def furnish(room, computers=10, broken=0, printer_broken=False):
    for n in range(computers):
        EquipmentFactory(room=room, status="broken" if n < broken else "working")
    EquipmentFactory(room=room, printer=True, status="broken" if printer_broken else "working")
    EquipmentFactory(room=room, status="retired")  # not counted


def todays_lessons(*courses):
    for course in courses:
        LessonFactory(course=course)
    return list(
        Lesson.objects.filter(date=timezone.localdate()).select_related("course__room__site")
    )


def test_summary_counts_working_computers_and_names_what_is_broken(room):
    furnish(room, computers=10, broken=2, printer_broken=True)
    course = CourseFactory(room=room, capacity=8)
    readiness = readiness_for_lessons(todays_lessons(course))[room.pk]
    assert (readiness.computers_working, readiness.computers_total) == (8, 10)
    assert readiness.summary == "8 ordinateurs sur 10 en état, imprimante en panne"
    assert readiness.capacity_warnings == []
    assert not readiness.is_ready


def test_a_course_with_more_places_than_working_computers_is_warned(room):
    furnish(room, computers=10, broken=3)
    course = CourseFactory(room=room, capacity=8, title="Atelier du mardi")
    readiness = readiness_for_lessons(todays_lessons(course))[room.pk]
    [warning] = readiness.capacity_warnings
    assert (warning["course"], warning["capacity"], warning["working"]) == (course, 8, 7)
    assert "« Atelier du mardi » prévoit 8 places" in warning["text"]


def test_no_warning_for_a_cancelled_lesson_or_an_empty_inventory(room):
    furnish(room, computers=2)
    empty = RoomFactory(site=room.site)
    course = CourseFactory(room=room, capacity=8)
    lessons = todays_lessons(course, CourseFactory(room=empty, capacity=8))
    lessons[0].cancelled = True
    readiness = readiness_for_lessons(lessons)
    assert readiness[room.pk].capacity_warnings == []
    assert readiness[empty.pk].capacity_warnings == []
    assert readiness[empty.pk].summary == "aucun ordinateur inventorié"


def test_a_ready_room_says_so(room):
    furnish(room, computers=8)
    ChecklistRun.objects.create(room=room)
    readiness = readiness_for_lessons(todays_lessons(CourseFactory(room=room, capacity=8)))
    assert readiness[room.pk].summary == "8 ordinateurs sur 8 en état"
    assert readiness[room.pk].is_ready


def test_an_overdue_checklist_shows(room):
    furnish(room, computers=8)
    readiness = readiness_for_lessons(todays_lessons(CourseFactory(room=room)))[room.pk]
    assert readiness.checklist_overdue  # never run
    html = render_to_string("rooms/_readiness.html", {"readiness": readiness})
    assert "vérification jamais faite" in html
    assert f"/salles/{room.pk}/verification/" in html


@pytest.mark.parametrize("rooms", [1, 4])
def test_readiness_takes_two_queries_whatever_the_number_of_rooms(
    django_assert_num_queries, site, rooms
):
    courses = []
    for _ in range(rooms):
        room = RoomFactory(site=site)
        furnish(room, computers=3, broken=1, printer_broken=True)
        ChecklistRun.objects.create(room=room, run_at=timezone.now() - datetime.timedelta(days=40))
        courses.append(CourseFactory(room=room, capacity=5))
    lessons = todays_lessons(*courses)
    with django_assert_num_queries(2):
        readiness = readiness_for_lessons(lessons)
        text = [(r.summary, r.capacity_warnings[0]["text"]) for r in readiness.values()]
    assert len(text) == rooms


def test_the_snippet_shows_the_summary_and_the_warning(room):
    furnish(room, computers=4, broken=1, printer_broken=True)
    course = CourseFactory(room=room, capacity=6, title="Atelier du jeudi")
    readiness = readiness_for_lessons(todays_lessons(course))[room.pk]
    html = render_to_string("rooms/_readiness.html", {"readiness": readiness})
    assert "3 ordinateurs sur 4 en état, imprimante en panne" in html
    assert 'class="attention"' in html and "« Atelier du jeudi » prévoit 6 places" in html
    assert render_to_string("rooms/_readiness.html", {"readiness": None}).strip() == ""


def test_the_today_page_include_finds_each_lesson_room(room):
    """The line the "today" template uses, with the view's `readiness` in its context."""
    from django.template import Context, Template

    furnish(room, computers=3, broken=1)
    lessons = todays_lessons(CourseFactory(room=room, capacity=3, title="Atelier du mardi"))
    template = Template(
        "{% load parcours_tags %}{% for lesson in lessons %}"
        '{% include "rooms/_readiness.html" with readiness=readiness|get_item:lesson.course.room_id %}'
        "{% endfor %}"
    )
    html = template.render(
        Context({"lessons": lessons, "readiness": readiness_for_lessons(lessons)})
    )
    assert "2 ordinateurs sur 3 en état" in html
    assert "« Atelier du mardi » prévoit 3 places" in html
