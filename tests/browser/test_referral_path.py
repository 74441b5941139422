"""The programme's first loop in a real browser: referral → triage → login card →
first sign-in → the referrer sees the enrolment."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.test_sign_in import sign_in_staff, sign_in_trainee

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def fill_referral(page, *, consent):
    page.get_by_label("Prénom").fill("Hawa")
    page.get_by_label("Nom de famille").fill("Keïta")
    page.get_by_label("Téléphone").fill("07 81 22 33 44")
    page.get_by_label("Langues parlées").fill("bambara, français")
    page.get_by_label("lit un peu le français").check()
    page.get_by_label("E-mail", exact=True).check()
    page.get_by_label("Besoins, avec vos mots").fill(
        "Créer une adresse e-mail, faire ses démarches CAF"
    )
    page.get_by_label("mardi").check()
    page.get_by_label("après-midi").check()
    if consent:
        page.get_by_label("La personne est d'accord").check()
    page.get_by_label("à l'oral").check()


def test_referral_to_first_sign_in(page, live_server, demo, assert_accessible):
    # The social worker refers a person; without consent, nothing is sent and nothing lost.
    sign_in_staff(page, live_server, "referente@example.org")
    page.get_by_role("link", name="Orienter une personne").first.click()
    assert_accessible(page)
    fill_referral(page, consent=False)
    page.get_by_role("button", name="Envoyer l'orientation").click()
    refusal = "Sans l'accord de la personne, l'orientation n'est pas possible."
    # Said at the top, with a link to the field, and next to the field itself.
    expect(page.get_by_role("alert")).to_contain_text(refusal)
    page.get_by_role("alert").get_by_role(
        "link", name=re.compile("La personne est d'accord")
    ).click()
    expect(page.get_by_label("La personne est d'accord")).to_be_focused()
    expect(page.get_by_role("group", name="Son accord", exact=True)).to_contain_text(refusal)
    expect(page.get_by_label("Prénom")).to_have_value("Hawa")
    expect(page.get_by_label("Besoins, avec vos mots")).to_have_value(
        "Créer une adresse e-mail, faire ses démarches CAF"
    )
    expect(page.get_by_label("mardi")).to_be_checked()
    assert_accessible(page)
    page.get_by_label("La personne est d'accord").check()
    page.get_by_role("button", name="Envoyer l'orientation").click()
    expect(page.get_by_text("L'orientation de Hawa est envoyée")).to_be_visible()

    # The coordinator finds it in the queue and accepts it into a course.
    page.context.clear_cookies()
    sign_in_staff(page, live_server, "coordination@example.org")
    page.get_by_role("link", name="À traiter", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Hawa Keïta").click()
    assert_accessible(page)
    friday = page.locator("option", has_text="Atelier du vendredi matin").get_attribute("value")
    page.get_by_label("Atelier", exact=True).select_option(friday)
    page.get_by_role("button", name="Accepter et inscrire").click()
    pin = page.locator(".pin-digits").inner_text()
    assert re.fullmatch(r"\d{6}", pin)
    assert_accessible(page)

    # The login card opens in a new tab (the PIN page stays): printable page and PDF,
    # with the username and never the PIN.
    with page.context.expect_page() as new_tab:
        page.get_by_role("link", name=re.compile("Carte à imprimer")).click()
    card = new_tab.value
    expect(card.locator(".username")).to_have_text("hawa")
    expect(card.locator(".qr svg")).to_be_visible()
    assert pin not in card.content()
    assert_accessible(card)
    pdf_path = card.get_by_role("link", name="Télécharger en PDF").get_attribute("href")
    card.close()
    expect(page.locator(".pin-digits")).to_have_text(pin)
    pdf = page.request.get(live_server.url + pdf_path)
    assert pdf.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert "hawa" in text and pin not in text

    # The new trainee signs in with the PIN shown once and gives her own word.
    page.context.clear_cookies()
    sign_in_trainee(page, live_server, "hawa", pin)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Ma personne référente"))
    assert_accessible(page)
    page.get_by_role("button", name="Oui, je suis d'accord").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Hawa")
    expect(page.get_by_text(re.compile(r"^vendredi \d+ \w+ à 9 h 30$"))).to_be_visible()
    assert_accessible(page)

    # The referrer sees "inscrit·e" on her home.
    page.context.clear_cookies()
    sign_in_staff(page, live_server, "referente@example.org")
    row = page.get_by_role("region", name="Mes orientations").get_by_role(
        "row", name=re.compile("Hawa Keïta")
    )
    expect(row).to_contain_text("inscrit·e")
