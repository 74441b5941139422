"""A class of 30 trainees signing in at the same minute: p95 of the whole sign-in
(page, then PIN) under 3 s on the production server, with Argon2 as configured.

Run by hand (not part of the tests):

    uv run python bench/signin_burst.py            # prints a Markdown table
    uv run python bench/signin_burst.py --write    # also appends it to bench/RESULTS.md

A temporary SQLite data folder with 30 trainees whose PINs are hashed with the real
hasher; gunicorn with 2 × cores sync workers (as `parcours serve`); 30 client threads
released together by a barrier. The floor is the same burst on the empty view.
"""

import argparse
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests  # noqa: E402

from bench.common import Gunicorn, bench_env, machine, parcours, write_results  # noqa: E402

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PIN = "246810"

SETUP = """
from parcours.people.models import Site, Trainee, User
site = Site.objects.create(name="Foyer")
for n in range({count}):
    user = User.objects.create_user(f"stagiaire{{n}}", "{pin}", role="trainee")
    Trainee.objects.create(user=user, first_name=f"P{{n}}", last_name="X", site=site)
"""


def burst(count, action):
    barrier = threading.Barrier(count)
    times, failures = [], []

    def one(n):
        session = requests.Session()
        barrier.wait()
        start = time.perf_counter()
        try:
            action(session, n)
            times.append(time.perf_counter() - start)
        except Exception as error:  # counted and shown, the burst goes on
            failures.append(repr(error))

    threads = [threading.Thread(target=one, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    times.sort()
    return {
        "p50": statistics.median(times) if times else float("nan"),
        "p95": times[max(0, int(len(times) * 0.95) - 1)] if times else float("nan"),
        "max": times[-1] if times else float("nan"),
        "ok": len(times),
        "failures": failures,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--trainees", type=int, default=30)
    parser.add_argument("--workers", type=int, default=max(2, (os.cpu_count() or 1) * 2))
    parser.add_argument("--write", action="store_true")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="parcours-burst-") as data:
        env = bench_env(data_dir=data)
        parcours(env, "migrate", "--noinput", "-v0")
        parcours(env, "shell", "-c", SETUP.format(count=options.trainees, pin=PIN))
        with Gunicorn(env, options.workers) as server:
            base = server.base

            def empty(session, n):
                assert session.get(f"{base}/bench/empty/", timeout=30).status_code == 200

            def sign_in(session, n):
                page = session.get(f"{base}/connexion/stagiaire/", timeout=30)
                token = CSRF.search(page.text).group(1)
                response = session.post(
                    f"{base}/connexion/stagiaire/",
                    data={"username": f"stagiaire{n}", "pin": PIN, "csrfmiddlewaretoken": token},
                    headers={"Referer": f"{base}/connexion/stagiaire/"},
                    timeout=30,
                )
                assert response.status_code == 200 and "/accueil/" in response.url, response.url

            burst(options.trainees, empty)  # warm-up: imports, first connections
            floor = burst(options.trainees, empty)
            result = burst(options.trainees, sign_in)

    lines = [
        f"## sign-in burst — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {machine()}. gunicorn with {options.workers} sync workers, SQLite, "
        f"{options.trainees} trainees released together (a barrier), each: sign-in page, "
        "PIN posted, home page followed. `uv run python bench/signin_burst.py`.",
        "",
        "| burst | done | p50 s | p95 s | max s |",
        "| --- | --- | --- | --- | --- |",
        f"| empty view (floor) | {floor['ok']} | {floor['p50']:.3f} | {floor['p95']:.3f} "
        f"| {floor['max']:.3f} |",
        f"| trainee sign-in | {result['ok']} | {result['p50']:.3f} | {result['p95']:.3f} "
        f"| {result['max']:.3f} |",
        "",
        f"Goal: p95 < 3 s — {'met' if result['p95'] < 3 and not result['failures'] else 'NOT met'}.",
    ]
    if result["failures"]:
        lines.append(f"Failures: {result['failures'][:3]}")
    table = "\n".join(lines) + "\n"
    print(table)
    if options.write:
        write_results(table)


if __name__ == "__main__":
    main()
