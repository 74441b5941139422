"""Integrity: `parcours locker verify` re-reads every object against its SHA-256;
uploads are atomic, and what an interrupted one leaves is cleaned up."""

import os
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from parcours.locker import actions, storage
from parcours.locker.models import StoredFile
from tests.locker.conftest import s3_client
from tests.locker.fixtures import put


def verify(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("locker", "verify", *args, stdout=out, stderr=err)
    except CommandError:
        return False, out.getvalue(), err.getvalue()
    return True, out.getvalue(), err.getvalue()


def corrupt(key, backend, s3_endpoint=None, bucket=None):
    """Change one byte of the stored object, behind the application's back."""
    if backend == "disk":
        path = storage.locker_storage().path(key)
        with open(path, "r+b") as file:
            first = file.read(1)
            file.seek(0)
            file.write(bytes([first[0] ^ 0xFF]))
    else:
        client = s3_client(s3_endpoint)
        content = client.get_object(Bucket=bucket, Key=key)["Body"].read()
        client.put_object(Bucket=bucket, Key=key, Body=bytes([content[0] ^ 0xFF]) + content[1:])


def test_verify_passes_on_a_sound_locker(trainee, backend):
    put(trainee, "a.pdf")
    put(trainee, "b.pdf")

    ok, out, err = verify()

    assert ok, err
    assert "2 files checked: 0 missing, 0 different; 0 orphan objects" in out


def test_verify_finds_a_corrupted_object(trainee, backend, request):
    sound = put(trainee, "a.pdf")
    damaged = put(trainee, "b.pdf")
    if backend == "s3":
        corrupt(
            damaged.key,
            backend,
            request.getfixturevalue("s3_endpoint"),
            request.getfixturevalue("s3_storage"),
        )
    else:
        corrupt(damaged.key, backend)

    ok, out, err = verify()

    assert not ok
    assert f"DIFFERENT file {damaged.pk}: object {damaged.key}" in err
    assert f"file {sound.pk}" not in err
    assert "1 different" in out
    # File names never reach the output (logs carry internal ids only).
    assert "b.pdf" not in err + out


def test_verify_finds_a_missing_object(trainee, backend):
    gone = put(trainee, "a.pdf")
    storage.delete(gone.key)

    ok, _out, err = verify()

    assert not ok
    assert f"MISSING file {gone.pk}" in err


def test_verify_checks_the_trash_too(trainee, locker_storage):
    thrown = put(trainee, "a.pdf")
    actions.trash_file(file=thrown)
    storage.delete(thrown.key)

    assert not verify()[0]


def test_verify_reports_orphans_and_fails_on_them_when_strict(trainee, locker_storage):
    put(trainee, "a.pdf")
    path = locker_storage / "ab" / "abcdef"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"left behind")

    ok, out, err = verify()
    assert ok and "1 orphan objects" in out and "ORPHAN object ab/abcdef" in err
    assert not verify("--strict")[0]


def test_verify_runs_as_the_parcours_command(trainee, locker_storage):
    from parcours.cli import main

    put(trainee, "a.pdf")

    assert main(["locker", "verify"]) == 0


def test_an_interrupted_upload_leaves_nothing_visible_then_nothing_at_all(
    trainee, backend, settings, monkeypatch
):
    """The process dies after the object is written, before the row becomes READY."""
    from parcours.locker.content import upload_dir

    put(trainee, "kept.pdf")

    def crash(self, *args, **kwargs):
        raise SystemExit("killed")

    path = os.path.join(upload_dir(), "up-interrupted.upload")
    with open(path, "wb") as file:
        file.write(b"%PDF-1.4 interrupted")
    monkeypatch.setattr("django.db.models.query.QuerySet.update", crash)
    with pytest.raises(SystemExit):
        actions.store_file(actor=trainee.user, trainee=trainee, path=path, name="lost.pdf")
    monkeypatch.undo()
    # What the killed request left: a PENDING row and its object, and a received upload.
    pending = StoredFile.objects.get(name="lost.pdf")
    assert pending.state == StoredFile.State.PENDING and storage.exists(pending.key)
    leftover = os.path.join(upload_dir(), "up-leftover.upload")
    with open(leftover, "wb") as file:
        file.write(b"half")

    assert not StoredFile.objects.in_use().filter(name="lost.pdf").exists()
    assert verify()[0]  # nothing visible is broken
    # Young leftovers are an upload in progress: kept.
    assert actions.clean_up() == {"trash": 0, "interrupted": 0, "temporary": 0}
    StoredFile.objects.filter(pk=pending.pk).update(created_at=timezone.now() - timedelta(hours=2))
    old = (timezone.now() - timedelta(hours=2)).timestamp()
    os.utime(leftover, (old, old))

    assert actions.clean_up() == {"trash": 0, "interrupted": 1, "temporary": 1}
    assert not storage.exists(pending.key)
    assert not StoredFile.objects.filter(pk=pending.pk).exists()
    assert os.listdir(upload_dir()) == []
    ok, out, _err = verify("--strict")
    assert ok and "1 files checked" in out


def test_a_failing_storage_leaves_no_row_and_no_object(trainee, locker_storage, monkeypatch):
    from parcours.locker.content import upload_dir

    def broken_digest(key):
        return (0, "0" * 64)  # the object read back is not what was sent

    monkeypatch.setattr(storage, "digest", broken_digest)
    path = os.path.join(upload_dir(), "up-x.upload")
    with open(path, "wb") as file:
        file.write(b"%PDF-1.4")

    with pytest.raises(OSError, match="differs"):
        actions.store_file(actor=trainee.user, trainee=trainee, path=path, name="x.pdf")

    assert not StoredFile.objects.exists()
    assert list(storage.all_keys()) == []
    assert os.listdir(upload_dir()) == []


def test_an_interrupted_deletion_is_finished_by_the_worker(trainee, locker_storage):
    file = put(trainee, "a.pdf")
    StoredFile.objects.filter(pk=file.pk).update(state=StoredFile.State.DELETING)

    assert actions.clean_up()["interrupted"] == 1
    assert not storage.exists(file.key) and not StoredFile.objects.exists()


def test_the_cleanup_runs_twice_safely(trainee, trashed_file):
    StoredFile.objects.filter(pk=trashed_file.pk).update(
        trashed_at=timezone.now() - timedelta(days=31)
    )

    assert actions.clean_up()["trash"] == 1
    assert actions.clean_up() == {"trash": 0, "interrupted": 0, "temporary": 0}


def test_the_cleanup_command(trainee, locker_storage):
    from io import StringIO

    file = put(trainee, "a.pdf")
    StoredFile.objects.filter(pk=file.pk).update(state=StoredFile.State.PENDING)
    out = StringIO()

    call_command("locker", "cleanup", "--older-than", "0", stdout=out)

    assert "1 interrupted uploads or deletions finished" in out.getvalue()
    assert not storage.exists(file.key)


def test_erasing_a_trainee_deletes_her_objects(
    trainee, locker_storage, django_capture_on_commit_callbacks
):
    file = put(trainee, "a.pdf")

    with django_capture_on_commit_callbacks(execute=True):
        trainee.user.delete()

    assert not storage.exists(file.key)
