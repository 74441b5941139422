"""Fixtures of the rooms tests, also used by the access table (tests/conftest.py loads them)."""

import pytest


@pytest.fixture
def room(site):
    """The computer room of the trainer's site, with a two-point checklist never run."""
    from tests.rooms.factories import ChecklistPointFactory, RoomFactory

    room = RoomFactory(site=site, name="Salle des Tilleuls", seats=10)
    ChecklistPointFactory(room=room, label="La session invité s'efface à la déconnexion")
    ChecklistPointFactory(room=room, label="L'imprimante imprime")
    return room


@pytest.fixture
def equipment(room):
    """A working computer of `room`."""
    from tests.rooms.factories import EquipmentFactory

    return EquipmentFactory(room=room, label="PC-01")


@pytest.fixture
def incident(equipment, trainer):
    """ "Pas d'internet" on PC-01, reported by the trainer, not assigned yet."""
    from parcours.rooms.actions import report_incident

    return report_incident(actor=trainer, equipment=equipment, problem="no_internet")
