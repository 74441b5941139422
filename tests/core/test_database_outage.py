"""PostgreSQL goes away and comes back: pages answer 503 with a clear message and a
Retry-After meanwhile, then work again with no restart and nothing lost.

A real gunicorn talks to the real PostgreSQL through a TCP relay owned by the test;
cutting the relay closes every open connection and refuses new ones, as a database
restart or a network cut would.
"""

import socket
import threading

import psycopg
import pytest

from tests.realserver import Server, free_port, parcours, server_env, sign_in_staff

pytestmark = pytest.mark.crash  # a real server: deselect with -m "not crash"

POSTGRES = ("127.0.0.1", 5432)
DATABASE = "parcours_outage_test"
PASSWORD = "outage-and-back-42"


class Relay:
    """Forwards 127.0.0.1:port to PostgreSQL until cut; restore() listens again."""

    def __init__(self):
        self.port = free_port()
        self.pairs, self.lock, self.listener = [], threading.Lock(), None

    def start(self):
        self.listener = socket.create_server(("127.0.0.1", self.port), reuse_port=True)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # cut
            upstream = socket.create_connection(POSTGRES)
            with self.lock:
                self.pairs.append((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, target):
        try:
            while chunk := source.recv(65536):
                target.sendall(chunk)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cut(self):
        # shutdown() wakes the thread blocked in accept(); close() alone would not.
        self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        with self.lock:
            for pair in self.pairs:
                for sock in pair:
                    try:
                        sock.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                    sock.close()
            self.pairs.clear()

    restore = start


@pytest.fixture
def outage_database():
    with psycopg.connect(host=POSTGRES[0], port=POSTGRES[1], user="postgres", dbname="postgres",
                         autocommit=True) as db:  # fmt: skip
        db.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        db.execute(f"CREATE DATABASE {DATABASE}")
    yield DATABASE
    with psycopg.connect(host=POSTGRES[0], port=POSTGRES[1], user="postgres", dbname="postgres",
                         autocommit=True) as db:  # fmt: skip
        db.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def test_postgresql_outage_gives_503_then_recovers(tmp_path, outage_database):
    requests = pytest.importorskip("requests")
    relay = Relay()
    relay.start()
    data = tmp_path / "data"
    data.mkdir()
    env = server_env(data, f"postgres://postgres@127.0.0.1:{relay.port}/{outage_database}")
    migrated = parcours(env, "migrate", "--noinput", "-v0")
    assert migrated.returncode == 0, migrated.stderr
    created = parcours(
        env,
        "shell",
        "-c",
        "from parcours.people.models import Organisation, User; "
        "org = Organisation.objects.create(name='Foyer'); "
        f"User.objects.create_staff('referente@example.org', '{PASSWORD}', "
        "role='social_worker', organisation=org, first_name='Rita')",
    )
    assert created.returncode == 0, created.stderr

    log = tmp_path / "server.log"
    with Server(env, free_port(), workers=2, log_path=log) as server:
        session = requests.Session()
        sign_in_staff(session, server.base, "referente@example.org", PASSWORD)
        home = f"{server.base}/accueil/"
        assert session.get(home, timeout=30).status_code == 200

        relay.cut()
        for _ in range(3):  # every worker, whatever connection it held
            down = session.get(home, timeout=30)
            assert down.status_code == 503
            assert down.headers["Retry-After"] == "30"
            assert "momentanément indisponible" in down.text
            assert "Traceback" not in down.text and "psycopg" not in down.text

        relay.restore()
        for _ in range(3):
            back = session.get(home, timeout=30)
            assert back.status_code == 200, back.status_code
            assert "Rita" in back.text  # still signed in: the session was kept
