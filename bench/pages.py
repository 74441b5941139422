"""Each role's main pages under load, against the framework's floor, in the same run.

Run by hand (not part of the tests); needs wrk (Debian package `wrk`):

    # SQLite with the `city` data set (seeded into the folder on first use)
    uv run python bench/pages.py --data-dir /tmp/parcours-city --scale city --write
    # PostgreSQL with the `national` data set (seeded on first use)
    uv run python bench/pages.py --scale national --write \
        --database-url postgres://postgres@127.0.0.1:5432/parcours_national

Starts the production server (gunicorn, 2 × cores sync workers, DEBUG off) with the
project's URLs plus an empty view rendering a static template (bench/urls.py), signs in
once per role over HTTP, then loads each page with wrk (fixed connections and duration)
and prints requests/s, p50 and p99, and each page's ratio to the empty view. Coordinators'
two-factor step is switched off for the benchmark's server only
(PARCOURS_REQUIRE_COORDINATOR_2FA=false): the pages are measured, not the sign-in.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests  # noqa: E402

from bench.common import Gunicorn, bench_env, machine, seeded, write_results  # noqa: E402

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def sign_in(base, path, data):
    session = requests.Session()
    token = CSRF.search(session.get(f"{base}{path}", timeout=60).text).group(1)
    response = session.post(
        f"{base}{path}",
        data={**data, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}{path}"},
        allow_redirects=False,
        timeout=60,
    )
    if response.status_code != 302:
        raise SystemExit(f"sign-in at {path} failed ({response.status_code})")
    return "; ".join(f"{k}={v}" for k, v in session.cookies.items())


def sign_in_every_role(base, accounts):
    """The session cookie of each seeded role: {"trainee": …, "trainer": …, …}."""
    cookies = {
        "trainee": sign_in(
            base,
            "/connexion/stagiaire/",
            {"username": accounts["trainee"], "pin": accounts["trainee_pin"]},
        )
    }
    for role in ("trainer", "social_worker", "coordinator"):
        cookies[role] = sign_in(
            base, "/connexion/", {"email": accounts[role], "password": accounts["password"]}
        )
    return cookies


def wrk(url, cookie, connections, duration, threads=2):
    # A 60 s timeout: wrk's default (2 s) would drop the slow pages' answers from the figures.
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency",
               "--timeout", "60s"]  # fmt: skip
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    return {
        "rps": rps,
        "p50": _ms(re.search(r"\s50%\s+([\d.]+\w+)", out).group(1)),
        "p99": _ms(re.search(r"\s99%\s+([\d.]+\w+)", out).group(1)),
        "errors": (int(bad.group(1)) if bad else 0) + (int(timeouts.group(1)) if timeouts else 0),
    }


def _ms(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def pages(targets):
    from django.urls import reverse

    return [
        ("empty view (floor)", None, "/bench/empty/"),
        ("empty view, signed in (trainee)", "trainee", "/bench/empty-signed-in/"),
        ("public home", None, reverse("public_home")),
        ("trainee home", "trainee", reverse("people:home")),
        ("trainee's locker folder", "trainee", reverse("locker:folder", args=[targets["folder"]])),
        ("trainer's today page (roster)", "trainer", reverse("courses:today")),
        ("social worker home", "social_worker", reverse("people:home")),
        ("report page", "social_worker", reverse("reports:detail", args=[targets["report"]])),
        ("report PDF", "social_worker", reverse("reports:pdf", args=[targets["report"]])),
        ("statistics dashboard", "coordinator", reverse("reports:statistics")),
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="city", choices=["small", "city", "national"])
    parser.add_argument("--database-url", help="PostgreSQL; default: SQLite in --data-dir")
    parser.add_argument("--data-dir", default="/tmp/parcours-bench-city")
    parser.add_argument("--workers", type=int, default=max(2, (os.cpu_count() or 1) * 2))
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--write", action="store_true")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    data_dir = Path(options.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    env = bench_env(
        database_url=options.database_url,
        data_dir=data_dir,
        PARCOURS_REQUIRE_COORDINATOR_2FA="false",
    )
    accounts = seeded(env, options.scale)

    rows = []
    with Gunicorn(env, options.workers) as server:
        cookies = sign_in_every_role(server.base, accounts)
        for label, role, path in pages(accounts):
            url = f"{server.base}{path}"
            check = requests.get(url, headers={"Cookie": cookies.get(role, "")}, timeout=120)
            if check.status_code != 200 or (role and "/connexion" in check.url):
                raise SystemExit(f"{label}: {check.status_code} at {check.url}")
            # Warm every worker first (imports, WeasyPrint's fonts, the statistics kept
            # in each process's cache), then measure.
            wrk(url, cookies.get(role), options.connections, 5)
            result = wrk(url, cookies.get(role), options.connections, options.duration)
            rows.append((label, result, len(check.content)))
            print(f"{label}: {result}", file=sys.stderr)

    floor = rows[0][1]["rps"]
    database = "PostgreSQL" if options.database_url else "SQLite"
    lines = [
        f"## pages — {options.scale} on {database} — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {machine()}; load generator on the same machine. gunicorn with "
        f"{options.workers} sync workers, DEBUG off; wrk, {options.connections} connections, "
        f"{options.duration} s per page. Data: `{options.scale}` "
        f"({accounts['size']}). "
        "`uv run python bench/pages.py "
        + (
            f"--scale {options.scale} --database-url …"
            if options.database_url
            else f"--scale {options.scale}"
        )  # fmt: skip
        + "`.",
        "",
        "| page | req/s | × floor | p50 ms | p99 ms | bytes | errors |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for label, result, size_bytes in rows:
        lines.append(
            f"| {label} | {result['rps']:.0f} | {result['rps'] / floor:.2f} "
            f"| {result['p50']:.1f} | {result['p99']:.1f} | {size_bytes:,} | {result['errors']} |"
        )
    table = "\n".join(lines) + "\n"
    print(table)
    if options.write:
        write_results(table)


if __name__ == "__main__":
    main()
