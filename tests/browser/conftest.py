"""Browser tests: Playwright (Python) driving Debian's Chromium against pytest-django's
live server, with axe-core (vendored, MPL-2.0) checking WCAG 2.1 A/AA on every page.
Chromium's set-up is in playwright_setup.py, loaded for the whole suite (tests/conftest.py)."""

from pathlib import Path

import pytest
from django.core.management import call_command

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def demo(transactional_db, settings):
    # As `parcours demo` serves it: the README's coordinator signs in with the password
    # alone (tests/browser/test_two_factor.py turns the requirement back on).
    settings.PARCOURS_REQUIRE_COORDINATOR_2FA = False
    call_command("demo_data", verbosity=0)


def axe_violations(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' '))}))",
        WCAG,
    )


@pytest.fixture
def assert_accessible():
    def check(page):
        violations = axe_violations(page)
        assert violations == [], f"{page.url}: {violations}"

    return check
