"""The whole path on each backend, the local disk and a real S3-compatible server:
upload, download, share, trash, restore, quota, and verify finding a corrupted object."""

from django.urls import reverse

from parcours.audit.models import Entry
from parcours.locker.models import StoredFile
from tests.locker.conftest import body, messages_of, sha256, upload
from tests.locker.test_integrity import corrupt, verify


def test_the_locker_works_end_to_end(client, request, trainee, social_worker, backend, settings):
    content = b"%PDF-1.4\n" + b"contenu " * 50_000
    client.force_login(trainee.user)

    # Upload and download.
    upload(client, ("Lettre CAF.pdf", content))
    file = StoredFile.objects.get(trainee=trainee)
    assert file.sha256 == sha256(content)
    assert body(client.get(reverse("locker:file_download", args=[file.pk]))) == content

    # Share with the referrer, who opens it (and it is written down).
    client.post(reverse("locker:file_share", args=[file.pk]), {"user": social_worker.pk})
    client.force_login(social_worker)
    assert body(client.get(reverse("locker:shared_download", args=[file.pk]))) == content
    assert Entry.objects.filter(action=Entry.Action.LOCKER_FILE_OPENED).count() == 1

    # Trash and restore.
    client.force_login(trainee.user)
    client.post(reverse("locker:file_trash", args=[file.pk]))
    assert client.get(reverse("locker:file_download", args=[file.pk])).status_code == 404
    client.post(reverse("locker:file_restore", args=[file.pk]))
    assert body(client.get(reverse("locker:file_download", args=[file.pk]))) == content

    # Quota: what does not fit is refused, what is there stays.
    settings.LOCKER_QUOTA_MB = 1
    response = upload(client, ("gros.pdf", b"%PDF-" + b"x" * 800_000), follow=True)
    assert any("Plus assez de place" in m for m in messages_of(response))
    assert list(StoredFile.objects.values_list("name", flat=True)) == ["Lettre CAF.pdf"]

    # Verify: sound, then a corrupted object is found.
    assert verify()[0]
    if backend == "s3":
        corrupt(
            file.key,
            backend,
            request.getfixturevalue("s3_endpoint"),
            request.getfixturevalue("s3_storage"),
        )
    else:
        corrupt(file.key, backend)
    ok, _out, err = verify()
    assert not ok and f"DIFFERENT file {file.pk}" in err
