"""Shared by the benchmarks: the machine's description, a gunicorn started the way
`parcours serve` starts it, and appending a section to RESULTS.md."""

import os
import platform
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).with_name("RESULTS.md")


def machine():
    cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    arch = subprocess.run(["uname", "-m"], capture_output=True, text=True).stdout.strip()
    return f"{cores} cores (nproc), {arch}, Python {platform.python_version()}"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env(database_url=None, data_dir=None, **extra):
    """The production settings with the benchmark's URLs (the project's plus an empty
    view): DEBUG off, no secure cookies (plain HTTP on 127.0.0.1)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST", "DJANGO_", "DATABASE_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        PYTHONPATH=str(ROOT),
        SECRET_KEY=env.get("SECRET_KEY", "bench-secret-key-not-for-production"),
        LOG_LEVEL="WARNING",
        **extra,
    )
    if data_dir:
        env["PARCOURS_DATA_DIR"] = str(data_dir)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


class Gunicorn:
    """gunicorn with sync workers, as `parcours serve` runs it; a process group."""

    def __init__(self, env, workers, port=None):
        self.env, self.workers = env, workers
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
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
                # The first PDF of a worker imports WeasyPrint: seconds on a busy machine.
                "--timeout",
                "120",
            ],
            env=self.env,
            cwd=ROOT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def parcours(env, *args):
    done = subprocess.run([sys.executable, "-m", "parcours.cli", *args], env=env, cwd=ROOT)
    if done.returncode:
        raise SystemExit(f"parcours {' '.join(args)} failed")


def write_results(table):
    header = "" if RESULTS.exists() else "# Benchmark results\n\n"
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(header + table + "\n")


def seeded(env, scale):
    """Migrate and seed `scale` unless the database already holds seeded data, run the
    worker's statistics job, then read what the benchmarks load: the known accounts
    (parcours/core/seed.py) and the ids of their pages."""
    parcours(env, "migrate", "--noinput", "-v0")
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from parcours.core import seed
    from parcours.courses.models import Attendance, Lesson
    from parcours.locker.models import Folder
    from parcours.people.models import Trainee, User
    from parcours.reports.models import Report

    if not seed.already_seeded():
        parcours(env, "seed", "--scale", scale)
    connection.close()
    # What the worker's refresh_statistics job does every STATISTICS_CACHE_SECONDS in
    # production: the usual periods' statistics computed ahead, in the shared cache.
    from parcours.reports import statistics

    statistics.refresh()
    social_worker = User.objects.get(email=seed.SOCIAL_WORKER_EMAIL)
    trainee = Trainee.objects.get(user__username=seed.TRAINEE_USERNAME)
    lesson = (
        Lesson.objects.filter(course__trainers__email=seed.TRAINER_EMAIL, date=timezone.localdate())
        .order_by("start_time")
        .first()
    )
    return {
        "password": seed.SEED_PASSWORD,
        # A coordinator without an authenticator app: the benchmark's server runs with
        # PARCOURS_REQUIRE_COORDINATOR_2FA=false; the known one has a TOTP device, and a
        # code is accepted once per 30-second step.
        "coordinator": User.objects.filter(role=User.Role.COORDINATOR, two_factor__isnull=True)
        .order_by("pk")
        .values_list("email", flat=True)
        .first(),
        "trainer": seed.TRAINER_EMAIL,
        "social_worker": seed.SOCIAL_WORKER_EMAIL,
        "trainee": seed.TRAINEE_USERNAME,
        "trainee_pin": seed.SEED_PIN,
        "report": Report.objects.sent().filter(social_worker=social_worker).latest("period_end").pk,
        "folder": Folder.objects.filter(trainee=trainee).order_by("pk").first().pk,
        "lesson": lesson.pk,
        "roster": list(lesson.course.enrolments.current().values_list("trainee_id", flat=True)),
        "trainees": list(
            Trainee.objects.filter(site=trainee.site).values_list("user__username", flat=True)[:200]
        ),
        "size": f"{Trainee.objects.count():,} trainees, "
        f"{Attendance.objects.count():,} attendance rows",
    }
