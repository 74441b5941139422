"""Rows of tests/test_access_table.py for the progress app: url name -> (method, kwargs, expected[, data])."""

from tests.access_rows import row

AMINA = {"pk": "trainee"}
STAFF_WHO_TEACH = {"anonymous": 302, "coordinator": 302, "trainer": 302, "others": 404}
OWN_PAGE = row(anonymous=302, trainee=200, other_trainee=200, others=404)

PROGRESS_ACCESS = {
    # The referrer sees the path because Amina confirmed sharing (fixture default).
    "progress:path": (
        "get",
        AMINA,
        row(anonymous=302, coordinator=200, trainer=200, social_worker=200, others=404),
    ),
    "progress:path_pdf": (
        "get",
        AMINA,
        row(anonymous=302, coordinator=200, trainer=200, others=404),
    ),
    "progress:diagnostic_start": ("post", AMINA, row(**STAFF_WHO_TEACH)),
    "progress:diagnostic": (
        "get",
        {"pk": "diagnostic"},
        row(anonymous=302, coordinator=200, trainer=200, others=404),
    ),
    "progress:goal_add": ("post", AMINA, row(**STAFF_WHO_TEACH), {"own_words": "Faire mon CV"}),
    "progress:goal_reached": (
        "post",
        {"pk": "goal"},
        row(**STAFF_WHO_TEACH),
        {"reached_on": "2026-11-20"},
    ),
    "progress:goal_drop": ("post", {"pk": "goal"}, row(**STAFF_WHO_TEACH)),
    "progress:goal_public_text": (
        "post",
        {"pk": "goal"},
        row(**STAFF_WHO_TEACH),
        {"public_text": "Une stagiaire écrit à sa fille."},
    ),
    # Never the referrer: the notebook is not progress to report.
    "progress:accounts": (
        "get",
        AMINA,
        row(anonymous=302, coordinator=200, trainer=200, others=404),
    ),
    "progress:account_delete": ("post", {"pk": "account_entry"}, row(**STAFF_WHO_TEACH)),
    "progress:my_successes": ("get", {}, OWN_PAGE),
    "progress:my_accounts": ("get", {}, OWN_PAGE),
    "progress:my_path_pdf": ("get", {}, OWN_PAGE),
    "progress:framework": ("get", {}, row(anonymous=302, coordinator=200, others=404)),
    "progress:coop_export": ("get", {}, row(anonymous=302, coordinator=200, others=404)),
}
