"""A real Parcours server for tests that need one: gunicorn on 127.0.0.1, a data folder
of its own, the `parcours` command run as a user would run it.

The environment is cleaned of the test run's own settings (pytest's database, S3,
ClamAV…) so that the server uses exactly what the test gives it.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(data_dir, database_url=None, **extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("S3_", "LOCKER_", "CLAM", "DATABASE_URL", "PYTEST", "DJANGO_"))
    }
    env.update(
        PARCOURS_DATA_DIR=str(data_dir),
        DATABASE_URL=database_url or f"sqlite:///{data_dir / 'parcours.sqlite3'}",
        DJANGO_SETTINGS_MODULE="parcours.settings",
        SECRET_KEY="real-server-test",
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def parcours(env, *args, timeout=180):
    """Run `parcours <args>` as a separate process; returns the CompletedProcess."""
    return subprocess.run(
        [sys.executable, "-m", "parcours.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


class Server:
    """gunicorn serving Parcours; killed as a whole process group.

    Its standard error (Django's error log included) goes to `log_path` when given.
    """

    def __init__(self, env, port, workers=2, log_path=None):
        self.env, self.port, self.workers, self.log_path = env, port, workers, log_path
        self.process = None
        self.base = f"http://127.0.0.1:{port}"

    def start(self):
        if self.log_path:
            with open(self.log_path, "ab") as log:  # the child keeps its own copy
                self.process = self._spawn(log)
        else:
            self.process = self._spawn(subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.05)  # polling for the socket, not a fixed wait
        raise RuntimeError("gunicorn did not start")

    def _spawn(self, stderr):
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "parcours.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--no-control-socket",
                "--log-level",
                "warning",
            ],
            env=self.env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )

    def kill(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.kill()


def csrf_token(session, url):
    return CSRF.search(session.get(url, timeout=60).text).group(1)


def sign_in_staff(session, base, email, password):
    token = csrf_token(session, f"{base}/connexion/")
    response = session.post(
        f"{base}/connexion/",
        data={"email": email, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/connexion/"},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, f"staff sign-in failed: {response.status_code}"
    return response


def sign_in_trainee(session, base, username, pin):
    token = csrf_token(session, f"{base}/connexion/stagiaire/")
    response = session.post(
        f"{base}/connexion/stagiaire/",
        data={"username": username, "pin": pin, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/connexion/stagiaire/"},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, f"trainee sign-in failed: {response.status_code}"
    return response
