"""Locker objects for `parcours seed` (parcours/core/seed.py).

Seeded files are rows with real objects, so that `parcours locker verify` checks them
like any other file and downloads work. On the disk storage each object is a hard link to
one of two tiny blobs (a one-page PDF, a small JPEG): a hundred thousand files cost
directory entries, not disk space, and deleting one file unlinks only its own name. On an
S3 bucket each object is uploaded (slow: seed on the disk storage for benchmarks).
"""

import io
import os

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from parcours.locker.storage import locker_storage


class Blobs:
    """The two tiny documents every seeded file's object is a copy (a hard link, on the
    disk storage) of."""

    def __init__(self):
        self.storage = locker_storage()
        self.local = isinstance(self.storage, FileSystemStorage)
        self.first = {}
        self.directories = set()
        self._data = {"pdf": _tiny_pdf(), "jpeg": _tiny_jpeg()}

    def data(self, blob):
        return self._data[blob]

    @staticmethod
    def content_type(blob):
        return "application/pdf" if blob == "pdf" else "image/jpeg"

    @staticmethod
    def key(rng):
        token = rng.randbytes(16).hex()
        return f"{token[:2]}/{token}"

    def store(self, key, blob):
        # A key may already be there only if a run with the same seed was rolled back:
        # its object holds the same bytes.
        if not self.local:
            self.storage.save(key, ContentFile(self._data[blob]))  # S3 overwrites
            return
        path = self.storage.path(key)
        if blob not in self.first:
            if (
                not os.path.exists(path)
                and self.storage.save(key, ContentFile(self._data[blob])) != key
            ):
                raise OSError("the storage renamed a seeded object")
            self.first[blob] = path
            return
        directory = os.path.dirname(path)
        if directory not in self.directories:
            os.makedirs(directory, mode=0o700, exist_ok=True)
            self.directories.add(directory)
        try:
            os.link(self.first[blob], path)
        except FileExistsError:
            pass  # a run rolled back earlier wrote this very key (same seed): same bytes


def _tiny_pdf():
    """A valid one-page PDF saying "Document de démonstration", built by hand so that its
    bytes never change."""
    text = b"BT /F1 18 Tf 72 720 Td (Document de demonstration - Parcours) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _tiny_jpeg():
    from PIL import Image

    image = Image.new("RGB", (64, 48), "#e8e2d0")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()
