"""Rooms and items created and edited by the coordination."""

from django.urls import reverse

from parcours.rooms.models import Equipment, Room
from tests.rooms.factories import EquipmentFactory


def test_the_coordinator_creates_a_room(client, coordinator, site):
    client.force_login(coordinator)
    response = client.post(
        reverse("rooms:room_create"),
        {"site": site.pk, "name": "Salle Curie", "seats": "8", "checklist_every_days": "14"},
    )
    room = Room.objects.get(name="Salle Curie")
    assert response.url == reverse("rooms:room_detail", args=[room.pk])
    assert (room.site, room.seats, room.checklist_every_days) == (site, 8, 14)


def test_a_room_name_is_unique_per_site_and_the_form_keeps_what_was_typed(
    client, coordinator, room
):
    client.force_login(coordinator)
    response = client.post(
        reverse("rooms:room_create"),
        {"site": room.site.pk, "name": room.name, "seats": "12", "checklist_every_days": "30"},
    )
    assert response.status_code == 200
    assert "Ce lieu a déjà une salle de ce nom." in response.text
    assert 'value="12"' in response.text


def test_the_coordinator_adds_an_item_and_another(client, coordinator, room):
    client.force_login(coordinator)
    url = reverse("rooms:equipment_create", args=[room.pk])
    assert f'<option value="{room.pk}" selected>' in client.get(url).text
    response = client.post(
        url,
        {
            "room": room.pk,
            "kind": "printer",
            "label": "IMP-01",
            "origin": "donated",
            "acquired_on": "2024-03-15",
            "status": "working",
            "another": "1",
        },
    )
    assert response.url == url
    item = Equipment.objects.get(label="IMP-01")
    assert (item.room, item.kind, item.origin) == (room, "printer", "donated")


def test_an_item_label_is_unique_per_room(client, coordinator, equipment):
    client.force_login(coordinator)
    response = client.post(
        reverse("rooms:equipment_create", args=[equipment.room_id]),
        {
            "room": equipment.room_id,
            "kind": "computer",
            "label": equipment.label,
            "serial_number": "SN-TAPÉ",
            "status": "working",
        },
    )
    assert "Cette salle a déjà un appareil avec cette étiquette." in response.text
    assert 'value="SN-TAPÉ"' in response.text
    assert Equipment.objects.count() == 1


def test_a_retired_item_no_longer_counts(client, coordinator, room):
    item = EquipmentFactory(room=room)
    EquipmentFactory(room=room)
    client.force_login(coordinator)
    data = {"room": room.pk, "kind": "computer", "label": item.label, "status": "retired"}
    response = client.post(reverse("rooms:equipment_edit", args=[item.pk]), data)
    assert response.url == reverse("rooms:equipment_detail", args=[item.pk])
    state = Room.objects.with_state().get(pk=room.pk)
    assert (state.computers_working, state.computers_total) == (1, 1)


def test_a_trainer_sees_only_the_rooms_of_their_sites(client, trainer, room, other_site):
    from tests.rooms.factories import RoomFactory

    RoomFactory(site=other_site, name="Salle lointaine")
    client.force_login(trainer)
    page = client.get(reverse("rooms:room_list")).text
    assert room.name in page and "Salle lointaine" not in page
    assert reverse("rooms:room_create") not in page
