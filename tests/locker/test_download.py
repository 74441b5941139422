"""Downloading and previewing: streamed, never cached, never sniffed, and nothing a
browser would run is ever shown inline."""

import pytest
from django.urls import reverse

from parcours.locker.views.serve import LockerFileResponse
from tests.locker.conftest import body
from tests.locker.fixtures import put

PDF = b"%PDF-1.4\n%test\n%%EOF\n"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>fetch('/accueil/').then(r=>r.text()).then(alert)</script></svg>"
)
HTML = b"<!DOCTYPE html><html><body><script>document.location='https://evil.example'</script>"


@pytest.fixture
def amina(client, trainee):
    client.force_login(trainee.user)
    return trainee


def test_a_download_is_streamed_whole_with_safe_headers(client, amina, backend):
    content = b"%PDF-1.4\n" + bytes(range(256)) * 4000  # about 1 MB
    file = put(amina, "Relevé.pdf", content)

    response = client.get(reverse("locker:file_download", args=[file.pk]))

    assert isinstance(response, LockerFileResponse) and response.streaming
    assert body(response) == content
    assert response["Content-Length"] == str(len(content))
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Relev%C3%A9.pdf" in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Security-Policy"] == "sandbox"


def test_images_and_pdfs_open_in_the_browser(client, amina, locker_storage):
    from tests.locker.test_upload import PNG

    image = put(amina, "photo.png", PNG)
    pdf = put(amina, "lettre.pdf", PDF)

    response = client.get(reverse("locker:file_view", args=[image.pk]))
    assert response["Content-Disposition"].startswith("inline;")
    assert response["Content-Type"] == "image/png"
    assert response["Content-Security-Policy"] == "sandbox"
    body(response)
    response = client.get(reverse("locker:file_view", args=[pdf.pk]))
    assert response["Content-Disposition"].startswith("inline;")
    # Chromium will not start its PDF viewer in a sandboxed document; nothing may frame it.
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    body(response)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("dessin.svg", SVG),
        ("image.png", SVG),  # an SVG pretending to be a PNG
        ("page.html", HTML),
        ("page.txt", HTML),
        ("script.js", b"alert(document.cookie)"),
    ],
)
def test_active_content_is_always_an_attachment_in_a_sandbox(
    client, amina, locker_storage, name, content
):
    file = put(amina, name, content)

    for url in ("locker:file_view", "locker:file_download"):
        response = client.get(reverse(url, args=[file.pk]))
        assert response["Content-Disposition"].startswith("attachment;"), url
        assert response["Content-Type"] == "application/octet-stream"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "sandbox"
        assert body(response) == content


def test_the_file_page_never_embeds_active_content(client, amina, locker_storage):
    file = put(amina, "dessin.svg", SVG)

    response = client.get(reverse("locker:file_detail", args=[file.pk]))

    assert "<img" not in response.text.split("<main", 1)[1]
    assert "<script>fetch" not in response.text


def test_an_image_is_previewed_on_its_page(client, amina, locker_storage):
    from tests.locker.test_upload import PNG

    file = put(amina, "photo.png", PNG)

    response = client.get(reverse("locker:file_detail", args=[file.pk]))

    assert f'<img src="{reverse("locker:file_view", args=[file.pk])}"' in response.text


def test_locker_pages_are_not_kept_in_the_browser_cache(client, amina, locker_file):
    for url in (
        reverse("locker:index"),
        reverse("locker:file_detail", args=[locker_file.pk]),
        reverse("locker:trash"),
        reverse("locker:history"),
    ):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_the_storage_folder_is_not_served(client, amina, locker_file, settings):
    # The disk folder is outside the static and media URLs: no address reaches it.
    for url in (
        f"/{locker_file.key}",
        f"/static/{locker_file.key}",
        f"/media/{locker_file.key}",
        f"/locker/{locker_file.key}",
        f"/data/locker/{locker_file.key}",
    ):
        assert client.get(url).status_code == 404, url


def test_a_missing_object_is_a_404_not_a_crash(client, amina, locker_file, caplog):
    from parcours.locker import storage

    storage.delete(locker_file.key)

    response = client.get(reverse("locker:file_download", args=[locker_file.pk]))

    assert response.status_code == 404
    assert f"locker object missing for file {locker_file.pk}" in caplog.text


def test_memory_stays_flat_on_a_large_download(client, amina, locker_storage):
    """A 20 MB file goes out in 256 KiB pieces: no piece, and no copy, holds it whole."""
    import tracemalloc

    content = b"%PDF-" + b"\x00" * (20 * 1024 * 1024)
    file = put(amina, "gros.pdf", content)
    response = client.get(reverse("locker:file_download", args=[file.pk]))
    tracemalloc.start()
    try:
        total = 0
        for piece in response.streaming_content:
            total += len(piece)
            assert len(piece) <= 256 * 1024
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total == len(content)
    assert peak < 4 * 1024 * 1024
