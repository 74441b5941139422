"""Object-level access: every address taking an id or a token, asked by every role with
objects that are not theirs. The rows (tests/object_rows.py) say what is whose; this
module builds world B (Karim's), sends the requests and checks:

- the answer is 404, or, for anonymous visitors, the sign-in page (exactly what an id
  that does not exist gets), to GET and to POST; a method the view refuses to everyone
  (its owner gets 405 with an id that does not exist) is not tried: its 405 says nothing
  about the object;
- the request wrote nothing: no INSERT, UPDATE or DELETE reached the database (but the
  session's bookkeeping), the locker's files are as before, and no e-mail left;
- the 404 does not name the other world's trainee;
- each object is real: its owner (or their counterpart in world B) is not refused.

Ids in forms (another trainee's folder as a destination…) and neighbours within one site
or organisation (a course someone else teaches, a colleague's trainee) are EXTRA_CASES.
An address taking an id without a row fails `test_every_address_taking_an_id_has_a_row`.
"""

import datetime
import io

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.shortcuts import resolve_url
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from parcours.core.models import RateLimitHit
from tests.object_rows import (
    EXTRA_CASES,
    MIRROR,
    MIRROR_ROLE,
    NOT_FOUND,
    OBJECT_ROWS,
    PHOTO,
    ROLES,
    UNCHANGED,
    UPLOAD,
    WORLD_B_ROLES,
    WORLDLESS,
    Objects,
    Tokens,
)
from tests.test_access_table import ACCESS

UNKNOWN_ID = 987_654_321
UNKNOWN_TOKEN = "n" * 43
# The trainee of each world: the name must not show on the other world's 404.
TRAINEE_OF = {"A": "trainee", "B": "other_trainee"}
# Writes a refused request may make, whatever the id: the session's own bookkeeping,
# and the count of an address's failed tries of token links (core.ratelimit), which an
# unknown token makes as well.
BOOKKEEPING_TABLES = {Session._meta.db_table, RateLimitHit._meta.db_table}


