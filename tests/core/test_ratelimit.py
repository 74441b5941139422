"""Per-address limits on failed sign-ins and token tries (parcours/core/ratelimit.py)."""

from datetime import timedelta

import pyotp
import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from parcours.core import ratelimit
from parcours.core.models import RateLimitHit
from parcours.people.models import TwoFactorDevice
from tests.conftest import PIN
from tests.people.factories import PASSWORD, UserFactory

LOGIN = reverse("people:login")
TRAINEE_LOGIN = reverse("people:trainee_login")
A, B = "203.0.113.7", "198.51.100.20"


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.SIGN_IN_LIMIT_PER_ADDRESS = 3
    settings.SIGN_IN_LIMIT_WINDOW_MINUTES = 10
    settings.TOKEN_LIMIT_PER_ADDRESS = 2
    settings.TOKEN_LIMIT_WINDOW_MINUTES = 10


def wrong_password(client, user, address=A):
    return client.post(LOGIN, {"email": user.email, "password": "pas le bon"}, REMOTE_ADDR=address)


def test_the_defaults_are_generous_for_a_class_room_sharing_one_address():
    from django.conf import settings

    from parcours import settings as defaults

    assert defaults.SIGN_IN_LIMIT_PER_ADDRESS == 50
    assert defaults.SIGN_IN_LIMIT_WINDOW_MINUTES == 10
    assert settings.LOGIN_PAUSE_AFTER < 50


def test_the_limit_triggers_at_the_threshold_and_not_before(db):
    request = RequestFactory().post("/", REMOTE_ADDR=A)
    for _ in range(2):
        ratelimit.record_failure(ratelimit.SIGN_IN, request)
    assert ratelimit.wait_seconds(ratelimit.SIGN_IN, request) == 0
    ratelimit.record_failure(ratelimit.SIGN_IN, request)
    assert 0 < ratelimit.wait_seconds(ratelimit.SIGN_IN, request) <= 600


def test_the_window_expires(db):
    request = RequestFactory().post("/", REMOTE_ADDR=A)
    start = timezone.now()
    for minute in range(3):
        ratelimit.record_failure(ratelimit.SIGN_IN, request, now=start + timedelta(minutes=minute))
    later = start + timedelta(minutes=3)
    # The oldest try leaves the window 10 minutes after it was made.
    assert ratelimit.wait_seconds(ratelimit.SIGN_IN, request, now=later) == 7 * 60
    assert (
        ratelimit.wait_seconds(
            ratelimit.SIGN_IN, request, now=start + timedelta(minutes=10, seconds=1)
        )
        == 0
    )


def test_different_addresses_and_scopes_are_independent(db):
    at_a = RequestFactory().post("/", REMOTE_ADDR=A)
    at_b = RequestFactory().post("/", REMOTE_ADDR=B)
    for _ in range(3):
        ratelimit.record_failure(ratelimit.SIGN_IN, at_a)
    assert ratelimit.wait_seconds(ratelimit.SIGN_IN, at_a)
    assert ratelimit.wait_seconds(ratelimit.SIGN_IN, at_b) == 0
    assert ratelimit.wait_seconds(ratelimit.TOKENS, at_a) == 0


