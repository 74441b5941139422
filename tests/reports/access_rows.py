"""Rows of tests/test_access_table.py for the reports app: url name -> (method, kwargs, expected[, data])."""

from tests.access_rows import row

SENT = {"pk": "sent_report"}  # last week's report to social_worker, about Amina
DRAFT = {"pk": "draft_report"}  # a draft to social_worker, about Amina (trainer's course)
DRAFT_ENTRY = {"pk": "draft_report", "entry_pk": "draft_entry"}

COORDINATOR_ONLY = row(anonymous=302, coordinator=200, others=404)

REPORTS_ACCESS = {
    # Everyone on staff has a list (other_trainer's and other_social_worker's are empty).
    "reports:list": (
        "get",
        {},
        row(anonymous=302, trainee=404, other_trainee=404, others=200),
    ),
    # Its trainer, its social worker, the coordination; never another trainer or social worker.
    "reports:detail": (
        "get",
        SENT,
        row(anonymous=302, coordinator=200, trainer=200, social_worker=200, others=404),
    ),
    "reports:pdf": (
        "get",
        SENT,
        row(anonymous=302, coordinator=200, trainer=200, social_worker=200, others=404),
    ),
    # Drafts: the trainer of the trainees in it and the coordination; the social worker
    # sees nothing before it is sent.
    "reports:comment": (
        "post",
        DRAFT_ENTRY,
        row(anonymous=302, coordinator=302, trainer=302, others=404),
        {"comment": "Très régulière."},
    ),
    "reports:send": (
        "post",
        DRAFT,
        row(anonymous=302, coordinator=302, trainer=302, others=404),
    ),
    # Only the social worker it was sent to reads and answers.
    "reports:read": ("post", SENT, row(anonymous=302, social_worker=302, others=404)),
    "reports:answer": ("get", SENT, row(anonymous=302, social_worker=200, others=404)),
    "reports:rhythm": (
        "get",
        {},
        row(anonymous=302, social_worker=200, other_social_worker=200, others=404),
    ),
    # social_worker is not their organisation's contact: the coordination sets it.
    "reports:organisation_rhythm": (
        "post",
        {"pk": "organisation"},
        row(anonymous=302, coordinator=302, others=404),
        {"organisation-rhythm": "fortnightly"},
    ),
    "reports:follow_up": ("get", {}, COORDINATOR_ONLY),
    "reports:statistics": ("get", {}, COORDINATOR_ONLY),
    "reports:statistics_csv": ("get", {}, COORDINATOR_ONLY),
    "reports:statistics_xlsx": ("get", {}, COORDINATOR_ONLY),
    "reports:activity_pdf": ("get", {}, COORDINATOR_ONLY),
    "reports:opendata_csv": ("get", {}, COORDINATOR_ONLY),
    "reports:opendata_json": ("get", {}, COORDINATOR_ONLY),
}
