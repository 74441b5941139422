"""Personas shared by every test: two organisations, two sites, a social worker in
each, a trainer per site, a coordinator, and one trainee of each social worker."""

import pytest
from django.db import connections

from tests.browser.playwright_setup import ARGS as CHROMIUM_ARGS
from tests.browser.playwright_setup import CHROMIUM
from tests.people.factories import (
    OrganisationFactory,
    SiteFactory,
    TraineeFactory,
    UserFactory,
)

# Fixtures of later apps live beside their tests; the access table needs them all.
pytest_plugins = [
    "tests.progress.fixtures",
    "tests.reports.fixtures",
    "tests.rooms.fixtures",
    "tests.volunteers.fixtures",
    "tests.locker.fixtures",
]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the tests in Django's order: database tests, then transactional ones, then
    the rest. Transactional tests flush the tables at their end (reference data of the
    migrations included); pytest-django orders them last, but pytest-playwright sorts
    the items again afterwards, so the order is set once more, last."""

    def order(item):
        marker = item.get_closest_marker("django_db")
        fixtures = getattr(item, "fixturenames", ())
        transactional = (marker is not None and marker.kwargs.get("transaction")) or (
            "transactional_db" in fixtures or "live_server" in fixtures
        )
        if transactional:
            return 1
        return 0 if marker is not None or "db" in fixtures else 2

    items.sort(key=order)


PIN = "246810"
OTHER_PIN = "135791"


@pytest.fixture(autouse=True)
def close_connections_after_test():
    """Close this test's database connections when it ends.

    Once Playwright's sync API has started, tests run in a greenlet with its own
    context, and Django keeps connections per context: pytest-django's final clean-up,
    run from another context, would not see them, and PostgreSQL would refuse to drop
    the test database while they are open. (SQLite's in-memory test database is kept:
    Django never closes it.)
    """
    yield
    connections.close_all()


@pytest.fixture(autouse=True)
def locker_on_a_test_folder(request):
    """No test writes trainees' documents into the real data folder (the demo has some)."""
    request.getfixturevalue("locker_storage")


def _transactional(request):
    marker = request.node.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
        or (marker and marker.kwargs.get("transaction"))
    )


@pytest.fixture(autouse=True)
def empty_cache(request, django_db_blocker):
    """Each test starts with empty caches. The shared cache is a database table: a test in
    a transaction leaves nothing there, a transactional test's rows are deleted after it
    (Django's flush only empties the models' tables)."""
    from django.core.cache import caches

    caches["default"].clear()
    yield
    if _transactional(request):
        with django_db_blocker.unblock():
            caches["shared"].clear()


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    # Argon2 is the production hasher; tests need speed, not resistance.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Association A")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Association B")


@pytest.fixture
def site(db):
    return SiteFactory(name="Lieu des Tilleuls")


@pytest.fixture
def other_site(db):
    return SiteFactory(name="Lieu Saint-Exupéry")


@pytest.fixture
def coordinator(db):
    return UserFactory(coordinator=True, email="coord@example.org", username="coord@example.org")


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def trainer(site):
    return UserFactory(
        trainer=True, sites=[site], email="trainer@example.org", username="trainer@example.org"
    )


@pytest.fixture
def other_trainer(other_site):
    return UserFactory(trainer=True, sites=[other_site])


@pytest.fixture
def social_worker(organisation):
    return UserFactory(
        social_worker=True,
        organisation=organisation,
        email="claire@example.org",
        username="claire@example.org",
    )


@pytest.fixture
def other_social_worker(other_organisation):
    return UserFactory(social_worker=True, organisation=other_organisation)


@pytest.fixture
def trainee(site, social_worker):
    return TraineeFactory(
        first_name="Amina",
        last_name="Rakoto",
        user__username="amina",
        user__password=PIN,
        site=site,
        referrer=social_worker,
    )


@pytest.fixture
def other_trainee(other_site, other_social_worker):
    return TraineeFactory(
        first_name="Karim",
        last_name="Haddad",
        user__username="karim",
        user__password=OTHER_PIN,
        site=other_site,
        referrer=other_social_worker,
    )


@pytest.fixture
def course(site, trainer):
    from tests.courses.factories import CourseFactory, RoomFactory

    return CourseFactory(title="Atelier du mardi", room=RoomFactory(site=site), trainers=[trainer])


@pytest.fixture
def enrolment(course, trainee):
    from tests.courses.factories import EnrolmentFactory

    return EnrolmentFactory(course=course, trainee=trainee)


@pytest.fixture
def referral(social_worker):
    from tests.referrals.factories import ReferralFactory

    return ReferralFactory(referrer=social_worker)


@pytest.fixture
def invitation_token(organisation, coordinator):
    from parcours.people.actions import invite_social_worker

    return invite_social_worker(
        actor=coordinator, organisation=organisation, email="new@example.org"
    )[1]


@pytest.fixture
def run_tasks():
    """Run the queued background tasks the way `parcours worker` does, minus its loop
    (whose connection clean-up would end the test's transaction)."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    def run():
        worker = Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="tests",
            excluded_queue_names=[],
        )
        done = 0
        while (result := DBTaskResult.objects.ready().first()) is not None:
            result.claim(worker.worker_id)
            worker.run_task(result)
            done += 1
        return done

    return run


@pytest.fixture
def calendar_token(trainer):
    from parcours.courses.calendar import new_token

    return new_token(trainer)


@pytest.fixture
def lesson(enrolment):
    """Today's lesson of `course`, where Amina was present."""
    from django.utils import timezone

    from parcours.courses.models import Attendance, Lesson

    lesson = Lesson.objects.create(
        course=enrolment.course, date=timezone.localdate(), start_time=enrolment.course.start_time
    )
    Attendance.objects.create(lesson=lesson, trainee=enrolment.trainee, status="present")
    return lesson


# --- Chromium for the browser tests (tests/browser/playwright_setup.py) -----------------


@pytest.fixture(scope="session")
def base_url():
    # Replaces pytest-base-url's fixture (written in a form pytest now deprecates);
    # tests build URLs from `live_server.url`.
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # bypass_csp lets axe-core be injected under our strict Content-Security-Policy.
    return {**browser_context_args, "bypass_csp": True, "locale": "fr-FR"}
