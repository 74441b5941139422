"""Rows of tests/test_object_access.py: for every URL pattern that takes an object id or a
token, what "someone else's object" is, and who owns it.

The personas live in two worlds (tests/conftest.py and the fixtures of
tests/test_object_access.py):

- world A: organisation A, the site of the trainer, the social worker, Amina (trainee),
  her course, lesson, referral, goals, reports, room, locker… (the access table's fixtures);
- world B: organisation B, the other site, other_trainer, other_social_worker, Karim
  (other_trainee), and a mirror of each of Amina's objects, named `other_<fixture>`.

Each role asks for the objects of the world that is not theirs: world A's people
(trainer, social_worker, trainee, and the volunteer, who teaches Amina's course) for
world B's, world B's people for world A's; anonymous visitors and the coordinator ask for
world B's. The answer must be 404 (anonymous visitors: the sign-in page, as for an id
that does not exist), for GET and POST alike, and nothing may change.

The coordinator sees everything in the programme (access.py), so they are asked only
where an object belongs to nobody they may see (`private=True`: a trainee's locker, what
was shared with one social worker, a report's answer…), and, with `mismatch=True`, where
two ids of one address do not belong together (an enrolment of another trainee, an entry
of another report).
"""

from dataclasses import dataclass, field

from tests.access_rows import ROLES as ACCESS_ROLES

# The access table's roles, Karim aside (he owns world B), and a volunteer.
ROLES = [role for role in ACCESS_ROLES if role != "other_trainee"] + ["volunteer"]
WORLD_B_ROLES = {"other_trainer", "other_social_worker"}

# Amina's objects (world A) and their mirror in world B. A fixture used in a row must
# be here or in WORLDLESS: a new one needs its mirror fixture in test_object_access.py.
MIRROR = {
    name: f"other_{name}"
    for name in [
        "trainee",
        "organisation",
        "social_worker",
        "trainer",
        "course",
        "enrolment",
        "lesson",
        "referral",
        "goal",
        "account_entry",
        "diagnostic",
        "draft_report",
        "draft_entry",
        "sent_report",
        "room",
        "equipment",
        "incident",
        "locker_file",
        "locker_folder",
        "trashed_file",
        "trashed_folder",
        "locker_share",
        "shared_locker_file",
        "shared_locker_folder",
        "locker_link_pk",
    ]
}
# The owner of each of Amina's objects and their counterpart for Karim's.
MIRROR_ROLE = {
    "coordinator": "coordinator",
    "trainer": "other_trainer",
    "social_worker": "other_social_worker",
    "trainee": "other_trainee",
}
# The programme's own objects, in no world: only coordinators ever see them.
WORLDLESS = {"volunteer_application", "volunteer_commitment", "presentation_block"}


@dataclass(frozen=True)
class Objects:
    """An address taking ids. `kwargs`: URL argument -> world A fixture. `owner`: a role
    that may use it with world A's objects (the check that the fixtures are real).
    `probe`: a cheaper page with the same arguments for that check (PDFs)."""

    kwargs: dict
    owner: str
    private: bool = False
    mismatch: bool = False
    probe: str | None = None


@dataclass(frozen=True)
class Tokens:
    """An address taking a token that is itself the credential: whoever holds a live one
    may use it. Dead tokens (revoked, expired, used, replaced…) must answer exactly as a
    token that never existed, for everyone. `data`: what a POST sends."""

    live: str
    dead: tuple
    data: dict = field(default_factory=dict)


AMINA = {"pk": "trainee"}
ORG = {"pk": "organisation"}
REFERRAL = {"pk": "referral"}
COURSE = {"pk": "course"}
LESSON = {"pk": "lesson"}
LESSON_AMINA = {"pk": "lesson", "trainee_pk": "trainee"}
GOAL = {"pk": "goal"}
SENT = {"pk": "sent_report"}
DRAFT = {"pk": "draft_report"}
ROOM = {"pk": "room"}
ITEM = {"pk": "equipment"}
INCIDENT = {"pk": "incident"}
APPLICATION = {"pk": "volunteer_application"}
COMMITMENT = {"pk": "volunteer_commitment"}
BLOCK = {"pk": "presentation_block"}
FILE = {"pk": "locker_file"}
FOLDER = {"pk": "locker_folder"}
SHARED_FILE = {"pk": "shared_locker_file"}

