"""Rows of tests/test_access_table.py for the volunteers app: url name -> (method, kwargs, expected[, data])."""

from tests.access_rows import row

APPLICATION = {"pk": "volunteer_application"}  # a new application
COMMITMENT = {"pk": "volunteer_commitment"}  # a running commitment, with its trainer account
BLOCK = {"pk": "presentation_block"}
COORDINATOR_ONLY_GET = row(anonymous=302, coordinator=200, others=404)
COORDINATOR_ONLY_POST = row(anonymous=302, coordinator=302, others=404)

VOLUNTEERS_ACCESS = {
    # Public pages: anyone, signed in or not.
    "volunteers:programme": ("get", {}, row(others=200)),
    "volunteers:apply": ("get", {}, row(others=200)),
    "volunteers:thanks": ("get", {}, row(others=200)),
    # The link works for whoever holds it.
    "volunteers:accept_invitation": (
        "get",
        {"token": "volunteer_invitation_token"},
        row(others=200),
    ),
    # The pipeline: coordinators.
    "volunteers:pipeline": ("get", {}, COORDINATOR_ONLY_GET),
    "volunteers:application": ("get", APPLICATION, COORDINATOR_ONLY_GET),
    "volunteers:application_move": (
        "post",
        APPLICATION,
        COORDINATOR_ONLY_POST,
        {"to": "contacted"},
    ),
    "volunteers:application_note": (
        "post",
        APPLICATION,
        COORDINATOR_ONLY_POST,
        {"text": "Appelée"},
    ),
    "volunteers:application_accept": (
        "post",
        APPLICATION,
        COORDINATOR_ONLY_POST,
        {"start_date": "2030-01-08", "end_date": "2030-03-08", "email": "lea@example.org"},
    ),
    "volunteers:application_decline": (
        "post",
        APPLICATION,
        COORDINATOR_ONLY_POST,
        {"reason": "Complet"},
    ),
    "volunteers:commitment_invite": ("post", COMMITMENT, COORDINATOR_ONLY_POST),
    "volunteers:commitment_courses": (
        "post",
        COMMITMENT,
        COORDINATOR_ONLY_POST,
        {"courses": "course"},
    ),
    "volunteers:commitment_renew": (
        "post",
        COMMITMENT,
        COORDINATOR_ONLY_POST,
        {"end_date": "2031-01-01"},
    ),
    "volunteers:blocks": ("get", {}, COORDINATOR_ONLY_GET),
    "volunteers:block_edit": ("get", BLOCK, COORDINATOR_ONLY_GET),
    "volunteers:block_delete": ("post", BLOCK, COORDINATOR_ONLY_POST),
    # The charter: trainers accept it; coordinators read what trainers accept.
    "volunteers:charter": (
        "get",
        {},
        row(anonymous=302, coordinator=200, trainer=200, other_trainer=200, others=404),
    ),
    "volunteers:charter_accept": (
        "post",
        {},
        row(anonymous=302, trainer=302, other_trainer=302, others=404),
        {"agree": "on"},
    ),
}
