import io

from django.urls import reverse
from pypdf import PdfReader

from parcours.audit.models import Entry


def test_the_printable_card_has_the_username_a_qr_code_and_the_course_never_the_pin(
    client, trainer, trainee, enrolment
):
    client.force_login(trainer)
    response = client.get(reverse("people:login_card", args=[trainee.pk]))
    assert response.status_code == 200
    assert "amina" in response.text and "Amina" in response.text
    assert "<svg" in response.text
    assert "/connexion/stagiaire/?u=amina" in response.text
    assert enrolment.course.get_weekday_display() in response.text
    assert "246810" not in response.text
    assert "Rakoto" not in response.text
    assert Entry.objects.filter(action="login_card_printed", trainee_id=trainee.pk).exists()


def test_the_pdf_card_opens_and_holds_the_username_not_the_pin(
    client, coordinator, trainee, enrolment
):
    client.force_login(coordinator)
    response = client.get(reverse("people:login_card_pdf", args=[trainee.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "amina" in text and "Mon identifiant" in text
    assert "246810" not in text
    assert len(reader.pages) == 1
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (298, 420)  # A6 in points


def test_a_social_worker_cannot_print_a_card(client, social_worker, trainee):
    client.force_login(social_worker)
    assert client.get(reverse("people:login_card_pdf", args=[trainee.pk])).status_code == 404
