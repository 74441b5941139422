from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.people.factories import SiteFactory


def test_public_home_presents_the_programme_and_both_sign_ins(client, site):
    response = client.get(reverse("public_home"))
    assert response.status_code == 200
    assert reverse("people:trainee_login") in response.text
    assert reverse("people:login") in response.text
    assert site.name in response.text


def test_public_home_reads_the_places_once_a_minute_per_language(client, site):
    """A national network lists hundreds of places: the list is kept a minute, so the
    page most visited costs one query (the successes, which must go at once when a
    person withdraws her consent), and the list holds no pictogram per place."""
    client.get(reverse("public_home"))
    later = SiteFactory(name="Foyer des Lilas")
    with CaptureQueriesContext(connection) as queries:
        text = client.get(reverse("public_home")).text
    assert site.name in text and later.name not in text  # kept
    assert not any("people_site" in query["sql"] for query in queries.captured_queries)
    assert len(queries) == 1
    assert text.count('class="icon"') < 6
    english = client.get(reverse("public_home"), headers={"accept-language": "en"}).text
    assert later.name in english  # another language, its own copy


def test_pages_carry_a_strict_content_security_policy(client, db):
    policy = client.get(reverse("public_home"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_base_template_has_landmarks_and_a_skip_link(client, db):
    text = client.get(reverse("public_home")).text
    assert 'href="#main"' in text and 'id="main"' in text
    assert "<header" in text and "<footer" in text


@override_settings(DEBUG=False)
def test_unknown_page_gives_a_friendly_french_404(client, db):
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in response.text


def test_csrf_failure_page_is_friendly(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("people:login"), {"email": "a@example.org", "password": "x"})
    assert response.status_code == 403
    assert "La page a expiré" in response.text


def test_server_error_page_is_plain_french(client, db):
    from django.template.loader import render_to_string

    text = render_to_string("500.html")
    assert "Une erreur est survenue" in text


def test_english_is_available(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get(reverse("people:trainee_login"))
    assert 'lang="en"' in page.text


def test_the_language_is_remembered_on_the_account(client, coordinator):
    client.force_login(coordinator)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    coordinator.refresh_from_db()
    assert coordinator.language == "en"
    # Next sign-in, on another browser, opens in English.
    from django.test import Client

    other = Client()
    other.post(
        reverse("people:login"),
        {"email": "coord@example.org", "password": "un mot de passe solide"},
    )
    # Then the code of the coordinator's authenticator app.
    import pyotp

    from parcours.people.models import TwoFactorDevice

    secret = TwoFactorDevice.objects.get(user=coordinator).secret
    response = other.post(reverse("people:login_code"), {"code": pyotp.TOTP(secret).now()})
    assert response.cookies["django_language"].value == "en"


def test_the_language_chosen_before_signing_in_is_kept_on_the_account(client, trainee):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    client.post(reverse("people:trainee_login"), {"username": "amina", "pin": "246810"})
    trainee.user.refresh_from_db()
    assert trainee.user.language == "en"


def test_the_menu_counts_unread_messages(client, social_worker):
    from parcours.notifications.send import notify

    notify(social_worker, text="Orientation de Samira : inscrite.")
    client.force_login(social_worker)
    assert "Messages (1)" in client.get(reverse("people:home")).text
    client.get(reverse("notifications:inbox"))
    assert "Messages (1)" not in client.get(reverse("people:home")).text


def test_french_plurals_follow_french_rules(db):
    from django.template import Context, Template
    from django.utils import translation

    template = Template(
        "{% load i18n %}{% blocktranslate count n=n %}{{ n }} place libre{% plural %}"
        "{{ n }} places libres{% endblocktranslate %}"
    )
    with translation.override("fr"):
        assert [template.render(Context({"n": n})) for n in (0, 1, 2)] == [
            "0 place libre",
            "1 place libre",
            "2 places libres",
        ]
