"""Set-up checklists: a template per room, runs at a rhythm, overdue rooms."""

import datetime

from django.urls import reverse
from django.utils import timezone

from parcours.rooms.actions import run_checklist, set_checklist
from parcours.rooms.models import ChecklistRun, Room


def answer_all(room, **failed_notes):
    data = {}
    for point in room.checklist_points.all():
        note = failed_notes.get(str(point.position))
        data[f"point_{point.pk}"] = "failed" if note else "ok"
        data[f"note_{point.pk}"] = note or ""
    return data


def test_a_trainer_runs_the_checklist_and_the_room_shows_its_failures(client, trainer, room):
    client.force_login(trainer)
    url = reverse("rooms:checklist_run", args=[room.pk])
    page = client.get(url).text
    assert "La session invité s&#x27;efface à la déconnexion" in page
    printer = room.checklist_points.get(label="L'imprimante imprime")
    data = answer_all(room)
    data[f"point_{printer.pk}"] = "failed"
    data[f"note_{printer.pk}"] = "Plus de toner"
    response = client.post(url, data)
    assert response.status_code == 302
    run = ChecklistRun.objects.get(room=room)
    assert run.run_by == trainer
    assert [(r.label, r.ok, r.note) for r in run.results.all()] == [
        ("La session invité s'efface à la déconnexion", True, ""),
        ("L'imprimante imprime", False, "Plus de toner"),
    ]
    page = client.get(reverse("rooms:room_detail", args=[room.pk])).text
    assert "1 point à reprendre" in page and "Plus de toner" in page
    assert "Vérification en retard" not in page and "Prochaine vérification" in page


def test_a_failed_point_needs_a_note_and_the_form_keeps_the_answers(client, trainer, room):
    client.force_login(trainer)
    first, second = room.checklist_points.all()
    response = client.post(
        reverse("rooms:checklist_run", args=[room.pk]),
        {f"point_{first.pk}": "ok", f"point_{second.pk}": "failed", f"note_{first.pk}": "RAS"},
    )
    assert response.status_code == 200
    assert "Dites en quelques mots ce qui ne va pas." in response.text
    assert 'value="RAS"' in response.text
    assert f'value="failed" id="id_point_{second.pk}_1" required checked' in response.text
    assert not ChecklistRun.objects.exists()


def test_every_point_must_be_answered(client, trainer, room):
    client.force_login(trainer)
    response = client.post(reverse("rooms:checklist_run", args=[room.pk]), {})
    assert "Indiquez si ce point est OK ou pose problème." in response.text
    assert not ChecklistRun.objects.exists()


def overdue(room):
    return Room.objects.with_state().get(pk=room.pk)


def test_a_room_is_overdue_until_its_first_run_then_after_its_rhythm(client, coordinator, room):
    client.force_login(coordinator)
    list_url = reverse("rooms:room_list")
    assert "jamais faite" in client.get(list_url).text
    points = list(room.checklist_points.all())
    run_checklist(
        actor=coordinator,
        room=room,
        results=[(p, True, "") for p in points],
        now=timezone.now() - datetime.timedelta(days=31),
    )
    assert room.checklist_every_days == 30
    assert "en retard" in client.get(list_url).text
    detail = client.get(reverse("rooms:room_detail", args=[room.pk])).text
    assert "Vérification en retard" in detail
    run_checklist(actor=coordinator, room=room, results=[(p, True, "") for p in points])
    assert "faite le" in client.get(list_url).text
    assert "Tout était OK." in client.get(reverse("rooms:room_detail", args=[room.pk])).text


def test_a_room_without_checklist_is_never_overdue(client, coordinator, site):
    from tests.rooms.factories import RoomFactory

    bare = RoomFactory(site=site)
    assert not bare.checklist_is_overdue(None, has_points=False)
    client.force_login(coordinator)
    assert "pas de liste" in client.get(reverse("rooms:room_list")).text


def test_the_coordinator_writes_the_checklist_and_its_rhythm(client, coordinator, site):
    from tests.rooms.factories import RoomFactory

    bare = RoomFactory(site=site)
    client.force_login(coordinator)
    url = reverse("rooms:checklist_edit", args=[bare.pk])
    assert "Les mises à jour sont installées" in client.get(url).text  # proposed
    response = client.post(url, {"points": "- Casques OK\n\nImprimante OK\n", "every_days": "7"})
    assert response.status_code == 302
    bare.refresh_from_db()
    assert bare.checklist_every_days == 7
    assert [p.label for p in bare.checklist_points.all()] == ["Casques OK", "Imprimante OK"]
    response = client.post(url, {"points": "", "every_days": "0"})
    assert "Écrivez au moins un point à vérifier." in response.text
    assert "Au moins 1 jour." in response.text


def test_editing_the_checklist_keeps_what_past_runs_checked(coordinator, room):
    points = list(room.checklist_points.all())
    run = run_checklist(actor=coordinator, room=room, results=[(p, True, "") for p in points])
    set_checklist(actor=coordinator, room=room, labels=["Nouveau point"], every_days=14)
    assert [r.label for r in run.results.all()] == [p.label for p in points]
    assert [p.label for p in room.checklist_points.all()] == ["Nouveau point"]
