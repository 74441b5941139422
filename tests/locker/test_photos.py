"""Photos: their position (EXIF GPS) never reaches the storage; images too large to
decode safely are refused at once; photos of a paper letter become one PDF."""

import io
import struct
import time
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from parcours.locker import storage
from parcours.locker.models import StoredFile
from tests.locker.conftest import body, jpeg_with_gps, messages_of, upload

GPS = 0x8825


@pytest.fixture
def amina(client, trainee):
    client.force_login(trainee.user)
    return trainee


def stored_bytes(file):
    response = storage.open_stream(file.key)
    try:
        return response.read()
    finally:
        response.close()


def test_the_gps_position_of_a_jpeg_is_removed_before_storage(client, amina, backend):
    photo = jpeg_with_gps()
    assert Image.open(io.BytesIO(photo)).getexif().get_ifd(GPS)

    upload(client, ("IMG_2041.jpg", photo))

    stored = StoredFile.objects.get(trainee=amina)
    kept = stored_bytes(stored)
    image = Image.open(io.BytesIO(kept))
    assert image.getexif().get_ifd(GPS) == {}
    assert b"PhoneMaker" not in kept
    assert image.size == (64, 48)
    # The SHA-256 recorded is the one of what was stored.
    assert storage.digest(stored.key) == (stored.size, stored.sha256)


def test_the_pixels_of_a_jpeg_are_not_recompressed(client, amina, locker_storage):
    photo = jpeg_with_gps()

    upload(client, ("IMG.jpg", photo))

    kept = stored_bytes(StoredFile.objects.get(trainee=amina))
    scan_data = photo[photo.index(b"\xff\xda") :]
    assert kept.endswith(scan_data)


def test_a_turned_photo_stays_upright(client, amina, locker_storage):
    upload(client, ("IMG.jpg", jpeg_with_gps(orientation=6)))

    image = Image.open(io.BytesIO(stored_bytes(StoredFile.objects.get(trainee=amina))))
    exif = image.getexif()
    assert exif.get(0x0112) == 6
    assert exif.get_ifd(GPS) == {}


def test_png_and_webp_metadata_are_removed(client, amina, locker_storage):
    from PIL import PngImagePlugin

    exif = Image.Exif()
    exif[GPS] = {1: "N", 2: (48.0, 51.0, 29.6)}
    info = PngImagePlugin.PngInfo()
    info.add_text("XML:com.adobe.xmp", "<x:xmpmeta>exif:GPSLatitude 48,51.5N</x:xmpmeta>")
    png, webp = io.BytesIO(), io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(png, "PNG", exif=exif, pnginfo=info)
    Image.new("RGB", (20, 10), "red").save(
        webp, "WEBP", exif=exif, xmp=b"<x:xmpmeta>GPS</x:xmpmeta>"
    )
    assert b"eXIf" in png.getvalue() and b"EXIF" in webp.getvalue()

    upload(client, ("a.png", png.getvalue()), ("b.webp", webp.getvalue()))

    for name in ("a.png", "b.webp"):
        kept = stored_bytes(StoredFile.objects.get(name=name))
        assert b"GPS" not in kept and b"eXIf" not in kept and b"EXIF" not in kept, name
        image = Image.open(io.BytesIO(kept))
        image.load()  # still a valid image
        assert image.size == (20, 10)
        assert image.getexif().get_ifd(GPS) == {}


def png_bomb(width=40_000, height=40_000):
    """A small PNG announcing 1.6 billion pixels: decoding it would take gigabytes."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


def test_a_decompression_bomb_is_refused_quickly(client, amina, locker_storage):
    started = time.monotonic()

    response = upload(client, ("bombe.png", png_bomb()), follow=True)

    assert time.monotonic() - started < 2
    assert not StoredFile.objects.exists()
    assert any("trop grande pour être ouverte sans risque" in m for m in messages_of(response))


def test_an_image_just_over_the_pixel_limit_is_refused_too(client, amina, locker_storage, settings):
    side = int(Image.MAX_IMAGE_PIXELS**0.5) + 1

    upload(client, ("grande.png", png_bomb(side, side)))

    assert not StoredFile.objects.exists()


def scan(client, *photos, name="Lettre CAF"):
    return client.post(
        reverse("locker:scan"),
        {
            "pages": [SimpleUploadedFile(f"p{n}.jpg", photo) for n, photo in enumerate(photos)],
            "name": name,
        },
        follow=True,
    )


def test_photos_of_a_paper_letter_become_one_pdf(client, amina, backend):
    from pypdf import PdfReader

    response = scan(
        client, jpeg_with_gps((600, 800)), jpeg_with_gps((600, 800)), jpeg_with_gps((800, 600))
    )

    stored = StoredFile.objects.get(trainee=amina)
    assert stored.name == "Lettre CAF.pdf"
    assert stored.content_type == "application/pdf"
    assert response.redirect_chain[-1][0] == reverse("locker:file_detail", args=[stored.pk])
    assert "Le document « Lettre CAF.pdf » est prêt (3 pages)." in messages_of(response)
    content = stored_bytes(stored)
    assert len(PdfReader(io.BytesIO(content)).pages) == 3
    assert b"PhoneMaker" not in content and b"GPS" not in content


def test_the_scan_page_lets_the_phone_take_the_photos(client, amina, locker_storage):
    response = client.get(reverse("locker:scan"))

    assert response.status_code == 200
    assert 'accept="image/*"' in response.text
    assert response.text.count('name="pages"') == 6


def test_a_scan_without_photos_says_so(client, amina, locker_storage):
    response = client.post(reverse("locker:scan"), {"name": "x"}, follow=True)

    assert "Prenez d'abord une photo de la page." in messages_of(response)
    assert not StoredFile.objects.exists()


def test_a_scan_refuses_a_bomb_and_keeps_nothing(client, amina, locker_storage, settings):
    response = scan(client, jpeg_with_gps(), png_bomb())

    assert not StoredFile.objects.exists()
    assert any("trop grande" in m for m in messages_of(response))
    assert list(settings.LOCKER_UPLOAD_DIR.iterdir()) == []


def test_the_pdf_of_a_scan_downloads(client, amina, locker_storage):
    scan(client, jpeg_with_gps())
    stored = StoredFile.objects.get(trainee=amina)

    response = client.get(reverse("locker:file_download", args=[stored.pk]))

    assert body(response).startswith(b"%PDF")
