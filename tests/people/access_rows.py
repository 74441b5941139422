"""Rows of tests/test_access_table.py for staff accounts and their second factor:
url name -> (method, kwargs, expected[, data])."""

from tests.access_rows import row

STAFF_GET = row(anonymous=302, trainee=404, other_trainee=404, others=200)

TWO_FACTOR_ACCESS = {
    # Nobody waits for a code here: back to the sign-in page.
    "people:login_code": ("get", {}, row(others=302)),
    "people:account": ("get", {}, STAFF_GET),
    "people:two_factor_setup": ("get", {}, STAFF_GET),
    # No new codes waiting in the session: back to the account page.
    "people:recovery_codes": (
        "get",
        {},
        row(anonymous=302, trainee=404, other_trainee=404, others=302),
    ),
    # Without a code: the coordinator (who has an app) sees the account page with an
    # error; staff without an app are sent to the account page.
    "people:recovery_codes_renew": (
        "post",
        {},
        row(anonymous=302, coordinator=200, trainee=404, other_trainee=404, others=302),
    ),
    # Coordinators must keep theirs.
    "people:two_factor_disable": (
        "post",
        {},
        row(anonymous=302, coordinator=404, trainee=404, other_trainee=404, others=302),
    ),
    "people:two_factor_staff": ("get", {}, row(anonymous=302, coordinator=200, others=404)),
    "people:two_factor_reset": (
        "post",
        {"pk": "trainer"},
        row(anonymous=302, coordinator=302, others=404),
    ),
}
