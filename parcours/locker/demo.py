"""Demo locker: Amina's documents, loaded after the people's demo data (which creates her).

- "Mon CV.pdf", shared with her referrer, with an expiring download link (7 days, 3
  downloads);
- "Logement/", a folder holding "Attestation d'hébergement.pdf", a paper letter she
  photographed (two photos made one PDF; the photos' position was removed);
- "Photo de mon diplôme.jpg" at the top.
Everything goes through the locker's actions, so the objects are really in the storage.
"""

import datetime
import os
import tempfile

from django.db import transaction
from django.utils import timezone

from parcours.locker import actions
from parcours.locker.content import photos_to_pdf, upload_dir
from parcours.locker.models import StoredFile
from parcours.people.models import Trainee

CV_HTML = """<html><head><style>
@page { size: A4; margin: 2cm; }
html { font-family: "DejaVu Sans", sans-serif; font-size: 11pt; }
h1 { font-size: 20pt; margin-bottom: 0; } h2 { font-size: 13pt; border-bottom: 1px solid #999; }
</style></head><body>
<h1>Amina Rakoto</h1>
<p>Paris 18e · amina.rakoto@example.org</p>
<h2>Expérience</h2>
<p><strong>2019–2023</strong> — Couturière, atelier de retouches, Antananarivo.</p>
<p><strong>2024</strong> — Bénévole, épicerie solidaire, Paris 18e.</p>
<h2>Langues</h2>
<p>Malgache, français.</p>
<h2>Compétences</h2>
<p>Couture, accueil du public, bureautique (traitement de texte, messagerie).</p>
</body></html>"""


def _letter_photo(path, page):
    """A photo of a paper page, as a phone takes it (with a GPS position in its EXIF)."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1240, 1754), "#f4f1ea")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=34)
    lines = (
        [
            "Résidence Bel-Air",
            "",
            "ATTESTATION D'HÉBERGEMENT",
            "",
            "Nous attestons que Mme Amina Rakoto",
            "est hébergée dans notre établissement",
            "depuis le 3 mars 2025.",
        ]
        if page == 1
        else ["", "Fait pour servir et valoir ce que de droit.", "", "La directrice"]
    )
    for number, line in enumerate(lines):
        draw.text((120, 160 + number * 70), line, fill="#222222", font=font)
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (48.0, 53.0, 30.0), 3: "E", 4: (2.0, 21.0, 5.0)}
    image.save(path, "JPEG", quality=85, exif=exif)


def _cv_pdf(path):
    from weasyprint import HTML

    HTML(string=CV_HTML).write_pdf(path)


def _diploma_photo(path):
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1600, 1100), "#fffdf5")
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 1560, 1060), outline="#8a6d1d", width=12)
    font = ImageFont.load_default(size=60)
    draw.text((300, 420), "Certificat d'aptitude professionnelle", fill="#333333", font=font)
    draw.text((560, 560), "Couture, 2018", fill="#333333", font=font)
    image.save(path, "JPEG", quality=85)


def load():
    """Fill Amina's locker unless it holds something. Returns True when created."""
    trainee = Trainee.objects.filter(user__username="amina").select_related("user").first()
    if trainee is None or StoredFile.objects.filter(trainee=trainee).exists():
        return False
    actor = trainee.user
    workdir = upload_dir()

    def temporary(suffix):
        fd, path = tempfile.mkstemp(prefix="demo-", suffix=suffix, dir=workdir)
        os.close(fd)
        return path

    cv_path = temporary(".pdf")
    _cv_pdf(cv_path)
    cv = actions.store_file(actor=actor, trainee=trainee, path=cv_path, name="Mon CV.pdf")

    housing = actions.create_folder(trainee=trainee, name="Logement")
    photos = [temporary(".jpg"), temporary(".jpg")]
    for page, path in enumerate(photos, start=1):
        _letter_photo(path, page)
    try:
        pdf_path = photos_to_pdf(photos, workdir)
    finally:
        for path in photos:
            os.unlink(path)
    actions.store_file(
        actor=actor,
        trainee=trainee,
        path=pdf_path,
        name="Attestation d'hébergement.pdf",
        folder=housing,
    )

    diploma_path = temporary(".jpg")
    _diploma_photo(diploma_path)
    actions.store_file(
        actor=actor, trainee=trainee, path=diploma_path, name="Photo de mon diplôme.jpg"
    )

    with transaction.atomic():
        if trainee.referrer is not None:
            actions.share(actor=actor, trainee=trainee, user=trainee.referrer, file=cv)
        actions.create_link(
            actor=actor,
            trainee=trainee,
            file=cv,
            ends_on=timezone.localdate() + datetime.timedelta(days=7),
            max_downloads=3,
        )
    return True
