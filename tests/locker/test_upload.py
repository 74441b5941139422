"""Uploading: several files at once, each checked, hashed and stored under a random key;
hostile names and contents; the size limit."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from parcours.locker import storage
from parcours.locker.models import StoredFile
from tests.locker.conftest import body, messages_of, sha256, upload

PDF = b"%PDF-1.4\n%test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff"
    b"\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def amina(client, trainee):
    client.force_login(trainee.user)
    return trainee


def test_trainee_uploads_several_files_at_once(client, amina, backend):
    response = upload(
        client, ("cv.pdf", PDF), ("photo.png", PNG), ("notes.txt", b"bonjour"), follow=True
    )

    assert "3 documents ajoutés." in messages_of(response)
    files = {f.name: f for f in StoredFile.objects.in_use().filter(trainee=amina)}
    assert set(files) == {"cv.pdf", "photo.png", "notes.txt"}
    assert files["cv.pdf"].sha256 == sha256(PDF)
    assert files["cv.pdf"].content_type == "application/pdf"
    assert files["photo.png"].content_type == "image/png"
    assert files["notes.txt"].content_type == "text/plain"
    for file in files.values():
        # A random key, never the name; and the object is there, whole.
        assert file.name not in file.key and len(file.key) == 35
        assert storage.digest(file.key) == (file.size, file.sha256)


def test_the_file_appears_in_the_folder_it_was_uploaded_to(client, amina, locker_folder):
    upload(client, ("bail.pdf", PDF), folder=locker_folder)

    response = client.get(reverse("locker:folder", args=[locker_folder.pk]))
    assert "bail.pdf" in response.text
    assert "bail.pdf" not in client.get(reverse("locker:index")).text


def test_the_type_comes_from_the_content_not_the_browser_or_the_name(client, amina, locker_storage):
    # A PDF named .jpg and sent as image/jpeg is a PDF; HTML named .pdf is HTML.
    upload(client, ("scan.jpg", PDF), ("facture.pdf", b"<html><script>alert(1)</script></html>"))

    assert StoredFile.objects.get(name="scan.jpg").content_type == "application/pdf"
    assert StoredFile.objects.get(name="facture.pdf").content_type == "text/html"


def test_a_path_in_the_name_is_dropped(client, amina, locker_storage):
    upload(client, ("../../etc/passwd", b"root:x:0:0"))

    stored = StoredFile.objects.get(trainee=amina)
    assert stored.name == "passwd"
    assert ".." not in stored.key and "/etc" not in stored.key
    assert storage.locker_storage().exists(stored.key)


def test_a_direction_override_is_removed_from_the_name(client, amina, locker_storage):
    # "photo\u202egpj.exe" shows as "photoexe.jpg" in a browser.
    upload(client, ("photo\u202egpj.exe", b"MZ\x90\x00"))

    stored = StoredFile.objects.get(trainee=amina)
    assert stored.name == "photogpj.exe"
    response = client.get(reverse("locker:file_download", args=[stored.pk]))
    assert "\u202e" not in response["Content-Disposition"]
    body(response)


def test_arabic_names_are_kept_as_they_are(client, amina, locker_storage):
    upload(client, ("شهادة السكن.pdf", PDF))

    assert StoredFile.objects.get(trainee=amina).name == "شهادة السكن.pdf"


def test_an_overlong_name_is_shortened_keeping_its_extension(client, amina, locker_storage):
    name = "é" * 150 + ".pdf"  # 304 bytes in UTF-8
    assert len(name.encode()) > 300

    upload(client, (name, PDF))

    stored = StoredFile.objects.get(trainee=amina)
    assert len(stored.name) <= 200 and stored.name.endswith(".pdf")
    response = client.get(reverse("locker:file_download", args=[stored.pk]))
    assert response.status_code == 200
    assert len(response["Content-Disposition"]) < 1200
    body(response)


def test_an_empty_file_is_refused_with_a_message(client, amina, locker_storage):
    response = upload(client, ("vide.pdf", b""), ("cv.pdf", PDF), follow=True)

    assert "« vide.pdf » est vide : il n'a pas été ajouté." in messages_of(response)
    assert list(StoredFile.objects.values_list("name", flat=True)) == ["cv.pdf"]


def test_a_file_just_over_the_limit_is_refused_and_the_others_are_kept(
    client, amina, locker_storage, settings
):
    settings.LOCKER_MAX_FILE_MB = 1
    limit = 1024 * 1024
    response = upload(
        client,
        ("petit.pdf", PDF),
        ("gros.pdf", b"%PDF-" + b"x" * (limit - 4)),  # one byte over
        ("juste.pdf", b"%PDF-" + b"x" * (limit - 5)),  # exactly the limit
        follow=True,
    )

    assert sorted(StoredFile.objects.values_list("name", flat=True)) == ["juste.pdf", "petit.pdf"]
    assert any(
        "« gros.pdf » est trop gros" in m and "1 Mo au plus" in m for m in messages_of(response)
    )
    # Nothing of the refused file stays behind.
    assert list(settings.LOCKER_UPLOAD_DIR.iterdir()) == []


def test_nothing_chosen_says_so(client, amina, locker_storage):
    response = upload(client, follow=True)

    assert "Choisissez d'abord un fichier." in messages_of(response)


def test_the_upload_form_offers_several_files_and_the_camera(client, amina, locker_storage):
    response = client.get(reverse("locker:index"))

    assert 'type="file"' in response.text and " multiple " in response.text
    assert 'accept="image/*,application/pdf' in response.text
    assert "<script>" not in response.text  # drag and drop comes from a static file
    assert "locker/locker.js" in response.text


def test_an_upload_into_someone_elses_folder_is_refused(client, other_trainee, locker_folder):
    client.force_login(other_trainee.user)

    response = upload(client, ("x.pdf", PDF), folder=locker_folder)

    assert response.status_code == 404
    assert not StoredFile.objects.filter(trainee=other_trainee).exists()


def test_staff_cannot_upload(client, trainer, locker_storage, settings):
    client.force_login(trainer)

    assert upload(client, ("x.pdf", PDF)).status_code == 404
    assert not settings.LOCKER_UPLOAD_DIR.exists() or not any(settings.LOCKER_UPLOAD_DIR.iterdir())


def test_on_disk_the_objects_are_readable_by_the_service_account_only(
    client, amina, locker_storage
):
    upload(client, ("cv.pdf", PDF))

    path = storage.locker_storage().path(StoredFile.objects.get().key)
    assert os.stat(path).st_mode & 0o777 == 0o600


def test_a_storage_failure_is_said_and_the_other_files_are_kept(
    client, amina, locker_storage, monkeypatch
):
    real_put = storage.put

    def put(key, path):
        if b"panne" in Path(path).read_bytes():
            raise ConnectionError("S3 unreachable")
        return real_put(key, path)

    monkeypatch.setattr(storage, "put", put)

    response = upload(client, ("a.pdf", PDF + b"panne"), ("b.pdf", PDF), follow=True)

    assert "« a.pdf » n'a pas pu être enregistré. Réessayez dans un moment." in messages_of(
        response
    )
    assert list(StoredFile.objects.values_list("name", flat=True)) == ["b.pdf"]


@pytest.mark.parametrize("url", ["locker:upload", "locker:scan"])
def test_uploads_still_check_the_csrf_token(trainee, locker_storage, url):
    """The upload views are csrf_exempt only to set their upload handler first; the
    check itself runs right after (csrf_protect)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(trainee.user)
    field = "files" if url == "locker:upload" else "pages"

    response = client.post(reverse(url), {field: [SimpleUploadedFile("a.pdf", PDF)]})

    assert response.status_code == 403
    assert not StoredFile.objects.exists()
