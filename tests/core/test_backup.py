"""`parcours backup` → wipe → `parcours restore`, as an administrator runs them:
every row count and every stored file's SHA-256 come back the same."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import uuid

import pytest
from django.conf import settings

COUNTS = (
    "import json; from django.apps import apps; "
    "print(json.dumps({m._meta.label: m.objects.count() for m in apps.get_models()}))"
)


def parcours(env, *args):
    result = subprocess.run(
        [sys.executable, "-m", "parcours.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def counts(env):
    return json.loads(parcours(env, "shell", "-c", COUNTS).strip().splitlines()[-1])


def digests(root):
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def installation(tmp_path):
    """A demo installation of its own: a data folder, and a database of its own on
    PostgreSQL when the suite runs there."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_SETTINGS", "PYTEST"))}
    env["PARCOURS_DATA_DIR"] = str(tmp_path / "data")
    env["SECRET_KEY"] = "backup-test-" + uuid.uuid4().hex
    database = None
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        database = f"parcours_backup_{uuid.uuid4().hex[:8]}"
        base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        env["DATABASE_URL"] = f"{base}/{database}"
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], check=True)
    else:
        env.pop("DATABASE_URL", None)
    yield env, tmp_path / "data", database
    if database:
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database], check=False
        )


def test_backup_wipe_restore_gives_back_every_row_and_file(installation, tmp_path):
    env, data, database = installation
    parcours(env, "migrate", "--noinput", "-v", "0")
    parcours(env, "demo_data")
    files = data / "files"
    (files / "ab").mkdir(parents=True)
    (files / "ab" / "object-1").write_bytes(os.urandom(200_000))
    (files / "object-2").write_bytes(b"Lettre de la CAF")
    before_counts, before_files = counts(env), digests(files)
    assert before_counts["people.Trainee"] >= 12

    archive = tmp_path / "backup.tar.gz"
    parcours(env, "backup", str(archive))

    # Wipe: the database and the files are gone.
    shutil.rmtree(data)
    if database:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", database], check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], check=True)
    parcours(env, "restore", str(archive))

    assert counts(env) == before_counts
    assert digests(data / "files") == before_files


def test_restore_refuses_a_corrupted_archive_and_a_non_empty_installation(installation, tmp_path):
    import tarfile

    env, data, _database = installation
    parcours(env, "migrate", "--noinput", "-v", "0")
    parcours(env, "demo_data")
    archive = tmp_path / "backup.tar.gz"
    parcours(env, "backup", str(archive))
    refused = subprocess.run(
        [sys.executable, "-m", "parcours.cli", "restore", str(archive)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert refused.returncode != 0 and "not empty" in refused.stderr

    # Change one member: the checksum check refuses it.
    corrupted = tmp_path / "corrupted.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(corrupted, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name.startswith("database"):
                content = content[:-1] + bytes([content[-1] ^ 1])
            member.size = len(content)
            import io

            target.addfile(member, io.BytesIO(content))
    refused = subprocess.run(
        [sys.executable, "-m", "parcours.cli", "restore", str(corrupted)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert refused.returncode != 0 and "checksum mismatch" in refused.stderr
