"""The demo locker: Amina's CV, a scanned letter, a folder, a shared file, a link."""

from parcours.core import demo as core_demo
from parcours.locker import demo, storage
from parcours.locker.models import Folder, Link, Share, StoredFile


def test_demo_fills_aminas_locker_once(db, locker_storage):
    core_demo.load()  # loads the locker's demo too
    assert demo.load() is False

    files = {f.name: f for f in StoredFile.objects.in_use()}
    assert set(files) == {"Mon CV.pdf", "Attestation d'hébergement.pdf", "Photo de mon diplôme.jpg"}
    assert all(f.trainee.user.username == "amina" for f in files.values())
    assert files["Attestation d'hébergement.pdf"].folder == Folder.objects.get(name="Logement")
    share = Share.objects.get()
    assert share.file == files["Mon CV.pdf"] and share.user == share.trainee.referrer
    assert Link.objects.usable().get().file == files["Mon CV.pdf"]
    for file in files.values():
        assert storage.digest(file.key) == (file.size, file.sha256)
    # The photos' position did not survive.
    for name in ("Attestation d'hébergement.pdf", "Photo de mon diplôme.jpg"):
        stream = storage.open_stream(files[name].key)
        assert b"GPS" not in stream.read()
        stream.close()
