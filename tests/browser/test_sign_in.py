"""Each demo role signs in through the real pages and reaches its home; every page
visited passes axe-core's WCAG 2.1 A/AA rules."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STAFF = [
    ("coordination@example.org", "Bonjour Nathalie", "Structures partenaires"),
    ("formatrice@example.org", "Bonjour Sophie", "Mes stagiaires"),
    ("referente@example.org", "Bonjour Claire", "Les personnes que je suis"),
    ("referent2@example.org", "Bonjour Julien", "Les personnes que je suis"),
]


def sign_in_staff(page, live_server, email):
    page.goto(f"{live_server.url}/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill("parcours-demo")
    page.get_by_role("button", name="Se connecter").click()


def sign_in_trainee(page, live_server, username, pin):
    page.goto(f"{live_server.url}/connexion/stagiaire/?u={username}")
    page.get_by_label("Mon code").fill(pin)
    page.get_by_role("button", name="Entrer").click()


def test_public_home_is_accessible(page, live_server, demo, assert_accessible):
    page.goto(live_server.url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("atelier numérique")
    assert_accessible(page)


@pytest.mark.parametrize(("email", "greeting", "section"), STAFF)
def test_staff_sign_in_and_reach_their_home(
    page, live_server, demo, assert_accessible, email, greeting, section
):
    page.goto(f"{live_server.url}/connexion/")
    assert_accessible(page)
    sign_in_staff(page, live_server, email)
    expect(page).to_have_url(re.compile(r"/accueil/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(greeting)
    expect(page.get_by_role("heading", name=section)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Stagiaires", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stagiaires")
    assert_accessible(page)


@pytest.mark.parametrize(
    ("username", "pin", "name"), [("amina", "246810", "Amina"), ("karim", "135791", "Karim")]
)
def test_trainees_sign_in_with_their_pin_and_reach_their_home(
    page, live_server, demo, assert_accessible, username, pin, name
):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/connexion/stagiaire/?u={username}")
    # The login card's QR code fills the username.
    expect(page.get_by_label("Mon identifiant")).to_have_value(username)
    assert_accessible(page)
    sign_in_trainee(page, live_server, username, pin)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Bonjour {name}")
    assert_accessible(page)
    page.get_by_role("button", name="Me déconnecter").click()
    expect(page).to_have_url(re.compile(r"/connexion/stagiaire/$"))


def test_a_wrong_pin_says_what_to_do_next(page, live_server, demo, assert_accessible):
    sign_in_trainee(page, live_server, "amina", "975319")
    expect(page.get_by_role("alert")).to_contain_text("Regardez votre carte et essayez encore")
    assert_accessible(page)


def test_social_workers_never_see_the_other_organisation_trainee(page, live_server, demo):
    for email, hidden in [("referente@example.org", "Karim"), ("referent2@example.org", "Amina")]:
        page.context.clear_cookies()
        sign_in_staff(page, live_server, email)
        for path in ["/accueil/", "/stagiaires/"]:
            page.goto(f"{live_server.url}{path}")
            expect(page.locator("main")).not_to_contain_text(hidden)


def test_trainer_gives_a_new_pin_that_works(page, live_server, demo, assert_accessible):
    sign_in_staff(page, live_server, "formatrice@example.org")
    page.get_by_role("link", name="Amina Rakoto").first.click()
    assert_accessible(page)
    page.get_by_role("button", name="Donner un nouveau code").click()
    pin = page.locator(".pin-digits").inner_text()
    assert re.fullmatch(r"\d{6}", pin)
    assert_accessible(page)
    page.context.clear_cookies()
    sign_in_trainee(page, live_server, "amina", pin)
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Amina")


def test_pages_fit_a_320_pixel_screen(page, live_server, demo):
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in_staff(page, live_server, "coordination@example.org")
    for path in ["/accueil/", "/stagiaires/", "/connexion/stagiaire/", "/"]:
        page.goto(f"{live_server.url}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"


def test_the_english_interface_is_one_click_away(page, live_server, demo, assert_accessible):
    page.goto(f"{live_server.url}/connexion/stagiaire/")
    page.get_by_label("Langue").select_option("en")
    page.get_by_role("button", name="Changer").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in with my code")
    assert_accessible(page)
