"""The social worker reads and answers; the trainer sees the answer; the coordination
sees read and answer rates per organisation."""

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from parcours.reports import home
from parcours.reports.models import Report, ReportEntry


def test_the_social_worker_marks_the_report_as_read(client, social_worker, sent_report):
    client.force_login(social_worker)
    client.post(reverse("reports:read", args=[sent_report.pk]))
    sent_report.refresh_from_db()
    assert sent_report.read_at is not None
    assert sent_report.answered_at is None


def test_another_social_worker_cannot_answer(client, other_social_worker, sent_report):
    client.force_login(other_social_worker)
    url = reverse("reports:answer", args=[sent_report.pk])
    assert client.post(url, {"kind": "comment"}).status_code == 404


def test_the_social_worker_answers_with_a_rating_and_a_request(
    client,
    social_worker,
    trainer,
    sent_report,
    trainee,
    django_capture_on_commit_callbacks,
):
    entry = sent_report.entries.get()
    client.force_login(social_worker)
    page = client.get(reverse("reports:answer", args=[sent_report.pk]))
    assert "Amina Rakoto" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:answer", args=[sent_report.pk]),
            {
                f"rating_{entry.pk}": ReportEntry.Rating.GOOD,
                "kind": Report.AnswerKind.REQUEST,
                "text": "Pouvez-vous voir la CAF avec elle ?",
            },
        )
    assert response.status_code == 302
    sent_report.refresh_from_db()
    entry.refresh_from_db()
    assert entry.rating == ReportEntry.Rating.GOOD
    assert sent_report.answer_kind == Report.AnswerKind.REQUEST
    assert sent_report.read_at and sent_report.answered_at
    notice = trainer.notifications.get()
    assert "demande" in notice.text

    # The trainer's home shows the answer.
    request = RequestFactory().get("/")
    request.user = trainer
    html = render_to_string("reports/_trainer_home.html", home.trainer_home(trainer), request)
    assert "Pouvez-vous voir la CAF avec elle ?" in html
    assert "Amina Rakoto : Ça va bien" in html


def test_a_request_needs_its_text(client, social_worker, sent_report):
    entry = sent_report.entries.get()
    client.force_login(social_worker)
    response = client.post(
        reverse("reports:answer", args=[sent_report.pk]),
        {f"rating_{entry.pk}": "good", "kind": "request", "text": " "},
    )
    assert response.status_code == 200
    assert "Écrivez votre demande." in response.text
    sent_report.refresh_from_db()
    assert sent_report.answered_at is None


def test_a_withdrawal_hides_the_trainee_from_past_reports_of_the_social_worker(
    client, social_worker, coordinator, sent_report, trainee
):
    trainee.sharing = "withdrawn"
    trainee.save()
    client.force_login(social_worker)
    assert "Amina" not in client.get(reverse("reports:detail", args=[sent_report.pk])).text
    client.force_login(coordinator)
    assert "Amina" in client.get(reverse("reports:detail", args=[sent_report.pk])).text


def test_the_coordinator_sees_read_and_answer_rates_per_organisation(
    client, coordinator, social_worker, sent_report, organisation
):
    sent_report.mark_read()
    sent_report.save()
    client.force_login(coordinator)
    (row,) = client.get(reverse("reports:follow_up")).context["rates"]
    assert row["name"] == organisation.name
    assert (row["sent_count"], row["read_rate"], row["answer_rate"]) == (1, 100, 0)


def test_the_social_worker_home_lists_reports_to_read(social_worker, sent_report):
    request = RequestFactory().get("/")
    request.user = social_worker
    context = home.social_worker_home(social_worker)
    assert context["reports_to_read"] == [sent_report]
    html = render_to_string("reports/_social_worker_home.html", context, request)
    assert reverse("reports:detail", args=[sent_report.pk]) in html
    assert "chaque semaine" in html


def test_the_trainer_home_lists_drafts(trainer, draft_report):
    request = RequestFactory().get("/")
    request.user = trainer
    context = home.trainer_home(trainer)
    assert context["report_drafts"] == [draft_report]
    html = render_to_string("reports/_trainer_home.html", context, request)
    assert reverse("reports:detail", args=[draft_report.pk]) in html


def test_home_snippets_cost_the_same_whatever_the_number_of_reports(
    trainer, social_worker, draft_report, sent_report, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        home.trainer_home(trainer)
    with django_assert_max_num_queries(4):
        home.social_worker_home(social_worker)
