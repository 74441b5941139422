"""Rows of tests/test_access_table.py for the locker app: url name -> (method, kwargs, expected[, data]).

Fixtures: tests/locker/fixtures.py. Amina's locker is hers alone: Karim (other_trainee)
has his own, at the same addresses without ids; staff see a file only once Amina shares
it with them, and here she shares with her referrer (social_worker) only.
"""

from datetime import timedelta

from django.utils import timezone

from tests.access_rows import row

# Her own pages, without an id: each trainee gets their own locker.
OWN = row(anonymous=302, trainee=200, other_trainee=200, others=404)
OWN_POST = row(anonymous=302, trainee=302, other_trainee=302, others=404)
# Amina's things, by id: only Amina.
AMINA_ONLY = row(anonymous=302, trainee=200, others=404)
AMINA_POST = row(anonymous=302, trainee=302, others=404)
# Shared with her referrer: nobody else, not even the trainer of her site.
SHARED = row(anonymous=302, social_worker=200, others=404)

FILE = {"pk": "locker_file"}
FOLDER = {"pk": "locker_folder"}
IN_A_WEEK = (timezone.localdate() + timedelta(days=7)).isoformat()

LOCKER_ACCESS = {
    "locker:index": ("get", {}, OWN),
    "locker:upload": ("post", {}, OWN_POST),
    "locker:scan": ("get", {}, OWN),
    "locker:folder_create": ("post", {}, OWN_POST, {"name": "Papiers"}),
    "locker:trash": ("get", {}, OWN),
    "locker:trash_empty": ("post", {}, OWN_POST),
    "locker:history": ("get", {}, OWN),
    "locker:shares": ("get", {}, OWN),
    "locker:folder": ("get", FOLDER, AMINA_ONLY),
    "locker:folder_rename": ("post", FOLDER, AMINA_POST, {"name": "Maison"}),
    "locker:folder_move": ("post", FOLDER, AMINA_POST),
    "locker:folder_trash": ("post", FOLDER, AMINA_POST),
    "locker:folder_share": ("post", FOLDER, AMINA_POST, {"user": "social_worker"}),
    "locker:folder_restore": ("post", {"pk": "trashed_folder"}, AMINA_POST),
    "locker:file_detail": ("get", FILE, AMINA_ONLY),
    "locker:file_download": ("get", FILE, AMINA_ONLY),
    "locker:file_view": ("get", FILE, AMINA_ONLY),
    "locker:file_rename": ("post", FILE, AMINA_POST, {"name": "Courrier.pdf"}),
    "locker:file_move": ("post", FILE, AMINA_POST, {"folder": "locker_folder"}),
    "locker:file_trash": ("post", FILE, AMINA_POST),
    "locker:file_restore": ("post", {"pk": "trashed_file"}, AMINA_POST),
    "locker:file_share": ("post", FILE, AMINA_POST, {"user": "social_worker"}),
    "locker:link_create": ("post", FILE, AMINA_POST, {"ends_on": IN_A_WEEK}),
    # Without a new link waiting in the session, it sends back to the file's page.
    "locker:link_created": ("get", FILE, row(anonymous=302, trainee=302, others=404)),
    "locker:share_revoke": ("post", {"pk": "locker_share"}, AMINA_POST),
    "locker:link_revoke": ("post", {"pk": "locker_link_pk"}, AMINA_POST),
    # Professionals: what trainees shared with them (an empty list for most).
    "locker:shared_with_me": (
        "get",
        {},
        row(
            anonymous=302,
            trainer=200,
            other_trainer=200,
            social_worker=200,
            other_social_worker=200,
            others=404,
        ),
    ),
    "locker:shared_folder": ("get", {"pk": "shared_locker_folder"}, SHARED),
    "locker:shared_file": ("get", {"pk": "shared_locker_file"}, SHARED),
    "locker:shared_download": ("get", {"pk": "shared_locker_file"}, SHARED),
    "locker:shared_view": ("get", {"pk": "shared_locker_file"}, SHARED),
    # The space her locker uses (coordinators set it); what she shares with me.
    "locker:trainee_locker": (
        "get",
        {"pk": "trainee"},
        row(anonymous=302, coordinator=200, trainer=200, social_worker=200, others=404),
    ),
    "locker:trainee_quota": (
        "post",
        {"pk": "trainee"},
        row(anonymous=302, coordinator=302, others=404),
        {"quota_mb": "800"},
    ),
    # Public: whoever holds the link.
    "locker:link_page": ("get", {"token": "locker_link_token"}, row(others=200)),
    "locker:link_download": ("post", {"token": "locker_link_token"}, row(others=200)),
}
