"""The locker's tests run against both backends where it matters: a disk folder
(`locker_storage`, in fixtures.py) and a real S3-compatible server, moto's, started once
on 127.0.0.1 on a free port, with a new bucket per test (`s3_storage`)."""

import hashlib
import io
import logging
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

S3_CREDENTIALS = {"access_key": "testing", "secret_key": "testing", "region_name": "us-east-1"}


@pytest.fixture(scope="session")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    # moto's web server logs every request at INFO.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def s3_client(endpoint):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=S3_CREDENTIALS["access_key"],
        aws_secret_access_key=S3_CREDENTIALS["secret_key"],
        region_name=S3_CREDENTIALS["region_name"],
    )


@pytest.fixture
def s3_storage(settings, tmp_path, s3_endpoint):
    """The locker in a new bucket of the local S3 server, set up as settings.py does
    when S3_BUCKET is set."""
    bucket = f"parcours-{uuid.uuid4().hex[:12]}"
    s3_client(s3_endpoint).create_bucket(Bucket=bucket)
    settings.STORAGES = {
        **settings.STORAGES,
        "locker": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": s3_endpoint,
                **S3_CREDENTIALS,
                "querystring_expire": 60,
                "default_acl": None,
                "file_overwrite": True,
            },
        },
    }
    settings.LOCKER_UPLOAD_DIR = tmp_path / "uploads"
    settings.CLAMAV_SOCKET = ""
    settings.CLAMSCAN_PATH = ""
    return bucket


@pytest.fixture(params=["disk", "s3"])
def backend(request):
    """Runs the test once on each backend."""
    request.getfixturevalue("locker_storage" if request.param == "disk" else "s3_storage")
    return request.param


def upload(client, *files, folder=None, follow=False):
    """POST files to the upload view: (name, bytes) pairs."""
    data = {"files": [SimpleUploadedFile(name, content) for name, content in files]}
    if folder is not None:
        data["folder"] = folder.pk
    return client.post(reverse("locker:upload"), data, follow=follow)


def sha256(content):
    return hashlib.sha256(content).hexdigest()


def body(response):
    """The bytes of a (streaming) response. The test client closes a streaming response
    once it is read (closing it again would close the test's database connection)."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def jpeg_with_gps(size=(64, 48), orientation=None):
    """A phone photo: a JPEG whose EXIF holds a GPS position (and an orientation)."""
    from PIL import Image

    image = Image.new("RGB", size, "#3366cc")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 29.6), 3: "E", 4: (2.0, 17.0, 40.2)}
    if orientation:
        exif[0x0112] = orientation
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []
