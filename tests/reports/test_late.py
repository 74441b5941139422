"""Drafts not sent in time go out as they are; the coordination sees which were late."""

import datetime

from django.urls import reverse
from django.utils import timezone

from parcours.reports import actions, periods
from parcours.reports.models import Report


def _prepared_days_ago(report, days):
    Report.objects.filter(pk=report.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )
    report.refresh_from_db()


def test_the_delay_is_read_from_the_environment_at_call_time(monkeypatch):
    monkeypatch.delenv("REPORT_SEND_DELAY_DAYS", raising=False)
    assert periods.send_delay_days() == periods.DEFAULT_SEND_DELAY_DAYS
    monkeypatch.setenv("REPORT_SEND_DELAY_DAYS", "5")
    assert periods.send_delay_days() == 5
    monkeypatch.setenv("REPORT_SEND_DELAY_DAYS", "soon")
    assert periods.send_delay_days() == periods.DEFAULT_SEND_DELAY_DAYS


def test_a_draft_within_its_delay_waits(draft_report, monkeypatch):
    monkeypatch.setenv("REPORT_SEND_DELAY_DAYS", "3")
    _prepared_days_ago(draft_report, 3)
    assert actions.send_overdue_reports() == 0
    assert not draft_report.is_late


def test_an_overdue_draft_goes_out_as_it_is_and_is_late(
    draft_report, social_worker, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setenv("REPORT_SEND_DELAY_DAYS", "3")
    _prepared_days_ago(draft_report, 4)
    assert draft_report.is_late
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.send_overdue_reports() == 1
    draft_report.refresh_from_db()
    assert draft_report.is_sent and draft_report.sent_automatically
    assert draft_report.sent_by is None
    assert draft_report.is_late
    assert social_worker.notifications.count() == 1
    assert actions.send_overdue_reports() == 0


def test_a_shorter_delay_applies_without_restart(draft_report, monkeypatch):
    _prepared_days_ago(draft_report, 1)
    monkeypatch.setenv("REPORT_SEND_DELAY_DAYS", "0")
    assert actions.send_overdue_reports() == 1


def test_the_coordinator_sees_late_reports(
    client, coordinator, draft_report, sent_report, monkeypatch
):
    monkeypatch.setenv("REPORT_SEND_DELAY_DAYS", "3")
    _prepared_days_ago(draft_report, 10)
    client.force_login(coordinator)
    response = client.get(reverse("reports:follow_up"))
    late = list(response.context["late"])
    assert late == [draft_report]
    assert reverse("reports:detail", args=[draft_report.pk]) in response.text
    assert reverse("reports:detail", args=[sent_report.pk]) not in response.text

    actions.send_overdue_reports()
    late = list(client.get(reverse("reports:follow_up")).context["late"])
    assert late == [draft_report]  # still listed: it went out without review
