"""Folders, names, moving, and the trash kept LOCKER_TRASH_DAYS days."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from parcours.locker import actions, storage
from parcours.locker.models import Folder, StoredFile
from tests.locker.conftest import messages_of
from tests.locker.fixtures import put


@pytest.fixture
def amina(client, trainee):
    client.force_login(trainee.user)
    return trainee


def test_trainee_creates_a_folder_inside_a_folder(client, amina, locker_folder):
    response = client.post(
        reverse("locker:folder_create"), {"name": "Quittances 2026", "folder": locker_folder.pk}
    )

    created = Folder.objects.get(name="Quittances 2026")
    assert created.parent == locker_folder
    assert response.url == reverse("locker:folder", args=[created.pk])
    page = client.get(response.url)
    assert "Logement" in page.text  # where am I: Mes documents › Logement › Quittances 2026


def test_renaming_keeps_the_object_and_cleans_the_name(client, amina, locker_file):
    key = locker_file.key

    client.post(
        reverse("locker:file_rename", args=[locker_file.pk]), {"name": "a/b\u202e\x07 CAF.pdf"}
    )

    locker_file.refresh_from_db()
    assert locker_file.name == "b CAF.pdf"
    assert locker_file.key == key


def test_moving_a_file_into_a_folder(client, amina, locker_file, locker_folder):
    client.post(reverse("locker:file_move", args=[locker_file.pk]), {"folder": locker_folder.pk})

    locker_file.refresh_from_db()
    assert locker_file.folder == locker_folder


def test_a_folder_cannot_go_into_itself_or_below(client, amina, locker_folder):
    child = actions.create_folder(trainee=amina, name="2026", parent=locker_folder)

    response = client.post(
        reverse("locker:folder_move", args=[locker_folder.pk]), {"folder": child.pk}, follow=True
    )

    assert "Un dossier ne peut pas aller dans lui-même." in messages_of(response)
    locker_folder.refresh_from_db()
    assert locker_folder.parent is None


def test_nobody_moves_a_file_into_someone_elses_folder(
    client, trainee, other_trainee, locker_folder
):
    karims = put(other_trainee, "karim.pdf")
    client.force_login(other_trainee.user)

    response = client.post(
        reverse("locker:file_move", args=[karims.pk]), {"folder": locker_folder.pk}
    )

    assert response.status_code == 404
    karims.refresh_from_db()
    assert karims.folder is None


def test_a_file_in_the_trash_is_hidden_then_restored(client, amina, locker_file):
    response = client.post(reverse("locker:file_trash", args=[locker_file.pk]), follow=True)

    assert "est dans la corbeille. Vous pouvez le remettre pendant 30 jours." in response.text
    assert "Lettre CAF.pdf" not in client.get(reverse("locker:index")).text
    assert client.get(reverse("locker:file_detail", args=[locker_file.pk])).status_code == 404
    assert "Lettre CAF.pdf" in client.get(reverse("locker:trash")).text

    client.post(reverse("locker:file_restore", args=[locker_file.pk]), follow=True)

    assert "Lettre CAF.pdf" in client.get(reverse("locker:index")).text


def test_a_folder_goes_to_the_trash_with_everything_in_it(client, amina, locker_folder):
    inner = actions.create_folder(trainee=amina, name="2025", parent=locker_folder)
    deep = put(amina, "vieux.pdf", folder=inner)

    client.post(reverse("locker:folder_trash", args=[locker_folder.pk]))

    assert not StoredFile.objects.in_use().filter(trainee=amina).exists()
    trash = client.get(reverse("locker:trash"))
    assert "Logement" in trash.text
    assert "vieux.pdf" not in trash.text  # listed inside its folder, not again

    client.post(reverse("locker:folder_restore", args=[locker_folder.pk]))

    deep.refresh_from_db()
    assert deep.trashed_at is None
    assert StoredFile.objects.in_use().filter(trainee=amina).count() == 2


def test_restoring_a_folder_leaves_what_was_thrown_before(client, amina, locker_folder):
    earlier = put(amina, "jeté avant.pdf", folder=locker_folder)
    actions.trash_file(file=earlier, now=timezone.now() - timedelta(days=1))
    actions.trash_folder(folder=locker_folder)

    actions.restore_folder(folder=Folder.objects.get(pk=locker_folder.pk))

    earlier.refresh_from_db()
    assert earlier.trashed_at is not None


def test_a_file_whose_folder_is_in_the_trash_comes_back_at_the_top(client, amina, locker_folder):
    inside = StoredFile.objects.get(folder=locker_folder)
    actions.trash_folder(folder=locker_folder)

    client.post(reverse("locker:file_restore", args=[inside.pk]))

    inside.refresh_from_db()
    assert inside.trashed_at is None and inside.folder is None


def test_emptying_the_trash_deletes_the_objects(
    client, amina, trashed_file, trashed_folder, locker_file
):
    keys = list(StoredFile.objects.in_trash().values_list("key", flat=True))
    assert len(keys) == 2

    response = client.post(reverse("locker:trash_empty"), follow=True)

    assert "La corbeille est vide : 2 documents supprimés pour toujours." in messages_of(response)
    assert not any(storage.exists(key) for key in keys)
    assert not Folder.objects.in_trash().exists()
    assert storage.exists(locker_file.key)


def test_the_worker_empties_the_trash_after_30_days(amina, trashed_file, locker_file, run_tasks):
    from parcours.core.periodic import enqueue_due_jobs

    StoredFile.objects.filter(pk=trashed_file.pk).update(
        trashed_at=timezone.now() - timedelta(days=29)
    )
    assert actions.clean_up()["trash"] == 0
    StoredFile.objects.filter(pk=trashed_file.pk).update(
        trashed_at=timezone.now() - timedelta(days=30, minutes=1)
    )

    assert "clean_up_locker" in enqueue_due_jobs()
    run_tasks()

    assert not StoredFile.objects.filter(pk=trashed_file.pk).exists()
    assert not storage.exists(trashed_file.key)
    assert storage.exists(locker_file.key)


def test_the_trash_page_says_how_long_things_stay(client, amina, trashed_file):
    response = client.get(reverse("locker:trash"))

    assert "reste 30 jours" in response.text


def test_a_folder_can_be_moved_anywhere_but_into_itself_or_the_trash(client, amina, locker_folder):
    child = actions.create_folder(trainee=amina, name="2026", parent=locker_folder)
    other = actions.create_folder(trainee=amina, name="Santé")
    actions.trash_folder(folder=actions.create_folder(trainee=amina, name="Archives"))

    page = client.get(reverse("locker:folder", args=[child.pk]))

    choices = page.context["move_form"]["folder"]
    offered = {str(choice.data["value"]): choice.data["selected"] for choice in choices}
    assert offered == {"": False, str(locker_folder.pk): True, str(other.pk): False}
