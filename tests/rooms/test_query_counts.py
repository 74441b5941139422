"""Pages whose number of queries must not grow with the number of rooms, items or incidents."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from parcours.rooms.actions import assign_incident, report_incident, resolve_incident, run_checklist
from tests.rooms.factories import ChecklistPointFactory, EquipmentFactory, RoomFactory


def furnished_room(site, items, coordinator):
    room = RoomFactory(site=site)
    point = ChecklistPointFactory(room=room)
    for n in range(items):
        item = EquipmentFactory(room=room, printer=n % 4 == 3)
        if n % 3 == 0:
            report_incident(actor=coordinator, equipment=item, problem="no_power")
    run_checklist(
        actor=coordinator,
        room=room,
        results=[(point, False, "non")],
        now=timezone.now() - datetime.timedelta(days=3),
    )
    return room


@pytest.mark.parametrize("size", [1, 5])
def test_room_list_queries_do_not_grow(client, django_assert_num_queries, coordinator, site, size):
    for _ in range(size):
        furnished_room(site, items=size * 2, coordinator=coordinator)
    client.force_login(coordinator)
    client.get(reverse("rooms:room_list"))  # warm the session
    with django_assert_num_queries(4):
        response = client.get(reverse("rooms:room_list"))
    assert response.text.count("/salles/") >= size


@pytest.mark.parametrize("size", [1, 6])
def test_room_page_queries_do_not_grow(client, django_assert_num_queries, coordinator, site, size):
    room = furnished_room(site, items=size * 3, coordinator=coordinator)
    for _ in range(size):
        run_checklist(actor=coordinator, room=room, results=[])
    client.force_login(coordinator)
    client.get(reverse("rooms:room_detail", args=[room.pk]))
    with django_assert_num_queries(9):
        client.get(reverse("rooms:room_detail", args=[room.pk]))


@pytest.mark.parametrize("size", [1, 6])
def test_item_page_queries_do_not_grow(
    client, django_assert_num_queries, coordinator, trainer, equipment, size
):
    for n in range(size):
        incident = report_incident(actor=trainer, equipment=equipment, problem="no_power")
        if n % 3 == 1:
            assign_incident(actor=coordinator, incident=incident, assignee=trainer)
        elif n % 3 == 2:
            resolve_incident(actor=coordinator, incident=incident, resolution="ok")
    client.force_login(coordinator)
    url = reverse("rooms:equipment_detail", args=[equipment.pk])
    client.get(url)
    with django_assert_num_queries(6):
        response = client.get(url)
    assert response.text.count('class="card" id="incident-') == size
