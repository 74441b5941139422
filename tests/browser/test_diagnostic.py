"""A needs diagnostic at phone size, with taps only (a touch screen, no keyboard)."""

import pytest
from playwright.sync_api import expect

from parcours.progress.models import Diagnostic, Skill
from tests.browser.conftest import axe_violations
from tests.browser.test_sign_in import sign_in_staff

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        has_touch=True,
        is_mobile=True,
        locale="fr-FR",
        bypass_csp=True,
    )
    yield context.new_page()
    context.close()


def test_a_diagnostic_runs_by_tapping_and_resumes(phone, live_server, demo):
    page = phone
    sign_in_staff(page, live_server, "formatrice@example.org")
    page.get_by_role("link", name="Stagiaires", exact=True).tap()
    page.get_by_role("link", name="Karim Haddad").tap()
    page.get_by_role("link", name="Parcours : objectifs, diagnostic, chronologie").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Parcours de Karim Haddad")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Commencer le diagnostic").tap()
    skills = list(Skill.objects.all())
    answers = ["Je ne sais pas encore", "Je sais avec de l'aide", "Je sais faire seul·e"]
    for index, answer in enumerate(answers):
        expect(page.get_by_role("heading", level=1)).to_have_text(skills[index].easy_fr)
        if index == 0:
            assert axe_violations(page) == []
        page.get_by_role("button", name=answer).tap()
    # Stop, then resume from the path page: the fourth skill comes next.
    page.get_by_role("link", name="Arrêter ici, reprendre plus tard").tap()
    page.get_by_role("button", name="Reprendre le diagnostic").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text(skills[3].easy_fr)
    diagnostic = Diagnostic.objects.get(trainee__user__username="karim")
    levels = diagnostic.answers.order_by("skill__domain__position", "skill__position").values_list(
        "level", flat=True
    )
    assert list(levels) == [0, 1, 2]
