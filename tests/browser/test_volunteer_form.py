"""The public "get involved" form in a real browser, by someone not signed in: a too-short
commitment is refused with a clear message and nothing lost; the valid application
reaches the coordinator's pipeline. axe-core checks every page visited."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from parcours.volunteers import demo as volunteers_demo
from tests.browser.test_sign_in import sign_in_staff

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def volunteers_demo_data(demo):
    # Idempotent: does nothing once the main demo loads it too.
    volunteers_demo.load()


def fill_application(page, *, start, end):
    page.get_by_label("bénévole", exact=True).check()
    page.get_by_label("Prénom").fill("Bérénice")
    page.get_by_label("Nom", exact=True).fill("Vidal")
    page.get_by_label("Adresse e-mail").fill("berenice.vidal@example.org")
    page.get_by_label("Téléphone").fill("06 98 76 54 32")
    page.get_by_label("mardi").check()
    page.get_by_label("après-midi").check()
    page.get_by_label("À partir du").fill(start.isoformat())
    page.get_by_label("Jusqu'au").fill(end.isoformat())
    page.get_by_label("Ce que vous savez faire").fill("Formatrice en bureautique à la retraite")
    page.get_by_label("Langues parlées").fill("français, espagnol")
    page.get_by_label("Pourquoi vous voulez participer").fill("Transmettre ce que je sais.")
    page.get_by_label("J'ai lu comment mes données sont utilisées").check()


def test_an_applicant_sends_the_form_and_the_coordinator_finds_it(
    page, live_server, volunteers_demo_data, assert_accessible
):
    # The public presentation leads to the form.
    page.goto(live_server.url + reverse("volunteers:programme"))
    expect(page.get_by_role("heading", name="Qui sommes-nous ?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Je veux participer").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Participer au programme")
    assert_accessible(page)

    # Three weeks is too short: refused, said at the top and at the field, nothing lost.
    start = timezone.localdate() + datetime.timedelta(days=10)
    fill_application(page, start=start, end=start + datetime.timedelta(days=21))
    page.get_by_role("button", name="Envoyer ma candidature").click()
    refusal = "Nous demandons un engagement d'au moins un mois."
    expect(page.get_by_role("alert")).to_contain_text(refusal)
    page.get_by_role("alert").get_by_role("link", name=re.compile("Jusqu")).click()
    expect(page.get_by_label("Jusqu'au")).to_be_focused()
    expect(page.get_by_role("group", name="Vos disponibilités")).to_contain_text(refusal)
    expect(page.get_by_label("Prénom")).to_have_value("Bérénice")
    expect(page.get_by_label("Pourquoi vous voulez participer")).to_have_value(
        "Transmettre ce que je sais."
    )
    expect(page.get_by_label("mardi")).to_be_checked()
    expect(page.get_by_label("À partir du")).to_have_value(start.isoformat())
    assert_accessible(page)

    expect(page.get_by_label("J'ai lu comment mes données sont utilisées")).to_be_checked()

    # Six weeks: sent.
    page.get_by_label("Jusqu'au").fill((start + datetime.timedelta(weeks=6)).isoformat())
    page.get_by_role("button", name="Envoyer ma candidature").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merci !")
    expect(page.get_by_text("Merci Bérénice, votre candidature est envoyée")).to_be_visible()
    assert_accessible(page)

    # The coordinator finds it among the new ones, beside the demo's flagged application.
    sign_in_staff(page, live_server, "coordination@example.org")
    page.goto(live_server.url + reverse("volunteers:pipeline"))
    new = page.get_by_role("region", name=re.compile("^Nouvelle"))
    expect(new.get_by_role("link", name="Bérénice Vidal")).to_be_visible()
    expect(page.get_by_text(re.compile("attend depuis plus de 7 jours"))).to_be_visible()
    assert_accessible(page)
    new.get_by_role("link", name="Bérénice Vidal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bérénice Vidal")
    expect(page.get_by_text("Transmettre ce que je sais.")).to_be_visible()
    assert_accessible(page)


def test_an_accepted_applicant_creates_their_account_and_accepts_the_charter(
    page, live_server, volunteers_demo_data, assert_accessible
):
    sign_in_staff(page, live_server, "coordination@example.org")
    page.goto(live_server.url + reverse("volunteers:pipeline"))
    page.get_by_role("link", name="Paul Garnier").click()
    assert_accessible(page)
    page.get_by_role("button", name="Accepter et inviter").click()
    expect(page.get_by_text("Candidature acceptée. Invitation envoyée")).to_be_visible()
    expect(page.get_by_role("region", name="Engagement")).to_contain_text("pas encore utilisée")
    assert_accessible(page)
    link = re.search(r"(/benevoles/invitation/[^/\s]+/)", mail.outbox[-1].body).group(1)

    page.context.clear_cookies()
    page.goto(live_server.url + link)
    expect(page.get_by_label("Prénom")).to_have_value("Paul")
    assert_accessible(page)
    page.get_by_label("Mot de passe (12 caractères au moins)").fill("trois chevaux bleus")
    page.get_by_label("Le même mot de passe").fill("trois chevaux bleus")
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Charte de confidentialité")
    assert_accessible(page)
    page.get_by_label("J'ai lu la charte").check()
    page.get_by_role("button", name="J'accepte la charte").click()
    expect(page.get_by_text("Merci : la charte est acceptée.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Paul")
