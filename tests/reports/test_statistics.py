"""Programme statistics: figures, trends, exports, and a fixed number of queries."""

import csv
import datetime
import io

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from parcours.courses.models import Attendance, Lesson
from parcours.progress.models import Goal, Milestone
from parcours.reports import statistics
from tests.courses.factories import CourseFactory, EnrolmentFactory, RoomFactory
from tests.people.factories import TraineeFactory
from tests.referrals.factories import ReferralFactory

TODAY = timezone.localdate()


@pytest.fixture
def activity(course, trainee, other_trainee, other_site, other_trainer, social_worker):
    """At the trainer's site: Amina present, late, absent; one lesson cancelled.
    At the other site: Karim present at a 90-minute lesson. One referral, two successes."""
    trainee.birth_year = TODAY.year - 41
    trainee.save()
    EnrolmentFactory(course=course, trainee=trainee)
    days = [TODAY - datetime.timedelta(days=d) for d in (1, 8, 15, 22)]
    for day, status in zip(days[:3], ["present", "late", "absent"], strict=True):
        lesson = Lesson.objects.create(course=course, date=day, start_time=course.start_time)
        Attendance.objects.create(lesson=lesson, trainee=trainee, status=status)
    Lesson.objects.create(course=course, date=days[3], start_time=course.start_time, cancelled=True)
    other_course = CourseFactory(room=RoomFactory(site=other_site), trainers=[other_trainer])
    lesson = Lesson.objects.create(
        course=other_course, date=days[0], start_time=other_course.start_time, duration_minutes=90
    )
    Attendance.objects.create(lesson=lesson, trainee=other_trainee, status="present")
    ReferralFactory(referrer=social_worker)
    milestone, _ = Milestone.objects.get_or_create(
        code="test_own_email", defaults={"label_fr": "A sa propre adresse e-mail"}
    )
    Goal.objects.create(trainee=trainee, milestone=milestone, status="reached", reached_on=days[0])
    Goal.objects.create(trainee=trainee, own_words="Blog", status="reached", reached_on=days[1])
    Goal.objects.create(trainee=trainee, own_words="Ouvert", status="open")
    return days


def test_the_figures_of_a_period(activity, site, trainee, organisation, other_organisation):
    stats = statistics.compute(TODAY - datetime.timedelta(days=40), TODAY)
    assert stats.summary == {
        "active_trainees": 2,
        "new_referrals": 1,
        "sessions_held": 4,
        "sessions_cancelled": 1,
        "attendances": 3,
        "hours": 3.5,  # 60 + 60 + 90 minutes
        "attendance_rate": 75,  # 3 of 4 recorded
        "successes": 2,
    }
    assert {row["label"]: row["count"] for row in stats.by_organisation} == {
        organisation.name: 1,
        other_organisation.name: 1,
    }
    ages = {row["code"]: row["count"] for row in stats.by_age}
    assert ages["quarante_cinquante_neuf"] == 1  # Amina, 41
    assert ages["non_communique"] == 1  # Karim, birth year not recorded
    assert sum(ages.values()) == 2
    assert {row["code"]: row["count"] for row in stats.successes} == {"test_own_email": 1, "": 1}
    assert sum(month["attendances"] for month in stats.months) == 3


def test_a_site_narrows_every_figure(activity, site):
    stats = statistics.compute(TODAY - datetime.timedelta(days=40), TODAY, site)
    assert stats.summary["active_trainees"] == 1
    assert stats.summary["sessions_held"] == 3
    assert stats.summary["hours"] == 2.0
    assert stats.summary["attendance_rate"] == 67


def test_the_page_shows_charts_with_tables_and_no_inline_style(client, coordinator, activity):
    client.force_login(coordinator)
    response = client.get(reverse("reports:statistics"))
    assert response.status_code == 200
    text = response.text
    assert text.count("<svg") >= 6 and 'role="img"' in text
    assert text.count('class="chart-table"') == text.count('class="chart"')
    assert "style=" not in text
    assert "<script" not in text


def test_a_wrong_period_is_explained(client, coordinator):
    client.force_login(coordinator)
    response = client.get(
        reverse("reports:statistics"), {"start": "2026-05-01", "end": "2026-01-01"}
    )
    assert response.context["stats"] is None
    assert "La fin vient avant le début." in response.text


