"""The `parcours` command.

parcours demo [--port N]     set up the data folder, load demo data, serve with the worker
parcours serve [--port N]    production server (gunicorn, several workers) plus the worker
parcours worker              background tasks and periodic jobs
parcours <django command>    any Django management command (migrate, createsuperuser…)
"""

import argparse
import os
import signal
import subprocess
import sys


def _django_setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parcours.settings")
    import django

    django.setup()


def _manage(*args):
    from django.core.management import call_command

    call_command(*args)


def _serve(host, port, workers, *, with_worker=True):
    """Run gunicorn and the worker as child processes; stop both on SIGTERM/SIGINT."""
    from django.conf import settings

    # Static files: with PARCOURS_COLLECTSTATIC=true they are collected once here and
    # served compressed with far-future caching by whitenoise.
    if settings.STATIC_ROOT is not None:
        _manage("collectstatic", "--noinput", "--verbosity", "0")

    env = dict(os.environ, DJANGO_SETTINGS_MODULE="parcours.settings")
    web = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "parcours.wsgi",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "--access-logformat",
            '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms',
            "--graceful-timeout",
            "5",
            # Its control socket under $HOME is not needed, and slows shutdown.
            "--no-control-socket",
        ],
        env=env,
    )
    children = [web]
    if with_worker:
        children.append(subprocess.Popen([sys.executable, "-m", "parcours.cli", "worker"], env=env))

    def stop(signum, frame):
        for child in children:
            if child.poll() is None:
                child.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    code = web.wait()
    stop(None, None)
    for child in children:
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
    return code


def _print_demo_accounts(port):
    from parcours.core.demo import ACCOUNTS

    print()
    print(f"Parcours demo: http://127.0.0.1:{port}/")
    print(f"  {'role':<46} {'sign in':<28} secret")
    for role, login, secret in ACCOUNTS:
        print(f"  {role:<46} {login:<28} {secret}")
    print("Two-factor sign-in is optional for coordinators in the demo (required in production).")
    print("Stop with Ctrl+C.")
    print(flush=True)


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv[0] if argv else "help"

    if command in {"demo", "serve"}:
        parser = argparse.ArgumentParser(prog=f"parcours {command}")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        default_workers = 2 if command == "demo" else max(2, (os.cpu_count() or 1) * 2)
        parser.add_argument("--workers", type=int, default=default_workers)
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="web server only (when the worker runs on its own, e.g. several app servers)",
        )
        options = parser.parse_args(argv[1:])
        if command == "demo":
            # Links in the demo's e-mails point at the port it serves on.
            os.environ.setdefault("SITE_URL", f"http://127.0.0.1:{options.port}")
            # The README's coordinator signs in with the password alone: nobody trying
            # the demo has an authenticator app set up for it (staff may still add one).
            os.environ.setdefault("PARCOURS_REQUIRE_COORDINATOR_2FA", "false")
        _django_setup()
        if command == "demo":
            _manage("migrate", "--noinput", "--verbosity", "0")
            _manage("demo_data")
            _print_demo_accounts(options.port)
        return _serve(
            options.host, options.port, options.workers, with_worker=not options.no_worker
        )

    if command in {"help", "-h", "--help"}:
        print(__doc__)
        return 0

    # Everything else, `worker` included, is a Django management command.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parcours.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["parcours", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
