"""The trainer reviews a draft, writes a comment per trainee and sends; the social worker
is told by an e-mail without personal data."""

import datetime

from django.core import mail
from django.urls import reverse

from parcours.reports import actions
from parcours.reports.models import Report
from tests.people.factories import UserFactory


def test_the_social_worker_cannot_open_a_draft(client, social_worker, draft_report):
    client.force_login(social_worker)
    assert client.get(reverse("reports:detail", args=[draft_report.pk])).status_code == 404
    assert client.get(reverse("reports:pdf", args=[draft_report.pk])).status_code == 404
    assert draft_report not in client.get(reverse("reports:list")).context["reports"]


def test_the_trainer_sees_the_draft_with_the_sessions(client, trainer, draft_report, trainee):
    client.force_login(trainer)
    response = client.get(reverse("reports:detail", args=[draft_report.pk]))
    assert response.status_code == 200
    lesson_day = draft_report.period_start + datetime.timedelta(days=1)
    assert "Amina Rakoto" in response.text
    assert lesson_day.strftime("%Y") in response.text
    assert reverse("reports:send", args=[draft_report.pk]) in response.text


def test_the_trainer_comments_and_sends(
    client,
    trainer,
    social_worker,
    draft_report,
    draft_entry,
    django_capture_on_commit_callbacks,
    run_tasks,
):
    client.force_login(trainer)
    client.post(
        reverse("reports:comment", args=[draft_report.pk, draft_entry.pk]),
        {"comment": "Très régulière, premier e-mail envoyé."},
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:send", args=[draft_report.pk]))
    assert response.status_code == 302
    draft_report.refresh_from_db()
    assert draft_report.is_sent and draft_report.sent_by == trainer
    assert not draft_report.sent_automatically
    draft_entry.refresh_from_db()
    assert draft_entry.comment == "Très régulière, premier e-mail envoyé."
    assert draft_entry.content["came"] == 1

    notice = social_worker.notifications.get()
    assert notice.url == reverse("reports:detail", args=[draft_report.pk])
    with django_capture_on_commit_callbacks(execute=True):
        run_tasks()
    (email,) = mail.outbox
    assert email.to == [social_worker.email]
    assert reverse("reports:detail", args=[draft_report.pk]) in email.body
    for personal in ("Amina", "Rakoto", "régulière"):
        assert personal not in email.body and personal not in email.subject

    client.force_login(social_worker)
    page = client.get(reverse("reports:detail", args=[draft_report.pk])).text
    assert "Très régulière, premier e-mail envoyé." in page


def test_a_sent_report_keeps_what_was_sent(client, social_worker, sent_report, trainee):
    # Attendance corrected after sending does not change what the social worker read.
    from parcours.courses.models import Attendance

    Attendance.objects.filter(trainee=trainee).update(status="present", note="Corrigé après")
    client.force_login(social_worker)
    page = client.get(reverse("reports:detail", args=[sent_report.pk])).text
    assert "Corrigé après" not in page
    assert "Adresse e-mail créée." in page


def test_a_sent_report_cannot_be_edited(client, trainer, sent_report):
    client.force_login(trainer)
    entry = sent_report.entries.get()
    assert (
        client.post(
            reverse("reports:comment", args=[sent_report.pk, entry.pk]), {"comment": "x"}
        ).status_code
        == 404
    )
    assert client.post(reverse("reports:send", args=[sent_report.pk])).status_code == 404


def test_each_trainer_sees_and_sends_only_their_trainees_part(
    client, trainer, other_trainer, two_courses_report
):
    url = reverse("reports:detail", args=[two_courses_report.pk])
    client.force_login(trainer)
    page = client.get(url).text
    assert "Amina" in page and "Nadia" not in page
    client.post(reverse("reports:send", args=[two_courses_report.pk]))
    two_courses_report.refresh_from_db()
    assert two_courses_report.is_draft  # Nadia's part is not ready yet

    client.force_login(other_trainer)
    page = client.get(url).text
    assert "Nadia" in page and "Amina" not in page
    nadia_entry = two_courses_report.entries.get(trainee__first_name="Nadia")
    amina_entry = two_courses_report.entries.get(trainee__first_name="Amina")
    assert (
        client.post(
            reverse("reports:comment", args=[two_courses_report.pk, amina_entry.pk])
        ).status_code
        == 404
    )
    client.post(
        reverse("reports:comment", args=[two_courses_report.pk, nadia_entry.pk]),
        {"comment": "Bien."},
    )
    client.post(reverse("reports:send", args=[two_courses_report.pk]))
    two_courses_report.refresh_from_db()
    assert two_courses_report.is_sent
    assert two_courses_report.entries.count() == 2


def test_the_coordinator_sends_a_whole_report(client, coordinator, two_courses_report):
    client.force_login(coordinator)
    client.post(reverse("reports:send", args=[two_courses_report.pk]))
    two_courses_report.refresh_from_db()
    assert two_courses_report.is_sent and two_courses_report.sent_by == coordinator


def test_a_trainer_of_another_course_does_not_see_the_report(draft_report, site):
    from parcours import access

    stranger = UserFactory(trainer=True, sites=[site])
    assert not access.reports_for(stranger).exists()


def test_sending_twice_sends_once(draft_report, trainer):
    assert actions.deliver_report(report=draft_report, by=trainer)
    assert not actions.deliver_report(report=draft_report, by=trainer, automatically=True)
    draft_report.refresh_from_db()
    assert draft_report.sent_by == trainer and not draft_report.sent_automatically
    assert Report.objects.sent().count() == 1
