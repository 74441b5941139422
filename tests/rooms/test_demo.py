"""Demo rooms: a furnished room with a broken computer, an open incident, a checklist run."""

from parcours.core import demo as core_demo
from parcours.rooms import demo
from parcours.rooms.models import ChecklistRun, Equipment, Incident, Room


def test_demo_rooms_load_once(db):
    core_demo.load()  # loads the rooms' demo too
    assert not demo.load()
    room = Room.objects.with_state().get(name="Salle informatique")
    assert (room.computers_working, room.computers_total) == (9, 10)
    assert Equipment.objects.get(room=room, status="broken").label == "PC-07"
    assert Incident.objects.filter(equipment__room=room).exclude(status="resolved").count() == 1
    run = ChecklistRun.objects.get(room=room)
    assert run.results.filter(ok=False).count() == 1
    assert not room.checklist_is_overdue(room.last_run_at)
    assert Room.objects.get(name="Salle Jules-Verne").equipment.count() == 6