NEW_ACCOUNT = {
    "first_name": "Intrus",
    "last_name": "Intrus",
    "password1": "un mot de passe tout neuf",
    "password2": "un mot de passe tout neuf",
}

OBJECT_ROWS = {
    # --- people ---
    "people:trainee_detail": Objects(AMINA, owner="trainer"),
    "people:trainee_contact": Objects(AMINA, owner="trainer"),
    "people:trainee_reset_pin": Objects(AMINA, owner="trainer"),
    "people:trainee_new_pin": Objects(AMINA, owner="trainer"),
    "people:trainee_unlock": Objects(AMINA, owner="trainer"),
    "people:login_card": Objects(AMINA, owner="trainer"),
    "people:login_card_pdf": Objects(AMINA, owner="trainer", probe="people:login_card"),
    # Only the referrer, on the person's word.
    "people:trainee_withdraw_sharing": Objects(AMINA, owner="social_worker", private=True),
    "people:trainee_end_enrolment": Objects(
        {"pk": "trainee", "enrolment_pk": "enrolment"}, owner="trainer", mismatch=True
    ),
    "people:organisation_detail": Objects(ORG, owner="social_worker"),
    "people:organisation_visibility": Objects(ORG, owner="coordinator"),
    "people:organisation_contact": Objects(ORG, owner="coordinator"),
    "people:organisation_invite": Objects(ORG, owner="coordinator"),
    # A staff member's second factor (a lost phone): coordinators remove it.
    "people:two_factor_reset": Objects({"pk": "trainer"}, owner="coordinator"),
    "people:accept_invitation": Tokens(
        live="invitation_token",
        dead=("used_invitation_token", "expired_invitation_token"),
        data=NEW_ACCOUNT,
    ),
    # --- referrals ---
    "referrals:detail": Objects(REFERRAL, owner="social_worker"),
    "referrals:accept": Objects(REFERRAL, owner="coordinator"),
    "referrals:wait": Objects(REFERRAL, owner="coordinator"),
    "referrals:decline": Objects(REFERRAL, owner="coordinator"),
    "referrals:merge": Objects(REFERRAL, owner="coordinator"),
    # --- courses ---
    "courses:lesson": Objects(LESSON, owner="trainer"),
    # A coordinator may note anyone at any lesson (a walk-in): no mismatch there.
    "courses:lesson_attendance": Objects(LESSON_AMINA, owner="trainer"),
    "courses:lesson_walk_in": Objects(LESSON, owner="trainer"),
    # A note needs the person's attendance at that very lesson.
    "courses:lesson_note": Objects(LESSON_AMINA, owner="trainer", mismatch=True),
    "courses:lesson_cancel": Objects(LESSON, owner="trainer"),
    "courses:cannot_come": Objects(LESSON, owner="trainee", private=True),
    "courses:course_detail": Objects(COURSE, owner="trainer"),
    "courses:course_edit": Objects(COURSE, owner="coordinator"),
    "courses:course_extra_lesson": Objects(COURSE, owner="coordinator"),
    "courses:calendar_feed": Tokens(
        live="calendar_token", dead=("replaced_calendar_token", "inactive_calendar_token")
    ),
    # --- progress ---
    "progress:path": Objects(AMINA, owner="trainer"),
    "progress:path_pdf": Objects(AMINA, owner="trainer", probe="progress:path"),
    "progress:diagnostic_start": Objects(AMINA, owner="trainer"),
    "progress:diagnostic": Objects({"pk": "diagnostic"}, owner="trainer"),
    "progress:goal_add": Objects(AMINA, owner="trainer"),
    "progress:goal_reached": Objects(GOAL, owner="trainer"),
    "progress:goal_drop": Objects(GOAL, owner="trainer"),
    "progress:goal_public_text": Objects(GOAL, owner="trainer"),
    "progress:accounts": Objects(AMINA, owner="trainer"),
    "progress:account_delete": Objects({"pk": "account_entry"}, owner="trainer"),
    # --- reports ---
    "reports:detail": Objects(SENT, owner="social_worker"),
    "reports:pdf": Objects(SENT, owner="social_worker", probe="reports:detail"),
    "reports:comment": Objects(
        {"pk": "draft_report", "entry_pk": "draft_entry"}, owner="trainer", mismatch=True
    ),
    "reports:send": Objects(DRAFT, owner="trainer"),
    # Only the social worker it was sent to reads and answers it.
    "reports:read": Objects(SENT, owner="social_worker", private=True),
    "reports:answer": Objects(SENT, owner="social_worker", private=True),
    "reports:organisation_rhythm": Objects(ORG, owner="coordinator"),
    # --- rooms ---
    "rooms:room_detail": Objects(ROOM, owner="trainer"),
    "rooms:room_edit": Objects(ROOM, owner="coordinator"),
    "rooms:equipment_create": Objects(ROOM, owner="coordinator"),
    "rooms:equipment_export": Objects(ROOM, owner="coordinator"),
    "rooms:equipment_import": Objects(ROOM, owner="coordinator"),
    "rooms:equipment_labels": Objects(ROOM, owner="coordinator"),
    "rooms:equipment_labels_pdf": Objects(
        ROOM, owner="coordinator", probe="rooms:equipment_labels"
    ),
    "rooms:checklist_run": Objects(ROOM, owner="trainer"),
    "rooms:checklist_edit": Objects(ROOM, owner="coordinator"),
    "rooms:equipment_detail": Objects(ITEM, owner="trainer"),
    "rooms:equipment_edit": Objects(ITEM, owner="coordinator"),
    "rooms:incident_report": Objects(ITEM, owner="trainer"),
    "rooms:incident_assign": Objects(INCIDENT, owner="coordinator"),
    "rooms:incident_resolve": Objects(INCIDENT, owner="coordinator"),
    # --- volunteers: the coordination's own objects ---
    "volunteers:application": Objects(APPLICATION, owner="coordinator"),
    "volunteers:application_move": Objects(APPLICATION, owner="coordinator"),
    "volunteers:application_note": Objects(APPLICATION, owner="coordinator"),
    "volunteers:application_accept": Objects(APPLICATION, owner="coordinator"),
    "volunteers:application_decline": Objects(APPLICATION, owner="coordinator"),
    "volunteers:commitment_invite": Objects(COMMITMENT, owner="coordinator"),
    "volunteers:commitment_courses": Objects(COMMITMENT, owner="coordinator"),
    "volunteers:commitment_renew": Objects(COMMITMENT, owner="coordinator"),
    "volunteers:block_edit": Objects(BLOCK, owner="coordinator"),
    "volunteers:block_delete": Objects(BLOCK, owner="coordinator"),
    "volunteers:accept_invitation": Tokens(
        live="volunteer_invitation_token",
        dead=("used_volunteer_invitation_token", "expired_volunteer_invitation_token"),
        data=NEW_ACCOUNT,
    ),
    # --- privacy: the person's rights ---
    "privacy:trainee_export": Objects(AMINA, owner="coordinator"),
    # Her referrer, while she shares with them.
    "privacy:trainee_rectify": Objects(AMINA, owner="social_worker"),
    "privacy:trainee_erase_confirm": Objects(AMINA, owner="coordinator"),
    "privacy:trainee_erase": Objects(AMINA, owner="coordinator"),
    "privacy:retention_keep": Objects(AMINA, owner="coordinator"),
    # --- locker: a trainee's own documents, nobody else's business ---
    "locker:folder": Objects(FOLDER, owner="trainee", private=True),
    "locker:folder_rename": Objects(FOLDER, owner="trainee", private=True),
    "locker:folder_move": Objects(FOLDER, owner="trainee", private=True),
    "locker:folder_trash": Objects(FOLDER, owner="trainee", private=True),
    "locker:folder_share": Objects(FOLDER, owner="trainee", private=True),
    "locker:folder_restore": Objects({"pk": "trashed_folder"}, owner="trainee", private=True),
    "locker:file_detail": Objects(FILE, owner="trainee", private=True),
    "locker:file_download": Objects(FILE, owner="trainee", private=True),
    "locker:file_view": Objects(FILE, owner="trainee", private=True),
    "locker:file_rename": Objects(FILE, owner="trainee", private=True),
    "locker:file_move": Objects(FILE, owner="trainee", private=True),
    "locker:file_trash": Objects(FILE, owner="trainee", private=True),
    "locker:file_restore": Objects({"pk": "trashed_file"}, owner="trainee", private=True),
    "locker:file_share": Objects(FILE, owner="trainee", private=True),
    "locker:link_create": Objects(FILE, owner="trainee", private=True),
    "locker:link_created": Objects(FILE, owner="trainee", private=True),
    "locker:share_revoke": Objects({"pk": "locker_share"}, owner="trainee", private=True),
    "locker:link_revoke": Objects({"pk": "locker_link_pk"}, owner="trainee", private=True),
    # What a trainee shared with one professional: that professional only.
    "locker:shared_folder": Objects(
        {"pk": "shared_locker_folder"}, owner="social_worker", private=True
    ),
    "locker:shared_file": Objects(SHARED_FILE, owner="social_worker", private=True),
    "locker:shared_download": Objects(SHARED_FILE, owner="social_worker", private=True),
    "locker:shared_view": Objects(SHARED_FILE, owner="social_worker", private=True),
    "locker:trainee_locker": Objects(AMINA, owner="trainer"),
    "locker:trainee_quota": Objects(AMINA, owner="coordinator"),
    "locker:link_page": Tokens(
        live="locker_link_token",
        dead=(
            "revoked_link_token",
            "expired_link_token",
            "used_up_link_token",
            "trashed_file_link_token",
        ),
    ),
    "locker:link_download": Tokens(
        live="locker_link_token",
        dead=(
            "revoked_link_token",
            "expired_link_token",
            "used_up_link_token",
            "trashed_file_link_token",
        ),
    ),
}


