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


def deep_folder_with_content(trainee, social_worker):
    """A folder three levels down holding sub-folders (one in the trash), files of three
    kinds, and shared with the trainee's referrer."""
    parent = actions.create_folder(trainee=trainee, name="Logement")
    parent = actions.create_folder(trainee=trainee, name="Bail", parent=parent)
    folder = actions.create_folder(trainee=trainee, name="2026", parent=parent)
    for i in range(3):
        actions.create_folder(trainee=trainee, name=f"Sous-dossier {i}", parent=folder)
        put(trainee, f"Document {i}.pdf", folder=folder)
        put(trainee, f"Note {i}.txt", content=b"bonjour", folder=folder)
    actions.trash_folder(folder=actions.create_folder(trainee=trainee, name="Jeté", parent=folder))
    actions.share(actor=trainee.user, trainee=trainee, user=social_worker, folder=folder)
    return folder


def test_a_folder_page_costs_the_same_queries_however_deep_and_full(
    client, trainee, social_worker, trainer, locker_storage, django_assert_num_queries
):
    folder = deep_folder_with_content(trainee, social_worker)
    client.force_login(trainee.user)
    url = reverse("locker:folder", args=[folder.pk])
    client.get(url)  # the first request of a session writes it

    # Every trainee page: the session, the account, the trainers of the help box. This
    # page: the trainee, the folder, the space used, every folder of the locker (the path,
    # the sub-folders and the move choices), the files, the folder's shares, the people
    # it may be shared with.
    with django_assert_num_queries(10):
        response = client.get(url)

    assert response.status_code == 200
    for name in ["Logement", "Bail", "Sous-dossier 2", "Document 2.pdf", "Note 2.txt"]:
        assert name in response.text
    assert "Jeté" not in response.text
    assert trainer.display_name in response.text  # may be shared with


def test_a_file_page_costs_the_same_queries_however_deep(
    client, trainee, social_worker, trainer, locker_storage, django_assert_num_queries
):
    folder = deep_folder_with_content(trainee, social_worker)
    file = put(trainee, "Quittance.pdf", folder=folder)
    client.force_login(trainee.user)
    url = reverse("locker:file_detail", args=[file.pk])
    client.get(url)

    # As a folder page, with the file's links instead of the files.
    with django_assert_num_queries(9):
        response = client.get(url)

    assert response.status_code == 200
    assert "Bail" in response.text
