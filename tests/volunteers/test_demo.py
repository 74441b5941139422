import pytest
from django.conf import settings

from parcours.core import demo as core_demo
from parcours.people.models import User
from parcours.volunteers import demo
from parcours.volunteers.models import Application, Block, CharterAcceptance, Commitment

pytestmark = pytest.mark.django_db


def test_the_demo_has_applications_in_every_state_and_loads_once():
    core_demo.load()  # loads the volunteers' demo too
    assert demo.load() is False
    assert set(Application.objects.values_list("status", flat=True)) == set(
        Application.Status.values
    )
    assert Application.objects.stale().exists()
    assert Block.objects.filter(published=True).count() >= 3
    volunteer = User.objects.get(email=demo.VOLUNTEER_EMAIL)
    assert volunteer.check_password("parcours-demo") and volunteer.is_trainer
    assert Commitment.objects.get(user=volunteer).days_left() == 10
    # Every demo trainer can sign in straight to their home, charter or not in settings.
    for trainer in User.objects.filter(role=User.Role.TRAINER):
        assert CharterAcceptance.objects.filter(
            user=trainer, version=settings.CHARTER_VERSION
        ).exists()
    assert demo.load() is False
    assert Application.objects.count() == 8
