"""Fixtures of the locker tests, also used by the access table (tests/conftest.py loads them).

Amina's locker holds, at the top, "Lettre CAF.pdf" (`locker_file`) and a folder
"Logement" (`locker_folder`) with "Quittance.pdf" inside; her trash holds one file and
one folder. `shared_locker_file` and `shared_locker_folder` are shared with her referrer
(`social_worker`) only: the trainer of her site has nothing shared with them.
"""

import os
import tempfile

import pytest

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def locker_storage(settings, tmp_path):
    """The locker on a disk folder of this test (the S3 flavour: tests/locker/conftest.py)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "locker": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {
                "location": tmp_path / "locker",
                "file_permissions_mode": 0o600,
                "directory_permissions_mode": 0o700,
            },
        },
    }
    settings.LOCKER_UPLOAD_DIR = tmp_path / "uploads"
    settings.CLAMAV_SOCKET = ""
    settings.CLAMSCAN_PATH = ""
    return tmp_path / "locker"


def put(trainee, name, content=PDF, folder=None):
    """Store `content` as `name` in `trainee`'s locker, through the real upload path."""
    from parcours.locker import actions
    from parcours.locker.content import upload_dir

    fd, path = tempfile.mkstemp(dir=upload_dir())
    with os.fdopen(fd, "wb") as file:
        file.write(content)
    return actions.store_file(
        actor=trainee.user, trainee=trainee, path=path, name=name, folder=folder
    )


@pytest.fixture
def locker_file(trainee, locker_storage):
    return put(trainee, "Lettre CAF.pdf")


@pytest.fixture
def locker_folder(trainee, locker_storage):
    from parcours.locker import actions

    folder = actions.create_folder(trainee=trainee, name="Logement")
    put(trainee, "Quittance.pdf", folder=folder)
    return folder


@pytest.fixture
def trashed_file(trainee, locker_storage):
    from parcours.locker import actions

    file = put(trainee, "Vieux papier.pdf")
    actions.trash_file(file=file)
    return file


@pytest.fixture
def trashed_folder(trainee, locker_storage):
    from parcours.locker import actions

    folder = actions.create_folder(trainee=trainee, name="Archives")
    put(trainee, "Ancien bail.pdf", folder=folder)
    actions.trash_folder(folder=folder)
    return folder


@pytest.fixture
def locker_share(locker_file, trainee, social_worker):
    """Amina shares "Lettre CAF.pdf" with her referrer."""
    from parcours.locker import actions

    return actions.share(actor=trainee.user, trainee=trainee, user=social_worker, file=locker_file)


@pytest.fixture
def shared_locker_file(locker_share):
    return locker_share.file


@pytest.fixture
def shared_locker_folder(locker_folder, trainee, social_worker):
    from parcours.locker import actions

    actions.share(actor=trainee.user, trainee=trainee, user=social_worker, folder=locker_folder)
    return locker_folder


@pytest.fixture
def locker_link(locker_file, trainee):
    """(link, token): an expiring link to "Lettre CAF.pdf", valid a week, no limit."""
    from datetime import timedelta

    from django.utils import timezone

    from parcours.locker import actions

    return actions.create_link(
        actor=trainee.user,
        trainee=trainee,
        file=locker_file,
        ends_on=timezone.localdate() + timedelta(days=7),
    )


@pytest.fixture
def locker_link_token(locker_link):
    return locker_link[1]


@pytest.fixture
def locker_link_pk(locker_link):
    return locker_link[0]
