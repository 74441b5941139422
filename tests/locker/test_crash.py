"""Crash test: files uploaded to a real server (gunicorn, SQLite, the disk backend) while
it is killed with SIGKILL at random moments and restarted. Afterwards, and after the
clean-up the worker runs: every visible file points to a whole object (SHA-256 checked
by `parcours locker verify --strict`, and against what the client sent), every upload
the server confirmed is there, and nothing is left over (no orphan object, no pending
row, no temporary file).

Bounded: UPLOADS attempts, or SECONDS seconds if the machine is far slower than
expected (about 2 minutes for the 200 uploads on 2 cores).
Deselect with `-m "not crash"`.
"""

import hashlib
import os
import random
import socket
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from tests.realserver import Server, csrf_token, free_port, parcours, server_env, sign_in_trainee

pytestmark = pytest.mark.crash

UPLOADS = 200
SECONDS = 300
PIN = "246810"


def sign_in(session, base):
    sign_in_trainee(session, base, "amina", PIN)
    return csrf_token(session, f"{base}/mes-documents/")


def test_uploads_survive_sigkill_at_random_moments(tmp_path):
    requests = pytest.importorskip("requests")
    data = tmp_path / "data"
    env = server_env(data, LOG_LEVEL="ERROR")
    data.mkdir()
    assert parcours(env, "migrate", "--noinput", "-v0").returncode == 0
    created = parcours(
        env,
        "shell",
        "-c",
        "from parcours.people.models import *; "
        "site = Site.objects.create(name='Lieu'); "
        "u = User.objects.create_user('amina', '246810', role='trainee'); "
        "Trainee.objects.create(user=u, first_name='Amina', last_name='R', site=site, sharing='confirmed')",
    )
    assert created.returncode == 0, created.stderr

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = Server(env, port)
    server.start()
    rng = random.Random(20261126)
    sent, confirmed = {}, set()
    stop = threading.Event()
    lock = threading.Lock()
    kills = 0

    def killer():
        nonlocal kills
        while not stop.wait(rng.uniform(0.5, 2.0)):
            with lock:
                server.kill()
                kills += 1
                server.start()

    session = requests.Session()
    token = sign_in(session, base)
    thread = threading.Thread(target=killer, daemon=True)
    thread.start()
    started = time.monotonic()
    attempts = interrupted = 0
    try:
        while attempts < UPLOADS and time.monotonic() - started < SECONDS:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
            except OSError:
                time.sleep(0.05)  # restarting: no upload was attempted
                continue
            attempts += 1
            content = b"%PDF-1.4\n" + os.urandom(rng.randint(10_000, 4_000_000))
            digest = hashlib.sha256(content).hexdigest()
            sent[digest] = len(content)
            try:
                response = session.post(
                    f"{base}/mes-documents/ajouter/",
                    data={"csrfmiddlewaretoken": token},
                    files={"files": (f"f{attempts}.pdf", content, "application/pdf")},
                    headers={"Referer": f"{base}/mes-documents/"},
                    allow_redirects=False,
                    timeout=10,
                )
            except requests.RequestException:
                interrupted += 1  # killed mid-request: the upload may or may not have landed
                continue
            if response.status_code == 302 and response.headers["Location"] == "/mes-documents/":
                confirmed.add(digest)
    finally:
        stop.set()
        thread.join()
        with lock:
            server.kill()

    print(
        f"{attempts} uploads, {len(confirmed)} confirmed, {interrupted} interrupted, {kills} kills"
    )
    assert attempts == UPLOADS, f"only {attempts} uploads in {SECONDS} s"
    assert kills >= 5 and len(confirmed) >= 5

    # What the worker does every hour, then the integrity check.
    cleaned = parcours(env, "locker", "cleanup", "--older-than", "0")
    assert cleaned.returncode == 0, cleaned.stderr
    verified = parcours(env, "locker", "verify", "--strict")
    assert verified.returncode == 0, verified.stderr + verified.stdout
    assert " 0 orphan objects; 0 uploads or deletions in progress." in verified.stdout

    with sqlite3.connect(data / "parcours.sqlite3") as db:
        rows = db.execute("SELECT sha256, size, state, key FROM locker_storedfile").fetchall()
    visible = {sha: size for sha, size, state, _key in rows if state == "ready"}
    assert all(state == "ready" for _sha, _size, state, _key in rows)
    # Every visible file is one the client sent, whole; every confirmed one is visible.
    assert all(sent.get(sha) == size for sha, size in visible.items())
    assert confirmed <= set(visible)
    objects = [p for p in (data / "locker").rglob("*") if p.is_file()]
    assert len(objects) == len(rows)
    uploads = Path(data / "locker-uploads")
    assert not uploads.exists() or list(uploads.iterdir()) == []
