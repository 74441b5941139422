"""The locker's objects in Django's "locker" storage (a folder, or an S3-compatible bucket).

Keys are random ("3f/3f9c…"), never a name anyone typed; the storage is never served
over HTTP: files leave only through views that check access (parcours/locker/views).
"""

import hashlib
import secrets

from django.core.files import File
from django.core.files.storage import storages

from parcours.locker.content import CHUNK


def locker_storage():
    return storages["locker"]


def is_s3(storage=None):
    storage = storage or locker_storage()
    return hasattr(storage, "bucket_name")


def new_key():
    token = secrets.token_hex(16)
    return f"{token[:2]}/{token}"


class _LocalFile(File):
    """A checked local file. On the disk backend the storage moves it into place (one
    rename, atomic); S3 uploads it."""

    def __init__(self, path):
        super().__init__(open(path, "rb"), name=path)  # noqa: SIM115 - closed by save()
        self._path = path

    def temporary_file_path(self):
        return self._path


def put(key, path):
    """Write the local file `path` as object `key` (the file is consumed)."""
    storage = locker_storage()
    local = _LocalFile(path)
    try:
        saved = storage.save(key, local)
    finally:
        local.close()
    if saved != key:  # never: keys are random; refuse rather than point at another name
        storage.delete(saved)
        raise OSError("storage renamed the object")


class _Stream:
    """Only read() and close(): FileResponse then sends exactly Content-Length bytes
    without trying to seek an S3 body."""

    def __init__(self, raw):
        self._raw = raw

    def read(self, size=-1):
        return self._raw.read(size)

    def close(self):
        self._raw.close()


def open_stream(key):
    """The object's bytes as a stream, read piece by piece (FileNotFoundError if gone)."""
    storage = locker_storage()
    if is_s3(storage):
        client = storage.connection.meta.client
        try:
            response = client.get_object(Bucket=storage.bucket_name, Key=_s3_name(storage, key))
        except client.exceptions.NoSuchKey as error:
            raise FileNotFoundError(key) from error
        return _Stream(response["Body"])
    return storage.open(key, "rb")


def _s3_name(storage, key):
    return storage._normalize_name(key)


def digest(key):
    """(size, SHA-256 hex) of the stored object, read again from the storage."""
    sha = hashlib.sha256()
    size = 0
    stream = open_stream(key)
    try:
        while block := stream.read(CHUNK):
            sha.update(block)
            size += len(block)
    finally:
        stream.close()
    return size, sha.hexdigest()


def delete(key):
    """Remove the object; nothing happens when it is already gone."""
    locker_storage().delete(key)


def exists(key):
    return locker_storage().exists(key)


def all_keys():
    """Every object in the locker storage (two levels: "3f/3f9c…")."""
    storage = locker_storage()
    try:
        directories, files = storage.listdir("")
    except FileNotFoundError:
        return
    yield from files
    for directory in directories:
        for name in storage.listdir(directory)[1]:
            yield f"{directory}/{name}"


def file_digest(path):
    """(size, SHA-256 hex) of a local file."""
    sha = hashlib.sha256()
    size = 0
    with open(path, "rb") as file:
        while block := file.read(CHUNK):
            sha.update(block)
            size += len(block)
    return size, sha.hexdigest()
