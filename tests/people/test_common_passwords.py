"""Staff passwords are checked against lists of common passwords wherever they are set:
Django's list (English) and Parcours' French one (people/validators.py)."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from parcours.people.models import User

COMMON = ["motdepasse123", "password1234"]


@pytest.mark.parametrize("password", COMMON)
def test_the_validators_refuse_common_passwords(password):
    # What `parcours changepassword` and `createsuperuser` run too.
    with pytest.raises(ValidationError):
        validate_password(password, User(email="ines@example.org", username="ines@example.org"))


@pytest.mark.parametrize("password", COMMON)
def test_a_social_worker_cannot_set_a_common_password(client, invitation_token, password):
    response = client.post(
        reverse("people:accept_invitation", args=[invitation_token]),
        {"first_name": "Inès", "last_name": "Morel", "password1": password, "password2": password},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert 'value="Inès"' in response.text  # what was typed stays
    assert not User.objects.filter(email="new@example.org").exists()


@pytest.mark.parametrize("password", COMMON)
def test_a_volunteer_trainer_cannot_set_a_common_password(
    client, volunteer_invitation_token, password
):
    response = client.post(
        reverse("volunteers:accept_invitation", args=[volunteer_invitation_token]),
        {"first_name": "Marc", "last_name": "Dubois", "password1": password, "password2": password},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert User.objects.filter(role=User.Role.TRAINER).count() == 0