def patterns(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from patterns(pattern, namespace)
        elif isinstance(pattern, URLPattern):
            yield f"{prefix}{pattern.name}", pattern


def id_patterns():
    """url name -> the names of its arguments, for every pattern that takes some."""
    return {name: set(p.pattern.converters) for name, p in patterns() if p.pattern.converters}


# --- world B: Karim's, mirroring Amina's ----------------------------------------------


@pytest.fixture
def volunteer(coordinator, course):
    """A volunteer's trainer account, teaching Amina's course (so: world A)."""
    from parcours.volunteers.actions import assign_courses
    from tests.volunteers.factories import CommitmentFactory

    commitment = CommitmentFactory(created_by=coordinator, user__first_name="Noé")
    assign_courses(actor=coordinator, commitment=commitment, courses=[course], among=[course])
    return commitment.user


@pytest.fixture
def other_course(other_site, other_trainer):
    from tests.courses.factories import CourseFactory, RoomFactory

    return CourseFactory(
        title="Atelier du jeudi", room=RoomFactory(site=other_site), trainers=[other_trainer]
    )


@pytest.fixture
def other_enrolment(other_course, other_trainee):
    from tests.courses.factories import EnrolmentFactory

    return EnrolmentFactory(course=other_course, trainee=other_trainee)


@pytest.fixture
def other_lesson(other_enrolment):
    from parcours.courses.models import Attendance, Lesson

    lesson = Lesson.objects.create(
        course=other_enrolment.course,
        date=timezone.localdate(),
        start_time=other_enrolment.course.start_time,
    )
    Attendance.objects.create(lesson=lesson, trainee=other_enrolment.trainee, status="present")
    return lesson


@pytest.fixture
def other_referral(other_social_worker):
    from tests.referrals.factories import ReferralFactory

    return ReferralFactory(referrer=other_social_worker, first_name="Yanis")


@pytest.fixture
def other_goal(other_trainee, other_trainer):
    from parcours.progress.models import Goal

    return Goal.objects.create(
        trainee=other_trainee, own_words="Faire mon CV", created_by=other_trainer
    )


@pytest.fixture
def other_account_entry(other_trainee, other_trainer):
    from parcours.progress.models import AccountEntry

    return AccountEntry.objects.create(
        trainee=other_trainee, service="ameli", identifier="7654321", created_by=other_trainer
    )


@pytest.fixture
def other_diagnostic(other_trainee, other_trainer):
    from parcours.progress.models import Diagnostic

    return Diagnostic.objects.create(trainee=other_trainee, started_by=other_trainer)


@pytest.fixture
def karim_since_a_while(other_enrolment):
    other_enrolment.start_date = timezone.localdate() - datetime.timedelta(weeks=8)
    other_enrolment.save(update_fields=["start_date"])
    return other_enrolment


@pytest.fixture
def other_draft_report(karim_since_a_while, other_social_worker, other_trainee):
    from parcours.reports.actions import prepare_report
    from parcours.reports.models import Rhythm
    from tests.reports.fixtures import attend, weeks_ago

    start, end = weeks_ago(2)
    attend(karim_since_a_while.course, other_trainee, start + datetime.timedelta(days=1))
    return prepare_report(
        social_worker=other_social_worker, start=start, end=end, rhythm=Rhythm.WEEKLY
    )[0]


@pytest.fixture
def other_draft_entry(other_draft_report, other_trainee):
    return other_draft_report.entries.get(trainee=other_trainee)


@pytest.fixture
def other_sent_report(karim_since_a_while, other_social_worker, other_trainee, other_trainer):
    from parcours.reports.actions import deliver_report, prepare_report
    from parcours.reports.models import Rhythm
    from tests.reports.fixtures import attend, weeks_ago

    start, end = weeks_ago(1)
    attend(karim_since_a_while.course, other_trainee, start + datetime.timedelta(days=1))
    report, _created = prepare_report(
        social_worker=other_social_worker, start=start, end=end, rhythm=Rhythm.WEEKLY
    )
    deliver_report(report=report, by=other_trainer)
    report.refresh_from_db()
    return report


@pytest.fixture
def other_room(other_site):
    from tests.rooms.factories import ChecklistPointFactory, RoomFactory

    room = RoomFactory(site=other_site, name="Salle Saint-Exupéry")
    ChecklistPointFactory(room=room, label="Les écrans s'allument")
    return room


@pytest.fixture
def other_equipment(other_room):
    from tests.rooms.factories import EquipmentFactory

    return EquipmentFactory(room=other_room, label="PC-B1")


@pytest.fixture
def other_incident(other_equipment, other_trainer):
    from parcours.rooms.actions import report_incident

    return report_incident(actor=other_trainer, equipment=other_equipment, problem="no_power")


@pytest.fixture
def other_locker_file(other_trainee, locker_storage):
    from tests.locker.fixtures import put

    return put(other_trainee, "Attestation Karim.pdf")


@pytest.fixture
def other_locker_folder(other_trainee, locker_storage):
    from parcours.locker import actions
    from tests.locker.fixtures import put

    folder = actions.create_folder(trainee=other_trainee, name="Travail")
    put(other_trainee, "CV.pdf", folder=folder)
    return folder


@pytest.fixture
def other_trashed_file(other_trainee, locker_storage):
    from parcours.locker import actions
    from tests.locker.fixtures import put

    file = put(other_trainee, "Brouillon.pdf")
    actions.trash_file(file=file)
    return file


@pytest.fixture
def other_trashed_folder(other_trainee, locker_storage):
    from parcours.locker import actions
    from tests.locker.fixtures import put

    folder = actions.create_folder(trainee=other_trainee, name="Anciens")
    put(other_trainee, "Vieux bail.pdf", folder=folder)
    actions.trash_folder(folder=folder)
    return folder


@pytest.fixture
def other_locker_share(other_locker_file, other_trainee, other_social_worker):
    from parcours.locker import actions

    return actions.share(
        actor=other_trainee.user,
        trainee=other_trainee,
        user=other_social_worker,
        file=other_locker_file,
    )


@pytest.fixture
def other_shared_locker_file(other_locker_share):
    return other_locker_share.file


@pytest.fixture
def other_shared_locker_folder(other_locker_folder, other_trainee, other_social_worker):
    from parcours.locker import actions

    actions.share(
        actor=other_trainee.user,
        trainee=other_trainee,
        user=other_social_worker,
        folder=other_locker_folder,
    )
    return other_locker_folder


@pytest.fixture
def other_locker_link_pk(other_locker_file, other_trainee):
    from parcours.locker import actions

    return actions.create_link(
        actor=other_trainee.user,
        trainee=other_trainee,
        file=other_locker_file,
        ends_on=timezone.localdate() + datetime.timedelta(days=7),
    )[0]


# --- neighbours within world A --------------------------------------------------------


@pytest.fixture
def colleague_trainee(site, organisation):
    """At Amina's site, referred by a colleague of the social worker (organisation A
    does not let its members see each other's trainees)."""
    from tests.people.factories import TraineeFactory, UserFactory

    colleague = UserFactory(social_worker=True, organisation=organisation)
    return TraineeFactory(site=site, referrer=colleague, last_name="Collègue")


@pytest.fixture
def withdrawn_trainee(site, social_worker):
    from parcours.people.models import Sharing
    from tests.people.factories import TraineeFactory

    return TraineeFactory(site=site, referrer=social_worker, sharing=Sharing.WITHDRAWN)


@pytest.fixture
def neighbour_course(site):
    """A course at the trainer's site that someone else teaches."""
    from tests.courses.factories import CourseFactory, RoomFactory
    from tests.people.factories import UserFactory

    return CourseFactory(
        room=RoomFactory(site=site), trainers=[UserFactory(trainer=True, sites=[site])]
    )


@pytest.fixture
def neighbour_lesson(neighbour_course):
    from tests.courses.factories import LessonFactory

    return LessonFactory(course=neighbour_course)


@pytest.fixture
def neighbour_entry(draft_report, neighbour_course, social_worker, site):
    """In the trainer's draft: the part of another trainee of the same social worker,
    enrolled in the course someone else teaches at the same site."""
    from parcours.reports.models import ReportEntry
    from tests.courses.factories import EnrolmentFactory
    from tests.people.factories import TraineeFactory

    other = TraineeFactory(site=site, referrer=social_worker, last_name="Voisine")
    EnrolmentFactory(course=neighbour_course, trainee=other, start_date=draft_report.period_start)
    return ReportEntry.objects.create(report=draft_report, trainee=other)


@pytest.fixture
def walk_in_from_elsewhere(lesson, other_trainee, coordinator):
    """Karim, noted by the coordination as a walk-in at Amina's lesson."""
    from parcours.courses.actions import record_attendance

    record_attendance(
        actor=coordinator, lesson=lesson, trainee=other_trainee, status="present", walk_in=True
    )
    return other_trainee


@pytest.fixture
def merged_trainee(trainee, other_social_worker, coordinator):
    """Amina, whom other_social_worker referred as well: the coordination merged that
    referral into her record, so other_social_worker follows her too."""
    from parcours.referrals.actions import merge_into_trainee
    from tests.referrals.factories import ReferralFactory

    referral = ReferralFactory(referrer=other_social_worker, first_name="Amina", last_name="Rakoto")
    merge_into_trainee(actor=coordinator, referral=referral, trainee=trainee)
    return trainee


@pytest.fixture
def sharing_organisation(db):
    from tests.people.factories import OrganisationFactory

    return OrganisationFactory(name="Association C", shares_trainees=True)


@pytest.fixture
def sharing_colleague(sharing_organisation):
    """A social worker of an organisation whose members see each other's trainees."""
    from tests.people.factories import UserFactory

    return UserFactory(social_worker=True, organisation=sharing_organisation)


@pytest.fixture
def sharing_organisation_trainee(sharing_organisation, site):
    """Referred by another member of that organisation; shares with her referrer."""
    from tests.people.factories import TraineeFactory, UserFactory

    referrer = UserFactory(social_worker=True, organisation=sharing_organisation)
    return TraineeFactory(site=site, referrer=referrer, last_name="Partagée")


@pytest.fixture
def trainee_user(trainee):
    return trainee.user


@pytest.fixture
def erased_trainee(coordinator, site, social_worker):
    from parcours.privacy.actions import erase_trainee
    from tests.people.factories import TraineeFactory

    trainee = TraineeFactory(site=site, referrer=social_worker)
    erase_trainee(actor=coordinator, trainee=trainee)
    return trainee


# --- tokens that no longer work -----------------------------------------------------------


def _link(trainee, file, **kwargs):
    from parcours.locker import actions

    return actions.create_link(
        actor=trainee.user,
        trainee=trainee,
        file=file,
        ends_on=timezone.localdate() + datetime.timedelta(days=7),
        **kwargs,
    )


@pytest.fixture
def revoked_link_token(locker_file, trainee):
    from parcours.locker import actions

    link, token = _link(trainee, locker_file)
    actions.revoke_link(actor=trainee.user, link=link)
    return token


@pytest.fixture
def expired_link_token(locker_file, trainee):
    from parcours.locker.models import Link

    link, token = _link(trainee, locker_file)
    Link.objects.filter(pk=link.pk).update(expires_at=timezone.now() - datetime.timedelta(hours=1))
    return token


@pytest.fixture
def used_up_link_token(locker_file, trainee):
    from parcours.locker.models import Link

    link, token = _link(trainee, locker_file, max_downloads=1)
    Link.objects.filter(pk=link.pk).update(downloads=1)
    return token


@pytest.fixture
def trashed_file_link_token(trainee, locker_storage):
    from parcours.locker import actions
    from tests.locker.fixtures import put

    file = put(trainee, "À jeter.pdf")
    _link_, token = _link(trainee, file)
    actions.trash_file(file=file)
    return token


@pytest.fixture
def replaced_calendar_token(coordinator):
    from parcours.courses.calendar import new_token

    old = new_token(coordinator)
    new_token(coordinator)
    return old


@pytest.fixture
def inactive_calendar_token(db):
    """The address of a volunteer whose account ended."""
    from parcours.courses.calendar import new_token
    from tests.people.factories import UserFactory

    return new_token(UserFactory(trainer=True, is_active=False))


def _social_worker_invitation(organisation, coordinator, email, **changes):
    from parcours.people.actions import invite_social_worker
    from parcours.people.models import Invitation

    invitation, token = invite_social_worker(
        actor=coordinator, organisation=organisation, email=email
    )
    Invitation.objects.filter(pk=invitation.pk).update(**changes)
    return token


@pytest.fixture
def used_invitation_token(organisation, coordinator):
    return _social_worker_invitation(
        organisation, coordinator, "used@example.org", accepted_at=timezone.now()
    )


@pytest.fixture
def expired_invitation_token(organisation, coordinator):
    return _social_worker_invitation(
        organisation,
        coordinator,
        "late@example.org",
        created_at=timezone.now() - datetime.timedelta(days=8),
    )


def _volunteer_invitation(coordinator, email, **changes):
    from parcours.volunteers.actions import accept_application
    from parcours.volunteers.models import Invitation
    from tests.volunteers.factories import ApplicationFactory

    today = timezone.localdate()
    _commitment, invitation, token = accept_application(
        actor=coordinator,
        application=ApplicationFactory(first_name="Sacha", last_name="Martin"),
        start_date=today,
        end_date=today + datetime.timedelta(days=60),
        email=email,
    )
    Invitation.objects.filter(pk=invitation.pk).update(**changes)
    return token


@pytest.fixture
def used_volunteer_invitation_token(coordinator):
    return _volunteer_invitation(coordinator, "sacha@example.org", accepted_at=timezone.now())


@pytest.fixture
def expired_volunteer_invitation_token(coordinator):
    return _volunteer_invitation(
        coordinator,
        "sacha.m@example.org",
        created_at=timezone.now() - datetime.timedelta(days=8),
    )


# --- sending requests ----------------------------------------------------------------------


class Visits:
    """Signed-in clients per role, fixtures by name, and what a request changed."""

    def __init__(self, request):
        self.request = request
        self.clients = {}
        self.failures = []
        # Both trainees exist before anything is compared (their names are looked for).
        for fixture in TRAINEE_OF.values():
            self.fixture(fixture)

    def fixture(self, name):
        return self.request.getfixturevalue(name)

    def value(self, name):
        """A fixture's pk (or the fixture itself: a token)."""
        obj = self.fixture(name)
        return getattr(obj, "pk", obj)

    def client(self, role):
        if role not in self.clients:
            client = Client()
            if role != "anonymous":
                person = self.fixture(role)
                client.force_login(getattr(person, "user", person))
            self.clients[role] = client
        return self.clients[role]

    def send(self, role, method, url, data=None):
        """(response, writes): the SQL statements that changed a table other than the
        session's."""
        with CaptureQueriesContext(connection) as queries:
            response = getattr(self.client(role), method)(url, data or {})
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
        writes = [
            q["sql"]
            for q in queries.captured_queries
            if q["sql"].lstrip().split(" ", 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}
            and not any(table in q["sql"] for table in BOOKKEEPING_TABLES)
        ]
        return response, writes

    def fail(self, message):
        self.failures.append(message)

    def state(self):
        """What the write check cannot see: the files of the test's folder (the locker
        and its uploads) and the e-mails sent. (Every SQL statement is seen by `send`.)"""
        root = self.fixture("tmp_path")
        files = sorted(
            (str(path.relative_to(root)), path.stat().st_size)
            for path in root.rglob("*")
            if path.is_file()
        )
        return files, len(getattr(mail, "outbox", []))

    def assert_same_state(self, before):
        files, sent = self.state()
        if files != before[0]:
            self.fail(f"files changed by refused requests: {before[0]} -> {files}")
        if sent != before[1]:
            self.fail("an e-mail left on a refused request")

    def report(self):
        assert not self.failures, "\n".join(self.failures)


def _fixture_in(name, world):
    if world == "A" or name in WORLDLESS:
        return name
    return MIRROR[name]


def _data(visits, spec, world):
    data = {}
    for key, value in (spec or {}).items():
        if value == UPLOAD:
            data[key] = SimpleUploadedFile("Lettre.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
        elif value == PHOTO:
            data[key] = SimpleUploadedFile("page.jpg", _jpeg(), "image/jpeg")
        elif isinstance(value, str) and (value in MIRROR or value in WORLDLESS):
            data[key] = visits.value(_fixture_in(value, world))
        elif isinstance(value, str) and value.isidentifier() and value.startswith("other_"):
            data[key] = visits.value(value)
        else:
            data[key] = value
    return data


def _jpeg():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), "#3366cc").save(buffer, "JPEG")
    return buffer.getvalue()


