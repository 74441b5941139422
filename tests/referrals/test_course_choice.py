"""On a referral to decide, the coordinator chooses a course among a page of them: the
referral's own course (its waiting list) first, then the places where its organisation's
people already go; a filter by place finds the others. The page costs the same queries
whatever the number of courses."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from parcours.courses.models import Enrolment
from parcours.referrals.models import Referral
from parcours.referrals.views import COURSES_PER_PAGE
from tests.courses.factories import courses_at
from tests.people.factories import TraineeFactory
from tests.referrals.factories import ReferralFactory

pytestmark = pytest.mark.django_db


def options(response):
    """The titles offered in the course select."""
    select = re.search(r'<select name="course".*?</select>', response.text, re.S).group(0)
    return re.findall(r'<option value="\d+"[^>]*>([^<]+?) — ', select)


def rows(response):
    """The titles of the table of courses."""
    table = re.search(r"<tbody>.*?</tbody>", response.text, re.S).group(0)
    return re.findall(r"<tr><td>([^<]+)</td>", table)


def url(referral):
    return reverse("referrals:detail", args=[referral.pk])


def test_a_small_programme_chooses_among_all_its_courses_on_one_page(
    coordinator_client, referral, course
):
    response = coordinator_client.get(url(referral))
    assert rows(response) == options(response) == ["Atelier du mardi"]
    assert 'class="pagination"' not in response.text
    assert 'name="site"' not in response.text


def test_the_places_where_the_organisations_people_go_come_first(
    coordinator_client, social_worker, referral, site, other_site
):
    courses_at(site, COURSES_PER_PAGE, "Ici")
    courses_at(other_site, 3, "Là-bas")
    # A person referred by the same organisation already comes to the other site.
    TraineeFactory(site=other_site, referrer=social_worker)
    response = coordinator_client.get(url(referral))
    assert rows(response)[:3] == ["Là-bas 000", "Là-bas 001", "Là-bas 002"]
    assert len(rows(response)) == COURSES_PER_PAGE
    # The select offers the courses of the table, with their place.
    assert options(response) == rows(response)
    assert f">Là-bas 000 — mardi 08:00–09:00 — {other_site.name}</option>" in response.text
    assert "D'abord les ateliers des lieux où vont déjà les personnes orientées par" in (
        response.text
    )
    second = coordinator_client.get(url(referral), {"page": 2})
    assert rows(second) == options(second) == ["Ici 017", "Ici 018", "Ici 019"]


def test_a_waiting_referrals_course_is_first_and_chosen(
    coordinator_client, social_worker, site, other_site
):
    courses_at(site, COURSES_PER_PAGE + 5, "Ici")
    (own,) = courses_at(other_site, 1, "Sa liste")
    referral = ReferralFactory(
        referrer=social_worker,
        status=Referral.Status.WAITING,
        course=own,
        waiting_since=timezone.now(),
    )
    response = coordinator_client.get(url(referral))
    assert rows(response)[0] == options(response)[0] == "Sa liste 000"
    assert re.search(rf'<option value="{own.pk}" selected>', response.text)
    # On another place's page, her own course stays in the select.
    filtered = coordinator_client.get(url(referral), {"site": site.pk})
    assert "Sa liste 000" not in rows(filtered)
    assert "Sa liste 000" in options(filtered)
    assert re.search(rf'<option value="{own.pk}" selected>', filtered.text)


def test_the_site_filter_shows_only_that_sites_courses(
    coordinator_client, referral, site, other_site
):
    courses_at(site, 2, "Ici")
    courses_at(other_site, 2, "Là-bas")
    response = coordinator_client.get(url(referral), {"site": other_site.pk})
    assert rows(response) == options(response) == ["Là-bas 000", "Là-bas 001"]
    for value in ["999999", "x"]:
        response = coordinator_client.get(url(referral), {"site": value, "page": "x"})
        assert response.status_code == 200
        assert "Ce lieu n'est pas dans la liste" in response.text.replace("&#x27;", "'")
        assert len(rows(response)) == 4


def test_a_course_of_another_page_can_still_be_chosen(
    coordinator_client, referral, site, django_capture_on_commit_callbacks
):
    courses = courses_at(site, COURSES_PER_PAGE + 1, "Ici")
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            reverse("referrals:accept", args=[referral.pk]), {"course": courses[-1].pk}
        )
    assert Enrolment.objects.get(trainee__first_name="Samira").course == courses[-1]


def test_the_page_costs_the_same_queries_with_few_or_many_courses(
    coordinator_client, social_worker, site, other_site
):
    referral = ReferralFactory(referrer=social_worker)
    TraineeFactory(site=site, referrer=social_worker)

    def count():
        coordinator_client.get(url(referral))
        with CaptureQueriesContext(connection) as queries:
            assert coordinator_client.get(url(referral)).status_code == 200
        return len(queries)

    for course in courses_at(site, 2, "Ici") + courses_at(other_site, 1, "Là-bas"):
        ReferralFactory(
            referrer=social_worker,
            status=Referral.Status.WAITING,
            course=course,
            waiting_since=timezone.now(),
        )
    small = count()
    for course in courses_at(site, 30, "Ici") + courses_at(other_site, 30, "Là-bas"):
        ReferralFactory.create_batch(
            2,
            referrer=social_worker,
            status=Referral.Status.WAITING,
            course=course,
            waiting_since=timezone.now(),
        )
    assert count() == small
