"""Flags of the cookies the sign-in sets itself (Django sets its own from the settings).

The web vulnerability scan (.ci/run) reported the language cookie without HttpOnly.
"""

from django.test import override_settings
from django.urls import reverse

from tests.conftest import PIN


def sign_in_staff(client, user):
    return client.post(
        reverse("people:login"), {"email": user.email, "password": "un mot de passe solide"}
    )


def test_the_language_cookie_of_a_sign_in_is_out_of_reach_of_scripts(client, social_worker):
    social_worker.language = "en"
    social_worker.save(update_fields=["language"])
    cookie = sign_in_staff(client, social_worker).cookies["django_language"]
    assert cookie.value == "en"
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and not cookie["secure"]


@override_settings(LANGUAGE_COOKIE_SECURE=True)
def test_behind_https_the_language_cookie_of_a_sign_in_is_secure(client, social_worker):
    social_worker.language = "en"
    social_worker.save(update_fields=["language"])
    assert sign_in_staff(client, social_worker).cookies["django_language"]["secure"]


def test_the_shared_computer_cookie_is_out_of_reach_of_scripts(client, trainee):
    response = client.post(reverse("people:trainee_login"), {"username": "amina", "pin": PIN})
    cookie = response.cookies["parcours_device"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and not cookie["secure"]


def test_behind_https_the_shared_computer_cookie_is_secure(client, trainee):
    response = client.post(
        reverse("people:trainee_login"), {"username": "amina", "pin": PIN}, secure=True
    )
    assert response.cookies["parcours_device"]["secure"]