def test_the_xlsx_totals_equal_the_dashboards(client, coordinator, activity):
    client.force_login(coordinator)
    query = {"start": (TODAY - datetime.timedelta(days=60)).isoformat(), "end": TODAY.isoformat()}
    page = client.get(reverse("reports:statistics"), query)
    shown = {str(label): value for _key, label, value in page.context["stats"].summary_rows()}

    response = client.get(reverse("reports:statistics_xlsx"), query)
    workbook = load_workbook(io.BytesIO(response.content))
    summary = workbook["Synthèse"]
    rows = list(summary.iter_rows(min_row=2, values_only=True))
    assert dict(rows) == shown
    months = list(workbook["Par mois"].iter_rows(values_only=True))
    header, body = months[0], months[1:]
    hours = header.index("Heures d'accompagnement")
    assert sum(row[hours] for row in body) == shown["Heures d'accompagnement"]
    assert set(workbook.sheetnames) >= {
        "Synthèse",
        "Par mois",
        "Par structure",
        "Par âge",
        "Réussites",
    }


def test_the_csv_holds_the_same_figures(client, coordinator, activity):
    client.force_login(coordinator)
    page = client.get(reverse("reports:statistics"))
    shown = {str(label): value for _key, label, value in page.context["stats"].summary_rows()}
    response = client.get(reverse("reports:statistics_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    summary = {row[2]: row[3] for row in rows if row[0] == "Synthèse"}
    assert summary == {label: str(value) for label, value in shown.items()}


def count_queries(client, url):
    caches["shared"].clear()  # the computation itself, not the kept figures
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_trainees(course, number):
    lessons = list(Lesson.objects.filter(course=course))
    for trainee in TraineeFactory.create_batch(number, site=course.room.site):
        EnrolmentFactory(course=course, trainee=trainee)
        Attendance.objects.bulk_create(
            Attendance(lesson=lesson, trainee=trainee, status="present") for lesson in lessons
        )
        Goal.objects.create(
            trainee=trainee, own_words="Réussite", status="reached", reached_on=TODAY
        )


def test_the_statistics_page_query_count_does_not_grow_with_trainees(
    client, coordinator, activity, course
):
    client.force_login(coordinator)
    url = reverse("reports:statistics")
    add_trainees(course, 2)
    small = count_queries(client, url)
    add_trainees(course, 30)
    assert count_queries(client, url) == small


def test_the_activity_report_is_a_pdf_of_the_year(client, coordinator, activity):
    from pypdf import PdfReader

    client.force_login(coordinator)
    response = client.get(reverse("reports:activity_pdf"), {"year": TODAY.year})
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert f"Rapport d'activité {TODAY.year}" in " ".join(text.split())
    assert "Amina" not in text


def test_a_future_year_is_refused(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("reports:activity_pdf"), {"year": TODAY.year + 1})
    assert response.status_code == 302


def test_the_dashboard_keeps_its_figures_for_a_while_and_says_when(
    client, coordinator, settings, activity
):
    settings.PARCOURS_REQUIRE_COORDINATOR_2FA = False
    client.force_login(coordinator)
    url = reverse("reports:statistics")
    assert "Chiffres calculés à" in client.get(url).text
    with CaptureQueriesContext(connection) as again:
        assert client.get(url).status_code == 200
    # Kept: the second view runs none of the aggregation queries.
    assert not any("courses_attendance" in query["sql"] for query in again.captured_queries)
    caches["shared"].clear()
    with CaptureQueriesContext(connection) as recomputed:
        client.get(url)
    assert any("courses_attendance" in query["sql"] for query in recomputed.captured_queries)


def test_the_worker_computes_the_usual_periods_ahead(client, coordinator, settings, activity):
    """After the worker's job, neither the dashboard's default period nor this year's
    activity report aggregates anything in the request, and they show the same figures
    as a computation made then."""
    from parcours.reports import statistics
    from parcours.reports.forms import default_statistics_period
    from parcours.reports.tasks import refresh_statistics

    settings.PARCOURS_REQUIRE_COORDINATOR_2FA = False
    refresh_statistics.call()
    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as dashboard:
        page = client.get(reverse("reports:statistics"))
    assert not any("courses_attendance" in query["sql"] for query in dashboard.captured_queries)
    start, end = default_statistics_period()
    assert page.context["stats"].summary == statistics.compute(start, end).summary
    assert page.context["stats"].summary["attendances"] > 0
    with CaptureQueriesContext(connection) as activity_report:
        client.get(reverse("reports:activity_pdf"), {"year": TODAY.year})
    assert not any(
        "courses_attendance" in query["sql"] for query in activity_report.captured_queries
    )
    # Another period is computed when asked.
    with CaptureQueriesContext(connection) as other:
        client.get(reverse("reports:statistics"), {"start": start.replace(year=start.year - 1)})
    assert any("courses_attendance" in query["sql"] for query in other.captured_queries)