def test_behind_a_proxy_the_forwarded_address_is_counted(db, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    at_a = RequestFactory().post("/", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=A)
    at_b = RequestFactory().post("/", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=B)
    for _ in range(3):
        ratelimit.record_failure(ratelimit.SIGN_IN, at_a)
    assert ratelimit.wait_seconds(ratelimit.SIGN_IN, at_a)
    assert ratelimit.wait_seconds(ratelimit.SIGN_IN, at_b) == 0


def test_addresses_are_stored_as_keyed_hashes(db):
    ratelimit.record_failure(ratelimit.SIGN_IN, RequestFactory().post("/", REMOTE_ADDR=A))
    stored = RateLimitHit.objects.get().address_hash
    assert A not in stored
    assert len(stored) == 64


def test_old_tries_are_forgotten(db):
    request = RequestFactory().post("/", REMOTE_ADDR=A)
    now = timezone.now()
    ratelimit.record_failure(ratelimit.SIGN_IN, request, now=now - timedelta(minutes=11))
    ratelimit.record_failure(ratelimit.SIGN_IN, request, now=now - timedelta(minutes=5))
    assert ratelimit.forget_old_hits(now=now) == 1
    assert RateLimitHit.objects.count() == 1


# --- the sign-in forms ---------------------------------------------------------------------


def test_staff_sign_in_answers_429_with_a_french_page_past_the_limit(client, trainer):
    for _ in range(3):
        assert wrong_password(client, trainer).status_code == 200
    response = wrong_password(client, trainer)
    assert response.status_code == 429
    assert "Trop d'essais" in response.text
    assert "Vous pourrez réessayer dans 10 minutes." in response.text
    assert int(response["Retry-After"]) > 0
    # Even the right password waits: nothing is checked from this address.
    right = client.post(LOGIN, {"email": trainer.email, "password": PASSWORD}, REMOTE_ADDR=A)
    assert right.status_code == 429
    # The page itself still opens.
    assert client.get(LOGIN, REMOTE_ADDR=A).status_code == 200


def test_another_address_signs_in_meanwhile(client, trainer):
    for _ in range(3):
        wrong_password(client, trainer)
    response = client.post(LOGIN, {"email": trainer.email, "password": PASSWORD}, REMOTE_ADDR=B)
    assert response.status_code == 302


def test_many_accounts_tried_from_one_address_hit_the_limit(client, db):
    people = [UserFactory(trainer=True) for _ in range(4)]
    statuses = [wrong_password(client, person).status_code for person in people]
    assert statuses == [200, 200, 200, 429]
    # Each account counted only its own failure: no account is paused.
    for person in people:
        person.refresh_from_db()
        assert not person.is_paused()


def test_a_successful_sign_in_does_not_count(client, trainer):
    for _ in range(5):
        client.post(LOGIN, {"email": trainer.email, "password": PASSWORD}, REMOTE_ADDR=A)
        client.post(reverse("people:logout"))
    assert RateLimitHit.objects.count() == 0


def test_wrong_pins_from_a_class_room_count_toward_the_same_limit(client, trainee, other_trainee):
    for username in ("amina", "karim"):
        response = client.post(
            TRAINEE_LOGIN, {"username": username, "pin": "975319"}, REMOTE_ADDR=A
        )
        assert response.status_code == 200
    # Below the limit, the next trainee of the room signs in.
    response = client.post(TRAINEE_LOGIN, {"username": "amina", "pin": PIN}, REMOTE_ADDR=A)
    assert response.status_code == 302
    client.post(reverse("people:logout"))
    client.post(TRAINEE_LOGIN, {"username": "karim", "pin": "975319"}, REMOTE_ADDR=A)
    response = client.post(TRAINEE_LOGIN, {"username": "amina", "pin": PIN}, REMOTE_ADDR=A)
    assert response.status_code == 429
    assert "Trop d'essais" in response.text


def test_wrong_second_step_codes_count_too(client, site):
    person = UserFactory(trainer=True, sites=[site], two_factor=True)
    client.post(LOGIN, {"email": person.email, "password": PASSWORD}, REMOTE_ADDR=A)
    secret = TwoFactorDevice.objects.get(user=person).secret
    accepted = {pyotp.TOTP(secret).at(timezone.now(), counter_offset=o) for o in (-1, 0, 1)}
    bad = next(c for c in ("000000", "111111", "222222", "333333") if c not in accepted)
    code_url = reverse("people:login_code")
    for _ in range(3):
        assert client.post(code_url, {"code": bad}, REMOTE_ADDR=A).status_code == 200
    assert client.post(code_url, {"code": bad}, REMOTE_ADDR=A).status_code == 429


# --- token links ---------------------------------------------------------------------------------


def test_unknown_invitation_tokens_are_limited_per_address(client, invitation_token):
    for n in range(2):
        url = reverse("people:accept_invitation", args=[f"faux-{n}"])
        assert client.get(url, REMOTE_ADDR=A).status_code == 404
    good = reverse("people:accept_invitation", args=[invitation_token])
    response = client.get(good, REMOTE_ADDR=A)
    assert response.status_code == 429
    assert "Retry-After" in response
    # The person who was sent the link, elsewhere, opens it.
    assert client.get(good, REMOTE_ADDR=B).status_code == 200


def test_opening_a_valid_invitation_does_not_count(client, invitation_token):
    good = reverse("people:accept_invitation", args=[invitation_token])
    for _ in range(4):
        assert client.get(good, REMOTE_ADDR=A).status_code == 200
    assert RateLimitHit.objects.count() == 0


def test_unknown_volunteer_invitation_tokens_are_limited_per_address(
    client, volunteer_invitation_token
):
    for n in range(2):
        url = reverse("volunteers:accept_invitation", args=[f"faux-{n}"])
        assert client.get(url, REMOTE_ADDR=A).status_code == 404
    good = reverse("volunteers:accept_invitation", args=[volunteer_invitation_token])
    assert client.get(good, REMOTE_ADDR=A).status_code == 429
    assert client.get(good, REMOTE_ADDR=B).status_code == 200


def test_invitations_and_download_links_share_the_token_limit(client, locker_link_token):
    assert (
        client.get(reverse("people:accept_invitation", args=["faux"]), REMOTE_ADDR=A).status_code
        == 404
    )
    assert (
        client.post(reverse("locker:link_download", args=["faux"]), REMOTE_ADDR=A).status_code
        == 404
    )
    page = reverse("locker:link_page", args=[locker_link_token])
    assert client.get(page, REMOTE_ADDR=A).status_code == 429
    assert client.get(page, REMOTE_ADDR=B).status_code == 200
