"""Erasure on request: a coordinator confirms, the person's data leaves every table and
the locker's storage, and the statistics stay the same."""

import datetime
import os

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from parcours.audit.models import Entry
from parcours.locker.models import StoredFile
from parcours.people.models import Trainee
from parcours.privacy import journal
from parcours.privacy.actions import AlreadyErased, erase_trainee
from parcours.privacy.models import Erasure
from parcours.reports import statistics
from tests.conftest import PIN
from tests.privacy.conftest import EMAIL, PHONE

pytestmark = pytest.mark.django_db


def database_text():
    """Every row of every table as text: SQLite's own dump, or each table read through
    the cursor on PostgreSQL (the same idea, without needing pg_dump's credentials)."""
    if connection.vendor == "sqlite":
        return "\n".join(connection.connection.iterdump())
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from introspection
            chunks.extend(str(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def stored_bytes(root):
    """(path, bytes) of every object under the locker's storage folder."""
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            with open(path, "rb") as handle:
                yield path, handle.read()


def all_statistics(site, start, end):
    figures = []
    for where in (None, site):
        stats = statistics.compute(start, end, site=where)
        figures.append(
            (stats.summary, stats.months, stats.by_organisation, stats.by_age, stats.successes)
        )
    return figures


def erase_through_the_page(client, coordinator, trainee, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("privacy:trainee_erase", args=[trainee.pk]), {"confirm": "on"}
        )
    assert response.status_code == 302
    return response


def test_erasing_amina_leaves_no_trace_of_her_and_the_same_statistics(
    client,
    coordinator,
    trainee,
    site,
    amina_everywhere,
    locker_storage,
    django_capture_on_commit_callbacks,
):
    last_name, first_name = trainee.last_name, trainee.first_name
    start, end = timezone.localdate() - datetime.timedelta(days=400), timezone.localdate()
    before = all_statistics(site, start, end)
    dump = database_text()
    # The scenario did put her everywhere: the test would catch a leftover.
    assert dump.count(last_name) > 10
    assert EMAIL in dump and PHONE in dump and "06 12 34 56 78" in dump
    assert any(last_name.encode() in content for _p, content in stored_bytes(locker_storage))

    erase_through_the_page(client, coordinator, trainee, django_capture_on_commit_callbacks)

    dump = database_text()
    for trace in (last_name, last_name.upper(), EMAIL, PHONE, "06 12 34 56 78", "612345678"):
        assert trace.lower() not in dump.lower(), trace
    leftovers = [p for p, content in stored_bytes(locker_storage) if last_name.encode() in content]
    assert leftovers == []
    assert not StoredFile.objects.filter(trainee=trainee).exists()
    # Karim's things are his: his file is still there, his note only lost her name.
    karim_file = amina_everywhere["karim_file"]
    assert StoredFile.objects.filter(pk=karim_file.pk).exists()
    assert "Travail en binôme avec Personne anonymisée" in dump
    assert all_statistics(site, start, end) == before
    assert first_name not in Trainee.objects.get(pk=trainee.pk).full_name


@pytest.mark.parametrize("method", ["get", "delete"])
def test_erasure_is_post_only(client, coordinator, trainee, method):
    client.force_login(coordinator)
    response = getattr(client, method)(reverse("privacy:trainee_erase", args=[trainee.pk]))
    assert response.status_code == 405
    assert not Erasure.objects.exists()


def test_the_confirmation_page_says_what_will_happen(client, coordinator, trainee, locker_file):
    client.force_login(coordinator)
    page = client.get(reverse("privacy:trainee_erase_confirm", args=[trainee.pk]))
    assert "C'est définitif" in page.text
    assert "Personne anonymisée" in page.text
    assert "1 document supprimé du stockage" in page.text
    assert "Ce qui reste, sans nom, pour les statistiques" in page.text
    assert reverse("privacy:trainee_export", args=[trainee.pk]) in page.text
    assert f'action="{reverse("privacy:trainee_erase", args=[trainee.pk])}"' in page.text


def test_without_the_box_ticked_nothing_is_erased_and_the_page_says_why(
    client, coordinator, trainee
):
    client.force_login(coordinator)
    page = client.post(reverse("privacy:trainee_erase", args=[trainee.pk]), {})
    assert page.status_code == 200
    assert "Cochez la case pour confirmer" in page.text
    trainee.refresh_from_db()
    assert trainee.last_name == "Rakoto"
    assert not Erasure.objects.exists()


def test_the_erased_person_shows_as_anonymised_everywhere(
    client,
    coordinator,
    trainer,
    social_worker,
    trainee,
    amina_everywhere,
    django_capture_on_commit_callbacks,
):
    erase_through_the_page(client, coordinator, trainee, django_capture_on_commit_callbacks)
    report = reverse("reports:detail", args=[amina_everywhere["report"].pk])
    # (who, page, shows her as anonymised: the referrer no longer sees her part at all)
    for user, url, shown in [
        (coordinator, reverse("people:trainee_list"), True),
        (coordinator, reverse("people:trainee_detail", args=[trainee.pk]), True),
        (coordinator, reverse("referrals:list"), True),
        (coordinator, report, True),
        (trainer, reverse("people:trainee_list"), True),
        (social_worker, reverse("people:home"), True),
        (social_worker, report, False),
    ]:
        client.force_login(user)
        page = client.get(url)
        assert page.status_code == 200, url
        assert "Rakoto" not in page.text, url
        assert ("Personne anonymisée" in page.text) is shown, url


def test_the_record_and_the_journal_keep_the_internal_id_only(
    client, coordinator, trainee, django_capture_on_commit_callbacks
):
    erase_through_the_page(client, coordinator, trainee, django_capture_on_commit_callbacks)
    erasure = Erasure.objects.get()
    assert (erasure.trainee_id, erasure.erased_by, erasure.reason) == (
        trainee.pk,
        coordinator,
        Erasure.Reason.REQUEST,
    )
    entry = Entry.objects.get(action=journal.TRAINEE_ERASED)
    assert (entry.trainee_id, entry.actor, entry.object_id) == (
        trainee.pk,
        coordinator,
        str(erasure.pk),
    )
    # The record's page says so; erasing again is not offered, and refused.
    page = client.get(reverse("people:trainee_detail", args=[trainee.pk]))
    assert "Données anonymisées le" in page.text
    assert reverse("privacy:trainee_erase_confirm", args=[trainee.pk]) not in page.text
    assert (
        client.get(reverse("privacy:trainee_erase_confirm", args=[trainee.pk])).status_code == 404
    )
    with pytest.raises(AlreadyErased):
        erase_trainee(actor=coordinator, trainee=trainee)
    assert Erasure.objects.count() == 1


def test_the_erased_person_can_no_longer_sign_in(
    client, coordinator, trainee, django_capture_on_commit_callbacks
):
    trainee_client = client.__class__()
    trainee_client.post(reverse("people:trainee_login"), {"username": "amina", "pin": PIN})
    assert trainee_client.get(reverse("people:home")).status_code == 200
    erase_through_the_page(client, coordinator, trainee, django_capture_on_commit_callbacks)
    # The open session ends, and the old username and PIN open nothing.
    assert trainee_client.get(reverse("people:home")).status_code == 302
    trainee_client.post(reverse("people:trainee_login"), {"username": "amina", "pin": PIN})
    assert trainee_client.get(reverse("people:home")).status_code == 302
    user = Trainee.objects.select_related("user").get(pk=trainee.pk).user
    assert not user.is_active and not user.has_usable_password()
    assert user.username.startswith("anonyme-") and user.first_name == user.email == ""


def test_the_referrer_no_longer_hears_about_the_person(
    client, coordinator, social_worker, trainee, enrolment, django_capture_on_commit_callbacks
):
    erase_through_the_page(client, coordinator, trainee, django_capture_on_commit_callbacks)
    trainee.refresh_from_db()
    assert trainee.sharing == "withdrawn" and trainee.status == "left"
    enrolment.refresh_from_db()
    assert enrolment.end_date == timezone.localdate()
    client.force_login(social_worker)
    assert client.get(reverse("progress:path", args=[trainee.pk])).status_code == 404
