"""Staff pages are light too: each role's main pages send at most 60 KB of HTML, CSS
and JavaScript, compressed, as the browser fetched them (trainee pages: see
test_trainee_pages.py). Measured on the demo programme; the lists that grow with a
network's size are paged (tests/people/test_trainee_list_pages.py)."""

import pytest

from tests.browser.test_sign_in import sign_in_staff
from tests.browser.test_trainee_pages import BUDGET, compressed_weight

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGES = {
    "coordination@example.org": [
        "/accueil/",
        "/stagiaires/",
        "/orientations/a-traiter/",
        "/ateliers/",
        "/statistiques/",
        "/comptes-rendus/suivi/",
        "/journal/",
    ],
    "formatrice@example.org": ["/accueil/", "/aujourdhui/", "/comptes-rendus/", "/stagiaires/"],
    "referente@example.org": ["/accueil/", "/comptes-rendus/", "/orientations/"],
}


@pytest.fixture
def page(browser):
    """A fresh context of its own (the measure reads response bodies)."""
    context = browser.new_context(locale="fr-FR", bypass_csp=True)
    yield context.new_page()
    context.close()


def test_public_pages_weigh_at_most_60_kb(page, live_server, demo):
    for path in ["/", "/connexion/", "/participer/", "/confidentialite/"]:
        weight = compressed_weight(page, live_server.url + path)
        assert 0 < weight <= BUDGET, f"{path}: {weight} bytes"


@pytest.mark.parametrize("email", PAGES)
def test_each_roles_main_pages_weigh_at_most_60_kb(page, live_server, demo, email):
    sign_in_staff(page, live_server, email)
    for path in PAGES[email]:
        weight = compressed_weight(page, live_server.url + path)
        assert page.url.endswith(path), f"{path} led to {page.url}"
        assert 0 < weight <= BUDGET, f"{path}: {weight} bytes"
