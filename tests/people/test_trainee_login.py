from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from parcours.audit.models import Entry
from parcours.people.models import User
from tests.conftest import PIN

URL = reverse("people:trainee_login")
GENERIC = "L&#x27;identifiant ou le code n&#x27;est pas bon."


@pytest.fixture
def post(client):
    def post(username, pin):
        return client.post(URL, {"username": username, "pin": pin})

    return post


def test_it_fills_the_username_from_the_login_card_link(client, db):
    response = client.get(URL, {"u": "amina"})
    assert 'value="amina"' in response.text


def test_the_pin_field_brings_up_a_numeric_keypad(client, db):
    response = client.get(URL)
    assert 'inputmode="numeric"' in response.text


def test_it_signs_a_trainee_in(client, post, trainee):
    response = post("amina", PIN)
    assert response.status_code == 302
    home = client.get(reverse("people:home"))
    assert "Bonjour Amina" in home.text


def test_the_session_ends_when_the_browser_closes(client, post, trainee):
    post("amina", PIN)
    assert client.session.get_expire_at_browser_close()


def test_unknown_username_and_wrong_pin_give_the_same_message(post, trainee):
    assert GENERIC in post("nobody", PIN).text
    assert GENERIC in post("amina", "975319").text


def test_a_pin_that_is_not_six_digits_is_explained(post, trainee):
    response = post("amina", "12ab")
    assert "Le code a 6 chiffres." in response.text
    assert 'value="amina"' in response.text


def test_staff_cannot_sign_in_with_the_trainee_form(post, coordinator):
    coordinator.set_password("975319")
    coordinator.save()
    assert GENERIC in post("coord@example.org", "975319").text


def test_five_wrong_pins_pause_the_account_for_fifteen_minutes(post, trainee):
    for _ in range(5):
        post("amina", "975319")
    trainee.user.refresh_from_db()
    assert trainee.user.is_paused()
    assert (
        timedelta(minutes=14) < trainee.user.paused_until - timezone.now() <= timedelta(minutes=15)
    )
    # Even the right PIN waits: guessing cannot go on during the pause.
    response = post("amina", PIN)
    assert "Trop d&#x27;essais. Attendez un peu." in response.text


def test_ten_wrong_pins_in_a_row_lock_the_account_until_staff_unlock_it(post, trainee):
    for _ in range(5):
        post("amina", "975319")
    # Fifteen minutes later, five more wrong PINs.
    User.objects.filter(pk=trainee.user.pk).update(
        paused_until=timezone.now() - timedelta(seconds=1)
    )
    for _ in range(5):
        response = post("amina", "975319")
    assert "Votre compte est bloqué" in response.text
    trainee.user.refresh_from_db()
    assert trainee.user.locked
    assert (
        Entry.objects.filter(action=Entry.Action.ACCOUNT_LOCKED, trainee_id=trainee.pk).count() == 1
    )
    # Still locked long after, with the right PIN.
    assert "Votre compte est bloqué" in post("amina", PIN).text


def test_one_trainee_mistakes_never_block_another_on_the_same_computer(
    client, post, trainee, other_trainee
):
    for _ in range(10):
        post("amina", "975319")
    # Same client, same REMOTE_ADDR: Karim signs in all the same.
    assert post("karim", "135791").status_code == 302


def test_a_success_resets_the_count_of_failures(post, trainee):
    for _ in range(4):
        post("amina", "975319")
    post("amina", PIN)
    trainee.user.refresh_from_db()
    assert trainee.user.failed_logins == 0
