"""The space of each locker: 500 MB by default, changed by coordinators, shown plainly;
going over it keeps what was stored and says why."""

import pytest
from django.urls import reverse

from parcours.audit.models import Entry
from parcours.locker import actions
from parcours.locker.models import StoredFile
from tests.locker.conftest import messages_of, upload

PDF = b"%PDF-1.4\n"


@pytest.fixture
def amina(client, trainee, locker_storage):
    client.force_login(trainee.user)
    return trainee


def test_the_space_used_is_shown_plainly(client, amina):
    upload(client, ("a.pdf", PDF + b"x" * 2_000_000))

    page = client.get(reverse("locker:index")).text

    assert "1,9 Mo utilisés sur 500 Mo" in page
    assert '<progress max="100" value="0"' in page


def test_going_over_the_quota_keeps_what_fits_and_says_why(client, amina, settings):
    settings.LOCKER_QUOTA_MB = 1
    half = PDF + b"x" * 500_000

    response = upload(
        client, ("un.pdf", half), ("deux.pdf", half), ("trois.pdf", half), follow=True
    )

    assert sorted(StoredFile.objects.values_list("name", flat=True)) == ["deux.pdf", "un.pdf"]
    [message] = [m for m in messages_of(response) if "Plus assez de place" in m]
    assert "« trois.pdf »" in message and "sur 1 Mo" in message
    assert "Videz la corbeille" in message
    assert "2 documents ajoutés." in messages_of(response)


def test_the_trash_counts_until_it_is_emptied(client, amina, settings):
    settings.LOCKER_QUOTA_MB = 1
    upload(client, ("un.pdf", PDF + b"x" * 800_000))
    actions.trash_file(file=StoredFile.objects.get())
    upload(client, ("deux.pdf", PDF + b"x" * 800_000))
    assert StoredFile.objects.count() == 1

    actions.empty_trash(trainee=amina)
    upload(client, ("deux.pdf", PDF + b"x" * 800_000))

    assert list(StoredFile.objects.values_list("name", flat=True)) == ["deux.pdf"]


def test_a_coordinator_gives_more_space(client, coordinator, trainee, locker_storage):
    client.force_login(coordinator)

    client.post(reverse("locker:trainee_quota", args=[trainee.pk]), {"quota_mb": "2000"})

    assert actions.space(trainee)["quota"] == 2000 * 1024 * 1024
    assert Entry.objects.filter(
        action=Entry.Action.LOCKER_QUOTA_CHANGED, trainee_id=trainee.pk
    ).exists()
    page = client.get(reverse("locker:trainee_locker", args=[trainee.pk])).text
    assert "2 Go" in page and 'value="2000"' in page

    client.post(reverse("locker:trainee_quota", args=[trainee.pk]), {"quota_mb": ""})
    assert actions.space(trainee)["quota"] == 500 * 1024 * 1024


def test_the_coordinator_sees_the_space_but_not_the_files(
    client, coordinator, trainee, locker_file
):
    client.force_login(coordinator)

    page = client.get(reverse("locker:trainee_locker", args=[trainee.pk])).text

    assert "utilisés sur 500 Mo" in page
    assert "Lettre CAF.pdf" not in page
    assert client.get(reverse("locker:shared_file", args=[locker_file.pk])).status_code == 404


def test_a_trainer_cannot_change_the_space(client, trainer, trainee, locker_storage):
    client.force_login(trainer)

    assert (
        client.post(
            reverse("locker:trainee_quota", args=[trainee.pk]), {"quota_mb": "9"}
        ).status_code
        == 404
    )
    assert actions.space(trainee)["quota"] == 500 * 1024 * 1024
