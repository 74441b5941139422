"""The course list shows a page of 50 courses, can be narrowed to one place, and costs the
same queries whatever the number of courses."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parcours.courses.views import COURSES_PER_PAGE
from tests.courses.factories import EnrolmentFactory, RoomFactory, courses_at

pytestmark = pytest.mark.django_db

URL = reverse("courses:course_list")


def titles(response):
    return re.findall(r'<a href="/ateliers/\d+/">([^<]+)</a>', response.text)


def test_a_small_programme_sees_all_its_courses_without_page_links(client, coordinator, course):
    client.force_login(coordinator)
    response = client.get(URL)
    assert titles(response) == ["Atelier du mardi"]
    assert 'class="pagination"' not in response.text
    assert 'name="site"' not in response.text


def test_pages_of_fifty_by_day_and_hour_and_the_second_page_shows_the_rest(
    client, coordinator, site
):
    courses_at(site, COURSES_PER_PAGE + 10, "Atelier")
    client.force_login(coordinator)
    first = client.get(URL)
    second = client.get(URL, {"page": 2})
    assert COURSES_PER_PAGE == 50
    assert titles(first) == [f"Atelier {n:03d}" for n in range(50)]
    assert titles(second) == [f"Atelier {n:03d}" for n in range(50, 60)]
    assert "60 ateliers" in first.text
    assert 'href="?page=2" rel="next"' in first.text
    for page in ["x", "", "²"]:
        assert titles(client.get(URL, {"page": page})) == titles(first)
    assert titles(client.get(URL, {"page": 99})) == titles(second)


def test_the_site_filter_shows_only_that_sites_courses_and_is_kept_across_pages(
    client, coordinator, site, other_site
):
    courses_at(site, 3, "Ici")
    courses_at(other_site, COURSES_PER_PAGE + 2, "Là-bas")
    client.force_login(coordinator)
    response = client.get(URL, {"site": site.pk})
    assert titles(response) == ["Ici 000", "Ici 001", "Ici 002"]
    assert f'<option value="{site.pk}" selected>' in response.text
    other = client.get(URL, {"site": other_site.pk})
    assert f'href="?site={other_site.pk}&amp;page=2" rel="next"' in other.text
    assert titles(client.get(URL, {"site": other_site.pk, "page": 2})) == [
        "Là-bas 050",
        "Là-bas 051",
    ]


def test_an_unknown_site_says_so_and_shows_every_course(client, coordinator, site, other_site):
    courses_at(site, 1, "Ici")
    courses_at(other_site, 1, "Là-bas")
    client.force_login(coordinator)
    for value in ["999999", "abc", "99999999999999999999999"]:
        response = client.get(URL, {"site": value})
        assert response.status_code == 200
        assert "Ce lieu n&#x27;est pas dans la liste" in response.text
        assert titles(response) == ["Ici 000", "Là-bas 000"]


def test_a_trainer_filters_among_the_places_of_their_own_courses(
    client, trainer, other_trainer, site, other_site
):
    third = RoomFactory().site
    courses_at(site, 1, "Ici", trainers=[trainer])
    courses_at(other_site, 1, "Là-bas", trainers=[trainer])
    courses_at(third, 1, "Ailleurs", trainers=[other_trainer])
    client.force_login(trainer)
    response = client.get(URL)
    assert titles(response) == ["Ici 000", "Là-bas 000"]
    assert f'<option value="{other_site.pk}"' in response.text
    assert f'<option value="{third.pk}"' not in response.text
    # Another trainer's place shows nothing of theirs.
    response = client.get(URL, {"site": third.pk})
    assert "Ce lieu n&#x27;est pas dans la liste" in response.text
    assert "Ailleurs" not in response.text


def test_the_list_costs_the_same_queries_with_few_or_many_courses(
    client, coordinator, trainer, site, other_site
):
    def count():
        client.get(URL)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    client.force_login(coordinator)
    for course in courses_at(site, 2, "Ici", trainers=[trainer]) + courses_at(
        other_site, 1, "Là-bas", trainers=[trainer]
    ):
        EnrolmentFactory(course=course)
    small = count()
    for course in courses_at(site, 40, "Ici", trainers=[trainer]) + courses_at(
        other_site, 40, "Là-bas", trainers=[trainer]
    ):
        EnrolmentFactory.create_batch(2, course=course)
    assert count() == small
