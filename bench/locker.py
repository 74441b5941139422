"""Upload and download a large file through a running Parcours server, against `cp` of
the same file on the same disk. Run by hand (not part of the tests):

    uv run python bench/locker.py                 # 100 MB, prints a Markdown table
    uv run python bench/locker.py --size 500      # another size, in MB
    uv run python bench/locker.py --write         # also appends it to bench/RESULTS.md

It starts gunicorn (2 sync workers, as `parcours serve` would on 2 cores) on a free port
of 127.0.0.1, with a data folder of its own (SQLite, the disk backend), signs a trainee
in, and sends the file as a browser does (multipart/form-data, with a Content-Length),
streamed from the disk by the client. The download is streamed to the disk and its
SHA-256 checked. The workers' peak memory (VmHWM) shows whether it stays flat.
"""

import argparse
import hashlib
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")
CHUNK = 1024 * 1024


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def parcours(env, *args):
    subprocess.run(
        [sys.executable, "-m", "parcours.cli", *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def workers_peak_memory(master_pid):
    """Peak resident memory (VmHWM, kB) of each gunicorn worker, the master's children."""
    peaks = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master_pid}$", status, re.M):
            peaks.append(int(re.search(r"^VmHWM:\s+(\d+)", status, re.M).group(1)))
    return peaks


class MultipartBody:
    """A multipart/form-data body read piece by piece: the form fields, then the file
    from the disk. Its length is known, so the request carries a Content-Length."""

    def __init__(self, path, fields, boundary="parcoursbench7d1f"):
        head = b"".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            for name, value in fields.items()
        )
        head += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
            f'filename="{Path(path).name}"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode()
        self.parts = [head, None, f"\r\n--{boundary}--\r\n".encode()]
        self.file = open(path, "rb")  # noqa: SIM115
        self.length = len(head) + os.path.getsize(path) + len(self.parts[2])
        self.content_type = f"multipart/form-data; boundary={boundary}"

    def __len__(self):
        return self.length

    def __iter__(self):
        yield self.parts[0]
        while block := self.file.read(CHUNK):
            yield block
        yield self.parts[2]
        self.file.close()


