"""The locker's settings come from the environment: disk by default, S3 with S3_BUCKET."""

import json
import os
import subprocess
import sys

PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'locker': s.STORAGES['locker'], 'quota': s.LOCKER_QUOTA_MB, "
    "'max': s.LOCKER_MAX_FILE_MB, 'socket': s.CLAMAV_SOCKET, 'clamscan': s.CLAMSCAN_PATH}, default=str))"
)


def probe(tmp_path, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("S3_", "LOCKER_", "CLAM"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="parcours.settings", PARCOURS_DATA_DIR=str(tmp_path), **env
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_by_default_the_locker_is_a_folder_of_the_data_directory(tmp_path):
    values = probe(tmp_path)

    assert values["locker"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert values["locker"]["OPTIONS"]["location"] == str(tmp_path / "locker")
    assert (values["quota"], values["max"], values["socket"], values["clamscan"]) == (
        500,
        50,
        "",
        "",
    )


def test_s3_bucket_switches_the_locker_to_s3(tmp_path):
    values = probe(
        tmp_path,
        S3_BUCKET="parcours-documents",
        S3_ENDPOINT_URL="https://s3.example.org",
        S3_ACCESS_KEY_ID="key",
        S3_SECRET_ACCESS_KEY="secret",
        S3_REGION="fr-par",
        LOCKER_QUOTA_MB="1000",
        LOCKER_MAX_FILE_MB="20",
        CLAMAV_SOCKET="/run/clamav/clamd.ctl",
    )

    options = values["locker"]["OPTIONS"]
    assert values["locker"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert options["bucket_name"] == "parcours-documents"
    assert options["endpoint_url"] == "https://s3.example.org"
    assert (options["access_key"], options["secret_key"]) == ("key", "secret")
    assert options["region_name"] == "fr-par" and options["querystring_expire"] == 60
    assert (values["quota"], values["max"], values["socket"]) == (1000, 20, "/run/clamav/clamd.ctl")
