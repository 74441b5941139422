from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.people.factories import PASSWORD, UserFactory

URL = reverse("people:login")
GENERIC = "Adresse e-mail ou mot de passe incorrect."


@pytest.fixture
def coordinator(db, settings):
    """A coordinator who signs in with the password alone: the code of an authenticator
    app, and its being required of coordinators, are tested in test_two_factor.py."""
    settings.PARCOURS_REQUIRE_COORDINATOR_2FA = False
    return UserFactory(
        coordinator=True, email="coord@example.org", username="coord@example.org", two_factor=False
    )


@pytest.fixture
def post(client):
    def post(email, password, **extra):
        return client.post(URL, {"email": email, "password": password, **extra})

    return post


def test_it_shows_the_form_in_french(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'lang="fr"' in response.text
    assert "Connexion des professionnel·les" in response.text


def test_it_signs_a_coordinator_in(client, post, coordinator):
    response = post("coord@example.org", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("people:home")
    assert client.get(reverse("people:home")).context["user"] == coordinator


def test_email_case_does_not_matter(client, post, coordinator):
    assert post("Coord@Example.org", PASSWORD).status_code == 302


def test_it_changes_the_session_key_at_sign_in(client, post, coordinator):
    client.get(URL)
    client.session.save()
    before = client.session.session_key
    post("coord@example.org", PASSWORD)
    assert client.session.session_key != before


def test_unknown_email_and_wrong_password_give_the_same_message(post, coordinator):
    unknown = post("nobody@example.org", PASSWORD)
    wrong = post("coord@example.org", "not the password")
    assert unknown.status_code == wrong.status_code == 200
    assert GENERIC in unknown.text
    assert GENERIC in wrong.text


def test_it_keeps_the_typed_email_after_a_failure(post, coordinator):
    response = post("coord@example.org", "nope")
    assert 'value="coord@example.org"' in response.text


def test_it_follows_a_safe_next_url_only(post, coordinator):
    assert post("coord@example.org", PASSWORD, next="/stagiaires/").url == "/stagiaires/"


def test_it_ignores_a_next_url_to_another_site(post, coordinator):
    response = post("coord@example.org", PASSWORD, next="https://evil.example/")
    assert response.url == reverse("people:home")


def test_a_trainee_cannot_use_the_staff_form(post, trainee):
    trainee.user.email = "amina@example.org"
    trainee.user.save()
    assert GENERIC in post("amina@example.org", "246810").text


def test_it_pauses_the_account_after_five_wrong_passwords(post, coordinator):
    for _ in range(5):
        post("coord@example.org", "wrong password")
    coordinator.refresh_from_db()
    assert coordinator.is_paused()
    response = post("coord@example.org", PASSWORD)
    assert response.status_code == 200
    assert "Trop d&#x27;essais pour ce compte" in response.text


def test_a_pause_ends_after_fifteen_minutes(post, coordinator):
    coordinator.failed_logins = 5
    coordinator.paused_until = timezone.now() - timedelta(seconds=1)
    coordinator.save()
    assert post("coord@example.org", PASSWORD).status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.failed_logins == 0


def test_an_inactive_account_cannot_sign_in(post, coordinator):
    coordinator.is_active = False
    coordinator.save()
    assert GENERIC in post("coord@example.org", PASSWORD).text
