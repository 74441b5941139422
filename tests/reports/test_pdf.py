"""The report as a PDF laid out for printing, in the social worker's language."""

import io
import re

from django.urls import reverse
from django.utils import formats, translation
from pypdf import PdfReader

from parcours.courses.models import Attendance


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text)


def attendance_dates(trainee, language):
    with translation.override(language):
        return [
            formats.date_format(a.lesson.date, "j F Y")
            for a in Attendance.objects.filter(trainee=trainee).select_related("lesson")
        ]


def test_the_pdf_holds_the_attendance_dates(client, social_worker, sent_report, trainee):
    client.force_login(social_worker)
    text = pdf_text(client.get(reverse("reports:pdf", args=[sent_report.pk])))
    dates = attendance_dates(trainee, "fr")
    assert len(dates) == 2
    for date in dates:
        assert date in text
    assert "Amina Rakoto" in text
    assert "Adresse e-mail créée." in text
    assert "Compte rendu" in text


def test_the_pdf_is_in_the_social_workers_language(
    client, coordinator, social_worker, sent_report, trainee
):
    social_worker.language = "en"
    social_worker.save()
    client.force_login(coordinator)  # whoever downloads it, it is written for its reader
    text = pdf_text(client.get(reverse("reports:pdf", args=[sent_report.pk])))
    for date in attendance_dates(trainee, "en"):
        assert date in text
    assert "Report" in text and "Sessions" in text


def test_the_file_name_holds_no_name(client, social_worker, sent_report):
    client.force_login(social_worker)
    response = client.get(reverse("reports:pdf", args=[sent_report.pk]))
    assert "Amina" not in response["Content-Disposition"]
    assert "Rakoto" not in response["Content-Disposition"]
