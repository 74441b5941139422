"""One archive holding a consistent snapshot of the database and every stored file.

Layout of the .tar.gz:
    manifest.json         versions, database vendor, and the SHA-256 of every member
    database.sqlite3      SQLite: the online backup API's copy (consistent while in use)
    database.dump         PostgreSQL: `pg_dump --format=custom` (one consistent snapshot)
    files/<path>          the default storage's files (the data folder's `files/`)
    locker/<path>         the trainees' documents, when the locker is on the local disk

`restore` rebuilds an EMPTY installation from it and checks every SHA-256 first.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection

FORMAT = 1


class BackupError(Exception):
    pass


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _file_roots():
    """Folders of the storages kept on the local disk, by archive prefix. (A locker in an
    S3 bucket is backed up by the bucket's own versioning, see docs/deploy.md.)"""
    roots = {}
    for alias, prefix in (("default", "files"), ("locker", "locker")):
        config = settings.STORAGES.get(alias, {})
        if config.get("BACKEND", "").endswith("FileSystemStorage"):
            location = config.get("OPTIONS", {}).get("location", settings.DATA_DIR / prefix)
            roots[prefix] = Path(location)
    return roots


def _pg_env():
    db = connection.settings_dict
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    args = ["--host", db.get("HOST") or "localhost", "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    return env, args, db["NAME"]


def backup(destination):
    """Write the archive to `destination`; returns the manifest."""
    destination = Path(destination)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        members = {}
        if connection.vendor == "sqlite":
            target = work / "database.sqlite3"
            connection.ensure_connection()
            # The backup API copies page by page under a read lock: a consistent file
            # even while the server writes (WAL included).
            with sqlite3.connect(target) as copy:
                connection.connection.backup(copy)
            members["database.sqlite3"] = target
        elif connection.vendor == "postgresql":
            env, args, name = _pg_env()
            target = work / "database.dump"
            subprocess.run(
                ["pg_dump", "--format=custom", "--no-owner", "--file", str(target), *args, name],
                check=True,
                env=env,
            )
            members["database.dump"] = target
        else:
            raise BackupError(f"unsupported database: {connection.vendor}")
        for prefix, root in _file_roots().items():
            if root.exists():
                for path in sorted(p for p in root.rglob("*") if p.is_file()):
                    members[f"{prefix}/{path.relative_to(root).as_posix()}"] = path
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(),
            "vendor": connection.vendor,
            "sha256": {name: _sha256(path) for name, path in members.items()},
        }
        manifest_path = work / "manifest.json"
        manifest_path.write_text(json.dumps(manifest, indent=2))
        partial = destination.with_name(destination.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(manifest_path, "manifest.json")
            for name, path in members.items():
                archive.add(path, name)
        partial.replace(destination)  # never a half-written archive under the final name
    return manifest


def restore(source):
    """Rebuild an empty installation from the archive at `source`."""
    with tempfile.TemporaryDirectory() as work, tarfile.open(source, "r:gz") as archive:
        work = Path(work)
        archive.extractall(work, filter="data")
        manifest = json.loads((work / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError("unknown archive format")
        for name, expected in manifest["sha256"].items():
            if _sha256(work / name) != expected:
                raise BackupError(f"checksum mismatch: {name}")
        if manifest["vendor"] != connection.vendor:
            raise BackupError(
                f"archive of {manifest['vendor']}, installation on {connection.vendor}"
            )
        _check_empty()
        if connection.vendor == "sqlite":
            connection.close()
            with (
                sqlite3.connect(work / "database.sqlite3") as copy,
                sqlite3.connect(connection.settings_dict["NAME"]) as live,
            ):
                copy.backup(live)
        else:
            connection.close()
            env, args, name = _pg_env()
            subprocess.run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    "--dbname",
                    name,
                    *args,
                    str(work / "database.dump"),
                ],
                check=True,
                env=env,
            )
        for prefix, root in _file_roots().items():
            files = work / prefix
            if files.exists():
                for path in files.rglob("*"):
                    if path.is_file():
                        target = root / path.relative_to(files)
                        target.parent.mkdir(parents=True, exist_ok=True)
                        shutil.copy2(path, target)
    return manifest


def _check_empty():
    """Restoring over live data would mix two installations: refuse."""
    from parcours.people.models import User

    try:
        has_users = User.objects.exists()
    except Exception:  # tables not created yet: empty indeed
        return
    if has_users:
        raise BackupError("the installation is not empty: restore into a new, empty one")
