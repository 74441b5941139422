"""Virus scan of an upload before it becomes visible, with ClamAV when configured.

CLAMAV_SOCKET (a clamd socket: a path, or host:port) is preferred: clamd keeps its
signatures loaded. CLAMSCAN_PATH runs the clamscan program on each file, which loads
every signature each time (seconds per file with the full database). Neither set: no
scan. A scan that cannot run refuses the file: an unscanned file never becomes visible
while scanning is configured.
"""

import logging
import socket
import struct
import subprocess

from django.conf import settings
from django.utils.translation import gettext as _

from parcours.locker.content import CHUNK, Refused

logger = logging.getLogger(__name__)

TIMEOUT = 120


def is_enabled():
    return bool(settings.CLAMAV_SOCKET or settings.CLAMSCAN_PATH)


def check(path):
    """Raise Refused when the file at `path` is infected or cannot be scanned."""
    if settings.CLAMAV_SOCKET:
        verdict = _clamd(path, settings.CLAMAV_SOCKET)
    elif settings.CLAMSCAN_PATH:
        verdict = _clamscan(path)
    else:
        return
    if verdict == "infected":
        raise Refused(
            _(
                "Ce fichier contient un virus : il n'a pas été ajouté. "
                "Ne l'ouvrez pas et parlez-en au formateur ou à la formatrice."
            )
        )
    if verdict != "clean":
        raise Refused(
            _("Ce fichier n'a pas pu être vérifié (antivirus). Réessayez dans quelques minutes.")
        )


def _clamscan(path):
    command = [settings.CLAMSCAN_PATH, "--no-summary", "--stdout"]
    if settings.CLAMSCAN_DATABASE:
        command += ["--database", str(settings.CLAMSCAN_DATABASE)]
    try:
        result = subprocess.run(  # noqa: S603 - a configured program, no shell
            [*command, "--", str(path)], capture_output=True, timeout=TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        logger.exception("clamscan could not run")
        return "error"
    if result.returncode == 0:
        return "clean"
    if result.returncode == 1:
        logger.warning("clamscan found a virus in an upload")
        return "infected"
    logger.error("clamscan failed (exit %s)", result.returncode)
    return "error"


def _connect(address):
    if "/" in address:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(TIMEOUT)
        sock.connect(address)
        return sock
    host, _sep, port = address.rpartition(":")
    return socket.create_connection((host, int(port)), timeout=TIMEOUT)


def _clamd(path, address):
    """clamd's INSTREAM command: the file in length-prefixed chunks, then a zero length."""
    try:
        with _connect(address) as sock, open(path, "rb") as file:
            sock.sendall(b"zINSTREAM\0")
            while block := file.read(CHUNK):
                sock.sendall(struct.pack(">I", len(block)) + block)
            sock.sendall(struct.pack(">I", 0))
            answer = b""
            while not answer.endswith(b"\0"):
                part = sock.recv(4096)
                if not part:
                    break
                answer += part
    except OSError:
        logger.exception("clamd could not be reached")
        return "error"
    answer = answer.rstrip(b"\0").decode("utf-8", "replace")
    if answer.endswith("OK"):
        return "clean"
    if answer.endswith("FOUND"):
        logger.warning("clamd found a virus in an upload")
        return "infected"
    logger.error("clamd answered %r", answer[:200])
    return "error"
