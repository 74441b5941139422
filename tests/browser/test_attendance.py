"""A trainer takes attendance on a phone, ten minutes before class, by tapping."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from parcours.courses.models import Attendance, Lesson
from tests.browser.test_sign_in import sign_in_staff

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_whole_roster_is_taken_by_tapping_at_phone_size(
    page, live_server, demo, assert_accessible
):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in_staff(page, live_server, "formatrice@example.org")
    page.get_by_role("link", name="Aujourd'hui").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Faire l'appel").first.click()
    lesson = Lesson.objects.get(pk=int(page.url.rstrip("/").split("/")[-1]))
    rows = page.locator(".roster-row")
    count = rows.count()
    assert count >= 5
    assert_accessible(page)
    choices = ["Présent·e", "En retard", "Excusé·e", "Absent·e"]
    for index in range(count):
        row = rows.nth(index)
        label = choices[index % 4]
        row.get_by_role("button", name=label, exact=False).filter(has_text=label).click()
        # htmx swaps the row in place: the tapped button shows as pressed.
        expect(row.get_by_role("button", name=label).filter(has_text=label)).to_have_attribute(
            "aria-pressed", "true"
        )
    statuses = list(
        Attendance.objects.filter(lesson=lesson)
        .order_by("trainee__first_name", "trainee__last_name")
        .values_list("status", flat=True)
    )
    assert statuses == [["present", "late", "excused", "absent"][i % 4] for i in range(count)]
    # No full page load happened: still the same document, scrolled where the trainer was.
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert_accessible(page)


def test_attendance_works_without_javascript(browser, live_server, demo):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}, locale="fr-FR"
    )
    page = context.new_page()
    sign_in_staff(page, live_server, "formatrice@example.org")
    lesson = Lesson.objects.filter(date=timezone.localdate()).first()
    page.goto(f"{live_server.url}/seances/{lesson.pk}/")
    first = page.locator(".roster-row").first
    first.get_by_role("button").filter(has_text="Absent·e").click()
    expect(
        page.locator(".roster-row").first.get_by_role("button").filter(has_text="Absent·e")
    ).to_have_attribute("aria-pressed", "true")
    assert Attendance.objects.filter(lesson=lesson, status="absent").count() == 1
    context.close()
