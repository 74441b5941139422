"""The trainee list shows a page of 50 at a time, keeps the search across pages, and
costs the same queries on the first and the last page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parcours.people.views import TRAINEES_PER_PAGE
from tests.people.factories import TraineeFactory

pytestmark = pytest.mark.django_db


def names(response):
    return re.findall(r'href="/stagiaires/\d+/">([^<]+)</a>', response.text)


@pytest.fixture
def many(site):
    return [
        TraineeFactory(site=site, first_name=f"P{n:03d}", last_name="Martin") for n in range(120)
    ]


def test_pages_of_fifty_in_name_order(client, coordinator, many):
    client.force_login(coordinator)
    first = client.get(reverse("people:trainee_list"))
    last = client.get(reverse("people:trainee_list"), {"page": 3})
    assert TRAINEES_PER_PAGE == 50
    assert names(first) == [f"P{n:03d} Martin" for n in range(50)]
    assert names(last) == [f"P{n:03d} Martin" for n in range(100, 120)]
    assert "120 stagiaires" in first.text
    assert 'rel="next"' in first.text and 'rel="prev"' not in first.text
    assert 'rel="prev"' in last.text and 'rel="next"' not in last.text
    # Out of range or not a number: the nearest real page, not an error.
    assert names(client.get(reverse("people:trainee_list"), {"page": 99})) == names(last)
    assert names(client.get(reverse("people:trainee_list"), {"page": "x"})) == names(first)


def test_search_is_kept_from_page_to_page(client, coordinator, many, site):
    TraineeFactory(site=site, first_name="Karim", last_name="Benali")
    client.force_login(coordinator)
    page = client.get(reverse("people:trainee_list"), {"q": "martin"})
    assert "Karim" not in page.text
    assert 'href="?q=martin&amp;page=2"' in page.text


def test_first_and_last_page_cost_the_same_queries(client, coordinator, many):
    client.force_login(coordinator)
    client.get(reverse("people:trainee_list"))
    counts = []
    for page in (1, 3):
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("people:trainee_list"), {"page": page})
        counts.append(len(queries))
    assert counts[0] == counts[1] > 0
