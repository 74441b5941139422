"""Rows of tests/test_access_table.py for the rooms app: url name -> (method, kwargs, expected[, data])."""

from tests.access_rows import row

ROOM = {"pk": "room"}  # the computer room of the trainer's site
ITEM = {"pk": "equipment"}  # a computer of ROOM
INCIDENT = {"pk": "incident"}  # an open incident on ITEM

COORDINATOR_ONLY = row(anonymous=302, coordinator=200, others=404)
# Trainers see the rooms of the sites they work at: other_trainer works elsewhere.
ROOM_STAFF = row(anonymous=302, coordinator=200, trainer=200, others=404)

ROOMS_ACCESS = {
    # Every trainer has a list (other_trainer's holds only their own site's rooms).
    "rooms:room_list": (
        "get",
        {},
        row(anonymous=302, coordinator=200, trainer=200, other_trainer=200, others=404),
    ),
    "rooms:room_create": ("get", {}, COORDINATOR_ONLY),
    "rooms:room_detail": ("get", ROOM, ROOM_STAFF),
    "rooms:room_edit": ("get", ROOM, COORDINATOR_ONLY),
    "rooms:equipment_create": ("get", ROOM, COORDINATOR_ONLY),
    "rooms:equipment_export": ("get", ROOM, COORDINATOR_ONLY),
    "rooms:equipment_import": ("get", ROOM, COORDINATOR_ONLY),
    "rooms:equipment_labels": ("get", ROOM, COORDINATOR_ONLY),
    "rooms:equipment_labels_pdf": ("get", ROOM, COORDINATOR_ONLY),
    "rooms:checklist_edit": ("get", ROOM, COORDINATOR_ONLY),
    "rooms:checklist_run": ("get", ROOM, ROOM_STAFF),
    # The page an asset label's QR code opens; anonymous visitors are sent to sign in.
    "rooms:equipment_detail": ("get", ITEM, ROOM_STAFF),
    "rooms:equipment_edit": ("get", ITEM, COORDINATOR_ONLY),
    "rooms:incident_report": (
        "post",
        ITEM,
        row(anonymous=302, coordinator=302, trainer=302, others=404),
        {"problem": "no_power"},
    ),
    "rooms:incident_assign": (
        "post",
        INCIDENT,
        row(anonymous=302, coordinator=302, others=404),
        {"assigned_to": "trainer"},
    ),
    "rooms:incident_resolve": (
        "post",
        INCIDENT,
        row(anonymous=302, coordinator=302, others=404),
        {"resolution": "Câble réseau rebranché.", "working_again": "on"},
    ),
}
