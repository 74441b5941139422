"""Screenshots of every trainee page at phone size, in French and Arabic.

Run by hand against a running demo (not part of the tests):

    uv run parcours demo --port 8877 &
    uv run python docs/screenshots/trainee_pages.py http://127.0.0.1:8877

Writes docs/screenshots/stagiaire-<page>-<language>.png (360×640).
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {
    "connexion": "/connexion/stagiaire/?u=amina",
    "accueil": "/accueil/",
    "accord": "/mon-accord/",
    "rappels": "/mes-rappels/",
    "reussites": "/mes-reussites/",
    "comptes": "/mes-comptes/",
    "calendrier": "/calendrier/",
}
HERE = Path(__file__).parent


def main(base):
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        for language in ("fr", "ar"):
            context = browser.new_context(viewport={"width": 360, "height": 640}, locale="fr-FR")
            context.add_cookies([{"name": "django_language", "value": language, "url": base}])
            page = context.new_page()
            page.goto(base + PAGES["connexion"])
            page.screenshot(path=HERE / f"stagiaire-connexion-{language}.png")
            page.locator("#id_pin").fill("246810")
            page.locator("form.trainee-form button[type=submit]").click()
            page.wait_for_load_state()
            # The account remembers its language: choose it once signed in.
            page.locator("#language-select").select_option(language)
            page.locator(".language-switcher button").click()
            page.wait_for_load_state()
            for name, path in PAGES.items():
                if name == "connexion":
                    continue
                page.goto(base + path)
                page.screenshot(path=HERE / f"stagiaire-{name}-{language}.png")
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8877")
