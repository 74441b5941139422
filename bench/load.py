"""A hundred people using Parcours for ten minutes: trainees, trainers taking
attendance, social workers, coordinators (bench/locustfile.py), against the production
server. Run by hand (not part of the tests):

    uv run python bench/load.py --write                       # SQLite, `city` data
    uv run python bench/load.py --scale national --write \
        --database-url postgres://postgres@127.0.0.1:5432/parcours_national

locust runs in its own environment (`uv run --with locust`), headless, with a fixed
number of users, spawn rate and duration; its CSV statistics are summed up per request
kind. The goal: no failure, and p95 of every page under one second.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, Gunicorn, bench_env, machine, seeded, write_results  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="city", choices=["small", "city", "national"])
    parser.add_argument("--database-url")
    parser.add_argument("--data-dir", default="/tmp/parcours-bench-city")
    parser.add_argument("--workers", type=int, default=max(2, (os.cpu_count() or 1) * 2))
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--write", action="store_true")
    options = parser.parse_args()

    data_dir = Path(options.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    env = bench_env(options.database_url, data_dir, PARCOURS_REQUIRE_COORDINATOR_2FA="false")
    targets = seeded(env, options.scale)

    with Gunicorn(env, options.workers) as server, tempfile.TemporaryDirectory() as out:
        run_time = f"{int(options.minutes * 60)}s"
        subprocess.run(
            [
                "uv",
                "run",
                "--with",
                "locust",
                "locust",
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--users",
                str(options.users),
                "--spawn-rate",
                "10",
                "--run-time",
                run_time,
                "--host",
                server.base,
                "--csv",
                f"{out}/load",
                "--only-summary",
            ],  # fmt: skip
            env={**os.environ, "BENCH_TARGETS": json.dumps(targets)},
            check=False,
        )
        with open(f"{out}/load_stats.csv", newline="") as stats:
            rows = list(csv.DictReader(stats))

    lines = [
        f"## load — {options.users} users, {options.minutes:g} min, {options.scale} on "
        f"{'PostgreSQL' if options.database_url else 'SQLite'} — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {machine()}; locust on the same machine. gunicorn with {options.workers} "
        f"sync workers, DEBUG off. Data: {targets['size']}. Users wait 3–10 s between actions "
        "(60 % trainees, 25 % trainers taking attendance, 10 % social workers, 5 % "
        "coordinators). `uv run python bench/load.py`.",
        "",
        "| request | count | failures | p50 ms | p95 ms | p99 ms | max ms |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        lines.append(
            f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} "
            f"| {row['95%']} | {row['99%']} | {float(row['Max Response Time']):.0f} |"
        )
    table = "\n".join(lines) + "\n"
    print(table)
    if options.write:
        write_results(table)


if __name__ == "__main__":
    main()
