import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from parcours.volunteers.models import Application, Note
from tests.volunteers.factories import ApplicationFactory, CommitmentFactory

pytestmark = pytest.mark.django_db


def test_open_applications_are_shown_by_step_oldest_first(coordinator_client):
    ApplicationFactory(first_name="Nouvelle", last_name="Une")
    ApplicationFactory(first_name="Appelée", last_name="Deux", status="contacted")
    ApplicationFactory(first_name="Rencontrée", last_name="Trois", status="meeting")
    ApplicationFactory(first_name="Refusée", last_name="Quatre", declined=True)
    response = coordinator_client.get(reverse("volunteers:pipeline"))
    columns = {
        value: [a.first_name for a in apps] for value, _, apps in response.context["columns"]
    }
    assert columns == {"new": ["Nouvelle"], "contacted": ["Appelée"], "meeting": ["Rencontrée"]}
    assert [a.first_name for a in response.context["decided"]] == ["Refusée"]


def test_applications_untouched_for_seven_days_are_flagged(coordinator_client):
    old = timezone.now() - datetime.timedelta(days=8)
    stale = ApplicationFactory(first_name="Oubliée", created_at=old, last_activity_at=old)
    ApplicationFactory(first_name="Récente")
    # A note counts as a touch: this one is not flagged any more.
    followed = ApplicationFactory(first_name="Suivie", created_at=old, last_activity_at=old)
    coordinator_client.post(
        reverse("volunteers:application_note", args=[followed.pk]), {"text": "Rappelée"}
    )
    response = coordinator_client.get(reverse("volunteers:pipeline"))
    assert response.context["stale_count"] == 1
    flagged = [a for _, _, apps in response.context["columns"] for a in apps if a.stale]
    assert flagged == [stale]
    assert "1 candidature attend depuis plus de 7 jours" in response.text
    assert "Sans suite depuis le" in response.text
    detail = coordinator_client.get(reverse("volunteers:application", args=[stale.pk]))
    assert "Rien ne s'est passé depuis le" in detail.text


def test_the_pipeline_costs_the_same_queries_whatever_its_size(coordinator_client):
    def grow(n):
        for _ in range(n):
            ApplicationFactory()
            ApplicationFactory(status="contacted")
            ApplicationFactory(declined=True)
            CommitmentFactory()
            CommitmentFactory(user=None)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert coordinator_client.get(reverse("volunteers:pipeline")).status_code == 200
        return len(queries)

    grow(1)
    small = count()
    grow(9)
    assert count() == small
    # Open applications, decided ones, commitments: three queries besides the menu's.
    assert small <= 8


def test_steps_move_forward_and_touch_the_application(coordinator_client):
    old = timezone.now() - datetime.timedelta(days=3)
    application = ApplicationFactory(last_activity_at=old)
    url = reverse("volunteers:application_move", args=[application.pk])
    coordinator_client.post(url, {"to": "contacted"})
    application.refresh_from_db()
    assert application.status == "contacted" and application.last_activity_at > old
    coordinator_client.post(url, {"to": "meeting"})
    application.refresh_from_db()
    assert application.status == "meeting"
    # Going back is refused, with a message.
    response = coordinator_client.post(url, {"to": "contacted"}, follow=True)
    assert "Seule une nouvelle candidature" in response.text
    application.refresh_from_db()
    assert application.status == "meeting"


def test_the_applicant_may_withdraw_and_a_closed_application_stays_closed(
    coordinator_client, coordinator
):
    application = ApplicationFactory()
    url = reverse("volunteers:application_move", args=[application.pk])
    coordinator_client.post(url, {"to": "withdrawn"})
    application.refresh_from_db()
    assert (application.status, application.decided_by) == ("withdrawn", coordinator)
    assert application.decided_at is not None
    response = coordinator_client.post(url, {"to": "meeting"}, follow=True)
    assert "Cette candidature a déjà été traitée." in response.text
    response = coordinator_client.post(
        reverse("volunteers:application_decline", args=[application.pk]), {"reason": "x"}
    )
    application.refresh_from_db()
    assert application.status == "withdrawn"


def test_declining_needs_a_reason_which_is_kept(coordinator_client):
    application = ApplicationFactory()
    url = reverse("volunteers:application_decline", args=[application.pk])
    response = coordinator_client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert "Écrivez le motif du refus." in response.text
    application.refresh_from_db()
    assert application.status == "new"
    coordinator_client.post(url, {"reason": "Disponible deux semaines seulement."})
    application.refresh_from_db()
    assert application.status == "declined"
    assert application.decline_reason == "Disponible deux semaines seulement."
    detail = coordinator_client.get(reverse("volunteers:application", args=[application.pk]))
    assert "Disponible deux semaines seulement." in detail.text


def test_notes_are_kept_with_their_author(coordinator_client, coordinator):
    application = ApplicationFactory()
    coordinator_client.post(
        reverse("volunteers:application_note", args=[application.pk]),
        {"text": "Appelée, rappeler jeudi"},
    )
    note = Note.objects.get()
    assert (note.application, note.author, note.text) == (
        application,
        coordinator,
        "Appelée, rappeler jeudi",
    )
    detail = coordinator_client.get(reverse("volunteers:application", args=[application.pk]))
    assert "Appelée, rappeler jeudi" in detail.text


def test_an_unknown_step_is_refused(coordinator_client):
    application = ApplicationFactory()
    coordinator_client.post(
        reverse("volunteers:application_move", args=[application.pk]), {"to": "accepted"}
    )
    application.refresh_from_db()
    assert application.status == Application.Status.NEW
