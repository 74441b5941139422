"""The public privacy notice, its links, and withdrawing sharing consent in two clicks."""

import re

import pytest
from django.urls import reverse

from parcours.people.models import Sharing
from tests.conftest import PIN

pytestmark = pytest.mark.django_db


def sign_in(client):
    client.post(reverse("people:trainee_login"), {"username": "amina", "pin": PIN})


def test_the_notice_is_public_and_says_what_why_how_long_who_where_and_rights(client, settings):
    settings.PARCOURS_RETENTION_MONTHS = 18
    settings.PARCOURS_AUDIT_RETENTION_MONTHS = 9
    page = client.get(reverse("privacy:notice"))
    assert page.status_code == 200
    text = page.text
    for heading in (
        "Ce que nous gardons",
        "Pourquoi",
        "Combien de temps",
        "Qui voit vos informations",
        "Où sont vos informations",
        "Vos droits",
    ):
        assert heading in text
    assert "gardées 18 mois après votre dernière séance" in text
    assert "Le journal des accès est gardé 9 mois." in text
    assert "seulement si vous êtes d'accord" in text
    assert "charte de confidentialité" in text
    assert "sauvegardes" in text
    assert "À qui demander" in text


def test_every_page_links_to_the_notice_in_its_footer(client, coordinator, trainee):
    footer = re.compile(r'<footer class="site-footer">.*href="/confidentialite/".*</footer>', re.S)
    assert footer.search(client.get(reverse("public_home")).text)
    assert footer.search(client.get(reverse("people:trainee_login")).text)
    client.force_login(coordinator)
    assert footer.search(client.get(reverse("people:trainee_list")).text)


def test_the_trainee_pages_link_to_my_data_and_the_notice(client, trainee):
    sign_in(client)
    home = client.get(reverse("people:home")).text
    assert reverse("privacy:my_data") in home
    my_data = client.get(reverse("privacy:my_data")).text
    assert reverse("privacy:notice") in my_data
    assert reverse("people:my_sharing") in my_data
    # A trainee page: plain words with pictograms, the help box, the idle warning.
    assert 'class="icon"' in my_data and "J'ai besoin d'aide" in my_data


def test_withdrawing_sharing_takes_two_clicks_from_home_and_applies_on_the_next_request(
    client, trainee, social_worker, enrolment
):
    referrer = client.__class__()
    referrer.force_login(social_worker)
    path = reverse("progress:path", args=[trainee.pk])
    assert referrer.get(path).status_code == 200

    sign_in(client)
    home = client.get(reverse("people:home")).text
    # Click 1: the link on the home page.
    link = re.search(r'href="([^"]+)">Changer mon accord<', home)
    assert link is not None
    page = client.get(link.group(1)).text
    # Click 2: the button of that page.
    (form,) = [f for f in re.findall(r"<form.*?</form>", page, re.S) if 'name="choice"' in f]
    assert 'name="choice" value="stop"' in form and "Ne plus partager" in form
    client.post(link.group(1), {"choice": "stop"})

    trainee.refresh_from_db()
    assert trainee.sharing == Sharing.WITHDRAWN
    # The referrer's very next request no longer shows her progress.
    assert referrer.get(path).status_code == 404
    detail = referrer.get(reverse("people:trainee_detail", args=[trainee.pk])).text
    assert "ne partage pas sa présence et ses progrès avec vous" in detail