def _access_data(name):
    row = ACCESS.get(name)
    return row[3] if row and len(row) > 3 else {}


def _is_public(url):
    return not getattr(resolve(url).func, "login_required", True)


def _check_refusal(visits, label, response, writes, *, anonymous, public):
    status = response.status_code
    if anonymous and not public:
        login = resolve_url(settings.LOGIN_URL)
        if status != 302 or not response["Location"].startswith(login):
            visits.fail(f"{label}: {status}, not the sign-in page")
    elif status != 404:
        visits.fail(f"{label}: {status}, not 404")
    if writes:
        visits.fail(f"{label}: wrote {writes}")


# --- the tests -----------------------------------------------------------------------------


def test_every_address_taking_an_id_has_a_row():
    taking = id_patterns()
    assert set(taking) - set(OBJECT_ROWS) == set(), "add these to tests/object_rows.py"
    assert set(OBJECT_ROWS) - set(taking) == set(), "these rows name no address taking an id"
    for name, row in OBJECT_ROWS.items():
        if isinstance(row, Objects):
            assert set(row.kwargs) == taking[name], name
            for fixture in row.kwargs.values():
                assert fixture in MIRROR or fixture in WORLDLESS, (
                    f"{name}: give {fixture} a world B mirror (MIRROR) or call it WORLDLESS"
                )
            assert row.owner in MIRROR_ROLE, name
            assert row.probe is None or set(row.kwargs) == taking[row.probe], name
        else:
            assert taking[name] == {"token"}, name
    for name, _role, kwargs, _data, _expected in EXTRA_CASES:
        assert set(kwargs) == taking.get(name, set()), name


