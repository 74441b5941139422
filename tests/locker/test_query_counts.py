"""List pages cost the same number of queries whatever the number of documents."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parcours.locker import actions
from tests.locker.fixtures import put


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def fill(trainee, social_worker, n):
    for i in range(n):
        folder = actions.create_folder(trainee=trainee, name=f"Dossier {i}")
        file = put(trainee, f"Document {i}.pdf")
        put(trainee, f"Dedans {i}.pdf", folder=folder)
        actions.share(actor=trainee.user, trainee=trainee, user=social_worker, file=file)
        actions.share(actor=trainee.user, trainee=trainee, user=social_worker, folder=folder)
        actions.trash_file(file=put(trainee, f"Jeté {i}.pdf"))
        actions.record_opening(actor=social_worker, file=file)


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("trainee", "locker:index"),
        ("trainee", "locker:trash"),
        ("trainee", "locker:history"),
        ("trainee", "locker:shares"),
        ("social_worker", "locker:shared_with_me"),
    ],
)
def test_list_pages_do_not_grow_with_the_documents(
    client, request, trainee, social_worker, locker_storage, who, url
):
    person = request.getfixturevalue(who)
    client.force_login(getattr(person, "user", person))
    fill(trainee, social_worker, 2)
    client.get(reverse(url))  # the first request of a session writes it
    few = count_queries(client, reverse(url))

    fill(trainee, social_worker, 8)

    assert count_queries(client, reverse(url)) == few
