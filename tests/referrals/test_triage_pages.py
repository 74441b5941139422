"""The triage page shows a page of referrals and, beside them, a page of courses that can
be narrowed to one place; it costs the same queries whatever the size of the network."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from parcours.referrals.models import Referral
from parcours.referrals.views import COURSES_PER_PAGE, QUEUE_PER_PAGE
from tests.courses.factories import EnrolmentFactory, courses_at
from tests.referrals.factories import ReferralFactory

pytestmark = pytest.mark.django_db

URL = reverse("referrals:triage")


def queue_names(response):
    return re.findall(r'<h3><a href="/orientations/\d+/">([^<]+)</a></h3>', response.text)


def course_titles(response):
    return re.findall(r"<h3>(Atelier [^<]+)</h3>", response.text)


def make_referrals(social_worker, count):
    """`count` referrals to triage, "R000" the oldest."""
    now = timezone.now()
    referrals = []
    for n in range(count):
        referral = ReferralFactory(referrer=social_worker, first_name=f"R{n:03d}")
        Referral.objects.filter(pk=referral.pk).update(
            created_at=now - datetime.timedelta(hours=count - n)
        )
        referrals.append(referral)
    return referrals


def test_a_small_programme_sees_everything_on_one_page_without_page_links(
    coordinator_client, social_worker, course
):
    make_referrals(social_worker, 3)
    response = coordinator_client.get(URL)
    assert queue_names(response) == ["R000 Belkacem", "R001 Belkacem", "R002 Belkacem"]
    assert course_titles(response) == ["Atelier du mardi"]
    assert 'class="pagination"' not in response.text
    # One place: nothing to filter.
    assert 'name="site"' not in response.text


def test_the_queue_is_paged_oldest_first_and_the_second_page_shows_the_rest(
    coordinator_client, social_worker
):
    make_referrals(social_worker, QUEUE_PER_PAGE + 5)
    first = coordinator_client.get(URL)
    second = coordinator_client.get(URL, {"page": 2})
    assert QUEUE_PER_PAGE == 20
    assert queue_names(first) == [f"R{n:03d} Belkacem" for n in range(20)]
    assert queue_names(second) == [f"R{n:03d} Belkacem" for n in range(20, 25)]
    assert "25 orientations, la plus ancienne d'abord" in first.text
    assert 'href="?page=2#queue-title" rel="next"' in first.text


def test_a_bad_page_number_shows_a_real_page_not_an_error(coordinator_client, social_worker):
    make_referrals(social_worker, QUEUE_PER_PAGE + 5)
    first = queue_names(coordinator_client.get(URL))
    for page in ["x", "", "1 OR 1=1", "²"]:
        response = coordinator_client.get(URL, {"page": page, "page_ateliers": page})
        assert response.status_code == 200
        assert queue_names(response) == first
    # Out of range: the last page, as Paginator.get_page does.
    for page in ["99", "0", "-1"]:
        response = coordinator_client.get(URL, {"page": page, "page_ateliers": page})
        assert response.status_code == 200
        assert len(queue_names(response)) == 5


def test_the_courses_are_paged_apart_from_the_queue(coordinator_client, social_worker, site):
    make_referrals(social_worker, QUEUE_PER_PAGE + 5)
    courses_at(site, COURSES_PER_PAGE + 3)
    first = coordinator_client.get(URL, {"page": 2})
    assert course_titles(first) == [f"Atelier {n:03d}" for n in range(20)]
    # The next page of courses keeps the page of the queue, and opens on the courses.
    assert 'href="?page=2&amp;page_ateliers=2#courses-title" rel="next"' in first.text
    # Two navigations, each with its own name.
    assert 'aria-label="Pages des orientations"' in first.text
    assert 'aria-label="Pages des ateliers"' in first.text
    second = coordinator_client.get(URL, {"page": 2, "page_ateliers": 2})
    assert course_titles(second) == [f"Atelier {n:03d}" for n in range(20, 23)]
    assert queue_names(second) == queue_names(first)


def test_a_course_with_a_free_seat_and_a_waiting_list_comes_first(
    coordinator_client, social_worker, site
):
    courses = courses_at(site, COURSES_PER_PAGE + 3)
    last = courses[-1]
    ReferralFactory(
        referrer=social_worker,
        first_name="Ioana",
        status=Referral.Status.WAITING,
        course=last,
        waiting_since=timezone.now(),
    )
    # A full course with a waiting list has no seat to offer: it keeps its place.
    full = courses[-2]
    full.capacity = 1
    full.save()
    EnrolmentFactory(course=full)
    ReferralFactory(
        referrer=social_worker,
        status=Referral.Status.WAITING,
        course=full,
        waiting_since=timezone.now(),
    )
    response = coordinator_client.get(URL)
    assert course_titles(response)[0] == last.title
    assert full.title not in course_titles(response)
    assert "proposez-la à Ioana" in response.text


def test_the_site_filter_shows_only_that_sites_courses(
    coordinator_client, site, other_site, course
):
    courses_at(other_site, 3, prefix="Atelier ailleurs")
    everything = coordinator_client.get(URL)
    assert 'name="site"' in everything.text
    assert '<option value="" selected>' not in everything.text  # nothing chosen yet
    assert len(course_titles(everything)) == 4
    response = coordinator_client.get(URL, {"site": other_site.pk})
    assert course_titles(response) == [f"Atelier ailleurs {n:03d}" for n in range(3)]
    assert f'<option value="{other_site.pk}" selected>' in response.text


def test_an_unknown_site_says_so_and_shows_every_course(coordinator_client, other_site, course):
    courses_at(other_site, 2)
    for value in ["999999", "abc", "1 OR 1=1"]:
        response = coordinator_client.get(URL, {"site": value})
        assert response.status_code == 200
        assert "Ce lieu n&#x27;est pas dans la liste" in response.text
        assert len(course_titles(response)) == 3


def test_the_page_costs_the_same_queries_with_few_or_many_referrals_and_courses(
    coordinator_client, social_worker, site, other_site
):
    def count():
        coordinator_client.get(URL)
        with CaptureQueriesContext(connection) as queries:
            assert coordinator_client.get(URL).status_code == 200
        return len(queries)

    make_referrals(social_worker, 2)
    for course in courses_at(site, 2) + courses_at(other_site, 1):
        ReferralFactory(
            referrer=social_worker,
            status=Referral.Status.WAITING,
            course=course,
            waiting_since=timezone.now(),
        )
    small = count()
    make_referrals(social_worker, 40)
    for course in courses_at(site, 30) + courses_at(other_site, 30):
        ReferralFactory.create_batch(
            2,
            referrer=social_worker,
            status=Referral.Status.WAITING,
            course=course,
            waiting_since=timezone.now(),
        )
    assert count() == small