@pytest.mark.parametrize(
    "name", sorted(name for name, row in OBJECT_ROWS.items() if isinstance(row, Objects))
)
def test_objects_of_another_world_are_not_found(db, request, name):
    row = OBJECT_ROWS[name]
    visits = Visits(request)
    for role in ROLES:
        visits.client(role)
    worlds = ["A"] if all(f in WORLDLESS for f in row.kwargs.values()) else ["A", "B"]
    urls = {
        world: reverse(
            name, kwargs={k: visits.value(_fixture_in(f, world)) for k, f in row.kwargs.items()}
        )
        for world in worlds
    }
    data = {world: _data(visits, _access_data(name), world) for world in worlds}
    public = _is_public(urls["A"])

    # The methods the view accepts: its owner, with ids that do not exist, gets 404
    # (and not 405).
    unknown = reverse(name, kwargs=dict.fromkeys(row.kwargs, UNKNOWN_ID))
    methods = []
    for method in ("get", "post"):
        response, _writes = visits.send(row.owner, method, unknown, data["A"])
        if response.status_code not in {404, 405}:
            visits.fail(f"{row.owner} {method.upper()} an unknown id: {response.status_code}")
        if response.status_code != 405:
            methods.append(method)
    assert methods, f"{row.owner} gets 405 to GET and to POST"

    def cases(role):
        """(label, url, world of the data, trainee whose name must not show)."""
        own, foreign = ("B", "A") if role in WORLD_B_ROLES else ("A", "B")
        if len(worlds) == 1:
            own = foreign = "A"
        mixes = [dict.fromkeys(row.kwargs, foreign)]
        if len(row.kwargs) > 1:
            mixes += [
                {k: (foreign if k == mixed else own) for k in row.kwargs} for mixed in row.kwargs
            ]
        for mix in mixes:
            everyone_foreign = set(mix.values()) == {foreign}
            if role == "coordinator" and not row.private and (everyone_foreign or not row.mismatch):
                continue
            fixtures = {k: _fixture_in(f, mix[k]) for k, f in row.kwargs.items()}
            url = reverse(name, kwargs={k: visits.value(f) for k, f in fixtures.items()})
            hidden = TRAINEE_OF[foreign] if foreign != own else None
            shown = ", ".join(f"{k}={f}" for k, f in fixtures.items())
            yield f"{role} ({shown})", url, foreign, hidden

    before = visits.state()
    for role in ROLES:
        for label, url, world, hidden in cases(role):
            for method in methods:
                response, writes = visits.send(role, method, url, data[world])
                _check_refusal(
                    visits,
                    f"{method.upper()} {url} by {label}",
                    response,
                    writes,
                    anonymous=role == "anonymous",
                    public=public,
                )
                if hidden and not getattr(response, "streaming", False):
                    last_name = visits.fixture(hidden).last_name
                    if last_name.encode() in response.content:
                        visits.fail(f"{method.upper()} {url} by {label}: shows {last_name}")
    visits.assert_same_state(before)

    # The objects are real: their owners are not refused.
    for world in worlds:
        owner = row.owner if world == "A" else MIRROR_ROLE[row.owner]
        if row.probe:
            kwargs = {k: visits.value(_fixture_in(f, world)) for k, f in row.kwargs.items()}
            response, _writes = visits.send(owner, "get", reverse(row.probe, kwargs=kwargs))
        else:
            response, _writes = visits.send(owner, methods[0], urls[world], data[world])
        if response.status_code in {404, 405}:
            visits.fail(f"{owner} refused their own object: {urls[world]}")
    visits.report()


