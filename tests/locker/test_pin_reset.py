"""Losing the PIN loses nothing: the files are not tied to it."""

from django.urls import reverse

from parcours.locker.models import StoredFile
from parcours.people.actions import reset_pin
from tests.conftest import PIN
from tests.locker.conftest import body, jpeg_with_gps, sha256, upload


def test_after_a_pin_reset_every_file_is_still_there(client, trainee, trainer, locker_storage):
    client.post(reverse("people:trainee_login"), {"username": "amina", "pin": PIN})
    upload(client, ("cv.pdf", b"%PDF-1.4 cv"), ("photo.jpg", jpeg_with_gps()))
    client.post(reverse("people:logout"))

    new_pin = reset_pin(actor=trainer, trainee=trainee)
    assert (
        client.post(reverse("people:trainee_login"), {"username": "amina", "pin": PIN}).status_code
        == 200
    )
    signed_in = client.post(reverse("people:trainee_login"), {"username": "amina", "pin": new_pin})
    assert signed_in.status_code == 302

    page = client.get(reverse("locker:index")).text
    assert "cv.pdf" in page and "photo.jpg" in page
    cv = StoredFile.objects.get(name="cv.pdf")
    assert sha256(body(client.get(reverse("locker:file_download", args=[cv.pk])))) == cv.sha256
