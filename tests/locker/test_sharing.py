"""Sharing with a professional: read-only, revocable, with an optional end date; the
professional sees only what was shared; every opening is in the journal, and the
trainee reads who opened what, and when."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from parcours.audit.models import Entry
from parcours.locker import actions
from parcours.locker.models import Share
from tests.locker.conftest import body, messages_of
from tests.locker.fixtures import put

# Every address of the locker that takes the id of one of Amina's files or folders.
FILE_URLS = [
    "locker:file_detail",
    "locker:file_download",
    "locker:file_view",
    "locker:shared_file",
    "locker:shared_download",
    "locker:shared_view",
    "locker:link_created",
]
FILE_POSTS = [
    "locker:file_rename",
    "locker:file_move",
    "locker:file_trash",
    "locker:file_restore",
    "locker:file_share",
    "locker:link_create",
]
FOLDER_URLS = ["locker:folder", "locker:shared_folder"]
FOLDER_POSTS = [
    "locker:folder_rename",
    "locker:folder_move",
    "locker:folder_trash",
    "locker:folder_share",
    "locker:folder_restore",
]


@pytest.mark.parametrize(
    "persona", ["other_trainee", "other_social_worker", "trainer", "coordinator"]
)
def test_outsiders_get_404_on_every_locker_address_of_amina(
    client, request, persona, locker_file, locker_folder, locker_share, locker_link, trashed_file
):
    person = request.getfixturevalue(persona)
    client.force_login(getattr(person, "user", person))
    link, _token = locker_link
    for pk in (locker_file.pk, trashed_file.pk):
        for name in FILE_URLS:
            assert client.get(reverse(name, args=[pk])).status_code == 404, (name, pk)
        for name in FILE_POSTS:
            assert client.post(reverse(name, args=[pk])).status_code == 404, (name, pk)
    for name in FOLDER_URLS:
        assert client.get(reverse(name, args=[locker_folder.pk])).status_code == 404, name
    for name in FOLDER_POSTS:
        assert client.post(reverse(name, args=[locker_folder.pk])).status_code == 404, name
    assert client.post(reverse("locker:share_revoke", args=[locker_share.pk])).status_code == 404
    assert client.post(reverse("locker:link_revoke", args=[link.pk])).status_code == 404
    assert not Entry.objects.filter(action=Entry.Action.LOCKER_FILE_OPENED).exists()


def test_trainee_shares_a_file_with_her_referrer(client, trainee, social_worker, locker_file):
    client.force_login(trainee.user)

    response = client.post(
        reverse("locker:file_share", args=[locker_file.pk]), {"user": social_worker.pk}, follow=True
    )

    share = Share.objects.get()
    assert (share.user, share.file, share.ends_on) == (social_worker, locker_file, None)
    assert any("peut maintenant ouvrir « Lettre CAF.pdf »" in m for m in messages_of(response))
    assert Entry.objects.filter(action=Entry.Action.LOCKER_SHARED, trainee_id=trainee.pk).exists()
    # The referrer is told in the app.
    assert social_worker.notifications.filter(text__contains="partage un document").exists()


def test_the_share_choices_are_the_referrer_and_the_trainers_of_her_site(
    client, trainee, social_worker, trainer, other_trainer, other_social_worker, locker_file
):
    client.force_login(trainee.user)

    page = client.get(reverse("locker:file_detail", args=[locker_file.pk])).text

    assert social_worker.display_name in page and trainer.display_name in page
    assert other_trainer.display_name not in page
    response = client.post(
        reverse("locker:file_share", args=[locker_file.pk]), {"user": other_social_worker.pk}
    )
    assert response.status_code == 302
    assert not Share.objects.exists()


def test_the_referrer_opens_what_was_shared_and_it_is_written_down(
    client, trainee, social_worker, shared_locker_file
):
    client.force_login(social_worker)

    listing = client.get(reverse("locker:shared_with_me"))
    assert "Lettre CAF.pdf" in listing.text and "Amina Rakoto" in listing.text
    response = client.get(reverse("locker:shared_download", args=[shared_locker_file.pk]))

    assert response.status_code == 200
    assert body(response).startswith(b"%PDF")
    entry = Entry.objects.get(action=Entry.Action.LOCKER_FILE_OPENED)
    assert (entry.actor, entry.trainee_id) == (social_worker, trainee.pk)
    assert entry.object_id == str(shared_locker_file.pk)


def test_the_trainee_sees_who_opened_her_files_and_when(
    client, trainee, social_worker, shared_locker_file, locker_link
):
    client.force_login(social_worker)
    body(client.get(reverse("locker:shared_view", args=[shared_locker_file.pk])))
    client.logout()
    body(client.post(reverse("locker:link_download", args=[locker_link[1]])))
    client.force_login(trainee.user)
    body(client.get(reverse("locker:file_download", args=[shared_locker_file.pk])))

    page = client.get(reverse("locker:history")).text

    assert f"<strong>{social_worker.display_name}</strong>" in page
    assert "a ouvert" in page and "« <bdi>Lettre CAF.pdf</bdi> »" in page
    assert "Une personne avec un lien" in page and "a téléchargé" in page
    assert timezone.localtime().strftime("%Y") in page
    # Her own openings are not listed: the page is about others.
    assert page.count('<li class="locker-history">') == 2


def test_the_trainer_with_nothing_shared_sees_nothing(client, trainer, shared_locker_file):
    client.force_login(trainer)

    assert "Lettre CAF.pdf" not in client.get(reverse("locker:shared_with_me")).text
    page = client.get(reverse("locker:trainee_locker", args=[shared_locker_file.trainee.pk]))
    assert page.status_code == 200 and "Lettre CAF.pdf" not in page.text


def test_a_shared_folder_opens_what_is_inside_it_and_nothing_else(
    client, trainee, social_worker, shared_locker_folder, locker_file
):
    inner = actions.create_folder(trainee=trainee, name="2026", parent=shared_locker_folder)
    deep = put(trainee, "avis.pdf", folder=inner)
    client.force_login(social_worker)

    page = client.get(reverse("locker:shared_folder", args=[shared_locker_folder.pk])).text
    assert "Quittance.pdf" in page and "2026" in page
    assert client.get(reverse("locker:shared_folder", args=[inner.pk])).status_code == 200
    assert client.get(reverse("locker:shared_file", args=[deep.pk])).status_code == 200
    # Lettre CAF.pdf is at the top of her locker, outside the shared folder.
    assert client.get(reverse("locker:shared_file", args=[locker_file.pk])).status_code == 404


def test_stopping_a_share_closes_the_door_at_once(client, trainee, social_worker, locker_share):
    client.force_login(trainee.user)
    client.post(reverse("locker:share_revoke", args=[locker_share.pk]))

    client.force_login(social_worker)
    assert client.get(reverse("locker:shared_file", args=[locker_share.file.pk])).status_code == 404
    assert Entry.objects.filter(action=Entry.Action.LOCKER_SHARE_REVOKED).exists()


def test_a_share_ends_after_its_end_date(client, trainee, social_worker, locker_share):
    client.force_login(social_worker)
    url = reverse("locker:shared_file", args=[locker_share.file.pk])
    Share.objects.filter(pk=locker_share.pk).update(ends_on=timezone.localdate())
    assert client.get(url).status_code == 200

    Share.objects.filter(pk=locker_share.pk).update(
        ends_on=timezone.localdate() - timedelta(days=1)
    )

    assert client.get(url).status_code == 404


def test_an_end_date_in_the_past_is_refused(client, trainee, social_worker, locker_file):
    client.force_login(trainee.user)

    client.post(
        reverse("locker:file_share", args=[locker_file.pk]),
        {
            "user": social_worker.pk,
            "ends_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        },
    )

    assert not Share.objects.exists()


def test_a_shared_file_in_the_trash_is_no_longer_shared(client, social_worker, locker_share):
    actions.trash_file(file=locker_share.file)
    client.force_login(social_worker)

    assert client.get(reverse("locker:shared_file", args=[locker_share.file.pk])).status_code == 404


def test_a_referrer_who_is_no_longer_the_referrer_loses_access(
    client, trainee, social_worker, locker_share, other_social_worker
):
    trainee.referrer = other_social_worker
    trainee.save()
    client.force_login(social_worker)

    assert client.get(reverse("locker:shared_file", args=[locker_share.file.pk])).status_code == 404


def test_the_trainer_of_her_site_opens_what_she_shares_with_him(
    client, trainee, trainer, locker_file
):
    actions.share(actor=trainee.user, trainee=trainee, user=trainer, file=locker_file)
    client.force_login(trainer)

    response = client.get(reverse("locker:shared_view", args=[locker_file.pk]))

    assert response.status_code == 200
    body(response)
    # A trainer who no longer works at her site no longer sees it.
    trainer.sites.clear()
    assert client.get(reverse("locker:shared_view", args=[locker_file.pk])).status_code == 404


def test_professionals_cannot_change_anything(client, social_worker, locker_share):
    client.force_login(social_worker)
    pk = locker_share.file.pk

    for name in ("locker:file_rename", "locker:file_trash", "locker:file_move"):
        assert client.post(reverse(name, args=[pk]), {"name": "x"}).status_code == 404
    locker_share.file.refresh_from_db()
    assert locker_share.file.name == "Lettre CAF.pdf" and locker_share.file.trashed_at is None


def test_the_shares_page_lists_everything_shared_and_stops_it(
    client, trainee, locker_share, locker_link
):
    client.force_login(trainee.user)

    page = client.get(reverse("locker:shares")).text

    assert reverse("locker:share_revoke", args=[locker_share.pk]) in page
    assert reverse("locker:link_revoke", args=[locker_link[0].pk]) in page


def test_an_opening_by_an_account_closed_since_stays_in_the_history(
    client, trainee, social_worker, shared_locker_file
):
    client.force_login(social_worker)
    body(client.get(reverse("locker:shared_download", args=[shared_locker_file.pk])))
    social_worker.delete()
    client.force_login(trainee.user)

    page = client.get(reverse("locker:history")).text

    assert "Un compte fermé depuis" in page and "Une personne avec un lien" not in page
