"""Every URL pattern of the project, tried by every role, against an explicit table.

A URL pattern missing from ACCESS fails the test: a new view cannot ship without
saying who may use it. Expected statuses: 200 shown, 302 redirected (to sign in for
anonymous visitors), 404 refused without revealing anything, 405 wrong method.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.access_rows import ROLES, row
from tests.locker.access_rows import LOCKER_ACCESS
from tests.people.access_rows import TWO_FACTOR_ACCESS
from tests.privacy.access_rows import PRIVACY_ACCESS
from tests.progress.access_rows import PROGRESS_ACCESS
from tests.reports.access_rows import REPORTS_ACCESS
from tests.rooms.access_rows import ROOMS_ACCESS
from tests.volunteers.access_rows import VOLUNTEERS_ACCESS

# URL arguments name fixtures, whose pk is used.
AMINA = {"pk": "trainee"}  # Amina, referred by social_worker, at the trainer's site
REFERRAL = {"pk": "referral"}  # a referral sent by social_worker, to triage
ORG_A = {"pk": "organisation"}  # social_worker's organisation
COURSE = {"pk": "course"}  # taught by trainer, at Amina's site; Amina is enrolled
LESSON = {"pk": "lesson"}  # today's lesson of COURSE
LESSON_AMINA = {"pk": "lesson", "trainee_pk": "trainee"}

# url name -> (method, kwargs built from fixtures, expected status per role[, POST data])
ACCESS = {
    "public_home": ("get", {}, row(anonymous=200, others=302)),
    "set_language": ("post", {}, row(others=302)),
    "people:login": ("get", {}, row(others=200)),
    "people:trainee_login": ("get", {}, row(others=200)),
    "people:logout": ("post", {}, row(others=302)),
    "people:home": ("get", {}, row(anonymous=302, others=200)),
    "people:trainee_list": (
        "get",
        {},
        row(anonymous=302, trainee=404, other_trainee=404, others=200),
    ),
    "people:trainee_detail": (
        "get",
        AMINA,
        row(anonymous=302, coordinator=200, trainer=200, social_worker=200, others=404),
    ),
    "people:trainee_reset_pin": (
        "post",
        AMINA,
        row(anonymous=302, coordinator=302, trainer=302, others=404),
    ),
    # Without a PIN waiting in the session, it sends back to the trainee's page.
    "people:trainee_new_pin": (
        "get",
        AMINA,
        row(anonymous=302, coordinator=302, trainer=302, others=404),
    ),
    "people:trainee_unlock": (
        "post",
        AMINA,
        row(anonymous=302, coordinator=302, trainer=302, others=404),
    ),
    "people:login_card": (
        "get",
        AMINA,
        row(anonymous=302, coordinator=200, trainer=200, others=404),
    ),
    "people:login_card_pdf": (
        "get",
        AMINA,
        row(anonymous=302, coordinator=200, trainer=200, others=404),
    ),
    "audit:journal": ("get", {}, row(anonymous=302, coordinator=200, others=404)),
    "audit:my_journal": ("get", {}, row(anonymous=302, trainee=200, other_trainee=200, others=404)),
    "people:keep_alive": ("post", {}, row(anonymous=302, others=204)),
    "people:my_reminders": (
        "get",
        {},
        row(anonymous=302, trainee=200, other_trainee=200, others=404),
    ),
    "people:trainee_contact": (
        "get",
        AMINA,
        row(anonymous=302, coordinator=200, trainer=200, others=404),
    ),
    "people:my_sharing": (
        "get",
        {},
        row(anonymous=302, trainee=200, other_trainee=200, others=404),
    ),
    # Only the referrer, and only while sharing is confirmed.
    "people:trainee_withdraw_sharing": (
        "post",
        AMINA,
        row(anonymous=302, social_worker=302, others=404),
    ),
    "people:trainee_end_enrolment": (
        "post",
        {"pk": "trainee", "enrolment_pk": "enrolment"},
        row(anonymous=302, coordinator=302, trainer=302, others=404),
    ),
    "people:organisation_detail": (
        "get",
        ORG_A,
        row(anonymous=302, coordinator=200, social_worker=200, others=404),
    ),
    # social_worker is not their organisation's contact: managing is the coordinator's.
    "people:organisation_visibility": (
        "post",
        ORG_A,
        row(anonymous=302, coordinator=302, others=404),
        {"social_workers_see_all": "1"},
    ),
    "people:organisation_contact": (
        "post",
        ORG_A,
        row(anonymous=302, coordinator=302, others=404),
        {"member": "social_worker"},
    ),
    "people:organisation_invite": (
        "post",
        ORG_A,
        row(anonymous=302, coordinator=302, others=404),
        {"email": "colleague@example.org"},
    ),
    # A public page: the invitation link works for whoever holds it.
    "people:accept_invitation": ("get", {"token": "invitation_token"}, row(others=200)),
    "referrals:list": (
        "get",
        {},
        row(anonymous=302, coordinator=200, social_worker=200, other_social_worker=200, others=404),
    ),
    "referrals:create": (
        "get",
        {},
        row(anonymous=302, social_worker=200, other_social_worker=200, others=404),
    ),
    "referrals:triage": ("get", {}, row(anonymous=302, coordinator=200, others=404)),
    "referrals:detail": (
        "get",
        REFERRAL,
        row(anonymous=302, coordinator=200, social_worker=200, others=404),
    ),
    "referrals:accept": (
        "post",
        REFERRAL,
        row(anonymous=302, coordinator=302, others=404),
        {"course": "course"},
    ),
    "referrals:wait": (
        "post",
        REFERRAL,
        row(anonymous=302, coordinator=302, others=404),
        {"course": "course"},
    ),
    "referrals:decline": (
        "post",
        REFERRAL,
        row(anonymous=302, coordinator=302, others=404),
        {"reason": "Complet"},
    ),
    "referrals:merge": (
        "post",
        REFERRAL,
        row(anonymous=302, coordinator=302, others=404),
        {"trainee": "trainee"},
    ),
    "notifications:inbox": ("get", {}, row(anonymous=302, others=200)),
    "courses:today": (
        "get",
        {},
        row(anonymous=302, coordinator=200, trainer=200, other_trainer=200, others=404),
    ),
    "courses:lesson": ("get", LESSON, row(anonymous=302, coordinator=200, trainer=200, others=404)),
    "courses:lesson_attendance": (
        "post",
        LESSON_AMINA,
        row(anonymous=302, coordinator=302, trainer=302, others=404),
        {"status": "late"},
    ),
    "courses:lesson_walk_in": (
        "post",
        LESSON,
        row(anonymous=302, coordinator=302, trainer=302, others=404),
        {"trainee": "trainee"},
    ),
    "courses:lesson_note": (
        "get",
        LESSON_AMINA,
        row(anonymous=302, coordinator=200, trainer=200, others=404),
    ),
    "courses:lesson_cancel": (
        "post",
        LESSON,
        row(anonymous=302, coordinator=302, trainer=302, others=404),
        {"reason": "Salle fermée"},
    ),
    # Amina's own lesson; Karim is not enrolled in it.
    "courses:cannot_come": ("post", LESSON, row(anonymous=302, trainee=302, others=404)),
    "courses:course_list": (
        "get",
        {},
        row(anonymous=302, coordinator=200, trainer=200, other_trainer=200, others=404),
    ),
    "courses:course_create": ("get", {}, row(anonymous=302, coordinator=200, others=404)),
    "courses:course_detail": (
        "get",
        COURSE,
        row(anonymous=302, coordinator=200, trainer=200, others=404),
    ),
    "courses:course_edit": ("get", COURSE, row(anonymous=302, coordinator=200, others=404)),
    "courses:course_extra_lesson": (
        "post",
        COURSE,
        row(anonymous=302, coordinator=302, others=404),
        {"date": "2030-01-08", "start_time": "16:00", "duration_minutes": "60"},
    ),
    "courses:closures": ("get", {}, row(anonymous=302, coordinator=200, others=404)),
    "courses:calendar": ("get", {}, row(anonymous=302, others=200)),
    # A public address: the feed is for whoever holds the token (here, the trainer's).
    "courses:calendar_feed": ("get", {"token": "calendar_token"}, row(others=200)),
}

# Rows of later apps live beside their tests.
ACCESS.update(PROGRESS_ACCESS)
ACCESS.update(REPORTS_ACCESS)
ACCESS.update(ROOMS_ACCESS)
ACCESS.update(VOLUNTEERS_ACCESS)
ACCESS.update(LOCKER_ACCESS)
ACCESS.update(PRIVACY_ACCESS)
ACCESS.update(TWO_FACTOR_ACCESS)


def resolve(value, request):
    """A value naming a fixture stands for that fixture's pk (or the fixture itself, for
    a token); any other value is used as it is."""
    if isinstance(value, str) and value.isidentifier():
        try:
            obj = request.getfixturevalue(value)
        except pytest.FixtureLookupError:
            return value
        return getattr(obj, "pk", obj)
    return value


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from walk(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern):
            yield f"{prefix}{pattern.name}"


def test_every_url_pattern_is_in_the_access_table():
    names = set(walk(get_resolver().url_patterns))
    assert names - set(ACCESS) == set(), "add these URLs to ACCESS"
    assert set(ACCESS) - names == set(), "these ACCESS rows name no URL"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ACCESS))
def test_role_gets_the_expected_status(db, request, client, name, role):
    from django.urls import reverse

    method, kwargs_spec, expected, *data_spec = ACCESS[name]
    # Create every persona, so that "others" exist whoever signs in.
    people = {r: request.getfixturevalue(r) for r in ROLES if r != "anonymous"}
    kwargs = {key: resolve(fixture, request) for key, fixture in kwargs_spec.items()}
    data = {
        key: resolve(value, request) for key, value in (data_spec[0] if data_spec else {}).items()
    }
    if role != "anonymous":
        person = people[role]
        client.force_login(getattr(person, "user", person))
    url = reverse(name, kwargs=kwargs)
    if name == "set_language":
        data = {"language": "en"}
    response = getattr(client, method)(url, data)
    assert response.status_code == expected[role], f"{role} {method.upper()} {url}"
    if method == "post":
        # The same URL refuses GET for everyone signed in (no change without POST).
        if role != "anonymous":
            client.force_login(getattr(person, "user", person))
            assert client.get(url).status_code in {405, 404}
