"""The person's data as a ZIP: for the coordinator from the trainee's record, for the
trainee from "Mes données"; journalled; streamed from a temporary file."""

import io
import json
import re
import zipfile

import pytest
from django.urls import reverse

from parcours.audit.models import Entry
from parcours.locker import actions as locker
from parcours.privacy import export, journal
from tests.conftest import PIN
from tests.locker.fixtures import PDF, put
from tests.privacy.conftest import EMAIL, PHONE

pytestmark = pytest.mark.django_db


def unzip(response):
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def sign_in(client):
    client.post(reverse("people:trainee_login"), {"username": "amina", "pin": PIN})


def test_the_coordinator_downloads_everything_kept_about_the_person(
    client, coordinator, trainee, amina_everywhere
):
    client.force_login(coordinator)
    record = client.get(reverse("people:trainee_detail", args=[trainee.pk]))
    url = reverse("privacy:trainee_export", args=[trainee.pk])
    assert url in record.text  # from the rights section of the record

    response = client.get(url)

    assert response["Content-Disposition"] == (
        f'attachment; filename="donnees-stagiaire-{trainee.pk}.zip"'
    )
    assert "no-store" in response["Cache-Control"]
    archive = unzip(response)
    data = json.loads(archive.read("donnees.json"))
    assert data["identity"]["last_name"] == "Rakoto"
    assert (data["identity"]["phone"], data["identity"]["email"]) == (PHONE, EMAIL)
    assert data["referrals"][0]["needs_text"].startswith("Mme Rakoto veut écrire")
    assert {e["kind"] for e in data["consent_events"]} >= {"partage confirmé par la personne"}
    assert [e["course"] for e in data["enrolments"]] == ["Atelier du mardi"]
    notes = [a["note"] for a in data["attendance"]]
    assert "Mme RAKOTO a fait son CV." in notes
    assert "Travail en binôme" not in json.dumps(data)  # Karim's note is his
    assert {g["goal"] for g in data["goals"]} >= {
        "Écrire le blog « Arts malgaches » d'Amina Rakoto"
    }
    assert data["accounts_notebook"][0]["identifier"] == EMAIL
    assert data["reports"][0]["trainer_comment"] == "Amina Rakoto avance bien."
    assert data["messages_sent"][0]["body"] == "Bonjour Amina, atelier demain."
    assert {f["name"] for f in data["locker"]["files"]} == {
        "CV Amina Rakoto.pdf",
        "Bail Rakoto.pdf",
        "Ancien Rakoto.pdf",
    }
    assert data["locker"]["shares"] and data["locker"]["links"]
    assert any(e["action"] == "Fiche stagiaire consultée" for e in data["journal"])
    # Her documents, under their names, in their folders; the trash apart.
    assert sorted(n for n in archive.namelist() if n.startswith("documents/")) == [
        "documents/CV Amina Rakoto.pdf",
        "documents/Corbeille/Ancien Rakoto.pdf",
        "documents/Papiers Rakoto/Bail Rakoto.pdf",
    ]
    assert archive.read("documents/CV Amina Rakoto.pdf").startswith(b"%PDF-1.4\n% CV de Amina")


def test_the_readable_page_is_plain_and_self_contained(
    client, coordinator, trainee, amina_everywhere
):
    client.force_login(coordinator)
    archive = unzip(client.get(reverse("privacy:trainee_export", args=[trainee.pk])))
    page = archive.read("index.html").decode()
    assert "Qui je suis" in page and "Rakoto" in page and "Mme RAKOTO a fait son CV." in page
    assert '<html lang="fr">' in page
    # Nothing fetched from anywhere: no script, no image, no stylesheet or link to a server.
    assert not re.search(r"<script|<img|<link|src=|https?://(?!amina-rakoto)", page)


def test_the_export_is_journalled_with_the_person_and_shown_to_them(client, coordinator, trainee):
    client.force_login(coordinator)
    client.get(reverse("privacy:trainee_export", args=[trainee.pk]))
    entry = Entry.objects.get(action=Entry.Action.EXPORT)
    assert (entry.actor, entry.trainee_id, entry.object_type) == (
        coordinator,
        trainee.pk,
        journal.EXPORT_WHAT,
    )
    client.logout()
    sign_in(client)
    assert "Export de données" in client.get(reverse("audit:my_journal")).text


def test_the_trainee_downloads_their_own_from_my_data(client, trainee, other_trainee, locker_file):
    sign_in(client)
    home = client.get(reverse("people:home"))
    assert reverse("privacy:my_data") in home.text
    page = client.get(reverse("privacy:my_data"))
    assert reverse("privacy:my_export") in page.text
    assert "1 document." in page.text
    response = client.get(reverse("privacy:my_export"))
    assert response["Content-Disposition"] == 'attachment; filename="mes-donnees.zip"'
    archive = unzip(response)
    assert json.loads(archive.read("donnees.json"))["identity"]["first_name"] == "Amina"
    assert archive.read("documents/Lettre CAF.pdf") == PDF
    assert "Karim" not in archive.read("donnees.json").decode()
    entry = Entry.objects.get(action=Entry.Action.EXPORT)
    assert (entry.actor, entry.trainee_id) == (trainee.user, trainee.pk)


def test_names_that_would_escape_the_zip_or_collide_are_cleaned(trainee, locker_storage):
    folder = locker.create_folder(trainee=trainee, name="..")
    put(trainee, '../../etc/passwd:"x".pdf')
    put(trainee, "passwd_x_.pdf", folder=None)
    put(trainee, "a.pdf", folder=folder)
    put(trainee, "A.pdf", folder=folder)
    spool = export.write_zip(trainee)
    names = zipfile.ZipFile(spool).namelist()
    spool.close()
    documents = sorted(n for n in names if n.startswith("documents/"))
    assert all(".." not in part for n in documents for part in n.split("/"))
    assert all(":" not in n and '"' not in n and "\\" not in n for n in documents)
    assert len(documents) == len(set(n.lower() for n in documents)) == 4


def test_the_zip_is_spooled_to_a_file_on_disk_not_memory(trainee, locker_file):
    spool = export.write_zip(trainee)
    try:
        assert isinstance(spool.fileno(), int)  # a real (temporary) file
        assert not isinstance(spool, io.BytesIO)
        assert zipfile.is_zipfile(spool)
    finally:
        spool.close()


def test_others_cannot_export_amina(client, trainer, social_worker, other_trainee, trainee):
    url = reverse("privacy:trainee_export", args=[trainee.pk])
    for user in (trainer, social_worker, other_trainee.user):
        client.force_login(user)
        assert client.get(url).status_code == 404
    assert not Entry.objects.filter(action=Entry.Action.EXPORT).exists()
