import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from parcours.notifications.models import Notification
from parcours.volunteers.models import Application, SubmissionAttempt
from parcours.volunteers.spam import RATE_LIMIT

pytestmark = pytest.mark.django_db
URL = reverse("volunteers:apply")


def valid_data(**changes):
    start = timezone.localdate() + datetime.timedelta(days=10)
    data = {
        "role": "volunteer",
        "first_name": "Léa",
        "last_name": "Fontaine",
        "email": "lea.fontaine@example.org",
        "phone": "06 12 34 56 78",
        "available_days": ["1", "3"],
        "available_times": ["afternoon"],
        "availability_note": "Pas pendant les vacances",
        "start_date": start.isoformat(),
        "end_date": (start + datetime.timedelta(days=60)).isoformat(),
        "skills": "Bureautique",
        "languages": "français, anglais",
        "motivation": "J'aime expliquer.",
        "privacy": "on",
        "website": "",
    }
    data.update(changes)
    return data


def test_the_form_is_public_and_its_honeypot_hidden_from_people(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.text
    trap = html[html.index('<div class="field" hidden aria-hidden="true">') :]
    trap = trap[: trap.index("</div>")]
    assert 'name="website"' in trap
    assert 'tabindex="-1"' in trap and 'autocomplete="off"' in trap
    # Three ways to come, and no empty fourth one.
    assert html.count('name="role"') == 3


def test_a_valid_application_is_saved_acknowledged_and_announced(
    client, coordinator, django_capture_on_commit_callbacks, run_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, valid_data(), REMOTE_ADDR="203.0.113.7")
    assert response.url == reverse("volunteers:thanks")
    application = Application.objects.get()
    assert (application.status, application.phone, application.available_days) == (
        "new",
        "+33612345678",
        [1, 3],
    )
    assert application.privacy_accepted_at is not None
    # The coordinators see it in the app; their e-mail says nothing of the person.
    notification = Notification.objects.get(recipient=coordinator)
    assert "Léa Fontaine" in notification.text
    assert notification.url == reverse("volunteers:application", args=[application.pk])
    run_tasks()
    acknowledgement = next(m for m in mail.outbox if m.to == ["lea.fontaine@example.org"])
    assert "Léa" in acknowledgement.body
    for private in ("Fontaine", "+33", "06 12", "Bureautique", "expliquer", "anglais"):
        assert private not in acknowledgement.body + acknowledgement.subject
    to_coordinator = next(m for m in mail.outbox if m.to == [coordinator.email])
    assert "Léa" not in to_coordinator.body and "Fontaine" not in to_coordinator.body
    # The rate limit keeps a keyed hash of the address, never the address itself.
    attempt = SubmissionAttempt.objects.get()
    assert "203.0.113.7" not in attempt.address_hash and len(attempt.address_hash) == 64


def test_a_commitment_shorter_than_a_month_is_refused_and_nothing_is_lost(client):
    start = timezone.localdate() + datetime.timedelta(days=10)
    data = valid_data(end_date=(start + datetime.timedelta(days=20)).isoformat())
    response = client.post(URL, data)
    assert response.status_code == 200
    assert not Application.objects.exists()
    assert "Nous demandons un engagement d&#x27;au moins un mois" in response.text
    assert 'value="Léa"' in response.text
    assert "J&#x27;aime expliquer." in response.text
    assert 'value="3" id="id_available_days_3" checked' in response.text
    assert f'value="{data["end_date"]}"' in response.text


def test_exactly_one_month_is_enough(client):
    # 31 January + one month is 28 February.
    response = client.post(URL, valid_data(start_date="2030-01-31", end_date="2030-02-28"))
    assert response.status_code == 302
    assert Application.objects.get().end_date == datetime.date(2030, 2, 28)


def test_the_privacy_notice_must_be_accepted(client):
    data = valid_data()
    del data["privacy"]
    response = client.post(URL, data)
    assert "Sans votre accord, nous ne pouvons pas garder votre candidature" in response.text
    assert not Application.objects.exists()


def test_a_start_date_in_the_past_is_refused(client):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(
        URL,
        valid_data(
            start_date=yesterday.isoformat(),
            end_date=(yesterday + datetime.timedelta(days=60)).isoformat(),
        ),
    )
    assert "Cette date est passée" in response.text
    assert not Application.objects.exists()


def test_a_filled_honeypot_looks_like_a_success_but_keeps_nothing(
    client, coordinator, django_capture_on_commit_callbacks, run_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, valid_data(website="http://spam.example"))
    assert response.url == reverse("volunteers:thanks")
    assert not Application.objects.exists()
    assert not Notification.objects.exists()
    run_tasks()
    assert mail.outbox == []
    # A bot's try counts towards the address's limit.
    assert SubmissionAttempt.objects.count() == 1


def test_the_rate_limit_refuses_the_sixth_application_of_the_hour_from_one_address(client):
    for n in range(RATE_LIMIT):
        response = client.post(
            URL, valid_data(email=f"bot{n}@example.org"), REMOTE_ADDR="198.51.100.9"
        )
        assert response.status_code == 302
    response = client.post(
        URL, valid_data(email="one-more@example.org"), REMOTE_ADDR="198.51.100.9"
    )
    assert response.status_code == 429
    assert "Réessayez dans une heure" in response.text
    assert 'value="one-more@example.org"' in response.text  # what was written is kept
    assert Application.objects.count() == RATE_LIMIT
    # Another address is not concerned; the first one may send again an hour later.
    assert client.post(URL, valid_data(), REMOTE_ADDR="198.51.100.10").status_code == 302
    SubmissionAttempt.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=61))
    assert client.post(URL, valid_data(), REMOTE_ADDR="198.51.100.9").status_code == 302


def test_the_rate_limit_counts_the_address_the_trusted_proxy_saw(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(RATE_LIMIT):
        client.post(
            URL,
            valid_data(email=f"p{n}@example.org"),
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="198.51.100.9",
        )
    # Same proxy, another client: still welcome.
    response = client.post(
        URL, valid_data(), REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.77"
    )
    assert response.status_code == 302
    response = client.post(
        URL, valid_data(), REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9"
    )
    assert response.status_code == 429
