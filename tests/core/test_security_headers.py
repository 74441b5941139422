"""Headers and cookie flags the web vulnerability scan (.ci/run) reported as missing."""

import subprocess
import sys

from django.contrib.messages import get_messages
from django.urls import reverse


def test_static_files_cannot_be_framed_either(client, db):
    # WhiteNoise answers before the inner middlewares: the clickjacking one must come first.
    response = client.get("/static/parcours/icon.svg")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"


def test_the_language_cookie_is_out_of_reach_of_scripts(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    cookie = response.cookies["django_language"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_the_csrf_cookie_is_out_of_reach_of_scripts(client, db):
    # Forms carry the token in a field (htmx too): no script reads the cookie.
    response = client.get(reverse("people:login"))
    assert response.cookies["csrftoken"]["httponly"]


def test_messages_stay_on_the_server(client, coordinator, social_worker, organisation):
    # A cookie would carry "Amina Rakoto est ajoutée…" readable in the browser of a
    # shared computer (signed, not encrypted).
    client.force_login(coordinator)
    response = client.post(
        reverse("people:organisation_contact", args=[organisation.pk]),
        {"member": social_worker.pk},
    )
    assert "messages" not in response.cookies
    assert len(list(get_messages(response.wsgi_request))) == 1


def test_behind_https_the_language_cookie_is_secure_too(tmp_path):
    code = (
        "from parcours import settings; "
        "print(settings.LANGUAGE_COOKIE_SECURE, settings.SESSION_COOKIE_SECURE)"
    )
    env = {"PARCOURS_SECURE": "true", "PARCOURS_DATA_DIR": str(tmp_path), "SECRET_KEY": "x"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True", "True"]