def run(size_mb):
    import requests

    work = Path(tempfile.mkdtemp(prefix="parcours-bench-locker-"))
    data = work / "data"
    data.mkdir()
    env = dict(
        os.environ,
        PARCOURS_DATA_DIR=str(data),
        DATABASE_URL=f"sqlite:///{data / 'parcours.sqlite3'}",
        DJANGO_SETTINGS_MODULE="parcours.settings",
        LOG_LEVEL="ERROR",
        LOCKER_MAX_FILE_MB=str(size_mb + 1),
        LOCKER_QUOTA_MB=str(size_mb * 4),
    )
    for name in ("S3_BUCKET", "CLAMAV_SOCKET", "CLAMSCAN_PATH"):
        env.pop(name, None)
    parcours(env, "migrate", "--noinput", "-v0")
    parcours(
        env,
        "shell",
        "-c",
        "from parcours.people.models import *; site = Site.objects.create(name='Lieu'); "
        "u = User.objects.create_user('amina', '246810', role='trainee'); "
        "Trainee.objects.create(user=u, first_name='Amina', last_name='R', site=site, sharing='confirmed')",
    )

    source = work / "gros.pdf"
    sha = hashlib.sha256()
    with open(source, "wb") as file:
        file.write(b"%PDF-1.4\n")
        sha.update(b"%PDF-1.4\n")
        for _ in range(size_mb):
            block = os.urandom(CHUNK)
            sha.update(block)
            file.write(block)
    expected = sha.hexdigest()
    size = source.stat().st_size

    # cp: the floor (same disk; the file was just written, so it is in the page cache,
    # as it is for the server after the upload).
    started = time.perf_counter()
    subprocess.run(["cp", str(source), str(work / "copie.pdf")], check=True)
    subprocess.run(["sync"], check=True)
    cp_seconds = time.perf_counter() - started
    (work / "copie.pdf").unlink()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "parcours.wsgi",
            "--bind", f"127.0.0.1:{port}", "--workers", "2", "--timeout", "300",
            "--no-control-socket", "--log-level", "warning",
        ],
        env=env,
        start_new_session=True,
    )  # fmt: skip
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        session = requests.Session()
        page = session.get(f"{base}/connexion/stagiaire/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        session.post(
            f"{base}/connexion/stagiaire/",
            data={"username": "amina", "pin": "246810", "csrfmiddlewaretoken": token},
        )
        token = re.search(
            r'name="csrfmiddlewaretoken" value="([^"]+)"',
            session.get(f"{base}/mes-documents/").text,
        ).group(1)
        memory_before = max(workers_peak_memory(server.pid))

        body = MultipartBody(source, {"csrfmiddlewaretoken": token})
        started = time.perf_counter()
        response = session.post(
            f"{base}/mes-documents/ajouter/",
            # An object with a length: requests sends it as it reads it, with a
            # Content-Length (Django reads no body sent in chunked encoding).
            data=body,
            headers={"Content-Type": body.content_type, "Referer": f"{base}/mes-documents/"},
            allow_redirects=False,
        )
        upload_seconds = time.perf_counter() - started
        assert response.status_code == 302, response.status_code
        listing = session.get(f"{base}/mes-documents/").text
        pk = re.search(r'href="/mes-documents/fichiers/(\d+)/"', listing).group(1)

        target = work / "telecharge.pdf"
        digest = hashlib.sha256()
        started = time.perf_counter()
        with session.get(f"{base}/mes-documents/fichiers/{pk}/telecharger/", stream=True) as got:
            got.raise_for_status()
            with open(target, "wb") as file:
                for block in got.iter_content(CHUNK):
                    digest.update(block)
                    file.write(block)
        download_seconds = time.perf_counter() - started
        assert digest.hexdigest() == expected, "downloaded file differs"
        memory_after = max(workers_peak_memory(server.pid))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)

    mb = size / 1024 / 1024
    return {
        "size_mb": size_mb,
        "rows": [
            ("cp (same disk, then sync)", cp_seconds, mb / cp_seconds),
            (
                "upload through Parcours (received, hashed, stored, read back)",
                upload_seconds,
                mb / upload_seconds,
            ),
            (
                "download through Parcours (streamed, SHA-256 checked by the client)",
                download_seconds,
                mb / download_seconds,
            ),
        ],
        "memory": (memory_before, memory_after),
    }


def table(result):
    lines = [
        f"| operation ({result['size_mb']} MB file) | seconds | MB/s |",
        "| --- | --- | --- |",
    ]
    for label, seconds, rate in result["rows"]:
        lines.append(f"| {label} | {seconds:.2f} | {rate:.0f} |")
    before, after = result["memory"]
    lines.append("")
    lines.append(
        f"Peak resident memory of the busiest gunicorn worker: {before / 1024:.0f} MB before the "
        f"upload, {after / 1024:.0f} MB after the upload and the download."
    )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100, help="file size in MB (default 100)")
    parser.add_argument(
        "--write", action="store_true", help="append the result to bench/RESULTS.md"
    )
    options = parser.parse_args()
    result = run(options.size)
    output = table(result)
    print(output)
    if options.write:
        machine = (
            f"{os.cpu_count()} cores (nproc), {platform.machine()}, Python "
            f"{platform.python_version()}, gunicorn 2 sync workers, SQLite, disk backend"
        )
        with RESULTS.open("a") as file:
            file.write(
                f"\n## locker — {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}\n\nMachine: {machine}. "
                f"`uv run python bench/locker.py --size {options.size}`.\n\n{output}\n"
            )


if __name__ == "__main__":
    main()