@pytest.mark.parametrize(
    "name", sorted(name for name, row in OBJECT_ROWS.items() if isinstance(row, Tokens))
)
def test_dead_tokens_answer_as_unknown_ones(db, request, settings, name):
    # Every role tries every dead token from one address: stay below the address limit.
    settings.TOKEN_LIMIT_PER_ADDRESS = 1000
    row = OBJECT_ROWS[name]
    visits = Visits(request)
    for role in ROLES:
        visits.client(role)
    dead = {token: visits.value(token) for token in row.dead}
    live = visits.value(row.live)

    def url(token):
        return reverse(name, kwargs={"token": token})

    unknown = {}
    for method in ("get", "post"):
        response, _writes = visits.send("anonymous", method, url(UNKNOWN_TOKEN), row.data)
        if response.status_code not in {404, 405}:
            visits.fail(f"{method.upper()} an unknown token: {response.status_code}")
        unknown[method] = response.status_code

    before = visits.state()
    for role in ROLES:
        for fixture, token in dead.items():
            for method in ("get", "post"):
                response, writes = visits.send(role, method, url(token), row.data)
                label = f"{method.upper()} {name} with {fixture} by {role}"
                if response.status_code != unknown[method]:
                    visits.fail(f"{label}: {response.status_code}, not {unknown[method]}")
                if writes:
                    visits.fail(f"{label}: wrote {writes}")
    visits.assert_same_state(before)

    method = "post" if unknown["get"] == 405 else "get"
    response, _writes = visits.send("anonymous", method, url(live))
    if response.status_code in {404, 405}:
        visits.fail(f"the live token {row.live} is refused")
    visits.report()


