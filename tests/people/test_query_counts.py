"""List pages make the same number of queries whatever the number of trainees."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.people.factories import TraineeFactory

PAGES = [
    ("coordinator", "people:home"),
    ("coordinator", "people:trainee_list"),
    ("trainer", "people:home"),
    ("trainer", "people:trainee_list"),
    ("social_worker", "people:home"),
    ("social_worker", "people:trainee_list"),
]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(("persona", "page_name"), PAGES)
def test_query_count_does_not_grow_with_trainees(
    request, client, persona, page_name, site, social_worker
):
    client.force_login(request.getfixturevalue(persona))
    url = reverse(page_name)
    TraineeFactory.create_batch(2, site=site, referrer=social_worker)
    small = count_queries(client, url)
    TraineeFactory.create_batch(30, site=site, referrer=social_worker)
    assert count_queries(client, url) == small
