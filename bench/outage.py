"""PostgreSQL stopped for 30 seconds under load, then started again: every answer during
the outage is the plain 503 page (with Retry-After), and the pages work again by
themselves soon after PostgreSQL is back, with no restart of Parcours. Run by hand, on a
machine whose PostgreSQL cluster you may stop (it stops the real server, with
`pg_ctlcluster`):

    uv run python bench/outage.py --write \
        --database-url postgres://postgres@127.0.0.1:5432/parcours_national \
        --data-dir /tmp/parcours-national --scale national

Load: --clients threads, each signed in as one role and asking that role's pages of
bench/pages.py in turn, without pause. Every answer is recorded with its time; the
table says what came back before, during and after the outage, and how long after
PostgreSQL's return the first and the last failing answers were.
"""

import argparse
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Gunicorn, bench_env, machine, seeded, write_results  # noqa: E402
from bench.pages import pages, sign_in_every_role  # noqa: E402


def pg_ctl(action, cluster):
    version, name = cluster.split("/")
    subprocess.run(["pg_ctlcluster", version, name, action], check=True)


def load(base, cookie, paths, stop, records):
    session = requests.Session()
    while not stop.is_set():
        for path in paths:
            started = time.monotonic()
            try:
                response = session.get(
                    base + path, headers={"Cookie": cookie}, timeout=60, allow_redirects=False
                )
                outcome = (response.status_code, response.headers.get("Retry-After"))
                plain = response.status_code != 503 or "Retry-After" in response.headers
            except requests.RequestException as error:
                outcome, plain = (type(error).__name__, None), False
            records.append((started, time.monotonic() - started, outcome, plain))
            if stop.is_set():
                return


def phase(records, start, end):
    """The answers that came back between `start` and `end`."""
    return [record for record in records if start <= record[0] + record[1] < end]


def summary(records):
    counts = Counter(str(outcome[0]) for _started, _took, outcome, _plain in records)
    return ", ".join(f"{code}: {count}" for code, count in sorted(counts.items())) or "—"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="national", choices=["small", "city", "national"])
    parser.add_argument("--database-url", required=True, help="PostgreSQL")
    parser.add_argument("--data-dir", default="/tmp/parcours-national")
    parser.add_argument("--cluster", default="15/main", help="pg_ctlcluster's version/name")
    parser.add_argument("--workers", type=int, default=max(2, (os.cpu_count() or 1) * 2))
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--before", type=int, default=20, help="seconds of load first")
    parser.add_argument("--outage", type=int, default=30, help="seconds PostgreSQL is off")
    parser.add_argument("--after", type=int, default=40, help="seconds of load after")
    parser.add_argument("--write", action="store_true")
    options = parser.parse_args()

    env = bench_env(
        database_url=options.database_url,
        data_dir=Path(options.data_dir),
        PARCOURS_REQUIRE_COORDINATOR_2FA="false",
    )
    accounts = seeded(env, options.scale)
    by_role = {}
    for _label, role, path in pages(accounts):
        if role and not path.startswith("/bench/") and "pdf" not in path:
            by_role.setdefault(role, []).append(path)

    records, stop = [], threading.Event()
    with Gunicorn(env, options.workers) as server:
        cookies = sign_in_every_role(server.base, accounts)
        roles = sorted(by_role)
        threads = [
            threading.Thread(
                target=load,
                args=(server.base, cookies[role], by_role[role], stop, records),
                daemon=True,
            )
            for role in (roles[i % len(roles)] for i in range(options.clients))
        ]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(options.before)
        down = time.monotonic()
        pg_ctl("stop", options.cluster)
        try:
            time.sleep(options.outage)
        finally:
            pg_ctl("start", options.cluster)
        back = time.monotonic()
        time.sleep(options.after)
        stop.set()
        for thread in threads:
            thread.join(timeout=90)
        ended = time.monotonic()

    before, during, after = (
        phase(records, began, down),
        phase(records, down, back),
        phase(records, back, ended),
    )
    failing = [r for r in after if r[2][0] != 200]
    last_failure = max((r[0] + r[1] - back for r in failing), default=0.0)
    first_ok = min((r[0] + r[1] - back for r in after if r[2][0] == 200), default=None)
    not_plain = [r for r in during if not r[3] or r[2][0] not in (200, 503)]
    slowest_during = max((r[1] for r in during), default=0.0)
    lines = [
        f"## PostgreSQL outage under load — {options.scale} — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {machine()}. gunicorn with {options.workers} sync workers, DEBUG off; "
        f"{options.clients} clients without pause over the signed-in pages of "
        f"bench/pages.py (trainee, trainer, social worker, coordinator; PDFs left out); "
        f"PostgreSQL stopped with `pg_ctlcluster {options.cluster.replace('/', ' ')} stop` "
        f"after {options.before} s, started again {options.outage} s later. "
        "`uv run python bench/outage.py --database-url …`.",
        "",
        "| phase | seconds | answers | answers by status |",
        "| --- | --- | --- | --- |",
        f"| before | {down - began:.0f} | {len(before)} | {summary(before)} |",
        f"| PostgreSQL stopped | {back - down:.0f} | {len(during)} | {summary(during)} |",
        f"| after its return | {ended - back:.0f} | {len(after)} | {summary(after)} |",
        "",
        f"During the outage: {len(not_plain)} answers other than 200 or a 503 with "
        f"Retry-After; slowest answer {slowest_during:.1f} s. After PostgreSQL's return: "
        f"first 200 after {first_ok if first_ok is None else round(first_ok, 1)} s, "
        f"last failing answer ended {last_failure:.1f} s after it.",
        "",
    ]
    table = "\n".join(lines)
    print(table)
    if options.write:
        write_results(table)
    if not_plain or last_failure > 30:
        raise SystemExit("goal missed: see the table")


if __name__ == "__main__":
    main()
