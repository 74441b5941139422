"""A coordinator sets up an authenticator app, as required, then signs in with its code;
every page on the way passes axe-core's WCAG 2.1 A/AA rules."""

import re

import pyotp
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_sign_in import sign_in_staff

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_coordinator_sets_up_the_app_then_signs_in_with_its_code(
    page, live_server, demo, settings, assert_accessible
):
    settings.PARCOURS_REQUIRE_COORDINATOR_2FA = True
    sign_in_staff(page, live_server, "coordination@example.org")
    expect(page).to_have_url(re.compile(r"/mon-compte/double-authentification/\?next="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Activer la double authentification")
    assert_accessible(page)
    # What a person would type into their app from the text under the QR code.
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    totp = pyotp.TOTP(secret)
    page.get_by_label("Code à 6 chiffres affiché par l'application").fill(totp.now())
    page.get_by_role("button", name="Valider").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Vos codes de secours")
    expect(page.locator("ol.recovery-codes li")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("link", name="J'ai noté mes codes").click()
    expect(page.get_by_text("Bonjour Nathalie")).to_be_visible()

    page.get_by_role("button", name="Me déconnecter").click()
    sign_in_staff(page, live_server, "coordination@example.org")
    expect(page).to_have_url(re.compile(r"/connexion/code/$"))
    assert_accessible(page)
    # The code that confirmed the app is spent: the app's next one.
    page.get_by_label("Code à 6 chiffres de votre application").fill(
        totp.at(timezone.now(), counter_offset=1)
    )
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_text("Bonjour Nathalie")).to_be_visible()

    page.get_by_role("link", name="Mon compte").click()
    expect(page.get_by_text("Il vous reste 10 codes de secours.")).to_be_visible()
    assert_accessible(page)