@pytest.mark.parametrize(
    ("name", "role", "kwargs", "data", "expected"),
    EXTRA_CASES,
    ids=[
        f"{name}-{role}-{'-'.join(map(str, kwargs.values()))}"
        for name, role, kwargs, *_ in EXTRA_CASES
    ],
)
def test_foreign_ids_in_forms_and_neighbours(db, request, name, role, kwargs, data, expected):
    assert expected in {NOT_FOUND, UNCHANGED}
    visits = Visits(request)
    visits.client(role)
    url = reverse(name, kwargs={key: visits.value(value) for key, value in kwargs.items()})
    method = "get" if data is None else "post"
    posted = _data(visits, data, "A")
    before = visits.state()
    response, writes = visits.send(role, method, url, posted)
    label = f"{method.upper()} {url} {data or ''} by {role}"
    if expected == NOT_FOUND and response.status_code != 404:
        visits.fail(f"{label}: {response.status_code}, not 404")
    if writes:
        visits.fail(f"{label}: wrote {writes}")
    visits.assert_same_state(before)
    visits.report()


def test_who_follows_a_trainee_without_her_consent_sees_her_enrolment_only(
    client, merged_trainee, other_social_worker, sharing_colleague, sharing_organisation_trainee
):
    """The detail page shows contact details, housing and progress to the social worker
    the person agreed to share with: not to another who follows her."""
    merged_trainee.housing_facility = "CHU des Tilleuls"
    merged_trainee.save(update_fields=["housing_facility"])
    sharing_organisation_trainee.housing_facility = "CHU Saint-Exupéry"
    sharing_organisation_trainee.save(update_fields=["housing_facility"])
    for person, trainee in [
        (other_social_worker, merged_trainee),
        (sharing_colleague, sharing_organisation_trainee),
    ]:
        client.force_login(person)
        page = client.get(reverse("people:trainee_detail", args=[trainee.pk]))
        assert page.status_code == 200
        assert trainee.housing_facility not in page.text
        assert reverse("progress:path", args=[trainee.pk]) not in page.text
    # Her referrer does see them.
    client.force_login(merged_trainee.referrer)
    page = client.get(reverse("people:trainee_detail", args=[merged_trainee.pk]))
    assert merged_trainee.housing_facility in page.text
