"""The locker in a real Chromium at 360×640, in French and Arabic: every page passes
axe (WCAG 2.1 A/AA), nothing scrolls sideways (not even a 200-character name), targets
are big enough to tap, and drag and drop uploads (the script is an enhancement)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations
from tests.locker.fixtures import put
from tests.locker.test_upload import PNG

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TARGETS = "main button, main a.button, main a.locker-item, main select, main summary"


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, locale="fr-FR", bypass_csp=True
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def aminas_locker(
    trainee, social_worker, locker_storage, locker_folder, locker_share, trashed_file
):
    from parcours.locker import actions

    put(trainee, "Photo de la carte " + "très longue " * 15 + ".png", PNG)
    put(trainee, "شهادة السكن.pdf")
    actions.record_opening(actor=social_worker, file=locker_share.file)
    return trainee


def sign_in(page, live_server, language="fr"):
    page.goto(f"{live_server.url}/connexion/stagiaire/?u=amina")
    if language != "fr":
        page.locator("#language-select").select_option(language)
        page.locator(".language-switcher button").click()
    page.locator("#id_pin").fill("246810")
    page.locator("form.trainee-form button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("Amina")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_every_locker_page_is_accessible_on_a_phone(
    phone, live_server, aminas_locker, locker_folder, language
):
    from parcours.locker.models import StoredFile

    sign_in(phone, live_server, language)
    image = StoredFile.objects.get(name__startswith="Photo de la carte")
    paths = [
        "/mes-documents/",
        f"/mes-documents/dossiers/{locker_folder.pk}/",
        f"/mes-documents/fichiers/{image.pk}/",
        "/mes-documents/photo-courrier/",
        "/mes-documents/corbeille/",
        "/mes-documents/qui-a-ouvert/",
        "/mes-documents/partages/",
    ]
    for path in paths:
        phone.goto(live_server.url + path)
        expect(phone.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
        assert axe_violations(phone) == [], path
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways"
        small = phone.evaluate(
            """(selector) => [...document.querySelectorAll(selector)]
                 .filter(e => e.offsetParent !== null)
                 .map(e => e.getBoundingClientRect())
                 .filter(r => r.height < 44).length""",
            TARGETS,
        )
        assert small == 0, f"{path}: {small} touch targets under 44 px high"


def test_the_image_preview_shows(phone, live_server, aminas_locker):
    from parcours.locker.models import StoredFile

    sign_in(phone, live_server)
    image = StoredFile.objects.get(name__startswith="Photo de la carte")
    phone.goto(f"{live_server.url}/mes-documents/fichiers/{image.pk}/")
    loaded = phone.locator(".locker-preview img").evaluate(
        "img => img.complete && img.naturalWidth"
    )
    assert loaded == 1


def test_files_dropped_on_the_form_are_uploaded(phone, live_server, trainee, locker_storage):
    from parcours.locker.models import StoredFile

    sign_in(phone, live_server)
    phone.goto(live_server.url + "/mes-documents/")
    expect(phone.locator(".locker-drop-hint")).to_be_visible()
    phone.evaluate(
        """() => {
            const transfer = new DataTransfer();
            transfer.items.add(new File(["%PDF-1.4 glissé"], "glissé.pdf", {type: "application/pdf"}));
            const form = document.querySelector("[data-locker-drop]");
            form.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
        }"""
    )
    expect(phone.locator(".messages")).to_contain_text("1 document ajouté.")
    expect(phone.locator(".locker-list")).to_contain_text("glissé.pdf")
    assert StoredFile.objects.get().name == "glissé.pdf"


def test_the_file_input_uploads_without_javascript(browser, live_server, trainee, locker_storage):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(f"{live_server.url}/connexion/stagiaire/?u=amina")
    page.locator("#id_pin").fill("246810")
    page.locator("form.trainee-form button[type=submit]").click()
    page.goto(live_server.url + "/mes-documents/")
    page.locator("#locker-files").set_input_files(
        [
            {"name": "a.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 a"},
            {"name": "b.png", "mimeType": "image/png", "buffer": PNG},
        ]
    )
    page.locator(".locker-drop button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("2 documents ajoutés.")
    context.close()


def test_the_shared_with_me_page_is_accessible(browser, live_server, social_worker, locker_share):
    from django.test import Client

    client = Client()
    client.force_login(social_worker)
    context = browser.new_context(bypass_csp=True, locale="fr-FR")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(live_server.url + "/documents-partages/")
    expect(page.locator("main")).to_contain_text("Lettre CAF.pdf")
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/documents-partages/fichiers/{locker_share.file.pk}/")
    assert axe_violations(page) == []
    context.close()
