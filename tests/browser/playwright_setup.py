"""Playwright driving Debian's Chromium, for every test that opens a browser (tests/browser/,
and the locker's). The fixtures using these are in tests/conftest.py, where they override
pytest-playwright's and pytest-base-url's own."""

import os

# Playwright's sync API runs an event loop in the test thread; the ORM calls of the
# tests themselves are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("PARCOURS_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
