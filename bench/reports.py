"""Time the statistics page and a report PDF against an empty view, in the same run, on
the demo data. Run by hand (not part of the tests):

    uv run python bench/reports.py              # prints a Markdown table
    uv run python bench/reports.py --write      # also appends it to bench/RESULTS.md

Requests go through Django's test client (the whole middleware stack, a signed-in
coordinator, SQLite in a temporary folder), so the figures are server time without the
network or a WSGI server; the empty view is the floor to subtract.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import types
from datetime import datetime
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")


def setup(data_dir):
    os.environ["PARCOURS_DATA_DIR"] = data_dir
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parcours.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # The demo's coordinator, as `parcours demo` serves it: no second factor to set up.
    os.environ.setdefault("PARCOURS_REQUIRE_COORDINATOR_2FA", "false")
    import django

    django.setup()
    import logging

    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    from django.conf import settings
    from django.http import HttpResponse
    from django.urls import include, path

    def empty(request):
        return HttpResponse("")

    # The project's URLs plus the empty view, so that all share the same middleware.
    urls = types.ModuleType("bench_urls")
    urls.urlpatterns = [path("bench/empty/", empty), path("", include("parcours.urls"))]
    sys.modules["bench_urls"] = urls
    settings.ROOT_URLCONF = "bench_urls"

    from django.core.management import call_command

    call_command("migrate", "--noinput", "--verbosity", "0")
    from parcours.core import demo
    from parcours.reports import demo as reports_demo

    demo.load()
    reports_demo.load()


def timed(client, url, count):
    for _ in range(2):  # warm-up: first PDF of a process, template loading
        assert client.get(url).status_code == 200, url
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    samples.sort()
    return {
        "median": statistics.median(samples),
        "p90": samples[min(len(samples) - 1, int(len(samples) * 0.9))],
        "min": samples[0],
        "count": count,
    }


def machine():
    cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    arch = subprocess.run(["uname", "-m"], capture_output=True, text=True).stdout.strip()
    return f"{cores} cores (nproc), {arch}, Python {platform.python_version()}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page")
    parser.add_argument("--write", action="store_true", help=f"append the table to {RESULTS}")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="parcours-bench-") as data_dir:
        setup(data_dir)
        import django
        from django.test import Client
        from django.urls import reverse

        from parcours.people.models import Trainee, User
        from parcours.reports.models import Report

        client = Client()
        client.force_login(User.objects.get(email="coordination@example.org"))
        report = Report.objects.sent().order_by("-period_end").first()
        pages = [
            ("empty view (floor)", "/bench/empty/", options.requests),
            ("statistics page, last 12 months", reverse("reports:statistics"), options.requests),
            (
                "report PDF (sent report, WeasyPrint)",
                reverse("reports:pdf", args=[report.pk]),
                max(5, options.requests // 2),
            ),
        ]
        rows = [(label, url, timed(client, url, count)) for label, url, count in pages]
        size = (
            f"demo data: {Trainee.objects.count()} trainees, "
            f"{report.entries.count()} trainees in the report"
        )
        django_version = django.get_version()

    lines = [
        f"## reports — {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"Machine: {machine()}, Django {django_version}. {size}. "
        "Django test client, SQLite, DEBUG off.",
        "",
        "| page | requests | median ms | p90 ms | min ms |",
        "| --- | --- | --- | --- | --- |",
    ]
    for label, _url, result in rows:
        lines.append(
            f"| {label} | {result['count']} | {result['median']:.1f} | {result['p90']:.1f} "
            f"| {result['min']:.1f} |"
        )
    table = "\n".join(lines) + "\n"
    print(table)
    if options.write:
        header = "" if RESULTS.exists() else "# Benchmark results\n\n"
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write(header + table + "\n")


if __name__ == "__main__":
    main()
