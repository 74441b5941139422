"""Virus scan before a file becomes visible: clamscan (tested with our own signature
database flagging the EICAR test file: no signature download needed), or a clamd
socket (tested against a small stand-in speaking clamd's INSTREAM protocol)."""

import shutil
import socket
import struct
import threading

import pytest

from parcours.locker.models import StoredFile
from tests.locker.conftest import messages_of, upload

# The EICAR test file: harmless, and flagged by every antivirus by convention.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
CLAMSCAN = shutil.which("clamscan")


@pytest.fixture
def amina(client, trainee, locker_storage):
    client.force_login(trainee.user)
    return trainee


@pytest.fixture
def clamscan(settings, tmp_path):
    if CLAMSCAN is None:
        pytest.skip("clamscan is not installed here (Debian: apt-get install clamav)")
    database = tmp_path / "signatures"
    database.mkdir()
    # An extended signature: the EICAR string anywhere in a file.
    (database / "parcours-test.ndb").write_text(
        f"Parcours.Test.EICAR:0:*:{b'EICAR-STANDARD-ANTIVIRUS-TEST-FILE'.hex()}\n"
    )
    settings.CLAMSCAN_PATH = CLAMSCAN
    settings.CLAMSCAN_DATABASE = str(database)


def test_clamscan_refuses_an_infected_file_and_keeps_the_others(client, amina, clamscan, settings):
    response = upload(client, ("facture.pdf", EICAR), ("cv.pdf", b"%PDF-1.4\n"), follow=True)

    assert list(StoredFile.objects.values_list("name", flat=True)) == ["cv.pdf"]
    assert any("« facture.pdf » : Ce fichier contient un virus" in m for m in messages_of(response))
    assert list(settings.LOCKER_UPLOAD_DIR.iterdir()) == []


def test_a_scan_that_cannot_run_refuses_the_file(client, amina, settings, tmp_path):
    settings.CLAMSCAN_PATH = str(tmp_path / "no-such-clamscan")

    response = upload(client, ("cv.pdf", b"%PDF-1.4\n"), follow=True)

    assert not StoredFile.objects.exists()
    assert any("n'a pas pu être vérifié" in m for m in messages_of(response))


class FakeClamd:
    """A clamd stand-in on a Unix socket: answers FOUND when the stream holds EICAR."""

    def __init__(self, path):
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(str(path))
        self.server.listen()
        self.received = []
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while True:
            try:
                connection, _address = self.server.accept()
            except OSError:
                return
            with connection:
                stream = connection.makefile("rb")
                assert stream.read(10) == b"zINSTREAM\0"
                data = b""
                while (size := struct.unpack(">I", stream.read(4))[0]) > 0:
                    data += stream.read(size)
                self.received.append(data)
                verdict = (
                    b"stream: Eicar-Signature FOUND\0" if b"EICAR" in data else b"stream: OK\0"
                )
                connection.sendall(verdict)

    def close(self):
        self.server.close()


@pytest.fixture
def clamd(settings, tmp_path):
    server = FakeClamd(tmp_path / "clamd.sock")
    settings.CLAMAV_SOCKET = str(tmp_path / "clamd.sock")
    yield server
    server.close()


def test_clamd_scans_every_upload_before_it_is_visible(client, amina, clamd):
    response = upload(client, ("virus.txt", EICAR), ("lettre.pdf", b"%PDF-1.4\n"), follow=True)

    assert list(StoredFile.objects.values_list("name", flat=True)) == ["lettre.pdf"]
    assert any("contient un virus" in m for m in messages_of(response))
    assert clamd.received == [EICAR, b"%PDF-1.4\n"]


def test_no_scan_when_nothing_is_configured(client, amina):
    upload(client, ("virus.txt", EICAR))

    assert StoredFile.objects.count() == 1
