"""`parcours demo` as a user runs it: a real process, a real port, real sign-in."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar

import pytest


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, deadline):
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            # Not listening yet, or its first request is still warming up.
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer in time")


@pytest.fixture
def demo_server(tmp_path):
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "PYTEST"))
    }
    env["PARCOURS_DATA_DIR"] = str(tmp_path / "data")
    process = subprocess.Popen(
        [sys.executable, "-m", "parcours.cli", "demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield f"http://127.0.0.1:{port}", process, tmp_path / "data"
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def test_demo_creates_its_data_folder_serves_and_stops_cleanly(demo_server):
    url, process, data = demo_server
    assert wait_for(url + "/", time.monotonic() + 120) == 200
    assert (data / "parcours.sqlite3").exists()
    assert (data / "secret_key").stat().st_mode & 0o077 == 0

    # A demo account signs in through the real form.
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    page = opener.open(url + "/connexion/stagiaire/").read().decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    body = f"csrfmiddlewaretoken={token}&username=amina&pin=246810".encode()
    request = urllib.request.Request(url + "/connexion/stagiaire/", data=body)
    request.add_header("Referer", url + "/connexion/stagiaire/")
    home = opener.open(request).read().decode()
    assert "Bonjour Amina" in home

    # The README's coordinator too, with the password alone (no second factor in the demo).
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    page = opener.open(url + "/connexion/").read().decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    body = f"csrfmiddlewaretoken={token}&email=coordination%40example.org&password=parcours-demo"
    request = urllib.request.Request(url + "/connexion/", data=body.encode())
    request.add_header("Referer", url + "/connexion/")
    assert "Bonjour Nathalie" in opener.open(request).read().decode()

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 0 or process.returncode == -signal.SIGTERM
    output = process.stdout.read()
    for account in ["coordination@example.org", "referent2@example.org", "PIN 246810"]:
        assert account in output
    # Static files come along (whitenoise, no collectstatic needed).
    assert "parcours.css" in page
