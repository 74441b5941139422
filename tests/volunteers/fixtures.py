"""Fixtures of the volunteers tests, also used by the access table (tests/conftest.py loads them)."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

MIDDLEWARE = "parcours.volunteers.middleware.CharterMiddleware"


@pytest.fixture
def volunteer_application(db):
    """A new application, nobody has looked at it yet."""
    from tests.volunteers.factories import ApplicationFactory

    return ApplicationFactory(first_name="Léa", last_name="Fontaine")


@pytest.fixture
def volunteer_commitment(db, coordinator):
    """A volunteer's running commitment, with their trainer account."""
    from tests.volunteers.factories import CommitmentFactory

    return CommitmentFactory(
        created_by=coordinator,
        user__username="marc@example.org",
        user__email="marc@example.org",
        user__first_name="Marc",
    )


@pytest.fixture
def volunteer_invitation_token(coordinator):
    """The link sent to an accepted applicant to create their trainer account."""
    from parcours.volunteers.actions import accept_application
    from tests.volunteers.factories import ApplicationFactory

    today = timezone.localdate()
    return accept_application(
        actor=coordinator,
        application=ApplicationFactory(first_name="Camille", last_name="Petit"),
        start_date=today,
        end_date=today + datetime.timedelta(days=60),
        email="camille@example.org",
    )[2]


@pytest.fixture
def presentation_block(db):
    from tests.volunteers.factories import BlockFactory

    return BlockFactory(title="Qui sommes-nous ?")


@pytest.fixture
def charter_middleware(settings):
    """CharterMiddleware switched on, where the main settings will place it: right after
    TraineeSessionMiddleware (after authentication and messages)."""
    middleware = list(django_settings.MIDDLEWARE)
    if MIDDLEWARE not in middleware:
        position = middleware.index("parcours.people.middleware.TraineeSessionMiddleware") + 1
        middleware.insert(position, MIDDLEWARE)
    settings.MIDDLEWARE = middleware
    return middleware


def accept_charter(user):
    """Record `user`'s acceptance of the current charter (for tests whose trainers are
    past it)."""
    from parcours.volunteers.models import CharterAcceptance

    return CharterAcceptance.objects.get_or_create(
        user=user, version=django_settings.CHARTER_VERSION
    )[0]