# --- ids in forms, and neighbours within a world ---------------------------------------
# (url name, role, URL kwargs, POST data or None for a GET, expected). Fixture names
# stand for their pk. NOT_FOUND: 404 and nothing changes; UNCHANGED: the form refuses
# the id (any answer but 404 and 500) and nothing changes.

NOT_FOUND = "404"
UNCHANGED = "unchanged"
UPLOAD = "<a PDF upload>"
PHOTO = "<a JPEG upload>"

EXTRA_CASES = [
    # Someone else's folder as the destination of one's own things.
    ("locker:file_move", "trainee", FILE, {"folder": "other_locker_folder"}, NOT_FOUND),
    ("locker:folder_move", "trainee", FOLDER, {"folder": "other_locker_folder"}, NOT_FOUND),
    (
        "locker:folder_create",
        "trainee",
        {},
        {"name": "Papiers", "folder": "other_locker_folder"},
        NOT_FOUND,
    ),
    ("locker:upload", "trainee", {}, {"files": UPLOAD, "folder": "other_locker_folder"}, NOT_FOUND),
    (
        "locker:scan",
        "trainee",
        {},
        {"pages": PHOTO, "name": "Courrier", "folder": "other_locker_folder"},
        NOT_FOUND,
    ),
    # Sharing with someone who is neither her referrer nor a trainer of her site.
    ("locker:file_share", "trainee", FILE, {"user": "other_social_worker"}, UNCHANGED),
    ("locker:folder_share", "trainee", FOLDER, {"user": "other_trainer"}, UNCHANGED),
    # Showing someone else's success.
    ("progress:my_successes", "trainee", {}, {"goal": "other_goal", "public": "yes"}, NOT_FOUND),
    # A walk-in from another site.
    ("courses:lesson_walk_in", "trainer", LESSON, {"trainee": "other_trainee"}, NOT_FOUND),
    ("courses:lesson_walk_in", "volunteer", LESSON, {"trainee": "other_trainee"}, NOT_FOUND),
    # Another organisation's member as contact; another site's trainer for an incident.
    (
        "people:organisation_contact",
        "coordinator",
        ORG,
        {"member": "other_social_worker"},
        UNCHANGED,
    ),
    ("rooms:incident_assign", "coordinator", INCIDENT, {"assigned_to": "other_trainer"}, UNCHANGED),
    # Within organisation A (which does not share): a colleague's trainee.
    ("people:trainee_detail", "social_worker", {"pk": "colleague_trainee"}, None, NOT_FOUND),
    ("progress:path", "social_worker", {"pk": "colleague_trainee"}, None, NOT_FOUND),
    ("locker:trainee_locker", "social_worker", {"pk": "colleague_trainee"}, None, NOT_FOUND),
    # Her referrer, once the person withdrew sharing: no more path.
    ("progress:path", "social_worker", {"pk": "withdrawn_trainee"}, None, NOT_FOUND),
    # At the trainer's own site: a course, a lesson taught by someone else.
    ("courses:course_detail", "trainer", {"pk": "neighbour_course"}, None, NOT_FOUND),
    ("courses:lesson", "trainer", {"pk": "neighbour_lesson"}, None, NOT_FOUND),
    (
        "courses:lesson_attendance",
        "trainer",
        {"pk": "neighbour_lesson", "trainee_pk": "trainee"},
        {"status": "present"},
        NOT_FOUND,
    ),
    ("courses:lesson_cancel", "volunteer", {"pk": "neighbour_lesson"}, {"reason": "x"}, NOT_FOUND),
    # In the trainer's own draft, the part of a trainee someone else teaches.
    (
        "reports:comment",
        "trainer",
        {"pk": "draft_report", "entry_pk": "neighbour_entry"},
        {"comment": "Très bien."},
        NOT_FOUND,
    ),
    # Karim came once to Amina's lesson (the coordination noted him): still not the
    # trainer's to write about.
    (
        "courses:lesson_note",
        "trainer",
        {"pk": "lesson", "trainee_pk": "walk_in_from_elsewhere"},
        {"note": "Bien."},
        NOT_FOUND,
    ),
    # Amina agreed to share with her referrer. A second social worker whose referral was
    # merged into her record follows her too, and so does, in an organisation that lets
    # its members see each other's trainees, a colleague of the referrer: neither is the
    # person she agreed to share with (access.may_see_progress). (Either may still
    # withdraw her sharing on her word: that shows nothing.)
    ("progress:path", "other_social_worker", {"pk": "merged_trainee"}, None, NOT_FOUND),
    ("progress:path", "sharing_colleague", {"pk": "sharing_organisation_trainee"}, None, NOT_FOUND),
    # Her referrer corrects her details only while she shares with them.
    ("privacy:trainee_rectify", "social_worker", {"pk": "withdrawn_trainee"}, None, NOT_FOUND),
    ("privacy:trainee_rectify", "social_worker", {"pk": "colleague_trainee"}, None, NOT_FOUND),
    # Coordinators: their own second factor is on their account page; trainees have none.
    ("people:two_factor_reset", "coordinator", {"pk": "coordinator"}, {}, NOT_FOUND),
    ("people:two_factor_reset", "coordinator", {"pk": "trainee_user"}, {}, NOT_FOUND),
    # A person erased already: nothing left to erase, keep or correct.
    ("privacy:trainee_erase", "coordinator", {"pk": "erased_trainee"}, {"confirm": "1"}, NOT_FOUND),
    ("privacy:retention_keep", "coordinator", {"pk": "erased_trainee"}, {}, NOT_FOUND),
]
