"""Rows of tests/test_access_table.py for the privacy app: url name -> (method, kwargs, expected[, data]).

The notice is public. A trainee's own data pages take no id. Staff pages act on Amina:
coordinators export, correct and erase; her referrer (social_worker, sharing confirmed
by the fixture) corrects; trainers and everyone else get 404.
"""

from tests.access_rows import row

AMINA = {"pk": "trainee"}
OWN = row(anonymous=302, trainee=200, other_trainee=200, others=404)
COORDINATOR_ONLY = row(anonymous=302, coordinator=200, others=404)
COORDINATOR_POST = row(anonymous=302, coordinator=302, others=404)

PRIVACY_ACCESS = {
    "privacy:notice": ("get", {}, row(others=200)),
    "privacy:my_data": ("get", {}, OWN),
    "privacy:my_export": ("get", {}, OWN),
    "privacy:trainee_export": ("get", AMINA, COORDINATOR_ONLY),
    "privacy:trainee_rectify": (
        "get",
        AMINA,
        row(anonymous=302, coordinator=200, social_worker=200, others=404),
    ),
    "privacy:trainee_erase_confirm": ("get", AMINA, COORDINATOR_ONLY),
    "privacy:trainee_erase": ("post", AMINA, COORDINATOR_POST, {"confirm": "1"}),
    "privacy:retention": ("get", {}, COORDINATOR_ONLY),
    "privacy:retention_keep": ("post", AMINA, COORDINATOR_POST),
}
