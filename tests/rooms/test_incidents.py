"""Incidents: reported in two taps from the item's page, assigned, resolved."""

from django.urls import reverse

from parcours.rooms.actions import report_incident, resolve_incident
from parcours.rooms.models import Equipment, Incident


def test_an_incident_reported_in_two_taps_marks_the_item_broken_and_joins_its_history(
    client, trainer, equipment
):
    client.force_login(trainer)
    page_url = reverse("rooms:equipment_detail", args=[equipment.pk])
    assert client.get(page_url).status_code == 200  # tap 1: the QR code opens the page
    response = client.post(  # tap 2: one button
        reverse("rooms:incident_report", args=[equipment.pk]), {"problem": "no_power"}
    )
    assert response.status_code == 302 and response.url == page_url
    equipment.refresh_from_db()
    assert equipment.status == Equipment.Status.BROKEN
    incident = equipment.incidents.get()
    assert (incident.problem, incident.status, incident.reported_by) == (
        "no_power",
        "open",
        trainer,
    )
    page = client.get(page_url).text
    assert "Merci, c&#x27;est signalé." in page
    assert f'id="incident-{incident.pk}"' in page
    assert "Ne s&#x27;allume pas" in page and trainer.display_name in page


def test_the_optional_note_is_kept_with_the_incident(client, trainer, equipment):
    client.force_login(trainer)
    client.post(
        reverse("rooms:incident_report", args=[equipment.pk]),
        {"problem": "other", "note": "La touche Entrée colle."},
    )
    assert equipment.incidents.get().note == "La touche Entrée colle."


def test_an_unknown_problem_changes_nothing_and_keeps_the_note(client, trainer, equipment):
    client.force_login(trainer)
    response = client.post(
        reverse("rooms:incident_report", args=[equipment.pk]),
        {"problem": "paper", "note": "Texte tapé"},  # a printer's problem, not a computer's
    )
    assert response.status_code == 400
    assert "Choisissez l&#x27;un des problèmes proposés." in response.text
    assert "Texte tapé" in response.text
    equipment.refresh_from_db()
    assert equipment.status == "working" and not equipment.incidents.exists()


def test_a_trainer_of_another_site_cannot_report(client, other_trainer, equipment):
    client.force_login(other_trainer)
    url = reverse("rooms:incident_report", args=[equipment.pk])
    assert client.post(url, {"problem": "no_power"}).status_code == 404
    assert not equipment.incidents.exists()


def test_the_coordinator_assigns_then_resolves_and_the_item_works_again(
    client, coordinator, trainer, incident
):
    client.force_login(coordinator)
    client.post(reverse("rooms:incident_assign", args=[incident.pk]), {"assigned_to": trainer.pk})
    incident.refresh_from_db()
    assert (incident.status, incident.assigned_to) == ("assigned", trainer)
    client.post(
        reverse("rooms:incident_resolve", args=[incident.pk]),
        {"resolution": "Câble rebranché.", "working_again": "on"},
    )
    incident.refresh_from_db()
    assert (incident.status, incident.resolved_by, incident.resolution) == (
        "resolved",
        coordinator,
        "Câble rebranché.",
    )
    incident.equipment.refresh_from_db()
    assert incident.equipment.status == "working"
    page = client.get(reverse("rooms:equipment_detail", args=[incident.equipment_id])).text
    assert "Résolu le" in page and "Câble rebranché." in page and "Confié à" in page


def test_resolving_without_working_again_leaves_the_item_broken(coordinator, incident):
    resolve_incident(actor=coordinator, incident=incident, working_again=False)
    incident.equipment.refresh_from_db()
    assert incident.equipment.status == "broken"


def test_the_item_stays_broken_while_another_incident_is_open(coordinator, trainer, incident):
    report_incident(actor=trainer, equipment=incident.equipment, problem="screen")
    resolve_incident(actor=coordinator, incident=incident)
    incident.equipment.refresh_from_db()
    assert incident.equipment.status == "broken"


def test_an_item_in_repair_stays_in_repair_when_reported_again(trainer, equipment):
    equipment.status = Equipment.Status.IN_REPAIR
    equipment.save()
    report_incident(actor=trainer, equipment=equipment, problem="no_power")
    equipment.refresh_from_db()
    assert equipment.status == Equipment.Status.IN_REPAIR


def test_a_resolved_incident_is_not_resolved_twice(client, coordinator, incident):
    resolve_incident(actor=coordinator, incident=incident)
    client.force_login(coordinator)
    response = client.post(reverse("rooms:incident_resolve", args=[incident.pk]), follow=True)
    assert "Cet incident est déjà résolu." in response.text
    assert Incident.objects.get().resolved_by == coordinator


def test_only_staff_of_the_room_can_be_given_an_incident(
    client, coordinator, other_trainer, incident
):
    client.force_login(coordinator)
    response = client.post(
        reverse("rooms:incident_assign", args=[incident.pk]),
        {"assigned_to": other_trainer.pk},
        follow=True,
    )
    assert "Choisissez la personne qui s&#x27;en occupe." in response.text
    incident.refresh_from_db()
    assert incident.status == "open"
