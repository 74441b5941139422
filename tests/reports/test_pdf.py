"""The report as a PDF laid out for printing, in the social worker's language."""

import io
import re

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import formats, translation
from pypdf import PdfReader

from parcours.courses.models import Attendance
from parcours.reports import kept_pdfs


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


# --- laid out once, kept in the shared cache (kept_pdfs) ------------------------------


@pytest.fixture
def layouts(monkeypatch):
    """How many PDFs WeasyPrint lays out (a wrapper around its write_pdf)."""
    import weasyprint

    calls = []
    write_pdf = weasyprint.HTML.write_pdf

    def counted(self, *args, **kwargs):
        calls.append(1)
        return write_pdf(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", counted)
    return calls


def kept(report):
    return [caches["shared"].get(key) for key in kept_pdfs.keys([report.pk])]


def test_the_second_download_is_served_without_laying_out_again(
    client, social_worker, sent_report, layouts
):
    client.force_login(social_worker)
    url = reverse("reports:pdf", args=[sent_report.pk])
    first = client.get(url)
    second = client.get(url)
    assert len(layouts) == 1
    assert second.content == first.content
    assert "Amina Rakoto" in pdf_text(second)


def test_a_comment_changed_on_a_draft_gives_a_new_pdf(
    client, trainer, draft_report, draft_entry, layouts
):
    client.force_login(trainer)
    url = reverse("reports:pdf", args=[draft_report.pk])
    assert "Pas de commentaire." in pdf_text(client.get(url))
    client.post(
        reverse("reports:comment", args=[draft_report.pk, draft_entry.pk]),
        {"comment": "Premier e-mail envoyé seule."},
    )
    text = pdf_text(client.get(url))
    assert "Premier e-mail envoyé seule." in text
    assert "Pas de commentaire." not in text
    assert len(layouts) == 2


def test_two_viewers_never_get_each_others_pdf(
    client, trainer, other_trainer, coordinator, two_courses_report, layouts
):
    url = reverse("reports:pdf", args=[two_courses_report.pk])
    for user, shown, hidden in [
        (trainer, ["Amina"], ["Nadia"]),
        (other_trainer, ["Nadia"], ["Amina"]),
        (trainer, ["Amina"], ["Nadia"]),
        (coordinator, ["Amina", "Nadia"], []),
        (other_trainer, ["Nadia"], ["Amina"]),
    ]:
        client.force_login(user)
        text = pdf_text(client.get(url))
        assert all(name in text for name in shown), (user, shown)
        assert not any(name in text for name in hidden), (user, hidden)
    assert len(layouts) == 5  # one PDF kept per report and language: each took its turn


def test_a_kept_pdf_is_served_to_no_one_the_access_rules_refuse(
    client, trainer, social_worker, other_social_worker, draft_report, sent_report
):
    client.force_login(trainer)
    assert client.get(reverse("reports:pdf", args=[draft_report.pk])).status_code == 200
    client.force_login(social_worker)
    assert client.get(reverse("reports:pdf", args=[sent_report.pk])).status_code == 200
    assert any(kept(draft_report)) and any(kept(sent_report))
    # A draft is not for the social worker, nor another organisation's report.
    assert client.get(reverse("reports:pdf", args=[draft_report.pk])).status_code == 404
    client.force_login(other_social_worker)
    assert client.get(reverse("reports:pdf", args=[sent_report.pk])).status_code == 404


def test_erasing_a_person_deletes_the_kept_pdfs_that_name_her(
    client, coordinator, social_worker, sent_report, trainee, django_capture_on_commit_callbacks
):
    from parcours.privacy.actions import erase_trainee

    client.force_login(coordinator)
    url = reverse("reports:pdf", args=[sent_report.pk])
    assert "Amina Rakoto" in pdf_text(client.get(url))
    assert any(kept(sent_report))

    with django_capture_on_commit_callbacks(execute=True):
        erase_trainee(actor=coordinator, trainee=trainee)

    assert not any(kept(sent_report))
    text = pdf_text(client.get(url))
    assert "Amina" not in text and "Rakoto" not in text
    assert "Personne anonymisée" in text


def test_a_report_deleted_at_sending_takes_its_kept_pdf_along(
    client, trainer, draft_report, trainee, django_capture_on_commit_callbacks
):
    from parcours.people.models import Sharing
    from parcours.reports.actions import deliver_report
    from parcours.reports.models import Report

    client.force_login(trainer)
    client.get(reverse("reports:pdf", args=[draft_report.pk]))
    assert any(kept(draft_report))
    trainee.sharing = Sharing.WITHDRAWN
    trainee.save(update_fields=["sharing"])

    with django_capture_on_commit_callbacks(execute=True):
        assert not deliver_report(report=draft_report, by=trainer)

    assert not Report.objects.filter(pk=draft_report.pk).exists()
    assert not any(kept(draft_report))
