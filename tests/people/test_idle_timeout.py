import time

from django.urls import reverse

from parcours.people.views import SESSION_LAST_SEEN
from tests.conftest import PIN


def sign_in(client):
    client.post(reverse("people:trainee_login"), {"username": "amina", "pin": PIN})


def set_last_seen(client, seconds_ago):
    session = client.session
    session[SESSION_LAST_SEEN] = int(time.time()) - seconds_ago
    session.save()


def test_a_trainee_idle_for_fifteen_minutes_is_signed_out(client, trainee):
    sign_in(client)
    set_last_seen(client, 15 * 60 + 5)
    response = client.get(reverse("people:home"))
    assert response.url == reverse("people:trainee_login")
    assert "_auth_user_id" not in client.session


def test_a_trainee_active_fourteen_minutes_ago_stays_signed_in(client, trainee):
    sign_in(client)
    set_last_seen(client, 14 * 60)
    assert client.get(reverse("people:home")).status_code == 200
    assert client.session[SESSION_LAST_SEEN] >= int(time.time()) - 1


def test_staff_sessions_are_not_cut_after_fifteen_minutes(client, coordinator):
    client.force_login(coordinator)
    set_last_seen(client, 60 * 60)
    assert client.get(reverse("people:home")).status_code == 200


def test_sign_out_clears_the_browser(client, trainee):
    sign_in(client)
    response = client.post(reverse("people:logout"))
    assert response.url == reverse("people:trainee_login")
    assert "cache" in response["Clear-Site-Data"]
    assert response.cookies["django_language"].value == ""
    assert client.get(reverse("people:home")).status_code == 302
