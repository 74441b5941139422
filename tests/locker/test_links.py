"""Expiring download links: a random token stored hashed, an end date, an optional
download limit; public, and written in the journal at each download."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from parcours.audit.models import Entry
from parcours.locker import actions
from parcours.locker.models import Link
from tests.locker.conftest import body


@pytest.fixture
def amina(client, trainee):
    client.force_login(trainee.user)
    return trainee


def test_the_trainee_makes_a_link_shown_once(client, amina, locker_file):
    ends_on = timezone.localdate() + timedelta(days=3)

    response = client.post(
        reverse("locker:link_create", args=[locker_file.pk]),
        {"ends_on": ends_on.isoformat(), "max_downloads": "2"},
        follow=True,
    )

    link = Link.objects.get()
    assert (link.file, link.max_downloads) == (locker_file, 2)
    assert timezone.localtime(link.expires_at).date() == ends_on + timedelta(days=1)
    shown = response.context["url"]
    token = shown.rstrip("/").rsplit("/", 1)[-1]
    assert len(token) >= 32 and token not in link.token_hash
    assert link.token_hash == Link.hash_token(token)
    # Reloading does not show it again.
    again = client.get(reverse("locker:link_created", args=[locker_file.pk]))
    assert again.status_code == 302


def test_a_link_is_at_most_30_days_long(client, amina, locker_file):
    client.post(
        reverse("locker:link_create", args=[locker_file.pk]),
        {"ends_on": (timezone.localdate() + timedelta(days=31)).isoformat()},
    )

    assert not Link.objects.exists()


def test_anyone_with_the_link_downloads_until_the_limit(client, trainee, locker_file):
    link, token = actions.create_link(
        actor=trainee.user,
        trainee=trainee,
        file=locker_file,
        ends_on=timezone.localdate(),
        max_downloads=2,
    )
    page = client.get(reverse("locker:link_page", args=[token]))
    assert page.status_code == 200 and "Lettre CAF.pdf" in page.text
    assert page["X-Robots-Tag"] == "noindex, nofollow"

    for _ in range(2):
        response = client.post(reverse("locker:link_download", args=[token]))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert body(response).startswith(b"%PDF")

    assert client.post(reverse("locker:link_download", args=[token])).status_code == 404
    assert client.get(reverse("locker:link_page", args=[token])).status_code == 404
    entries = Entry.objects.filter(action=Entry.Action.LOCKER_LINK_USED, trainee_id=trainee.pk)
    assert entries.count() == 2 and entries.first().actor is None


def test_a_link_stops_after_its_date(client, locker_link):
    link, token = locker_link
    Link.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    assert client.get(reverse("locker:link_page", args=[token])).status_code == 404
    assert client.post(reverse("locker:link_download", args=[token])).status_code == 404


def test_a_stopped_link_no_longer_works(client, trainee, locker_link):
    link, token = locker_link
    client.force_login(trainee.user)

    client.post(reverse("locker:link_revoke", args=[link.pk]))
    client.logout()

    assert client.post(reverse("locker:link_download", args=[token])).status_code == 404


def test_a_file_in_the_trash_is_not_downloadable_by_its_link(client, locker_link):
    link, token = locker_link
    actions.trash_file(file=link.file)

    assert client.post(reverse("locker:link_download", args=[token])).status_code == 404


@pytest.mark.parametrize("token", ["x", "a" * 32, "a" * 500, "..%2F..%2Fetc%2Fpasswd"])
def test_a_wrong_token_says_nothing(client, locker_link, token):
    assert client.get(reverse("locker:link_page", args=[token])).status_code == 404


def test_a_page_preview_does_not_use_a_download(client, trainee, locker_file):
    _link, token = actions.create_link(
        actor=trainee.user,
        trainee=trainee,
        file=locker_file,
        ends_on=timezone.localdate(),
        max_downloads=1,
    )

    for _ in range(3):
        client.get(reverse("locker:link_page", args=[token]))

    assert client.post(reverse("locker:link_download", args=[token])).status_code == 200
