"""Every trainee page at 360×640, in French and Arabic: accessible, light, mirrored in
Arabic, safe on a shared computer, and readable on a slow 3G connection."""

import gzip
import re
import time

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TRAINEE_PAGES = [
    "/accueil/",
    "/mon-accord/",
    "/mes-rappels/",
    "/mes-reussites/",
    "/mes-comptes/",
    "/calendrier/",
]
BUDGET = 60 * 1024  # bytes of HTML, CSS and JavaScript, compressed
# What a finger taps. Radio buttons and checkboxes are tapped through their whole row.
TARGETS = (
    "main button, main a.button, header button, main select, main .choice, "
    "main input:not([type=radio]):not([type=checkbox])"
)


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, locale="fr-FR", bypass_csp=True
    )
    page = context.new_page()
    yield page
    context.close()


def sign_in(page, live_server, language="fr"):
    page.goto(f"{live_server.url}/connexion/stagiaire/?u=amina")
    if language != "fr":
        page.locator("#language-select").select_option(language)
        page.locator(".language-switcher button").click()
    page.locator("#id_pin").fill("246810")
    page.locator("form.trainee-form button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("Amina")


def compressed_weight(page, url):
    """Gzip size of the HTML, CSS and JavaScript a page load fetched."""
    responses = []

    def keep(response):
        # Only collected here: reading a body inside the event handler never returns.
        if response.request.resource_type in {"document", "stylesheet", "script"}:
            responses.append(response)

    page.on("response", keep)
    page.goto(url)
    page.wait_for_load_state("load")
    page.remove_listener("response", keep)
    bodies, documents = [], 0
    for response in responses:
        if not response.ok:
            continue
        try:
            bodies.append(response.body())
        except PlaywrightError:  # a document navigated away from: not part of the page
            continue
        documents += response.request.resource_type == "document"
    assert documents == 1, f"{url}: {documents} pages read"
    return sum(len(gzip.compress(body)) for body in bodies)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_every_trainee_page_is_accessible_and_light(phone, live_server, demo, language):
    sign_in(phone, live_server, language)
    for path in ["/connexion/stagiaire/", *TRAINEE_PAGES]:
        url = live_server.url + path
        weight = compressed_weight(phone, url)
        assert weight <= BUDGET, f"{path}: {weight} bytes"
        expect(phone.locator("html")).to_have_attribute("lang", language)
        expect(phone.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
        assert axe_violations(phone) == [], path
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways"
        small = phone.evaluate(
            """(selector) => [...document.querySelectorAll(selector)]
                 .filter(e => e.offsetParent !== null)
                 .map(e => e.getBoundingClientRect())
                 .filter(r => r.width < 44 || r.height < 44).length""",
            TARGETS,
        )
        assert small == 0, f"{path}: {small} touch targets under 44×44 px"


def test_the_arabic_layout_is_mirrored(phone, live_server, demo):
    sign_in(phone, live_server, "fr")
    brand_fr = phone.locator(".brand").bounding_box()["x"]
    sign_in(phone, live_server, "ar")
    brand_ar = phone.locator(".brand").bounding_box()["x"]
    # The programme's name starts the bar: on the left in French, on the right in Arabic.
    assert brand_fr < 50 < brand_ar


def test_after_sign_out_the_back_button_shows_nothing_personal(phone, live_server, demo):
    sign_in(phone, live_server)
    phone.goto(live_server.url + "/mes-comptes/")
    expect(phone.locator("main")).to_contain_text("amina.rakoto85@gmail.com")
    phone.locator("header form.logout button").click()
    expect(phone).to_have_url(re.compile(r"/connexion/stagiaire/$"))
    phone.go_back()
    phone.wait_for_load_state()
    assert "amina.rakoto85" not in phone.content() and "Rakoto" not in phone.content()
    # Nothing remembered: the sign-in form does not offer the last username.
    phone.goto(live_server.url + "/connexion/stagiaire/")
    expect(phone.locator("#id_username")).to_have_value("")
    expect(phone.locator("#id_username")).to_have_attribute("autocomplete", "off")


def test_the_home_page_is_readable_in_under_3_seconds_on_slow_3g(phone, live_server, demo):
    sign_in(phone, live_server)
    cdp = phone.context.new_cdp_session(phone)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    # Chromium's "Slow 3G" profile: 400 ms round trip, 400 kbit/s each way.
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 400,
            "downloadThroughput": 400 * 1024 / 8,
            "uploadThroughput": 400 * 1024 / 8,
        },
    )
    started = time.monotonic()
    phone.goto(live_server.url + "/accueil/", wait_until="commit")
    expect(phone.get_by_role("heading", level=1)).to_be_visible()
    phone.wait_for_load_state("load")
    elapsed = time.monotonic() - started
    assert elapsed < 3, f"{elapsed:.1f} s"


def test_the_pin_pad_fills_the_code(phone, live_server, demo):
    phone.goto(f"{live_server.url}/connexion/stagiaire/?u=amina")
    for digit in "246810":
        phone.locator(f"#pin-pad button[data-key='{digit}']").click()
    expect(phone.locator("#id_pin")).to_have_value("246810")
    expect(phone.locator("#pin-count")).to_have_text("6 / 6")
    phone.locator("form.trainee-form button[type=submit]").click()
    expect(phone.locator("h1")).to_contain_text("Amina")


def test_read_aloud_shows_only_where_the_browser_can_speak(browser, live_server, demo):
    speaking = browser.new_context(locale="fr-FR")
    page = speaking.new_page()
    page.goto(f"{live_server.url}/connexion/stagiaire/")
    expect(page.locator("#read-aloud")).to_be_visible()
    speaking.close()
    mute = browser.new_context(locale="fr-FR")
    mute.add_init_script("delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;")
    page = mute.new_page()
    page.goto(f"{live_server.url}/connexion/stagiaire/")
    expect(page.locator("#read-aloud")).to_be_hidden()
    mute.close()


def test_the_idle_warning_counts_down_and_continuer_extends(phone, live_server, demo, settings):
    settings.TRAINEE_IDLE_TIMEOUT = 123  # the warning comes 2 minutes before: after 3 s
    sign_in(phone, live_server)
    warning = phone.get_by_role("alertdialog")
    expect(warning).to_be_visible(timeout=10_000)
    expect(warning).to_contain_text("Êtes-vous encore là ?")
    expect(phone.get_by_role("button", name="Continuer")).to_be_focused()
    phone.get_by_role("button", name="Continuer").click()
    expect(warning).to_be_hidden()
    expect(phone.locator("h1")).to_contain_text("Amina")
