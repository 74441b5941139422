"""Receiving uploads: straight to a temporary file in LOCKER_UPLOAD_DIR, in pieces (the
memory used stays flat whatever the size), and a file over LOCKER_MAX_FILE_MB is
dropped as soon as it passes the limit (the rest of it is read and thrown away).

What an interrupted request leaves in LOCKER_UPLOAD_DIR is removed by the worker
(actions.clean_up); NamedTemporaryFile removes it on every normal path.
"""

import os
import tempfile

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

from parcours.locker.content import upload_dir


def max_file_bytes():
    return settings.LOCKER_MAX_FILE_MB * 1024 * 1024


class LockerUploadedFile(UploadedFile):
    def __init__(self, name, content_type, charset, content_type_extra=None):
        file = tempfile.NamedTemporaryFile(prefix="up-", suffix=".upload", dir=upload_dir())  # noqa: SIM115
        super().__init__(file, name, content_type, 0, charset, content_type_extra)

    def temporary_file_path(self):
        return self.file.name

    def close(self):
        try:
            return self.file.close()
        except FileNotFoundError:
            pass  # moved into the storage already


class LockerUploadHandler(FileUploadHandler):
    """Set on request.upload_handlers before the body is read (the view is csrf_exempt,
    then csrf_protect inside, as Django's documentation describes)."""

    def __init__(self, request=None):
        super().__init__(request)
        self.limit = max_file_bytes()
        # Names of the files dropped for being too large, for the message.
        self.too_large = []
        if request is not None:
            request.locker_too_large = self.too_large

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.file = LockerUploadedFile(
            self.file_name, self.content_type, self.charset, self.content_type_extra
        )
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.too_large.append(self.file_name)
            raise SkipFile  # Django closes (and so deletes) our temporary file
        self.file.write(raw_data)

    def file_complete(self, file_size):
        self.file.seek(0)
        self.file.size = file_size
        return self.file


def discard(uploaded):
    """Close (and so delete) what a view did not store."""
    try:
        uploaded.close()
    except OSError:
        pass
    path = getattr(uploaded, "temporary_file_path", None)
    if path is not None:
        try:
            os.unlink(path())
        except (FileNotFoundError, OSError):
            pass
