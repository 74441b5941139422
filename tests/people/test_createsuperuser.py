import pytest
from django.core.management import CommandError, call_command

from parcours.people.models import User


def test_it_creates_a_coordinator_who_signs_in_with_their_email(client, db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "un mot de passe solide")
    call_command("createsuperuser", "--noinput", "--username", "Chef@Example.org", verbosity=0)
    user = User.objects.get()
    assert (user.role, user.email, user.username) == (
        "coordinator",
        "chef@example.org",
        "chef@example.org",
    )
    response = client.post(
        "/connexion/", {"email": "chef@example.org", "password": "un mot de passe solide"}
    )
    assert response.status_code == 302


def test_it_refuses_a_username_that_is_not_an_email(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "un mot de passe solide")
    with pytest.raises(CommandError, match="e-mail address"):
        call_command("createsuperuser", "--noinput", "--username", "admin", verbosity=0)
    assert not User.objects.exists()
